import { test, expect, DEMO_PASSWORD, expectAccessible, logIn, settled, watchErrors } from './helpers';

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

test('an agency officer answers an established petition', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const title = '全面禁止餐飲業提供一次性塑膠吸管';
  await logIn(page, 'officer@demo.minyi.tw', DEMO_PASSWORD, js);
  await expect(page.getByRole('link', { name: '內容審核' })).toHaveCount(0);
  await page.getByRole('link', { name: '機關工作區' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '機關工作區' })).toBeVisible();
  await expect(page.getByText('環境部 (主辦)').first()).toBeVisible();
  await expectAccessible(page, browser, js);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { name: '撰寫回應' })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  // A bad field is refused next to it, and nothing is published.
  await page.getByLabel('摘要').fill('太短');
  await page.getByRole('button', { name: '發布正式回應' }).click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  await page.getByLabel('摘要').fill('本部將於明年修正限制使用對象，擴大禁用範圍。');
  await page.getByLabel('詳細說明').fill('## 說明\n\n我們將分兩階段實施。');
  await page.getByLabel('訴求內容').first().fill('擴大禁用範圍到所有餐飲業');
  await page.getByLabel('立場').first().selectOption({ label: '部分採納' });
  await page.getByLabel('說明理由').first().fill('先從連鎖業者開始，再擴及所有業者。');
  // The answer cites the statement people agreed on most in the petition's opinion map.
  const cite = page.getByRole('group', { name: '引用的意見（最多 20 則）' });
  const cited = (await cite.locator('.cite-body').first().innerText()).trim();
  await cite.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: '發布正式回應' }).click();
  await expect(page.getByText('已發布回應。')).toBeVisible();
  // The public page shows the response, the position on each point, and the timeline.
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { name: '機關回應' })).toBeVisible();
  await expect(page.getByText('本部將於明年修正限制使用對象，擴大禁用範圍。')).toBeVisible();
  await expect(page.getByRole('cell', { name: '部分採納' })).toBeVisible();
  await expect(page.getByText(/主辦機關發布正式回應：環境部/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '回應引用的討論意見' })).toBeVisible();
  await expectAccessible(page, browser, js);
  // The cited statement is among what everyone agreed on, on the opinion map's page.
  await settled(page, js);
  await page.getByRole('link', { name: cited }).first().click();
  await expect(page.locator('tr:target')).toContainText(cited);
  await expect(page.getByRole('region', { name: '共識：各群都同意的意見' }).getByText(cited)).toBeVisible();
  // The agencies page counts it as answered on time.
  await page.goto('/agencies');
  const row = page.getByRole('row').filter({ hasText: '環境部' });
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await expectAccessible(page, browser, js);
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
  // People are found by name as well as by email.
  await page.getByLabel('以名稱或電子郵件搜尋').fill('林小美');
  await page.getByRole('button', { name: '搜尋' }).click();
  await expect(page.getByRole('row', { name: /citizen@demo\.minyi\.tw/ })).toBeVisible();
  await page.getByLabel('以名稱或電子郵件搜尋').fill('citizen@demo');
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
