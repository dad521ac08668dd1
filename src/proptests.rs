//! Property tests (proptest) over the front matter parser and the Markdown
//! stage: whatever an editor types, no panic, and every finding points at a
//! place inside the file it names.
//!
//! Inputs are built from fragments that reach the interesting paths (keys of
//! every field, YAML syntax, explainer constructs) mixed with arbitrary text.
//! `PROPTEST_CASES` sets the number of cases (default 256 per property, what
//! `cargo test` runs); `fuzz/` holds the cargo-fuzz targets for longer runs.

use std::sync::Arc;

use proptest::prelude::*;

use crate::diagnostics::{Diagnostic, SourceText};
use crate::front_matter;

/// Every finding names its file and a span inside `source`.
fn placed(d: &Diagnostic, source: &str) -> Result<(), TestCaseError> {
    prop_assert!(d.file.is_some(), "no file: {d:?}");
    let span = d.span();
    prop_assert!(span.is_some(), "no position: {}", d.message);
    let span = span.unwrap_or_default();
    prop_assert!(
        span.start <= span.end && span.end <= source.len(),
        "span {span:?} outside a {}-byte file: {}",
        source.len(),
        d.message
    );
    prop_assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
    let (line, col) = d.line_col().unwrap_or((0, 0));
    prop_assert!(line >= 1 && col >= 1, "line {line} col {col}");
    // Rendering the snippet must not panic either.
    let _ = d.render(false);
    Ok(())
}

const FRONT_FRAGMENTS: &[&str] = &[
    "title: ",
    "dek: ",
    "date: ",
    "updated: ",
    "authors: ",
    "tags: ",
    "slug: ",
    "draft: ",
    "toc: ",
    "hero:\n  src: ",
    "  alt: ",
    "  caption: ",
    "  credit: ",
    "key_points:\n",
    "  - ",
    "  - text: ",
    "    sources: [",
    "    section: ",
    "sources:\n",
    "  s1:\n",
    "    url: ",
    "    publisher: ",
    "    title: ",
    "    date: ",
    "    archived: ",
    "annotations:\n",
    "  term: ",
    "  term:\n    note: ",
    "    source: ",
    "updates:\n",
    "corrections:\n",
    "  - date: ",
    "    note: ",
    "extra:\n",
    "  k: ",
    "2026-02-04",
    "2026-13-40",
    "\"quoted\"",
    "'single'",
    "https://example.org/a",
    "javascript:alert(1)",
    "/images/a.png",
    "[a, b]",
    "{a: 1}",
    "&anchor ",
    "*anchor",
    "!!binary ",
    "|\n  block\n",
    ">-\n",
    "\t",
    "\r\n",
    "\r",
    "\n",
    ": ",
    "- ",
    "? ",
    "#",
    "%YAML 1.2\n",
    "---",
    "...",
    "\u{feff}",
    "\0",
    "é",
    "日本",
    "🙂",
    "true",
    "null",
    "~",
    "1e999",
    "-0",
    "0x1F",
];

const BODY_FRAGMENTS: &[&str] = &[
    "\n\n",
    "\n",
    "# ",
    "## Heading",
    "### ",
    "[^s1]",
    "[^n1]",
    "[^n1]: a note\n",
    "[^nope]",
    "> ",
    "> [!QUOTE]\n> words\n> — Speaker, context [^s1]\n",
    "> [!POST] Ann · 2026-01-02 · https://example.org/p\n> text\n",
    "> [!POST] broken\n",
    "> [!NOTE]\n> note\n",
    "> [!WARNING]\n",
    "<!-- key-points -->\n",
    "[link](other.md)",
    "[bad](missing.md)",
    "[anchor](#heading)",
    "[gone](#nowhere)",
    "![alt](/images/a.png \"Title\")",
    "![x](nope.png)",
    "`code`",
    "```rust\nfn main() {}\n```\n",
    "```\nunclosed",
    "<script>",
    "</div>",
    "term",
    "Term",
    "*em*",
    "**strong**",
    "~~del~~",
    "- [ ] task\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "---\n",
    "\t",
    "\r\n",
    "\r",
    "é",
    "🙂",
    "\u{feff}",
    "\0",
    "&amp;",
    "<",
    "\\",
    "--",
    "—",
];

fn mix(fragments: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(fragments).prop_map(str::to_string),
        1 => "[a-z0-9 :\\-\\[\\]{}#>\"'\n]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect::<String>()),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

/// A front matter every body is rendered with: a source, an annotation and
/// key points that point into the body.
const FRONT: &str = "sources:\n  s1:\n    url: https://example.org/s\n    publisher: P\n    title: T\nannotations:\n  term: A note.\nkey_points:\n  - text: First\n    sources: [s1]\n";

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn front_matter_never_panics_and_places_every_error(yaml in mix(FRONT_FRAGMENTS, 24), body in mix(BODY_FRAGMENTS, 4)) {
        let file: Arc<str> = Arc::from("content/p.md");
        let source = SourceText::new(format!("---\n{yaml}\n---\n{body}"));
        if let Err(errors) = front_matter::parse(&file, &source) {
            prop_assert!(!errors.is_empty());
            for d in &errors {
                placed(d, &source)?;
            }
        }
    }

    #[test]
    fn any_file_text_is_parsed_or_refused_with_a_position(text in any::<String>()) {
        let file: Arc<str> = Arc::from("content/p.md");
        let source = SourceText::new(text);
        if let Err(errors) = front_matter::parse(&file, &source) {
            for d in &errors {
                placed(d, &source)?;
            }
        }
    }

    #[test]
    fn markdown_stage_never_panics_and_places_every_finding(body in mix(BODY_FRAGMENTS, 32)) {
        let (source, rendered) = crate::markdown::test_support::render_with(FRONT, &body);
        for d in &rendered.facts.diagnostics {
            placed(d, &source)?;
        }
    }
}
