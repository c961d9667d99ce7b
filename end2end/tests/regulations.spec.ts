import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, expectAccessible, logIn, logOut, settled, DEMO_PASSWORD, type Texts } from './helpers';
import { journey, newCitizen } from './journeys';

// Draft regulations (法規預告) as people meet them, clicking: an officer pastes a draft, sees
// the split into articles in the preview and publishes it; a citizen proposes an amendment to
// an article and the page then shows it; an officer answers every comment of a notice whose
// period has ended (the demo's, since the browser cannot move the clock), publishes the
// overall statement and a second version, and the difference and the answers are public.

const OFFICER = 'officer@demo.minyi.tw';
const MOTC = { 'zh-TW': '交通部', en: 'Ministry of Transportation and Communications' };

/** A day `n` days on, as a date field takes it (Taiwan time). */
function day(n: number): string {
  return new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

async function toRegulations(page: Page, js: boolean, t: Texts) {
  await page.getByRole('navigation', { name: t('NavMainLabel') }).getByRole('link', { name: t('NavRegulations') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('RegTitle') })).toBeVisible();
  await settled(page, js);
}

/** The list filtered by a phase, then a notice by its title (the first one without). */
async function openNotice(page: Page, js: boolean, t: Texts, phase: string, title: string | null) {
  await toRegulations(page, js, t);
  await page.getByLabel(t('RegFilterPhase')).selectOption({ label: t(phase) });
  await page.getByRole('button', { name: t('RegFilterSubmit') }).click();
  await settled(page, js);
  const link = title ? page.getByRole('link', { name: title }) : page.locator('main .card h2 a, main .card h3 a').first();
  const name = title ?? (await link.innerText());
  await link.first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await settled(page, js);
  return name;
}

journey('an officer publishes a draft from Markdown; a citizen proposes an amendment to an article', async (page, js, t, browser) => {
  const title = `公共運輸票證整合辦法草案 ${Date.now() % 1_000_000}`;
  await logIn(page, OFFICER, DEMO_PASSWORD, js);
  await toRegulations(page, js, t);
  await page.getByRole('link', { name: t('RegPublishLink') }).click();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  // The draft is in a Markdown file: a word processor's file is refused next to the field,
  // the Markdown one is read into the draft field.
  const upload = async (name: string, mimeType: string, text: string | Buffer) => {
    await page.getByLabel(t('RegUploadField'), { exact: true }).setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
    await page.getByRole('button', { name: t('RegUploadSubmit') }).click();
  };
  await upload('草案.doc', 'application/msword', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  await expect(page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') })).toBeFocused();
  await expect(page.getByText(t('ErrNotText')).first()).toBeVisible();
  await settled(page, js);
  await upload('草案.md', 'text/markdown', '# 公共運輸票證整合辦法草案\n\n## 第一條\n本辦法依大眾運輸發展條例訂定之。\n\n## 第二條\n票證應於全國通用。\n\n## 第三條\n本辦法自發布日施行。\n');
  await expect(page.getByText(t('NoticeRegulationUploaded'))).toBeVisible();
  await expect(page.getByLabel(t('RegFormFieldDraft'))).toHaveValue(/## 第二條\n票證應於全國通用。/);
  await settled(page, js);
  await page.getByLabel(t('FieldAgency')).selectOption({ label: MOTC[t.lang] });
  await page.getByLabel(t('RegFormFieldTitle')).fill(title);
  await page.getByLabel(t('RegFormFieldLegalBasis')).fill('大眾運輸發展條例第十條');
  await page.getByLabel(t('RegFormFieldPurpose')).fill('整合各縣市公共運輸票證，讓民眾一卡通行。');
  // A last day too soon is refused next to its field; what was typed stays.
  await page.getByLabel(t('RegFormFieldLastDay')).fill(day(3));
  await page.getByLabel(t('RegFormFieldContact')).fill('交通部路政司　02-2349-2000');
  await page.getByRole('button', { name: t('RegFormSubmit') }).click();
  await expect(page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') })).toBeFocused();
  await expect(page.getByLabel(t('RegFormFieldTitle'))).toHaveValue(title);
  await expect(page.getByLabel(t('RegFormFieldDraft'))).toHaveValue(/## 第三條/);
  await settled(page, js);
  await page.getByLabel(t('RegFormFieldLastDay')).fill(day(30));
  await page.getByRole('button', { name: t('RegFormSubmit') }).click();
  // The preview: the draft split into its three articles, seen only by the agency.
  await expect(page.getByText(t('NoticeRegulationSaved'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('section.reg-article')).toHaveCount(3);
  await settled(page, js);
  await page.getByRole('button', { name: t('RegPublishSubmit') }).click();
  await expect(page.getByText(t('NoticeRegulationPublished'))).toBeVisible();
  await expect(page.getByText(t('RegPhaseOpen')).first()).toBeVisible();
  await logOut(page);

  // A citizen finds it among the open notices and proposes a wording for article 2.
  await newCitizen(page, js, t);
  await openNotice(page, js, t, 'RegPhaseOpen', title);
  await expectAccessible(page, browser, js);
  const article = page.locator('#a-2');
  await article.getByRole('link', { name: new RegExp(t('RegCommentArticleLink')) }).click();
  await settled(page, js);
  const form = page.locator('#a-2');
  await form.getByRole('radio', { name: t('RegStanceAmend'), exact: true }).check();
  await form.getByLabel(t('RegFieldBody')).fill('應明定各縣市的導入期限。');
  // An amendment without its wording is refused next to the field.
  await form.getByRole('button', { name: t('RegCommentSubmit') }).click();
  await expect(page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') })).toBeFocused();
  await settled(page, js);
  const again = page.locator('#a-2');
  await again.getByRole('radio', { name: t('RegStanceAmend'), exact: true }).check();
  await again.getByRole('textbox', { name: t('RegFieldWording'), exact: true }).fill('票證應於本辦法施行後二年內全國通用。');
  await again.getByLabel(t('RegFieldBody')).fill('應明定各縣市的導入期限。');
  await again.getByRole('button', { name: t('RegCommentSubmit') }).click();
  await expect(page.getByText(t('NoticeRegulationCommented'))).toBeVisible();
  await expect(page.locator('#a-2').getByText('票證應於本辦法施行後二年內全國通用。')).toBeVisible();
  await expectAccessible(page, browser, js);
});

journey('an officer answers every comment, publishes the overall statement and version 2', async (page, js, t, browser) => {
  await logIn(page, OFFICER, DEMO_PASSWORD, js);
  const title = await openNotice(page, js, t, 'RegPhaseAwaiting', null);
  await page.getByRole('link', { name: t('RegManageAnswersLink') }).click();
  await settled(page, js);
  await expectAccessible(page, browser, js);
  // One answer covers both comments.
  const answer = page.locator('form').filter({ has: page.getByRole('button', { name: t('RegAnswerSubmit') }) });
  for (const box of await answer.getByRole('checkbox').all()) await box.check();
  await answer.getByLabel(t('RegAnswerFieldOutcome')).selectOption({ label: t('RegOutcomeAdopted') });
  await answer.getByLabel(t('RegAnswerFieldReason')).fill('已修正第二條，申請期限延長為六十日。');
  await answer.getByRole('button', { name: t('RegAnswerSubmit') }).click();
  await expect(page.getByText(t('NoticeRegulationAnswered'))).toBeVisible();
  await settled(page, js);
  const overall = '感謝各界提供意見，我們已逐則回應，並依意見延長申請期限。';
  await page.getByLabel(t('RegAnswerFieldOverall')).fill(overall);
  await page.getByRole('button', { name: t('RegAnswerOverallSubmit') }).click();
  await expect(page.getByText(t('NoticeRegulationConcluded'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.locator('#overall')).toContainText(overall);
  await expect(page.getByText('已修正第二條，申請期限延長為六十日。').first()).toBeVisible();
  await settled(page, js);
  // The CSV holds every comment with its article, stance, wording and the answer.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: t('RegDownloadCsv') }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.startsWith('\ufeff')).toBe(true);
  expect(csv).toContain('申請期限太短，請延長。');
  expect(csv).toContain('申請人應於事實發生後六十日內提出申請。');
  expect(csv.match(/已修正第二條，申請期限延長為六十日。/g)?.length).toBe(2);
  // The printable summary lists the comments by article, each with its answer.
  await page.getByRole('link', { name: t('RegSummaryLink') }).click();
  await expect(page.locator('table').first()).toBeVisible();
  await expect(page.getByText('已修正第二條，申請期限延長為六十日。').first()).toBeVisible();
  await expectAccessible(page, browser, js);
  await page.getByRole('link', { name: t('RegDiffBack', { title }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await settled(page, js);

  // Version 2: the difference page shows the changed article.
  await page.getByRole('link', { name: t('RegManageAnswersLink') }).click();
  await settled(page, js);
  await page.getByLabel(t('RegFormFieldDraft')).fill(
    '第一條　本辦法依相關法律規定訂定之。\n\n第二條　申請人應於事實發生後六十日內提出申請。\n\n第三條　主管機關應於受理申請後十四日內完成審查。\n\n第四條　本辦法自發布日施行。',
  );
  await page.getByRole('button', { name: t('RegAnswerReviseSubmit', { number: 2 }) }).click();
  await expect(page.getByText(t('NoticeRegulationRevised'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: t('RegDiffTitle') })).toBeVisible();
  await expect(page.locator('ins').filter({ hasText: '六' }).first()).toBeVisible();
  await expectAccessible(page, browser, js);
});

journey('a reader narrows the notices to a topic', async (page, js, t, browser) => {
  const transport = { 'zh-TW': '交通', en: 'Transport' }[t.lang];
  await page.goto('/');
  await toRegulations(page, js, t);
  await page.getByLabel(t('FieldCategory'), { exact: true }).selectOption({ label: transport });
  await page.getByRole('button', { name: t('RegFilterSubmit') }).click();
  await settled(page, js);
  await expect(page).toHaveURL(/[?&]category=\d+/);
  // The filter keeps its choice, and every notice listed (the demo's open and answered ones) is on the topic.
  await expect(page.getByLabel(t('FieldCategory'), { exact: true }).locator('option:checked')).toHaveText(transport);
  const cards = page.locator('main ul.cards > li');
  expect(await cards.count()).toBeGreaterThanOrEqual(2);
  for (const card of await cards.all()) {
    await expect(card.locator('.card-meta').first()).toContainText(transport);
  }
  await expectAccessible(page, browser, js);
});
