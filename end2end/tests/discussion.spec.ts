import { type Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD, expectAccessible, logIn, settled, waitForEmail, watchErrors } from './helpers';

const PETITION = '在捷運與火車站出口增設公共自行車站點';
const AUTHOR = 'citizen2@demo.minyi.tw';

async function logOut(page: Page) {
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('link', { name: '登入' })).toBeVisible();
}

async function openPetition(page: Page, js: boolean): Promise<string> {
  await page.goto('/petitions?q=' + encodeURIComponent('公共自行車'));
  await page.getByRole('link', { name: PETITION }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: PETITION })).toBeVisible();
  await settled(page, js);
  return new URL(page.url()).pathname;
}

/** Logs in as `email` and reports the comment containing `text`. */
async function report(page: Page, js: boolean, email: string, path: string, text: string) {
  await logIn(page, email, DEMO_PASSWORD, js);
  await page.goto(path);
  await settled(page, js);
  const comment = page.locator('li.comment').filter({ hasText: text });
  await comment.getByRole('link', { name: '檢舉' }).click();
  await settled(page, js);
  const form = page.locator('li.comment').filter({ hasText: text });
  await form.getByLabel('檢舉理由').selectOption({ label: '冒犯、騷擾或仇恨言論' });
  await form.getByRole('button', { name: '送出檢舉' }).click();
  await expect(page.getByText('已收到檢舉，審核人員會儘快處理。')).toBeVisible();
  await logOut(page);
}

/** Fills a moderator's reason code and public explanation inside `scope`. */
async function reason(scope: ReturnType<Page['locator']>, code: string, text: string) {
  await scope.getByLabel('理由代碼').first().selectOption({ label: code });
  await scope.getByLabel('說明（公開）').first().fill(text);
}

test('comment, reply, vote; reports hide a comment; moderators decide, appeal and suspend; the log is public', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const stamp = `${Date.now()}`;
  const text = `我每天通勤都需要這個站點 ${stamp}`;

  // The author comments; a bad comment is refused next to the field.
  await logIn(page, AUTHOR, DEMO_PASSWORD, js);
  const path = await openPetition(page, js);
  await expect(page.getByRole('heading', { name: '討論' })).toBeVisible();
  await page.getByLabel('留言內容').fill('a');
  await page.getByRole('button', { name: '送出留言' }).click();
  await expect(page.locator('#discussion .field-error').first()).toBeVisible();
  await page.getByLabel('留言內容').fill(text);
  await page.getByRole('button', { name: '送出留言' }).click();
  await expect(page.getByText('已送出留言。')).toBeVisible();
  await expect(page.getByText(text)).toBeVisible();
  await expectAccessible(page, browser, js);
  const commentId = (await page.locator('li.comment').filter({ hasText: text }).getAttribute('id'))!.replace('comment-', '');
  await logOut(page);

  // The proposer replies (with the proposer badge) and supports the comment.
  await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto(path);
  await settled(page, js);
  const comment = page.locator(`#comment-${commentId}`);
  await comment.getByRole('link', { name: '回覆' }).click();
  await settled(page, js);
  await page.getByLabel('回覆內容').fill(`謝謝你的意見 ${stamp}`);
  await page.getByRole('button', { name: '送出回覆' }).click();
  await expect(page.getByText('已送出留言。')).toBeVisible();
  const reply = page.locator('li.comment').filter({ hasText: `謝謝你的意見 ${stamp}` });
  await expect(reply.getByText('提議人')).toBeVisible();
  await settled(page, js);
  const support = () => page.locator(`#comment-${commentId}`).getByRole('button', { name: /^支持 李大同 的留言/ });
  if (js) {
    // With JavaScript the vote goes in the background: the page stays and the tally changes.
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    await support().click();
    await expect(support()).toHaveText('支持 1');
    await expect(support()).toHaveAttribute('aria-pressed', 'true');
    await expect(support()).toHaveAccessibleName('支持 李大同 的留言（目前 1）');
    // The same button again withdraws the vote; once more gives it back.
    await support().click();
    await expect(support()).toHaveText('支持 0');
    await expect(support()).toHaveAttribute('aria-pressed', 'false');
    await support().click();
    await expect(support()).toHaveText('支持 1');
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    // What the buttons show is what was stored.
    await page.reload();
    await settled(page, js);
  } else {
    await support().click();
    await expect(page.getByText('已記錄您的意見。')).toBeVisible();
  }
  await expect(support()).toHaveText('支持 1');
  await expect(support()).toHaveAttribute('aria-pressed', 'true');
  await logOut(page);

  // Three people report it: it is hidden pending review.
  await report(page, js, 'citizen@demo.minyi.tw', path, text);
  await report(page, js, 'citizen3@demo.minyi.tw', path, text);
  await report(page, js, 'officer@demo.minyi.tw', path, text);
  await page.goto(path);
  await expect(page.locator(`#comment-${commentId}`)).toContainText('此留言因多人檢舉暫時隱藏，等待審核。');
  await expect(page.getByText(text)).toHaveCount(0);

  // A moderator hides it with a coded reason; the author is emailed.
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.getByRole('link', { name: '檢舉處理' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '檢舉處理' })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  const item = page.locator('section.panel').filter({ hasText: text });
  await expect(item).toContainText('3 則檢舉');
  await item.getByRole('button', { name: '隱藏' }).click();
  await expect(item.locator('.field-error').first()).toBeVisible();
  await reason(item, '冒犯、騷擾或仇恨言論', `留言被多人檢舉為人身攻擊 ${stamp}`);
  await item.getByRole('button', { name: '隱藏' }).click();
  await expect(page.getByText('已記錄處理決定，並公開於管理紀錄。')).toBeVisible();
  await logOut(page);
  // The explanation carries this run's stamp, so an earlier run's email is not taken.
  const mail = await waitForEmail(AUTHOR, `留言被多人檢舉為人身攻擊 ${stamp}`);
  const decision = /https?:\/\/[^\s/]+(\/decisions\/\d+)/.exec(mail)![1];

  // The author appeals once.
  await logIn(page, AUTHOR, DEMO_PASSWORD, js);
  await page.goto(decision);
  await settled(page, js);
  await expect(page.getByRole('heading', { level: 1, name: '管理決定' })).toBeVisible();
  await expectAccessible(page, browser, js);
  await page.getByLabel('申訴理由').fill(`我只是分享通勤經驗，沒有攻擊任何人。${stamp}`);
  await page.getByRole('button', { name: '送出申訴' }).click();
  await expect(page.getByText('已送出申訴，將由另一位審核人員決定。')).toBeVisible();
  await expect(page.getByRole('button', { name: '送出申訴' })).toHaveCount(0);
  await logOut(page);

  // The moderator who decided cannot decide the appeal; an admin does, and it is reversed.
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto('/reports');
  const own = page.locator('section.panel').filter({ hasText: `沒有攻擊任何人。${stamp}` });
  await expect(own).toContainText('這是您作出的決定或您的申訴');
  await logOut(page);
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto('/reports');
  await settled(page, js);
  const appeal = page.locator('section.panel').filter({ hasText: `沒有攻擊任何人。${stamp}` });
  await reason(appeal, '其他', '重新檢視後屬於合理的意見表達');
  await appeal.getByRole('button', { name: '申訴成立（撤銷原決定）' }).click();
  await expect(page.getByText('已決定申訴。')).toBeVisible();
  await page.goto(path);
  await expect(page.getByText(text)).toBeVisible();

  // The admin suspends the author for a day: no posting, no signing.
  await page.goto(`/reports?item=comment:${commentId}`);
  await settled(page, js);
  const target = page.locator('section.panel').filter({ hasText: text });
  await target.getByText('停權作者').click();
  await target.getByLabel('停權期間').selectOption({ label: '1 天' });
  const suspendForm = target.locator('details form');
  await reason(suspendForm, '垃圾訊息或廣告', '短時間內大量重複張貼');
  await suspendForm.getByRole('button', { name: '停權' }).click();
  await expect(page.getByText('已記錄處理決定，並公開於管理紀錄。')).toBeVisible();
  await logOut(page);
  await logIn(page, AUTHOR, DEMO_PASSWORD, js);
  await page.goto(path);
  await settled(page, js);
  await expect(page.getByText(/您的帳號停權至 .*，期間無法留言、附議或提議。/).first()).toBeVisible();
  await expect(page.getByLabel('留言內容')).toHaveCount(0);
  await expect(page.locator(`#comment-${commentId}`)).toContainText('作者帳號停權中');
  // Said before, not after: no sign button that would only fail, and why.
  const sign = page.getByRole('region', { name: '附議這份提議' });
  await expect(sign.getByText(/您的帳號停權至/)).toBeVisible();
  await expect(sign.getByRole('button', { name: '附議', exact: true })).toHaveCount(0);
  await logOut(page);

  // The suspension is lifted, with a reason.
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  await page.goto('/reports');
  await settled(page, js);
  const suspended = page.locator('li').filter({ hasText: '李大同：停權至' });
  await reason(suspended, '其他', '已完成警告，提前解除停權');
  await suspended.getByRole('button', { name: '解除停權' }).click();
  await expect(page.getByText('已記錄處理決定，並公開於管理紀錄。')).toBeVisible();
  await logOut(page);

  // The public log shows every decision, without moderators' names.
  await page.goto('/moderation-log');
  await expect(page.getByRole('heading', { level: 1, name: '管理紀錄' })).toBeVisible();
  const entries = page.getByRole('region', { name: '決定' }).getByRole('listitem');
  for (const kind of ['隱藏', '申訴成立', '停權', '解除停權']) {
    await expect(entries.locator('.log-card-head strong').filter({ hasText: new RegExp(`^${kind}`) }).first()).toBeVisible();
  }
  await expect(entries.getByText('留言被多人檢舉為人身攻擊').first()).toBeVisible();
  await expect(page.getByText('王審核')).toHaveCount(0);
  await expect(page.getByText('張管理')).toHaveCount(0);
  await expect(page.getByText(text)).toHaveCount(0);
  await expectAccessible(page, browser, js);
  expect(errors).toEqual([]);
});
