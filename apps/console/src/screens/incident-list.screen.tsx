import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueueView } from '../components/queue-view';
import { filtersFromSearch } from './list-filters-from-url';

/** All incidents the operator may see, filtered by the link's parameters. */
export default function IncidentListScreen() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return <QueueView key={search.toString()} resource="incidents" title={t('queue.incidents')} initialFilters={filtersFromSearch(search)} />;
}
