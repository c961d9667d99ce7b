import { test, expect, expectAccessible, settled, watchErrors } from './helpers';

test('the open data page documents the API, feeds, downloads and licence', async ({ page, browser, javaScriptEnabled: js }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('link', { name: '開放資料' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '開放資料 API' })).toBeVisible();
  await settled(page, js);
  await expect(page.getByRole('heading', { name: 'GET /api/v1/petitions', exact: true })).toBeVisible();
  await expect(page.getByText('政府資料開放授權條款－第 1 版')).toBeVisible();
  await expectAccessible(page, browser, js);

  // The document, a feed and a download, as a program would fetch them.
  const doc = await page.request.get('/api/v1/openapi.json');
  expect((await doc.json()).openapi).toMatch(/^3\.1/);
  const feed = await page.request.get('/api/v1/feeds/petitions.atom');
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  const csv = await page.request.get('/api/v1/downloads/petitions.csv');
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString('utf8')).toContain('在捷運與火車站出口增設公共自行車站點');
  const list = await page.request.get('/api/v1/petitions?limit=2');
  expect(list.headers()['access-control-allow-origin']).toBe('*');
  expect((await list.json()).items.length).toBe(2);
  expect(errors).toEqual([]);
});
