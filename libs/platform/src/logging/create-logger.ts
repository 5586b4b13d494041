import { ConsoleLogger } from '@nestjs/common';
import type { LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from '../config/switchboard-config';
import { currentRequestId } from '../http/request-context';

const severities: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'];
const toNest: Record<LogLevel, NestLogLevel> = { fatal: 'fatal', error: 'error', warn: 'warn', info: 'log', debug: 'debug', verbose: 'verbose' };

/** Nest's console logger with the correlation id of the request being handled in every line. */
class CorrelatedLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: { context: string; logLevel: NestLogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown },
  ) {
    const requestId = currentRequestId();
    return { ...super.getJsonLogObject(message, options), ...(requestId ? { requestId } : {}) };
  }

  protected override formatContext(context: string): string {
    const requestId = currentRequestId();
    return `${super.formatContext(context)}${requestId ? `(request ${requestId}) ` : ''}`;
  }
}

/** JSON lines in production (one object per line for the log shipper), colour for humans otherwise. */
export function createLogger(app: string, level: LogLevel, format: 'pretty' | 'json'): ConsoleLogger {
  const enabled = severities.slice(0, severities.indexOf(level) + 1).map((l) => toNest[l]);
  return new CorrelatedLogger(app, { logLevels: enabled, json: format === 'json', colors: format === 'pretty' && process.stdout.isTTY, prefix: 'switchboard' });
}
