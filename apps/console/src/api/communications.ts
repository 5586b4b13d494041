import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from './client';
import { newIdempotencyKey } from './commands';
import type { components } from './schema';

type Schemas = components['schemas'];
export type CommunicationListItem = Schemas['CommunicationListItem'];
export type CommunicationCard = Schemas['Communication'];
export type CommunicationStatus = CommunicationListItem['status'];
export type CommunicationBody = Schemas['CommunicationBody'];
export type CommunicationTypeEntry = Schemas['CommunicationType'];
export type CommunicationChannelEntry = Schemas['CommunicationChannel'];
export type CommunicationChannelCode = CommunicationChannelEntry['code'];
export type DepartmentPolicies = Schemas['DepartmentCommunicationPolicies'];
export type RateLimit = Schemas['RateLimit'];
export type RateLimitBody = Schemas['RateLimitBody'];
export type ClientAvailability = Schemas['ClientAvailability'];
export type ClientAvailabilityBody = Schemas['ClientAvailabilityBody'];

export const communicationStatuses: readonly CommunicationStatus[] = [
  'NOT_SENT',
  'BOOKED',
  'DISPATCHED',
  'SENT',
  'DELIVERED',
  'FAILED',
  'BLOCKED',
  'CANCELLED',
];
export const communicationChannelCodes: readonly CommunicationChannelCode[] = ['sms', 'messenger', 'email', 'push'];

export const communicationKeys = {
  all: ['communications'] as const,
  list: (filters: { status?: string | null; clientId?: string | null }) => ['communications', 'list', filters] as const,
  card: (id: string) => ['communications', 'card', id] as const,
  types: ['communication-types'] as const,
  channels: ['communication-channels'] as const,
  policies: (department: string) => ['communication-policies', department] as const,
  availability: (clientId: string) => ['client-availability', clientId] as const,
};

export function useCommunications(filters: { status?: CommunicationStatus | null; clientId?: string | null }) {
  return useQuery({
    queryKey: communicationKeys.list(filters),
    queryFn: async ({ signal }) => (await call('GET', '/communications', { query: filters, signal })).data.items,
  });
}

export function useCommunication(id: string) {
  return useQuery({
    queryKey: communicationKeys.card(id),
    queryFn: async ({ signal }) => (await call('GET', '/communications/{id}', { path: { id }, signal })).data,
  });
}

export function useCommunicationTypes() {
  return useQuery({ queryKey: communicationKeys.types, queryFn: async ({ signal }) => (await call('GET', '/communication-types', { signal })).data.items });
}

export function useCommunicationChannels() {
  return useQuery({
    queryKey: communicationKeys.channels,
    queryFn: async ({ signal }) => (await call('GET', '/communication-channels', { signal })).data.items,
  });
}

export function useDepartmentPolicies(department: string) {
  return useQuery({
    queryKey: communicationKeys.policies(department),
    queryFn: async ({ signal }) => (await call('GET', '/departments/{department}/communication-policies', { path: { department }, signal })).data,
    enabled: department !== '',
  });
}

export function useClientAvailability(clientId: string) {
  return useQuery({
    queryKey: communicationKeys.availability(clientId),
    queryFn: async ({ signal }) => (await call('GET', '/clients/{id}/availability', { path: { id: clientId }, signal })).data,
  });
}

/** Send now or book: one Idempotency-Key per submitted body, so a retry after a lost answer sends once. */
export function useRequestCommunication() {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (body: CommunicationBody) => {
      const intent = JSON.stringify(body);
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const answer = await call('POST', '/communications', { body, headers: { 'Idempotency-Key': key } });
      keys.current.delete(intent);
      return answer.data;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: communicationKeys.all }),
  });
}

export function useCancelCommunication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      (await call('POST', '/communications/{id}/cancel', { path: { id }, body: reason ? { reason } : {}, headers: { 'Idempotency-Key': newIdempotencyKey() } }))
        .data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: communicationKeys.all }),
  });
}
