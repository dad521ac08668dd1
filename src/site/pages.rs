//! The list pages: home (every explainer, newest first), tags, 404, search,
//! the Atom feed, the sitemap and robots.txt.

use std::collections::BTreeSet;
use std::io;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::{Sink, Site, Written};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::templates::context::{Summary, TagPage, TagView};

/// How many entries the Atom feed carries (newest first).
pub const FEED_ENTRIES: usize = 50;

/// What list templates see as `current`: the page being rendered.
#[derive(Serialize)]
struct Current {
    url: String,
    permalink: String,
}

impl Current {
    fn new(site: &Site, path: &str) -> Self {
        let base = &site.config.base_url;
        Self {
            url: base.root_relative(path),
            permalink: base.absolute(path),
        }
    }
}

/// Which list pages to write.
pub enum Lists<'a> {
    /// All of them.
    All,
    /// Those that list explainers (home, tags index, feed, sitemap), and
    /// these tags' pages (by slug; a tag without explainers is skipped).
    Listing(&'a BTreeSet<String>),
}

impl Lists<'_> {
    fn tag(&self, slug: &str) -> bool {
        match self {
            Lists::All => true,
            Lists::Listing(tags) => tags.contains(slug),
        }
    }
    fn fixed(&self) -> bool {
        matches!(self, Lists::All)
    }
}

/// One list page to render.
type Job = (String, &'static str, Context);

/// Writes the list pages `which` asks for; returns how many files.
/// `written` is in `site.pages` order. The lists hold each explainer's
/// summary as serialized once, when its page was rendered, so a list of
/// ten thousand explainers costs no serialization; the pages render in
/// parallel.
pub fn write_lists(
    site: &Site,
    written: &[&Written],
    out: &dyn Sink,
    diags: &mut Diagnostics,
    which: &Lists<'_>,
) -> io::Result<usize> {
    let base = &site.config.base_url;
    let tags: Vec<TagPage> = site
        .tags
        .values()
        .map(|(name, pages)| TagPage {
            tag: TagView::new(name, base),
            count: pages.len(),
        })
        .collect();
    let tags_value = Value::from_serializable(&tags);
    let all = Value::from(written.iter().map(|w| w.value.clone()).collect::<Vec<_>>());
    let mut jobs: Vec<Job> = Vec::new();
    let mut ctx = Context::new();
    ctx.insert_value("explainers", all.clone());
    ctx.insert_value("tags", tags_value.clone());
    ctx.insert("current", &Current::new(site, ""));
    jobs.push(("index.html".into(), "index.html", ctx));

    let mut ctx = Context::new();
    ctx.insert_value("tags", tags_value.clone());
    ctx.insert("current", &Current::new(site, "tags/"));
    jobs.push(("tags/index.html".into(), "tags.html", ctx));

    for (tag, (_, pages)) in tags.iter().zip(site.tags.values()) {
        if which.tag(&tag.tag.slug) {
            jobs.push(tag_job(site, tag, pages, written));
        }
    }
    if which.fixed() {
        jobs.extend(fixed_jobs(site));
    }
    jobs.push(feed_job(site, written));

    let mut ctx = Context::new();
    ctx.insert_value("explainers", all);
    ctx.insert_value("tags", tags_value);
    jobs.push(("sitemap.xml".into(), "sitemap.xml", ctx));

    render_jobs(site, &jobs, out, diags)
}

/// Renders list pages in parallel; returns how many were written.
fn render_jobs(
    site: &Site,
    jobs: &[Job],
    out: &dyn Sink,
    diags: &mut Diagnostics,
) -> io::Result<usize> {
    let results: Vec<io::Result<Option<Diagnostic>>> = jobs
        .par_iter()
        .map(
            |(path, template, ctx)| match site.templates.render(template, ctx) {
                Ok(text) => out.write(path, text.as_bytes()).map(|()| None),
                Err(d) => Ok(Some(d)),
            },
        )
        .collect();
    let mut count = 0;
    for result in results {
        match result? {
            None => count += 1,
            Some(d) => diags.push(d),
        }
    }
    Ok(count)
}

/// A tag's page: its explainers, newest first.
fn tag_job(site: &Site, tag: &TagPage, pages: &[usize], written: &[&Written]) -> Job {
    let list: Vec<Value> = pages
        .iter()
        .filter_map(|&i| written.get(i).map(|w| w.value.clone()))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("tag", tag);
    ctx.insert_value("explainers", Value::from(list));
    let path = format!("tags/{}/", tag.tag.slug);
    ctx.insert("current", &Current::new(site, &path));
    (format!("{path}index.html"), "tag.html", ctx)
}

/// Pages that list nothing: 404, search, robots.txt.
fn fixed_jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut ctx = Context::new();
    ctx.insert("current", &Current::new(site, "404.html"));
    jobs.push(("404.html".into(), "404.html", ctx));
    let mut ctx = Context::new();
    ctx.insert("current", &Current::new(site, "search/"));
    ctx.insert("search_enabled", &site.options.search);
    jobs.push(("search/index.html".into(), "search.html", ctx));
    jobs.push(("robots.txt".into(), "robots.txt", Context::new()));
    jobs
}

/// A feed entry: the explainer's summary and the HTML of its feed summary.
#[derive(Serialize)]
struct FeedEntry<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    /// The dek and the key points, as HTML (the template escapes it once
    /// more for XML, as `<summary type="html">` wants).
    summary_html: String,
}

fn feed_summary(s: &Summary, site: &Site) -> String {
    let mut html = String::new();
    if let Some(dek) = &s.dek {
        html.push_str(&format!("<p>{}</p>", crate::markdown::escape(dek)));
    }
    if !s.key_points.is_empty() {
        html.push_str("<ul>");
        for point in &s.key_points {
            let item = crate::markdown::inline::render(point, &site.config.base_url);
            html.push_str(&format!("<li>{item}</li>"));
        }
        html.push_str("</ul>");
    }
    html
}

/// The Atom feed: the newest explainers, and when any last changed.
fn feed_job(site: &Site, written: &[&Written]) -> Job {
    let base = &site.config.base_url;
    let summaries: Vec<Summary> = site
        .pages
        .iter()
        .zip(written)
        .take(FEED_ENTRIES)
        .map(|(page, w)| Summary::new(&page.front.meta, &page.slug, w.rendered.words, base))
        .collect();
    let newest: Vec<FeedEntry<'_>> = summaries
        .iter()
        .map(|summary| FeedEntry {
            summary,
            summary_html: feed_summary(summary, site),
        })
        .collect();
    // The latest change of any explainer (in time, whatever its offset).
    let updated = site
        .pages
        .iter()
        .map(|p| p.front.meta.last_modified())
        .max_by_key(|d| d.unix_seconds())
        .map(|d| d.rfc3339());
    let mut ctx = Context::new();
    ctx.insert("explainers", &newest);
    ctx.insert("updated", &updated);
    ctx.insert("current", &Current::new(site, "atom.xml"));
    ("atom.xml".into(), "atom.xml", ctx)
}
