// node layout.mjs SITE_DIR PAGE
// The reader-facing layout of one explainer, measured in headless Chromium
// at many widths, with JavaScript on and off. Prints one line per failure
// and "layout: ok" when there is none; exits 1 on a failure.
//
// - An annotation never splits its sentence: the text after it starts on
//   the line where the annotation (its note too, when shown) ends.
// - A run of citations (and note marks) never wraps apart, nor away from
//   the word before it.
// - The hero is never taller than 75% of the screen, nor wider than its box.
// - Every citation and note mark is a target of at least 24 x 24 px, or
//   spaced as WCAG 2.2's target-size rule allows.
// - Nothing is wider than the screen.
import { serveSite, launch } from './site.mjs';

const [, , siteDir, pagePath] = process.argv;
const { base, close } = await serveSite(siteDir);
const browser = await launch();
const failures = [];
const widths = [];
for (let w = 320; w <= 1400; w += 9) widths.push(w);

function measure() {
  const out = { annotations: [], runs: [], hero: null, targets: [], overflow: 0 };
  const lineOf = (rect) => rect.top + rect.height / 2;
  // The rect of one character of a text node.
  const charRect = (node, i) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    return r.getBoundingClientRect();
  };
  for (const a of document.querySelectorAll('.annotation')) {
    const after = a.nextSibling;
    if (!after || after.nodeType !== 3 || !after.textContent.trim()) continue;
    const rects = [...a.getClientRects()].filter((r) => r.width > 0);
    const last = rects[rects.length - 1];
    const next = charRect(after, 0);
    out.annotations.push({ text: a.textContent.slice(0, 20), ok: next.top < last.bottom && next.bottom > last.top });
  }
  const marks = [...document.querySelectorAll('.article-body sup.citation-ref, .article-body sup.note-ref')];
  const seen = new Set();
  for (const m of marks) {
    if (seen.has(m)) continue;
    const run = [m];
    let n = m.nextSibling;
    // Adjacent marks, with only the word joiner between them.
    while (n && (n.nodeType === 3 && n.textContent === '\u2060' || n.nodeType === 1 && n.matches('sup.citation-ref, sup.note-ref'))) {
      if (n.nodeType === 1) { run.push(n); seen.add(n); }
      n = n.nextSibling;
    }
    seen.add(m);
    const lines = run.map((x) => lineOf(x.getBoundingClientRect()));
    let before = m.previousSibling;
    if (before && before.nodeType === 3 && before.textContent === '\u2060') before = before.previousSibling;
    if (!before && m.parentElement.matches('.cite-run')) before = m.parentElement.previousSibling;
    if (before && before.nodeType === 3 && before.textContent.length) {
      const t = before.textContent.replace(/\u2060$/, '');
      lines.push(lineOf(charRect(before, t.length - 1)));
    }
    const spread = Math.max(...lines) - Math.min(...lines);
    out.runs.push({ text: run.map((x) => x.textContent).join(''), ok: spread < 8 });
  }
  const hero = document.querySelector('.hero img');
  if (hero) {
    const r = hero.getBoundingClientRect();
    const box = hero.parentElement.getBoundingClientRect();
    out.hero = { height: r.height, width: r.width, box: box.width, vh: window.innerHeight };
  }
  // WCAG 2.2 target size (2.5.8): at least 24 x 24 px, or spaced so that a
  // 24 px circle on its centre meets no other target nor another
  // undersized target's circle.
  const targets = [...document.querySelectorAll('.article-body a, .key-points a')]
    .map((t) => ({ t, r: t.getBoundingClientRect() })).filter((x) => x.r.width > 0);
  const small = (r) => r.width < 24 || r.height < 24;
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const distToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  for (const { t, r } of targets) {
    if (!t.matches('a.citation, .note-ref a') || !small(r)) continue;
    const c = centre(r);
    const clash = targets.some((o) => o.t !== t && (distToRect(c, o.r) < 12 || (small(o.r) && Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < 24)));
    if (clash) out.targets.push({ text: t.textContent, w: r.width, h: r.height });
  }
  out.overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  return out;
}

try {
  for (const js of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.route((u) => !u.href.startsWith(base), (route) => route.abort());
    await page.goto(`${base}/repo/${pagePath}`, { waitUntil: 'load' });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 844 });
      if (js) {
        // Open every annotation that is a toggle (narrow screens).
        await page.evaluate(() => {
          for (const t of document.querySelectorAll('.annotation.has-toggle:not(.is-open) .annotation-term')) t.click();
        });
      }
      const m = await page.evaluate(measure);
      const at = `${width}px, JavaScript ${js ? 'on' : 'off'}`;
      if (!m.annotations.length) failures.push(`${at}: no annotation measured`);
      for (const a of m.annotations) if (!a.ok) failures.push(`${at}: the sentence after the annotation "${a.text}" starts on a new line`);
      if (m.runs.length < 5) failures.push(`${at}: only ${m.runs.length} citation runs measured`);
      for (const r of m.runs) if (!r.ok) failures.push(`${at}: the citations ${r.text} wrap apart (or away from their word)`);
      if (!m.hero) failures.push(`${at}: no hero`);
      else {
        if (m.hero.height > m.hero.vh * 0.75 + 1) failures.push(`${at}: the hero is ${m.hero.height}px tall in an ${m.hero.vh}px screen`);
        if (m.hero.width > m.hero.box + 1) failures.push(`${at}: the hero is wider than its box`);
      }
      for (const t of m.targets) failures.push(`${at}: the target ${t.text} is ${t.w.toFixed(1)} x ${t.h.toFixed(1)} px and too close to another`);
      if (m.overflow > 0) failures.push(`${at}: the page is ${m.overflow}px wider than the screen`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  close();
}
for (const f of failures.slice(0, 40)) console.log(f);
if (failures.length > 40) console.log(`… and ${failures.length - 40} more`);
console.log(failures.length ? `layout: ${failures.length} failures` : 'layout: ok');
process.exit(failures.length ? 1 : 0);
