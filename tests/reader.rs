//! The page as a reader meets it (the design-desk issue): what a
//! validator does not catch. The layout itself is measured in a browser
//! (`browser::the_layout_holds_at_every_width_with_and_without_javascript`).

use crate::publishing::json_ld;
use crate::support::{Html, Site};

fn explainer(title: &str, front: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2026-02-04\n{front}---\n{body}\n")
}

#[test]
fn a_source_without_a_title_shows_its_host_never_the_bare_url() {
    let site = Site::fixture("layout");
    let run = site.lede(&["build", "--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.public("layout/index.html");
    let long = "https://www.b.example.org/a/very/long/path/that/would/wrap/on/a/phone";
    assert!(
        page.contains(&format!(
            "<span class=\"publisher\">Agency B</span>, <a class=\"source-host\" href=\"{long}\">b.example.org</a>"
        )),
        "{page}"
    );
    assert!(
        !page.contains(&format!(">{long}<")),
        "the URL is never the link text"
    );
    // Its citation preview gets the host too, not an empty line.
    assert!(page.contains("data-host=\"b.example.org\""), "{page}");
    assert!(
        !page.contains("data-host=\"a.example.org\""),
        "a titled source needs no host"
    );
}

#[test]
fn counts_take_the_plural_form_of_the_sites_language() {
    let site = Site::fixture("minimal");
    site.write(
        "content/one.md",
        explainer("One point", "key_points: [\"Only this.\"]\n", "Short."),
    );
    site.write(
        "content/three.md",
        explainer("Three points", "key_points: [A, B, C]\n", "Short."),
    );
    assert_eq!(site.lede(&["build", "--no-search"]).code, 0);
    let home = site.public("index.html");
    assert!(home.contains("<span>1 key point</span>"), "{home}");
    assert!(home.contains("<span>3 key points</span>"), "{home}");
    assert!(home.contains("<span>1 min read</span>"), "{home}");
    assert!(!home.contains("1 key points"), "{home}");
    // French: 0 and 1 are singular; a site's own forms replace the words.
    site.write(
        "site.yaml",
        "title: Minimal\nbase_url: https://example.github.io/repo/\nlanguage: fr\nlabels:\n  key_points_count_one: \"{n} point clé\"\n  key_points_count_other: \"{n} points clés\"\n  minutes_read_one: \"{n} min de lecture\"\n  minutes_read_other: \"{n} min de lecture\"\n",
    );
    let run = site.lede(&["build", "--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.public("index.html");
    assert!(home.contains("<span>1 point clé</span>"), "{home}");
    assert!(home.contains("<span>3 points clés</span>"), "{home}");
    // Arabic has six forms; `_two` is accepted as an override.
    site.write(
        "site.yaml",
        "title: Minimal\nbase_url: https://example.github.io/repo/\nlanguage: ar\nlabels:\n  key_points_count_two: \"نقطتان\"\n",
    );
    let run = site.lede(&["build", "--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn notes_are_lettered_where_sources_are_numbered() {
    let site = Site::fixture("layout");
    assert_eq!(site.lede(&["build", "--no-search"]).code, 0);
    let page = site.public("layout/index.html");
    assert!(
        page.contains("aria-label=\"Note a\">a</a></sup>"),
        "a note's mark is a letter: {page}"
    );
    assert!(page.contains("<ol class=\"notes\" type=\"a\">"), "{page}");
    assert!(page.contains("class=\"citation\""), "{page}");
    // The back-link follows the note's text, not on a line of its own.
    assert!(
        page.contains("</div><span class=\"backrefs\">"),
        "the back-link sits right after the note: {page}"
    );
}

#[test]
fn desks_and_teams_are_organizations_in_structured_data() {
    let site = Site::fixture("minimal");
    site.write(
        "site.yaml",
        "title: Minimal\nbase_url: https://example.github.io/repo/\nauthors:\n  The Explainers:\n    kind: organization\n  Jo Staff:\n    kind: person\n",
    );
    site.write(
        "content/by.md",
        explainer(
            "Bylines",
            "authors: [World desk, Jane Ruiz, The Explainers, Jo Staff]\n",
            "Body.",
        ),
    );
    let run = site.lede(&["build", "--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ld = json_ld(&Html::parse_document(&site.public("by/index.html")));
    let kinds: Vec<(String, String)> = ld["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["@type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("World desk", "Organization"),
        ("Jane Ruiz", "Person"),
        ("The Explainers", "Organization"),
        ("Jo Staff", "Person"),
    ];
    assert_eq!(
        kinds,
        want.map(|(n, k)| (n.to_string(), k.to_string())),
        "{ld}"
    );
    // A kind that is neither is an error at its line.
    site.write(
        "site.yaml",
        "title: Minimal\nbase_url: https://example.github.io/repo/\nauthors:\n  World desk:\n    kind: team\n",
    );
    let run = site.lede(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`team` is not a kind of author"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> site.yaml:5:11"), "{}", run.stderr);
}

#[test]
fn the_code_stylesheet_is_linked_only_where_code_is_highlighted() {
    let site = Site::fixture("minimal");
    site.write(
        "content/code.md",
        explainer("Code", "", "```rust\nfn main() {}\n```"),
    );
    site.write("content/plain.md", explainer("Plain", "", "No code."));
    assert_eq!(site.lede(&["build", "--no-search"]).code, 0);
    let link = "syntax.css\">";
    assert!(site.public("code/index.html").contains(link));
    assert!(!site.public("plain/index.html").contains(link));
    assert!(!site.public("index.html").contains(link));
    assert!(
        site.root().join("public/syntax.css").is_file(),
        "still written, for the pages that link it"
    );
}
