import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from './client';
import type { RouteOf } from './client';
import type { Accepted, IncidentAction, RequestAction } from './models';
import { queryKeys } from './queries';

// Each action the API may list in `allowedActions` is the route it names (a missing one fails the typecheck).
const requestRoutes: Record<RequestAction, RouteOf<'POST'>> = {
  assign: '/requests/{id}/assign',
  take: '/requests/{id}/take',
  'set-priority': '/requests/{id}/priority',
  'link-client': '/requests/{id}/link-client',
  'link-order': '/requests/{id}/link-order',
  reply: '/requests/{id}/reply',
  escalate: '/requests/{id}/escalate',
  close: '/requests/{id}/close',
};

const incidentRoutes: Record<IncidentAction, RouteOf<'POST'>> = {
  assign: '/incidents/{id}/assign',
  take: '/incidents/{id}/take',
  'set-priority': '/incidents/{id}/priority',
  start: '/incidents/{id}/start',
  hold: '/incidents/{id}/hold',
  resume: '/incidents/{id}/resume',
  narrative: '/incidents/{id}/narrative',
  resolve: '/incidents/{id}/resolve',
  reopen: '/incidents/{id}/reopen',
  close: '/incidents/{id}/close',
  unlink: '/incidents/{id}/unlink',
};

/** A v4 uuid, also outside secure contexts (plain http on a LAN address has no randomUUID). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type CommandTarget =
  { readonly kind: 'request'; readonly id: string; readonly revision: number } | { readonly kind: 'incident'; readonly id: string; readonly revision: number };

export interface CommandInput<A extends string> {
  readonly action: A;
  readonly body?: object;
  /** The revision the operator decided on (when the dialog opened); the one on screen by default. */
  readonly revision?: number;
}

/**
 * Sends a command on a request or incident as the operator saw it: `If-Match` carries the revision
 * the operator decided on (a dialog keeps the one it opened with, so a change that arrives by live
 * refresh while they type still gets 409, never a silent overwrite) and `Idempotency-Key` names the
 * intent (the same submission retried after a lost answer reuses its key, so it acts once). On
 * success the lists are refreshed and `onAccepted` gets the position to read the write with.
 */
export function useEntityCommand<A extends string>(target: CommandTarget, onAccepted: (accepted: Accepted, input: CommandInput<A>) => void) {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (input: CommandInput<A>) => {
      const revision = input.revision ?? target.revision;
      const intent = `${revision}:${input.action}:${JSON.stringify(input.body ?? {})}`;
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const route = target.kind === 'request' ? requestRoutes[input.action as RequestAction] : incidentRoutes[input.action as IncidentAction];
      // The dialogs build each action's body; the route is one of several here, so its body type is theirs.
      const answer = await call('POST', route, {
        path: { id: target.id },
        body: (input.body ?? {}) as never,
        headers: { 'Idempotency-Key': key, 'If-Match': `"${revision}"` },
      });
      keys.current.delete(intent);
      return answer.data as Accepted;
    },
    onSuccess: (accepted, input) => {
      void queryClient.invalidateQueries({ queryKey: target.kind === 'request' ? queryKeys.requests : queryKeys.incidents });
      onAccepted(accepted, input);
    },
  });
}
