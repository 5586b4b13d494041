import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMailings } from '../api/mailings';
import type { MailingStatus } from '../api/mailings';
import { useAuth } from '../auth/auth-provider';
import type { Principal } from '../auth/principal';
import { MailingForm } from '../components/mailing-form';
import { ListTable } from '../components/list-table';
import { QueryState } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { ForbiddenScreen } from './forbidden.screen';

/** Mailings are CommunicationsAdmin's and the departments' HelpDeskManagers' (ADR 0026). */
export const mayRunMailings = (principal: Principal | null | undefined): boolean =>
  Boolean(principal?.roles.some((r) => r === 'HelpDeskManager' || r === 'CommunicationsAdmin'));

// Filled with white text, in the communication badges' colours: every pair passes WCAG AA contrast.
const statusColor: Record<MailingStatus, string> = { DRAFT: 'gray', RUNNING: 'blue', PAUSED: 'violet', CANCELLED: 'dark', COMPLETED: 'teal' };

export function MailingStatusBadge({ status }: { status: MailingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" data-testid="mailing-status">
      {t(`mailings.status.${status}`)}
    </Badge>
  );
}

/** Mailings [Рассылки]: the list, newest first, and a new one. */
export default function MailingsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const { principal } = useAuth();
  const navigate = useNavigate();
  const [creating, create] = useDisclosure(false);
  const allowed = mayRunMailings(principal);
  const list = useMailings();
  if (!allowed) return <ForbiddenScreen />;
  const items = list.data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('mailings.title')}</Title>
        <Button onClick={create.open} data-testid="mailing-new">
          {t('mailings.create.open')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('mailings.intro')}
      </Text>
      <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        <ListTable
          testId="mailing-table"
          caption={t('mailings.title')}
          columns={[t('mailings.name'), t('mailings.statusLabel'), t('mailings.recipients'), t('mailings.department'), t('mailings.createdAt')]}
          empty={t('mailings.empty')}
          isEmpty={items.length === 0}
          minWidth={700}
        >
          {items.map((m) => (
            <Table.Tr key={m.id} data-mailing-id={m.id}>
              <Table.Td>
                <Anchor component={Link} to={`/mailings/${m.id}`}>
                  {m.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <MailingStatusBadge status={m.status} />
              </Table.Td>
              <Table.Td>{m.recipients ?? '—'}</Table.Td>
              <Table.Td>{m.department}</Table.Td>
              <Table.Td>{f.dateTime(m.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryState>
      <MailingForm opened={creating} onClose={create.close} onCreated={(m) => void navigate(`/mailings/${m.id}`)} />
    </Stack>
  );
}
