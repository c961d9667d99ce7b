import { test, expect, PASSWORD, expectAccessible, logIn, registerAndConfirm, settled, uniqueEmail, watchErrors } from './helpers';

// A citizen's personal data from their side: the privacy page, "Download my data", and
// deleting the account (the signature keeps counting). Clicked through, JS on and off.

test('a citizen reads the privacy page, downloads their data and deletes the account', async ({ page, browser, javaScriptEnabled: js }) => {
  const errors = watchErrors(page);
  const email = uniqueEmail('privacy');

  // The privacy page, from the footer: what is kept and each jurisdiction's period.
  await page.goto('/');
  await settled(page, js);
  await page.getByRole('contentinfo').getByRole('link', { name: '隱私權' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /隱私權：我們保存什麼/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /臺北市.*183/ })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);

  // Register and confirm.
  await page.getByRole('link', { name: '註冊' }).first().click();
  await registerAndConfirm(page, '陳個資', email, js);
  await logIn(page, email, PASSWORD, js);

  // Sign a petition, found by clicking.
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '瀏覽提議' }).click();
  await settled(page, js);
  await page.getByRole('link', { name: '在捷運與火車站出口增設公共自行車站點' }).click();
  await settled(page, js);
  await page.getByLabel('居住縣市').selectOption({ label: '臺北市' });
  await page.getByRole('button', { name: '附議', exact: true }).click();
  await expect(page.getByText('您已經附議了這份提議。')).toBeVisible();

  // Download my data: a ZIP with the signature in it.
  await page.getByRole('link', { name: '我的帳號' }).click();
  await expect(page.getByRole('heading', { name: '您的資料' })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下載我的資料（ZIP）' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^minyi-data-\d{8}\.zip$/);
  const path = await download.path();
  const bytes = require('fs').readFileSync(path);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  // File names are stored uncompressed in a ZIP's directory.
  for (const name of ['README.txt', 'account.json', 'signatures.csv', 'comments.json', 'emails.json']) {
    expect(bytes.includes(Buffer.from(name))).toBe(true);
  }

  // Delete the account: a wrong password is refused next to the field, the right one works.
  const danger = page.getByRole('region', { name: '刪除帳號' });
  await danger.getByLabel('輸入密碼以確認').fill('not my password 1');
  await danger.getByRole('button', { name: '刪除我的帳號' }).click();
  await expect(page.getByText('密碼不正確').first()).toBeVisible();
  await page.getByRole('region', { name: '刪除帳號' }).getByLabel('輸入密碼以確認').fill(PASSWORD);
  await page.getByRole('region', { name: '刪除帳號' }).getByRole('button', { name: '刪除我的帳號' }).click();
  await expect(page.getByText('您的帳號已刪除。')).toBeVisible();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();

  // The account is gone: its password no longer signs in.
  await page.getByRole('link', { name: '登入' }).click();
  await settled(page, js);
  await page.getByLabel('電子郵件').fill(email);
  await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登入' }).click();
  await expect(page.getByText(/電子郵件或密碼不正確/)).toBeVisible();
  expect(errors).toEqual([]);
});
