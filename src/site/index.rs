//! The page index: what links may point at (explainers by file, every
//! output path) and the tags, made from the pages in one pass. A full load
//! and each of `serve`'s edits build it with the same function, [`build`],
//! so the two can never disagree.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::page::{Page, StaticSource};
use crate::diagnostics::Diagnostic;
use crate::markdown::LinkTargets;
use crate::markdown::links::PageLink;
use crate::slug::slugify;

/// Tags: slug → (name as the newest explainer writes it, indices into the
/// pages, newest first).
pub type Tags = BTreeMap<String, (String, Vec<usize>)>;

/// What the pages and files of the site make reachable.
#[derive(Clone, Debug, Default)]
pub struct PageIndex {
    /// What links may point at.
    pub links: LinkTargets,
    /// Tags and their explainers.
    pub tags: Tags,
}

/// Files the build generates besides explainer pages.
pub const GENERATED: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "search/index.html",
    "tags/index.html",
    "syntax.css",
    ".nojekyll",
    "CNAME",
];

/// Indexes published `pages` (newest first), the `drafts` left out of this
/// build (file → slug: links to them are errors) and the static files.
pub(super) fn build(
    pages: &[Page],
    drafts: &BTreeMap<Arc<str>, String>,
    statics: &BTreeMap<String, StaticSource>,
) -> PageIndex {
    let mut links = LinkTargets::default();
    let mut tags = Tags::new();
    for (i, page) in pages.iter().enumerate() {
        links.pages.insert(
            page.file.rel.to_string(),
            PageLink {
                slug: page.slug.clone(),
                published: true,
            },
        );
        links.files.insert(format!("{}/index.html", page.slug));
        for tag in &page.front.meta.tags {
            let entry = tags
                .entry(slugify(tag))
                .or_insert_with(|| (tag.clone(), Vec::new()));
            entry.1.push(i);
        }
    }
    for (rel, slug) in drafts {
        links.pages.insert(
            rel.to_string(),
            PageLink {
                slug: slug.clone(),
                published: false,
            },
        );
    }
    for slug in tags.keys() {
        links.files.insert(format!("tags/{slug}/index.html"));
    }
    links
        .files
        .extend(GENERATED.iter().map(|g| (*g).to_string()));
    links.files.extend(statics.keys().cloned());
    PageIndex { links, tags }
}

/// A file of `static/` whose output path is also one lede generates, or a
/// folder lede generates pages in (`static/only` beside `only/index.html`),
/// or that lies in a folder that is a generated file, or that differs from
/// one of those only by letter case (one would overwrite the other on a
/// case-insensitive disk): each is an error naming the static file.
pub(super) fn static_collisions(
    pages: &[Page],
    index: &PageIndex,
    statics: &BTreeMap<String, StaticSource>,
) -> Vec<Diagnostic> {
    const OVERRIDABLE: [&str; 3] = ["CNAME", ".nojekyll", "syntax.css"];
    let mut generated: HashMap<String, Arc<str>> = HashMap::new();
    for page in pages {
        generated.insert(format!("{}/index.html", page.slug), page.file.rel.clone());
    }
    for slug in index.tags.keys() {
        generated.insert(format!("tags/{slug}/index.html"), Arc::from("a tag"));
    }
    for g in GENERATED {
        generated.insert((*g).to_string(), Arc::from("lede"));
    }
    let mut files: HashMap<String, (&str, &str)> = HashMap::new();
    let mut dirs: HashMap<String, (&str, &str)> = HashMap::new();
    for (path, by) in &generated {
        files.insert(path.to_lowercase(), (path.as_str(), by));
        let mut dir = path.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            dirs.entry(parent.to_lowercase()).or_insert((parent, by));
            dir = parent;
        }
    }
    let mut out = Vec::new();
    for (path, source) in statics {
        if !matches!(source, StaticSource::Disk(_)) || OVERRIDABLE.contains(&path.as_str()) {
            continue;
        }
        let lower = path.to_lowercase();
        let clash = if let Some(&(theirs, by)) = files.get(&lower) {
            Some(if theirs == path {
                format!("has the same output path as a page lede generates ({by})")
            } else {
                format!("differs only in letter case from `{theirs}`, which lede generates ({by})")
            })
        } else if let Some(&(theirs, by)) = dirs.get(&lower) {
            Some(format!(
                "has the output path of the folder `{theirs}/`, where lede generates pages ({by})"
            ))
        } else {
            let mut prefix = lower.as_str();
            let mut found = None;
            while let Some((parent, _)) = prefix.rsplit_once('/') {
                if let Some(&(theirs, by)) = files.get(parent) {
                    found = Some(format!(
                        "is inside `{theirs}/`, but lede generates a file there ({by})"
                    ));
                    break;
                }
                prefix = parent;
            }
            found
        };
        if let Some(what) = clash {
            out.push(
                Diagnostic::error(format!("static/{path} {what}"))
                    .in_file(&Arc::from(format!("static/{path}")))
                    .help("rename or move the static file; to replace a theme page, override its template instead"),
            );
        }
    }
    out
}
