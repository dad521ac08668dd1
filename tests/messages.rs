//! `docs/errors.md`, the table of every error and warning lede gives, is
//! generated from the cases' snapshots (`tests/snapshots/`), so it cannot
//! drift: a changed message changes a snapshot, and then this table.
//! `LEDE_BLESS=1 cargo test --test main messages` rewrites it.
//!
//! Every message the source writes (a string literal given to a diagnostic)
//! must be shown by a case, or be listed in [`NO_CASE`] with the reason and
//! the test that shows it instead.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::support::repo_root;

/// Messages no case can show: the longest fixed part of each as the source
/// writes it (what the test matches), the message as readers see it, and
/// why no case shows it and where it is tested instead.
const NO_CASE: [(&str, &str, &str); 12] = [
    (
        "cannot read this file: ",
        "cannot read this file: …",
        "needs a file the test user cannot read",
    ),
    (
        "cannot read part of ",
        "cannot read part of …/: …",
        "needs a folder the test user cannot read",
    ),
    (
        "this symbolic link points outside the site; lede does not follow it",
        "this symbolic link points outside the site; lede does not follow it",
        "symbolic links do not survive every checkout of lede (`tests/hostile/symlinks.rs` makes them)",
    ),
    (
        "this symbolic link leads to a folder; lede does not follow it",
        "this symbolic link leads to a folder; lede does not follow it",
        "symbolic links (`tests/hostile/symlinks.rs`)",
    ),
    (
        "this symbolic link is broken or loops; lede does not follow it: ",
        "this symbolic link is broken or loops; lede does not follow it: …",
        "symbolic links (`tests/hostile/symlinks.rs`)",
    ),
    (
        ", outside the site; lede does not follow it",
        "… is a symbolic link to …, outside the site; lede does not follow it",
        "symbolic links (`tests/hostile/symlinks.rs`)",
    ),
    (
        " is a broken or looping symbolic link: ",
        "… is a broken or looping symbolic link: …",
        "symbolic links (`tests/hostile/symlinks.rs`)",
    ),
    (
        "this file cannot be checked out on every system: ",
        "this file cannot be checked out on every system: …",
        "a fixture with such a name would break checkouts of lede itself (`tests/structure.rs` writes one)",
    ),
    (
        "bad --base-url: ",
        "bad --base-url: …",
        "a command-line flag, not a file",
    ),
    (
        "); it is shown as plain text",
        "could not highlight this `…` code (…); it is shown as plain text",
        "syntect's own failure on a grammar; no input is known to cause it",
    ),
    (
        " has the same output path as this explainer",
        "static/… has the same output path as this explainer",
        "`lede serve` only, when a static file is added where a page is (`src/site/update.rs`)",
    ),
    (
        "this page (at `",
        "this page (at `…`) has the same output path as …",
        "a guard: valid slugs cannot reach it (a reserved slug is reported by the slug check)",
    ),
];

/// One diagnostic as a snapshot shows it.
struct Shown {
    severity: String,
    message: String,
    /// The whole block: header, location, snippet, help.
    block: String,
    help: Vec<String>,
    case: String,
}

/// Every diagnostic in the cases' snapshots, in case order.
fn shown() -> Vec<Shown> {
    let dir = repo_root().join("tests/snapshots");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("main__cases__") && n.ends_with(".snap"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let case = text
            .lines()
            .find_map(|l| l.strip_prefix("input_file: "))
            .unwrap_or(&name)
            .trim_start_matches("tests/")
            .to_string();
        let body = text.split_once("\n---\n").map_or("", |(_, b)| b);
        let mut current: Option<Shown> = None;
        for line in body.lines() {
            let header = ["error", "warning", "info"]
                .into_iter()
                .find_map(|s| line.strip_prefix(&format!("{s}: ")).map(|m| (s, m)));
            if let Some((severity, message)) = header {
                out.extend(current.take());
                current = Some(Shown {
                    severity: severity.to_string(),
                    message: message.to_string(),
                    block: format!("{line}\n"),
                    help: Vec::new(),
                    case: case.clone(),
                });
            } else if let Some(s) = current.as_mut() {
                if line.starts_with('<') || line.starts_with("  <") {
                    // The HTML after a markdown case's report.
                    out.extend(current.take());
                    continue;
                }
                if let Some((_, help)) = line.split_once("= help: ") {
                    s.help.push(help.to_string());
                }
                s.block.push_str(line);
                s.block.push('\n');
            }
        }
        out.extend(current);
    }
    for s in &mut out {
        s.block = s.block.trim_end().to_string();
    }
    out
}

/// A message with what varies (in backticks or quotes, numbers) left out,
/// so one kind of message is one row.
fn kind_of(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("`…`");
            continue;
        }
        for (j, text) in part.split('"').enumerate() {
            out.push_str(if j % 2 == 1 { "\"…\"" } else { text });
        }
    }
    let mut kind = String::with_capacity(out.len());
    for c in out.chars() {
        if c.is_ascii_digit() {
            if !kind.ends_with('N') {
                kind.push('N');
            }
        } else {
            kind.push(c);
        }
    }
    kind
}

/// The case's name and its link from docs/: a site case by its folder.
fn case_link(case: &str) -> String {
    match case.strip_suffix("/site.yaml") {
        Some(dir) => format!(
            "[{}/](../tests/{dir}/)",
            dir.rsplit('/').next().unwrap_or(dir)
        ),
        None => format!(
            "[{}](../tests/{case})",
            case.rsplit('/').next().unwrap_or(case)
        ),
    }
}

fn generate(shown: &[Shown]) -> String {
    let mut kinds: BTreeMap<(u8, String), &Shown> = BTreeMap::new();
    for s in shown {
        let rank = match s.severity.as_str() {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        kinds.entry((rank, kind_of(&s.message))).or_insert(s);
    }
    let mut md = String::from(
        "# Every error and warning\n\n\
         <!-- Generated by tests/messages.rs from the cases' snapshots; do not edit.\n     \
         LEDE_BLESS=1 cargo test --test main messages rewrites it. -->\n\n\
         Each message lede can give, as `lede check` prints it for a case of\n\
         `tests/fixtures/errors/` or `tests/fixtures/markdown/`, with what to do.\n\
         What varies (a key, a path, a number) is shown as `…` in the list and\n\
         as it was in the example. An error stops the build (exit code 1); a\n\
         warning does not, unless `lede check --strict`; `info` is news only.\n\n",
    );
    let _ = writeln!(
        md,
        "| | message | what to do | case |\n| --- | --- | --- | --- |"
    );
    for (n, ((_, kind), s)) in kinds.iter().enumerate() {
        let help = if s.help.is_empty() {
            "the message says it".to_string()
        } else {
            s.help.join(" ")
        };
        let _ = writeln!(
            md,
            "| {} | [{}](#m{}) | {} | {} |",
            s.severity,
            cell(kind),
            n + 1,
            cell(&help),
            case_link(&s.case)
        );
    }
    md.push_str("\n## Examples\n");
    for (n, ((_, kind), s)) in kinds.iter().enumerate() {
        let _ = write!(
            md,
            "\n<a id=\"m{}\"></a>\n### {}: {}\n\nFrom `{}`:\n\n```text\n{}\n```\n",
            n + 1,
            s.severity,
            kind,
            s.case,
            s.block
        );
    }
    md.push_str(
        "\n## Messages no case shows\n\n| message | why, and where it is tested |\n| --- | --- |\n",
    );
    for (_, message, why) in NO_CASE {
        let _ = writeln!(md, "| {} | {} |", cell(message), cell(why));
    }
    md
}

/// Text safe in a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[test]
fn the_error_table_is_generated_from_the_cases() {
    let shown = shown();
    assert!(
        shown.len() > 50,
        "the cases show {} diagnostics",
        shown.len()
    );
    let md = generate(&shown);
    let path = repo_root().join("docs/errors.md");
    if std::env::var_os("LEDE_BLESS").is_some() {
        std::fs::write(&path, &md).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == md,
        "docs/errors.md is not what the cases show: run `LEDE_BLESS=1 cargo test --test main messages` and review the diff"
    );
}

#[test]
fn every_message_the_source_writes_has_a_case() {
    let shown = shown();
    let messages: String = shown.iter().map(|s| format!("{}\n", s.message)).collect();
    let mut missing = Vec::new();
    let mut used = vec![false; NO_CASE.len()];
    let mut count = 0;
    for (file, fragment) in source_messages(&repo_root().join("src")) {
        count += 1;
        if messages.contains(&fragment) {
            continue;
        }
        match NO_CASE.iter().position(|(m, _, _)| fragment.contains(m)) {
            Some(i) => used[i] = true,
            None => missing.push(format!("{file}: {fragment}")),
        }
    }
    assert!(count > 60, "found only {count} messages in src/");
    assert!(
        missing.is_empty(),
        "messages no case shows (add a case under tests/fixtures/errors/, or list it in NO_CASE with why):\n{}",
        missing.join("\n")
    );
    for (i, (m, _, _)) in NO_CASE.iter().enumerate() {
        assert!(
            used[i] || !messages.contains(m),
            "`{m}` is in NO_CASE but a case shows it"
        );
        assert!(
            used[i],
            "`{m}` is in NO_CASE but the source no longer writes it"
        );
    }
}

/// The fixed part of each message the source gives a diagnostic: for each
/// call that makes one, the string literal among its arguments with the
/// longest run of text between `{…}` placeholders, and that run.
fn source_messages(dir: &Path) -> Vec<(String, String)> {
    const CALLS: [&str; 8] = [
        "Diagnostic::error(",
        "Diagnostic::warning(",
        "Diagnostic::info(",
        ".error(",
        ".warning(",
        ".error_at(",
        ".error_at_key(",
        ".warning_at(",
    ];
    let mut out = Vec::new();
    for entry in walkdir(dir) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains("test") {
            continue;
        }
        let text = std::fs::read_to_string(&entry).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        let rel = entry
            .strip_prefix(repo_root())
            .unwrap()
            .display()
            .to_string();
        for call in CALLS {
            for (at, _) in text.match_indices(call) {
                let args = &text[at + call.len()..];
                let best = literals(args)
                    .into_iter()
                    .map(|l| longest_run(&l))
                    .max_by_key(String::len)
                    .unwrap_or_default();
                if best.trim().len() >= 6 {
                    out.push((rel.clone(), best));
                }
            }
        }
    }
    out
}

/// The string literals in a call's arguments (up to its closing paren).
fn literals(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 1usize;
    let mut chars = args.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            '"' => {
                let mut lit = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(n) = chars.next() {
                                lit.push(if n == '"' { '"' } else { n });
                            }
                        }
                        '"' => break,
                        c => lit.push(c),
                    }
                }
                out.push(lit);
            }
            _ => {}
        }
    }
    out
}

/// The longest text of a format string between its placeholders.
fn longest_run(literal: &str) -> String {
    let mut runs = vec![String::new()];
    let mut in_placeholder = false;
    for c in literal.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                runs.push(String::new());
            }
            '}' => in_placeholder = false,
            c if !in_placeholder => runs.last_mut().unwrap().push(c),
            _ => {}
        }
    }
    runs.into_iter().max_by_key(String::len).unwrap_or_default()
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}
