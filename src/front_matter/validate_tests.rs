//! Tests of [`super::validate`]: every problem, at its position.

use std::sync::Arc;

use crate::diagnostics::SourceText;
use crate::front_matter::parse;

fn errors(front: &str) -> Vec<String> {
    let src = SourceText::new(format!("---\n{front}---\nbody\n"));
    match parse(&Arc::from("content/a.md"), &src) {
        Ok(_) => Vec::new(),
        Err(ds) => ds
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message))
            .collect(),
    }
}

const OK: &str = "title: T\ndate: 2026-02-04\n";

#[test]
fn a_full_front_matter_parses() {
    let src = SourceText::new(
        "\u{feff}---\r\ntitle: 1984\r\ndate: 2026-02-04\r\n---\r\n"
            .replace('\u{feff}', "")
            .replace("\r\n", "\n"),
    );
    let fm = parse(&Arc::from("a.md"), &src).unwrap();
    assert_eq!(fm.meta.title, "1984");
}

#[test]
fn required_fields() {
    let e = errors("dek: d\n");
    assert_eq!(
        e,
        [
            "content/a.md:2:1 an explainer needs a `title`",
            "content/a.md:2:1 an explainer needs a `date`"
        ]
    );
}

#[test]
fn urls_dates_and_ids_are_checked_with_positions() {
    let e = errors(&format!(
        "{OK}updated: 2026-13-01\nsources:\n  a: {{ title: A, url: \"javascript:alert(1)\" }}\n  b:\n    publisher: B\n    date: sometime\nkey_points:\n  - text: K\n    sources: [a, c]\n"
    ));
    assert_eq!(e.len(), 4, "{e:#?}");
    assert!(e[0].starts_with("content/a.md:4:10 bad date"), "{}", e[0]);
    assert!(
        e[1].starts_with("content/a.md:6:23 `javascript:` URLs are not allowed"),
        "{}",
        e[1]
    );
    assert!(e[2].starts_with("content/a.md:9:11 bad date"), "{}", e[2]);
    assert_eq!(e[3], "content/a.md:12:14 `c` is not a source id");
}

#[test]
fn hero_needs_alt_and_a_usable_src() {
    // A relative `src` is a file of the page's bundle: the Markdown stage
    // checks it exists (tests/fixtures/errors/hero-*).
    let e = errors(&format!("{OK}hero:\n  src: images/a.jpg\n"));
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].contains("needs `alt` text"));
    let e = errors(&format!("{OK}hero: {{ src: \"javascript:x\", alt: A }}\n"));
    assert!(e[0].contains("not allowed for an image"), "{e:?}");
    assert!(errors(&format!("{OK}hero: {{ src: /a.jpg, alt: A photo }}\n")).is_empty());
}

#[test]
fn slug_and_source_shapes() {
    let e = errors(&format!(
        "{OK}slug: Bad Slug\nsources:\n  x: {{ url: https://a.org }}\n"
    ));
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(e[0].contains("not a valid slug"));
    assert!(e[1].contains("needs a `publisher` or a `title`"));
}

#[test]
fn duplicate_keys_inside_maps_are_errors() {
    let e = errors(&format!("{OK}annotations:\n  term: one\n  term: two\n"));
    assert_eq!(
        e,
        ["content/a.md:6:3 `annotations`: duplicate key `term`: it is already defined above"]
    );
}

#[test]
fn wrong_shapes_are_all_reported() {
    let e = errors(
        "titel: T\ndate: 2026-02-04\nkey_points: one point\nsources:\n  a: { title: A, url: \"javascript:x\" }\n",
    );
    assert_eq!(e.len(), 3, "{e:#?}");
    assert!(
        e[0].starts_with("content/a.md:2:1 unknown key `titel`"),
        "{}",
        e[0]
    );
    assert!(
        e[1].starts_with("content/a.md:4:13 `key_points`: expected a list"),
        "{}",
        e[1]
    );
    assert!(
        e[2].starts_with("content/a.md:6:23 `javascript:` URLs are not allowed"),
        "{}",
        e[2]
    );
}
