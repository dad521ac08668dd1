//! Site: assemble and write. [`build`] loads the [`Site`] model, renders every
//! explainer in parallel (Markdown, then its page template) straight into a
//! temporary output, adds the lists (index, tags, feed, sitemap), checks the
//! links between pages, and only then swaps the new output in.

pub mod live;
pub mod memory;
pub mod model;
pub mod output;
pub mod pages;
pub mod search;
mod update;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::inline;
use crate::markdown::{Rendered, highlight};
use crate::templates::context::{PageView, Summary, dated};
use crate::templates::structured;
pub use model::{ModelOptions, Site};
use output::Output;

/// What `lede build` was asked to do.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder (default: `ROOT/public`).
    pub output: Option<PathBuf>,
    /// Model options (drafts, base URL).
    pub model: ModelOptions,
    /// Counts rendered explainers, for a progress display.
    pub progress: Option<Arc<Progress>>,
}

/// How far a build has got. The library only counts; whoever started the
/// build may show it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Explainers to render (0 while loading).
    pub total: AtomicUsize,
    /// Explainers rendered so far.
    pub done: AtomicUsize,
    /// Set when whoever started the build is done with it.
    pub finished: AtomicBool,
}

impl Progress {
    /// Marks the work as over (a display stops).
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
    }

    /// Is the work over?
    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Relaxed)
    }

    /// (done, total).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// A successful build.
#[derive(Debug)]
pub struct Report {
    /// Explainers written.
    pub explainers: usize,
    /// Files written in all.
    pub files: usize,
    /// Warnings.
    pub diagnostics: Diagnostics,
    /// Where.
    pub output: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// How long each phase took.
    pub timings: Timings,
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Wrong usage (exit code 2): a bad output folder, not a site.
    Usage(String),
    /// Content or template errors (exit code 1), with the warnings.
    Content(Diagnostics),
    /// The output could not be written (exit code 1).
    Io(String),
}

/// What an explainer leaves behind once its page is written.
pub struct Written {
    /// Its summary as list templates see it, serialized once. (The feed,
    /// which needs the typed summary of its 50 entries, makes them again
    /// from the front matter rather than every page keeping one.)
    pub value: tera::Value,
    /// The rendered body minus its HTML and text (ids, anchor checks…).
    pub rendered: Rendered,
    /// The search index's record (when the site has search): made once,
    /// shared with `serve`'s background indexer without a copy.
    pub record: Option<Arc<search::Record>>,
}

/// Where rendered files go: the output folder, memory (`serve`), or nowhere
/// (`check`).
pub trait Sink: Sync {
    /// Writes a file at a site path (`a/b/index.html`).
    fn write(&self, site_path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Copies a file from disk to a site path.
    fn copy(&self, site_path: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.write(site_path, &std::fs::read(from)?)
    }
}

impl Sink for Output {
    fn write(&self, site_path: &str, bytes: &[u8]) -> std::io::Result<()> {
        Output::write(self, site_path, bytes)
    }
    fn copy(&self, site_path: &str, from: &std::path::Path) -> std::io::Result<()> {
        Output::copy(self, site_path, from)
    }
}

/// A sink that keeps nothing (for checking without writing).
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &std::path::Path) -> std::io::Result<()> {
        Ok(())
    }
}

/// What rendering the whole site produced.
pub struct Rendering {
    /// Per explainer, in `site.pages` order.
    pub written: Vec<Written>,
    /// Files written in all.
    pub files: usize,
    /// How long each phase took.
    pub timings: Timings,
}

/// Wall time per phase of a build, and the resident memory at its end (in
/// KiB, where the OS tells), for `LEDE_TIMINGS=1` and benchmarks.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration, Option<u64>)>);

impl Timings {
    /// Records the time since `since` as phase `name`; returns now.
    pub fn lap(&mut self, name: &'static str, since: Instant) -> Instant {
        let now = Instant::now();
        self.0.push((name, now - since, resident_kib()));
        now
    }
}

/// Resident memory of this process in KiB (Linux: `/proc/self/status`).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Refuses a folder that is not a site.
pub fn ensure_site(root: &Path) -> Result<(), Failure> {
    if root.join(crate::config::FILE).is_file() {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "{} is not a lede site: it has no site.yaml (run `lede init DIR` to make one)",
            root.display()
        )))
    }
}

/// What `lede check` found.
#[derive(Debug)]
pub struct Checked {
    /// Explainers checked.
    pub explainers: usize,
    /// Every finding, sorted (errors among them).
    pub diagnostics: Diagnostics,
    /// How long it took.
    pub elapsed: Duration,
}

/// Validates everything a build validates, rendering into nothing: no file
/// is written. Content errors are findings, not a failure.
pub fn check(
    root: &Path,
    model: &ModelOptions,
    progress: Option<&Progress>,
) -> Result<Checked, Failure> {
    let started = Instant::now();
    ensure_site(root)?;
    let (explainers, diagnostics) = match Site::load(root, model) {
        Err(diags) => (0, diags),
        Ok((mut site, mut diags)) => {
            let (written, diags) = match render_site(&mut site, &Discard, &mut diags, progress) {
                Ok(rendering) => (rendering.written, diags),
                Err(Failure::Content(diags)) => (Vec::new(), diags),
                Err(other) => return Err(other),
            };
            let explainers = site.pages.len();
            drop_in_background((site, written));
            (explainers, diags)
        }
    };
    let mut diagnostics = diagnostics;
    diagnostics.sort();
    Ok(Checked {
        explainers,
        diagnostics,
        elapsed: started.elapsed(),
    })
}

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    let started = Instant::now();
    let root = &options.root;
    ensure_site(root)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let target = output::check_target(root, &output).map_err(|r| Failure::Usage(r.0))?;
    let (mut site, mut diags) = Site::load(root, &options.model).map_err(Failure::Content)?;
    let mut timings = Timings::default();
    timings.lap("load", started);
    let out = Output::begin(target).map_err(|e| Failure::Io(e.to_string()))?;
    let rendering = render_site(&mut site, &out, &mut diags, options.progress.as_deref())?;
    timings.0.extend(rendering.timings.0);
    let output = out.target().to_path_buf();
    let lap = Instant::now();
    out.commit()
        .map_err(|e| Failure::Io(format!("cannot replace {}: {e}", output.display())))?;
    timings.lap("swap in", lap);
    let report = Report {
        explainers: rendering.written.len(),
        files: rendering.files,
        diagnostics: diags,
        output,
        elapsed: started.elapsed(),
        timings,
    };
    drop_in_background((site, rendering.written));
    Ok(report)
}

/// Frees a large model on a thread of its own: at 10,000 explainers that is
/// a tenth of a second nobody needs to wait for (a command line exits
/// without waiting for it; a library user gets the memory back shortly).
fn drop_in_background<T: Send + 'static>(value: T) {
    // If no thread can be made, the value is simply dropped here.
    let _ = std::thread::Builder::new()
        .name("lede-drop".into())
        .spawn(move || drop(value));
}

/// Renders every page, list and asset of a loaded site into `sink`. Errors
/// (with the warnings) come back as [`Failure::Content`]; `diags` keeps the
/// warnings of a success, sorted.
pub fn render_site(
    site: &mut Site,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
    progress: Option<&Progress>,
) -> Result<Rendering, Failure> {
    let mut timings = Timings::default();
    let lap = Instant::now();
    let mut written = render_pages(site, sink, progress)?;
    let lap = timings.lap("pages", lap);
    let mut files = written.len();
    for w in &written {
        diags.extend(w.rendered.diagnostics.iter().cloned());
    }
    let ordered: Vec<&Written> = written.iter().collect();
    diags.extend(anchor_errors(site, &ordered));
    if diags.has_errors() {
        diags.sort();
        return Err(Failure::Content(std::mem::take(diags)));
    }
    let lap = timings.lap("checks", lap);
    // Every page is rendered and checked: the explainers' text is not read
    // again (findings keep their own reference to the text they quote).
    site.release_sources();
    let site: &Site = site;
    files += pages::write_lists(site, &ordered, sink, diags, &pages::Lists::All)
        .map_err(|e| Failure::Io(e.to_string()))?;
    let lap = timings.lap("lists", lap);
    files += write_assets(site, sink, diags).map_err(|e| Failure::Io(e.to_string()))?;
    let lap = timings.lap("assets", lap);
    if site.options.search {
        let records = written
            .iter_mut()
            .filter_map(search::Record::from_written)
            .collect();
        files += search::write_index(records, &site.config.language, sink).map_err(Failure::Io)?;
        timings.lap("search", lap);
    }
    diags.sort();
    if diags.has_errors() {
        return Err(Failure::Content(std::mem::take(diags)));
    }
    Ok(Rendering {
        written,
        files,
        timings,
    })
}

/// Renders every explainer's page into `sink`, in parallel; returns what
/// each left behind, in `site.pages` order.
pub fn render_pages(
    site: &Site,
    sink: &dyn Sink,
    progress: Option<&Progress>,
) -> Result<Vec<Written>, Failure> {
    if let Some(p) = progress {
        p.total.store(site.pages.len(), Ordering::Relaxed);
    }
    // Pages render on every core; one writer thread puts them on disk. File
    // systems create entries in one folder far faster from one thread than
    // from several contending for it, and the writes overlap the rendering.
    let (written, write_error) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, String)>(256);
        let writer = scope.spawn(move || {
            let mut error = None;
            for (i, html) in rx {
                let path = format!("{}/index.html", site.pages[i].slug);
                if let Err(e) = sink.write(&path, html.as_bytes()) {
                    error.get_or_insert(e.to_string());
                }
            }
            error
        });
        let written: Vec<Written> = (0..site.pages.len())
            .into_par_iter()
            .map_with(tx, |tx, i| {
                let (written, html) = render_page(site, i, site.options.search);
                if let Some(p) = progress {
                    p.done.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(html) = html {
                    // The writer only stops early if it panicked; joining reports that.
                    let _ = tx.send((i, html));
                }
                written
            })
            .collect();
        (
            written,
            writer
                .join()
                .unwrap_or_else(|_| Some("the writer thread failed".into())),
        )
    });
    if let Some(e) = write_error {
        return Err(Failure::Io(e));
    }
    Ok(written)
}

/// Renders explainer `i`: its summary, body and page HTML (`None` when its
/// template failed; the error is among the diagnostics).
pub fn render_page(site: &Site, i: usize, collect_text: bool) -> (Written, Option<String>) {
    let mut rendered = site.render_body(i, collect_text);
    let (summary, html) = page_html(site, i, &rendered);
    let html = match html {
        Ok(html) => Some(html),
        Err(d) => {
            if !rendered.diagnostics.iter().any(|x| x.message == d.message) {
                rendered.diagnostics.push(d);
            }
            None
        }
    };
    // Kept: what checks, lists, search and serve read later. The rest only
    // made this page, and 10,000 pages' worth of it is memory for nothing.
    rendered.html = String::new();
    rendered.key_points_html = None;
    rendered.toc = Vec::new();
    rendered.sources = Vec::new();
    rendered.further_reading = Vec::new();
    rendered.notes = Vec::new();
    rendered.ids.shrink_to_fit();
    let value = tera::Value::from_serializable(&summary);
    let record = collect_text.then(|| {
        Arc::new(search::Record::of(
            &summary,
            std::mem::take(&mut rendered.text),
        ))
    });
    (
        Written {
            value,
            rendered,
            record,
        },
        html,
    )
}

/// The template stage of explainer `i`: its summary, and `page.html`
/// rendered around its already rendered body.
pub fn page_html(
    site: &Site,
    i: usize,
    rendered: &Rendered,
) -> (Summary, Result<String, Diagnostic>) {
    let page = &site.pages[i];
    let base = &site.config.base_url;
    let meta = &page.front.meta;
    let summary = Summary::new(meta, &page.slug, rendered.words, base);
    let corrections = dated(&meta.corrections, base);
    let json_ld = structured::news_article(
        &structured::ArticleData {
            summary: &summary,
            sources: &rendered.sources,
            further_reading: &rendered.further_reading,
            corrections: &corrections,
            correction_texts: meta
                .corrections
                .iter()
                .map(|c| inline::plain(&c.note))
                .collect(),
        },
        &site.config,
    );
    let view = PageView {
        summary: &summary,
        body: &rendered.html,
        key_points_html: rendered.key_points_html.as_deref(),
        toc: (meta.toc && !rendered.toc.is_empty()).then_some(rendered.toc.as_slice()),
        sources: &rendered.sources,
        further_reading: &rendered.further_reading,
        notes: &rendered.notes,
        updates: dated(&meta.updates, base),
        corrections,
        json_ld,
        extra: &meta.extra,
        draft: meta.draft,
    };
    let mut ctx = tera::Context::new();
    ctx.insert("page", &view);
    let html = site.templates.render("page.html", &ctx);
    (summary, html)
}

/// Links to `other.md#anchor`: the anchor must exist on that page.
/// `written` is in `site.pages` order.
pub fn anchor_errors(site: &Site, written: &[&Written]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if written.iter().all(|w| w.rendered.anchor_checks.is_empty()) {
        return errors;
    }
    let by_slug: std::collections::HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    for w in written {
        for check in &w.rendered.anchor_checks {
            if let Some(&i) = by_slug.get(check.slug.as_str())
                && !written[i].rendered.has_id(&check.anchor)
            {
                errors.push(check.error.clone());
            }
        }
    }
    errors
}

/// Static files, the highlighting stylesheet, `.nojekyll` and `CNAME`.
pub fn write_assets(
    site: &Site,
    out: &dyn Sink,
    diags: &mut Diagnostics,
) -> std::io::Result<usize> {
    let mut count = 0;
    if !site.statics.contains_key("syntax.css") {
        match highlight::stylesheet(&site.config.highlight_theme, highlight::DARK_THEME) {
            Ok(css) => {
                out.write("syntax.css", css.as_bytes())?;
                count += 1;
            }
            Err(e) => diags.push(crate::config::SiteConfig::error_at_key(
                &site.root,
                "highlight_theme",
                format!("bad `highlight_theme`: {e}"),
            )),
        }
    }
    let statics: Vec<_> = site.statics.iter().collect();
    statics
        .par_iter()
        .try_for_each(|(path, source)| match source {
            model::StaticSource::BuiltIn(bytes) => out.write(path, bytes),
            model::StaticSource::Disk(from) => out.copy(path, from),
        })?;
    count += statics.len();
    if !site.statics.contains_key(".nojekyll") {
        out.write(".nojekyll", b"")?;
        count += 1;
    }
    if let Some(cname) = &site.config.cname
        && !site.statics.contains_key("CNAME")
    {
        out.write("CNAME", format!("{cname}\n").as_bytes())?;
        count += 1;
    }
    Ok(count)
}
