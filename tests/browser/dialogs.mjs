// node dialogs.mjs SITE_DIR
// Opens every HTML page of a built site (served under /repo/) in headless
// Chromium and counts the pages where a script opened a dialog (alert,
// confirm, prompt). Prints "dialogs: N of M pages" and exits 0; exit 1 when a
// page fails to load.
import { serveSite, launch, htmlFiles } from './site.mjs';

const [, , siteDir] = process.argv;
const { base, close } = await serveSite(siteDir);
const browser = await launch();
let opened = 0;
let failed = false;
const pages = htmlFiles(siteDir);
try {
  for (const file of pages) {
    const page = await browser.newPage();
    let dialog = false;
    page.on('dialog', async (d) => { dialog = true; console.log(`${file}: ${d.type()} "${d.message()}"`); await d.dismiss(); });
    await page.route((u) => !u.href.startsWith(base), (route) => route.abort());
    try {
      await page.goto(`${base}/repo/${file}`, { waitUntil: 'load' });
      // Let deferred scripts and event handlers (onerror, onload) run.
      await page.waitForTimeout(150);
      await page.mouse.move(10, 10);
      await page.keyboard.press('Tab');
    } catch (e) {
      console.error(`${file}: failed to load: ${e.message}`);
      failed = true;
    }
    if (dialog) opened += 1;
    await page.close();
  }
} finally {
  await browser.close();
  close();
}
console.log(`dialogs: ${opened} of ${pages.length} pages`);
process.exit(failed ? 1 : 0);
