import { type Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD, accountAction, expectAccessible, logIn, logOut, setLanguage, settled, texts, waitForEmail, type Texts } from './helpers';
import { BIKE, LIBRARY, NAMES, journey, newCitizen, openPetition, propose } from './journeys';

// The everyday experience, done as a person does it (clicks, not typed addresses), with
// JavaScript on and off, in zh-TW on a desktop and in English on a 320 px phone: sharing,
// confirmations before harm, errors that lead to their fields, following, the moderator's
// review and the proposer's mail.

journey('the share box gives the full address, a QR code and plain share links', async (page, js, t, browser) => {
  await page.goto('/');
  await settled(page, js);
  await openPetition(page, js, t, BIKE);
  const share = page.getByRole('region', { name: t('ShareTitle') });
  const address = share.getByRole('textbox', { name: t('ShareAddress') });
  await expect(address).toHaveValue(/^https?:\/\/[^/]+\/petitions\/\d+$/);
  const url = await address.inputValue();
  await expect(share.getByRole('img', { name: t('ShareQrLabel') }).locator('svg')).toBeVisible();
  await expect(share.getByRole('link', { name: t('ShareLine') })).toHaveAttribute('href', `https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}`);
  await expect(share.getByRole('link', { name: t('ShareFacebook') })).toHaveAttribute(
    'href',
    new RegExp(`sharer\\.php\\?u=${encodeURIComponent(url).replace(/[.?]/g, '\\$&')}$`),
  );
  if (js) {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await share.getByRole('button', { name: t('ShareCopy') }).click();
    await expect(share.getByRole('status')).toHaveText(t('ShareCopied'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  } else {
    // Without JavaScript there is nothing that would not work: the address is there to select.
    await expect(share.getByRole('button', { name: t('ShareCopy') })).toHaveCount(0);
  }
  // Printing shows the petition, not the controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1, name: BIKE })).toBeVisible();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(share.getByRole('link', { name: t('ShareLine') })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expectAccessible(page, browser, js);
});

journey('withdrawing a signature asks first, and final signatures are said before signing', async (page, js, t, browser) => {
  await newCitizen(page, js, t);
  const names = NAMES[t.lang];
  // Taipei: the warning stands next to the button, before anything is given.
  await openPetition(page, js, t, LIBRARY);
  await expect(page.getByRole('region', { name: t('SignTitle') }).getByText(t('SignFinalWarning'))).toBeVisible();

  await openPetition(page, js, t, BIKE);
  const sign = page.getByRole('region', { name: t('SignTitle') });
  await expect(sign.getByText(t('SignFinalWarning'))).toHaveCount(0);
  const progress = t.pattern('PetitionProgress');
  const before = Number((await page.getByText(progress).first().innerText()).match(/[\d,]+/)![0].replace(/,/g, ''));
  await sign.getByLabel(t('FieldCounty')).selectOption({ label: names.taichung });
  await sign.getByRole('button', { name: t('SignSubmit'), exact: true }).click();
  await expect(page.getByText(t('NoticeSigned'))).toBeVisible();
  // The page that comes back already counts this signature.
  await expect(page.getByText(t.pattern('PetitionProgress', { count: (before + 1).toLocaleString('en-US') })).first()).toBeVisible();
  await settled(page, js);

  // Withdrawing is a second step; cancelling keeps the signature.
  await sign.getByRole('link', { name: t('SignWithdraw') }).click();
  const confirm = page.getByRole('group', { name: t('SignWithdrawConfirmTitle') });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, browser, js);
  await confirm.getByRole('link', { name: t('ConfirmCancel') }).click();
  await expect(page.getByText(t('SignDone'))).toBeVisible();
  await settled(page, js);
  await page.getByRole('region', { name: t('SignTitle') }).getByRole('link', { name: t('SignWithdraw') }).click();
  await page.getByRole('group', { name: t('SignWithdrawConfirmTitle') }).getByRole('button', { name: t('SignWithdrawConfirm') }).click();
  await expect(page.getByText(t('NoticeSignatureWithdrawn'))).toBeVisible();
  await expect(page.getByRole('region', { name: t('SignTitle') }).getByRole('button', { name: t('SignSubmit'), exact: true })).toBeVisible();
});

journey('the error summary takes focus and each problem leads to its field', async (page, js, t, browser) => {
  const names = NAMES[t.lang];
  await newCitizen(page, js, t);
  await propose(page, js, t);
  // The limits are said before typing.
  await expect(page.getByText(t('HintTitle'))).toBeVisible();
  await expect(page.getByText(t('HintProblem'))).toBeVisible();
  await page.getByLabel(t('FieldTitle')).fill('公園');
  if (js) await expect(page.getByText(t('CharCount', { count: 2, max: 80 }))).toBeVisible();
  await page.getByLabel(t('FieldProblem')).fill('太短');
  await page.getByRole('button', { name: t('ProposeSubmit') }).click();
  const summary = page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expectAccessible(page, browser, js);
  const item = (field: string) => summary.getByRole('link', { name: new RegExp(`^${field}${t('ErrorSummarySeparator')}`) });
  await item(t('FieldTitle')).click();
  await expect(page.getByLabel(t('FieldTitle'))).toBeFocused();
  await expect(page.getByLabel(t('FieldTitle'))).toHaveValue('公園');
  await item(t('FieldProblem')).click();
  await expect(page.getByLabel(t('FieldProblem'))).toBeFocused();

  // The text is right now, but the agency is another jurisdiction's: a specific message.
  await page.getByLabel(t('FieldTitle')).fill('公園增設遮陽棚');
  await page.getByLabel(t('FieldProblem')).fill('夏天公園遊戲場沒有遮蔭，孩子玩不到十分鐘就熱得受不了。');
  await page.getByLabel(t('FieldAction')).fill('在遊戲場與座椅區增設遮陽棚。');
  await page.getByLabel(t('FieldBenefits')).fill('讓親子在夏天也能安全使用公園。');
  await page.getByLabel(t('FieldCategory')).selectOption({ label: names.environment });
  await page.getByLabel(t('FieldJurisdiction')).selectOption({ label: names.taipei });
  await page.getByLabel(t('AgencyLead')).selectOption({ label: names.ndc });
  await page.getByRole('button', { name: t('ProposeSubmit') }).click();
  const again = page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') });
  await expect(again).toBeFocused();
  await again.getByRole('link', { name: `${t('FieldAgencies')}${t('ErrorSummarySeparator')}${t('ErrAgencyOutsideJurisdiction')}` }).click();
  await expect(page.getByLabel(t('AgencyLead'))).toBeFocused();
});

journey('withdrawing a proposal asks first', async (page, js, t) => {
  await newCitizen(page, js, t);
  await propose(page, js, t);
  const title = `社區長椅 ${Date.now()}`;
  await page.getByLabel(t('FieldTitle')).fill(title);
  await page.getByLabel(t('FieldProblem')).fill('社區公園的步道旁沒有任何座椅，長者走一段路就沒有地方休息。');
  await page.getByLabel(t('FieldAction')).fill('沿步道每隔一百公尺設置長椅。');
  await page.getByLabel(t('FieldBenefits')).fill('長者可以安心散步，增加戶外活動。');
  await page.getByRole('button', { name: t('ProposePreview') }).click();
  await expect(page.getByText(t('NoticePreview'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await settled(page, js);
  await page.getByRole('link', { name: t('PetitionWithdraw') }).click();
  const confirm = page.getByRole('group', { name: t('PetitionWithdrawConfirmTitle') });
  await confirm.getByRole('link', { name: t('ConfirmCancel') }).click();
  await expect(page.getByRole('link', { name: t('PetitionWithdraw') })).toBeVisible();
  await settled(page, js);
  await page.getByRole('link', { name: t('PetitionWithdraw') }).click();
  await page.getByRole('group', { name: t('PetitionWithdrawConfirmTitle') }).getByRole('button', { name: t('PetitionWithdrawConfirm') }).click();
  await expect(page.getByText(t('StateWithdrawn'), { exact: true }).first()).toBeVisible();
});

for (const lang of ['zh-TW', 'en'] as const) {
  test(`on a 320 px phone the header is one compact line and the account menu opens (${lang})`, async ({ page, javaScriptEnabled: js }) => {
    const t = texts(lang);
    await setLanguage(page, lang);
    await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
    await page.setViewportSize({ width: 320, height: 640 });
    const header = page.locator('.site-header');
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(140);
    // The account's links are under the person's name until it is opened.
    await expect(page.getByRole('link', { name: t('NavProfile') })).toBeHidden();
    await page.locator('.account-menu summary').click();
    await page.getByRole('link', { name: t('NavProfile') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('ProfileTitle') })).toBeVisible();
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
}

/** A new citizen proposes a Taipei petition to its transport department (clicking); returns
 *  their address. (A fresh proposer: one account proposes at most 10 petitions a day.) */
async function proposeTaipei(page: Page, js: boolean, t: Texts, title: string): Promise<string> {
  const names = NAMES[t.lang];
  const proposer = await newCitizen(page, js, t);
  await propose(page, js, t);
  await page.getByLabel(t('FieldTitle')).fill(title);
  await page.getByLabel(t('FieldProblem')).fill('公園步道夜間照明不足，晚上散步的長者與下班的通勤者常常看不清路面。');
  await page.getByLabel(t('FieldAction')).fill('在主要步道增設低眩光的路燈。');
  await page.getByLabel(t('FieldBenefits')).fill('減少跌倒，讓夜間行走更安全。');
  await page.getByLabel(t('FieldCategory')).selectOption({ label: names.transport });
  await page.getByLabel(t('FieldJurisdiction')).selectOption({ label: names.taipei });
  await page.getByLabel(t('AgencyLead')).selectOption({ label: names.tpdot });
  await page.getByRole('button', { name: t('ProposeSubmit') }).click();
  await expect(page.getByText(t('NoticeSubmitted'))).toBeVisible();
  await logOut(page);
  return proposer;
}

journey(
  'follow an agency without signing, hear of its new petition, and unfollow from the mail; the proposer hears of each step',
  async (page, js, t) => {
    const names = NAMES[t.lang];
    const follower = await newCitizen(page, js, t);
    await page.getByRole('navigation', { name: t('NavMainLabel') }).getByRole('link', { name: t('NavAgencies') }).click();
    await settled(page, js);
    await page.getByRole('link', { name: names.tpdot }).click();
    await settled(page, js);
    await page.getByRole('button', { name: t('FollowButton'), exact: true }).click();
    await expect(page.getByRole('button', { name: t('FollowingUnfollow') })).toBeVisible();
    await expect(page.getByRole('link', { name: t('FollowFeed') })).toBeVisible();
    await settled(page, js);
    await accountAction(page, t('FollowingTitle'));
    await expect(page.getByRole('heading', { level: 1, name: t('FollowingTitle') })).toBeVisible();
    await expect(page.getByRole('main').getByText(names.tpdot)).toBeVisible();
    await logOut(page);

    // Someone proposes to that agency: the proposer is told it was sent for review.
    const title = `公園步道夜間照明 ${Date.now()}`;
    const proposer = await proposeTaipei(page, js, t, title);
    await waitForEmail(proposer, t.prefix('EmailSubmittedBody', { title }));

    // A moderator reads the whole proposal and approves it.
    await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
    await accountAction(page, t('NavModeration'));
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByText('公園步道夜間照明不足')).toBeVisible();
    await expect(page.getByText('在主要步道增設低眩光的路燈。')).toBeVisible();
    await expect(page.getByText(names.tpdot).first()).toBeVisible();
    await page.getByRole('button', { name: t('ReviewClaim') }).click();
    await page.getByRole('button', { name: t('ReviewApprove') }).click();
    await expect(page.getByText(t('NoticeApproved'))).toBeVisible();
    await logOut(page);

    // The proposer hears of the approval; the follower of the new petition, with a one-click unfollow.
    await waitForEmail(proposer, t.prefix('EmailApprovedBody', { title }));
    const mail = await waitForEmail(follower, t('FollowEventPublished', { title }));
    expect(mail).toMatch(/List-Unsubscribe: <https?:\/\/[^>]+\/unsubscribe\/follow\/[^>]+>/);
    expect(mail).toMatch(/Content-Type: text\/html/);
    const unfollow = mail.match(/https?:\/\/[^\s/]+(\/unsubscribe\/follow\/[^\s<>"]+)/)![1];
    await page.goto(unfollow);
    await settled(page, js);
    await page.getByRole('button', { name: t('FollowUnfollowButton') }).click();
    await expect(page.getByText(t('FollowUnsubDone'))).toBeVisible();
  },
  240_000,
);
