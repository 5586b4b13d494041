import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser } from '../api/models';
import { useDirectory } from '../api/queries';
import { useAuth } from '../auth/auth-provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NO_ONE: ReadonlyMap<string, DirectoryUser> = new Map();
const DirectoryIndex = createContext<ReadonlyMap<string, DirectoryUser>>(NO_ONE);

/**
 * The user directory (the operator's departments and work groups) by id and username, read once for
 * the whole console: a queue's rows look names up in it without a query each.
 */
export function DirectoryNamesProvider({ children }: { children: ReactNode }) {
  const directory = useDirectory();
  const index = useMemo(() => new Map((directory.data ?? []).flatMap((u) => [[u.id, u] as const, [u.username, u] as const])), [directory.data]);
  return <DirectoryIndex.Provider value={index}>{children}</DirectoryIndex.Provider>;
}

/** A user's display name from the directory, when it has them. */
export function useDisplayName(id: string | null | undefined): string | undefined {
  const index = useContext(DirectoryIndex);
  return id ? index.get(id)?.displayName : undefined;
}

/**
 * A user named by id: "you", the name the API gave with the id (`name`, e.g. a history's `byName`),
 * the directory's display name, or a shortened id with the full one as its title. Events written by
 * Switchboard itself name a process (`system:…`) or a channel (`channel:telegram`). Plain elements:
 * queues render one per row.
 */
export function UserRef({ id, name, fallback }: { id: string | null | undefined; name?: string | null; fallback?: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const known = useDisplayName(id);
  if (!id) return <span className="user-ref-none">{fallback ?? t('common.unassigned')}</span>;
  if (id === principal?.userId)
    return (
      <span className="user-ref-you" title={principal.name || principal.username}>
        {t('common.you')}
      </span>
    );
  if (id === 'system' || id.startsWith('system:'))
    return (
      <span className="user-ref-none" title={id}>
        {t('common.system')}
      </span>
    );
  if (id.startsWith('channel:'))
    return (
      <span className="user-ref-none" title={id}>
        {t(`channel.${id.slice('channel:'.length)}`, { defaultValue: id })}
      </span>
    );
  const displayName = known ?? (name && name !== id ? name : undefined);
  if (displayName) return <span title={id}>{displayName}</span>;
  return (
    <span className="user-ref" title={id}>
      {UUID.test(id) ? `${id.slice(0, 8)}…${id.slice(-4)}` : id}
    </span>
  );
}
