// Shared test fixtures: every page records console errors, any request that leaves the page's
// own origin and any Content-Security-Policy violation, and each test fails if one happened.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { unpackStored } from '../../scripts/stored.mjs';

export const test = base.extend({
  watched: [async ({ page, context, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const problems = { consoleErrors: [], foreignRequests: [], cspViolations: [] };
    await watchCsp(context, problems.cspViolations);
    page.on('console', (msg) => { if (msg.type() === 'error') problems.consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => problems.consoleErrors.push(String(err)));
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) {
        problems.foreignRequests.push(url);
      }
    });
    await use(problems);
    await collectCsp(context, problems.cspViolations);
    expect(problems.cspViolations, 'Content-Security-Policy violations').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
    expect(problems.foreignRequests, 'requests to other origins').toEqual([]);
  }, { auto: true }],
});

export { expect };

/**
 * Every page of the context keeps the `securitypolicyviolation` events it sees in
 * `window.__ptdvCsp`, and hands each to the test at once (a binding survives navigations and
 * closed pages); `collectCsp` also reads the arrays of the pages still open.
 */
async function watchCsp(context, into) {
  await context.exposeBinding('__ptdvCspViolation', (_source, v) => {
    if (!into.some((x) => x.id === v.id)) into.push(v);
  });
  await context.addInitScript(() => {
    window.__ptdvCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const v = {
        id: `${Date.now()}-${Math.random()}`, page: location.href, directive: e.effectiveDirective,
        blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample,
      };
      window.__ptdvCsp.push(v);
      // A page on its way out may not deliver it: then it is read from the array at the end.
      try { window.__ptdvCspViolation?.(v)?.catch?.(() => {}); } catch { /* ditto */ }
    }, true);
  });
}

async function collectCsp(context, into) {
  for (const p of context.pages()) {
    if (p.isClosed()) continue;
    const seen = await p.evaluate(() => window.__ptdvCsp ?? []).catch(() => []);
    for (const v of seen) if (!into.some((x) => x.id === v.id)) into.push(v);
  }
  for (const v of into) delete v.id;
}

/** Axe with the WCAG 2.1 A/AA rules; returns the violations as {rule, targets} fingerprints. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Open a route of the app and wait until the shell has rendered it. */
export async function openRoute(page, hash) {
  await page.goto(`./index.html${hash}`);
  await expect(page.locator('html[data-ready="1"]')).toHaveCount(1);
}

export const SCREENSHOT_DIR = 'tests/e2e/artifacts/screens';

/** The demo ward's stored document, made in a profile of its own at `now` (the demo is made
 *  by the worker module, so a page under test that should not load it never does). */
export async function storedDemo(browser, baseURL, now) {
  const maker = await browser.newContext({ baseURL });
  const page = await maker.newPage();
  await page.clock.setFixedTime(now);
  await openRoute(page, '#/');
  await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Đã lưu lúc/);
  const doc = await page.evaluate(() => localStorage.getItem('ptdv:doc'));
  await maker.close();
  return unpackStored(doc);
}

export { unpackStored };
