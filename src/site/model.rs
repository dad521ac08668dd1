//! The in-memory site: settings, templates, every explainer's front matter
//! (parsed once), its index (what links may point at, the groups lists are
//! made of) and the checks that need every page at once (output paths,
//! the menu, the authors' profiles). `build` renders it out; `serve` keeps
//! it and re-renders one page at a time.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::images;
use super::index::{PageIndex, TagGroups, Unpublished};
use super::page::{Page, StaticSource, page_order, slug_problem};
use super::routes;
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::front_matter::{self, FrontMatter};
use crate::load::{self, Bundle, SourceFile};
use crate::markdown::Highlighter;
use crate::markdown::links::PageLink;
use crate::templates::Templates;
use crate::templates::context::Loc;
use crate::urls::BaseUrl;
use crate::yaml::{Seg, Target};

/// Options that shape the model.
#[derive(Clone, Debug, Default)]
pub struct ModelOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Include explainers dated in the future.
    pub future: bool,
    /// Replace `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Build the search index (and collect each page's text for it).
    pub search: bool,
    /// For `serve`: pages show the editor what a reader would not see (a
    /// scheduled explainer's label).
    pub preview: bool,
    /// For `check`: also the lints only a check reports.
    pub lint: bool,
    /// Which raster images pages show as `<picture>` in every size and
    /// format.
    pub pictures: images::Pictures,
    /// Read `.lede-cache/` (`--no-cache`: no; it is rewritten).
    pub read_cache: bool,
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
    /// Published explainers, newest first, then standalone pages.
    pub pages: Vec<Page>,
    /// Static files by site path.
    pub statics: BTreeMap<String, StaticSource>,
    /// What links may point at, and the groups lists are made of.
    pub index: PageIndex,
    /// The explainers of each language grouped by their tags (for related
    /// explainers).
    pub groups: Vec<TagGroups>,
    /// Explainers left out of this build (drafts, scheduled), by file
    /// (links to them are errors).
    pub unpublished: BTreeMap<Arc<str>, Unpublished>,
    /// The options the model was loaded with.
    pub options: ModelOptions,
    /// Every raster image of the site, read (not decoded).
    pub images: images::Registry,
}

/// A file that did not make a page: its problems, and the stand-in page
/// its body is checked as (when its front matter could be split off).
type Failed = (Arc<str>, Vec<Diagnostic>, Option<Box<Page>>);

impl Site {
    /// Takes every explainer's text out of the model, for a build to
    /// render each page from it and free it at once (at 100,000 explainers
    /// the texts are a gigabyte; lists, feeds and assets never read them,
    /// and findings keep an excerpt of what they quote). The positions into
    /// the texts stay until [`Site::release_sources`].
    pub fn take_texts(&mut self) -> Vec<Arc<SourceText>> {
        let empty = SourceText::new("");
        self.pages
            .iter_mut()
            .map(|page| std::mem::replace(&mut page.file.text, empty.clone()))
            .collect()
    }

    /// Forgets the explainers' texts and the positions into them once
    /// nothing will be rendered from them again.
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
        if config.highlight_theme != crate::config::DEFAULT_HIGHLIGHT_THEME
            && let Some(why) = crate::markdown::highlight::unknown_theme(&config.highlight_theme)
        {
            let message = format!("bad `highlight_theme`: {why}");
            diags.push(config.error_at_key("highlight_theme", message));
        }
        let templates = match Templates::new(&sources.templates, &config) {
            Ok(t) => Some(t),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        };
        let langs = &config.languages;
        // Read and parse in one parallel pass: a file's front matter is
        // parsed while its text is fresh in the cache.
        let parsed: Vec<Result<Page, Failed>> = sources
            .entries
            .into_par_iter()
            .map(|entry| {
                let rel = entry.file.rel.clone();
                let file = load::read(&entry.file).map_err(|d| (rel.clone(), vec![d], None))?;
                match front_matter::parse_or_stand_in(&file.rel, &file.text) {
                    Ok(front) => Ok(Page::new(file, front, entry.bundle, langs)),
                    Err((errors, stand_in)) => Err((
                        rel,
                        errors,
                        stand_in
                            .map(|front| Box::new(Page::new(file, *front, entry.bundle, langs))),
                    )),
                }
            })
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        let mut unpublished = BTreeMap::new();
        let mut failed = Vec::new();
        let mut stand_ins = Vec::new();
        for p in parsed {
            match p {
                Ok(page) if page.unknown_lang.is_some() => {
                    // In a language the site does not have: reported, left out.
                    failed.push(page.file.rel.clone());
                    diags.extend(super::translations::unknown_language(
                        &page,
                        &config.languages,
                    ));
                }
                Ok(page) => match left_out(&page, options) {
                    Some(why) => {
                        if why.scheduled {
                            diags.push(scheduled(&page));
                        }
                        unpublished.insert(page.file.rel.clone(), why);
                    }
                    None => pages.push(page),
                },
                Err((rel, errors, stand_in)) => {
                    failed.push(rel);
                    diags.extend(errors);
                    stand_ins.extend(stand_in);
                }
            }
        }
        let pages = sort_and_check_slugs(pages, &mut diags);
        let statics = super::page::statics(sources.statics);
        let cache = images::Cache::new(&sources.root);
        let cached = (&cache, options.read_cache, options.pictures);
        let images = images::Registry::of_site(&statics, &pages, &config.images, cached);
        let (mut index, routes) = routes::index(&pages, &unpublished, &statics, &config);
        diags.extend(super::translations::problems(
            &pages,
            &unpublished,
            &config.languages,
        ));
        if options.lint {
            diags.extend(super::translations::missing(
                &pages,
                &index,
                &config.languages,
            ));
        }
        diags.extend(routes::collisions(&routes, &pages));
        diags.extend(super::settings::menu_problems(&config, &index, &pages));
        diags.extend(super::settings::unused_profiles(&config, &index));
        let Some(mut templates) = templates else {
            diags.sort();
            return Err(diags);
        };
        // A menu entry naming a page goes to its translation, if any.
        let menu_page = |slug: &str, lang: usize| -> String {
            let prefix = config.languages.get(lang).map_or("", |l| l.prefix.as_str());
            let own = format!("{prefix}{slug}");
            if index.slugs.contains_key(&own) {
                return own;
            }
            let translated = index.slugs.get(slug).and_then(|&i| {
                index
                    .translations_of(&pages[i])
                    .iter()
                    .find(|&&t| pages[t].lang == lang)
                    .map(|&t| pages[t].slug.clone())
            });
            translated.unwrap_or_else(|| slug.to_string())
        };
        templates.set_menus(&config, &menu_page);
        diags.extend(super::settings::untranslated_labels(&config));
        for rel in failed {
            index.links.pages.insert(
                rel.to_string(),
                PageLink {
                    slug: String::new(),
                    published: false,
                    scheduled: false,
                    broken: true,
                    translations: Vec::new(),
                },
            );
        }
        let groups = index
            .langs
            .iter()
            .map(|g| TagGroups::new(&pages, g))
            .collect();
        let site = Site {
            root: root.to_path_buf(),
            config,
            templates,
            highlighter: Highlighter::new(),
            pages,
            statics,
            index,
            groups,
            unpublished,
            options: options.clone(),
            images,
        };
        if diags.has_errors() {
            // The other explainers' bodies are checked all the same: one
            // round of fixes, not one per error.
            diags.extend(site.body_errors());
            // And so are the bodies of the files whose front matter failed,
            // against what of it could be read.
            diags.extend(
                stand_ins
                    .par_iter()
                    .flat_map_iter(|page| {
                        site.render_page_body(page, &page.file.text, false)
                            .facts
                            .diagnostics
                    })
                    .collect::<Vec<_>>(),
            );
            diags.sort();
            return Err(diags);
        }
        Ok((site, diags))
    }

    /// Views made for language `lang`: its words, dates and folder.
    pub fn loc(&self, lang: usize) -> Loc<'_> {
        Loc {
            base: &self.config.base_url,
            lang: self
                .config
                .languages
                .get(lang)
                .unwrap_or(&self.config.languages[0]),
        }
    }

    /// A new page of the model from a file read again (for `serve`): it
    /// keeps the bundle of the page it replaces.
    pub fn page_of(&self, file: SourceFile, front: FrontMatter) -> Page {
        let bundle: Option<Bundle> = self
            .pages
            .iter()
            .find(|p| p.file.rel == file.rel)
            .and_then(|p| p.bundle.clone());
        Page::new(file, front, bundle, &self.config.languages)
    }
}

/// Why a page is left out of this build, if it is: a draft without
/// `--drafts`, or dated in the future without `--future`.
pub fn left_out(page: &Page, options: &ModelOptions) -> Option<Unpublished> {
    let draft = page.front.meta.draft && !options.drafts;
    let scheduled = page.scheduled && !options.future;
    (draft || scheduled).then(|| Unpublished {
        slug: page.slug.clone(),
        scheduled: scheduled && !draft,
        key: page.key.clone(),
        lang: page.lang,
    })
}

/// The info line for a scheduled explainer left out.
fn scheduled(page: &Page) -> Diagnostic {
    let date = page
        .front
        .meta
        .date
        .as_ref()
        .map_or_else(String::new, |d| d.human_with_time());
    let span = page.front_doc().span_of(&[Seg::key("date")], Target::Value);
    Diagnostic::info(format!(
        "{} is dated {date}, in the future: it is left out of this build",
        page.file.rel
    ))
    .at(&page.file.rel, &page.file.text, span)
    .help("`lede build --future` builds it now; `lede serve` shows it, labelled as scheduled")
}

/// Pages newest first (explainers, then standalone pages); duplicate,
/// empty and reserved slugs are errors (the later file in path order is
/// the one reported).
fn sort_and_check_slugs(pages: Vec<Page>, diags: &mut Diagnostics) -> Vec<Page> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let taken_by = seen
            .get(page.slug.as_str())
            .map(|&first| &*pages[first].file.rel);
        match slug_problem(page, taken_by) {
            Some(d) => diags.push(d),
            None => {
                seen.insert(&page.slug, i);
            }
        }
    }
    drop(seen);
    // Sorted by index, then put in that order in place, each page moved
    // about once: a page is a large value, a sort moves its elements many
    // times, and a second vector of them is 85 MB at 100,000 explainers.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| page_order(&pages[a], &pages[b]));
    let mut pages = pages;
    permute(&mut pages, order);
    pages
}

/// Puts `items[order[k]]` at `k` for every `k`, in place (`order` is a
/// permutation), following each cycle once.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != DONE {
            let from = order[k];
            order[k] = DONE;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn permute_puts_every_item_where_the_order_says() {
        let mut seed = 7u64;
        for n in [0, 1, 2, 5, 64, 1000] {
            let mut order: Vec<usize> = (0..n).collect();
            // A deterministic shuffle (Fisher–Yates with an LCG).
            for i in (1..n).rev() {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                order.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let mut items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            super::permute(&mut items, order.clone());
            let want: Vec<String> = order.iter().map(|i| i.to_string()).collect();
            assert_eq!(items, want, "n = {n}");
        }
    }
}
