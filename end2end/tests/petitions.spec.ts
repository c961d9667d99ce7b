import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, linkIn, logIn, settled, uniqueEmail, waitForEmail, watchErrors } from './helpers';

async function logOut(page: Page) {
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
}

/** The admin sets Taipei's threshold to 2 (rules are frozen when a petition opens). */
async function lowerTaipeiThreshold(page: Page, js: boolean) {
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto('/admin/site');
  await settled(page, js);
  const taipei = page.getByRole('region', { name: '臺北市的規則' });
  await taipei.getByLabel('附議門檻（人）').fill('2');
  await taipei.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByText('已儲存')).toBeVisible();
  await logOut(page);
}

/** The demo citizen proposes a Taipei petition; returns its page path. */
async function propose(page: Page, browser: Browser, js: boolean, title: string, submitFromPreview: boolean): Promise<string> {
  await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '我要提議' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '我要提議' })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  await page.getByLabel('標題').fill(title);
  await page.getByLabel('現況與問題').fill('路口行人號誌秒數太短，長者與孩童來不及通過，已經發生多起事故。');
  await page.getByLabel('建議作法').fill('延長市區主要路口的行人綠燈秒數。');
  await page.getByLabel('效益與影響').fill('減少行人事故，讓長者與孩童安全通行。');
  await page.getByLabel('佐證資料').fill('https://data.taipei/');
  await page.getByLabel('類別').selectOption({ label: '交通' });
  await page.getByLabel('轄區').selectOption({ label: '臺北市' });
  await page.getByLabel('主辦機關').selectOption({ label: '臺北市政府交通局' });
  if (submitFromPreview) {
    await page.getByRole('button', { name: '預覽' }).click();
    await expect(page.getByText('這是你的提議預覽。')).toBeVisible();
    await expect(page.getByRole('heading', { name: '類似的提議' })).toBeVisible();
    await page.getByRole('button', { name: '送出審核' }).click();
  } else {
    await page.getByRole('button', { name: '送出審核' }).click();
  }
  await expect(page.getByText('已送出審核。')).toBeVisible();
  await expect(page.getByText('審核中', { exact: true })).toBeVisible();
  const path = new URL(page.url()).pathname;
  await logOut(page);
  return path;
}

/** A moderator claims the petition from the queue. */
async function claim(page: Page, js: boolean, title: string) {
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '內容審核' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '內容審核' })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '認領這份提議' }).click();
  await expect(page.getByText('已認領')).toBeVisible();
}

test('propose, approve, sign with one click and by email, reach the threshold', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await lowerTaipeiThreshold(page, js);
  const title = `延長行人綠燈秒數 ${Date.now()}`;
  const path = await propose(page, browser, js, title, true);

  await claim(page, js, title);
  await page.getByRole('button', { name: '通過並開放附議' }).click();
  await expect(page.getByText('已通過並開放附議。')).toBeVisible();
  await logOut(page);

  // A logged-in citizen signs with one click.
  await logIn(page, 'officer@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto(path);
  await settled(page, js);
  await expect(page.getByText('0 / 2 人附議')).toBeVisible();
  await expectAccessible(page, browser, js);
  await page.getByLabel('居住縣市').selectOption({ label: '臺北市' });
  await page.getByRole('button', { name: '附議', exact: true }).click();
  await expect(page.getByText('謝謝你的附議！')).toBeVisible();
  await expect(page.getByText('你已經附議了這份提議。')).toBeVisible();
  // Counted within a couple of seconds (the roll-up runs every second).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('1 / 2 人附議')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await logOut(page);

  // A visitor signs with name and email, and confirms from the email's page.
  const guest = uniqueEmail('guest');
  await page.goto(path);
  await settled(page, js);
  const signForm = page.getByRole('region', { name: '附議這份提議' });
  await signForm.getByLabel('姓名').fill('訪客小明');
  await signForm.getByLabel('電子郵件').fill(guest);
  await signForm.getByLabel('居住縣市').selectOption({ label: '高雄市' });
  await signForm.getByRole('button', { name: '送出並寄確認信' }).click();
  await expect(page.getByRole('heading', { name: '請到信箱確認附議' })).toBeVisible();
  const mail = await waitForEmail(guest, '/sign/confirm');
  if (js) {
    // With JavaScript the open page updates by itself when the count changes.
    await page.goto(path);
    await settled(page, js);
    const confirmPage = await page.context().newPage();
    await confirmPage.goto(linkIn(mail, '/sign/confirm'));
    await confirmPage.getByRole('button', { name: '確認附議' }).click();
    await expect(confirmPage.getByText('附議已確認，謝謝你！')).toBeVisible();
    await expect(page.getByText('2 / 2 人附議')).toBeVisible({ timeout: 15_000 });
    await confirmPage.close();
  } else {
    await page.goto(linkIn(mail, '/sign/confirm'));
    await page.getByRole('button', { name: '確認附議' }).click();
    await expect(page.getByText('附議已確認，謝謝你！')).toBeVisible();
  }
  // The threshold is reached: awaiting the agency's response, with a due date.
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByText('已成案，等待機關回應').first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText(/達到門檻；機關應於 \d{4}-\d{2}-\d{2} 前回應/)).toBeVisible();
  await expect(page.getByText(/達到附議門檻（2 人）/)).toBeVisible();
  // Public pages show counts by place, never names or emails.
  await expect(page.getByText('訪客小明')).toHaveCount(0);
  await expect(page.getByText(guest)).toHaveCount(0);
  await expectAccessible(page, browser, js);
  expect(errors).toEqual([]);
});

test('a moderator rejects with a coded reason', async ({ page, browser, javaScriptEnabled: js }) => {
  const errors = watchErrors(page);
  const title = `請市府幫我修家門口 ${Date.now()}`;
  const path = await propose(page, browser, js, title, false);
  await claim(page, js, title);
  // A rejection needs a reason and an explanation: the error is shown next to the field.
  const reject = page.getByRole('region', { name: '不通過' });
  await reject.getByLabel('原因').selectOption({ label: '內容不明確或屬個人事務' });
  await reject.getByRole('button', { name: '不通過' }).click();
  // Without JavaScript the browser comes back to this page with the kept errors.
  if (!js) await page.waitForURL(/flash=/);
  await expect(reject.getByText('此欄位必填。').first()).toBeVisible();
  await expectAccessible(page, browser, js);
  await reject.getByLabel('原因').selectOption({ label: '內容不明確或屬個人事務' });
  await reject.getByLabel('說明').fill('屬於個人住家修繕，請洽里辦公處。');
  await reject.getByRole('button', { name: '不通過' }).click();
  await expect(page.getByText('已記錄不通過的決定。')).toBeVisible();
  await logOut(page);
  // Everyone sees it rejected, with the reason and the explanation.
  await page.goto(path);
  await expect(page.getByText('未通過審核', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('內容不明確或屬個人事務').first()).toBeVisible();
  await expect(page.getByText('屬於個人住家修繕，請洽里辦公處。')).toBeVisible();
  expect(errors).toEqual([]);
});

test('signing after closing time is refused', async ({ page, browser, javaScriptEnabled: js }) => {
  const errors = watchErrors(page);
  await page.goto('/petitions?state=closed&q=國道客運');
  await page.getByRole('link', { name: '增加國道客運深夜班次' }).click();
  await expect(page.getByText(/附議已於 \d{4}-\d{2}-\d{2} 結束/)).toBeVisible();
  await expect(page.getByText('這份提議目前不接受附議。')).toBeVisible();
  await expect(page.getByRole('button', { name: '送出並寄確認信' })).toHaveCount(0);
  await expectAccessible(page, browser, js);
  // Posting the form anyway is refused by the server.
  const id = new URL(page.url()).pathname.split('/').pop()!;
  const res = await page.request.post('/api/sign_guest', {
    form: { id, name: '晚到的人', email: uniqueEmail('late'), county: '63000' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('SigningClosed');
  expect(errors).toEqual([]);
});

test('the list filters, sorts and searches without JavaScript too', async ({ page, browser, javaScriptEnabled: js }) => {
  const errors = watchErrors(page);
  await page.goto('/petitions');
  await settled(page, js);
  await page.getByLabel('搜尋提議').fill('自行車');
  await page.getByLabel('排序').selectOption({ label: '即將截止' });
  await page.getByRole('button', { name: '套用' }).click();
  await expect(page.getByRole('link', { name: '在捷運與火車站出口增設公共自行車站點' })).toBeVisible();
  await expect(page.getByText(/共 1 件/)).toBeVisible();
  await expectAccessible(page, browser, js);
  await page.getByRole('link', { name: '在捷運與火車站出口增設公共自行車站點' }).click();
  await expect(page.getByRole('heading', { name: '附議者所在縣市' })).toBeVisible();
  await expect(page.locator('svg.map-svg path.map-area')).toHaveCount(22);
  await expect(page.locator('svg.chart-svg path.chart-line')).toHaveCount(1);
  await expectAccessible(page, browser, js);
  expect(errors).toEqual([]);
});
