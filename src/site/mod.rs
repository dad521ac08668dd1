//! Site, the last stage: assemble the whole site and write it.
//!
//! [`build`] runs the stages in order:
//! 1. [`Site::load`] ([`model`]): the sources ([`crate::load`]), `site.yaml`,
//!    the templates and every explainer's front matter, parsed once, with
//!    the [`index`] of what links may point at and the tags;
//! 2. [`render::render_site`]: every explainer in parallel (Markdown, then
//!    its page template) straight into a temporary [`output`], the checks
//!    across pages, the [`lists`] beside the assets, images and cards
//!    (`media`), and the [`search`] index;
//! 3. the new output swapped in for the old one, atomically.
//!
//! [`check`] does 1 and 2 into nothing ([`sink::Discard`]); `serve` keeps
//! the model in memory ([`live`]) and changes it one explainer at a time
//! (`update`).

mod assets;
mod bodies;
pub mod cards;
pub mod images;
mod index;
pub mod lists;
pub mod live;
mod media;
pub mod model;
pub mod output;
pub mod page;
pub mod render;
pub mod routes;
pub mod search;
mod settings;
pub mod sink;
mod sitemap;
mod translations;
mod update;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
pub use images::Pictures;
pub use index::{PageIndex, Tags, Unpublished};
pub use model::{ModelOptions, Site};
use output::Output;
pub use page::{Page, StaticSource, Written};
pub use render::Rendering;
pub use routes::GENERATED;
use sink::Discard;
pub use sink::{IoError, Sink};

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
    /// Who removes the previous output.
    pub sweep: output::Sweep,
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
    /// Standalone pages written (`kind: page`).
    pub pages: usize,
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
    /// Images encoded, and taken from the cache.
    pub images: images::ImageReport,
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Wrong usage (exit code 2): a bad output folder, not a site.
    Usage(String),
    /// Content or template errors (exit code 1), with the warnings.
    Content(Diagnostics),
    /// A file could not be written (exit code 1).
    Io(IoError),
}

impl From<IoError> for Failure {
    fn from(e: IoError) -> Self {
        Failure::Io(e)
    }
}

/// Wall time per phase of a build, and the resident memory at its end (in
/// KiB, where the OS tells), for `LEDE_TIMINGS=1` and benchmarks.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration, Option<u64>)>);

impl Timings {
    /// Records the time since `since` as phase `name`; returns now.
    pub fn lap(&mut self, name: &'static str, since: Instant) -> Instant {
        let now = Instant::now();
        self.record(name, now - since);
        now
    }

    /// Records `took` as phase `name` (a phase timed on its own, beside
    /// others).
    pub fn record(&mut self, name: &'static str, took: Duration) {
        self.0.push((name, took, resident_kib()));
    }
}

/// Resident memory of this process in KiB (Linux: `/proc/self/status`).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The site a command works on: `--root` when given; by default the
/// current folder or, as git and cargo do, the nearest folder above it that
/// holds a site.yaml (so `lede new` works from inside `content/`).
pub fn find_site(root: PathBuf) -> PathBuf {
    if root != Path::new(".") || root.join(crate::config::FILE).is_file() {
        return root;
    }
    let Ok(here) = std::env::current_dir() else {
        return root;
    };
    here.ancestors()
        .skip(1)
        .find(|dir| dir.join(crate::config::FILE).is_file())
        .map_or(root, Path::to_path_buf)
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
        // Every file was checked as far as it could be: count them all.
        Err(diags) => (crate::load::explainers(root).0.len(), diags),
        Ok((mut site, diags)) => {
            let (written, diags) = match render::render_site(&mut site, &Discard, diags, progress) {
                Ok(rendering) => (rendering.written, rendering.diagnostics),
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
    let (mut site, diags) = Site::load(root, &options.model).map_err(Failure::Content)?;
    let mut timings = Timings::default();
    timings.lap("load", started);
    let out = Output::begin(target)?;
    let rendering = render::render_site(&mut site, &out, diags, options.progress.as_deref())?;
    timings.0.extend(rendering.timings.0);
    let output = out.target().to_path_buf();
    let lap = Instant::now();
    out.commit_with(&options.sweep)?;
    timings.lap("swap in", lap);
    let explainers: usize = site.index.langs.iter().map(|g| g.explainers.len()).sum();
    let report = Report {
        explainers,
        pages: rendering.written.len() - explainers,
        files: rendering.files,
        diagnostics: rendering.diagnostics,
        output,
        images: rendering.images,
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
