import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuites } from '../../scripts/lib/vitest-run.ts';
import { writeReports } from '../../scripts/report/write.ts';
import { launchChromium, screenshot } from './chromium.ts';

describe('the HTML conformance report in a browser', () => {
  let browser: Browser;
  let reportUrl: string;

  beforeAll(async () => {
    // A real failing run: VinMake's login rules against a mock that leaves token_type out.
    const folder = mkdtempSync(join(tmpdir(), 'report-'));
    const run = await runSuites(['suites/vinmake/login.test.ts'], { MOCK_FAULTS: 'vinmake:login-missing-token-type', CONFORMANCE_APIS: 'vinmake' }, { quiet: true, resultsPath: join(folder, 'results.json') });
    expect(run.results.totals.failed).toBeGreaterThan(0);
    writeReports(join(folder, 'results.json'), folder);
    reportUrl = pathToFileURL(resolve(folder, 'report.html')).toString();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a failing rule with its expected and received values', async () => {
    const page = await browser.newPage();
    await page.goto(reportUrl);
    const row = page.locator('tr[data-rule="VM-LOGIN-002"]');
    expect(await row.getAttribute('data-outcome')).toBe('failed');
    const failure = page.locator('.failure[data-rule="VM-LOGIN-002"]');
    expect(await failure.locator('.expected pre').textContent()).toBe('"bearer"');
    expect(await failure.locator('.received pre').textContent()).toBe('undefined');
    // Passing rules are listed with their source.
    expect(await page.locator('tr[data-rule="VM-LOGIN-003"]').getAttribute('data-outcome')).toBe('passed');
    expect(await page.locator('body').textContent()).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    await screenshot(page, 'report-failing-rule');
  }, 60_000);
});
