import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderPortalPass, usePortalMe, usePortalPasses } from '../../api/portal';
import { describeProblem } from '../../api/problem';
import { EmptyState, QueryState } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

/** `datetime-local` wants local time without a zone. */
const localInput = (d: Date): string => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Visitor passes for my units: order one (a guest, a delivery, a car), see those ordered. */
export default function PortalPassesScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = usePortalMe();
  const passes = usePortalPasses();
  const order = useOrderPortalPass();
  const units = me.data?.units ?? [];
  const [unitId, setUnitId] = useState<string | null>(null);
  const [kind, setKind] = useState<'one-time' | 'permanent'>('one-time');
  const [visitorName, setVisitorName] = useState('');
  const [plate, setPlate] = useState('');
  const [from, setFrom] = useState(() => localInput(new Date()));
  const [until, setUntil] = useState(() => localInput(new Date(Date.now() + 8 * 3_600_000)));
  const unit = unitId ?? (units.length === 1 ? units[0].unitId : null);
  const ready = Boolean(unit) && (visitorName.trim() !== '' || plate.trim() !== '') && from !== '' && until !== '';
  const send = () => {
    if (!unit || !ready) return;
    order.mutate(
      {
        unitId: unit,
        kind,
        ...(visitorName.trim() ? { visitorName: visitorName.trim() } : {}),
        ...(plate.trim() ? { plate: plate.trim() } : {}),
        validFrom: new Date(from).toISOString(),
        validUntil: new Date(until).toISOString(),
      },
      {
        onSuccess: () => {
          setVisitorName('');
          setPlate('');
        },
      },
    );
  };
  const items = passes.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('portal.passes.title')}
      </Title>
      <Paper withBorder p="sm">
        <Stack gap="xs" component="form" onSubmit={(e) => (e.preventDefault(), send())}>
          <Title order={3} size="h5">
            {t('portal.passes.order')}
          </Title>
          <Select
            label={t('portal.newRequest.unit')}
            data={units.map((u) => ({ value: u.unitId, label: u.label }))}
            value={unit}
            onChange={setUnitId}
            required
            allowDeselect={false}
          />
          <SegmentedControl
            aria-label={t('portal.passes.kind')}
            value={kind}
            onChange={(v) => setKind(v as 'one-time' | 'permanent')}
            data={[
              { value: 'one-time', label: t('desk.kind.one-time') },
              { value: 'permanent', label: t('desk.kind.permanent') },
            ]}
          />
          <TextInput label={t('portal.passes.visitor')} value={visitorName} onChange={(e) => setVisitorName(e.currentTarget.value)} maxLength={200} />
          <TextInput label={t('portal.passes.plate')} value={plate} onChange={(e) => setPlate(e.currentTarget.value)} maxLength={20} />
          <Group grow>
            <TextInput type="datetime-local" label={t('portal.passes.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} required />
            <TextInput type="datetime-local" label={t('portal.passes.until')} value={until} onChange={(e) => setUntil(e.currentTarget.value)} required />
          </Group>
          {order.isError && (
            <Alert color="red" role="alert" title={describeProblem(order.error, t).title}>
              {describeProblem(order.error, t).message}
            </Alert>
          )}
          {order.isSuccess && (
            <Alert color="teal" role="status">
              {t('portal.passes.ordered')}
            </Alert>
          )}
          <Button type="submit" loading={order.isPending} disabled={!ready}>
            {t('portal.passes.submit')}
          </Button>
        </Stack>
      </Paper>
      <Title order={3} size="h5">
        {t('portal.passes.mine')}
      </Title>
      <QueryState isLoading={passes.isLoading} error={passes.error} retry={() => void passes.refetch()}>
        {items.length === 0 ? (
          <EmptyState>{t('portal.passes.none')}</EmptyState>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('portal.passes.mine')}>
            {items.map((p) => (
              <li key={p.id} data-testid="portal-pass">
                <Paper withBorder p="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {[p.visitorName, p.plate].filter(Boolean).join(' · ')}
                    </Text>
                    <Badge variant="filled" color={p.revoked ? 'gray' : p.refusal ? 'orange' : 'teal'}>
                      {p.revoked ? t('portal.passes.revoked') : p.refusal ? t(`desk.refusal.${p.refusal}`) : t('portal.passes.valid')}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {p.unitLabel} · {t(`desk.kind.${p.kind}`)} · <time dateTime={p.validFrom}>{f.dateTime(p.validFrom)}</time> –{' '}
                    <time dateTime={p.validUntil}>{f.dateTime(p.validUntil)}</time>
                  </Text>
                </Paper>
              </li>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
