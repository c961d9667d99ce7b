import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, logIn, watchErrors } from './helpers';

test('the home page explains the rules', async ({ page, browser, javaScriptEnabled }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('60 天內達到 5000 人附議')).toBeVisible();
  // Taipei's threshold is lowered by the petition journey test; the window stays.
  await expect(page.getByText(/45 天內達到 \d+ 人附議/)).toBeVisible();
  await expectAccessible(page, browser, javaScriptEnabled);
  // The skip link is the first thing the keyboard reaches.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到主要內容' })).toBeFocused();
});

test('an agency officer sees the agency workspace', async ({ page, browser, javaScriptEnabled }) => {
  const errors = watchErrors(page);
  await logIn(page, 'officer@demo.minyi.tw', DEMO_PASSWORD, javaScriptEnabled);
  await expect(page.getByRole('link', { name: '內容審核' })).toHaveCount(0);
  await page.getByRole('link', { name: '機關工作區' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '機關工作區' })).toBeVisible();
  await expect(page.getByText('交通部')).toBeVisible();
  await expectAccessible(page, browser, javaScriptEnabled);
  expect(errors).toEqual([]);
});

test('a moderator sees the moderation menu', async ({ page, browser, javaScriptEnabled }) => {
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, javaScriptEnabled);
  await expect(page.getByRole('link', { name: '系統管理' })).toHaveCount(0);
  await page.getByRole('link', { name: '內容審核' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '內容審核' })).toBeVisible();
  await expectAccessible(page, browser, javaScriptEnabled);
});

test('an administrator manages users', async ({ page, browser, javaScriptEnabled }) => {
  const errors = watchErrors(page);
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, javaScriptEnabled);
  await page.getByRole('link', { name: '系統管理' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '平臺設定' })).toBeVisible();
  await expectAccessible(page, browser, javaScriptEnabled);
  await page.getByRole('link', { name: '使用者' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '使用者' })).toBeVisible();
  await page.getByLabel('以電子郵件搜尋').fill('citizen@demo');
  await page.getByRole('button', { name: '搜尋' }).click();
  const row = page.getByRole('row', { name: /citizen@demo\.minyi\.tw/ });
  await expect(row).toBeVisible();
  await expect(page.getByRole('row', { name: /admin@demo\.minyi\.tw/ })).toHaveCount(0);
  await expectAccessible(page, browser, javaScriptEnabled);

  // Toggle the moderator role twice: grant then revoke (or the reverse), ending where it began.
  const grant = row.getByRole('button', { name: '授予 審核員: citizen@demo.minyi.tw' });
  const revoke = row.getByRole('button', { name: '撤銷 審核員: citizen@demo.minyi.tw' });
  const [first, second] = (await grant.count()) > 0 ? [grant, revoke] : [revoke, grant];
  await first.click();
  await expect(second).toBeVisible();
  await second.click();
  await expect(first).toBeVisible();
  expect(errors).toEqual([]);
});
