//! Rendering explainers' bodies from the model: one page's (for its
//! page, or from a text taken out of the model while the build renders),
//! or all of them for their problems only.

use std::sync::Arc;

use rayon::prelude::*;

use super::images;
use super::model::Site;
use super::page::Page;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::markdown::{self, Ctx, Rendered};

impl Site {
    /// What the bodies of all explainers have to say, their pages unwritten.
    pub(super) fn body_errors(&self) -> Vec<Diagnostic> {
        (0..self.pages.len())
            .into_par_iter()
            .flat_map_iter(|i| self.render_body(i, false).facts.diagnostics)
            .collect()
    }

    /// Renders one explainer's body.
    pub fn render_body(&self, index: usize, collect_text: bool) -> Rendered {
        let page = &self.pages[index];
        self.render_page_body(page, &page.file.text, collect_text)
    }

    /// Renders one explainer's body from its text, taken out of the model
    /// ([`Site::take_texts`]).
    pub fn render_body_in(
        &self,
        index: usize,
        text: &Arc<SourceText>,
        collect_text: bool,
    ) -> Rendered {
        self.render_page_body(&self.pages[index], text, collect_text)
    }

    /// Renders the body of a page (of the model, or a stand-in).
    pub(super) fn render_page_body(
        &self,
        page: &Page,
        text: &Arc<SourceText>,
        collect_text: bool,
    ) -> Rendered {
        let md_page = markdown::Page {
            file: &page.file.rel,
            source: text,
            body_start: page.front.body_start,
            meta: &page.front.meta,
            front: page.front_doc_in(text),
            bundle: page.bundle.as_ref().map(|b| (page.slug.as_str(), b)),
        };
        let lookup = images::Lookup {
            statics: &self.statics,
            images: &self.images,
            config: &self.config,
            pictures: self.options.pictures,
        };
        let image = |site_path: &str| images::facts(&lookup, page, site_path);
        let ctx = Ctx {
            base: &self.config.base_url,
            links: &self.index.links,
            highlighter: &self.highlighter,
            components: &self.templates,
            collect_text,
            image: &image,
            lang: page.lang,
            language: &self.config.languages[page.lang],
            lint: self.options.lint,
        };
        markdown::render(md_page, ctx)
    }
}
