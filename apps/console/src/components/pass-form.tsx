import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../api/problem';
import { useCreatePass } from '../api/security-desk';
import type { PassBody } from '../api/security-desk';
import { notifications } from '@mantine/notifications';
import { UnitPicker } from './unit-picker';

/** `datetime-local` wants local time without a zone. */
const localInput = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** Order a visitor pass for a unit (concierge, dispatcher): who (name and/or plate), which unit, one-time or for a period. */
export function PassForm({ sites }: { sites: readonly string[] }) {
  const { t } = useTranslation();
  const create = useCreatePass();
  const now = new Date();
  const [siteSlug, setSite] = useState(sites[0] ?? '');
  const [unitId, setUnitId] = useState('');
  const [residentPhone, setPhone] = useState('');
  const [kind, setKind] = useState<PassBody['kind']>('one-time');
  const [visitorName, setName] = useState('');
  const [plate, setPlate] = useState('');
  const [validFrom, setFrom] = useState(localInput(now));
  const [validUntil, setUntil] = useState(localInput(new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59)));
  const [note, setNote] = useState('');
  const error = create.error ? describeProblem(create.error, t) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: PassBody = {
      siteSlug,
      unitId,
      kind,
      validFrom: new Date(validFrom).toISOString(),
      validUntil: new Date(validUntil).toISOString(),
      ...(residentPhone.trim() ? { residentPhone: residentPhone.trim() } : {}),
      ...(visitorName.trim() ? { visitorName: visitorName.trim() } : {}),
      ...(plate.trim() ? { plate: plate.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    create.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('passes.created'), closeButtonProps: { 'aria-label': t('common.dismiss') } });
        setName('');
        setPlate('');
        setNote('');
      },
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="pass-form-title">
      <Stack>
        <Title order={3} size="h4" id="pass-form-title">
          {t('passes.new')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('passes.site')}
            data={[...sites]}
            value={siteSlug}
            onChange={(v) => {
              setSite(v ?? '');
              setUnitId('');
            }}
            allowDeselect={false}
            required
          />
          <SegmentedControl
            aria-label={t('passes.kindLabel')}
            value={kind}
            onChange={(v) => setKind(v as PassBody['kind'])}
            data={[
              { value: 'one-time', label: t('desk.kind.one-time') },
              { value: 'permanent', label: t('desk.kind.permanent') },
            ]}
          />
          <UnitPicker siteSlug={siteSlug} value={unitId} onChange={setUnitId} />
          <TextInput label={t('passes.visitorName')} value={visitorName} onChange={(e) => setName(e.currentTarget.value)} data-testid="pass-visitor" />
          <TextInput label={t('passes.plate')} value={plate} onChange={(e) => setPlate(e.currentTarget.value)} data-testid="pass-plate" />
          <TextInput
            label={t('passes.residentPhone')}
            description={t('passes.residentPhoneHint')}
            type="tel"
            value={residentPhone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            data-testid="pass-phone"
          />
          <TextInput label={t('passes.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <TextInput label={t('passes.validFrom')} type="datetime-local" value={validFrom} onChange={(e) => setFrom(e.currentTarget.value)} required />
          <TextInput label={t('passes.validUntil')} type="datetime-local" value={validUntil} onChange={(e) => setUntil(e.currentTarget.value)} required />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('passes.who')}
        </Text>
        {error && (
          <Text c="red.9" role="alert">
            {error.title}: {error.message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="pass-submit">
            {t('passes.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
