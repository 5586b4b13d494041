import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCancelCommunication, useCommunication } from '../api/communications';
import type { CommunicationCard } from '../api/communications';
import { CommunicationStatusBadge } from '../components/communication-status-badge';
import { DetailRow } from '../components/detail-row';
import { notifyDone } from '../components/notify';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';

/** One communication: what, to whom, by which channel, and every decision about it (history); cancel a booking. */
export default function CommunicationCardScreen() {
  const { id = '' } = useParams();
  const card = useCommunication(id);
  return (
    <QueryState isLoading={card.isLoading} error={card.error} retry={() => void card.refetch()}>
      {card.data && <CommunicationCardView card={card.data} />}
    </QueryState>
  );
}

/** What an event says besides who and when, in a line. */
const detailOf = (data: Record<string, unknown>): string =>
  Object.entries(data)
    .filter(([key, value]) => key !== 'message' && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');

function CommunicationCardView({ card }: { card: CommunicationCard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [reason, setReason] = useState('');
  const cancel = useCancelCommunication(card.id);
  return (
    <Stack data-testid="communication-card">
      <Group justify="space-between">
        <Title order={2}>{t('communications.card.title')}</Title>
        <CommunicationStatusBadge status={card.status} />
      </Group>
      <Paper withBorder p="md" component="section" aria-label={t('details.title')}>
        <Table fz="sm" variant="vertical" layout="fixed">
          <Table.Tbody>
            <DetailRow label={t('communications.text')}>{card.text}</DetailRow>
            <DetailRow label={t('communications.client')}>{card.clientId}</DetailRow>
            <DetailRow label={t('communications.department')}>{card.department}</DetailRow>
            <DetailRow label={t('communications.type')}>
              {t(`communications.types.${card.communicationType}`, { defaultValue: card.communicationType })}
            </DetailRow>
            <DetailRow label={t('communications.channel')}>
              {card.channel ? `${t(`communications.channels.${card.channel}`)} · ${card.address ?? ''}` : '—'}
            </DetailRow>
            {card.bookedUntil && <DetailRow label={t('communications.bookedUntil')}>{f.dateTime(card.bookedUntil)}</DetailRow>}
          </Table.Tbody>
        </Table>
      </Paper>
      {card.mayCancel && (
        <Paper withBorder p="md" component="section" aria-label={t('communications.card.cancel')}>
          <ProblemAlert error={cancel.error} />
          <Group align="flex-end">
            <TextInput label={t('communications.card.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={360} />
            <Button
              color="red"
              loading={cancel.isPending}
              onClick={() => cancel.mutate(reason, { onSuccess: () => notifyDone(t, 'cancelCommunication') })}
              data-testid="communication-cancel"
            >
              {t('communications.card.cancel')}
            </Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="communication-history-title">
        <Title order={3} size="h4" id="communication-history-title" mb="sm">
          {t('communications.card.history')}
        </Title>
        <Table fz="sm" data-testid="communication-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('communications.card.when')}</Table.Th>
              <Table.Th scope="col">{t('communications.card.event')}</Table.Th>
              <Table.Th scope="col">{t('communications.card.by')}</Table.Th>
              <Table.Th scope="col">{t('communications.card.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {card.history.map((h) => (
              <Table.Tr key={h.revision}>
                <Table.Td>{f.dateTime(h.at)}</Table.Td>
                <Table.Td>{t(`communications.events.${h.type}`, { defaultValue: h.type })}</Table.Td>
                <Table.Td>{h.by}</Table.Td>
                <Table.Td>
                  <Text size="xs">{detailOf(h.data)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
