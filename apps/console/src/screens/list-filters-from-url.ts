import { listSorts } from '../api/models';
import type { ListSort } from '../api/models';
import type { ListFilters } from '../components/queue-filters';

/** Filters named in a link (Grafana's data links: `?assignee=<user id>`, `?service=<code>`, `?state=NEW,IN_PROGRESS`, `?priority=P1,P2`, `?sort=dueAt`, `?breached=true`). */
export function filtersFromSearch(search: URLSearchParams): ListFilters {
  const list = (name: string) =>
    search
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const service = Number(search.get('service'));
  return {
    state: list('state').length ? (list('state') as never) : undefined,
    priority: list('priority').length ? (list('priority') as never) : undefined,
    channel: list('channel').length ? (list('channel') as never) : undefined,
    assignee: search.get('assignee') || undefined,
    clientId: search.get('clientId') || undefined,
    q: search.get('q') || undefined,
    service: Number.isInteger(service) && service > 0 ? service : undefined,
    ...(search.get('breached') === 'true' ? { breached: true } : {}),
    ...((listSorts as readonly string[]).includes(search.get('sort') ?? '') ? { sort: search.get('sort') as ListSort } : {}),
  };
}
