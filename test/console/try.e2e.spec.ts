import { launchBrowser, newOperatorContext, screenshot, seriousViolations, signIn } from './browser';

it('logs in (manual probe)', async () => {
  const browser = await launchBrowser();
  const context = await newOperatorContext(browser);
  const page = await context.newPage();
  page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
  await signIn(page, 'http://127.0.0.1:3999/console/', 'hd.manager.north');
  await page.waitForTimeout(2000);
  await screenshot(page, 'probe-queue');
  console.log(JSON.stringify(await seriousViolations(page), null, 1));
  await browser.close();
}, 60_000);
