import { Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { communicationKeys, useClientAvailability } from '../api/communications';
import type { ClientAvailability } from '../api/communications';
import { useAuth } from '../auth/auth-provider';
import { useFormat } from '../i18n/format';
import { notifyDone } from './notify';
import { ProblemAlert } from './problem-alert';
import { QueryState } from './query-state';

/** The client's availability for communication [Доступность для коммуникации] on the client card: status, quiet hours, language, marketing opt-out, and who changed it. */
export function ClientAvailabilityPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const availability = useClientAvailability(clientId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="client-availability-title" data-testid="client-availability">
      <Title order={3} size="h4" id="client-availability-title" mb="sm">
        {t('availability.title')}
      </Title>
      <QueryState isLoading={availability.isLoading} error={availability.error} retry={() => void availability.refetch()}>
        {availability.data && <AvailabilityForm key={availability.data.version} availability={availability.data} />}
      </QueryState>
    </Paper>
  );
}

function AvailabilityForm({ availability }: { availability: ClientAvailability }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const { principal } = useAuth();
  const writable = Boolean(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'CommunicationsAdmin'));
  const [status, setStatus] = useState(availability.status);
  const [language, setLanguage] = useState(availability.language);
  const [marketingOff, setMarketingOff] = useState(availability.optedOut.includes('marketing'));
  const [quietStart, setQuietStart] = useState(availability.quietHours?.start ?? '');
  const [quietEnd, setQuietEnd] = useState(availability.quietHours?.end ?? '');
  const [timeZone, setTimeZone] = useState(availability.quietHours?.timeZone ?? 'Europe/Moscow');
  const save = useMutation({
    mutationFn: async () =>
      call('PUT', '/clients/{id}/availability', {
        path: { id: availability.clientId },
        body: {
          status,
          language,
          blockedPeriods: availability.blockedPeriods,
          optedOut: [...availability.optedOut.filter((o) => o !== 'marketing'), ...(marketingOff ? ['marketing'] : [])],
          ...(quietStart && quietEnd ? { quietHours: { start: quietStart, end: quietEnd, timeZone } } : {}),
        },
        headers: { 'If-Match': `"${availability.version}"` },
      }),
    onSuccess: () => {
      notifyDone(t, 'saveAvailability');
      void queryClient.invalidateQueries({ queryKey: communicationKeys.availability(availability.clientId) });
    },
  });
  return (
    <Stack gap="sm">
      <ProblemAlert error={save.error} />
      <Group>
        <Select
          label={t('availability.status')}
          data={(['active', 'blocked'] as const).map((s) => ({ value: s, label: t(`availability.statuses.${s}`) }))}
          value={status}
          onChange={(v) => setStatus((v ?? 'active') as 'active' | 'blocked')}
          allowDeselect={false}
          disabled={!writable}
          w={180}
          data-testid="availability-status"
        />
        <Select
          label={t('availability.language')}
          data={[
            { value: 'ru', label: 'Русский' },
            { value: 'en', label: 'English' },
          ]}
          value={language}
          onChange={(v) => setLanguage((v ?? 'ru') as 'ru' | 'en')}
          allowDeselect={false}
          disabled={!writable}
          w={140}
        />
      </Group>
      <Group>
        <TextInput
          label={t('availability.quietFrom')}
          placeholder="22:00"
          value={quietStart}
          onChange={(e) => setQuietStart(e.currentTarget.value)}
          disabled={!writable}
          w={110}
        />
        <TextInput
          label={t('availability.quietTo')}
          placeholder="08:00"
          value={quietEnd}
          onChange={(e) => setQuietEnd(e.currentTarget.value)}
          disabled={!writable}
          w={110}
        />
        <TextInput label={t('availability.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} disabled={!writable} w={200} />
      </Group>
      <Checkbox
        label={t('availability.marketingOptOut')}
        checked={marketingOff}
        onChange={(e) => setMarketingOff(e.currentTarget.checked)}
        disabled={!writable}
        data-testid="availability-marketing"
      />
      {availability.blockedPeriods.length > 0 && (
        <Text size="sm">
          {t('availability.blockedPeriods')}: {availability.blockedPeriods.map((p) => `${f.dateTime(p.from)} – ${p.to ? f.dateTime(p.to) : '∞'}`).join('; ')}
        </Text>
      )}
      {writable && (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="availability-save">
            {t('common.save')}
          </Button>
        </Group>
      )}
      {availability.changes.length > 0 && (
        <Table fz="xs" data-testid="availability-changes">
          <Table.Caption>{t('availability.changes')}</Table.Caption>
          <Table.Tbody>
            {availability.changes.map((c) => (
              <Table.Tr key={c.version}>
                <Table.Td>{f.dateTime(c.at)}</Table.Td>
                <Table.Td>{c.by}</Table.Td>
                <Table.Td>
                  <Badge variant="filled" color="gray" size="sm">
                    {t(`availability.change.${c.change}`, { defaultValue: c.change })}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
