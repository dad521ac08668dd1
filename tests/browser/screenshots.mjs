// Captures the screenshots in docs/screenshots/ from a built demo site:
//   cargo run --release -- build --base-url http://127.0.0.1/repo/ --output /tmp/shots
//   node tests/browser/screenshots.mjs /tmp/shots docs/screenshots   (SHOTS=home,about: only those)
// Each page at 1280 and 390 px wide, light and dark; full page; the explainer
// also with JavaScript off (`-nojs`); the search page after typing a query.
import path from 'node:path';
import { serveSite, launch } from './site.mjs';

const [siteDir = 'public', outDir = 'docs/screenshots'] = process.argv.slice(2);
// name → page (relative to the site's root)
const PAGES = {
  explainer: 'measles/',
  home: '',
  series: 'high-seas-treaty/',
  about: 'about/',
  components: 'key-bridge-collapse/',
  arabic: 'ar/measles/',
  french: 'fr/aires-marines-protegees-haute-mer/',
  search: 'search/',
};
// Pages shown after typing a query (the search page with its results and filters).
const QUERY = { search: 'ocean' };
const only = process.env.SHOTS ? process.env.SHOTS.split(',') : Object.keys(PAGES);

const { base, close } = await serveSite(siteDir);
const browser = await launch();
try {
  for (const name of only) {
    for (const width of [1280, 390]) {
      for (const scheme of ['light', 'dark']) {
        // The explainer also without JavaScript (annotations shown inline).
        for (const js of name === 'explainer' ? [true, false] : [true]) {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, javaScriptEnabled: js });
          const page = await context.newPage();
          await page.goto(`${base}/repo/${PAGES[name]}`, { waitUntil: 'networkidle' });
          if (QUERY[name]) {
            await page.locator('#site-search input').fill(QUERY[name]);
            await page.locator('#site-search .pagefind-ui__result').first().waitFor({ timeout: 10000 });
            await page.waitForTimeout(500);
          }
          const file = path.join(outDir, `${name}-${width}-${scheme}${js ? '' : '-nojs'}.png`);
          await page.screenshot({ path: file, fullPage: true });
          await context.close();
          console.log(file);
        }
      }
    }
  }
} finally {
  await browser.close();
  close();
}
