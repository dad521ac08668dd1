//! What templates see: typed views with everything precomputed (dates in
//! every format a theme needs, URLs with the base path), so themes need no
//! custom filters. Field names here are the theme API; `docs/themes.md`
//! lists them.

use serde::Serialize;

use crate::config::{Language, SiteConfig};
use crate::front_matter::{Date, Dated, Meta};
use crate::markdown::inline;
use crate::slug::slugify;
use crate::urls::{BaseUrl, UrlKind, classify};

/// Where a view is made for: the site's base URL and the language of the
/// page (its words, its dates, its folder).
#[derive(Clone, Copy, Debug)]
pub struct Loc<'a> {
    /// The site's base URL.
    pub base: &'a BaseUrl,
    /// The page's language.
    pub lang: &'a Language,
}

impl Loc<'_> {
    /// The root-relative URL of a path of this language's part of the site
    /// (`tags/` → `/repo/fr/tags/`).
    pub fn url(&self, path: &str) -> String {
        self.base
            .root_relative(&format!("{}{path}", self.lang.prefix))
    }

    /// The absolute URL of a path of this language's part of the site.
    pub fn permalink(&self, path: &str) -> String {
        self.base.absolute(&format!("{}{path}", self.lang.prefix))
    }

    /// A date's view, in this language.
    pub fn date(&self, d: &Date) -> DateView {
        DateView::new(d, self.lang)
    }
}

/// A date in every format a theme needs.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    /// `2026-02-04`.
    pub iso: String,
    /// `2026-02-05T14:00:00+13:00` (midnight UTC for a plain day).
    pub rfc3339: String,
    /// `4 February 2026`.
    pub human: String,
    /// `5 February 2026, 14:00 GMT+13`, or `human` without a time.
    pub human_time: String,
    /// Was a time of day given?
    pub has_time: bool,
    /// The value for `<time datetime>`: `iso`, or `rfc3339` with a time.
    pub datetime: String,
}

impl DateView {
    /// A date's view, its words in `lang`.
    pub fn new(d: &Date, lang: &Language) -> Self {
        let rfc3339 = d.rfc3339();
        Self {
            iso: d.iso_day(),
            datetime: if d.has_time() {
                rfc3339.clone()
            } else {
                d.iso_day()
            },
            rfc3339,
            human: lang.date(d),
            human_time: lang.date_time(d),
            has_time: d.has_time(),
        }
    }
}

/// A tag on a page.
#[derive(Clone, Debug, Serialize)]
pub struct TagView {
    /// As written.
    pub name: String,
    /// URL name.
    pub slug: String,
    /// Root-relative URL of its page.
    pub url: String,
}

impl TagView {
    /// The view of a tag (of the language of `loc`).
    pub fn new(name: &str, loc: &Loc<'_>) -> Self {
        let slug = slugify(name);
        Self {
            name: name.to_string(),
            url: loc.url(&format!("tags/{slug}/")),
            slug,
        }
    }
}

/// The lead image.
#[derive(Clone, Debug, Serialize)]
pub struct HeroView {
    /// Resolved URL.
    pub src: String,
    /// Absolute URL (for social cards).
    pub absolute: String,
    /// Text alternative.
    pub alt: String,
    /// Caption HTML.
    pub caption: Option<String>,
    /// Credit.
    pub credit: Option<String>,
    /// Its size in pixels, when lede could read it (explainer pages).
    pub width: Option<u32>,
    /// Its height in pixels.
    pub height: Option<u32>,
    /// Its sizes and formats, when it is a raster image of the site.
    pub picture: Option<crate::markdown::Picture>,
}

/// An update or correction.
#[derive(Clone, Debug, Serialize)]
pub struct DatedView {
    /// When.
    pub date: DateView,
    /// What, as HTML.
    pub note: String,
    /// Its element id (updates: `update-2026-02-05-1400`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// Resolves a front matter URL: root-relative under the base path.
pub fn resolve_url(url: &str, base: &BaseUrl) -> String {
    match classify(url) {
        UrlKind::RootRelative => base.root_relative(url),
        _ => url.to_string(),
    }
}

/// Absolute form of a front matter URL.
pub fn absolute_url(url: &str, base: &BaseUrl) -> String {
    match classify(url) {
        UrlKind::RootRelative => base.absolute(url),
        UrlKind::ProtocolRelative => format!("https:{url}"),
        _ => url.to_string(),
    }
}

/// What lists (index, tags, feed, sitemap, search) know of an explainer.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// `explainer`, or `page` for a standalone page.
    pub kind: &'static str,
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub dek: Option<String>,
    /// Slug.
    pub slug: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Published (always, for an explainer; a page may have no date).
    pub date: Option<DateView>,
    /// Updated.
    pub updated: Option<DateView>,
    /// `updated` or `date`.
    pub last_modified: Option<DateView>,
    /// Bylines, as written.
    pub authors: Vec<String>,
    /// Bylines, with the URL of each author's page.
    pub bylines: Vec<AuthorView>,
    /// Topics.
    pub tags: Vec<TagView>,
    /// Key points as plain text (feed summaries).
    pub key_points: Vec<String>,
    /// How many key points.
    pub key_points_count: usize,
    /// Lead image.
    pub hero: Option<HeroView>,
    /// Minutes to read, at 230 words a minute.
    pub reading_minutes: usize,
    /// A developing story, still live (`live: true`).
    pub live: bool,
    /// A live story's update log, newest first (for its feed entry; empty
    /// for any other explainer).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub live_updates: Vec<DatedView>,
}

impl Summary {
    /// The summary of an explainer (`slug` its path, with its language's
    /// folder: `fr/treaty`).
    pub fn new(meta: &Meta, slug: &str, words: usize, loc: &Loc<'_>) -> Self {
        let base = loc.base;
        Self {
            kind: if meta.is_explainer() {
                "explainer"
            } else {
                "page"
            },
            title: meta.title.clone(),
            dek: meta.dek.clone(),
            slug: slug.to_string(),
            url: base.root_relative(&format!("{slug}/")),
            permalink: base.absolute(&format!("{slug}/")),
            date: meta.date.as_ref().map(|d| loc.date(d)),
            updated: meta.updated.as_ref().map(|d| loc.date(d)),
            last_modified: meta.last_modified().as_ref().map(|d| loc.date(d)),
            authors: meta.authors.clone(),
            bylines: meta
                .authors
                .iter()
                .map(|a| AuthorView::new(a, loc))
                .collect(),
            tags: meta.tags.iter().map(|t| TagView::new(t, loc)).collect(),
            key_points: meta.key_points.iter().map(|k| k.text.clone()).collect(),
            key_points_count: meta.key_points.len(),
            hero: meta.hero.as_ref().map(|h| {
                // A relative `src` is a file of the page's bundle, beside it.
                let src = match classify(&h.src) {
                    UrlKind::Relative => format!("/{slug}/{}", h.src.trim_start_matches("./")),
                    _ => h.src.clone(),
                };
                HeroView {
                    src: resolve_url(&src, base),
                    absolute: absolute_url(&src, base),
                    alt: h.alt.clone(),
                    caption: h.caption.as_ref().map(|c| inline::render(c, base)),
                    credit: h.credit.clone(),
                    width: None,
                    height: None,
                    picture: None,
                }
            }),
            reading_minutes: words.div_ceil(230).max(1),
            live: meta.is_live(),
            live_updates: if meta.is_live() {
                updates(&meta.updates, loc)
            } else {
                Vec::new()
            },
        }
    }
}

/// A byline: the name, and the author's page.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorView {
    /// As written.
    pub name: String,
    /// URL name.
    pub slug: String,
    /// Root-relative URL of their page.
    pub url: String,
    /// Absolute URL of their page (for structured data).
    pub permalink: String,
}

impl AuthorView {
    /// The view of a byline name (its page in the language of `loc`).
    pub fn new(name: &str, loc: &Loc<'_>) -> Self {
        let slug = slugify(name);
        Self {
            name: name.to_string(),
            url: loc.url(&format!("authors/{slug}/")),
            permalink: loc.permalink(&format!("authors/{slug}/")),
            slug,
        }
    }
}

/// Corrections as views.
pub fn dated(items: &[Dated], loc: &Loc<'_>) -> Vec<DatedView> {
    items
        .iter()
        .map(|d| DatedView {
            date: loc.date(&d.date),
            note: inline::render(&d.note, loc.base),
            id: None,
        })
        .collect()
}

/// The update log as views, each entry with its element id.
pub fn updates(items: &[Dated], loc: &Loc<'_>) -> Vec<DatedView> {
    let ids = crate::markdown::live::update_ids(items);
    dated(items, loc)
        .into_iter()
        .zip(ids)
        .map(|(view, id)| DatedView {
            id: Some(id),
            ..view
        })
        .collect()
}

/// The same page in one language of the site (for `hreflang` links, the
/// sitemap and the language menu): the page's translation, or that
/// language's home when it has none.
#[derive(Clone, Debug, Serialize)]
pub struct Alternate {
    /// The language's code (`fr`).
    pub code: String,
    /// The language's own name (`Français`).
    pub name: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Is it the same page in that language (not that language's home)?
    pub exists: bool,
    /// Is it the page being rendered?
    pub current: bool,
}

/// The `hreflang` value for `x-default`: the default language's version,
/// when the page is in several languages.
pub fn x_default(alternates: &[Alternate]) -> Option<String> {
    let translated = alternates.iter().filter(|a| a.exists).count() > 1;
    alternates
        .first()
        .filter(|a| a.exists && translated)
        .map(|a| a.permalink.clone())
}

/// A tag with its explainers, for tag pages and the tags index.
#[derive(Clone, Debug, Serialize)]
pub struct TagPage {
    /// The tag.
    #[serde(flatten)]
    pub tag: TagView,
    /// How many explainers have it.
    pub count: usize,
}

/// A lede section (`` the home, `archive/`, `search/`…) in every language
/// of the site, `lang` being the current one; or, with no section, every
/// language's home (for a page that exists in one language only). Empty
/// for a site of one language.
pub(super) fn section_alternates(
    config: &SiteConfig,
    lang: usize,
    section: Option<&str>,
) -> Vec<Alternate> {
    if config.languages.len() < 2 {
        return Vec::new();
    }
    let base = &config.base_url;
    config
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let path = format!("{}{}", l.prefix, section.unwrap_or(""));
            Alternate {
                code: l.code.clone(),
                name: l.name.clone(),
                url: base.root_relative(&path),
                permalink: base.absolute(&path),
                exists: section.is_some() || i == lang,
                current: i == lang,
            }
        })
        .collect()
}
