import { test, expect, DEMO_PASSWORD, logIn, settled } from './helpers';

// Journeys a person clicks through (links and buttons, never typed addresses), with
// JavaScript on and off, checking after each action that the page shows the new truth.

test('the header leads to the list and a card to its petition', async ({ page, javaScriptEnabled: js }) => {
  await page.goto('/');
  await settled(page, js);
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '瀏覽提議' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '所有提議' })).toBeVisible();
  await expect(page.getByText('系統發生問題')).toHaveCount(0);
  await settled(page, js);
  await page.getByRole('link', { name: '在捷運與火車站出口增設公共自行車站點' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '在捷運與火車站出口增設公共自行車站點' })).toBeVisible();
  await expect(page.getByText(/人附議/).first()).toBeVisible();
  await settled(page, js);
  // And back home through the brand link.
  await page.getByRole('link', { name: /民意/ }).first().click();
  await expect(page).toHaveURL(/\/$/);
});

test('the open data page links to real files, not the app', async ({ page, javaScriptEnabled: js }) => {
  await page.goto('/');
  await settled(page, js);
  await page.getByRole('contentinfo').getByRole('link', { name: '開放資料' }).click();
  await expect(page).toHaveURL(/\/developers$/);
  await settled(page, js);
  await page.getByRole('link', { name: /OpenAPI 3\.1/ }).click();
  await expect(page).toHaveURL(/\/api\/v1\/openapi\.json$/);
  await expect(page.locator('body')).toContainText('"openapi"');
  await page.goBack();
  await expect(page).toHaveURL(/\/developers$/);
  await settled(page, js);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^minyi-.*\.csv$/);
  const jsonl = page.waitForEvent('download');
  await page.getByRole('link', { name: 'JSON Lines' }).first().click();
  expect((await jsonl).suggestedFilename()).toMatch(/\.jsonl$/);
});

test('a language saved in the profile applies at once', async ({ page, javaScriptEnabled: js }) => {
  await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '我的帳號' }).click();
  await settled(page, js);
  await page.getByLabel('偏好語言').selectOption('en');
  await page.getByRole('region', { name: /語言/ }).getByRole('button', { name: '儲存' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await settled(page, js);
  // Back to Chinese the same way.
  await page.getByLabel('Preferred language').selectOption('zh-TW');
  await page.getByRole('region', { name: /Language/ }).getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
});

test('the admin starts and ends a pause and the page follows', async ({ page, javaScriptEnabled: js }) => {
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '系統管理' }).click();
  await settled(page, js);
  const pause = page.getByRole('region', { name: '全站暫停' });
  await pause.getByLabel('公告（中文）').fill('測試暫停');
  await pause.getByLabel('公告（英文）').fill('Test pause');
  await pause.getByRole('button', { name: '開始暫停' }).click();
  await expect(pause.getByRole('button', { name: '結束暫停' })).toBeVisible();
  await expect(pause.getByRole('button', { name: '開始暫停' })).toHaveCount(0);
  await expect(page.getByText('測試暫停').first()).toBeVisible();
  await settled(page, js);
  await pause.getByRole('button', { name: '結束暫停' }).click();
  await expect(pause.getByRole('button', { name: '開始暫停' })).toBeVisible();
  await expect(pause.getByRole('button', { name: '結束暫停' })).toHaveCount(0);
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
});

test('the browser gets compressed, long-cached build files and unstored private pages', async ({ page, javaScriptEnabled: js }) => {
  test.skip(!js, 'about the files JavaScript loads');
  const wasm = page.waitForResponse((r) => /\/pkg\/minyi\.[^/]+\.wasm$/.test(r.url()));
  await page.goto('/');
  const res = await wasm;
  const headers = await res.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  await settled(page, js);
  const home = await page.request.get('/');
  expect(home.headers()['cache-control']).toBe('no-cache, stale-if-error=300');
  expect(home.headers()['etag']).toMatch(/^W\//);
  await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
  const profile = page.waitForResponse((r) => new URL(r.url()).pathname === '/profile');
  await page.getByRole('link', { name: '我的帳號' }).click();
  expect((await (await profile).allHeaders())['cache-control']).toBe('private, no-store');
  await settled(page, js);
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
});
