//! Which list pages to write, from the model: home (every explainer, newest
//! first), tags, 404, search, the Atom feed, the sitemap and robots.txt.
//! Their markup is the template stage's ([`crate::templates::lists`]).

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::model::Site;
use super::page::Written;
use super::sink::{IoError, Sink};
use crate::diagnostics::Diagnostic;
use crate::templates::context::{Summary, TagPage, TagView};
use crate::templates::lists::{self, ListPage, Listed, Lists};

/// How many entries the Atom feed carries (newest first).
pub const FEED_ENTRIES: usize = 50;

/// Which list pages to write.
pub enum Which<'a> {
    /// All of them.
    All,
    /// Those that list explainers (home, tags index, feed, sitemap), and
    /// these tags' pages (by slug; a tag without explainers is skipped).
    Listing(&'a BTreeSet<String>),
}

impl Which<'_> {
    fn tag(&self, slug: &str) -> bool {
        match self {
            Which::All => true,
            Which::Listing(tags) => tags.contains(slug),
        }
    }
    fn fixed(&self) -> bool {
        matches!(self, Which::All)
    }
}

/// What writing the lists produced.
#[derive(Debug, Default)]
pub struct Listing {
    /// Files written.
    pub files: usize,
    /// Template errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes the list pages `which` asks for. `written` is in `site.pages`
/// order; the pages render in parallel.
pub fn write_lists(
    site: &Site,
    written: &[&Written],
    out: &dyn Sink,
    which: &Which<'_>,
) -> Result<Listing, IoError> {
    let base = &site.config.base_url;
    let tags: Vec<TagPage> = site
        .index
        .tags
        .values()
        .map(|(name, pages)| TagPage {
            tag: TagView::new(name, base),
            count: pages.len(),
        })
        .collect();
    let listed: Vec<&Listed> = written.iter().map(|w| &w.listed).collect();
    let all = Lists::new(&site.config, &listed, &tags);
    let mut jobs = vec![all.home(), all.tags_index()];
    for (tag, (_, pages)) in tags.iter().zip(site.index.tags.values()) {
        if which.tag(&tag.tag.slug) {
            let listed: Vec<&Listed> = pages
                .iter()
                .filter_map(|&i| written.get(i).map(|w| &w.listed))
                .collect();
            jobs.push(all.tag(tag, &listed));
        }
    }
    if which.fixed() {
        jobs.extend(lists::fixed(&site.config, site.options.search));
    }
    jobs.push(feed(site, written));
    jobs.push(all.sitemap());
    render_jobs(site, &jobs, out)
}

/// Renders list pages in parallel.
fn render_jobs(site: &Site, jobs: &[ListPage], out: &dyn Sink) -> Result<Listing, IoError> {
    let results: Vec<Result<Option<Diagnostic>, IoError>> = jobs
        .par_iter()
        .map(|job| match site.templates.render_list(job) {
            Ok(text) => out.write(&job.path, text.as_bytes()).map(|()| None),
            Err(d) => Ok(Some(d)),
        })
        .collect();
    let mut listing = Listing::default();
    for result in results {
        match result? {
            None => listing.files += 1,
            Some(d) => listing.diagnostics.push(d),
        }
    }
    Ok(listing)
}

/// The Atom feed: the newest explainers, and when any last changed.
fn feed(site: &Site, written: &[&Written]) -> ListPage {
    let base = &site.config.base_url;
    let newest: Vec<Summary> = site
        .pages
        .iter()
        .zip(written)
        .take(FEED_ENTRIES)
        .map(|(page, w)| Summary::new(&page.front.meta, &page.slug, w.facts.words, base))
        .collect();
    // The latest change of any explainer (in time, whatever its offset).
    let updated = site
        .pages
        .iter()
        .map(|p| p.front.meta.last_modified())
        .max_by_key(|d| d.unix_seconds())
        .map(|d| d.rfc3339());
    lists::feed(&site.config, &newest, updated)
}
