//! The in-memory site: settings, templates, every explainer's front matter
//! (parsed once) and what links may point at. `build` renders it out;
//! `serve` keeps it and re-renders one page at a time.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::index::{self, PageIndex};
use super::page::{Page, StaticSource, default_slug, page_order, slug_problem};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::front_matter::{self, FrontMatter};
use crate::load::{self, SourceFile};
use crate::markdown::{self, Ctx, Highlighter, Rendered};
use crate::templates::Templates;
use crate::theme;
use crate::urls::BaseUrl;

/// Options that shape the model.
#[derive(Clone, Debug, Default)]
pub struct ModelOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Replace `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Build the search index (and collect each page's text for it).
    pub search: bool,
}

/// The site.
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// Validated settings.
    pub config: SiteConfig,
    /// Loaded templates.
    pub templates: Templates,
    /// Syntax highlighting.
    pub highlighter: Highlighter,
    /// Published explainers, newest first.
    pub pages: Vec<Page>,
    /// Static files by site path.
    pub statics: BTreeMap<String, StaticSource>,
    /// What links may point at, and the tags.
    pub index: PageIndex,
    /// Drafts left out of this build: file → slug (links to them are errors).
    pub drafts: BTreeMap<Arc<str>, String>,
    /// The options the model was loaded with.
    pub options: ModelOptions,
}

impl Site {
    /// Frees every explainer's text once its page is rendered and checked
    /// (a build's lists, feed and assets never read it): at 10,000
    /// explainers that is a third of the build's memory. Diagnostics keep
    /// their own reference to the text they quote.
    pub fn release_sources(&mut self) {
        let empty = SourceText::new("");
        for page in &mut self.pages {
            page.file.text = empty.clone();
            page.front.yaml = 0..0;
            page.front.body_start = 0;
        }
    }

    /// Loads settings, templates and every explainer's front matter. Errors
    /// of every file are collected; warnings are returned with the site.
    pub fn load(root: &Path, options: &ModelOptions) -> Result<(Self, Diagnostics), Diagnostics> {
        let sources = load::site(root);
        let one = |d: Diagnostic| Diagnostics::from_iter([d]);
        let config_file = sources.config.map_err(one)?;
        let mut config = SiteConfig::from_file(&config_file).map_err(Diagnostics::from_iter)?;
        if let Some(url) = &options.base_url {
            config.base_url = BaseUrl::parse(url)
                .map_err(|e| one(Diagnostic::error(format!("bad --base-url: {e}"))))?;
        }
        let mut diags = Diagnostics::new();
        diags.extend(sources.problems);
        let templates = match Templates::new(&sources.templates, &config) {
            Ok(t) => Some(t),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        };
        // Read and parse in one parallel pass: a file's front matter is
        // parsed while its text is fresh in the cache.
        let parsed: Vec<Result<(SourceFile, FrontMatter), Vec<Diagnostic>>> = sources
            .entries
            .into_par_iter()
            .map(|found| {
                let file = load::read(&found).map_err(|d| vec![d])?;
                let front = front_matter::parse(&file.rel, &file.text)?;
                Ok((file, front))
            })
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        let mut drafts = Vec::new();
        for p in parsed {
            match p {
                Ok((file, front)) if front.meta.draft && !options.drafts => {
                    drafts.push((file, front))
                }
                Ok((file, front)) => pages.push((file, front)),
                Err(errors) => diags.extend(errors),
            }
        }
        let pages = assign_slugs(pages, &mut diags);
        let drafts: BTreeMap<Arc<str>, String> = drafts
            .iter()
            .map(|(file, front)| (file.rel.clone(), default_slug(&file.rel, front)))
            .collect();
        let statics = statics(sources.statics);
        let index = index::build(&pages, &drafts, &statics);
        diags.extend(index::static_collisions(&pages, &index, &statics));
        let Some(templates) = templates.filter(|_| !diags.has_errors()) else {
            diags.sort();
            return Err(diags);
        };
        let site = Site {
            root: root.to_path_buf(),
            config,
            templates,
            highlighter: Highlighter::new(),
            pages,
            statics,
            index,
            drafts,
            options: options.clone(),
        };
        Ok((site, diags))
    }

    /// Renders one explainer's body.
    pub fn render_body(&self, index: usize, collect_text: bool) -> Rendered {
        let page = &self.pages[index];
        let md_page = markdown::Page {
            file: &page.file.rel,
            source: &page.file.text,
            body_start: page.front.body_start,
            meta: &page.front.meta,
            front: page.front_doc(),
        };
        let ctx = Ctx {
            base: &self.config.base_url,
            links: &self.index.links,
            highlighter: &self.highlighter,
            components: &self.templates,
            collect_text,
        };
        markdown::render(md_page, ctx)
    }
}

/// Slugs for every page, newest first; duplicate slugs are errors.
fn assign_slugs(pages: Vec<(SourceFile, FrontMatter)>, diags: &mut Diagnostics) -> Vec<Page> {
    let out: Vec<Page> = pages
        .into_iter()
        .map(|(file, front)| {
            let slug = default_slug(&file.rel, &front);
            Page { file, front, slug }
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, page) in out.iter().enumerate() {
        let taken_by = seen.get(&page.slug).map(|&first| &*out[first].file.rel);
        match slug_problem(page, taken_by) {
            Some(d) => diags.push(d),
            None => {
                seen.insert(page.slug.clone(), i);
            }
        }
    }
    // Sorted by index, then moved once: a page is a large value, and a sort
    // moves its elements many times.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| page_order(&out[a], &out[b]));
    let mut slots: Vec<Option<Page>> = out.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The built-in static files, overlaid by the site's `static/`.
fn statics(found: Vec<load::Found>) -> BTreeMap<String, StaticSource> {
    let mut out: BTreeMap<String, StaticSource> = theme::STATIC
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), StaticSource::BuiltIn(bytes)))
        .collect();
    for f in found {
        out.insert(f.name, StaticSource::Disk(f.path));
    }
    out
}
