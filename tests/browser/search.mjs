// node search.mjs SITE_DIR WORD EXPECTED_PATH [SEARCH_PAGE]
// Serves SITE_DIR under /repo/ on 127.0.0.1, opens /repo/SEARCH_PAGE
// (default `search/`; `fr/search/` for French) in headless Chromium, types
// WORD with the keyboard and waits for a result whose link is
// EXPECTED_PATH (e.g. /repo/high-seas-treaty/); then prints every result's
// link (`result PATH`). Exit 0 on success.
import { serveSite, launch } from './site.mjs';

const [, , siteDir, word, expected, searchPage = 'search/'] = process.argv;
const { base, close } = await serveSite(siteDir);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { console.error('page error:', e.message); failed = true; });
  await page.route((u) => !u.href.startsWith(base), (route) => route.abort());
  await page.goto(`${base}/repo/${searchPage}`, { waitUntil: 'networkidle' });
  const input = page.locator('#site-search input');
  await input.waitFor({ timeout: 10000 });
  // Keyboard only: the input has focus on load (autofocus), so type.
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.matches('#site-search input'));
  if (!focused) await page.keyboard.press('Tab');
  await page.keyboard.type(word, { delay: 20 });
  const link = page.locator(`#site-search a[href="${expected}"]`).first();
  await link.waitFor({ timeout: 10000 });
  console.log(`found ${expected} for "${word}": ${(await link.textContent()).trim()}`);
  await page.waitForTimeout(300);
  for (const href of await page.locator('#site-search .pagefind-ui__result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    console.log(`result ${href}`);
  }
} catch (e) {
  console.error('search test failed:', e.message);
  failed = true;
} finally {
  await browser.close();
  close();
}
process.exit(failed ? 1 : 0);
