//! What templates see: typed views with everything precomputed (dates in
//! every format a theme needs, URLs with the base path), so themes need no
//! custom filters. Field names here are the theme API; `docs/themes.md`
//! lists them.

use serde::Serialize;

use crate::front_matter::{Date, Dated, Meta};
use crate::markdown::{NoteEntry, SourceEntry, TocEntry, inline};
use crate::slug::slugify;
use crate::urls::{BaseUrl, UrlKind, classify};

/// A date in every format a theme needs.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    /// `2026-02-04`.
    pub iso: String,
    /// `2026-02-05T14:00:00+13:00` (midnight UTC for a plain day).
    pub rfc3339: String,
    /// `4 February 2026`.
    pub human: String,
    /// `5 February 2026, 14:00 (UTC+13:00)`, or `human` without a time.
    pub human_time: String,
    /// Was a time of day given?
    pub has_time: bool,
    /// The value for `<time datetime>`: `iso`, or `rfc3339` with a time.
    pub datetime: String,
}

impl From<&Date> for DateView {
    fn from(d: &Date) -> Self {
        let rfc3339 = d.rfc3339();
        Self {
            iso: d.iso_day(),
            datetime: if d.has_time() {
                rfc3339.clone()
            } else {
                d.iso_day()
            },
            rfc3339,
            human: d.human(),
            human_time: d.human_with_time(),
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
    /// The view of a tag.
    pub fn new(name: &str, base: &BaseUrl) -> Self {
        let slug = slugify(name);
        Self {
            name: name.to_string(),
            url: base.root_relative(&format!("tags/{slug}/")),
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
}

/// An update or correction.
#[derive(Clone, Debug, Serialize)]
pub struct DatedView {
    /// When.
    pub date: DateView,
    /// What, as HTML.
    pub note: String,
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
    /// Published.
    pub date: DateView,
    /// Updated.
    pub updated: Option<DateView>,
    /// `updated` or `date`.
    pub last_modified: DateView,
    /// Bylines.
    pub authors: Vec<String>,
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
}

impl Summary {
    /// The summary of an explainer.
    pub fn new(meta: &Meta, slug: &str, words: usize, base: &BaseUrl) -> Self {
        Self {
            title: meta.title.clone(),
            dek: meta.dek.clone(),
            slug: slug.to_string(),
            url: base.root_relative(&format!("{slug}/")),
            permalink: base.absolute(&format!("{slug}/")),
            date: (&meta.date).into(),
            updated: meta.updated.as_ref().map(Into::into),
            last_modified: (&meta.last_modified()).into(),
            authors: meta.authors.clone(),
            tags: meta.tags.iter().map(|t| TagView::new(t, base)).collect(),
            key_points: meta.key_points.iter().map(|k| k.text.clone()).collect(),
            key_points_count: meta.key_points.len(),
            hero: meta.hero.as_ref().map(|h| HeroView {
                src: resolve_url(&h.src, base),
                absolute: absolute_url(&h.src, base),
                alt: h.alt.clone(),
                caption: h.caption.as_ref().map(|c| inline::render(c, base)),
                credit: h.credit.clone(),
            }),
            reading_minutes: words.div_ceil(230).max(1),
        }
    }
}

/// An explainer page: its summary plus everything rendered.
#[derive(Serialize)]
pub struct PageView<'a> {
    /// The list-level facts (title, dates, URL, tags, hero…).
    #[serde(flatten)]
    pub summary: &'a Summary,
    /// The body HTML.
    pub body: &'a str,
    /// The key points box HTML when it is not placed in the body.
    pub key_points_html: Option<&'a str>,
    /// Table of contents, when `toc: true` and there are headings.
    pub toc: Option<&'a [TocEntry]>,
    /// The cited sources, numbered.
    pub sources: &'a [SourceEntry],
    /// Sources never cited.
    pub further_reading: &'a [SourceEntry],
    /// The notes list.
    pub notes: &'a [NoteEntry],
    /// Update log, newest first.
    pub updates: Vec<DatedView>,
    /// Corrections, newest first.
    pub corrections: Vec<DatedView>,
    /// The JSON-LD `NewsArticle`, already escaped for a `<script>` element.
    pub json_ld: String,
    /// Free map from the front matter.
    pub extra: &'a serde_json::Value,
    /// Is this a draft (built with `--drafts`)?
    pub draft: bool,
}

/// Updates or corrections as views.
pub fn dated(items: &[Dated], base: &BaseUrl) -> Vec<DatedView> {
    items
        .iter()
        .map(|d| DatedView {
            date: (&d.date).into(),
            note: inline::render(&d.note, base),
        })
        .collect()
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
