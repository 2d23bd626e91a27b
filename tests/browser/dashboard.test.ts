import { request } from 'undici';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMockApi, startMock, type StartedMock } from '../../mock-server/registry.ts';
import { launchChromium, screenshot } from './chromium.ts';

describe('the mock dashboard in a browser', () => {
  let mock: StartedMock;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mock = await startMock(findMockApi('enclaive')!, { port: 0, logLevel: 'silent' });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it('shows the seeded user, then a registration: its mail, its link, and the account verified', async () => {
    await page.goto(`${mock.url}/__mock/`);
    await expect.poll(() => page.locator('#api-name').textContent()).toBe('enclaive');
    await expect.poll(() => page.locator('#users tr[data-login="user@enclaive.test"]').textContent()).toContain('verified');

    const email = 'browser-check@example.test';
    const registered = await request(`${mock.url}/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'Browser-pass-1', name: 'Browser Check' }),
    });
    expect(registered.statusCode).toBe(201);
    await registered.body.dump();

    const user = page.locator(`#users tr[data-login="${email}"]`);
    await expect.poll(() => user.textContent(), { timeout: 10_000 }).toContain('not verified');
    const link = page.locator(`#outbox .mail[data-to="${email}"] a.mail-link`).first();
    await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/\/api\/verify-email\//);
    await screenshot(page, 'dashboard-mail-received');

    const [answer] = await Promise.all([page.waitForResponse((response) => response.url().includes('/api/verify-email/')), link.click()]);
    expect(answer.status()).toBe(200);

    await page.goto(`${mock.url}/__mock/`);
    await expect.poll(() => user.locator('td').nth(3).textContent(), { timeout: 10_000 }).toBe('verified');
    await expect.poll(() => page.locator('#requests tbody').textContent()).toContain('/api/verify-email/[redacted]');
    await screenshot(page, 'dashboard-account-verified');
  }, 60_000);

  it('moves the mock clock with the advance button', async () => {
    await page.goto(`${mock.url}/__mock/`);
    await expect.poll(() => page.locator('#clock-offset').textContent()).toBe('0');
    await page.locator('button[data-advance="3600"]').click();
    await expect.poll(() => page.locator('#clock-offset').textContent()).toBe('3600');
    await screenshot(page, 'dashboard-clock-advanced');
  }, 60_000);

  it('serves the API reference rendered from the spec', async () => {
    await page.goto(`${mock.url}/docs/`);
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 20_000 }).toContain('enclaive');
    await expect.poll(() => page.locator('.opblock-summary-path').allTextContents()).toContain('/api/register');
    await screenshot(page, 'docs-enclaive');
  }, 60_000);
});
