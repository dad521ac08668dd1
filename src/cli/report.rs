//! How the command line prints problems and counts.
#![allow(clippy::print_stderr)]

use std::io::IsTerminal;

use crate::diagnostics::Diagnostics;

pub(super) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// How many warnings `build` shows in full; `check` shows them all.
pub(super) const BUILD_WARNINGS_SHOWN: usize = 20;

/// Prints every error, and warnings up to `warning_limit`.
pub(super) fn print_diagnostics(diags: &Diagnostics, warning_limit: Option<usize>) {
    let (mut shown, mut hidden) = (0, 0);
    let selected = diags.iter().filter(|d| {
        if d.is_error() {
            return true;
        }
        if warning_limit.is_some_and(|limit| shown >= limit) {
            hidden += 1;
            return false;
        }
        shown += 1;
        true
    });
    eprint!("{}", crate::diagnostics::render_all(selected, color()));
    if hidden > 0 {
        eprintln!(
            "… and {hidden} more warning{}: `lede check` lists them all\n",
            plural(hidden)
        );
    }
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `, 1 warning` / `, 2 warnings` / nothing.
pub(super) fn warnings(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(", {n} warning{}", plural(n)),
    }
}
