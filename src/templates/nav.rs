//! What templates see of the site's structure: bylines that link to
//! author pages, a series, related explainers, pagination, the menu.

use serde::Serialize;

pub use super::context::AuthorView;
use super::context::{DateView, Loc};
use crate::config::{MenuTarget, SiteConfig};
use crate::front_matter::Meta;
use crate::urls::BaseUrl;

/// Another explainer, as a link: in a series, among related ones.
#[derive(Clone, Debug, Serialize)]
pub struct LinkItem {
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub dek: Option<String>,
    /// Root-relative URL.
    pub url: String,
    /// Published.
    pub date: Option<DateView>,
    /// Is it the page being rendered?
    pub current: bool,
    /// A developing story, still live.
    pub live: bool,
}

impl LinkItem {
    /// The link to an explainer.
    pub fn new(meta: &Meta, slug: &str, loc: &Loc<'_>, current: bool) -> Self {
        Self {
            title: meta.title.clone(),
            dek: meta.dek.clone(),
            url: loc.base.root_relative(&format!("{slug}/")),
            date: meta.date.as_ref().map(|d| loc.date(d)),
            live: meta.is_live(),
            current,
        }
    }
}

/// The series an explainer belongs to.
#[derive(Clone, Debug, Serialize)]
pub struct SeriesView {
    /// Its name.
    pub name: String,
    /// Its explainers, oldest first, the current one marked.
    pub items: Vec<LinkItem>,
    /// 1-based position of the current one.
    pub position: usize,
    /// How many explainers.
    pub total: usize,
    /// The one before, if any.
    pub previous: Option<LinkItem>,
    /// The one after, if any.
    pub next: Option<LinkItem>,
}

impl SeriesView {
    /// A series of `items` (oldest first) with the current one marked.
    pub fn new(name: &str, items: Vec<LinkItem>) -> Self {
        let at = items.iter().position(|i| i.current).unwrap_or(0);
        Self {
            name: name.to_string(),
            position: at + 1,
            total: items.len(),
            previous: at.checked_sub(1).and_then(|p| items.get(p)).cloned(),
            next: items.get(at + 1).cloned(),
            items,
        }
    }
}

/// One page of a paginated list.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// The pages to link to: the first, the last, and those around the
    /// current one (marked); a gap between two is shown as an ellipsis
    /// (`gap_before`). Never every page: a list of 500 pages would put
    /// 500 links on each of them.
    pub pages: Vec<PageLink>,
    /// The page before (newer explainers).
    pub previous: Option<String>,
    /// The page after (older explainers).
    pub next: Option<String>,
}

/// A link to one page of a list.
#[derive(Clone, Debug, Serialize)]
pub struct PageLink {
    /// Its number, from 1.
    pub number: usize,
    /// Root-relative URL.
    pub url: String,
    /// Is it the page being rendered?
    pub current: bool,
    /// Are pages left out between this one and the one before?
    pub gap_before: bool,
}

/// How many pages on each side of the current one are linked.
const AROUND: usize = 2;

impl Pagination {
    /// Page `current` of `total`, for the list at `dir` (`""`, `tags/x/`).
    pub fn new(dir: &str, current: usize, total: usize, base: &BaseUrl) -> Self {
        let url = |n: usize| {
            if n <= 1 {
                base.root_relative(dir)
            } else {
                base.root_relative(&format!("{dir}page/{n}/"))
            }
        };
        let mut shown: Vec<usize> = vec![1];
        let from = current.saturating_sub(AROUND).max(2);
        let to = (current + AROUND).min(total.saturating_sub(1));
        shown.extend(from..=to);
        if total > 1 {
            shown.push(total);
        }
        shown.dedup();
        let mut pages = Vec::with_capacity(shown.len());
        let mut last = 0;
        for number in shown {
            pages.push(PageLink {
                number,
                url: url(number),
                current: number == current,
                gap_before: number > last + 1,
            });
            last = number;
        }
        Self {
            current,
            total,
            pages,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
        }
    }
}

/// A menu entry, resolved.
#[derive(Clone, Debug, Serialize)]
pub struct MenuView {
    /// The words shown.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// The menu of `site.yaml` in language `lang`, with URLs under the base
/// path: a page by its path in that language (`page` gives it: its
/// translation, or itself), a root-relative URL of one of lede's own
/// sections (`/tags/`, `/archive/`…) in that language's folder.
pub fn menu(
    config: &SiteConfig,
    lang: usize,
    page: &dyn Fn(&str, usize) -> String,
) -> Vec<MenuView> {
    let base = &config.base_url;
    let language = config.languages.get(lang);
    let prefix = language.map_or("", |l| l.prefix.as_str());
    let entries = language
        .and_then(|l| l.menu.as_ref())
        .unwrap_or(&config.menu);
    entries
        .iter()
        .map(|m| MenuView {
            label: m.label.clone(),
            url: match &m.target {
                MenuTarget::Page(slug) => base.root_relative(&format!("{}/", page(slug, lang))),
                MenuTarget::Url(url) => {
                    let inside = url.strip_prefix('/').unwrap_or(url);
                    let first = inside.split('/').next().unwrap_or("");
                    let own = url.starts_with('/')
                        && !url.starts_with("//")
                        && (inside.is_empty() || crate::urls::RESERVED_DIRS.contains(&first));
                    if own && !prefix.is_empty() {
                        base.root_relative(&format!("{prefix}{inside}"))
                    } else {
                        super::context::resolve_url(url, base)
                    }
                }
            },
        })
        .collect()
}
