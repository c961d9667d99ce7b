import { type Browser, type Page } from '@playwright/test';
import { test, expect, DEMO_PASSWORD, expectAccessible, logIn, logOut, setLanguage, settled } from './helpers';

// Every page, as each kind of person meets it, in both languages at 320 and 1280 px:
// axe (WCAG 2.2 AA and best practice, heading-order included) finds nothing, nothing is
// wider than the screen, and a zh-TW page has no English text outside code.

const WIDTHS = [320, 1280];

/** Visits every path in both languages at both widths; lists every problem found, then fails. */
async function sweep(page: Page, browser: Browser, js: boolean, paths: string[]) {
  const problems: string[] = [];
  for (const lang of ['zh-TW', 'en'] as const) {
    await setLanguage(page, lang);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of paths) {
        const where = `${path} ${lang} ${width}px`;
        await page.goto(path);
        await settled(page, js);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByText('系統發生問題')).toHaveCount(0);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > width) problems.push(`${where}: ${wide}px wide`);
        if (lang === 'zh-TW') {
          // Three English words in a row outside code and parts marked English: untranslated text.
          const english = await page.evaluate(() => {
            const copy = document.body.cloneNode(true) as HTMLElement;
            copy.querySelectorAll('code, pre, script, style, [lang="en"], .user-name').forEach((e) => e.remove());
            return copy.textContent!.match(/[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}/)?.[0] ?? null;
          });
          if (english) problems.push(`${where}: English "${english}"`);
        }
        // axe at 320 px in zh-TW and at 1280 px in English: each language and each layout once.
        if ((width === 320) === (lang === 'zh-TW')) {
          await expectAccessible(page, browser, js).catch((e) => {
            const ids = [...String(e).matchAll(/"id": "([a-z-]+)",\s*"impact"/g)].map((m) => m[1]);
            const html = [...String(e).matchAll(/"html": "([^\n]{0,120})/g)].map((m) => m[1]).slice(0, 3);
            problems.push(`${where}: axe ${ids.join(', ')} ${html.join(' | ')}`);
          });
        }
      }
    }
  }
  await setLanguage(page, 'zh-TW');
  expect(problems, problems.join('\n')).toEqual([]);
}

/** The address of the demo petition with discussion and an opinion map, found by clicking a card. */
async function aPetition(page: Page, js: boolean): Promise<string> {
  await page.goto('/petitions?q=' + encodeURIComponent('公共自行車站點'));
  await settled(page, js);
  await page.locator('.card h3 a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The address of the first link under `selector` on `path` (the demo data's own items). */
async function firstLink(page: Page, path: string, selector: string): Promise<string> {
  const [href] = await firstLinkIfAny(page, path, selector);
  expect(href, `a link ${selector} on ${path}`).toBeTruthy();
  return href;
}

/** As `firstLink`, or nothing when the page has no such link (yet). */
async function firstLinkIfAny(page: Page, path: string, selector: string): Promise<string[]> {
  await page.goto(path);
  const links = page.locator(selector);
  return (await links.count()) > 0 ? [(await links.first().getAttribute('href'))!] : [];
}

test('every public page', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(420_000);
  const petition = await aPetition(page, js);
  await page.goto('/agencies');
  await page.locator('main a[href^="/agencies/"]').first().click();
  const agency = new URL(page.url()).pathname;
  // A moderator's decision page, once the suite has made one (the discussion journeys do).
  const decision = await firstLinkIfAny(page, '/moderation-log', 'main a[href^="/decisions/"]');
  // A consultation (the demo has open, closed and overdue ones) and its opinion map.
  const consultation = await firstLink(page, '/consultations', 'main .consult-card a[href^="/consultations/"]');
  const overdue = await firstLink(page, '/consultations?phase=overdue', 'main .consult-card a[href^="/consultations/"]');
  // A sponsor link nobody was given: the page says so (a real one needs a jurisdiction with sponsors).
  await sweep(page, browser, js, [
    '/',
    `${petition}/deliberation`,
    '/petitions',
    petition,
    `${petition}/responses`,
    '/agencies',
    agency,
    '/developers',
    '/log',
    '/privacy',
    '/moderation-log',
    ...decision,
    '/consultations',
    consultation,
    `${consultation}/deliberation`,
    overdue,
    '/sponsor/not-a-key',
    '/login',
    '/register',
    '/reset',
  ]);
});

test('every page of a citizen', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(420_000);
  await logIn(page, 'citizen@demo.minyi.tw', DEMO_PASSWORD, js);
  const petition = await aPetition(page, js);
  await sweep(page, browser, js, ['/profile', '/me/petitions', '/me/signatures', '/me/following', '/petitions/new', petition, `${petition}/deliberation`]);
});

test('every page of the staff', async ({ page, browser, javaScriptEnabled: js }) => {
  test.setTimeout(420_000);
  await logIn(page, 'admin@demo.minyi.tw', DEMO_PASSWORD, js);
  const jurisdiction = await firstLink(page, '/admin/organisation', 'main a[href^="/admin/organisation/jurisdictions/"]');
  const agencyAdmin = await firstLink(page, '/admin/organisation', 'main a[href^="/admin/organisation/agencies/"]');
  await sweep(page, browser, js, ['/admin/site', '/admin/users', '/admin/organisation', jurisdiction, agencyAdmin, '/agency', '/reports', '/profile/second-factor']);
  await page.goto('/');
  await logOut(page);
  await logIn(page, 'moderator@demo.minyi.tw', DEMO_PASSWORD, js);
  const review = await firstLink(page, '/moderation', 'main a[href^="/moderation/"]:not([href*="/signatures"])');
  const petition = await aPetition(page, js);
  await sweep(page, browser, js, ['/moderation', review, `/moderation${petition}/signatures`, '/reports']);
  await page.goto('/');
  await logOut(page);
  // The officer's workspace on a petition their agency must answer.
  await logIn(page, 'officer@demo.minyi.tw', DEMO_PASSWORD, js);
  const workspace = await firstLink(page, '/agency', 'main a[href^="/agency/petitions/"]');
  // An overdue consultation shows the officer the conclusions form (the journeys leave it be).
  const overdue = await firstLink(page, '/consultations?phase=overdue', 'main .consult-card a[href^="/consultations/"]');
  await sweep(page, browser, js, ['/agency', workspace, '/consultations/new', overdue]);
});
