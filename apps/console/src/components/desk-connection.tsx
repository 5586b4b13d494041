import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/connection';
import { deskQueue } from '../api/security-desk';
import { useDeskQueue } from '../api/desk-queue';

/** Whether the browser is online, as it says and as the API's last answer says. */
export function useOnline(): boolean {
  const state = useConnectionState();
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online && state !== 'offline';
}

/** The desk's connection and its outbox: "offline — N queued" while steps wait for the connection. */
export function DeskConnection() {
  const { t } = useTranslation();
  const online = useOnline();
  const { queued } = useDeskQueue(deskQueue);
  const count = queued.length;
  const text = !online ? t('desk.offline', { count }) : count > 0 ? t('desk.sending', { count }) : t('desk.online');
  return (
    <Badge size="xl" color={!online ? 'red' : count > 0 ? 'violet' : 'teal'} variant="filled" role="status" aria-live="polite" data-testid="desk-connection">
      {text}
    </Badge>
  );
}
