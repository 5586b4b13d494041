import { Affix, Anchor, Button, Notification, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call } from '../api/client';
import type { ScreenPop } from '../api/models';
import { followOperatorEvents } from '../api/operator-events';
import type { EventsState } from '../api/operator-events';
import { isApiError } from '../api/problem';
import { useFormat } from '../i18n/format';
import { ProblemAlert } from './problem-alert';

/** At most this many calls on screen; a newer one pushes the oldest out. */
const MAX_POPS = 3;

/**
 * The operator's live events: while they are signed in, their event stream is followed; every call
 * that rings for them shows as a notification with the caller and our client (a link to the client
 * card), offering to register a request from the call; a request or incident someone else assigned
 * them shows as a notification that opens it. `follow` is replaced in component tests.
 */
export function ScreenPops({ follow = followOperatorEvents }: { follow?: typeof followOperatorEvents }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pops, setPops] = useState<ScreenPop[]>([]);
  const [state, setState] = useState<EventsState>('connecting');
  useEffect(
    () =>
      follow({
        onPop: (pop) => setPops((shown) => [pop, ...shown.filter((p) => p.callId !== pop.callId)].slice(0, MAX_POPS)),
        onAssigned: (notice) => {
          const path = `/${notice.kind === 'request' ? 'requests' : 'incidents'}/${notice.id}`;
          notifications.show({
            color: 'blue',
            title: t('notice.assignedTitle'),
            message: t(`notice.assigned.${notice.kind}`),
            autoClose: 10_000,
            onClick: () => void navigate(path),
            style: { cursor: 'pointer' },
            closeButtonProps: { 'aria-label': t('common.dismiss') },
          });
        },
        onSlaBreached: (notice) => {
          const path = `/${notice.kind === 'request' ? 'requests' : 'incidents'}/${notice.id}`;
          notifications.show({
            color: 'red',
            title: t('sla.breachedTitle'),
            message: t(`sla.breachedNotice.${notice.kind}`),
            autoClose: 15_000,
            onClick: () => void navigate(path),
            style: { cursor: 'pointer' },
            closeButtonProps: { 'aria-label': t('common.dismiss') },
          });
        },
        onState: setState,
      }),
    [follow, navigate, t],
  );
  const dismiss = (callId: string) => setPops((shown) => shown.filter((p) => p.callId !== callId));
  return (
    <>
      <span hidden data-testid="operator-events" data-state={state} />
      {pops.length > 0 && (
        <Affix position={{ top: 64, right: 16 }} zIndex={250}>
          <Stack gap="sm" w={380} component="section" aria-label={t('screenPop.region')}>
            {pops.map((pop) => (
              <ScreenPopNotification key={pop.callId} pop={pop} onDismiss={() => dismiss(pop.callId)} />
            ))}
          </Stack>
        </Affix>
      )}
    </>
  );
}

/** One ringing call: who calls, our client, and "register a request from this call". */
export function ScreenPopNotification({ pop, onDismiss }: { pop: ScreenPop; onDismiss: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const register = useMutation({
    mutationFn: async () => (await call('POST', '/calls/{callId}/request', { path: { callId: pop.callId }, body: {} })).data,
    onSuccess: (registered) => {
      onDismiss();
      const read = registered.position ? `?minPosition=${encodeURIComponent(registered.position)}` : '';
      void navigate(`/requests/${registered.requestId}${read}`);
    },
  });
  // 404: the PBX has not reported the call as answered by this operator (yet).
  const notTaken = isApiError(register.error) && register.error.status === 404;
  return (
    <Notification
      title={t('screenPop.title', { from: pop.from })}
      onClose={onDismiss}
      closeButtonProps={{ 'aria-label': t('screenPop.dismiss') }}
      withBorder
      color="blue"
      data-testid="screen-pop"
      data-call-id={pop.callId}
    >
      <Stack gap={6} mt={4}>
        <Text size="sm">
          {pop.client ? (
            <Anchor component={Link} to={`/clients/${pop.client.id}`} data-testid="screen-pop-client">
              {pop.client.name}
            </Anchor>
          ) : (
            t('screenPop.unknownCaller')
          )}
          {pop.client?.organisation ? ` · ${pop.client.organisation}` : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {t('screenPop.to', { to: pop.to })} · <time dateTime={pop.at}>{f.dateTime(pop.at)}</time>
        </Text>
        {notTaken ? (
          <Text size="xs" c="red.9" role="alert">
            {t('screenPop.notTaken')}
          </Text>
        ) : (
          <ProblemAlert error={register.error} />
        )}
        <Button size="xs" onClick={() => register.mutate()} loading={register.isPending} data-testid="screen-pop-register">
          {t('screenPop.register')}
        </Button>
      </Stack>
    </Notification>
  );
}
