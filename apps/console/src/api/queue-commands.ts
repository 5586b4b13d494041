import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from './client';
import { newIdempotencyKey } from './commands';
import type { CommandTarget } from './commands';
import type { Accepted, Priority } from './models';
import { queryKeys } from './queries';
import type { paths } from './schema';

const takeRoutes = { request: '/requests/{id}/take', incident: '/incidents/{id}/take' } as const satisfies Record<CommandTarget['kind'], keyof paths>;
const priorityRoutes = { request: '/requests/{id}/priority', incident: '/incidents/{id}/priority' } as const satisfies Record<
  CommandTarget['kind'],
  keyof paths
>;
const takeNextRoutes = { request: '/requests/take-next', incident: '/incidents/take-next' } as const satisfies Record<CommandTarget['kind'], keyof paths>;

/** One key per intent, kept until it is answered: a retry after a lost answer acts once. */
function useIntentKeys() {
  const keys = useRef(new Map<string, string>());
  return {
    keyFor: (intent: string) => {
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      return key;
    },
    done: (intent: string) => keys.current.delete(intent),
  };
}

/** "Take" on a card and "set priority": commands on the entity as the operator saw it (`If-Match`). */
export function useQueueCommand(target: CommandTarget, onAccepted: (accepted: Accepted) => void) {
  const queryClient = useQueryClient();
  const intents = useIntentKeys();
  return useMutation({
    mutationFn: async (input: { action: 'take' } | { action: 'set-priority'; priority: Priority }) => {
      const intent = `${target.revision}:${input.action}:${input.action === 'take' ? '' : input.priority}`;
      const options = { path: { id: target.id }, headers: { 'Idempotency-Key': intents.keyFor(intent), 'If-Match': `"${target.revision}"` } };
      const answer =
        input.action === 'take'
          ? await call('POST', takeRoutes[target.kind], { ...options, body: {} })
          : await call('POST', priorityRoutes[target.kind], { ...options, body: { priority: input.priority } });
      intents.done(intent);
      return answer.data;
    },
    onSuccess: (accepted) => {
      void queryClient.invalidateQueries({ queryKey: target.kind === 'request' ? queryKeys.requests : queryKeys.incidents });
      onAccepted(accepted);
    },
  });
}

/** "Take next" on a queue: the most urgent, then oldest, item the operator may take (404 when none). */
export function useTakeNext(kind: CommandTarget['kind'], onTaken: (accepted: Accepted) => void) {
  const queryClient = useQueryClient();
  const intents = useIntentKeys();
  return useMutation({
    mutationFn: async (attempt: number) => {
      const intent = `take-next:${attempt}`;
      const answer = await call('POST', takeNextRoutes[kind], { body: {}, headers: { 'Idempotency-Key': intents.keyFor(intent) } });
      intents.done(intent);
      return answer.data;
    },
    onSuccess: (accepted) => {
      void queryClient.invalidateQueries({ queryKey: kind === 'request' ? queryKeys.requests : queryKeys.incidents });
      onTaken(accepted);
    },
  });
}
