//! An explainer's page: `page.html` rendered around the body the Markdown
//! stage made, with its summary, structured data and update log.

use tera::Context;

use super::Templates;
use super::context::{PageView, Summary, dated};
use super::structured;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::front_matter::Meta;
use crate::markdown::{Body, inline};

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
}

impl Templates {
    /// The page's summary (what lists know of it), and `page.html`
    /// rendered.
    pub fn page(
        &self,
        config: &SiteConfig,
        input: &PageInput<'_>,
    ) -> (Summary, Result<String, Diagnostic>) {
        let (meta, body) = (input.meta, input.body);
        let base = &config.base_url;
        let summary = Summary::new(meta, input.slug, input.words, base);
        let corrections = dated(&meta.corrections, base);
        let json_ld = structured::news_article(
            &structured::ArticleData {
                summary: &summary,
                sources: &body.sources,
                further_reading: &body.further_reading,
                corrections: &corrections,
                correction_texts: meta
                    .corrections
                    .iter()
                    .map(|c| inline::plain(&c.note))
                    .collect(),
            },
            config,
        );
        let view = PageView {
            summary: &summary,
            body: &body.html,
            key_points_html: body.key_points_html.as_deref(),
            toc: (meta.toc && !body.toc.is_empty()).then_some(body.toc.as_slice()),
            sources: &body.sources,
            further_reading: &body.further_reading,
            notes: &body.notes,
            updates: dated(&meta.updates, base),
            corrections,
            json_ld,
            extra: &meta.extra,
            draft: meta.draft,
        };
        let mut ctx = Context::new();
        ctx.insert("page", &view);
        let html = self.render("page.html", &ctx);
        (summary, html)
    }
}
