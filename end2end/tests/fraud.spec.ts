import { test, expect, DEMO_PASSWORD, expectAccessible, logIn, settled, watchErrors } from './helpers';

// A moderator works the fraud console as a person would: from the petition page to the
// console, a group selected from its row, previewed, invalidated with a coded reason,
// seen on the public page, then restored. Each run leaves the petition as it found it.
test('a moderator previews, invalidates and restores a block of signatures', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const title = '延長臺北市立圖書館分館夜間開放時間';
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto('/petitions?q=' + encodeURIComponent('圖書館'));
  await page.getByRole('link', { name: title }).first().click();
  await settled(page, js);
  await page.getByRole('link', { name: '附議審查' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '附議審查' })).toBeVisible();
  await expect(page.getByText(/已作廢 0/)).toBeVisible();
  await expectAccessible(page, browser, js);
  // Nobody's address or name is on the page: groups and counts only.
  await expect(page.getByText('demo-signer')).toHaveCount(0);

  // The largest address block, selected from its row and previewed.
  const row = page.getByRole('row').filter({ hasText: '198.51.100.0/24' });
  await row.getByRole('link', { name: '選取' }).click();
  await settled(page, js);
  const preview = page.getByText(/這個選取目前包含 [\d,]+ 份附議/);
  await expect(preview).toBeVisible();
  const taken = (await preview.textContent())!.match(/包含 ([\d,]+) 份/)![1];
  await expect(page.getByRole('textbox', { name: '來源網段' })).toHaveValue('198.51.100.0/24');
  await expectAccessible(page, browser, js);

  // A missing reason is refused next to the field; nothing is invalidated.
  await page.getByLabel('公開說明').fill('測試：同一網段在短時間內大量附議。');
  await page.getByRole('button', { name: '作廢這些附議' }).click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  await page.getByLabel('理由').selectOption({ label: '同一來源短時間內大量附議' });
  await page.getByLabel('公開說明').fill('測試：同一網段在短時間內大量附議。');
  await page.getByRole('button', { name: '作廢這些附議' }).click();
  await expect(page.getByText('已作廢，人數已更新。')).toBeVisible();
  await expect(page.getByText(new RegExp(`已作廢 ${taken}`))).toBeVisible();
  await expectAccessible(page, browser, js);

  // The public page says how many and why, and the count is lower.
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByText(`管理員作廢了 ${taken.replace(/,/g, '')} 份附議`).last()).toBeVisible();
  await expect(page.getByText('測試：同一網段在短時間內大量附議。').first()).toBeVisible();

  // Restored: back as it was.
  await page.getByRole('link', { name: '附議審查' }).click();
  await settled(page, js);
  await page.getByRole('button', { name: '恢復' }).first().click();
  await expect(page.getByText('已恢復，人數已更新。')).toBeVisible();
  await expect(page.getByText(/已作廢 0/)).toBeVisible();
  await expect(page.getByText(/已於 .* 恢復/).first()).toBeVisible();
  expect(errors).toEqual([]);
});
