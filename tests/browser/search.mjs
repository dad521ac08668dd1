// node search.mjs SITE_DIR WORD EXPECTED_PATH
// Serves SITE_DIR under /repo/ on 127.0.0.1, opens /repo/search/ in headless
// Chromium, types WORD with the keyboard and waits for a result whose link is
// EXPECTED_PATH (e.g. /repo/high-seas-treaty/). Exit 0 on success.
import { serveSite, launch } from './site.mjs';

const [, , siteDir, word, expected] = process.argv;
const { base, close } = await serveSite(siteDir);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { console.error('page error:', e.message); failed = true; });
  await page.route((u) => !u.href.startsWith(base), (route) => route.abort());
  await page.goto(`${base}/repo/search/`, { waitUntil: 'networkidle' });
  const input = page.locator('#site-search input');
  await input.waitFor({ timeout: 10000 });
  // Keyboard only: the input has focus on load (autofocus), so type.
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.matches('#site-search input'));
  if (!focused) await page.keyboard.press('Tab');
  await page.keyboard.type(word, { delay: 20 });
  const link = page.locator(`#site-search a[href="${expected}"]`).first();
  await link.waitFor({ timeout: 10000 });
  console.log(`found ${expected} for "${word}": ${(await link.textContent()).trim()}`);
} catch (e) {
  console.error('search test failed:', e.message);
  failed = true;
} finally {
  await browser.close();
  close();
}
process.exit(failed ? 1 : 0);
