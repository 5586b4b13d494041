import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; the flags this machine needs (closed network, root). */
export const CHROMIUM = '/usr/bin/chromium';
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const outputDir = resolve(__dirname, '../../test-output/console');
export const screenshotsDir = resolve(__dirname, '../../docs/screenshots');

/** Headless Chromium; playwright gives every launch a fresh, empty --user-data-dir of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: flags });
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** A desktop operator's screen; a guard's tablet in landscape is 1180 × 820. */
export const desktop: Viewport = { width: 1360, height: 900 };

export async function newOperatorContext(browser: Browser, locale: 'en-GB' | 'ru-RU' = 'en-GB', viewport: Viewport = desktop): Promise<BrowserContext> {
  // Reduced motion: no dialog transitions, so axe and screenshots see the final colours.
  return browser.newContext({ locale, viewport, reducedMotion: 'reduce' });
}

/** Signs in through whichever login page the IdP shows: the dev IdP's form and Keycloak's share field ids. */
export async function signIn(page: Page, consoleUrl: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByTestId('sign-in').click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 30_000 });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is now: the serious and critical violations (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the console's CSP (no inline scripts) stays on. The
  // expressions are strings: this file is compiled without the DOM library.
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
      .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Keys the console looked up and did not find (recorded by its i18n missing-key handler). */
export function missingTranslations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.__switchboardMissingKeys ?? []');
}

/** The console's measurements of how long a list's rows took to render (see useRenderMeasure). */
export function renderMeasures(page: Page, name: string): Promise<{ duration: number; rows: number }[]> {
  return page.evaluate<{ duration: number; rows: number }[]>(
    `performance.getEntriesByName(${JSON.stringify(name)}).map((e) => ({ duration: e.duration, rows: e.detail ? e.detail.rows : 0 }))`,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(outputDir, `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
