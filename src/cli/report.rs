//! How the command line prints problems and counts.
#![allow(clippy::print_stderr, clippy::print_stdout)]

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

/// What a successful build says: its warnings, its timings (with
/// `LEDE_TIMINGS`), what it wrote, and its images.
pub(super) fn print_build(report: &crate::site::Report) {
    let printing = std::time::Instant::now();
    print_diagnostics(&report.diagnostics, Some(BUILD_WARNINGS_SHOWN));
    if std::env::var_os("LEDE_TIMINGS").is_some() {
        for (phase, took, rss) in &report.timings.0 {
            let rss = rss.map_or(String::new(), |kib| {
                format!("  {:>6} MB resident", kib / 1024)
            });
            eprintln!("timing: {phase:<10} {:>8.3} s{rss}", took.as_secs_f64());
        }
        eprintln!(
            "timing: {:<10} {:>8.3} s",
            "messages",
            printing.elapsed().as_secs_f64()
        );
    }
    println!(
        "built {} explainer{}{} ({} files) in {:.2} s{} → {}",
        report.explainers,
        plural(report.explainers),
        match report.pages {
            0 => String::new(),
            n => format!(" and {n} page{}", plural(n)),
        },
        report.files,
        report.elapsed.as_secs_f64(),
        warnings(report.diagnostics.warning_count()),
        report.output.display()
    );
    let images = report.images;
    if images.encoded + images.reused > 0 {
        println!(
            "{} image{} encoded, {} reused",
            images.encoded,
            plural(images.encoded),
            images.reused
        );
    }
}
