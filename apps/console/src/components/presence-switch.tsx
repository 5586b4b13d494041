import { Switch } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { PresenceStatus } from '../api/models';
import { notifications } from '@mantine/notifications';

const PRESENCE = ['presence'] as const;
/** At most one activity report a minute, and only after the operator did something. */
const HEARTBEAT_MS = 60_000;

/**
 * The operator's presence in the header: available (automatic assignment may hand them work) or
 * away. While they use the console it reports their activity, so an idle console turns them away
 * after the server's idle timeout, and the switch shows it.
 */
export function PresenceSwitch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const presence = useQuery({
    queryKey: PRESENCE,
    queryFn: async ({ signal }) => (await call('GET', '/me/presence', { signal })).data,
    refetchInterval: HEARTBEAT_MS,
  });
  const set = useMutation({
    mutationFn: async (status: PresenceStatus) => (await call('PUT', '/me/presence', { body: { status } })).data,
    onSuccess: (answer) => queryClient.setQueryData(PRESENCE, answer),
    onError: () => notifications.show({ color: 'red', message: t('presence.failed'), closeButtonProps: { 'aria-label': t('common.dismiss') } }),
  });
  useActivityHeartbeat(presence.data?.status === 'available');
  const status = set.isPending && set.variables ? set.variables : presence.data?.status;
  return (
    <Switch
      data-testid="presence-switch"
      data-status={status ?? 'unknown'}
      checked={status === 'available'}
      disabled={!presence.data || set.isPending}
      onChange={(event) => set.mutate(event.currentTarget.checked ? 'available' : 'away')}
      label={status === 'available' ? t('presence.available') : t('presence.away')}
      aria-label={t('presence.label')}
      color="green"
      size="sm"
    />
  );
}

/** Reports activity (pointer, keys) to the API at most once a minute while the operator is available. */
function useActivityHeartbeat(active: boolean) {
  const last = useRef(0);
  useEffect(() => {
    if (!active) return;
    const onActivity = () => {
      const now = Date.now();
      if (now - last.current < HEARTBEAT_MS) return;
      last.current = now;
      void call('POST', '/me/presence/heartbeat', { body: {} }).catch(() => undefined);
    };
    onActivity();
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity);
    };
  }, [active]);
}
