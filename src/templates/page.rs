//! An explainer's page: `explainer.html` (a standalone page: `page.html`)
//! rendered around the body the Markdown stage made, with its summary,
//! structured data, update log, series and related explainers.

use serde::Serialize;
use tera::Context;

use super::Templates;
use super::context::{Alternate, DatedView, Loc, Summary, dated};
use super::nav::{LinkItem, SeriesView};
use super::structured;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::front_matter::Meta;
use crate::markdown::{Body, NoteEntry, SourceEntry, TocEntry, inline};

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
    /// What we know and what we don't, after the key points box, when it
    /// is not placed in the body.
    pub known_html: Option<&'a str>,
    /// The timeline, before the sources, when it is not placed in the body.
    pub timeline_html: Option<&'a str>,
    /// The claims no marker placed, before the sources.
    pub claims_html: Option<&'a str>,
    /// The JSON-LD `ClaimReview` of each claim, escaped for `<script>`.
    pub claim_reviews: Vec<String>,
    /// `live: false` after it was live: coverage has ended.
    pub live_ended: bool,
    /// Its social card (absolute URL), when the site makes them.
    pub card: Option<String>,
    /// Table of contents, when `toc: true` and there are headings.
    pub toc: Option<&'a [TocEntry]>,
    /// Highlighted code on the page: it links `syntax.css`.
    pub has_code: bool,
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
    /// Dated in the future, shown by `serve` (labelled for the editor).
    pub scheduled: bool,
    /// The series it belongs to.
    pub series: Option<SeriesView>,
    /// Related explainers (up to three).
    pub related: Vec<LinkItem>,
}

/// What an explainer's page is made of.
pub struct PageInput<'a> {
    /// Its front matter.
    pub meta: &'a Meta,
    /// Its URL name.
    pub slug: &'a str,
    /// Its rendered body.
    pub body: &'a Body,
    /// Words of body text (for the reading time).
    pub words: usize,
    /// Show the editor's labels (a scheduled explainer, in `serve`).
    pub scheduled: bool,
    /// Its series, if any.
    pub series: Option<SeriesView>,
    /// Related explainers.
    pub related: Vec<LinkItem>,
    /// Its language (an index into the site's languages).
    pub lang: usize,
    /// The page in every language of the site (see [`Alternate`]), or
    /// nothing for a site of one language.
    pub alternates: Vec<Alternate>,
}

/// What a page's templates see as `current`.
#[derive(serde::Serialize)]
struct Current<'a> {
    url: &'a str,
    permalink: &'a str,
}

impl Templates {
    /// The page's summary (what lists know of it), and its template
    /// (`explainer.html`, or `page.html` for a standalone page) rendered.
    pub fn page(
        &self,
        config: &SiteConfig,
        input: PageInput<'_>,
    ) -> (Summary, Result<Vec<u8>, Diagnostic>) {
        let (meta, body) = (input.meta, input.body);
        let base = &config.base_url;
        let lang = &config.languages[input.lang];
        let loc = Loc { base, lang };
        let mut summary = Summary::new(meta, input.slug, input.words, &loc);
        if let (Some(hero), Some((width, height))) = (summary.hero.as_mut(), body.hero_size) {
            hero.width = Some(width);
            hero.height = Some(height);
            hero.picture.clone_from(&body.hero_picture);
        }
        let corrections = dated(&meta.corrections, &loc);
        let updates = super::context::updates(&meta.updates, &loc);
        let plain = |items: &[crate::front_matter::Dated]| -> Vec<String> {
            items.iter().map(|c| inline::plain(&c.note)).collect()
        };
        let json_ld = structured::news_article(
            &structured::ArticleData {
                summary: &summary,
                sources: &body.sources,
                further_reading: &body.further_reading,
                corrections: &corrections,
                correction_texts: plain(&meta.corrections),
                live: meta.live,
                updates: &updates,
                update_texts: plain(&meta.updates),
            },
            config,
            &loc,
        );
        let view = PageView {
            summary: &summary,
            body: &body.html,
            key_points_html: body.key_points_html.as_deref(),
            known_html: body.known_html.as_deref(),
            timeline_html: body.timeline_html.as_deref(),
            claims_html: body.claims_html.as_deref(),
            claim_reviews: super::claim_review::claim_reviews(
                meta,
                &summary.permalink,
                config,
                lang,
            ),
            live_ended: meta.live == Some(false),
            card: (config.cards && meta.is_explainer())
                .then(|| base.absolute(&format!("{}/card.png", input.slug))),
            toc: (meta.toc && !body.toc.is_empty()).then_some(body.toc.as_slice()),
            has_code: body.has_code,
            sources: &body.sources,
            further_reading: &body.further_reading,
            notes: &body.notes,
            updates,
            corrections,
            json_ld,
            extra: &meta.extra,
            draft: meta.draft,
            scheduled: input.scheduled,
            series: input.series,
            related: input.related,
        };
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        ctx.insert("x_default", &super::context::x_default(&input.alternates));
        ctx.insert("alternates", &input.alternates);
        ctx.insert(
            "current",
            &Current {
                url: &summary.url,
                permalink: &summary.permalink,
            },
        );
        let template = if meta.is_explainer() {
            "explainer.html"
        } else {
            "page.html"
        };
        // The theme's markup around the body: about 16 KB at most.
        let capacity = body.html.len() + 16 * 1024;
        let html = self.render_bytes(input.lang, template, &ctx, capacity);
        (summary, html)
    }
}
