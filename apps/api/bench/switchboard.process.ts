import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SwitchboardProcess {
  readonly url: string;
  /** The app's own output so far (warnings and errors at LOG_LEVEL=warn). */
  output(): string;
  /** True once the process has ended. */
  exited(): boolean;
  stop(): Promise<void>;
}

const ENTRY = 'dist/apps/switchboard/src/main.js';

/**
 * `switchboard start` (every role in one process) as operators run it, from the repository root:
 * the dev IdP reads its realm file relative to the working directory, which is why this is not
 * platform/testing's startAppProcess (its root is computed from its own location, dist/ when compiled).
 */
export async function startSwitchboard(options: { root: string; port: number; env: Record<string, string>; timeoutMs?: number }): Promise<SwitchboardProcess> {
  const entry = resolve(options.root, ENTRY);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const child = spawn(process.execPath, [entry, 'start'], {
    cwd: options.root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HTTP_PORT: String(options.port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ended = false;
  const exit = new Promise<void>((done) =>
    child.once('exit', () => {
      ended = true;
      done();
    }),
  );
  const ready = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`switchboard did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`)), options.timeoutMs ?? 60_000);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (/is ready/.test(output)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exit.then(() => {
      clearTimeout(timer);
      fail(new Error(`switchboard exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (ended) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(timer);
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${options.port}`, output: () => output, exited: () => ended, stop };
}
