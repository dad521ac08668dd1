//! Rendering a loaded site into a [`Sink`]: every explainer in parallel
//! (Markdown, then its page template), the checks across pages, the lists,
//! the assets and the search index.
//!
//! Problems come back one way: [`render_site`] takes the warnings found so
//! far and returns them with its own, in [`Rendering::diagnostics`] on
//! success or in [`Failure::Content`] when there is an error.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::TryRecvError;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::index;
use super::lists::{self, Which};
use super::media;
use super::model::Site;
use super::page::Written;
use super::sink::{IoError, Sink};
use super::{Failure, Progress, Timings, search};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::markdown::Rendered;
use crate::slug::slugify;
use crate::templates::context::Alternate;
use crate::templates::lists::Listed;
use crate::templates::nav::{LinkItem, SeriesView};
use crate::templates::page::PageInput;

/// How long the page writer sleeps when it finds no page to write.
const WRITER_NAP: Duration = Duration::from_millis(1);

/// What rendering the whole site produced.
pub struct Rendering {
    /// Per explainer, in `site.pages` order.
    pub written: Vec<Written>,
    /// Files written in all.
    pub files: usize,
    /// Every warning, sorted (those passed in among them).
    pub diagnostics: Diagnostics,
    /// How long each phase took.
    pub timings: Timings,
    /// What publishing the images did.
    pub images: super::images::ImageReport,
}

/// Renders every page, list and asset of a loaded site into `sink`, with
/// the warnings found while loading it.
pub fn render_site(
    site: &mut Site,
    sink: &dyn Sink,
    mut diags: Diagnostics,
    progress: Option<&Progress>,
) -> Result<Rendering, Failure> {
    let mut timings = Timings::default();
    let lap = Instant::now();
    let texts = site.take_texts();
    let cache = super::images::Cache::new(&site.root);
    let read_cache = site.options.read_cache;
    // The cache's list is read beside the pages (the assets and images
    // need it after them).
    let (written, ()) = rayon::join(
        || render_pages(site, Some(texts), sink, progress),
        || cache.preload(read_cache),
    );
    let mut written = written?;
    let lap = timings.lap("pages", lap);
    let mut files = written.len();
    for w in &written {
        diags.extend(w.facts.diagnostics.iter().cloned());
    }
    let ordered: Vec<&Written> = written.iter().collect();
    diags.extend(anchor_errors(site, &ordered));
    if diags.has_errors() {
        diags.sort();
        return Err(Failure::Content(diags));
    }
    timings.lap("checks", lap);
    // Every page is rendered and checked: the explainers' text is not read
    // again (findings keep their own reference to the text they quote).
    site.release_sources();
    let site: &Site = site;
    // The lists and the files beside the pages (assets, images, cards) need
    // nothing of each other: each fills the cores the other leaves idle.
    let (listing, media) = rayon::join(
        || {
            let since = Instant::now();
            lists::write_lists(site, &ordered, sink, &Which::All).map(|l| (l, since.elapsed()))
        },
        || media::write_media(site, &written, &cache, sink),
    );
    let (listing, lists_took) = listing?;
    let media = media?;
    files += listing.files + media.files;
    diags.extend(listing.diagnostics);
    diags.extend(media.problems);
    let images = media.images;
    timings.record("lists", lists_took);
    timings.0.extend(media.timings.0);
    let lap = Instant::now();
    if site.options.search {
        let records = written
            .iter_mut()
            .filter_map(Written::take_record)
            .collect();
        files += search::write_index(records, &site.config.language, sink)?;
        timings.lap("search", lap);
    }
    diags.sort();
    if diags.has_errors() {
        return Err(Failure::Content(diags));
    }
    Ok(Rendering {
        written,
        files,
        diagnostics: diags,
        timings,
        images,
    })
}

/// Renders every explainer's page into `sink`, in parallel; returns what
/// each left behind, in `site.pages` order.
pub fn render_pages(
    site: &Site,
    texts: Option<Vec<Arc<SourceText>>>,
    sink: &dyn Sink,
    progress: Option<&Progress>,
) -> Result<Vec<Written>, IoError> {
    if let Some(p) = progress {
        p.total.store(site.pages.len(), Ordering::Relaxed);
    }
    // Pages render on every core; one writer thread puts them on disk. File
    // systems create entries in one folder far faster from one thread than
    // from several contending for it, and the writes overlap the rendering.
    let (written, write_error) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(256);
        let writer = scope.spawn(move || {
            let mut error = None;
            loop {
                let (i, html) = match rx.try_recv() {
                    Ok(page) => page,
                    // Polled, not waited on: a writer asleep in `recv` is
                    // woken by the sender of every page (a futex call and
                    // a switch of thread each, 5 % of the build's CPU);
                    // asleep for a moment it finds a batch waiting.
                    Err(TryRecvError::Empty) => {
                        std::thread::sleep(WRITER_NAP);
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => break,
                };
                let path = format!("{}/index.html", site.pages[i].slug);
                if let Err(e) = sink.write(&path, &html) {
                    error.get_or_insert(e);
                }
            }
            error
        });
        let mut jobs: Vec<(usize, Option<Arc<SourceText>>)> = match texts {
            Some(texts) => texts.into_iter().map(Some).enumerate().collect(),
            None => (0..site.pages.len()).map(|i| (i, None)).collect(),
        };
        // Texts freed in the order of their addresses (about the order they
        // were read in) give the allocator whole pages back as the pages
        // render; in date order they would free a little of every page and
        // the memory would come back only at the end (at 100,000
        // explainers, half a gigabyte more at the peak).
        jobs.sort_unstable_by_key(|(_, t)| t.as_ref().map_or(0, |t| t.as_str().as_ptr() as usize));
        let mut written: Vec<(usize, Written)> = jobs
            .into_par_iter()
            .map_with(tx, |tx, (i, text)| {
                // A text taken out of the model is freed with its page.
                let text = text.unwrap_or_else(|| site.pages[i].file.text.clone());
                let (written, html) = render_page_in(site, i, &text, site.options.search);
                drop(text);
                if let Some(p) = progress {
                    p.done.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(html) = html {
                    // The writer only stops early if it panicked; joining reports that.
                    let _ = tx.send((i, html));
                }
                (i, written)
            })
            .collect();
        written.sort_unstable_by_key(|(i, _)| *i);
        let written: Vec<Written> = written.into_iter().map(|(_, w)| w).collect();
        let write_error = writer.join().unwrap_or_else(|_| {
            let e = std::io::Error::other("the writer thread failed");
            Some(IoError::new("write", "the pages", e))
        });
        (written, write_error)
    });
    match write_error {
        Some(e) => Err(e),
        None => Ok(written),
    }
}

/// Renders explainer `i`: what it leaves behind, and its page HTML (`None`
/// when its template failed; the error is among its diagnostics).
pub fn render_page(site: &Site, i: usize, collect_text: bool) -> (Written, Option<Vec<u8>>) {
    render_page_in(site, i, &site.pages[i].file.text, collect_text)
}

/// Renders page `i` from its text `text`.
fn render_page_in(
    site: &Site,
    i: usize,
    text: &Arc<SourceText>,
    collect_text: bool,
) -> (Written, Option<Vec<u8>>) {
    let page = &site.pages[i];
    let Rendered { body, mut facts } = site.render_body_in(i, text, collect_text);
    let related = related_of(site, i);
    let series = series_of(site, i);
    let mut shows: Vec<Arc<str>> = related
        .iter()
        .chain(series.iter().flat_map(|(members, _)| members.iter()))
        .map(|&r| site.pages[r].file.rel.clone())
        .collect();
    shows.sort();
    shows.dedup();
    let loc = site.loc(page.lang);
    let input = PageInput {
        meta: &page.front.meta,
        slug: &page.slug,
        body: &body,
        words: facts.words,
        scheduled: page.scheduled && site.options.preview,
        series: series.map(|(_, view)| view),
        related: related
            .iter()
            .map(|&r| {
                let p = &site.pages[r];
                LinkItem::new(&p.front.meta, &p.slug, &loc, false)
            })
            .collect(),
        lang: page.lang,
        alternates: alternates(site, i),
    };
    let (summary, html) = site.templates.page(&site.config, input);
    drop(body);
    let html = match html {
        Ok(html) => Some(html),
        Err(d) => {
            crate::diagnostics::push_unique(&mut facts.diagnostics, d);
            None
        }
    };
    facts.ids.shrink_to_fit();
    let record = collect_text.then(|| {
        let text = std::mem::take(&mut facts.text);
        Arc::new(search::Record::of(
            &summary,
            text,
            &site.config.languages[page.lang].code,
        ))
    });
    let written = Written {
        listed: Listed::of(&summary),
        facts,
        record,
        shows,
    };
    (written, html)
}

/// The series of page `i`: its members (oldest first) and its view, the
/// page marked.
fn series_of(site: &Site, i: usize) -> Option<(&[usize], SeriesView)> {
    let page = &site.pages[i];
    let name = page.front.meta.series.as_ref()?;
    let (name_shown, members) = site
        .index
        .langs
        .get(page.lang)?
        .series
        .get(&slugify(name))?;
    let loc = site.loc(page.lang);
    let items = members
        .iter()
        .map(|&m| {
            let p = &site.pages[m];
            LinkItem::new(&p.front.meta, &p.slug, &loc, m == i)
        })
        .collect();
    Some((members, SeriesView::new(name_shown, items)))
}

/// The related explainers of page `i` (none for a standalone page).
pub fn related_of(site: &Site, i: usize) -> Vec<usize> {
    if !site.pages[i].is_explainer() {
        return Vec::new();
    }
    match site.groups.get(site.pages[i].lang) {
        Some(groups) => index::related(groups, i),
        None => Vec::new(),
    }
}

/// Page `i` in every language of the site: its translation, or that
/// language's home (nothing for a site of one language).
fn alternates(site: &Site, i: usize) -> Vec<Alternate> {
    let langs = &site.config.languages;
    if langs.len() < 2 {
        return Vec::new();
    }
    let page = &site.pages[i];
    let base = &site.config.base_url;
    let translations = site.index.translations_of(page);
    langs
        .iter()
        .enumerate()
        .map(|(l, lang)| {
            let found = if l == page.lang {
                Some(i)
            } else {
                translations
                    .iter()
                    .copied()
                    .find(|&t| site.pages[t].lang == l)
            };
            let path = found.map_or_else(
                || lang.prefix.clone(),
                |t| format!("{}/", site.pages[t].slug),
            );
            Alternate {
                code: lang.code.clone(),
                name: lang.name.clone(),
                url: base.root_relative(&path),
                permalink: base.absolute(&path),
                exists: found.is_some(),
                current: l == page.lang,
            }
        })
        .collect()
}

/// Links to `other.md#anchor`: the anchor must exist on that page.
/// `written` is in `site.pages` order.
pub fn anchor_errors(site: &Site, written: &[&Written]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if written.iter().all(|w| w.facts.anchor_checks.is_empty()) {
        return errors;
    }
    let by_slug: std::collections::HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    for w in written {
        for check in &w.facts.anchor_checks {
            if let Some(&i) = by_slug.get(check.slug.as_str())
                && !written[i].facts.has_id(&check.anchor)
            {
                let mut error = check.error.clone();
                let mut ids: Vec<&str> = written[i].facts.ids.iter().map(String::as_str).collect();
                ids.sort_unstable();
                if let Some(help) =
                    crate::suggest::did_you_mean(&check.anchor, &ids, |b| format!("#{b}"))
                {
                    error.set_help(help);
                }
                errors.push(error);
            }
        }
    }
    errors
}
