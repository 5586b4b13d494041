import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-provider';
import { EmptyState } from '../components/query-state';
import { QueueView } from '../components/queue-view';
import { queuesOf } from '../domain/queues';

/** "My work": the queue of each role the operator has (most have one; a tab per role otherwise). */
export default function MyWorkScreen() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const queues = principal ? queuesOf(principal) : [];
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
