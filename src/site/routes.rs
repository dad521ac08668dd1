//! The route table: every path a build writes, with where it comes from —
//! a page, a file of its bundle, an alias, a static file, or a list lede
//! makes — registered before anything is written. Two sources of one path
//! (or of paths that differ only in letter case, or a file where another
//! needs a folder) are then one check in one place, naming both.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::index::{self, PageIndex, Unpublished};
use super::page::{Page, StaticSource};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::yaml::{Seg, Target};

/// Files the build generates whatever the content.
pub const GENERATED: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "search/index.html",
    "tags/index.html",
    "authors/index.html",
    "archive/index.html",
    "syntax.css",
    ".nojekyll",
    "CNAME",
];

/// Files the build generates for each language other than the default,
/// under its folder.
pub const LANGUAGE_GENERATED: &[&str] = &[
    "index.html",
    "atom.xml",
    "search/index.html",
    "tags/index.html",
    "authors/index.html",
    "archive/index.html",
];

/// Static files that may replace what lede would generate.
const OVERRIDABLE: [&str; 3] = ["CNAME", ".nojekyll", "syntax.css"];

/// Where an output path comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A list or file lede makes (what, for messages).
    Generated(&'static str),
    /// Page `i`.
    Page(usize),
    /// Alias `a` of page `i`.
    Alias(usize, usize),
    /// File `f` of page `i`'s bundle.
    BundleFile(usize, usize),
    /// A file of `static/` (its site path).
    Static(String),
}

/// One path of the output.
#[derive(Clone, Debug)]
pub struct Route {
    /// The site path (`a/b/index.html`).
    pub path: String,
    /// Where it comes from.
    pub origin: Origin,
}

/// The page index of `pages` with the files links may point at: every
/// route's path. Returns the routes too (to check them for collisions).
pub fn index(
    pages: &[Page],
    unpublished: &BTreeMap<Arc<str>, Unpublished>,
    statics: &BTreeMap<String, StaticSource>,
    config: &SiteConfig,
) -> (PageIndex, Vec<Route>) {
    let mut index = index::build(pages, unpublished, config.languages.len());
    let routes = paths(pages, &index, statics, config);
    index.links.files = routes.iter().map(|r| r.path.clone()).collect();
    (index, routes)
}

/// How many list pages `n` explainers fill, `per` a page (at least one).
pub fn page_count(n: usize, per: usize) -> usize {
    n.div_ceil(per.max(1)).max(1)
}

/// The site path of list page `n` (from 1) under `dir` (`` or `tags/x/`).
pub fn list_page(dir: &str, n: usize) -> String {
    if n <= 1 {
        format!("{dir}index.html")
    } else {
        format!("{dir}page/{n}/index.html")
    }
}

/// The site path an alias writes (`old/` → `old/index.html`).
pub fn alias_path(alias: &str) -> String {
    if alias.is_empty() || alias.ends_with('/') {
        format!("{alias}index.html")
    } else {
        alias.to_string()
    }
}

/// Every path the build writes, generated lists first, then pages,
/// aliases, bundle files and static files (the order messages follow:
/// the later of two is the one reported).
pub fn paths(
    pages: &[Page],
    index: &PageIndex,
    statics: &BTreeMap<String, StaticSource>,
    config: &SiteConfig,
) -> Vec<Route> {
    let paginate = config.paginate;
    let mut out = Vec::with_capacity(pages.len() * 2 + 64);
    let generated = |path: String, what: &'static str| Route {
        path,
        origin: Origin::Generated(what),
    };
    out.extend(
        GENERATED
            .iter()
            .map(|g| generated((*g).to_string(), "lede")),
    );
    for (lang, groups) in config.languages.iter().zip(&index.langs) {
        let prefix = &lang.prefix;
        if !prefix.is_empty() {
            // Another language's own home, lists and search page.
            out.extend(
                LANGUAGE_GENERATED
                    .iter()
                    .map(|g| generated(format!("{prefix}{g}"), "a language's home")),
            );
        }
        for n in 2..=page_count(groups.explainers.len(), paginate) {
            out.push(generated(list_page(prefix, n), "the home page"));
        }
        for (groups, dir, what) in [
            (&groups.tags, "tags", "a topic's page"),
            (&groups.authors, "authors", "an author's page"),
        ] {
            for (slug, (_, list)) in groups {
                let base = format!("{prefix}{dir}/{slug}/");
                for n in 1..=page_count(list.len(), paginate) {
                    out.push(generated(list_page(&base, n), what));
                }
                if dir == "tags" {
                    out.push(generated(format!("{base}atom.xml"), "a topic's feed"));
                }
            }
        }
        for year in groups.years.keys() {
            out.push(generated(
                format!("{prefix}archive/{year}/index.html"),
                "the archive",
            ));
        }
    }
    for (i, page) in pages.iter().enumerate() {
        out.push(Route {
            path: format!("{}/index.html", page.slug),
            origin: Origin::Page(i),
        });
        if config.cards && page.is_explainer() {
            out.push(generated(
                format!("{}/card.png", page.slug),
                "a social card",
            ));
        }
    }
    for (i, page) in pages.iter().enumerate() {
        for (a, alias) in page.front.meta.aliases.iter().enumerate() {
            out.push(Route {
                path: alias_path(alias),
                origin: Origin::Alias(i, a),
            });
        }
    }
    for (i, page) in pages.iter().enumerate() {
        for (f, file) in page.bundle.iter().flat_map(|b| b.files.iter()).enumerate() {
            out.push(Route {
                path: format!("{}/{}", page.slug, file.name),
                origin: Origin::BundleFile(i, f),
            });
        }
    }
    out.extend(statics.keys().map(|path| Route {
        path: path.clone(),
        origin: Origin::Static(path.clone()),
    }));
    out
}

/// What writes a route, for messages.
fn source_of(origin: &Origin, pages: &[Page]) -> String {
    match origin {
        Origin::Generated(what) => format!("a page lede generates ({what})"),
        Origin::Page(i) => format!("a page lede generates ({})", pages[*i].file.rel),
        Origin::Alias(i, _) => format!("an alias of {}", pages[*i].file.rel),
        Origin::BundleFile(i, f) => format!("the bundle file {}", bundle_file(pages, *i, *f)),
        Origin::Static(path) => format!("static/{path}"),
    }
}

fn bundle_file(pages: &[Page], i: usize, f: usize) -> String {
    pages[i]
        .bundle
        .as_ref()
        .and_then(|b| b.files.get(f))
        .map_or_else(String::new, |f| f.rel.to_string())
}

/// Two routes to one path (in any letter case), and routes that need as a
/// folder a path another writes as a file. Pages with the same slug are
/// left to the slug check (it names both files). Each problem is reported
/// at the later route: at the alias in its front matter, at the static or
/// bundle file.
pub fn collisions(routes: &[Route], pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut files: HashMap<String, &Route> = HashMap::with_capacity(routes.len());
    let mut dirs: HashMap<String, &Route> = HashMap::new();
    for route in routes {
        let lower = route.path.to_lowercase();
        if let Some(first) = files.get(&lower) {
            if let Some(d) = clash(first, route, pages, Clash::Same) {
                out.push(d);
            }
            continue;
        }
        // A file where a folder is needed, or the other way round.
        let mut parent = lower.as_str();
        let mut found = None;
        while let Some((p, _)) = parent.rsplit_once('/') {
            if let Some(first) = files.get(p) {
                found = Some(*first);
                break;
            }
            parent = p;
        }
        let clashed = match (found, dirs.get(&lower)) {
            (Some(first), _) => clash(first, route, pages, Clash::InsideFile),
            (None, Some(first)) => clash(first, route, pages, Clash::IsFolder),
            (None, None) => None,
        };
        if let Some(d) = clashed {
            out.push(d);
            continue;
        }
        files.insert(lower.clone(), route);
        let mut dir = lower.as_str();
        while let Some((p, _)) = dir.rsplit_once('/') {
            dirs.entry(p.to_string()).or_insert(route);
            dir = p;
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Clash {
    Same,
    InsideFile,
    IsFolder,
}

fn clash(first: &Route, later: &Route, pages: &[Page], how: Clash) -> Option<Diagnostic> {
    use Origin::*;
    match (&first.origin, &later.origin) {
        // Two pages with one slug: the slug check reports it.
        (Page(_), Page(_)) => return None,
        // A reserved slug: the slug check reports it.
        (Generated(_), Page(i)) if super::page::RESERVED.contains(&pages[*i].slug.as_str()) => {
            return None;
        }
        (Generated(_), Static(path)) if OVERRIDABLE.contains(&path.as_str()) => return None,
        _ => {}
    }
    let theirs = source_of(&first.origin, pages);
    let what = match how {
        Clash::Same if first.path == later.path => {
            format!("has the same output path as {theirs}")
        }
        Clash::Same => format!(
            "differs only in letter case from `{}`, written by {theirs} (one would overwrite the other on a case-insensitive disk)",
            first.path
        ),
        Clash::InsideFile => format!(
            "is inside `{}/`, but {theirs} writes a file there",
            first.path
        ),
        Clash::IsFolder => format!(
            "has the output path of the folder `{}/`, where {theirs} writes",
            later.path
        ),
    };
    let d = match &later.origin {
        Alias(i, a) => {
            let page = &pages[*i];
            let path = [Seg::key("aliases"), Seg::Index(*a)];
            if first.origin == Page(*i) {
                return Some(
                    page.front_doc()
                        .warning_at(&path, Target::Value, format!("the alias `/{}` is this page's own URL", page.front.meta.aliases[*a]))
                        .help("remove it: the page is already there"),
                );
            }
            page.front_doc()
                .error_at(&path, Target::Value, format!("the alias `/{}` {what}", page.front.meta.aliases[*a]))
                .label("written twice")
                .help("two things cannot be published at one address: change or remove the alias")
        }
        Static(path) => Diagnostic::error(format!("static/{path} {what}"))
            .in_file(&Arc::from(format!("static/{path}")))
            .help("rename or move the static file; to replace a theme page, override its template instead"),
        BundleFile(i, f) => {
            let file = bundle_file(pages, *i, *f);
            Diagnostic::error(format!("{file} (published as `{}`) {what}", later.path))
                .in_file(&Arc::from(file))
                .help(format!("rename the file in the bundle, or change the slug of {}", pages[*i].file.rel))
        }
        Page(i) => {
            let page = &pages[*i];
            let at = if page.front.meta.slug.is_some() {
                page.front_doc().span_of(&[Seg::key("slug")], Target::Value)
            } else {
                0..3
            };
            Diagnostic::error(format!("this page (at `{}`) {what}", later.path))
                .at(&page.file.rel, &page.file.text, at)
                .help("set another `slug:` in the front matter")
        }
        Generated(_) => return None,
    };
    Some(d)
}
