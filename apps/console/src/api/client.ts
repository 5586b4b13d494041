import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import { reportConnection } from './connection';
import { ApiError } from './problem';
import type { Problem } from './problem';
import type { paths } from './schema';

let accessToken: () => Promise<string | null> = async () => null;

/** The auth provider hands the client its token source (renewed with the refresh token). */
export function setAccessTokenProvider(provider: () => Promise<string | null>): void {
  accessToken = provider;
}

const bearer: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    request.headers.set('Accept', 'application/json, application/problem+json');
    return request;
  },
};

/** A GET of a binary resource (an uploaded photo) with the signed-in user's token: the caller makes an object URL of it. */
export async function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const token = await accessToken();
  const response = await globalThis.fetch(`${window.location.origin}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  if (!response.ok) throw new ApiError(response.status, { status: response.status });
  return response.blob();
}

/** The typed client generated from the API's OpenAPI document (src/api/schema.d.ts). */
export const client = createClient<paths>({ baseUrl: window.location.origin, fetch: (request) => globalThis.fetch(request) });
client.use(bearer);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** The routes that have `method`, and the generated operation of one. */
export type RouteOf<M extends Method> = { [P in keyof paths]: paths[P][Lowercase<M>] extends { responses: unknown } ? P : never }[keyof paths];
type OperationOf<M extends Method, P extends keyof paths> = NonNullable<paths[P][Lowercase<M>]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
/** The JSON a route answers on success, as the OpenAPI document describes it. */
export type SuccessOf<O> = O extends { responses: infer R } ? { [S in keyof R]: S extends 200 | 201 | 202 | 204 ? JsonOf<R[S]> : never }[keyof R] : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [never] | [undefined] ? never : NonNullable<Q>) : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The query as the route takes it; null and empty values are left out of the URL. */
type LooseQuery<Q> = [Q] extends [never] ? never : { readonly [K in keyof Q]?: Q[K] | Readonly<Q[K]> | null };

export interface CallOptions<O> {
  readonly path?: Record<string, string>;
  readonly query?: LooseQuery<QueryOf<O>>;
  readonly body?: BodyOf<O>;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

export interface Answer<T> {
  readonly data: T;
  readonly etag: string | null;
  readonly status: number;
}

type LooseRequest = (method: Method, url: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * One call of the API, typed by the generated `paths`: the route must exist with that method, the
 * query and body are the route's, and the answer is the route's success schema (a renamed route or
 * a changed answer fails the typecheck). Failures become `ApiError`s and move the connection banner.
 */
export async function call<M extends Method, P extends RouteOf<M>>(
  method: M,
  route: P,
  options: CallOptions<OperationOf<M, P>> = {},
): Promise<Answer<SuccessOf<OperationOf<M, P>>>> {
  const query = Object.fromEntries(
    Object.entries((options.query ?? {}) as Record<string, QueryValue>).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
  let answer: Awaited<ReturnType<LooseRequest>>;
  try {
    // openapi-fetch's own overloads want a literal method per call; ours is a parameter.
    answer = await (client.request as unknown as LooseRequest)(method, route, {
      params: { path: options.path, query },
      body: options.body,
      headers: options.headers,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    reportConnection('offline');
    throw new ApiError(0, { title: 'no connection', detail: error instanceof Error ? error.message : String(error) });
  }
  const { response } = answer;
  reportConnection(response.status === 502 || response.status === 504 ? 'api-down' : 'ok');
  if (!response.ok) throw new ApiError(response.status, (answer.error as Problem | undefined) ?? { status: response.status });
  return { data: answer.data as SuccessOf<OperationOf<M, P>>, etag: response.headers.get('ETag'), status: response.status };
}
