import { ConsoleLogger } from '@nestjs/common';
import type { LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from '../config/switchboard-config';

const severities: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];
const toNest: Record<LogLevel, NestLogLevel> = { fatal: 'fatal', error: 'error', warn: 'warn', info: 'log', debug: 'debug', verbose: 'verbose' };

/** JSON lines in production (one object per line for the log shipper), colour for humans otherwise. */
export function createLogger(app: string, level: LogLevel, format: 'pretty' | 'json'): ConsoleLogger {
  const enabled = severities.slice(0, severities.indexOf(level) + 1).map((l) => toNest[l]);
  return new ConsoleLogger(app, { logLevels: enabled, json: format === 'json', colors: format === 'pretty' && process.stdout.isTTY, prefix: 'switchboard' });
}
