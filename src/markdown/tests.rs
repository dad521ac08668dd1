use super::test_support::{problems, render_md};

// The harness writes `---`, title, date, the given keys and `---`: with no
// other keys, body line 1 is file line 5.

#[test]
fn gfm_basics_render() {
    let r = render_md(
        "",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\n\"Quotes\" -- and...\n",
    );
    assert!(r.html.contains("<table>"), "{}", r.html);
    assert!(r.html.contains("<del>gone</del>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("“Quotes” – and…"), "{}", r.html);
    assert!(problems(&r).is_empty(), "{:?}", problems(&r));
}

#[test]
fn heading_ids_are_unique_and_anchored() {
    let r = render_md(
        "",
        "## Sources\n\n## What next?\n\n## What next?\n\n### Deep {#custom}\n",
    );
    assert!(
        r.html.contains("<h2 id=\"sources-1\">"),
        "page ids are reserved: {}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"what-next\">"));
    assert!(r.html.contains("<h2 id=\"what-next-1\">"));
    assert!(r.html.contains("<h3 id=\"custom\">"));
    assert!(
        r.html
            .contains("class=\"heading-anchor\" href=\"#what-next\"")
    );
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[2].children[0].id, "custom");
}

#[test]
fn callouts_render_through_their_component() {
    for kind in ["note", "tip", "important", "warning", "caution"] {
        let r = render_md("", &format!("> [!{}]\n> Body text.\n", kind.to_uppercase()));
        assert!(
            r.html.contains(&format!(
                "<aside class=\"callout callout-{kind}\" role=\"note\""
            )),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>Body text.</p>"));
    }
}

const SOURCES: &str = "sources:\n  a: { publisher: A, title: Alpha, url: https://a.org/ }\n  b: { publisher: B }\n  c: { title: Gamma }\n";

#[test]
fn citations_are_numbered_in_reading_order_and_keep_their_number() {
    let r = render_md(SOURCES, "One [^b] two [^a] three [^b] four [^c].\n");
    let order: Vec<(String, Option<usize>, usize)> = r
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.number, s.backrefs.len()))
        .collect();
    assert_eq!(
        order,
        [
            ("b".into(), Some(1), 2),
            ("a".into(), Some(2), 1),
            ("c".into(), Some(3), 1)
        ]
    );
    assert!(r.html.contains("id=\"cite-b-1\""));
    assert!(r.html.contains("id=\"cite-b-2\""));
    assert!(r.html.contains("href=\"#source-b\""));
    assert_eq!(r.sources[0].backrefs[1].href, "#cite-b-2");
    assert_eq!(r.sources[0].backrefs[1].label, "b");
}

#[test]
fn key_points_count_first_or_where_placed() {
    let front = format!("{SOURCES}key_points:\n  - text: K\n    sources: [c]\n");
    let first = render_md(&front, "Body [^a].\n");
    assert_eq!(first.sources[0].id, "c", "box first: c is 1");
    assert!(first.key_points_html.is_some());
    let placed = render_md(&front, "Body [^a].\n\n<!-- key-points -->\n\nMore [^b].\n");
    let ids: Vec<&str> = placed.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "b"]);
    assert!(placed.key_points_html.is_none());
    assert!(placed.html.contains("<section class=\"key-points\""));
}

#[test]
fn key_point_section_must_name_a_heading() {
    let front =
        "key_points:\n  - text: K\n    section: nowhere\n  - text: L\n    section: where-it-goes\n";
    let r = render_md(front, "## Where it goes\n");
    assert_eq!(
        problems(&r),
        ["6:14 error: no heading with the id `nowhere` in this explainer"]
    );
    assert!(
        r.key_points_html
            .unwrap()
            .contains("href=\"#where-it-goes\"")
    );
}

#[test]
fn notes_stay_notes_and_unknown_references_are_errors() {
    let r = render_md(
        SOURCES,
        "Cite [^a], note [^1], bad [^zz].\n\n[^1]: The note.\n",
    );
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].id, "note-1");
    assert!(r.notes[0].html.contains("The note."));
    assert!(r.html.contains("href=\"#note-1\""));
    assert!(
        !r.html.contains("The note."),
        "the definition leaves the flow"
    );
    let p = problems(&r);
    assert_eq!(
        p[0], "9:27 error: `[^zz]` is neither a source nor a note",
        "{p:?}"
    );
    let help = r.diagnostics[0].help.as_deref().unwrap_or("");
    assert!(help.contains("a, b, c"), "{help}");
}

#[test]
fn uncited_sources_warn_and_become_further_reading() {
    let r = render_md(SOURCES, "Only [^a].\n");
    assert_eq!(r.further_reading.len(), 2);
    assert_eq!(
        problems(&r),
        [
            "6:3 warning: source `b` is never cited",
            "7:3 warning: source `c` is never cited"
        ]
    );
}

#[test]
fn quote_callouts_split_the_attribution() {
    let body =
        "> [!QUOTE]\n> We would rather charge.\n>\n> — Jane Ruiz, speaking at the hearing [^a]\n";
    let r = render_md(SOURCES, body);
    assert!(r.html.contains("<figure class=\"quote\">"), "{}", r.html);
    assert!(r.html.contains("<cite>Jane Ruiz</cite>"), "{}", r.html);
    assert!(
        r.html
            .contains("<span class=\"quote-context\">speaking at the hearing<sup"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("[!QUOTE]"));
    let dashes = render_md("", "> [!QUOTE]\n> Text\n>\n> -- Someone\n");
    assert!(
        dashes.html.contains("<cite>Someone</cite>"),
        "{}",
        dashes.html
    );
    let bare = render_md("", "> [!QUOTE]\n> Unattributed words.\n");
    assert_eq!(
        problems(&bare),
        ["5:1 warning: this quote has no attribution"]
    );
}

#[test]
fn post_embeds_parse_their_header() {
    let r = render_md(
        "",
        "> [!POST] @agency · 2026-02-04 · https://example.social/@agency/1\n> The post text.\n",
    );
    assert!(r.html.contains("<figure class=\"post\">"), "{}", r.html);
    assert!(r.html.contains("href=\"https://example.social/@agency/1\""));
    assert!(r.html.contains("<p>The post text.</p>"));
    assert!(r.html.contains("@agency"));
    let bad = render_md("", "Intro.\n\n> [!POST] just an author\n> text\n");
    let p = problems(&bad);
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("7:3 error: bad post header"), "{p:?}");
}

#[test]
fn annotations_take_the_first_plain_occurrence() {
    let front = format!(
        "{SOURCES}annotations:\n  toll: Note on toll.\n  Jane Ruiz: {{ note: Chair., source: a }}\n  absent: Never used.\n"
    );
    let body =
        "## The toll\n\n[toll](https://x.org) and `toll` then the toll tolls. Jane Ruiz spoke.\n";
    let r = render_md(&front, body);
    let first = r.html.find("<span class=\"annotation\"").unwrap();
    assert!(
        r.html[..first].contains("the "),
        "skips heading, link and code: {}",
        r.html
    );
    assert!(
        r.html
            .contains("<span class=\"annotation-term\">toll</span>")
    );
    assert!(
        r.html.contains("Chair.<sup class=\"citation-ref\">"),
        "{}",
        r.html
    );
    assert_eq!(r.sources[0].id, "a");
    let p = problems(&r);
    assert!(
        p.contains(&"11:3 warning: annotated term `absent` does not occur in the text".to_string()),
        "{p:?}"
    );
}

#[test]
fn lone_images_become_figures() {
    let r = render_md(
        "",
        "![A map](/images/a.png \"The map\")\n\nText ![inline](/images/a.png) here.\n",
    );
    assert!(r.html.contains("<figure class=\"figure\">"), "{}", r.html);
    assert!(r.html.contains("src=\"/repo/images/a.png\" alt=\"A map\""));
    assert!(r.html.contains("<figcaption>The map</figcaption>"));
    assert!(
        r.html
            .contains("<img src=\"/repo/images/a.png\" alt=\"inline\"")
    );
}

#[test]
fn images_without_alt_text_are_warnings() {
    let r = render_md(
        "",
        "![](/images/a.png)\n\nText ![ ](/images/a.png) and ![ok](/images/a.png).\n",
    );
    assert_eq!(
        problems(&r),
        [
            "5:1 warning: this image has no alt text",
            "7:6 warning: this image has no alt text"
        ]
    );
}

#[test]
fn links_record_what_they_depend_on() {
    let r = render_md(
        "",
        "[o](../other.md#x) [m](missing.md) [i](/images/a.png) [t](/tags/x/) [e](https://e.org)\n",
    );
    assert_eq!(
        r.link_deps,
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
fn links_resolve_and_broken_ones_are_errors() {
    let body = "[o](../other.md) [oa](../other.md#x) [i](/images/a.png) [e](https://e.org)\n\n\
                [m](missing.md) [d](draft.md) [f](/nope.png) [h](#nowhere) [j](javascript:alert(1)) [r](pic.png)\n";
    let r = render_md("", body);
    assert!(r.html.contains("href=\"/repo/other/\""), "{}", r.html);
    assert!(r.html.contains("href=\"/repo/other/#x\""));
    assert!(r.html.contains("href=\"/repo/images/a.png\""));
    assert!(r.html.contains("href=\"https://e.org\""));
    assert_eq!(r.anchor_checks.len(), 1);
    assert_eq!(
        (
            r.anchor_checks[0].slug.as_str(),
            r.anchor_checks[0].anchor.as_str()
        ),
        ("other", "x")
    );
    let p = problems(&r);
    assert_eq!(p.len(), 6, "{p:#?}");
    assert!(
        p[0].starts_with(
            "7:1 error: link to `missing.md`, but there is no explainer at `content/a/missing.md`"
        ),
        "{p:?}"
    );
    assert!(p[1].contains("is a draft"));
    assert!(p[2].contains("no such file"));
    assert!(
        p[3].contains("relative link to `pic.png`") || p[3].contains("javascript"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x.contains("no element with the id `nowhere`")),
        "{p:?}"
    );
}

#[test]
fn code_is_highlighted_with_classes() {
    let r = render_md("", "```rust\nfn main() {}\n```\n\n```\nplain <b>\n```\n");
    assert!(
        r.html.contains("<pre class=\"code\" data-lang=\"rust\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("class=\"hl-"));
    assert!(r.html.contains("plain &lt;b&gt;"));
}

#[test]
fn text_and_words_are_collected() {
    let r = render_md("", "Hello *big* world.\n\n```\nnot counted\n```\n");
    assert_eq!(r.words, 3);
    assert!(r.text.contains("Hello"));
}

#[test]
fn task_markers_have_accessible_names() {
    let r = render_md("", "- [x] done\n- [ ] not yet\n");
    assert!(r.html.contains("checked aria-label=\"Done\""), "{}", r.html);
    assert!(r.html.contains("aria-label=\"To do\""), "{}", r.html);
}

#[test]
fn a_citation_attaches_to_the_word_before_it() {
    let r = render_md(SOURCES, "Words [^a], more words[^b] and [^c].\n");
    assert!(r.html.contains("Words<sup"), "{}", r.html);
    assert!(r.html.contains("words<sup"), "{}", r.html);
    assert!(r.html.contains("and<sup"), "{}", r.html);
}

#[test]
fn words_are_counted_like_split_whitespace() {
    for text in ["", " ", "one", " two  words ", "a\tb\nc", "déjà vu, é"] {
        assert_eq!(
            super::count_words(text),
            text.split_ascii_whitespace().count(),
            "{text:?}"
        );
    }
}
