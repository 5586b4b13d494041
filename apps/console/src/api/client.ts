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

/** The typed client generated from the API's OpenAPI document (src/api/schema.d.ts). */
export const client = createClient<paths>({ baseUrl: window.location.origin, fetch: (request) => globalThis.fetch(request) });
client.use(bearer);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

export interface CallOptions {
  readonly path?: Record<string, string>;
  readonly query?: Record<string, QueryValue>;
  readonly body?: unknown;
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
 * One call of the API: the route must exist in the generated `paths` (a renamed route fails the
 * typecheck). Today's OpenAPI document has no query, body or response schemas (issue 11 adds them),
 * so those are typed by src/api/models.ts for now; phase 2 drops this cast and uses `client.GET(...)`.
 */
export async function call<T>(method: Method, route: keyof paths, options: CallOptions = {}): Promise<Answer<T>> {
  const query = Object.fromEntries(Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
  let answer: Awaited<ReturnType<LooseRequest>>;
  try {
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
  return { data: answer.data as T, etag: response.headers.get('ETag'), status: response.status };
}
