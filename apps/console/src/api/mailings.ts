import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from './client';
import { newIdempotencyKey } from './commands';
import type { components } from './schema';

type Schemas = components['schemas'];
export type MailingSummary = Schemas['MailingSummary'];
export type MailingCardData = Schemas['Mailing'];
export type MailingBody = Schemas['MailingBody'];
export type MailingStatus = MailingSummary['status'];
export type MailingProgress = Schemas['MailingProgress'];

export const mailingKeys = {
  all: ['mailings'] as const,
  list: ['mailings', 'list'] as const,
  card: (id: string) => ['mailings', 'card', id] as const,
};

/** A running mailing's card refreshes itself: its progress moves in the background. */
const RUNNING_REFRESH_MS = 2_000;

export function useMailings() {
  return useQuery({ queryKey: mailingKeys.list, queryFn: async ({ signal }) => (await call('GET', '/mailings', { signal })).data.items });
}

export function useMailing(id: string) {
  return useQuery({
    queryKey: mailingKeys.card(id),
    queryFn: async ({ signal }) => (await call('GET', '/mailings/{id}', { path: { id }, signal })).data,
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? RUNNING_REFRESH_MS : false),
  });
}

/** Create a draft: one Idempotency-Key per submitted body, so a retry after a lost answer creates one mailing. */
export function useCreateMailing() {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (body: MailingBody) => {
      const intent = JSON.stringify(body);
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const answer = await call('POST', '/mailings', { body, headers: { 'Idempotency-Key': key } });
      keys.current.delete(intent);
      return answer.data;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mailingKeys.all }),
  });
}

export function useStartMailing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await call('POST', '/mailings/{id}/start', { path: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } })).data,
    onSuccess: (data) => {
      queryClient.setQueryData(mailingKeys.card(id), data);
      void queryClient.invalidateQueries({ queryKey: mailingKeys.list });
    },
  });
}

export function useCancelMailing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      (await call('POST', '/mailings/{id}/cancel', { path: { id }, body: reason ? { reason } : {}, headers: { 'Idempotency-Key': newIdempotencyKey() } })).data,
    onSuccess: (data) => {
      queryClient.setQueryData(mailingKeys.card(id), data);
      void queryClient.invalidateQueries({ queryKey: mailingKeys.list });
    },
  });
}

/** Recipients handed on or settled, of all: what the progress bar shows. */
export const handedOn = (p: MailingProgress): number => p.total - p.pending;

/** Pause or resume a mailing (the worker holds or goes on). */
export function usePauseMailing(id: string, paused: boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await call('POST', paused ? '/mailings/{id}/resume' : '/mailings/{id}/pause', { path: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } }))
        .data,
    onSuccess: (data) => {
      queryClient.setQueryData(mailingKeys.card(id), data);
      void queryClient.invalidateQueries({ queryKey: mailingKeys.list });
    },
  });
}
