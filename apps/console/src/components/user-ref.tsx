import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-provider';

/**
 * A user named by id. Interim: shows "you" or the id; phase 2 resolves display names through the
 * user directory (GET /directory/users) and the display names the API adds to histories. Plain
 * elements: queues render one per row.
 */
export function UserRef({ id, fallback }: { id: string | null | undefined; fallback?: string }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  if (!id) return <span className="user-ref-none">{fallback ?? t('common.unassigned')}</span>;
  if (id === principal?.userId) return <span className="user-ref-you">{t('common.you')}</span>;
  if (id === 'system') return <span className="user-ref-none">{t('common.system')}</span>;
  return (
    <span className="user-ref" title={id}>
      {id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id}
    </span>
  );
}
