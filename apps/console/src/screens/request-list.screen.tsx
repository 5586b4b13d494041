import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueueView } from '../components/queue-view';
import { filtersFromSearch } from './list-filters-from-url';

/** All requests the operator may see, filtered by the link's parameters. */
export default function RequestListScreen() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return <QueueView key={search.toString()} resource="requests" title={t('queue.requests')} initialFilters={filtersFromSearch(search)} />;
}
