import { type Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD, expectAccessible, freshCode, linkIn, logIn, settled, waitForEmail, watchErrors } from './helpers';

async function logOut(page: Page) {
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
}

test('a county sets itself up, its invited officer enrols a second factor and answers, and a retired agency keeps its history', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const run = `${js ? 'j' : 'h'}${Date.now() % 1_000_000}`;
  const county = `澎湖測試${run}`;
  const works = `${county}工務處`;
  const tourism = `${county}旅遊處`;
  const officerEmail = `officer-${run}@penghu.example.tw`;
  const officerPassword = '澎湖的海風很大但是很舒服-2026';

  // The admin adds a county with its own rules, and two agencies.
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '系統管理' }).click();
  await page.getByRole('link', { name: '組織設定' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '組織設定' })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  const add = page.locator('form').filter({ has: page.getByRole('button', { name: '新增轄區' }) });
  await add.getByLabel('代碼').fill(`ph-${run}`);
  await add.getByLabel('政府層級').selectOption({ label: '縣' });
  await add.getByLabel('中文名稱').fill(county);
  await add.getByLabel('英文名稱').fill(`Penghu test ${run}`);
  await add.getByLabel('附議門檻（人）').fill('1');
  await add.getByRole('button', { name: '新增轄區' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `編輯${county}` })).toBeVisible();
  await expect(page.getByText('已儲存變更。')).toBeVisible();
  for (const [code, name] of [[`ph-works-${run}`, works], [`ph-tour-${run}`, tourism]]) {
    await page.getByRole('link', { name: '回到組織設定' }).click();
    await settled(page, js);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: '新增機關' }) });
    await form.getByLabel('轄區').selectOption({ label: county });
    await form.getByLabel('代碼').fill(code);
    await form.getByLabel('中文名稱').fill(name);
    await form.getByLabel('英文名稱').fill(`Agency ${code}`);
    await form.getByLabel('公開聯絡方式（選填）').fill('澎湖縣馬公市');
    await form.getByRole('button', { name: '新增機關' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `編輯${name}` })).toBeVisible();
  }

  // The admin invites the works department's officer.
  await page.goto('/admin/users');
  await settled(page, js);
  const invite = page.getByRole('region', { name: '邀請工作人員' });
  await invite.getByLabel('電子郵件').fill(officerEmail);
  await invite.getByLabel('姓名').fill('澎湖承辦');
  await invite.getByLabel('角色').selectOption({ label: '機關承辦人' });
  await invite.getByLabel('所屬機關（承辦人）').selectOption({ label: works });
  await invite.getByRole('button', { name: '寄出邀請' }).click();
  await expect(page.getByText('已寄出邀請。')).toBeVisible();
  await logOut(page);

  // The officer sets a password from the email, then must enrol a second factor.
  const mail = await waitForEmail(officerEmail, '/reset/confirm');
  await page.goto(linkIn(mail, '/reset/confirm'));
  await settled(page, js);
  await page.getByLabel('新密碼', { exact: true }).fill(officerPassword);
  await page.getByLabel('再次輸入新密碼').fill(officerPassword);
  await page.getByRole('button', { name: '變更密碼' }).click();
  await expect(page.getByText('密碼已變更，請用新密碼登入。')).toBeVisible();
  await logIn(page, officerEmail, officerPassword, js);
  await expect(page.getByRole('heading', { level: 1, name: '第二道驗證' })).toBeVisible();
  await expect(page.getByText('您的工作人員角色必須使用第二道驗證')).toBeVisible();
  await settled(page, js);
  await page.getByRole('button', { name: '設定第二道驗證' }).click();
  await expect(page.getByRole('img', { name: '驗證 App 用的 QR Code' })).toBeVisible();
  await expectAccessible(page, browser, js);
  const secret = (await page.locator('.totp-secret').innerText()).replace(/\s+/g, '');
  await page.getByLabel('驗證碼').fill(await freshCode(secret));
  await page.getByRole('button', { name: '確認' }).click();
  await expect(page.getByRole('heading', { name: '您的備用碼' })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await page.getByRole('link', { name: '我已保存備用碼，繼續' }).click();
  await expect(page.getByRole('link', { name: '機關工作區' })).toBeVisible();
  await logOut(page);
  await waitForEmail(officerEmail, '您已設定第二道驗證');

  // A citizen proposes to the new county; a moderator approves; one signature establishes it.
  const title = `澎湖跨海大橋增設單車專用道 ${run}`;
  // (citizen3: the demo citizen's daily submissions are used by the petition tests)
  await logIn(page, 'citizen3@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '我要提議' }).first().click();
  await settled(page, js);
  await page.getByLabel('標題').fill(title);
  await page.getByLabel('現況與問題').fill('跨海大橋上沒有單車專用道，騎士只能與汽機車爭道，非常危險。');
  await page.getByLabel('建議作法').fill('在跨海大橋兩側增設有護欄的單車專用道。');
  await page.getByLabel('效益與影響').fill('讓居民與遊客安全騎乘，發展低碳觀光。');
  await page.getByLabel('類別').selectOption({ label: '交通' });
  await page.getByLabel('轄區').selectOption({ label: county });
  await page.getByLabel('主辦機關').selectOption({ label: works });
  await page.getByRole('button', { name: '送出審核' }).click();
  await expect(page.getByText('已送出審核。')).toBeVisible();
  const path = new URL(page.url()).pathname;
  await logOut(page);
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '內容審核' }).click();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '認領這份提議' }).click();
  await expect(page.getByText('已認領')).toBeVisible();
  await page.getByRole('button', { name: '通過並開放附議' }).click();
  await expect(page.getByText('已通過並開放附議。')).toBeVisible();
  await logOut(page);
  await logIn(page, 'citizen2@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto(path);
  await settled(page, js);
  await page.getByLabel('居住縣市').selectOption({ label: '澎湖縣' });
  await page.getByRole('button', { name: '附議', exact: true }).click();
  await expect(page.getByText('謝謝您的附議！')).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('已成案').first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await logOut(page);

  // The invited officer answers, signing in with the code from their app.
  await logIn(page, officerEmail, officerPassword, js, secret);
  await page.getByRole('link', { name: '機關工作區' }).click();
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { name: '撰寫回應' })).toBeVisible();
  await settled(page, js);
  await page.getByLabel('摘要').fill('本府將於明年度編列預算，增設有護欄的單車專用道。');
  await page.getByLabel('詳細說明').fill('先辦理可行性評估，再分段施工。');
  await page.getByLabel('訴求內容').first().fill('增設單車專用道');
  await page.getByLabel('立場').first().selectOption({ label: '採納' });
  await page.getByLabel('說明理由').first().fill('有助交通安全與觀光。');
  await page.getByRole('button', { name: '發布正式回應' }).click();
  await expect(page.getByText('已發布回應。')).toBeVisible();
  await logOut(page);

  // The admin retires the works department; its answered petition and page stay.
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto('/admin/organisation');
  await page.getByRole('link', { name: works }).click();
  await settled(page, js);
  await page.getByRole('button', { name: '停用', exact: true }).click();
  await expect(page.getByText('已儲存變更。')).toBeVisible();
  await expect(page.getByText('狀態: 已停用')).toBeVisible();
  await page.getByRole('link', { name: '主辦的提議' }).click();
  await expect(page.getByText('此機關已不再受理新提議')).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(page, browser, js);
  // It is no longer offered to proposers.
  await page.goto('/petitions/new');
  await settled(page, js);
  await page.getByLabel('轄區').selectOption({ label: county });
  await expect(page.getByLabel('主辦機關').locator('option', { hasText: works })).toHaveCount(0);
  expect(errors).toEqual([]);
});
