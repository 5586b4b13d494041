import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Records a skipped suite with its reason so the reporter can print it, loudly, at the end of
 * the run (tools/jest/skip-reasons.reporter.js). A skip must never be silent.
 */
export function recordSkip(suite: string, reason: string): void {
  const file = process.env.SWITCHBOARD_SKIP_LOG;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ suite, reason })}\n`);
}
