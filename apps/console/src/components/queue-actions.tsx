import { Button, Group, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CommandTarget } from '../api/commands';
import { priorities } from '../api/models';
import type { Accepted, Priority } from '../api/models';
import { isApiError } from '../api/problem';
import { useQueueCommand, useTakeNext } from '../api/queue-commands';
import { useAuth } from '../auth/auth-provider';
import type { Principal } from '../auth/principal';
import { ConflictAlert } from './conflict-alert';
import { notifyDone } from './notify';
import { ProblemAlert } from './problem-alert';

type Kind = CommandTarget['kind'];

/** Who works a queue of this kind: help-desk operators take requests, L3 engineers incidents. */
export function worksQueue(principal: Principal | null | undefined, kind: Kind): boolean {
  const roles = kind === 'request' ? ['HelpDeskUser', 'HelpDeskManager'] : ['SL3User', 'SL3Manager'];
  return Boolean(principal?.roles.some((role) => roles.includes(role)));
}

interface QueueItem {
  readonly id: string;
  readonly revision: number;
  readonly state: string;
  readonly priority: Priority;
  readonly assigneeId: string | null;
  readonly access: 'full' | 'read';
  /** What the API accepts from this operator now: "take" and "set-priority" are shown here. */
  readonly allowedActions: readonly string[];
}

/**
 * "Take" and the priority on a card, when the API lists them in `allowedActions` (take: an
 * unassigned NEW item to whoever works its queue; priority: its managers); 409 (someone took it first)
 * shows through the card's conflict alert, with the reload.
 */
export function QueueCardActions({
  kind,
  item,
  onAccepted,
  reload,
}: {
  kind: Kind;
  item: QueueItem;
  onAccepted: (position: string | undefined) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const command = useQueueCommand({ kind, id: item.id, revision: item.revision }, (accepted: Accepted) => onAccepted(accepted.position ?? undefined));
  const canTake = item.allowedActions.includes('take');
  const canSetPriority = item.allowedActions.includes('set-priority');
  if (!canTake && !canSetPriority) return null;
  const run = (input: Parameters<typeof command.mutateAsync>[0]) =>
    command.mutateAsync(input).then(
      () => notifyDone(t, input.action),
      () => undefined,
    );
  const conflict = isApiError(command.error) && command.error.status === 409;
  return (
    <Stack gap="xs" data-testid="queue-actions">
      <ConflictAlert
        error={command.error}
        onReload={() => {
          command.reset();
          reload();
        }}
      />
      <Group gap="xs" align="flex-end">
        {canTake && (
          <Button size="sm" onClick={() => void run({ action: 'take' })} loading={command.isPending && command.variables?.action === 'take'} data-action="take">
            {t('action.take')}
          </Button>
        )}
        {canSetPriority && (
          <Select
            label={t('priority.label')}
            size="sm"
            w={160}
            data={priorities.map((p) => ({ value: p, label: `${p} · ${t(`priority.${p}`)}` }))}
            value={item.priority}
            allowDeselect={false}
            disabled={command.isPending}
            onChange={(value) => value && value !== item.priority && void run({ action: 'set-priority', priority: value as Priority })}
            data-testid="priority-select"
          />
        )}
      </Group>
      {conflict ? null : <ProblemAlert error={command.error} />}
    </Stack>
  );
}

/** "Take next" on a queue screen: takes the most urgent, then oldest, item and opens its card. */
export function TakeNextButton({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { principal } = useAuth();
  const [attempt, setAttempt] = useState(0);
  const takeNext = useTakeNext(kind, (accepted) => {
    setAttempt((n) => n + 1);
    notifyDone(t, 'take');
    void navigate(`/${kind === 'request' ? 'requests' : 'incidents'}/${accepted.id}?minPosition=${encodeURIComponent(accepted.position ?? '')}`);
  });
  if (!worksQueue(principal, kind)) return null;
  return (
    <Button
      onClick={() =>
        void takeNext.mutateAsync(attempt).catch((error: unknown) => {
          setAttempt((n) => n + 1);
          if (isApiError(error) && error.status === 404) {
            notifications.show({ color: 'gray', message: t('queue.nothingToTake'), closeButtonProps: { 'aria-label': t('common.dismiss') } });
          } else {
            notifications.show({ color: 'red', message: t('queue.takeNextFailed'), closeButtonProps: { 'aria-label': t('common.dismiss') } });
          }
        })
      }
      loading={takeNext.isPending}
      data-action="take-next"
    >
      {t('action.take-next')}
    </Button>
  );
}
