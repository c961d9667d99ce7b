import { expect, expectAccessible, settled } from './helpers';
import { BIKE, journey, newCitizen, openPetition } from './journeys';

// Deliberation as a citizen does it, clicking: from the petition to its opinion map, a vote
// on the statement shown (three plain buttons), a statement of their own (a refused one
// first), and the map, consensus and groups the server drew from the demo's 60 participants.

journey('a citizen votes on statements, writes one, and reads the map', async (page, js, t, browser) => {
  await newCitizen(page, js, t);
  await openPetition(page, js, t, BIKE);
  await page.getByRole('link', { name: t('DelibLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('DelibPageTitle', { title: BIKE }) })).toBeVisible();
  await settled(page, js);

  // The map, in a picture and in words: three groups from the demo's votes.
  await expect(page.getByRole('img', { name: t('DelibMapAlt', { groups: 3 }) })).toBeVisible();
  await expect(page.getByRole('table', { name: t('DelibTableTitle') }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('heading', { level: 2, name: t('DelibConsensusTitle') })).toBeVisible();
  await expectAccessible(page, browser, js);

  // Vote on the statement shown; the next one comes with the page.
  const vote = page.getByRole('group', { name: t('DelibStatementLabel') });
  const first = await vote.locator('blockquote').innerText();
  await vote.getByRole('button', { name: t('DelibAgree'), exact: true }).click();
  await expect(page.getByText(t('NoticeStatementVoted'))).toBeVisible();
  await expect(page.getByText(t.pattern('DelibProgress', { voted: 1 }))).toBeVisible();
  await expect(page.getByRole('group', { name: t('DelibStatementLabel') }).locator('blockquote')).not.toHaveText(first);
  await settled(page, js);
  await page.getByRole('group', { name: t('DelibStatementLabel') }).getByRole('button', { name: t('DelibPass') }).click();
  await expect(page.getByText(t.pattern('DelibProgress', { voted: 2 }))).toBeVisible();
  await settled(page, js);

  // A statement too short is refused next to the field, and kept; then a real one is added.
  const field = page.getByRole('textbox', { name: t('FieldStatement') });
  await field.fill('太短');
  await page.getByRole('button', { name: t('DelibWriteSubmit') }).click();
  const summary = page.getByRole('alert').filter({ hasText: t('ErrorSummaryTitle') });
  await expect(summary).toBeFocused();
  await expect(field).toHaveValue('太短');
  const mine = `車站出口的站點應該全天候可以還車 ${Date.now()}`;
  await field.fill(mine);
  await page.getByRole('button', { name: t('DelibWriteSubmit') }).click();
  await expect(page.getByText(t('NoticeStatementAdded'))).toBeVisible();
  await expect(page.getByRole('cell', { name: mine })).toBeVisible();
  await expectAccessible(page, browser, js);

  // Someone else's statement (the one before mine: each run reports a different one) is
  // reported from the list, with a reason, through the site's report form.
  await settled(page, js);
  const rows = page.locator('table.statement-table tbody tr');
  const other = rows.nth((await rows.count()) - 2);
  await other.getByRole('link', { name: t('DelibReport') }).click();
  await expect(page.getByRole('heading', { name: t('DelibReportStatementTitle') })).toBeVisible();
  await settled(page, js);
  await page.getByLabel(t('FieldReportReason')).selectOption({ index: 1 });
  await page.getByRole('button', { name: t('ReportSubmit') }).click();
  await expect(page.getByText(t('NoticeReported'))).toBeVisible();
});
