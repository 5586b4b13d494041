import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/connection';

/** Says so when the browser is offline or the API does not answer; goes away when it does again. */
export function ConnectionBanner() {
  const { t } = useTranslation();
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
  if (online && state === 'ok') return null;
  return (
    <Alert color="red" variant="filled" role="alert" radius={0} data-testid="connection-banner">
      {!online ? t('connection.offline') : state === 'api-down' ? t('connection.apiDown') : t('connection.unreachable')}
    </Alert>
  );
}
