//! A site kept in memory between edits (for `serve`).
//!
//! [`Live::load`] renders the whole site into memory once. [`Live::update`]
//! then takes the explainer files that changed, re-reads and re-parses only
//! them, updates the model ([`Site::edit`]), and renders again only:
//! - the edited pages;
//! - the pages whose links point at something that came, went or moved
//!   (the edited page's old or new URL, its file, a tag page);
//! - the lists that show the edited pages: home, tags index, the pages of
//!   their old and new tags, the feed and the sitemap.
//!
//! Nothing here walks every page's Markdown or template again; the few
//! passes over all pages are over data already in memory.
//! Anything else (templates, static files, `site.yaml`) is a new
//! [`Live::load`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::assets::write_assets;
use super::lists::{self, Changed, Which};
use super::page::Written;
use super::render::{anchor_errors, render_page, render_pages};
use super::search::Record;
use super::sink::{Files, Memory, Sink};
use super::{ModelOptions, Progress, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::{self, FrontMatter};
use crate::load::{self, SourceFile};
use crate::markdown::LinkTargets;

/// The live site.
pub struct Live {
    site: Site,
    /// What each published explainer's page left behind, by file.
    written: HashMap<Arc<str>, Written>,
    /// Warnings of the full load (folders, symlinks, assets).
    fixed: Vec<Diagnostic>,
    /// Problems of the list pages at their last rendering.
    lists: Vec<Diagnostic>,
    /// Files whose current text cannot be used (unreadable, bad front
    /// matter, a slug already taken); the model keeps their last good
    /// version.
    broken: BTreeMap<Arc<str>, Vec<Diagnostic>>,
    /// The images whose variants are served (site paths).
    published: BTreeSet<String>,
}

/// What an update changed in the rendered site.
#[derive(Debug, Default)]
pub struct Delta {
    /// New or changed files.
    pub files: Files,
    /// Files that are gone.
    pub removed: Vec<String>,
    /// Explainer pages rendered.
    pub pages: usize,
}

/// What a batch of edits asks to render again.
#[derive(Default)]
struct Plan {
    render: BTreeSet<Arc<str>>,
    /// Files whose title, date or URL changed: pages showing them re-render.
    cards: BTreeSet<Arc<str>>,
    unpublished: Vec<Arc<str>>,
    changed: Changed,
    targets: BTreeSet<String>,
    removed: BTreeSet<String>,
}

impl Live {
    /// Loads the site and renders all of it into memory. Fails only when
    /// the model cannot be loaded; errors in pages are kept (see
    /// [`Live::diagnostics`]).
    pub fn load(
        root: &Path,
        options: &ModelOptions,
        progress: Option<&Progress>,
    ) -> Result<(Self, Files), Diagnostics> {
        let (site, diags) = Site::load(root, options)?;
        let memory = Memory::new();
        let io = |e: super::IoError| Diagnostics::from_iter([Diagnostic::error(e.to_string())]);
        let written = render_pages(&site, None, &memory, progress).map_err(io)?;
        let mut fixed = diags;
        let cache = super::images::Cache::new(&site.root);
        let (_, problems) = write_assets(&site, &cache, &memory).map_err(io)?;
        cache.save();
        fixed.extend(problems);
        let ordered: Vec<&Written> = written.iter().collect();
        let listing = lists::write_lists(&site, &ordered, &memory, &Which::All).map_err(io)?;
        let written = site
            .pages
            .iter()
            .map(|p| p.file.rel.clone())
            .zip(written)
            .collect();
        let mut live = Self {
            site,
            written,
            fixed: fixed.into_vec(),
            lists: listing.diagnostics,
            broken: BTreeMap::new(),
            published: BTreeSet::new(),
        };
        let all: Vec<Arc<str>> = live.written.keys().cloned().collect();
        live.publish_ready(&all, &memory);
        Ok((live, memory.into_files()))
    }

    /// The model.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The search index's records, one per published explainer, from the
    /// records made when the site was loaded with `search` on (else empty).
    pub fn search_records(&self) -> Vec<Arc<Record>> {
        self.ordered()
            .into_iter()
            .filter_map(|w| w.record.clone())
            .collect()
    }

    /// Every current problem, sorted: a build now would fail if any is an
    /// error.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        d.extend(self.fixed.iter().cloned());
        d.extend(self.broken.values().flatten().cloned());
        for w in self.written.values() {
            d.extend(w.facts.diagnostics.iter().cloned());
        }
        d.extend(self.lists.iter().cloned());
        d.extend(anchor_errors(&self.site, &self.ordered()));
        d.sort();
        d
    }

    /// What each page left behind, in `site.pages` order (every published
    /// page has rendered once [`Live::load`] or [`Live::update`] returns).
    fn ordered(&self) -> Vec<&Written> {
        self.site
            .pages
            .iter()
            .filter_map(|p| self.written.get(&p.file.rel))
            .collect()
    }

    /// Re-reads the explainers at these paths (relative to the root,
    /// `content/a.md`; deleted ones included) and renders again what
    /// depends on them. Files that were broken are retried too.
    ///
    /// `early` gets the explainer pages as soon as they are rendered, before
    /// the lists, when none of them has an error and no file is broken, so
    /// the edited page can be served while the lists render.
    pub fn update(&mut self, files: &[Arc<str>], early: &mut dyn FnMut(&Files)) -> Delta {
        let mut todo: BTreeSet<Arc<str>> = files.iter().cloned().collect();
        todo.extend(self.broken.keys().cloned());
        let mut plan = Plan::default();
        for rel in todo {
            let next = match read(&self.site.root, &rel) {
                Ok(next) => next,
                Err(errors) => {
                    self.broken.insert(rel, errors);
                    continue;
                }
            };
            self.broken.remove(&rel);
            match self.site.edit(&rel, next) {
                Ok(edit)
                    if !edit.published
                        && edit.targets.is_empty()
                        && edit.tags.is_empty()
                        && edit.authors.is_empty() =>
                {
                    // A draft edited, or a file that never made it in: nothing shows it.
                }
                Ok(edit) => {
                    if edit.published {
                        plan.render.insert(rel.clone());
                    } else {
                        plan.unpublished.push(rel.clone());
                    }
                    if edit.card {
                        plan.cards.insert(rel.clone());
                    }
                    plan.changed.tags.extend(edit.tags);
                    plan.changed.authors.extend(edit.authors);
                    plan.changed.years.extend(edit.years);
                    plan.targets.extend(edit.targets);
                    plan.removed.extend(edit.removed);
                }
                Err(d) => {
                    self.broken.insert(rel, vec![d]);
                }
            }
        }
        self.render(plan, early)
    }

    /// The explainer files the model knows under a folder (`content/sub`),
    /// published, drafts and broken: what a deleted folder took with it.
    pub fn files_under(&self, folder: &str) -> Vec<Arc<str>> {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        let pages = self.site.pages.iter().map(|p| &p.file.rel);
        pages
            .chain(self.site.unpublished.keys())
            .chain(self.broken.keys())
            .filter(|rel| rel.starts_with(&prefix))
            .cloned()
            .collect()
    }

    /// The pages with a link to one of these targets.
    fn dependents(&self, targets: &BTreeSet<String>) -> Vec<Arc<str>> {
        if targets.is_empty() {
            return Vec::new();
        }
        let links_to = |w: &Written| {
            w.facts
                .link_deps
                .iter()
                .any(|dep| targets.iter().any(|key| LinkTargets::depends(dep, key)))
        };
        self.written
            .iter()
            .filter(|(_, w)| links_to(w))
            .map(|(rel, _)| rel.clone())
            .collect()
    }

    /// The pages whose related explainers or series are no longer what they
    /// show, or that show one of `edited` (whose title, date or URL changed).
    fn showing(&self, edited: &BTreeSet<Arc<str>>) -> Vec<Arc<str>> {
        let site = &self.site;
        (0..site.pages.len())
            .into_par_iter()
            .filter_map(|i| {
                let rel = &site.pages[i].file.rel;
                let written = self.written.get(rel)?;
                if written.shows.iter().any(|s| edited.contains(s)) {
                    return Some(rel.clone());
                }
                let mut now: Vec<Arc<str>> = super::render::related_of(site, i)
                    .into_iter()
                    .chain(series_members(site, i))
                    .map(|r| site.pages[r].file.rel.clone())
                    .collect();
                now.sort();
                now.dedup();
                (now != written.shows).then(|| rel.clone())
            })
            .collect()
    }

    /// Renders what a plan asks for into a delta.
    fn render(&mut self, mut plan: Plan, early: &mut dyn FnMut(&Files)) -> Delta {
        if plan.render.is_empty() && plan.unpublished.is_empty() && plan.targets.is_empty() {
            return Delta::default();
        }
        for rel in &plan.unpublished {
            self.written.remove(rel);
        }
        let dependents = self.dependents(&plan.targets);
        plan.render.extend(dependents);
        let shows = self.showing(&plan.cards);
        plan.render.extend(shows);
        let jobs: Vec<usize> = (0..self.site.pages.len())
            .filter(|&i| plan.render.contains(&self.site.pages[i].file.rel))
            .collect();
        let memory = Memory::new();
        let site = &self.site;
        let done: Vec<(Arc<str>, Written)> = jobs
            .par_iter()
            .map(|&i| {
                let (written, html) = render_page(site, i, site.options.search);
                if let Some(html) = html {
                    let path = format!("{}/index.html", site.pages[i].slug);
                    let _ = memory.write(&path, &html);
                }
                (site.pages[i].file.rel.clone(), written)
            })
            .collect();
        let clean = self.broken.is_empty()
            && done
                .iter()
                .all(|(_, w)| !w.facts.diagnostics.iter().any(Diagnostic::is_error));
        let rendered: Vec<Arc<str>> = done.iter().map(|(rel, _)| rel.clone()).collect();
        self.written.extend(done);
        self.publish_ready(&rendered, &memory);
        let mut files = memory.into_files();
        if clean {
            early(&files);
        }
        let memory = Memory::new();
        let ordered = self.ordered();
        let which = Which::Changed(&plan.changed);
        self.lists = match lists::write_lists(&self.site, &ordered, &memory, &which) {
            Ok(listing) => listing.diagnostics,
            Err(e) => vec![Diagnostic::error(e.to_string())],
        };
        files.extend(memory.into_files());
        let removed = plan
            .removed
            .into_iter()
            .filter(|p| !self.site.index.links.files.contains(p))
            .collect();
        Delta {
            files,
            removed,
            pages: jobs.len(),
        }
    }
}

/// The members of page `i`'s series (itself among them).
fn series_members(site: &Site, i: usize) -> Vec<usize> {
    site.pages[i]
        .front
        .meta
        .series
        .as_ref()
        .and_then(|s| {
            let groups = site.index.langs.get(site.pages[i].lang)?;
            groups.series.get(&crate::slug::slugify(s))
        })
        .map(|(_, m)| m.clone())
        .unwrap_or_default()
}

/// An explainer file as it is now: `None` when it is gone (or is no longer
/// a file the walker would list), or the reasons it cannot be used.
fn read(root: &Path, rel: &Arc<str>) -> Result<Option<(SourceFile, FrontMatter)>, Vec<Diagnostic>> {
    let Some(file) = load::read_entry(root, rel).map_err(|d| vec![d])? else {
        return Ok(None);
    };
    let front = front_matter::parse(&file.rel, &file.text)?;
    Ok(Some((file, front)))
}

#[path = "live_images.rs"]
mod pictures;

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
