import { expect, expectAccessible, accountAction, settled, uniqueEmail } from './helpers';
import { journey, newCitizen, openPetition, LIBRARY, NAMES } from './journeys';

// The transparency log as a signer meets it: sign, download the receipt from "My
// signatures", and check it on /log (in the browser with JavaScript; without, the page
// explains the command-line check).
journey('a citizen signs, downloads a receipt and checks it on the log page', async (page, js, t, browser) => {
  const email = await newCitizen(page, js, t);
  await openPetition(page, js, t, LIBRARY);
  const sign = page.getByRole('region', { name: t('SignTitle') });
  await sign.getByLabel(t('FieldCounty')).selectOption({ label: NAMES[t.lang].taichung });
  await sign.getByRole('button', { name: t('SignSubmit'), exact: true }).click();
  await expect(page.getByText(t('NoticeSigned'))).toBeVisible();
  await settled(page, js);

  await accountAction(page, t('NavMySignatures'));
  await expect(page.getByRole('heading', { level: 1, name: t('MySignaturesTitle') })).toBeVisible();
  await expect(page.getByText(t('ReceiptExplain'))).toBeVisible();
  // The log takes the signature within a second; until then the page says so.
  const receipt = page.getByRole('link', { name: `${t('MySignaturesReceipt')}: ${LIBRARY}` });
  await expect(async () => {
    await page.reload();
    await expect(receipt).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await settled(page, js);
  const download = page.waitForEvent('download');
  await receipt.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^minyi-receipt-\d+\.txt$/);
  const path = await file.path();

  await page.getByRole('link', { name: t('ReceiptCheckOnLog') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('LogTitle') })).toBeVisible();
  await settled(page, js);
  await expect(page.getByText('minyi log verify-receipt').first()).toBeVisible();
  if (js) {
    await page.getByLabel(t('LogCheckFileLabel')).setInputFiles(path);
    await page.getByLabel(t('LogCheckEmailLabel')).fill(email);
    await page.getByRole('button', { name: t('LogCheckButton') }).click();
    const valid = t.prefix('LogCheckValid');
    await expect(page.getByRole('status').filter({ hasText: valid })).toBeVisible();
    // The same receipt with another address is refused.
    await page.getByLabel(t('LogCheckEmailLabel')).fill(uniqueEmail('someone'));
    await page.getByRole('button', { name: t('LogCheckButton') }).click();
    await expect(page.getByText(t('LogCheckWrongEmail'))).toBeVisible();
  } else {
    // Without JavaScript there is no form to fill: the commands do the check.
    await expect(page.getByRole('button', { name: t('LogCheckButton') })).toHaveCount(0);
  }
  await expectAccessible(page, browser, js);
});
