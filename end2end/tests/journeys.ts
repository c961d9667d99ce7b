import { type Browser, type Page } from '@playwright/test';
import { test, expect, PASSWORD, logIn, registerAndConfirm, setLanguage, settled, texts, uniqueEmail, type Lang, type Texts } from './helpers';

// What the journeys share: the demo petitions they use, the demo data's names in each
// language, and each journey run in zh-TW on a desktop and in English on a 320 px phone.

export const BIKE = '在捷運與火車站出口增設公共自行車站點'; // national: a signature may be withdrawn
export const LIBRARY = '延長臺北市立圖書館分館夜間開放時間'; // Taipei: signatures are final

/** The demo data's names as each language shows them. */
export const NAMES = {
  'zh-TW': { taipei: '臺北市', taichung: '臺中市', ndc: '國家發展委員會', tpdot: '臺北市政府交通局', environment: '環境', transport: '交通' },
  en: {
    taipei: 'Taipei City',
    taichung: 'Taichung City',
    ndc: 'National Development Council',
    tpdot: 'Taipei City Department of Transportation',
    environment: 'Environment',
    transport: 'Transport',
  },
};

const VARIANTS: { lang: Lang; width: number }[] = [
  { lang: 'zh-TW', width: 1280 },
  { lang: 'en', width: 320 },
];

/** Each journey once per variant: the language chosen, the screen that size. */
export function journey(name: string, body: (page: Page, js: boolean, t: Texts, browser: Browser) => Promise<void>, timeout = 120_000) {
  for (const { lang, width } of VARIANTS) {
    test(`${name} (${lang}, ${width} px)`, async ({ page, browser, javaScriptEnabled: js }) => {
      test.setTimeout(timeout);
      await setLanguage(page, lang);
      await page.setViewportSize({ width, height: 800 });
      await body(page, js, texts(lang), browser);
      // Whatever the journey did, nothing became wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}

/** From anywhere: the list, a search for the title, and the petition. */
export async function openPetition(page: Page, js: boolean, t: Texts, title: string) {
  await page.getByRole('navigation', { name: t('NavMainLabel') }).getByRole('link', { name: t('NavPetitions') }).click();
  await settled(page, js);
  await page.getByLabel(t('FilterSearch')).fill(title);
  await page.getByRole('button', { name: t('FilterApply') }).click();
  await settled(page, js);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await settled(page, js);
}

/** A new citizen, registered and logged in (a fresh person signs nothing twice). */
export async function newCitizen(page: Page, js: boolean, t: Texts): Promise<string> {
  const email = uniqueEmail('citizen');
  await page.goto('/');
  await settled(page, js);
  await page.getByRole('link', { name: t('NavRegister') }).first().click();
  await settled(page, js);
  await registerAndConfirm(page, t.lang === 'en' ? 'New Resident' : '新市民', email, js);
  await logIn(page, email, PASSWORD, js);
  await page.goto('/');
  await settled(page, js);
  return email;
}

export async function propose(page: Page, js: boolean, t: Texts) {
  await page.getByRole('navigation', { name: t('NavMainLabel') }).getByRole('link', { name: t('NavPropose') }).click();
  await settled(page, js);
}

