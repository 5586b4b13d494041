import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { communicationStatuses, useCommunications } from '../api/communications';
import { useAuth } from '../auth/auth-provider';
import type { CommunicationStatus } from '../api/communications';
import { CommunicationStatusBadge } from '../components/communication-status-badge';
import { EmptyState, QueryState } from '../components/query-state';
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
        <Paper withBorder p="md">
          {items.length === 0 ? (
            <EmptyState>{t('communications.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover data-testid="communication-table">
                <Table.Caption>{t('communications.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('communications.text')}</Table.Th>
                    <Table.Th scope="col">{t('communications.statusLabel')}</Table.Th>
                    <Table.Th scope="col">{t('communications.type')}</Table.Th>
                    <Table.Th scope="col">{t('communications.channel')}</Table.Th>
                    <Table.Th scope="col">{t('communications.department')}</Table.Th>
                    <Table.Th scope="col">{t('communications.requestedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
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
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </QueryState>
      <SendCommunicationDialog opened={sending} onClose={send.close} />
    </Stack>
  );
}
