/* lede.js: progressive enhancement for lede explainers.
 *
 * Everything here is optional: with JavaScript off, citations jump to the
 * sources list and annotations are shown inline (narrow screens) or in the
 * margin (wide screens). No dependencies, no network requests.
 *
 * Modules are plain functions listed in MODULES at the bottom; each one runs
 * once the document is parsed and is isolated from the others' errors. To add
 * a feature (e.g. search), write a function and append it to MODULES.
 */
(function () {
  'use strict';

  var doc = document;
  // Keep in sync with the margin-note breakpoint in lede.css.
  var WIDE_QUERY = '(min-width: 68.75em)';

  function closest(target, selector) {
    return target instanceof Element ? target.closest(selector) : null;
  }

  /* Citation previews ---------------------------------------------------
   * Hovering (after a short delay) or focusing a citation link shows a small
   * card with the source's publisher, title and date, taken from the link's
   * data-* attributes. One reusable role="tooltip" element; the link gets
   * aria-describedby while it is shown. Escape, blur or leaving hides it.
   * The card itself can be hovered (WCAG 1.4.13) without disappearing. */
  function citationPreviews() {
    if (!doc.querySelector('a.citation')) return;

    var SHOW_DELAY = 180;
    var HIDE_DELAY = 200;
    var tip = doc.createElement('div');
    tip.className = 'citation-preview';
    tip.id = 'citation-preview';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    // Inside <main> so the card belongs to a landmark; absolute to the page.
    (doc.querySelector('main') || doc.body).appendChild(tip);

    var current = null;
    var showTimer = 0;
    var hideTimer = 0;

    function fill(link) {
      var d = link.dataset;
      // A source with no title shows where it is published instead.
      var parts = [['cp-publisher', d.publisher], ['cp-title', d.title], ['cp-host', d.host], ['cp-date', d.date]];
      tip.textContent = '';
      parts.forEach(function (p) {
        if (!p[1]) return;
        var span = doc.createElement('span');
        span.className = p[0];
        span.textContent = p[1];
        tip.appendChild(span);
      });
      return tip.childNodes.length > 0;
    }

    function place(link) {
      var gap = 8;
      var r = link.getBoundingClientRect();
      var vw = doc.documentElement.clientWidth;
      tip.style.left = '0px';
      tip.style.top = '0px';
      var w = tip.offsetWidth;
      var h = tip.offsetHeight;
      // Below the citation's line (or above it), starting at the citation,
      // so it never covers the citations beside it.
      // (Right to left, it starts at the citation's right edge.)
      var rtl = getComputedStyle(link).direction === 'rtl';
      var start = rtl ? r.right - w : r.left;
      var left = Math.max(gap, Math.min(start, vw - w - gap));
      var top = r.bottom + gap / 2;
      if (top + h > window.innerHeight && r.top - h - gap > 0) top = r.top - h - gap;
      tip.style.left = Math.round(left + window.scrollX) + 'px';
      tip.style.top = Math.round(top + window.scrollY) + 'px';
    }

    function show(link) {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (current === link) return;
      hide();
      if (!fill(link)) return;
      current = link;
      tip.hidden = false;
      place(link);
      link.setAttribute('aria-describedby', tip.id);
    }

    function hide() {
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (!current) return;
      current.removeAttribute('aria-describedby');
      current = null;
      tip.hidden = true;
    }

    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, HIDE_DELAY);
    }

    doc.addEventListener('mouseover', function (e) {
      if (tip.contains(e.target)) { clearTimeout(hideTimer); return; }
      var link = closest(e.target, 'a.citation');
      if (!link) return;
      clearTimeout(hideTimer);
      if (link === current) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
    });

    doc.addEventListener('mouseout', function (e) {
      var from = tip.contains(e.target) ? tip : closest(e.target, 'a.citation');
      if (!from || from.contains(e.relatedTarget)) return;
      clearTimeout(showTimer);
      if (tip.contains(e.relatedTarget) || (current && current.contains(e.relatedTarget))) return;
      if (current && doc.activeElement === current) return; // keep it while focused
      hideSoon();
    });

    doc.addEventListener('focusin', function (e) {
      var link = closest(e.target, 'a.citation');
      if (link) show(link);
      else if (current) hide();
    });

    doc.addEventListener('focusout', function (e) {
      if (e.target === current) hide();
    });

    doc.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && current) hide();
    });

    doc.addEventListener('click', function (e) {
      if (closest(e.target, 'a.citation')) hide();
    });

    window.addEventListener('resize', function () {
      if (current) place(current);
    });
  }

  /* Annotations -----------------------------------------------------------
   * Narrow screens: each term becomes a disclosure button for its note
   * (.annotation.has-toggle, .is-open when shown). Wide screens: notes sit
   * in the margin and the terms are plain text again. */
  function annotations() {
    var items = Array.prototype.slice.call(doc.querySelectorAll('.annotation'));
    if (!items.length) return;
    var mq = window.matchMedia(WIDE_QUERY);
    var ATTRS = ['role', 'tabindex', 'aria-expanded', 'aria-controls'];

    function termOf(a) { return a.querySelector('.annotation-term'); }
    function noteOf(a) { return a.querySelector('.annotation-note'); }

    function setOpen(a, open) {
      a.classList.toggle('is-open', open);
      var term = termOf(a);
      if (term) term.setAttribute('aria-expanded', open ? 'true' : 'false');
    }

    function enable() {
      items.forEach(function (a, i) {
        var term = termOf(a);
        var note = noteOf(a);
        if (!term || !note) return;
        if (!note.id) note.id = (a.id || 'annotation-js-' + i) + '-note';
        term.setAttribute('role', 'button');
        term.setAttribute('tabindex', '0');
        term.setAttribute('aria-controls', note.id);
        a.classList.add('has-toggle');
        setOpen(a, false);
      });
    }

    function disable() {
      items.forEach(function (a) {
        a.classList.remove('has-toggle', 'is-open');
        var term = termOf(a);
        if (term) ATTRS.forEach(function (n) { term.removeAttribute(n); });
      });
    }

    function apply() {
      if (mq.matches) disable();
      else enable();
    }

    function toggleTarget(e) {
      var term = closest(e.target, '.annotation-term');
      var a = term && term.parentElement;
      return a && a.classList.contains('has-toggle') ? a : null;
    }

    doc.addEventListener('click', function (e) {
      var a = toggleTarget(e);
      if (a) setOpen(a, !a.classList.contains('is-open'));
    });

    doc.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        var open = closest(e.target, '.annotation.has-toggle.is-open');
        if (open) {
          setOpen(open, false);
          termOf(open).focus();
        }
        return;
      }
      if (e.key !== 'Enter' && e.key !== ' ') return;
      var a = toggleTarget(e);
      if (!a) return;
      e.preventDefault();
      setOpen(a, !a.classList.contains('is-open'));
    });

    // A back-link from the sources list may point at a citation inside a
    // collapsed note: open that note so the target is visible.
    function revealTarget() {
      var id = decodeURIComponent(location.hash.slice(1));
      var el = id && doc.getElementById(id);
      var a = el && el.closest('.annotation.has-toggle');
      if (!a || a.classList.contains('is-open')) return;
      setOpen(a, true);
      el.scrollIntoView({ block: 'center' });
    }

    if (mq.addEventListener) mq.addEventListener('change', apply);
    else if (mq.addListener) mq.addListener(apply);
    apply();
    window.addEventListener('hashchange', revealTarget);
    revealTarget();
  }

  /* Search ------------------------------------------------------------------
   * The search page holds <div id="site-search" data-bundle=…>; Pagefind's UI
   * script (loaded by that page only) fills it. `?q=term` searches at once. */
  function search() {
    var box = doc.getElementById('site-search');
    if (!box || typeof window.PagefindUI !== 'function') return;
    var ui = new window.PagefindUI({
      element: '#site-search',
      bundlePath: box.getAttribute('data-bundle'),
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      autofocus: true,
      translations: { placeholder: box.getAttribute('data-placeholder') || 'Search' }
    });
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) ui.triggerSearch(q);
    labelInput(box, 0);
  }

  /* Pagefind's input has only a title; give it a visible <label>. */
  function labelInput(box, tries) {
    var input = box.querySelector('input[type="text"], input[type="search"]');
    if (!input) {
      if (tries < 50) window.requestAnimationFrame(function () { labelInput(box, tries + 1); });
      return;
    }
    input.id = 'site-search-input';
    var label = doc.createElement('label');
    label.className = 'search-label';
    label.htmlFor = input.id;
    label.textContent = box.getAttribute('data-placeholder') || 'Search';
    box.parentNode.insertBefore(label, box);
  }

  /* Embeds -------------------------------------------------------------------
   * <figure class="embed"> holds a poster that links to the original; nothing
   * of the other site loads until the reader presses the button that covers
   * the poster. Then the player (or chart) replaces the poster, focused. */
  function embeds() {
    var frames = doc.querySelectorAll('.embed-frame[data-embed-src]');
    Array.prototype.forEach.call(frames, function (frame) {
      var button = frame.querySelector('.embed-load');
      var src = frame.getAttribute('data-embed-src');
      if (!button || !/^https:\/\//.test(src)) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        var iframe = doc.createElement('iframe');
        iframe.src = src;
        iframe.title = frame.getAttribute('data-embed-title') || '';
        iframe.setAttribute('allow', 'autoplay; encrypted-media; fullscreen; picture-in-picture');
        iframe.setAttribute('allowfullscreen', '');
        iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
        frame.textContent = '';
        frame.appendChild(iframe);
        frame.classList.add('is-loaded');
        iframe.focus();
      });
    });
  }

  /* Start -------------------------------------------------------------------- */
  var MODULES = [citationPreviews, annotations, search, embeds];

  function start() {
    MODULES.forEach(function (init) {
      try {
        init();
      } catch (err) {
        if (window.console) console.error('lede.js: ' + (init.name || 'module') + ' failed', err);
      }
    });
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})();
