//! What `serve` prints: where it serves, and after every rebuild the
//! problems (on stderr) and one summary line (on stdout), like `build`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::diagnostics::Diagnostics;

/// The terminal.
#[derive(Clone, Copy, Debug)]
pub(super) struct Console {
    color: bool,
}

impl Console {
    /// Colours when stderr is a terminal and `NO_COLOR` is not set.
    pub(super) fn new() -> Self {
        Self {
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// The address to open.
    pub(super) fn serving(self, addr: &SocketAddr, base: &str) {
        println!("serving http://{addr}{base} (Ctrl-C to stop)");
    }

    /// A warning when the server is reachable from other machines.
    pub(super) fn exposed(self, addr: &SocketAddr) {
        eprintln!(
            "warning: listening on {}, reachable from other machines on the network",
            addr.ip()
        );
    }

    /// After a full load.
    pub(super) fn built(
        self,
        reason: Option<&str>,
        explainers: usize,
        files: usize,
        diags: &Diagnostics,
        elapsed: Duration,
    ) {
        self.problems(diags);
        let because = reason.map(|r| format!("{r} changed: ")).unwrap_or_default();
        println!(
            "{because}built {explainers} explainer{} ({files} files) in {:.2} s{}",
            plural(explainers),
            elapsed.as_secs_f64(),
            counts(diags)
        );
    }

    /// After a full load that failed.
    pub(super) fn failed(self, reason: Option<&str>, diags: &Diagnostics) {
        self.problems(diags);
        let because = reason.map(|r| format!("{r} changed: ")).unwrap_or_default();
        println!(
            "{because}build failed{}; the browser shows the errors until they are fixed",
            counts(diags)
        );
    }

    /// After an incremental update: `shown` are the problems to print,
    /// `diags` all of them (counted).
    pub(super) fn updated(
        self,
        files: &[Arc<str>],
        (pages, lists): (usize, usize),
        shown: &Diagnostics,
        diags: &Diagnostics,
        elapsed: Duration,
    ) {
        self.problems(shown);
        let what = match files {
            [one] => one.to_string(),
            many => format!("{} explainers", many.len()),
        };
        let shown = if diags.has_errors() {
            "; the browser shows the errors until they are fixed"
        } else {
            ""
        };
        println!(
            "{what} changed: rendered {pages} page{} and {lists} list{} in {} ms{}{shown}",
            plural(pages),
            plural(lists),
            elapsed.as_millis(),
            counts(diags)
        );
    }

    /// After images' variants were swapped in.
    pub(super) fn swapped(self, images: usize, pages: usize, elapsed: Duration) {
        println!(
            "{images} image{} encoded: rendered {pages} page{} again in {} ms",
            plural(images),
            plural(pages),
            elapsed.as_millis()
        );
    }

    fn problems(self, diags: &Diagnostics) {
        if !diags.is_empty() {
            eprint!("{}", diags.render(self.color));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `, 1 error, 2 warnings` (only what there is).
fn counts(diags: &Diagnostics) -> String {
    let mut out = String::new();
    for (n, what) in [
        (diags.error_count(), "error"),
        (diags.warning_count(), "warning"),
    ] {
        if n > 0 {
            out.push_str(&format!(", {n} {what}{}", plural(n)));
        }
    }
    out
}
