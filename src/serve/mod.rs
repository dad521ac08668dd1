//! `lede serve`: build the site into memory, serve it over HTTP under the
//! path of its `base_url`, watch the site's files and rebuild on change,
//! and reload open pages.
//!
//! Three parts run side by side:
//! - [`watch`]: file events, debounced and sorted into a [`watch::Batch`];
//! - the rebuild thread (`Rebuild`): owns the [`Live`] site; an explainer
//!   change is an incremental update, anything else a full load; the result
//!   goes into the shared [`http::Served`] state in one short write;
//! - [`http`]: answers requests from memory (tokio + axum).
//!
//! Two helpers work off the edit's path: the search index ([`index`]) and
//! the encoder of images shown before their variants are made ([`encode`]).
//!
//! A failed build never stops the server: pages show the error overlay
//! until the problem is fixed.

mod console;
mod encode;
pub mod http;
mod index;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::site::live::Live;
use crate::site::sink::Files;
use crate::site::{self, Failure, IoError, ModelOptions, Progress};
use console::Console;
use encode::Encoder;
use http::{Hosts, Served, Shared};
use index::Indexer;
use watch::{Batch, Watcher};

/// Above this many explainers changed at once (a branch switch), a full
/// load is faster than one update per file.
const MAX_INCREMENTAL: usize = 200;

/// What `lede serve` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on (loopback unless told otherwise).
    pub bind: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Keep a search index (rebuilt off the edit's path).
    pub search: bool,
}

/// Serves until the process is stopped; returns only on a failure to
/// start. `progress` counts the first build, and `first_built` runs once it
/// is done, before anything is printed.
pub fn run(
    options: &Options,
    progress: Option<&Progress>,
    first_built: impl FnOnce(),
) -> Result<(), Failure> {
    site::ensure_site(&options.root)?;
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        Failure::Usage(format!(
            "cannot listen on {}: {e}",
            SocketAddr::new(options.bind, options.port)
        ))
    })?;
    let listening = SocketAddr::new(options.bind, options.port).to_string();
    let addr = listener
        .local_addr()
        .map_err(|e| IoError::new("listen on", &listening, e))?;
    let (tx, rx) = channel();
    let encoder = Encoder::start(tx.clone());
    let watcher = Watcher::start(&options.root, tx)
        .map_err(|e| IoError::new("watch", &options.root, std::io::Error::other(e)))?;
    let shared = Arc::new(Shared {
        served: RwLock::new(Served::default()),
        version: tokio::sync::watch::Sender::new(0),
        hosts: Hosts::new(options.bind, addr.port()),
    });
    let console = Console::new();
    let mut rebuild = Rebuild {
        root: options.root.clone(),
        model: ModelOptions {
            drafts: options.drafts,
            // The editor sees scheduled explainers, labelled as such.
            future: true,
            base_url: None,
            search: options.search,
            preview: true,
            lint: false,
            pictures: site::Pictures::Cached,
            read_cache: true,
        },
        live: None,
        shared: shared.clone(),
        console,
        indexer: Indexer::start(shared.clone()),
        encoder,
    };
    let started = Instant::now();
    let loaded = Live::load(&rebuild.root, &rebuild.model, progress);
    first_built();
    rebuild.publish(None, loaded, started);
    console.serving(&addr, &shared.read().base);
    if !options.bind.is_loopback() {
        console.exposed(&addr);
    }
    std::thread::Builder::new()
        .name("lede-rebuild".into())
        .spawn(move || rebuild.run(&rx, watcher))
        .map_err(|e| IoError::new("start a thread for", &options.root, e))?;
    listen(listener, shared)
}

/// Runs the HTTP server on the bound listener.
fn listen(listener: TcpListener, shared: Arc<Shared>) -> Result<(), Failure> {
    let at = listener
        .local_addr()
        .map_or_else(|_| "the server".to_string(), |a| a.to_string());
    let io = |e: std::io::Error| Failure::Io(IoError::new("serve on", &at, e));
    listener.set_nonblocking(true).map_err(io)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(io)?;
    runtime
        .block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let app = axum::Router::new()
                .fallback(http::handle)
                .with_state(shared);
            axum::serve(listener, app).await
        })
        .map_err(io)
}

/// The rebuild thread's state.
struct Rebuild {
    root: PathBuf,
    model: ModelOptions,
    /// `None` until a full load succeeds (then changes are incremental).
    live: Option<Live>,
    shared: Arc<Shared>,
    console: Console,
    /// Refreshes the search index off the edit's path.
    indexer: Indexer,
    /// Encodes the images pages show without their variants, off the
    /// edit's path.
    encoder: Encoder,
}

impl Rebuild {
    /// Handles batches of changes until the watcher stops.
    fn run(mut self, events: &Receiver<Batch>, mut watcher: Watcher) {
        while let Ok(mut batch) = events.recv() {
            while let Ok(more) = events.try_recv() {
                batch.merge(more);
            }
            self.handle(batch, &mut watcher);
        }
    }

    fn handle(&mut self, mut batch: Batch, watcher: &mut Watcher) {
        let ready: Vec<String> = std::mem::take(&mut batch.ready).into_iter().collect();
        if batch.is_empty() {
            self.swap_in(&ready);
            return;
        }
        let Some(live) = &self.live else {
            self.full(Some("a file"));
            watcher.arm();
            return;
        };
        for other in std::mem::take(&mut batch.others) {
            if self.root.join(&*other).is_dir() {
                batch.full.get_or_insert_with(|| other.to_string());
            } else {
                batch.files.extend(live.files_under(&other));
            }
        }
        if batch.files.len() > MAX_INCREMENTAL {
            batch
                .full
                .get_or_insert_with(|| "many explainers".to_string());
        }
        if let Some(reason) = batch.full {
            self.full(Some(&reason));
            watcher.arm();
        } else {
            if !batch.files.is_empty() {
                let files: Vec<_> = batch.files.into_iter().collect();
                self.incremental(&files);
            }
            self.swap_in(&ready);
        }
    }

    /// Shows the images whose variants are ready as `<picture>`s.
    fn swap_in(&mut self, ready: &[String]) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        if ready.is_empty() {
            return;
        }
        let started = Instant::now();
        let delta = live.swap_in(ready);
        if delta.pages == 0 {
            return;
        }
        let overlay = overlay(&live.diagnostics());
        self.shared.update(|s| {
            s.files.extend(delta.files);
            s.overlay = overlay;
        });
        self.console
            .swapped(ready.len(), delta.pages, started.elapsed());
    }

    /// Loads and renders the whole site.
    fn full(&mut self, reason: Option<&str>) {
        let started = Instant::now();
        let loaded = Live::load(&self.root, &self.model, None);
        self.publish(reason, loaded, started);
    }

    /// Serves a full load's result (or its errors) and reports it.
    fn publish(
        &mut self,
        reason: Option<&str>,
        loaded: Result<(Live, Files), Diagnostics>,
        started: Instant,
    ) {
        match loaded {
            Ok((live, files)) => {
                let diags = live.diagnostics();
                let base = live.site().config.base_url.path().to_string();
                let overlay = overlay(&diags);
                let explainers = live.site().pages.len();
                let count = files.len();
                self.shared.update(|s| {
                    *s = Served {
                        files,
                        base,
                        overlay,
                    };
                });
                let elapsed = started.elapsed();
                self.console
                    .built(reason, explainers, count, &diags, elapsed);
                self.indexer.refresh(&live);
                self.encoder.request(&live);
                self.live = Some(live);
            }
            Err(diags) => {
                let base = crate::load::config(&self.root)
                    .ok()
                    .and_then(|file| SiteConfig::from_file(&file).ok())
                    .map(|c| c.base_url.path().to_string());
                self.shared.update(|s| {
                    if let Some(base) = base {
                        s.base = base;
                    } else if s.base.is_empty() {
                        s.base = "/".into();
                    }
                    s.overlay = overlay(&diags);
                });
                self.console.failed(reason, &diags);
                self.live = None;
            }
        }
    }

    /// Re-renders what depends on these explainer files.
    fn incremental(&mut self, files: &[Arc<str>]) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let started = Instant::now();
        let shared = &self.shared;
        let delta = live.update(files, &mut |pages| shared.early(pages));
        let diags = live.diagnostics();
        let overlay = overlay(&diags);
        let (pages, lists) = (delta.pages, delta.files.len().saturating_sub(delta.pages));
        self.shared.update(|s| {
            s.files.extend(delta.files);
            for path in &delta.removed {
                s.files.remove(path);
            }
            s.overlay = overlay;
        });
        let elapsed = started.elapsed();
        // The edited files' problems, and every error; the rest is counted.
        let shown: Diagnostics = diags
            .iter()
            .filter(|d| d.is_error() || d.file.as_ref().is_some_and(|f| files.contains(f)))
            .cloned()
            .collect();
        self.console
            .updated(files, (pages, lists), &shown, &diags, elapsed);
        if pages > 0 {
            self.indexer.refresh(live);
            self.encoder.request(live);
        }
    }
}

/// The page shown instead of every page while the site has errors: the
/// same report as the terminal's, without colours.
fn overlay(diags: &Diagnostics) -> Option<String> {
    if !diags.has_errors() {
        return None;
    }
    let n = diags.error_count();
    let text = crate::markdown::escape(diags.render(false).trim_end());
    Some(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Build failed · lede</title>\n<style>{}</style>\n</head>\n<body>\n<main class=\"lede-overlay\">\n\
<h1>The site has {n} error{}</h1>\n<p>Fix {} and save: this page reloads by itself.</p>\n\
<pre>{text}</pre>\n</main>\n</body>\n</html>\n",
        OVERLAY_CSS,
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" },
    ))
}

const OVERLAY_CSS: &str = "body{margin:0;background:#1d1f21;color:#f3f3f3;\
font:16px/1.5 system-ui,sans-serif}main{max-width:60rem;margin:0 auto;padding:2rem 1rem}\
h1{color:#ff8a80;font-size:1.5rem}pre{white-space:pre-wrap;background:#111;padding:1rem;\
border-left:4px solid #ff8a80;font:14px/1.45 ui-monospace,monospace;overflow-x:auto}";
