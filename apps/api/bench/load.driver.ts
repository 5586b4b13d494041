import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { AutocannonRequestTemplate } from 'autocannon';

/** What the benchmark reports per route: completed operations per second and latency in ms. */
export interface RouteResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

export interface Measured extends RouteResult {
  readonly operations: number;
  readonly failures: number;
  readonly max: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
  readonly headers: Record<string, string>;
  readonly requests: AutocannonRequestTemplate[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Nearest-rank percentiles over every sample (not autocannon's whole-millisecond histogram). */
export function summarise(latenciesMs: number[], elapsedSeconds: number, failures: number): Measured {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number): number => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
  return {
    rps: Math.round(sorted.length / elapsedSeconds),
    p50: round1(at(0.5)),
    p99: round1(at(0.99)),
    operations: sorted.length,
    failures,
    max: round1(at(1)),
  };
}

/** One autocannon run; only 2xx answers count as operations, anything else is a failure. */
export async function runAutocannon(options: LoadOptions): Promise<Measured> {
  const latencies: number[] = [];
  let failures = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    headers: options.headers,
    requests: options.requests,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else failures += 1;
  });
  const result = await instance;
  return summarise(latencies, result.duration, failures + result.errors);
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** A keep-alive HTTP client without fetch's per-request overhead, for the loops autocannon cannot express. */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    return new Promise((done, fail) => {
      const req = request(
        new URL(path, this.baseUrl),
        { method, agent: this.agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body).toString() } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', fail);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', fail);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * `workers` loops of `operation` for `duration` seconds; each operation's latency is its whole
 * run (for a command round trip: the command and the read that waits for its position).
 */
export async function runLoop(workers: number, duration: number, operation: (worker: number, sequence: number) => Promise<boolean>): Promise<Measured> {
  const latencies: number[] = [];
  let failures = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + duration * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        const ok = await operation(worker, sequence++).catch(() => false);
        if (ok) latencies.push(performance.now() - begun);
        else failures += 1;
      }
    }),
  );
  return summarise(latencies, (performance.now() - started) / 1000, failures);
}
