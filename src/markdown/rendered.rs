//! What rendering a body produces, in two parts: the [`Body`] the page
//! template consumes once, and the [`Facts`] a page keeps after it is
//! written (for checks across pages, lists, search and `serve`).

use std::collections::HashSet;

use serde::Serialize;

use super::{headings, links};
use crate::diagnostics::Diagnostic;

/// A rendered body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// What the page template shows.
    pub body: Body,
    /// What the page keeps.
    pub facts: Facts,
}

/// The rendered body and what the page template shows around it: used
/// once, to render the page, then dropped.
#[derive(Debug, Default)]
pub struct Body {
    /// Some code is highlighted: the page needs `syntax.css`.
    pub has_code: bool,
    /// The hero image's size in pixels, when it could be read.
    pub hero_size: Option<(u32, u32)>,
    /// The hero's `<picture>`, for a raster image of the site.
    pub hero_picture: Option<super::Picture>,
    /// The body HTML.
    pub html: String,
    /// The key points box, when it is not placed in the body.
    pub key_points_html: Option<String>,
    /// What we know and what we don't, when it follows the key points box
    /// outside the body.
    pub known_html: Option<String>,
    /// The timeline, when no marker placed it (before the sources list).
    pub timeline_html: Option<String>,
    /// The claims no marker placed (before the sources list).
    pub claims_html: Option<String>,
    /// Table of contents (h2 with their h3).
    pub toc: Vec<TocEntry>,
    /// The cited sources, in citation order.
    pub sources: Vec<SourceEntry>,
    /// Sources never cited (listed as further reading).
    pub further_reading: Vec<SourceEntry>,
    /// The notes list.
    pub notes: Vec<NoteEntry>,
}

impl Body {
    /// The ids of the h2/h3 headings, in order (for "did you mean").
    pub fn heading_ids(&self) -> Vec<&str> {
        self.toc
            .iter()
            .flat_map(|t| std::iter::once(t).chain(&t.children))
            .map(|t| t.id.as_str())
            .collect()
    }
}

/// What a page keeps once it is written.
#[derive(Debug, Default)]
pub struct Facts {
    /// Every element id the page will have (for anchor checks).
    /// (The fixed ids of the page template, [`headings::PAGE_IDS`], are not
    /// stored per page: [`Facts::has_id`] knows them.)
    pub ids: Ids,
    /// Links to anchors on other pages, checked once all pages are rendered.
    pub anchor_checks: Vec<links::AnchorCheck>,
    /// What the page's links point at (site paths and explainer files), so
    /// `serve` knows which pages to render again when a target comes or goes.
    pub link_deps: Vec<String>,
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Plain text (only with [`super::Ctx::collect_text`]; taken by the
    /// search index).
    pub text: String,
    /// Number of words of body text.
    pub words: usize,
    /// The site paths of the raster images its pictures show (published
    /// in every size and format), or will show once their variants are
    /// encoded (`serve`).
    pub images: Vec<String>,
}

/// A page's element ids (FxHash: short keys, hashed many times per page).
pub type Ids = HashSet<String, rustc_hash::FxBuildHasher>;

impl Facts {
    /// Will the page have an element with this id (the body's or the page
    /// template's own)?
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains(id) || headings::PAGE_IDS.contains(&id)
    }
}

/// One entry of the table of contents.
#[derive(Clone, Debug, Serialize)]
pub struct TocEntry {
    /// Heading id.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// h3 under an h2.
    pub children: Vec<TocEntry>,
}

/// One entry of the sources list.
#[derive(Clone, Debug, Serialize)]
pub struct SourceEntry {
    /// The source id (`source-ID` is its element id).
    pub id: String,
    /// Its citation number; `None` when never cited (further reading).
    pub number: Option<usize>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Link.
    pub url: Option<String>,
    /// The link's host name (`apnews.com`), its text when there is no title.
    pub host: Option<String>,
    /// Date, for display.
    pub date: Option<String>,
    /// Date, machine-readable.
    pub date_machine: Option<String>,
    /// Archive link.
    pub archived: Option<String>,
    /// One back-link per citation.
    pub backrefs: Vec<Backref>,
}

/// A link from a list entry back to where it was cited.
#[derive(Clone, Debug, Serialize)]
pub struct Backref {
    /// `#cite-ID-N`.
    pub href: String,
    /// `a`, `b`, `c`, …
    pub label: String,
}

/// One entry of the notes list.
#[derive(Clone, Debug, Serialize)]
pub struct NoteEntry {
    /// Element id (`note-ID`).
    pub id: String,
    /// Its number.
    pub number: usize,
    /// Its letter (`a` for 1), as readers see it.
    pub letter: String,
    /// The note's HTML.
    pub html: String,
    /// One back-link per reference.
    pub backrefs: Vec<Backref>,
}
