import { test as base, expect, type Page, type Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PASSWORD = 'quiet river lantern 42';
export const DEMO_PASSWORD = 'minyi-demo-passphrase-2026';

export type Lang = 'zh-TW' | 'en';
/** A UI text by its locale key, with {placeholders} filled (plural forms: "other"). */
export type Texts = ((key: string, vars?: Record<string, string | number>) => string) & {
  lang: Lang;
  /** The text up to its first placeholder not given: a needle for mail whose other parts vary. */
  prefix: (key: string, vars?: Record<string, string | number>) => string;
  /** The text as a pattern, each placeholder not given matching a number such as 1,234. */
  pattern: (key: string, vars?: Record<string, string | number>) => RegExp;
};

const localeCache: Partial<Record<Lang, Record<string, unknown>>> = {};
function locale(lang: Lang): Record<string, unknown> {
  // The same files the server is built from, so a test follows the words the page shows.
  return (localeCache[lang] ??= JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'i18n', 'locales', `${lang}.json`), 'utf8')));
}

export function texts(lang: Lang): Texts {
  const raw = (key: string): string => {
    const v = locale(lang)[key];
    const s = typeof v === 'object' && v !== null ? (v as Record<string, string>).other : v;
    if (typeof s !== 'string') throw new Error(`no text ${key} in ${lang}`);
    return s;
  };
  const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  const t = ((key: string, vars: Record<string, string | number> = {}) => fill(raw(key), vars)) as Texts;
  t.lang = lang;
  t.prefix = (key, vars = {}) => fill(raw(key), vars).split(/\{\w+\}|\n/)[0];
  t.pattern = (key, vars = {}) =>
    new RegExp(
      fill(raw(key), vars)
        .split(/(\{\w+\})/)
        .map((part) => (/^\{\w+\}$/.test(part) ? '[\\d,]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join(''),
    );
  return t;
}

/** The texts of the language the page is shown in. */
export async function pageTexts(page: Page): Promise<Texts> {
  const lang = await page.locator('html').getAttribute('lang');
  return texts(lang === 'en' ? 'en' : 'zh-TW');
}

const baseURL = () => process.env.MINYI_E2E_BASE_URL || 'http://127.0.0.1:3100';

/** Chooses the language as the language switch does (its cookie), for every page after. */
export async function setLanguage(page: Page, lang: Lang) {
  await page.context().addCookies([{ name: 'minyi_lang', value: lang, url: baseURL() }]);
}

/** Clicks a link or button of the signed-in person's navigation; on a phone it is folded
 *  under their name, which is opened first. */
export async function accountAction(page: Page, name: string, role: 'link' | 'button' = 'link') {
  const menu = page.locator('details.account-menu');
  if (await menu.locator('summary').isVisible()) {
    if (!(await menu.getAttribute('open').then((v) => v !== null))) await menu.locator('summary').click();
    await menu.getByRole(role, { name, exact: true }).click();
  } else {
    await page.locator('nav.account-wide').getByRole(role, { name, exact: true }).click();
  }
}

/** Logs out from the account navigation. */
export async function logOut(page: Page) {
  const t = await pageTexts(page);
  await accountAction(page, t('NavLogout'), 'button');
  await expect(page.getByRole('link', { name: t('NavLogin'), exact: true })).toBeVisible();
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.tw`;
}

const mailDir = () => process.env.MINYI_E2E_MAIL_DIR || path.join(__dirname, '..', '..', 'data', 'mail');

/** Waits for the outbox worker to write an .eml to `to` containing `needle`; returns its text. */
export async function waitForEmail(to: string, needle: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (fs.existsSync(mailDir())) {
      const files = fs.readdirSync(mailDir()).filter((f) => f.endsWith('.eml')).sort().reverse();
      for (const f of files) {
        const text = decodeEmail(fs.readFileSync(path.join(mailDir(), f), 'utf8'));
        if (text.includes(`To: ${to}`) && text.includes(needle)) return text;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to} containing ${needle} in ${mailDir()}`);
}

/** The first link to `linkPath` in an email, as a path on the site under test. */
export function linkIn(eml: string, linkPath: string): string {
  const m = eml.match(new RegExp(`https?://[^\\s/]+(${linkPath.replace('?', '\\?')}\\?token=[0-9a-f]+)`));
  if (!m) throw new Error(`no ${linkPath} link in email:\n${eml}`);
  return m[1];
}

/** Fails on any browser error (hydration panics show up here). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Refused form input answers 4xx by design; any other console error counts.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/**
 * Every test's page fails the test on any browser error (a WASM panic, a broken
 * bundle, a refused script), and with JavaScript on every page it loaded must have
 * reached its hydrated marker: a broken optimized build can never pass.
 */
export const test = base.extend<{ pageChecks: void }>({
  pageChecks: [
    async ({ page, javaScriptEnabled }, use, info) => {
      // Each test is a different person on a different network (the e2e server trusts
      // this header), so the per-address login and signing limits count per test, as
      // they would for real visitors, and a long suite never trips them.
      const n = info.workerIndex * 1000 + info.repeatEachIndex * 100 + (hash(info.titlePath.join('/')) % 100);
      await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': `10.${javaScriptEnabled ? 1 : 2}.${n >> 8 & 255}.${n & 255}` });
      const errors = watchErrors(page);
      await use();
      if (javaScriptEnabled && page.url().startsWith('http') && !page.isClosed()) {
        const html = await page.evaluate(() => document.contentType === 'text/html').catch(() => false);
        if (html) await page.waitForSelector('html[data-hydrated]', { state: 'attached', timeout: 15_000 });
      }
      expect(errors, 'browser errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

// best-practice adds heading-order, one main landmark, unique landmarks and the like.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core must run as script. With JavaScript off, the exact HTML the page
 * shows is replayed at the same URL in a scripting context whose app bundle is
 * blocked, so axe checks what a no-JS visitor gets (styles included).
 */
export async function expectAccessible(page: Page, browser: Browser, jsEnabled: boolean) {
  if (jsEnabled) {
    const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(result.violations, JSON.stringify(result.violations, null, 2)).toEqual([]);
    return;
  }
  const html = await page.content();
  const url = page.url();
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'zh-TW' });
  try {
    const probe = await context.newPage();
    await probe.route('**/pkg/*.{js,wasm}', (route) => route.abort());
    await probe.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await probe.goto(url);
    const result = await new AxeBuilder({ page: probe }).withTags(TAGS).analyze();
    expect(result.violations, JSON.stringify(result.violations, null, 2)).toEqual([]);
  } finally {
    await context.close();
  }
}

/**
 * Waits until the WASM app has hydrated (no-op without JavaScript), then briefly for
 * requests it started. A petition page keeps its event stream open, so the network is
 * never idle there for long: that wait is bounded.
 */
export async function settled(page: Page, jsEnabled: boolean) {
  await page.waitForLoadState('load');
  if (!jsEnabled) return;
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
}

/** The demo staff's published second-factor keys (see `seed::DEMO_TOTP`). */
export const DEMO_TOTP: Record<string, string> = {
  'officer@demo.minyi.tw': 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  'moderator@demo.minyi.tw': 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
  'admin@demo.minyi.tw': 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
};

/** RFC 6238 (SHA-1, 6 digits, 30 s) for a base32 key at time step `step`. */
export function totp(base32: string, step: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/**
 * The server accepts each step once: the last step used per key is remembered in a file
 * (shared by the test workers and projects), and the next code is from a later step.
 */
const stepsFile = path.join(os.tmpdir(), 'minyi-e2e-totp-steps.json');
function lastSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(stepsFile, 'utf8'));
  } catch {
    return {};
  }
}
export async function freshCode(key: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const steps = lastSteps();
    // One step of skew is accepted, so the next step's code can be used at once.
    const step = Math.max(now, (steps[key] ?? -1) + 1);
    if (step <= now + 1) {
      steps[key] = step;
      fs.writeFileSync(stepsFile, JSON.stringify(steps));
      return totp(key, step);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

export async function logIn(page: Page, email: string, password: string, jsEnabled: boolean, totpKey?: string) {
  await page.goto('/login');
  await settled(page, jsEnabled);
  // The language the person was browsing in: logging in switches to the account's own, so a
  // person who reads the other one switches back, as they would, with the footer's switch.
  const wanted = (await pageTexts(page)).lang;
  let t = await pageTexts(page);
  await page.getByLabel(t('FieldEmail')).fill(email);
  await page.getByLabel(t('FieldPassword'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('LoginSubmit') }).click();
  const key = totpKey ?? DEMO_TOTP[email];
  if (key) {
    // Staff with a second factor: the code page comes next. A code the server saw used
    // (by an earlier run) is refused: the next step's code is tried.
    await page.waitForURL(/\/login\/code/);
    t = await pageTexts(page);
    await expect(page.getByRole('heading', { name: t('SfLoginTitle') })).toBeVisible();
    for (let attempt = 0; attempt < 3; attempt++) {
      await settled(page, jsEnabled);
      await page.getByLabel(t('FieldCode')).fill(await freshCode(key));
      await page.getByRole('button', { name: t('SfLoginButton') }).click();
      const outcome = await Promise.race([
        signedIn(page).waitFor({ timeout: 10_000 }).then(() => 'in', () => 'timeout'),
        page.locator('.field-error').waitFor({ timeout: 10_000 }).then(() => 'wrong', () => 'timeout'),
      ]);
      if (outcome !== 'wrong') break;
      // A fresh form (the kept error is read once) for the next step's code.
      await page.goto(page.url().replace(/([?&])flash=[^&]*&?/, '$1'));
    }
  }
  await expect(signedIn(page)).toBeVisible();
  if ((await pageTexts(page)).lang !== wanted) await switchLanguage(page, wanted, jsEnabled);
}

/** The footer's language switch, as a person uses it. */
export async function switchLanguage(page: Page, lang: Lang, jsEnabled: boolean) {
  const t = await pageTexts(page);
  await page.getByLabel(t('LanguageLabel'), { exact: true }).selectOption(lang);
  await page.getByRole('button', { name: t('LanguageSwitch') }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await settled(page, jsEnabled);
}

/** The signed-in person's navigation: the row on a wide screen, their name on a phone. */
function signedIn(page: Page) {
  return page.locator('nav.account-wide:visible, details.account-menu > summary:visible').first();
}

/** The text of an email: base64 and quoted-printable bodies decoded, and each part of a
 *  multipart message (plain text and HTML) decoded the same way, after the headers. */
export function decodeEmail(eml: string): string {
  const [head, ...rest] = eml.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (boundary && /Content-Type:\s*multipart\//i.test(head)) {
    const parts = body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--'));
    return head + '\n\n' + parts.map((p) => decodeEmail(p.replace(/^\r?\n/, ''))).join('\n\n');
  }
  const cte = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (cte === 'base64') return head + '\n\n' + Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return head + '\n\n' + Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return eml;
}

/** Register on the open registration page and confirm the emailed link; `check` runs on the
 *  confirmation page (accessibility checks). Ends on the "confirmed, log in now" notice. */
export async function registerAndConfirm(page: Page, name: string, email: string, jsEnabled: boolean, check?: () => Promise<void>) {
  const t = await pageTexts(page);
  await page.getByLabel(t('FieldDisplayName')).fill(name);
  await page.getByLabel(t('FieldEmail')).fill(email);
  await page.getByLabel(t('FieldPassword'), { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t('RegisterSubmit') }).click();
  await expect(page.getByRole('heading', { name: t('RegisterSentTitle') })).toBeVisible();
  // The emailed link opens a page; only its button confirms.
  const eml = await waitForEmail(email, '/verify?token=');
  await page.goto(linkIn(eml, '/verify'));
  await settled(page, jsEnabled);
  if (check) await check();
  await page.getByLabel(t('FieldPassword'), { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t('VerifySubmit') }).click();
  await expect(page.getByText(t('NoticeVerified'))).toBeVisible();
}
