import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useAuth } from '../auth/auth-provider';
import { guardsDesk, worksOnlyAtDesk } from '../auth/principal';
import { EmptyState } from '../components/query-state';
import { QueueView } from '../components/queue-view';
import { queuesOf } from '../domain/queues';

/** "My work": the queue of each role the operator has (most have one; a tab per role otherwise); the desk for the desk's roles. */
export default function MyWorkScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const queues = principal ? queuesOf(principal) : [];
  // Guards, concierges and dispatchers start at the desk: they have no help-desk queue.
  if (worksOnlyAtDesk(principal)) return <Navigate to={guardsDesk(principal) ? '/security-desk' : '/passes'} replace />;
  if (queues.length === 0) return <EmptyState>{t('queue.noRole')}</EmptyState>;
  if (queues.length === 1) {
    const [queue] = queues;
    return <QueueView resource={queue.resource} title={t(`queue.${queue.id}`)} initialFilters={queue.filters} />;
  }
  return (
    <Tabs defaultValue={queues[0].id}>
      <Tabs.List>
        {queues.map((q) => (
          <Tabs.Tab key={q.id} value={q.id}>
            {t(`queue.${q.id}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {queues.map((q) => (
        <Tabs.Panel key={q.id} value={q.id} pt="md">
          <QueueView resource={q.resource} title={t(`queue.${q.id}`)} initialFilters={q.filters} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
