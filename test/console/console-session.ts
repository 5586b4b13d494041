import { Pool } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { launchBrowser, newOperatorContext, seriousViolations, signIn } from './browser';
import type { Viewport } from './browser';

/** How long one step of a browser test may wait for the console. */
export const STEP = 30_000;

/**
 * `switchboard start` on a database of its own (demo data on) with headless Chromium in front of
 * it: what every browser test of a console screen begins with.
 */
export interface ConsoleSession {
  readonly db: TestDatabase;
  readonly app: AppProcess;
  readonly browser: Browser;
  /** The console's address, ending in `/console/`. */
  readonly consoleUrl: string;
  /** Serious and critical accessibility violations per screen audited, for the test that reads them at the end. */
  readonly violations: Record<string, string[]>;
  /** A page in a fresh browser context, signed in as the user (on a desktop screen unless told). */
  signedIn(username: string, locale?: 'en-GB' | 'ru-RU', viewport?: Viewport): Promise<Page>;
  /** Records the page's serious and critical accessibility violations under the screen's name. */
  audit(page: Page, screen: string): Promise<void>;
  /**
   * A Telegram text message from a private chat, through the gateway's webhook (the session must be
   * started with TELEGRAM_WEBHOOK_SECRET); the id of the request it landed in.
   */
  telegram(updateId: number, text: string, chatId: number): Promise<string>;
  /** Closes the browser, stops the app and drops its database. */
  close(): Promise<void>;
}

export async function startConsoleSession(label: string, env: Record<string, string> = {}): Promise<ConsoleSession> {
  const db = await createTestDatabase(label);
  const port = await freePort();
  const app = startAppProcess({
    entry: 'dist/apps/switchboard/src/main.js',
    args: ['start'],
    port,
    // No demo estate unless a test asks: most build sites named like the demo's (river-park, old-town) themselves.
    env: { DATABASE_URL: db.url, DEMO_DATA: 'true', DEMO_ESTATE: 'false', PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
  });
  let browser: Browser | undefined;
  try {
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    browser = await launchBrowser();
  } catch (error) {
    await app.stop().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw error;
  }
  const consoleUrl = `${app.url}/console/`;
  const contexts: BrowserContext[] = [];
  const violations: Record<string, string[]> = {};
  const opened = browser;
  let pool: Pool | undefined;
  return {
    db,
    app,
    browser: opened,
    consoleUrl,
    violations,
    async signedIn(username, locale = 'en-GB', viewport) {
      const context = await newOperatorContext(opened, locale, viewport);
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, consoleUrl, username);
      return page;
    },
    async audit(page, screen) {
      violations[screen] = (await seriousViolations(page)).map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    },
    async telegram(updateId, text, chatId) {
      const secret = env.TELEGRAM_WEBHOOK_SECRET;
      if (!secret) throw new Error('start the console session with TELEGRAM_WEBHOOK_SECRET to send Telegram messages');
      const update = {
        update_id: updateId,
        message: {
          message_id: updateId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private', first_name: 'Olga' },
          from: { id: chatId, is_bot: false, first_name: 'Olga' },
          text,
        },
      };
      const response = await fetch(`${app.url}/channels/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });
      if (response.status !== 200) throw new Error(`the Telegram webhook answered ${response.status}: ${await response.text()}`);
      if (!pool) {
        pool = new Pool({ connectionString: db.url, max: 2 });
        pool.on('error', () => undefined);
      }
      const { rows } = await pool.query<{ request_id: string }>('SELECT request_id FROM intake_messages WHERE channel = $1 AND message_id = $2', [
        'telegram',
        String(updateId),
      ]);
      return rows[0]?.request_id ?? '';
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await opened.close().catch(() => undefined);
      await app.stop();
      await pool?.end();
      await db.drop();
    },
  };
}
