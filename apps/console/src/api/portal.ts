import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { call, fetchBlob } from './client';
import { newIdempotencyKey } from './commands';
import { LIVE_REFRESH_MS } from './queries';
import type { components } from './schema';

type Schemas = components['schemas'];
export type PortalMe = Schemas['PortalMe'];
export type PortalRequestItem = Schemas['PortalRequestItem'];
export type PortalRequest = Schemas['PortalRequest'];
export type PortalAttachment = Schemas['PortalAttachment'];
export type PortalNotice = Schemas['PortalNotice'];
export type PortalPass = Schemas['Pass'];
export type PortalPassBody = Schemas['PortalPassBody'];
export type PortalRating = Schemas['PortalRating'];
export type PortalRatingAnswer = Schemas['PortalRatingBody']['answers'][number];

export const portalKeys = {
  me: ['portal', 'me'] as const,
  requests: ['portal', 'requests'] as const,
  request: (id: string) => ['portal', 'request', id] as const,
  rating: (id: string) => ['portal', 'rating', id] as const,
  passes: ['portal', 'passes'] as const,
  notices: ['portal', 'notices'] as const,
};

export function usePortalMe() {
  return useQuery({ queryKey: portalKeys.me, queryFn: async ({ signal }) => (await call('GET', '/portal/me', { signal })).data });
}

export function usePortalRequests(minPosition?: string) {
  return useQuery({
    queryKey: [...portalKeys.requests, minPosition ?? ''],
    queryFn: async ({ signal }) => (await call('GET', '/portal/requests', { query: { minPosition }, signal })).data,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function usePortalRequest(id: string, minPosition?: string) {
  return useQuery({
    queryKey: [...portalKeys.request(id), minPosition ?? ''],
    queryFn: async ({ signal }) => (await call('GET', '/portal/requests/{id}', { path: { id }, query: { minPosition }, signal })).data,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

export function usePortalNotices() {
  return useQuery({ queryKey: portalKeys.notices, queryFn: async ({ signal }) => (await call('GET', '/portal/notices', { signal })).data });
}

export function usePortalPasses() {
  return useQuery({
    queryKey: portalKeys.passes,
    queryFn: async ({ signal }) => (await call('GET', '/portal/passes', { signal })).data,
    refetchInterval: LIVE_REFRESH_MS,
  });
}

/** A file as base64 (the upload body), without the data URL's prefix. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

type PortalContentType = Schemas['PortalFileBody']['contentType'];

/** Files already uploaded in this tab: a retried submission names them again instead of uploading them twice. */
const uploaded = new WeakMap<File, string>();

export async function uploadPortalFile(file: File): Promise<string> {
  const known = uploaded.get(file);
  if (known) return known;
  const answer = await call('POST', '/portal/files', {
    body: { name: file.name, contentType: (file.type || 'application/octet-stream') as PortalContentType, data: await base64Of(file) },
  });
  uploaded.set(file, answer.data.fileId);
  return answer.data.fileId;
}

/**
 * One submission, one Idempotency-Key: the key is made when the form is filled and kept until it
 * is stored, so a retry after a lost answer (a tap again, a flaky mobile connection) stores nothing twice.
 */
export function useSubmitPortalRequest() {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  return useMutation({
    mutationFn: async (input: { unitId: string; text: string; files: readonly File[] }) => {
      const fileIds: string[] = [];
      for (const file of input.files) fileIds.push(await uploadPortalFile(file));
      return (
        await call('POST', '/portal/requests', { body: { unitId: input.unitId, text: input.text, fileIds }, headers: { 'Idempotency-Key': key.current } })
      ).data;
    },
    onSuccess: () => {
      key.current = newIdempotencyKey();
      void queryClient.invalidateQueries({ queryKey: portalKeys.requests });
    },
  });
}

export function usePortalReply(requestId: string) {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  return useMutation({
    mutationFn: async (input: { text: string; files: readonly File[] }) => {
      const fileIds: string[] = [];
      for (const file of input.files) fileIds.push(await uploadPortalFile(file));
      return (
        await call('POST', '/portal/requests/{id}/messages', {
          path: { id: requestId },
          body: { text: input.text, fileIds },
          headers: { 'Idempotency-Key': key.current },
        })
      ).data;
    },
    onSuccess: () => {
      key.current = newIdempotencyKey();
      void queryClient.invalidateQueries({ queryKey: portalKeys.request(requestId) });
    },
  });
}

export function useOrderPortalPass() {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  return useMutation({
    mutationFn: async (body: PortalPassBody) => (await call('POST', '/portal/passes', { body, headers: { 'Idempotency-Key': key.current } })).data,
    onSuccess: () => {
      key.current = newIdempotencyKey();
      void queryClient.invalidateQueries({ queryKey: portalKeys.passes });
    },
  });
}

/** Whether a closed request can be rated, with its survey; asked again while the closure's survey is on its way. */
export function usePortalRating(id: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.rating(id),
    queryFn: async ({ signal }) => (await call('GET', '/portal/requests/{id}/rating', { path: { id }, signal })).data,
    enabled,
    refetchInterval: (query) => (query.state.data?.reason === 'pending' ? LIVE_REFRESH_MS : false),
  });
}

/** Sends the rating (complete): one Idempotency-Key per rating, so a retry records nothing twice. */
export function useRatePortalRequest(requestId: string) {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  return useMutation({
    mutationFn: async (answers: PortalRatingAnswer[]) =>
      (
        await call('POST', '/portal/requests/{id}/rating', {
          path: { id: requestId },
          body: { answers, complete: true },
          headers: { 'Idempotency-Key': key.current },
        })
      ).data,
    onSuccess: (rated) => {
      key.current = newIdempotencyKey();
      queryClient.setQueryData(portalKeys.rating(requestId), rated);
    },
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => (await call('POST', '/portal/account/accept-invitation', { body: { token } })).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.me }),
  });
}

export function useClaimByEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await call('POST', '/portal/account/claim-by-email', {})).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.me }),
  });
}

/** An attachment the portal stored (`portal:<id>`): its id on GET /files/{id}; others (Telegram's) have none. */
export const storedFileId = (fileId: string): string | undefined => (fileId.startsWith('portal:') ? fileId.slice('portal:'.length) : undefined);

/** An object URL of a stored file, fetched with the user's token (an <img> cannot send one), revoked when unused. */
export function useStoredFileUrl(fileId: string | undefined): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ url?: string; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!fileId) return undefined;
    const controller = new AbortController();
    let url: string | undefined;
    fetchBlob(`/files/${fileId}`, controller.signal)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setState({ url, failed: false });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ failed: true });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [fileId]);
  return state;
}
