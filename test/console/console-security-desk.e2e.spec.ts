import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * The security desk in real Chromium against `switchboard start` (ADR 0029): on the estate's River
 * Park (two buildings, a resident in one unit), a concierge orders two passes, picking each unit in
 * the form; a guard finds the resident's phone of a unit for a visitor without a pass; a guard on a tablet-sized screen finds one by its plate typed in Latin letters, checks the
 * visitor in and out; then the connection drops, the guard checks the other visitor in (queued,
 * "offline — 1"), the connection returns and the check-in is stored exactly once; a check-out whose
 * answer is lost is sent again with its key and stored once too.
 */
/** A guard's tablet in landscape. */
const tablet = { width: 1180, height: 820 };

describe('the console’s security desk in Chromium', () => {
  let session: ConsoleSession;

  const token = (username: string) =>
    passwordGrant(`${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', username, 'demo');
  const get = async (username: string, path: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${session.app.url}${path}`, { headers: { authorization: `Bearer ${await token(username)}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    let value = await read();
    for (let i = 0; i < 150 && !done(value); i++) {
      await new Promise((r) => setTimeout(r, 200));
      value = await read();
    }
    return value;
  };
  const post = async (username: string, path: string, body: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${session.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const row = (page: Page, text: string) => page.locator('[data-testid=desk-pass]', { hasText: text });

  beforeAll(async () => {
    session = await startConsoleSession('console_security_desk');
    // The estate the passes name: River Park's Building 2 (apt 45, where a resident lives) and Building 1 (apt 7).
    const site = String((await post('client.service', '/sites', { slug: 'river-park', name: 'River Park' })).id);
    const unit = async (building: string, number: string) => {
      const buildingId = String((await post('client.service', `/sites/${site}/buildings`, { name: building })).id);
      const entranceId = String((await post('client.service', `/sites/${site}/buildings/${buildingId}/entrances`, { number: '1' })).id);
      return String((await post('client.service', `/sites/${site}/buildings/${buildingId}/units`, { entranceId, number, type: 'apartment', floor: 2 })).id);
    };
    const apt45 = await unit('Building 2', '45');
    await unit('Building 1', '7');
    const resident = String((await post('hd.user.north', '/clients', { firstName: 'Ирина', lastName: 'Жильцова', phone: '+79990001122' })).id);
    await post('client.service', `/units/${apt45}/residents`, { clientId: resident, relation: 'owner', from: '2024-01-01' });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('orders passes, checks visitors in and out, and keeps working through a network loss', async () => {
    const concierge = await session.signedIn('concierge.river-park');
    await concierge.getByRole('heading', { name: 'Visitor passes' }).waitFor({ timeout: STEP });
    const order = async (unitSearch: string, unitLabel: string, visitor: string, plate: string) => {
      // The unit is picked from the estate: typed words of its building and number, then its option.
      await concierge.getByTestId('pass-unit').fill(unitSearch);
      await concierge.getByRole('option', { name: unitLabel }).click();
      await concierge.getByTestId('pass-visitor').fill(visitor);
      await concierge.getByTestId('pass-plate').fill(plate);
      await concierge.getByTestId('pass-phone').fill('+79991234567');
      await concierge.getByTestId('pass-submit').click();
      await concierge.getByText('Pass ordered').first().waitFor({ timeout: STEP });
    };
    await order('building 2 45', 'Building 2, 45', 'Пётр Иванов', 'А123ВС 77');
    await order('1 7', 'Building 1, 7', 'Анна Смирнова', '');
    await session.audit(concierge, 'passes');
    // The guard's desk reads the read model: wait until it has both passes.
    await eventually(
      () => get('guard.river-park', '/security-desk/expected?site=river-park'),
      (body) => (body.items as unknown[]).length === 2,
    );

    const guard = await session.signedIn('guard.river-park', 'en-GB', tablet);
    const guardContext = guard.context();
    await guard.getByRole('heading', { name: 'Security desk' }).waitFor({ timeout: STEP });
    await guard.getByTestId('desk-connection').getByText('Online').waitFor({ timeout: STEP });

    // A visitor without a pass: the estate's resident of the unit, with their phone.
    await guard.getByTestId('unit-search').fill('Building 2 45');
    await guard.getByTestId('unit-contacts').getByText('Call the resident: +79990001122').waitFor({ timeout: STEP });
    await guard.getByTestId('unit-search').fill('');

    // Latin letters for a plate ordered in Cyrillic, without the region.
    await guard.getByTestId('desk-search').fill('a123bc');
    await guard.getByRole('heading', { name: 'Matching passes' }).waitFor({ timeout: STEP });
    await row(guard, 'Пётр Иванов').getByTestId('check-in').click();
    await row(guard, 'Пётр Иванов').getByTestId('inside').waitFor({ timeout: STEP });
    await screenshot(guard, 'security-desk');
    await session.audit(guard, 'security desk');
    await row(guard, 'Пётр Иванов').getByTestId('check-out').click();
    await row(guard, 'Пётр Иванов').getByText('Used').waitFor({ timeout: STEP });
    await guard.getByTestId('desk-search').fill('');
    await guard.getByRole('heading', { name: 'Expected today' }).waitFor({ timeout: STEP });

    // The network drops: the check-in waits in the outbox, the desk says so.
    await row(guard, 'Анна Смирнова').getByTestId('check-in').waitFor({ timeout: STEP });
    await guardContext.setOffline(true);
    await row(guard, 'Анна Смирнова').getByTestId('check-in').click();
    await guard.getByTestId('desk-connection').getByText('Offline — queued: 1').waitFor({ timeout: STEP });
    await row(guard, 'Анна Смирнова').getByText('Check-in queued').waitFor({ timeout: STEP });
    await screenshot(guard, 'security-desk-offline');
    await guardContext.setOffline(false);
    await guard.getByTestId('desk-connection').getByText('Online').waitFor({ timeout: STEP });
    await row(guard, 'Анна Смирнова').getByTestId('inside').waitFor({ timeout: STEP });

    // A check-out whose answer is lost on the way back: stored by the API, sent again with its key.
    let lost = 0;
    await guard.route('**/passes/*/check-out', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('failed');
      } else await route.continue();
    });
    await row(guard, 'Анна Смирнова').getByTestId('check-out').click();
    await row(guard, 'Анна Смирнова').getByText('Used').waitFor({ timeout: STEP });
    expect(lost).toBe(2);

    // Stored exactly once: one entry each, in and out, as the API and the day log say.
    const found = (await get('guard.river-park', `/security-desk/search?q=${encodeURIComponent('смирнова')}`)).items as { id: string }[];
    expect(found.length).toBe(1);
    const annaId = found[0].id;
    expect(await get('guard.river-park', `/passes/${annaId}`)).toMatchObject({ visits: 1, refusal: 'already-used' });
    const log = await eventually(
      () => get('guard.river-park', '/security-desk/log?site=river-park'),
      (body) => (body.items as { passId: string; checkedOutAt?: string }[]).filter((v) => v.checkedOutAt).length === 2,
    );
    const annasVisits = (log.items as { passId: string; checkedInBy: string; checkedOutBy?: string }[]).filter((v) => v.passId === annaId);
    expect(annasVisits).toEqual([expect.objectContaining({ visit: 1, checkedInBy: 'guard.river-park', checkedOutBy: 'guard.river-park' })]);
    await guard.getByTestId('day-log-row').nth(1).waitFor({ timeout: STEP });

    // Russian: every string of the desk translated.
    const ru = await session.signedIn('guard.river-park', 'ru-RU', tablet);
    await ru.getByRole('heading', { name: 'Рабочий стол охраны' }).waitFor({ timeout: STEP });
    await ru.getByTestId('day-log-row').first().waitFor({ timeout: STEP });
    expect(await missingTranslations(ru)).toEqual([]);
    expect(await missingTranslations(guard)).toEqual([]);

    expect(session.violations).toEqual({ passes: [], 'security desk': [] });
    copyFileSync(await screenshot(guard, 'security-desk'), join(screenshotsDir, 'security-desk.png'));
  });
});
