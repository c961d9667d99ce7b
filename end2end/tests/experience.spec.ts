import { type Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD, PASSWORD, expectAccessible, logIn, registerAndConfirm, settled, uniqueEmail, waitForEmail } from './helpers';

// The everyday experience, done as a person does it (clicks, not typed addresses),
// with JavaScript on and off: sharing, confirmations before harm, errors that lead to
// their fields, and a header that fits a phone.

const BIKE = '在捷運與火車站出口增設公共自行車站點'; // national: a signature may be withdrawn
const LIBRARY = '延長臺北市立圖書館分館夜間開放時間'; // Taipei: signatures are final

/** From anywhere: the list, a search for the title, and the petition. */
async function openPetition(page: Page, js: boolean, title: string) {
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '瀏覽提議' }).click();
  await settled(page, js);
  await page.getByLabel('搜尋提議').fill(title);
  await page.getByRole('button', { name: '套用' }).click();
  await settled(page, js);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await settled(page, js);
}

/** A new citizen, registered and logged in (a fresh person signs nothing twice). */
async function newCitizen(page: Page, js: boolean): Promise<string> {
  const email = uniqueEmail('citizen');
  await page.goto('/');
  await settled(page, js);
  await page.getByRole('link', { name: '註冊帳號' }).first().click();
  await settled(page, js);
  await registerAndConfirm(page, '新市民', email, js);
  await logIn(page, email, PASSWORD, js);
  await page.goto('/');
  await settled(page, js);
  return email;
}

test('the share box gives the full address, a QR code and plain share links', async ({ page, browser, javaScriptEnabled: js }) => {
  await page.goto('/');
  await settled(page, js);
  await openPetition(page, js, BIKE);
  const share = page.getByRole('region', { name: '分享' });
  const address = share.getByRole('textbox', { name: '提議網址' });
  await expect(address).toHaveValue(/^https?:\/\/[^/]+\/petitions\/\d+$/);
  const url = await address.inputValue();
  await expect(share.getByRole('img', { name: '這份提議網址的 QR Code' }).locator('svg')).toBeVisible();
  await expect(share.getByRole('link', { name: '分享到 LINE' })).toHaveAttribute('href', `https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}`);
  await expect(share.getByRole('link', { name: '分享到 Facebook' })).toHaveAttribute('href', new RegExp(`sharer\\.php\\?u=${encodeURIComponent(url).replace(/[.?]/g, '\\$&')}$`));
  if (js) {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await share.getByRole('button', { name: '複製網址' }).click();
    await expect(share.getByRole('status')).toHaveText('已複製');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  } else {
    // Without JavaScript there is nothing that would not work: the address is there to select.
    await expect(share.getByRole('button', { name: '複製網址' })).toHaveCount(0);
  }
  // Printing shows the petition, not the controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1, name: BIKE })).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(share.getByRole('link', { name: '分享到 LINE' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expectAccessible(page, browser, js);
});

test('withdrawing a signature asks first, and final signatures are said before signing', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(120_000);
  await newCitizen(page, js);
  // Taipei: the warning stands next to the button, before anything is given.
  await openPetition(page, js, LIBRARY);
  const libSign = page.getByRole('region', { name: '附議這份提議' });
  await expect(libSign.getByText('請注意：這個轄區的附議送出後無法撤回。')).toBeVisible();

  await openPetition(page, js, BIKE);
  const sign = page.getByRole('region', { name: '附議這份提議' });
  await expect(sign.getByText(/無法撤回/)).toHaveCount(0);
  const before = Number((await page.getByText(/人附議/).first().innerText()).match(/([\d,]+) \//)![1].replace(/,/g, ''));
  await sign.getByLabel('居住縣市').selectOption({ label: '臺中市' });
  await sign.getByRole('button', { name: '附議', exact: true }).click();
  await expect(page.getByText('謝謝您的附議！您的附議已計入')).toBeVisible();
  // The page that comes back already counts this signature.
  await expect(page.getByText(new RegExp(`${(before + 1).toLocaleString('en-US')} / [\\d,]+ 人附議`)).first()).toBeVisible();
  await settled(page, js);

  // Withdrawing is a second step; cancelling keeps the signature.
  await sign.getByRole('link', { name: '撤回我的附議' }).click();
  const confirm = page.getByRole('group', { name: '確定要撤回附議嗎？' });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, browser, js);
  await confirm.getByRole('link', { name: '取消，回到提議' }).click();
  await expect(page.getByText('您已經附議了這份提議。')).toBeVisible();
  await settled(page, js);
  await page.getByRole('region', { name: '附議這份提議' }).getByRole('link', { name: '撤回我的附議' }).click();
  await page.getByRole('group', { name: '確定要撤回附議嗎？' }).getByRole('button', { name: '是，撤回我的附議' }).click();
  await expect(page.getByText('您的附議已撤回。')).toBeVisible();
  await expect(page.getByRole('region', { name: '附議這份提議' }).getByRole('button', { name: '附議', exact: true })).toBeVisible();
});

test('the error summary takes focus and each problem leads to its field', async ({ page, browser, javaScriptEnabled: js }) => {
  await newCitizen(page, js);
  await page.getByRole('link', { name: '我要提議' }).first().click();
  await settled(page, js);
  // The limits are said before typing.
  await expect(page.getByText('用一句話說明您的提議，4 到 80 個字。')).toBeVisible();
  await expect(page.getByText('說明目前的狀況與遇到的問題，至少 20 字，最多 5,000 字。')).toBeVisible();
  if (js) {
    await page.getByLabel('標題').fill('公園');
    await expect(page.getByText('已輸入 2 字，上限 80 字')).toBeVisible();
  } else {
    await page.getByLabel('標題').fill('公園');
  }
  await page.getByLabel('現況與問題').fill('太短');
  await page.getByRole('button', { name: '送出審核' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '有問題需要修正' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expectAccessible(page, browser, js);
  await summary.getByRole('link', { name: /^標題：/ }).click();
  await expect(page.getByLabel('標題')).toBeFocused();
  await expect(page.getByLabel('標題')).toHaveValue('公園');
  await summary.getByRole('link', { name: /^現況與問題：/ }).click();
  await expect(page.getByLabel('現況與問題')).toBeFocused();

  // The text is right now, but the agency is another jurisdiction's: a specific message.
  await page.getByLabel('標題').fill('公園增設遮陽棚');
  await page.getByLabel('現況與問題').fill('夏天公園遊戲場沒有遮蔭，孩子玩不到十分鐘就熱得受不了。');
  await page.getByLabel('建議作法').fill('在遊戲場與座椅區增設遮陽棚。');
  await page.getByLabel('效益與影響').fill('讓親子在夏天也能安全使用公園。');
  await page.getByLabel('類別').selectOption({ label: '環境' });
  await page.getByLabel('轄區').selectOption({ label: '臺北市' });
  await page.getByLabel('主辦機關').selectOption({ label: '國家發展委員會' });
  await page.getByRole('button', { name: '送出審核' }).click();
  const again = page.getByRole('alert').filter({ hasText: '有問題需要修正' });
  await expect(again).toBeFocused();
  await again.getByRole('link', { name: /^權責機關：所選機關不屬於您選的轄區/ }).click();
  await expect(page.getByLabel('主辦機關')).toBeFocused();
});

test('withdrawing a proposal asks first', async ({ page, javaScriptEnabled: js }) => {
  await newCitizen(page, js);
  await page.getByRole('link', { name: '我要提議' }).first().click();
  await settled(page, js);
  const title = `社區長椅 ${Date.now()}`;
  await page.getByLabel('標題').fill(title);
  await page.getByLabel('現況與問題').fill('社區公園的步道旁沒有任何座椅，長者走一段路就沒有地方休息。');
  await page.getByLabel('建議作法').fill('沿步道每隔一百公尺設置長椅。');
  await page.getByLabel('效益與影響').fill('長者可以安心散步，增加戶外活動。');
  await page.getByRole('button', { name: '預覽' }).click();
  await expect(page.getByText('這是您的提議預覽。')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await settled(page, js);
  await page.getByRole('link', { name: '撤回提議' }).click();
  const confirm = page.getByRole('group', { name: '確定要撤回這份提議嗎？' });
  await confirm.getByRole('link', { name: '取消，回到提議' }).click();
  await expect(page.getByRole('link', { name: '撤回提議' })).toBeVisible();
  await settled(page, js);
  await page.getByRole('link', { name: '撤回提議' }).click();
  await page.getByRole('group', { name: '確定要撤回這份提議嗎？' }).getByRole('button', { name: '是，撤回提議' }).click();
  await expect(page.getByText('已撤回', { exact: true }).first()).toBeVisible();
});

test('on a 320 px phone the header is one compact line and the account menu opens', async ({ page, javaScriptEnabled: js }) => {
  await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.setViewportSize({ width: 320, height: 640 });
  const header = page.locator('.site-header');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(140);
  // The account's links are under the person's name until it is opened.
  await expect(page.getByRole('link', { name: '我的帳號' })).toBeHidden();
  await page.locator('.account-menu summary').click();
  await page.getByRole('link', { name: '我的帳號' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的帳號' })).toBeVisible();
  // Nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

/** A new citizen proposes a Taipei petition to its transport department (clicking); returns
 *  their address. (A fresh proposer: one account proposes at most 10 petitions a day.) */
async function proposeTaipei(page: Page, js: boolean, title: string): Promise<string> {
  const proposer = await newCitizen(page, js);
  await page.getByRole('link', { name: '我要提議' }).first().click();
  await settled(page, js);
  await page.getByLabel('標題').fill(title);
  await page.getByLabel('現況與問題').fill('公園步道夜間照明不足，晚上散步的長者與下班的通勤者常常看不清路面。');
  await page.getByLabel('建議作法').fill('在主要步道增設低眩光的路燈。');
  await page.getByLabel('效益與影響').fill('減少跌倒，讓夜間行走更安全。');
  await page.getByLabel('類別').selectOption({ label: '交通' });
  await page.getByLabel('轄區').selectOption({ label: '臺北市' });
  await page.getByLabel('主辦機關').selectOption({ label: '臺北市政府交通局' });
  await page.getByRole('button', { name: '送出審核' }).click();
  await expect(page.getByText('已送出審核。')).toBeVisible();
  await page.getByRole('button', { name: '登出' }).click();
  return proposer;
}

test('follow an agency without signing, hear of its new petition, and unfollow from the mail; the proposer hears of each step', async ({ page, javaScriptEnabled: js }) => {
  test.setTimeout(240_000);
  const follower = await newCitizen(page, js);
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '機關回應' }).click();
  await settled(page, js);
  await page.getByRole('link', { name: '臺北市政府交通局' }).click();
  await settled(page, js);
  await page.getByRole('button', { name: '追蹤', exact: true }).click();
  await expect(page.getByRole('button', { name: '追蹤中 · 取消追蹤' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Atom 訂閱' })).toBeVisible();
  await settled(page, js);
  await page.getByRole('link', { name: '我的追蹤' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的追蹤' })).toBeVisible();
  await expect(page.getByRole('main').getByText('臺北市政府交通局')).toBeVisible();
  await page.getByRole('button', { name: '登出' }).click();

  // Someone proposes to that agency: the proposer is told it was sent for review.
  const title = `公園步道夜間照明 ${Date.now()}`;
  const proposer = await proposeTaipei(page, js, title);
  await waitForEmail(proposer, `您的提議「${title}」已送出`);

  // A moderator reads the whole proposal and approves it.
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '內容審核' }).click();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByText('公園步道夜間照明不足')).toBeVisible();
  await expect(page.getByText('在主要步道增設低眩光的路燈。')).toBeVisible();
  await expect(page.getByText('臺北市政府交通局').first()).toBeVisible();
  await page.getByRole('button', { name: '認領這份提議' }).click();
  await page.getByRole('button', { name: '通過並開放附議' }).click();
  await expect(page.getByText('已通過並開放附議。')).toBeVisible();
  await page.getByRole('button', { name: '登出' }).click();

  // The proposer hears of the approval; the follower of the new petition, with a one-click unfollow.
  await waitForEmail(proposer, `您的提議「${title}」已通過審核`);
  const mail = await waitForEmail(follower, `「${title}」已開放附議`);
  expect(mail).toMatch(/List-Unsubscribe: <https?:\/\/[^>]+\/unsubscribe\/follow\/[^>]+>/);
  expect(mail).toMatch(/Content-Type: text\/html/);
  const unfollow = mail.match(/https?:\/\/[^\s/]+(\/unsubscribe\/follow\/[^\s<>"]+)/)![1];
  await page.goto(unfollow);
  await settled(page, js);
  await page.getByRole('button', { name: '取消追蹤' }).click();
  await expect(page.getByText('已取消追蹤。')).toBeVisible();
});
