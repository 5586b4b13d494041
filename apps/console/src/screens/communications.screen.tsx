import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { communicationStatuses, useCommunications } from '../api/communications';
import { useAuth } from '../auth/auth-provider';
import type { CommunicationStatus } from '../api/communications';
import { CommunicationStatusBadge } from '../components/communication-status-badge';
import { ListTable } from '../components/list-table';
import { QueryState } from '../components/query-state';
import { SendCommunicationDialog } from '../components/send-communication-dialog';
import { useFormat } from '../i18n/format';

/** Communications [Коммуникации] of the operator's departments, newest first, by status; send or book one. */
export default function CommunicationsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<CommunicationStatus | null>(null);
  const [sending, send] = useDisclosure(false);
  const { principal } = useAuth();
  const settings = Boolean(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'CommunicationsAdmin'));
  const list = useCommunications({ status });
  const items = list.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('communications.title')}</Title>
        <Group gap="xs">
          {settings && (
            <Button component={Link} to="/communication-settings" variant="default">
              {t('nav.communicationSettings')}
            </Button>
          )}
          <Button onClick={send.open} data-testid="communication-send">
            {t('communications.send.open')}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('communications.intro')}
      </Text>
      <Select
        label={t('communications.statusFilter')}
        placeholder={t('communications.anyStatus')}
        data={communicationStatuses.map((s) => ({ value: s, label: t(`communications.status.${s}`) }))}
        value={status}
        onChange={(value) => setStatus(value as CommunicationStatus | null)}
        clearable
        w={260}
        data-testid="communication-status-filter"
      />
      <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        <ListTable
          testId="communication-table"
          caption={t('communications.title')}
          columns={[
            t('communications.text'),
            t('communications.statusLabel'),
            t('communications.type'),
            t('communications.channel'),
            t('communications.department'),
            t('communications.requestedAt'),
          ]}
          empty={t('communications.empty')}
          isEmpty={items.length === 0}
          minWidth={800}
        >
          {items.map((c) => (
            <Table.Tr key={c.id} data-communication-id={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/communications/${c.id}`}>
                  {c.text.length > 80 ? `${c.text.slice(0, 80)}…` : c.text}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <CommunicationStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>{t(`communications.types.${c.communicationType}`, { defaultValue: c.communicationType })}</Table.Td>
              <Table.Td>{c.channel ? t(`communications.channels.${c.channel}`) : '—'}</Table.Td>
              <Table.Td>{c.department}</Table.Td>
              <Table.Td>{f.dateTime(c.requestedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryState>
      <SendCommunicationDialog opened={sending} onClose={send.close} />
    </Stack>
  );
}
