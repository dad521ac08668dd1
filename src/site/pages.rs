//! The list pages: home (every explainer, newest first), tags, 404, search,
//! the Atom feed, the sitemap and robots.txt.

use std::collections::BTreeSet;
use std::io;

use serde::Serialize;
use tera::Context;

use super::{Sink, Site};
use crate::diagnostics::Diagnostics;
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

/// Writes the list pages `which` asks for; returns how many files.
pub fn write_lists(
    site: &Site,
    summaries: &[&Summary],
    out: &dyn Sink,
    diags: &mut Diagnostics,
    which: &Lists<'_>,
) -> io::Result<usize> {
    let base = &site.config.base_url;
    let tags: Vec<TagPage> = site
        .tags
        .iter()
        .map(|(_, (name, pages))| TagPage {
            tag: TagView::new(name, base),
            count: pages.len(),
        })
        .collect();
    let mut jobs: Vec<(String, &str, Context)> = Vec::new();
    let mut ctx = Context::new();
    ctx.insert("explainers", summaries);
    ctx.insert("tags", &tags);
    ctx.insert("current", &Current::new(site, ""));
    jobs.push(("index.html".into(), "index.html", ctx));

    let mut ctx = Context::new();
    ctx.insert("tags", &tags);
    ctx.insert("current", &Current::new(site, "tags/"));
    jobs.push(("tags/index.html".into(), "tags.html", ctx));

    for (tag, (_, pages)) in tags.iter().zip(site.tags.values()) {
        if !which.tag(&tag.tag.slug) {
            continue;
        }
        let list: Vec<&Summary> = pages
            .iter()
            .filter_map(|&i| summaries.get(i).copied())
            .collect();
        let mut ctx = Context::new();
        ctx.insert("tag", tag);
        ctx.insert("explainers", &list);
        let path = format!("tags/{}/", tag.tag.slug);
        ctx.insert("current", &Current::new(site, &path));
        jobs.push((format!("{path}index.html"), "tag.html", ctx));
    }

    if which.fixed() {
        let mut ctx = Context::new();
        ctx.insert("current", &Current::new(site, "404.html"));
        jobs.push(("404.html".into(), "404.html", ctx));

        let mut ctx = Context::new();
        ctx.insert("current", &Current::new(site, "search/"));
        jobs.push(("search/index.html".into(), "search.html", ctx));
        jobs.push(("robots.txt".into(), "robots.txt", Context::new()));
    }

    let newest: Vec<&Summary> = summaries.iter().take(FEED_ENTRIES).copied().collect();
    let updated = summaries
        .iter()
        .map(|s| s.last_modified.rfc3339.clone())
        .max();
    let mut ctx = Context::new();
    ctx.insert("explainers", &newest);
    ctx.insert("updated", &updated);
    ctx.insert("current", &Current::new(site, "atom.xml"));
    jobs.push(("atom.xml".into(), "atom.xml", ctx));

    let mut ctx = Context::new();
    ctx.insert("explainers", summaries);
    ctx.insert("tags", &tags);
    jobs.push(("sitemap.xml".into(), "sitemap.xml", ctx));

    let mut count = 0;
    for (path, template, ctx) in jobs {
        match site.templates.render(template, &ctx) {
            Ok(text) => {
                out.write(&path, text.as_bytes())?;
                count += 1;
            }
            Err(d) => diags.push(d),
        }
    }
    Ok(count)
}
