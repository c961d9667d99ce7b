import { test, expect, PASSWORD, expectAccessible, linkIn, logIn, registerAndConfirm, settled, uniqueEmail, waitForEmail, watchErrors } from './helpers';

test('register, confirm by email, log in, switch language, log out', async ({ page, browser, javaScriptEnabled }) => {
  const errors = watchErrors(page);
  const email = uniqueEmail('mei');

  await page.goto('/register');
  await settled(page, javaScriptEnabled);
  await expect(page.getByRole('heading', { level: 1, name: '註冊帳號' })).toBeVisible();
  await expectAccessible(page, browser, javaScriptEnabled);

  // Bad input: errors next to the fields, what was typed is kept.
  await page.getByLabel('顯示名稱').fill('林小美');
  await page.getByLabel('電子郵件').fill('not-an-email');
  await page.getByLabel('密碼', { exact: true }).fill('password1234');
  await page.getByRole('button', { name: '建立帳號' }).click();
  await expect(page.locator('.field-error', { hasText: '請輸入像 name@example.tw 這樣的電子郵件地址' })).toBeVisible();
  await expect(page.locator('.field-error', { hasText: '這個密碼太常見' })).toBeVisible();
  await expect(page.getByLabel('顯示名稱')).toHaveValue('林小美');
  await expect(page.getByLabel('電子郵件')).toHaveValue('not-an-email');
  await expect(page.getByLabel('電子郵件')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, browser, javaScriptEnabled);

  await registerAndConfirm(page, '林小美', email, javaScriptEnabled, () => expectAccessible(page, browser, javaScriptEnabled));

  await logIn(page, email, PASSWORD, javaScriptEnabled);
  await expect(page.getByRole('navigation', { name: '帳號' }).getByText('林小美')).toBeVisible();
  await expectAccessible(page, browser, javaScriptEnabled);

  // Switch language (a plain form): remembered across pages.
  await page.getByLabel('語言').selectOption('en');
  await page.getByRole('button', { name: '切換語言' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await settled(page, javaScriptEnabled);
  await expectAccessible(page, browser, javaScriptEnabled);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('You have logged out.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('reset a forgotten password', async ({ page, browser, javaScriptEnabled }) => {
  const errors = watchErrors(page);
  const email = uniqueEmail('reset');
  await page.goto('/register');
  await settled(page, javaScriptEnabled);
  await page.getByLabel('顯示名稱').fill('王大明');
  await page.getByLabel('電子郵件').fill(email);
  await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '建立帳號' }).click();
  await expect(page.getByRole('heading', { name: '請查看您的電子郵件' })).toBeVisible();
  await page.goto(linkIn(await waitForEmail(email, '/verify?token='), '/verify'));
  await settled(page, javaScriptEnabled);
  await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '確認電子郵件' }).click();
  await expect(page.getByText('電子郵件已確認')).toBeVisible();

  await page.getByRole('link', { name: '忘記密碼？' }).click();
  await settled(page, javaScriptEnabled);
  await expectAccessible(page, browser, javaScriptEnabled);
  await page.getByLabel('電子郵件').fill(email);
  await page.getByRole('button', { name: '寄送重設連結' }).click();
  await expect(page.getByRole('heading', { name: '請查看您的電子郵件' })).toBeVisible();

  await page.goto(linkIn(await waitForEmail(email, '/reset/confirm?token='), '/reset/confirm'));
  await settled(page, javaScriptEnabled);
  await expectAccessible(page, browser, javaScriptEnabled);
  await page.getByLabel('新密碼', { exact: true }).fill('brand new sturdy phrase 5');
  await page.getByLabel('再次輸入新密碼').fill('something else entirely');
  await page.getByRole('button', { name: '變更密碼' }).click();
  await expect(page.locator('.field-error', { hasText: '兩次輸入的密碼不一致。' })).toBeVisible();
  await page.getByLabel('新密碼', { exact: true }).fill('brand new sturdy phrase 5');
  await page.getByLabel('再次輸入新密碼').fill('brand new sturdy phrase 5');
  await page.getByRole('button', { name: '變更密碼' }).click();
  await expect(page.getByText('密碼已變更，請用新密碼登入。')).toBeVisible();

  await logIn(page, email, 'brand new sturdy phrase 5', javaScriptEnabled);
  expect(errors).toEqual([]);
});
