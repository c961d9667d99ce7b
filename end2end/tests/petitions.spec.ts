import { type Browser, type Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD, expectAccessible, linkIn, logIn, settled, uniqueEmail, waitForEmail, watchErrors } from './helpers';

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
    await expect(page.getByText('這是您的提議預覽。')).toBeVisible();
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

test('propose, approve, sign with one click and by email, reach the threshold, and the agency answers', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(240_000);
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
  await expect(page.getByText('謝謝您的附議！')).toBeVisible();
  await expect(page.getByText('您已經附議了這份提議。')).toBeVisible();
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
    // With JavaScript the open page updates by itself when the count changes: the
    // server's event stream pushes it (the fallback poll is every 15 s, slower than this wait).
    const stream = page.waitForRequest((r) => r.url().includes(`/api/v1/stream?petition=`));
    await page.goto(path);
    await settled(page, js);
    await stream;
    const confirmPage = await page.context().newPage();
    await confirmPage.goto(linkIn(mail, '/sign/confirm'));
    await confirmPage.getByRole('button', { name: '確認附議' }).click();
    await expect(confirmPage.getByText('附議已確認並計入，謝謝您！')).toBeVisible();
    await expect(page.getByText('2 / 2 人附議')).toBeVisible({ timeout: 8_000 });
    await confirmPage.close();
  } else {
    await page.goto(linkIn(mail, '/sign/confirm'));
    await page.getByRole('button', { name: '確認附議' }).click();
    await expect(page.getByText('附議已確認並計入，謝謝您！')).toBeVisible();
    // The same page then offers the signature's receipt, once the log has taken it.
    await expect(page.getByRole('heading', { name: '附議收據' })).toBeVisible();
    const receipt = page.getByRole('link', { name: '下載附議收據' });
    await expect(async () => {
      await page.reload();
      await expect(receipt).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const download = page.waitForEvent('download');
    await receipt.click();
    expect((await download).suggestedFilename()).toMatch(/^minyi-receipt-\d+\.txt$/);
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

  await answer(page, browser, js, title, path, guest);
  expect(errors).toEqual([]);
});

/**
 * The demo officer serves both Taipei agencies: the transport department extends the
 * deadline once and hands the lead to the education department, which accepts and
 * publishes; the signers are emailed and the public pages show all of it.
 */
async function answer(page: Page, browser: Browser, js: boolean, title: string, path: string, guest: string) {
  await logIn(page, 'officer@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '機關工作區' }).click();
  const inboxRow = page.getByRole('row').filter({ hasText: title });
  await expect(inboxRow).toContainText('臺北市政府交通局 (主辦)');
  await inboxRow.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: '撰寫回應' })).toBeVisible();
  await settled(page, js);

  // One extension, within the jurisdiction's maximum, with a public reason.
  const extend = page.getByRole('region', { name: '延長回應期限（限一次）' });
  await extend.getByLabel('延長天數').fill('400');
  await extend.getByLabel('延長理由（公開）').fill('需要跨局處會勘路口。');
  await extend.getByRole('button', { name: '延長期限' }).click();
  await expect(extend.locator('.field-error')).toBeVisible();
  await expect(page.getByText('已延長回應期限。')).toHaveCount(0);
  await extend.getByLabel('延長天數').fill('14');
  await extend.getByLabel('延長理由（公開）').fill('需要跨局處會勘路口。');
  await extend.getByRole('button', { name: '延長期限' }).click();
  await expect(page.getByText('已延長回應期限。')).toBeVisible();
  await expect(page.getByText('已延長過一次期限。')).toBeVisible();

  // The lead moves to another agency of the same city, which accepts.
  const transfer = page.getByRole('region', { name: '移轉主辦機關' });
  await transfer.getByLabel('移轉給').selectOption({ label: '臺北市政府教育局' });
  await transfer.getByLabel('移轉理由（公開）').fill('路口位於學區，由教育局統籌。');
  await transfer.getByRole('button', { name: '送出移轉請求' }).click();
  await expect(page.getByText('已送出移轉主辦機關的請求。')).toBeVisible();
  await page.goto('/agency');
  await settled(page, js);
  const pending = page.getByRole('region', { name: '待決定的主辦機關移轉' }).getByRole('listitem').filter({ hasText: title });
  await pending.getByRole('button', { name: '接受' }).click();
  await expect(page.getByText('已處理移轉請求。')).toBeVisible();

  // The new lead drafts, then publishes the formal response.
  const newRow = page.getByRole('row').filter({ hasText: title }).filter({ hasText: '臺北市政府教育局 (主辦)' });
  await newRow.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: '撰寫回應' })).toBeVisible();
  await settled(page, js);
  await page.getByLabel('摘要').fill('學區路口將延長行人綠燈秒數並設置導護。');
  await page.getByLabel('詳細說明').fill('我們將於下學期起實施。');
  await page.getByRole('button', { name: '儲存草稿' }).click();
  await expect(page.getByText(/草稿已儲存/).first()).toBeVisible();
  await page.getByLabel('訴求內容').first().fill('延長行人綠燈秒數');
  await page.getByLabel('立場').first().selectOption({ label: '採納' });
  await page.getByLabel('說明理由').first().fill('學區路口優先調整。');
  await page.getByRole('button', { name: '發布正式回應' }).click();
  await expect(page.getByText('已發布回應。')).toBeVisible();
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();

  // The visitor who signed is emailed, with a one-click unsubscribe link.
  const mail = await waitForEmail(guest, '學區路口將延長行人綠燈秒數並設置導護。');
  expect(mail).toContain('/unsubscribe/');
  expect(mail).toContain('學區路口將延長行人綠燈秒數並設置導護。');

  // The public page: response, point positions, extension and transfer in the timeline.
  await page.goto(path);
  await settled(page, js);
  await expect(page.getByRole('heading', { name: '機關回應' })).toBeVisible();
  await expect(page.getByText('學區路口將延長行人綠燈秒數並設置導護。')).toBeVisible();
  await expect(page.getByRole('cell', { name: '採納', exact: true })).toBeVisible();
  await expect(page.getByText('回應期限延長 14 天，理由：需要跨局處會勘路口。')).toBeVisible();
  await expect(page.getByText(/主辦機關由臺北市政府交通局移轉至臺北市政府教育局，理由：路口位於學區，由教育局統籌。/)).toBeVisible();
  await expect(page.getByText(/主辦機關發布正式回應：臺北市政府教育局/).first()).toBeVisible();
  await expectAccessible(page, browser, js);

  // The unsubscribe link works without an account.
  const unsubscribe = /https?:\/\/[^\s/]+(\/unsubscribe\/[0-9a-zA-Z_-]+)/.exec(mail)![1];
  await page.goto(unsubscribe);
  await page.getByRole('button', { name: '停止通知' }).click();
  await expect(page.getByText('已停止通知。')).toBeVisible();

  // The accountability pages count it for the agency that answered, on time.
  await page.goto('/agencies/tp-doe');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  const onTime = Number(await page.locator('dt:has-text("準時回應") + dd').textContent());
  expect(onTime).toBeGreaterThanOrEqual(1);
  await page.goto('/agencies');
  const row = page.getByRole('row').filter({ hasText: '臺北市政府教育局' });
  await expect(row.getByRole('cell').nth(1)).toHaveText(String(onTime));
  await expectAccessible(page, browser, js);
}

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
