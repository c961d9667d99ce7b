import { type Page } from '@playwright/test';
import { expect, expectAccessible, logIn, logOut, settled, DEMO_PASSWORD, type Texts } from './helpers';
import { journey, newCitizen } from './journeys';

// Consultations (眾開講) as people meet them, clicking: an officer opens one (a refused date
// first) and seeds a statement; a citizen finds it, follows it, votes and writes; the demo's
// open consultation shows its three opinion groups and the agency's reply in its discussion;
// the citizen comments there too; an officer publishes the conclusions of
// a closed one, citing a statement, and the page then shows them.

const OPEN_DEMO = '公路客運偏鄉路線補貼與票價調整';
const OFFICER = 'officer@demo.minyi.tw';
const MOTC = { 'zh-TW': '交通部', en: 'Ministry of Transportation and Communications' };

/** Today and a day `n` days on, as a date field takes them (Taiwan time). */
function day(n: number): string {
  return new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

async function toConsultations(page: Page, js: boolean, t: Texts) {
  await page.getByRole('navigation', { name: t('NavMainLabel') }).getByRole('link', { name: t('NavConsultations') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('ConsultTitle') })).toBeVisible();
  await settled(page, js);
}

/** The list filtered by a phase, then the consultation by its title. */
async function openConsultation(page: Page, js: boolean, t: Texts, phase: string, title: string | null) {
  await toConsultations(page, js, t);
  await page.getByLabel(t('ConsultFilterPhase')).selectOption({ label: t(phase) });
  await page.getByRole('button', { name: t('ConsultFilterSubmit') }).click();
  await settled(page, js);
  const link = title ? page.getByRole('link', { name: title }) : page.locator('.consult-card .card-title a').first();
  const name = title ?? (await link.innerText());
  await link.first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await settled(page, js);
  return name;
}

journey('an officer opens a consultation; a citizen follows it, votes and writes a statement', async (page, js, t, browser) => {
  const title = `公車轉乘優惠檢討 ${Date.now() % 1_000_000}`;
  await logIn(page, OFFICER, DEMO_PASSWORD, js);
  await toConsultations(page, js, t);
  await page.getByRole('link', { name: t('ConsultOpenLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('ConsultNewTitle') })).toBeVisible();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  await page.getByLabel(t('FieldAgency')).selectOption({ label: MOTC[t.lang] });
  await page.getByLabel(t('FieldTitle')).fill(title);
  await page.getByLabel(t('ConsultFieldBackground')).fill('我們想檢討公車與捷運的轉乘優惠，先聽聽大家的經驗與建議。<b>不是粗體</b>');
  await page.getByLabel(t('ConsultFieldStage')).selectOption({ label: t('ConsultStageEvaluation') });
  await page.getByLabel(t('ConsultFieldQuestions')).fill('轉乘優惠夠不夠？\n哪些路線最需要？');
  // A period of three days is refused next to the field; what was typed stays.
  await page.getByLabel(t('ConsultFieldOpensOn')).fill(day(0));
  await page.getByLabel(t('ConsultFieldClosesOn')).fill(day(2));
  await page.getByRole('button', { name: t('ConsultNewSubmit') }).click();
  await expect(page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') })).toBeFocused();
  await expect(page.getByText(t('ErrPeriodTooShort', { days: 7 })).first()).toBeVisible();
  await expect(page.getByLabel(t('FieldTitle'))).toHaveValue(title);
  await settled(page, js);
  await page.getByLabel(t('ConsultFieldClosesOn')).fill(day(20));
  await page.getByRole('button', { name: t('ConsultNewSubmit') }).click();
  await expect(page.getByText(t('NoticeConsultationOpened'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('<b>不是粗體</b>')).toBeVisible();
  await settled(page, js);

  // The officer seeds the conversation.
  await page.getByRole('link', { name: t('ConsultTakePartOpen') }).click();
  await settled(page, js);
  const seed = `轉乘優惠應該延長到九十分鐘 ${Date.now() % 1000}`;
  await page.getByRole('textbox', { name: t('FieldStatement') }).fill(seed);
  await page.getByRole('button', { name: t('DelibWriteSubmit') }).click();
  await expect(page.getByText(t('NoticeStatementAdded'))).toBeVisible();
  await logOut(page);

  // A citizen finds it among the open consultations, follows it, and takes part.
  await newCitizen(page, js, t);
  await openConsultation(page, js, t, 'ConsultPhaseOpen', title);
  await expectAccessible(page, browser, js);
  await page.getByRole('button', { name: t('FollowButton') }).click();
  await expect(page.getByRole('button', { name: t('FollowingUnfollow') })).toBeVisible();
  await settled(page, js);
  await page.getByRole('link', { name: t('ConsultTakePartOpen') }).click();
  await settled(page, js);
  const vote = page.getByRole('group', { name: t('DelibStatementLabel') });
  await expect(vote.locator('blockquote')).toHaveText(seed);
  await vote.getByRole('button', { name: t('DelibAgree'), exact: true }).click();
  await expect(page.getByText(t('NoticeStatementVoted'))).toBeVisible();
  await settled(page, js);
  const mine = `偏鄉路線也要有轉乘優惠 ${Date.now() % 1000}`;
  await page.getByRole('textbox', { name: t('FieldStatement') }).fill(mine);
  await page.getByRole('button', { name: t('DelibWriteSubmit') }).click();
  await expect(page.getByRole('cell', { name: mine })).toBeVisible();
  // Back on the consultation, the figures count both people.
  await page.getByRole('link', { name: t('DelibBackConsultation') }).click();
  await settled(page, js);
  await expect(page.getByRole('definition').filter({ hasText: /^2$/ }).first()).toBeVisible();
  // And comments in the consultation's discussion; the page then shows the comment.
  const comment = `請同時公布各路線的轉乘人數 ${Date.now() % 1000}`;
  const discussion = page.locator('#discussion');
  await discussion.getByLabel(t('FieldComment')).fill(comment);
  await discussion.getByRole('button', { name: t('CommentSubmit') }).click();
  await expect(page.getByText(t('NoticeCommented'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('li.comment').filter({ hasText: comment })).toBeVisible();
  await expectAccessible(page, browser, js);
});

journey('the open demo consultation shows its opinion groups and consensus', async (page, js, t, browser) => {
  await newCitizen(page, js, t);
  await openConsultation(page, js, t, 'ConsultPhaseOpen', OPEN_DEMO);
  // Its discussion carries the agency's reply, with the agency's badge.
  await expect(page.locator('#discussion li.comment .badge-agency').first()).toHaveText(t('BadgeAgency', { agency: MOTC[t.lang] }));
  await page.getByRole('link', { name: t('ConsultTakePartOpen') }).click();
  await settled(page, js);
  await expect(page.getByRole('img', { name: t('DelibMapAlt', { groups: 3 }) })).toBeVisible();
  await expect(page.getByRole('table', { name: t('DelibTableTitle') }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('heading', { level: 2, name: t('DelibConsensusTitle') })).toBeVisible();
  await expectAccessible(page, browser, js);
  const vote = page.getByRole('group', { name: t('DelibStatementLabel') });
  await vote.getByRole('button', { name: t('DelibDisagree'), exact: true }).click();
  await expect(page.getByText(t.pattern('DelibProgress', { voted: 1 }))).toBeVisible();
});

journey('an officer publishes the conclusions of a closed consultation, citing a statement', async (page, js, t, browser) => {
  await logIn(page, OFFICER, DEMO_PASSWORD, js);
  const title = await openConsultation(page, js, t, 'ConsultPhaseAwaiting', null);
  await expect(page.getByText(t('ConsultPhaseAwaiting')).first()).toBeVisible();
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: t('ConsultConcludeSubmit') }) });
  // Too short: refused next to the field.
  await form.getByLabel(t('ConsultFieldConclusions')).fill('收到。');
  await form.getByRole('button', { name: t('ConsultConcludeSubmit') }).click();
  await expect(page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') })).toBeFocused();
  await settled(page, js);
  const text = '我們聽到了大家的意見：多數人支持這個方向，也提醒我們注意執行細節。我們將據此修正方案，並於三個月內公布進度。';
  const again = page.locator('form').filter({ has: page.getByRole('button', { name: t('ConsultConcludeSubmit') }) });
  await again.getByLabel(t('ConsultFieldConclusions')).fill(text);
  const first = again.getByRole('checkbox').first();
  const cited = (await again.locator('li.cite-choice .cite-body').first().innerText()).trim();
  await first.check();
  await again.getByRole('button', { name: t('ConsultConcludeSubmit') }).click();
  await expect(page.getByText(t('NoticeConclusionsPublished'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const section = page.locator('#conclusions');
  await expect(section.getByText(text)).toBeVisible();
  await expect(section.getByRole('link', { name: cited })).toBeVisible();
  await expect(page.getByRole('button', { name: t('ConsultConcludeSubmit') })).toHaveCount(0);
  await expectAccessible(page, browser, js);
  // The cited statement is on the opinion map's page.
  await settled(page, js);
  await section.getByRole('link', { name: cited }).click();
  // The link lands on that statement's row in the table of every statement.
  await expect(page.locator('tr:target')).toContainText(cited);
});
