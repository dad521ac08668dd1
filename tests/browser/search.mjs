// node search.mjs SITE_DIR WORD EXPECTED_PATH
// Serves SITE_DIR under /repo/ on 127.0.0.1, opens /repo/search/ in headless
// Chromium, types WORD with the keyboard and waits for a result whose link is
// EXPECTED_PATH (e.g. /repo/high-seas-treaty/). Exit 0 on success.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [, , siteDir, word, expected] = process.argv;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
};
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (!url.pathname.startsWith('/repo/')) { res.writeHead(404); return res.end(); }
  let file = path.join(siteDir, decodeURIComponent(url.pathname.slice('/repo/'.length)));
  if (!file.startsWith(path.resolve(siteDir))) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
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
  server.close();
}
process.exit(failed ? 1 : 0);
