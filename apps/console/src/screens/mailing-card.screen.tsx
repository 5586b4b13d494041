import { Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { handedOn, useCancelMailing, useMailing, usePauseMailing, useStartMailing } from '../api/mailings';
import type { MailingCardData } from '../api/mailings';
import { DetailRow } from '../components/detail-row';
import { ProblemAlert } from '../components/problem-alert';
import { QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { MailingStatusBadge } from './mailings.screen';

/** One mailing: what and to whom, a progress bar while it runs (refreshed), counts by status, its recipients; start and cancel. */
export default function MailingCardScreen() {
  const { id = '' } = useParams();
  const card = useMailing(id);
  return (
    <QueryState isLoading={card.isLoading} error={card.error} retry={() => void card.refetch()}>
      {card.data && <MailingCardView card={card.data} />}
    </QueryState>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The audience in words: every filter given, joined by "and". */
export function audienceText(audience: Record<string, unknown>, t: Translate): string {
  const a = audience as { department?: string; serviceCode?: number; tags?: { match: 'any' | 'all'; values: string[] }; order?: { codePrefix?: string } };
  const parts = [
    ...(a.department ? [`${t('mailings.audience.department')}: ${a.department}`] : []),
    ...(a.serviceCode !== undefined ? [`${t('mailings.audience.service')}: ${a.serviceCode}`] : []),
    ...(a.tags ? [`${t('mailings.audience.tags')} (${t(`mailings.audience.${a.tags.match}`)}): ${a.tags.values.join(', ')}`] : []),
    ...(a.order ? [a.order.codePrefix ? `${t('mailings.audience.orderPrefix')}: ${a.order.codePrefix}` : t('mailings.audience.hasOrder')] : []),
  ];
  return parts.join(` ${t('mailings.audience.and')} `);
}

const counts = ['pending', 'queued', 'sent', 'delivered', 'failed', 'blocked', 'cancelled', 'skipped'] as const;

function MailingCardView({ card }: { card: MailingCardData }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [reason, setReason] = useState('');
  const start = useStartMailing(card.id);
  const cancel = useCancelMailing(card.id);
  const pause = usePauseMailing(card.id, card.status === 'PAUSED');
  const p = card.progress;
  const percent = p.total > 0 ? Math.round((handedOn(p) / p.total) * 100) : card.status === 'COMPLETED' ? 100 : 0;
  const cancellable = card.status === 'DRAFT' || card.status === 'RUNNING' || card.status === 'PAUSED';
  return (
    <Stack data-testid="mailing-card">
      <Group justify="space-between">
        <Title order={2}>{card.name}</Title>
        <MailingStatusBadge status={card.status} />
      </Group>
      <Paper withBorder p="md" component="section" aria-label={t('mailings.progress')}>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('mailings.progress')}</Text>
          <Text size="sm" data-testid="mailing-progress-text">
            {t('mailings.progressText', { done: handedOn(p), total: p.total, percent })}
          </Text>
        </Group>
        <Progress value={percent} size="lg" animated={card.status === 'RUNNING'} aria-label={t('mailings.progress')} data-testid="mailing-progress" />
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md">
          {counts.map((k) => (
            <div key={k}>
              <Text size="xs" c="dimmed">
                {t(`mailings.counts.${k}`)}
              </Text>
              <Text fw={600} data-testid={`mailing-count-${k}`}>
                {p[k]}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" component="section" aria-label={t('details.title')}>
        <Table fz="sm" variant="vertical" layout="fixed">
          <Table.Tbody>
            <DetailRow label={t('mailings.department')}>{card.department}</DetailRow>
            <DetailRow label={t('mailings.template')}>{card.templateId}</DetailRow>
            <DetailRow label={t('communications.type')}>
              {t(`communications.types.${card.communicationType}`, { defaultValue: card.communicationType })}
            </DetailRow>
            <DetailRow label={t('mailings.channel')}>{card.channel ? t(`communications.channels.${card.channel}`) : t('mailings.channelPreferred')}</DetailRow>
            <DetailRow label={t('mailings.audience.title')}>{audienceText(card.audience, t)}</DetailRow>
            <DetailRow label={t('mailings.startAt')}>{card.startAt ? f.dateTime(card.startAt) : t('mailings.scheduleNow')}</DetailRow>
            <DetailRow label={t('mailings.perMinute')}>{card.perMinute}</DetailRow>
          </Table.Tbody>
        </Table>
      </Paper>
      {(start.error || cancel.error || pause.error) && <ProblemAlert error={start.error ?? cancel.error ?? pause.error} />}
      <Group>
        {card.status === 'DRAFT' && (
          <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="mailing-start">
            {t('mailings.start')}
          </Button>
        )}
        {(card.status === 'RUNNING' || card.status === 'PAUSED') && (
          <Button variant="default" onClick={() => pause.mutate()} loading={pause.isPending} data-testid="mailing-pause">
            {card.status === 'PAUSED' ? t('mailings.resume') : t('mailings.pause')}
          </Button>
        )}
        {cancellable && (
          <>
            <TextInput
              placeholder={t('mailings.cancelReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              aria-label={t('mailings.cancelReason')}
            />
            <Button color="red" variant="light" onClick={() => cancel.mutate(reason)} loading={cancel.isPending} data-testid="mailing-cancel">
              {t('mailings.cancel')}
            </Button>
          </>
        )}
      </Group>
      <Paper withBorder p="md" component="section" aria-label={t('mailings.recipientsTitle')}>
        <Title order={3} size="h5" mb="xs">
          {t('mailings.recipientsTitle')}
        </Title>
        {card.recipientsPage.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {card.status === 'DRAFT' ? t('mailings.recipientsNotYet') : t('mailings.recipientsNone')}
          </Text>
        ) : (
          <Table fz="sm" striped data-testid="mailing-recipients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('communications.client')}</Table.Th>
                <Table.Th scope="col">{t('mailings.statusLabel')}</Table.Th>
                <Table.Th scope="col">{t('mailings.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.recipientsPage.items.map((r) => (
                <Table.Tr key={r.clientId}>
                  <Table.Td>{r.seq}</Table.Td>
                  <Table.Td>{r.clientId}</Table.Td>
                  <Table.Td>{t(`mailings.recipientStatus.${r.status}`, { defaultValue: r.status })}</Table.Td>
                  <Table.Td>{r.reason ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
