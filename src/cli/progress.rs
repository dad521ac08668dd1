//! The progress line a long build shows on a terminal.
#![allow(clippy::print_stderr)]

use std::io::IsTerminal;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::site::Progress;

/// Shows a counter on stderr while a long build runs: only on a terminal,
/// and only once it has taken a second.
pub(super) struct ProgressDisplay {
    pub(super) progress: Arc<Progress>,
    thread: Option<JoinHandle<()>>,
}

impl ProgressDisplay {
    pub(super) fn start() -> Self {
        let progress = Arc::new(Progress::default());
        let thread = std::io::stderr().is_terminal().then(|| {
            let p = progress.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut shown = false;
                while !p.is_finished() {
                    std::thread::sleep(Duration::from_millis(100));
                    if p.is_finished() || started.elapsed() < Duration::from_secs(1) {
                        continue;
                    }
                    match p.get() {
                        (_, 0) => eprint!("\r\x1b[2Kloading the site…"),
                        (done, total) => eprint!("\r\x1b[2Krendering explainers: {done}/{total}"),
                    }
                    shown = true;
                }
                if shown {
                    eprint!("\r\x1b[2K");
                }
            })
        });
        Self { progress, thread }
    }

    /// Stops the display and clears its line.
    pub(super) fn stop(&mut self) {
        self.progress.finish();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
