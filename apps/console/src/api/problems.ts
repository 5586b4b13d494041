import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from './client';
import { newIdempotencyKey } from './commands';
import type { Accepted, ProblemState } from './models';
import { LIVE_REFRESH_MS, queryKeys } from './queries';

export const problemKeys = {
  all: ['problems'] as const,
  problem: (id: string) => ['problem', id] as const,
};

/** Problems, newest first; `requestId` / `incidentId` find the one a card's request or incident is in. */
export function useProblems(filters: { state?: ProblemState[]; requestId?: string; incidentId?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: [...problemKeys.all, filters],
    queryFn: async ({ signal }) => (await call('GET', '/problems', { query: filters, signal })).data.items,
    refetchInterval: LIVE_REFRESH_MS,
    enabled,
  });
}

export function useProblem(id: string, minPosition?: string) {
  return useQuery({
    queryKey: [...problemKeys.problem(id), minPosition ?? null],
    queryFn: async ({ signal }) => {
      const answer = await call('GET', '/problems/{id}', { path: { id }, query: { minPosition }, signal });
      return answer.data;
    },
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export type ProblemCommand =
  | { readonly action: 'open'; readonly serviceCode: number; readonly title: string }
  | { readonly action: 'link-requests' | 'link-incidents'; readonly problemId: string; readonly ids: readonly string[] }
  | { readonly action: 'resolve'; readonly problemId: string; readonly resolution: string; readonly revision: number }
  | { readonly action: 'close'; readonly problemId: string; readonly resolution?: string; readonly revision: number };

/**
 * A manager's command on a problem. The key names the intent (kept until it is answered: a retry
 * acts once); resolve and close carry the revision the manager saw (`If-Match`).
 */
export function useProblemCommand(onAccepted: (accepted: Accepted, command: ProblemCommand) => void) {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (command: ProblemCommand) => {
      const intent = JSON.stringify(command);
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const headers = { 'Idempotency-Key': key };
      let answer: { data: Accepted };
      switch (command.action) {
        case 'open':
          answer = await call('POST', '/problems', { body: { serviceCode: command.serviceCode, title: command.title }, headers });
          break;
        case 'link-requests':
          answer = await call('POST', '/problems/{id}/requests', { path: { id: command.problemId }, body: { ids: [...command.ids] }, headers });
          break;
        case 'link-incidents':
          answer = await call('POST', '/problems/{id}/incidents', { path: { id: command.problemId }, body: { ids: [...command.ids] }, headers });
          break;
        case 'resolve':
          answer = await call('POST', '/problems/{id}/resolve', {
            path: { id: command.problemId },
            body: { resolution: command.resolution },
            headers: { ...headers, 'If-Match': `"${command.revision}"` },
          });
          break;
        case 'close':
          answer = await call('POST', '/problems/{id}/close', {
            path: { id: command.problemId },
            body: command.resolution ? { resolution: command.resolution } : {},
            headers: { ...headers, 'If-Match': `"${command.revision}"` },
          });
          break;
      }
      keys.current.delete(intent);
      return answer.data;
    },
    onSuccess: (accepted, command) => {
      void queryClient.invalidateQueries({ queryKey: problemKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.requests });
      onAccepted(accepted, command);
    },
  });
}

const THRESHOLDS = ['problem-thresholds'] as const;

/** When incidents open a problem automatically: the default and the services with their own. */
export function useProblemThresholds(enabled = true) {
  return useQuery({
    queryKey: THRESHOLDS,
    queryFn: async ({ signal }) => (await call('GET', '/problem-thresholds', { signal })).data,
    enabled,
  });
}

/** A manager sets a service's own threshold, or drops it (`incidents` absent). */
export function useSetProblemThreshold(onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { serviceCode: number; incidents?: number; windowMinutes?: number }) => {
      if (input.incidents === undefined || input.windowMinutes === undefined) {
        await call('DELETE', '/problem-thresholds/{serviceCode}', { path: { serviceCode: String(input.serviceCode) } });
        return;
      }
      await call('PUT', '/problem-thresholds/{serviceCode}', {
        path: { serviceCode: String(input.serviceCode) },
        body: { incidents: input.incidents, windowMinutes: input.windowMinutes },
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: THRESHOLDS });
      onDone();
    },
  });
}
