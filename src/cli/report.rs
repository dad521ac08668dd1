//! How the command line prints problems and counts.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::collections::HashMap;
use std::io::IsTerminal;

use crate::diagnostics::Diagnostics;

pub(super) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// How many warnings `build` shows in full; `check` shows them all.
pub(super) const BUILD_WARNINGS_SHOWN: usize = 20;

/// How many findings of one kind in one file are shown in full (unless
/// `lede check --all`); the rest are counted in one line.
pub(super) const SHOWN_PER_KIND: usize = 20;

/// Prints every error, and warnings up to `warning_limit`; of one kind of
/// finding in one file, `per_kind` at most, then a line with the count of
/// the rest.
pub(super) fn print_diagnostics(
    diags: &Diagnostics,
    warning_limit: Option<usize>,
    per_kind: Option<usize>,
) {
    let (mut shown, mut hidden) = (0, 0);
    // Per file and kind: how many so far, the first one (its place in the
    // list and its message), and its place in `capped` once there are more
    // than `per_kind`.
    type Kind<'a> = (usize, (usize, &'a str), Option<usize>);
    let mut kinds: HashMap<(Option<&str>, String), Kind<'_>> = HashMap::new();
    // The kinds over the cap: where the first one is, file, message, how
    // many more.
    let mut capped: Vec<(usize, Option<&str>, &str, usize)> = Vec::new();
    let selected = diags.iter().enumerate().filter_map(|(i, d)| {
        if let Some(cap) = per_kind {
            let file = d.file.as_deref();
            let (seen, first, slot) =
                kinds
                    .entry((file, d.kind()))
                    .or_insert((0, (i, &d.message), None));
            *seen += 1;
            if *seen > cap {
                let slot = *slot.get_or_insert_with(|| {
                    capped.push((first.0, file, first.1, 0));
                    capped.len() - 1
                });
                capped[slot].3 += 1;
                return None;
            }
        }
        if d.is_error() {
            return Some(d);
        }
        if warning_limit.is_some_and(|limit| shown >= limit) {
            hidden += 1;
            return None;
        }
        shown += 1;
        Some(d)
    });
    let selected: Vec<&crate::diagnostics::Diagnostic> = selected.collect();
    eprint!(
        "{}",
        crate::diagnostics::render_all(selected.into_iter(), color())
    );
    // In the order of each kind's first finding.
    capped.sort_unstable_by_key(|c| c.0);
    for (_, file, message, rest) in capped {
        let message = first_line(message);
        eprintln!(
            "… and {rest} more like “{message}”{}: `lede check --all` shows every one\n",
            file.map_or(String::new(), |f| format!(" in {f}"))
        );
    }
    if hidden > 0 {
        eprintln!(
            "… and {hidden} more warning{}: `lede check` lists them all\n",
            plural(hidden)
        );
    }
}

/// A message's first line, shortened.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    match line.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
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
    print_diagnostics(
        &report.diagnostics,
        Some(BUILD_WARNINGS_SHOWN),
        Some(SHOWN_PER_KIND),
    );
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
