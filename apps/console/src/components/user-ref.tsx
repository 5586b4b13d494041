import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-provider';

/**
 * A user named by id. Interim: shows "you" or the id; phase 2 resolves display names through the
 * user directory (GET /directory/users) and the display names the API adds to histories. Plain
 * elements: queues render one per row.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function UserRef({ id, fallback }: { id: string | null | undefined; fallback?: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  if (!id) return <span className="user-ref-none">{fallback ?? t('common.unassigned')}</span>;
  if (id === principal?.userId) return <span className="user-ref-you">{t('common.you')}</span>;
  // Events written by Switchboard itself name a process (`system:escalation`) or a channel (`channel:telegram`).
  if (id === 'system' || id.startsWith('system:')) return <span className="user-ref-none" title={id}>{t('common.system')}</span>;
  if (id.startsWith('channel:')) return <span className="user-ref-none" title={id}>{t(`channel.${id.slice('channel:'.length)}`, { defaultValue: id })}</span>;
  return (
    <span className="user-ref" title={id}>
      {UUID.test(id) ? `${id.slice(0, 8)}…${id.slice(-4)}` : id}
    </span>
  );
}
