//! What the Markdown stage keeps that a page does not show: link
//! dependencies, words, text. (What it renders is checked by the cases in
//! `tests/fixtures/markdown/`.)

use super::test_support::render_md;

#[test]
fn links_record_what_they_depend_on() {
    let r = render_md(
        "",
        "[o](../other.md#x) [m](missing.md) [i](/images/a.png) [t](/tags/x/) [e](https://e.org)\n",
    );
    assert_eq!(
        r.facts.link_deps,
        [
            "content/other.md",
            "content/a/missing.md",
            "images/a.png",
            "tags/x/"
        ]
    );
    use super::LinkTargets;
    assert!(LinkTargets::depends("tags/x/", "tags/x/index.html"));
    assert!(LinkTargets::depends("tags/x", "tags/x/index.html"));
    assert!(LinkTargets::depends("images/a.png", "images/a.png"));
    assert!(!LinkTargets::depends("tags/xy/", "tags/x/index.html"));
}

#[test]
fn text_and_words_are_collected() {
    let r = render_md("", "Hello *big* world.\n\n```\nnot counted\n```\n");
    assert_eq!(r.facts.words, 3);
    assert!(r.facts.text.contains("Hello"));
}

#[test]
fn words_are_counted_like_split_whitespace() {
    let long = "word  and\tmore\n".repeat(100);
    for text in [
        "",
        " ",
        "one",
        " two  words ",
        "a\tb\nc",
        "déjà vu, é",
        "\x0Bx\x0B\x0C",
        &long,
    ] {
        assert_eq!(
            super::count_words(text),
            text.split_ascii_whitespace().count(),
            "{text:?}"
        );
    }
}
