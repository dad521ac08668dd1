//! The explainer hooks of FORMAT.md §3, checked on a fixture that uses every
//! construct.

use std::collections::{HashMap, HashSet};

use crate::support::{Html, Site, select, text};

fn build() -> (Site, Html, String) {
    let site = Site::fixture("constructs");
    let run = site.lede(&["build"]);
    run.ok();
    let page = site.page("all/index.html");
    (site, page, run.stderr)
}

fn ids(page: &Html) -> HashSet<String> {
    select(page, "[id]")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .map(str::to_string)
        .collect()
}

#[test]
fn citations_are_numbered_in_reading_order_with_back_links_both_ways() {
    let (_site, page, _) = build();
    let cites = select(&page, "sup a.citation");
    let numbers: Vec<String> = cites.iter().map(text).collect();
    // council in the intro, then the key points box (herald, council), then the
    // annotation note on "Jane Ruiz" (council), the body, the quote's attribution.
    assert_eq!(numbers, ["1", "2", "1", "1", "2", "1", "1"]);
    let all_ids = ids(&page);
    let mut per_source: HashMap<String, usize> = HashMap::new();
    for c in &cites {
        let href = c.value().attr("href").unwrap();
        let id = c.value().attr("id").unwrap();
        let source = href.strip_prefix("#source-").expect("href=#source-ID");
        let n = per_source.entry(source.to_string()).or_default();
        *n += 1;
        assert_eq!(id, format!("cite-{source}-{n}"));
        assert!(all_ids.contains(&href[1..]), "{href} exists");
        let back = select(
            &page,
            &format!("ol.sources li#source-{source} a.backref[href='#{id}']"),
        );
        assert_eq!(back.len(), 1, "a back-link to {id}");
    }
    for b in select(&page, "a.backref") {
        let target = &b.value().attr("href").unwrap()[1..];
        assert!(all_ids.contains(target), "back-link to missing #{target}");
    }
    let listed: Vec<&str> = select(&page, "ol.sources > li")
        .iter()
        .map(|l| l.value().attr("id").unwrap())
        .collect();
    assert_eq!(listed, ["source-council", "source-herald"]);
    let council = text(&select(&page, "li#source-council")[0]);
    for part in [
        "City Council",
        "Harbour bridge tolling: final business case",
        "3 February 2026",
        "archived copy",
    ] {
        assert!(council.contains(part), "{part} in {council}");
    }
    let further: Vec<&str> = select(&page, ".further-reading li")
        .iter()
        .map(|l| l.value().attr("id").unwrap())
        .collect();
    assert_eq!(further, ["source-extra-reading"]);
}

#[test]
fn citations_carry_their_preview_data() {
    let (_site, page, _) = build();
    let c = &select(&page, "a.citation")[0];
    assert_eq!(c.value().attr("data-publisher"), Some("City Council"));
    assert_eq!(c.value().attr("data-date"), Some("3 February 2026"));
    assert!(select(&page, "script[src$='lede.js']").len() == 1);
}

#[test]
fn notes_have_their_own_list_with_back_links() {
    let (_site, page, _) = build();
    let notes = select(&page, "ol.notes > li#note-fn");
    assert_eq!(notes.len(), 1);
    assert!(text(&notes[0]).contains("An ordinary footnote."));
    let back = select(&page, "ol.notes li#note-fn a.backref")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        select(&page, &format!("a{back}[href='#note-fn']")).len(),
        1,
        "the reference links to the note and back"
    );
}

#[test]
fn key_points_are_placed_by_the_marker() {
    let (site, page, _) = build();
    let raw = site.public("all/index.html");
    let body = &raw[raw.find("class=\"article-body\"").expect("the body")..];
    let box_at = body
        .find("class=\"key-points\"")
        .expect("the box is in the body");
    let intro = body.find("congestion charge").unwrap();
    let section = body.find("id=\"where-the-money-goes\"").unwrap();
    assert!(
        intro < box_at && box_at < section,
        "after the first paragraph, before the next heading"
    );
    assert_eq!(select(&page, "section.key-points").len(), 1);
    assert_eq!(select(&page, "section.key-points ul > li").len(), 2);
    assert_eq!(
        select(
            &page,
            "section.key-points a.read-more[href='#where-the-money-goes']"
        )
        .len(),
        1
    );
}

#[test]
fn quote_post_callouts_annotations_and_figures() {
    let (_site, page, _) = build();
    let quote = select(&page, "figure.quote");
    assert_eq!(quote.len(), 1);
    assert_eq!(select(&page, "figure.quote > blockquote").len(), 1);
    assert_eq!(
        text(&select(&page, "figure.quote figcaption cite")[0]),
        "Jane Ruiz"
    );
    assert!(
        text(&select(&page, "figure.quote figcaption")[0])
            .contains("speaking at the committee hearing")
    );
    let post = select(&page, "figure.post");
    assert_eq!(post.len(), 1);
    assert_eq!(
        select(
            &page,
            "figure.post a[href='https://example.social/@city/1']"
        )
        .len(),
        1
    );
    assert!(
        text(&post[0]).contains("@CityCouncil")
            && text(&post[0]).contains("Tolls start on 1 March.")
    );
    assert_eq!(
        select(&page, "script[src^='http']").len() + select(&page, "iframe").len(),
        0,
        "no third-party embeds"
    );
    for kind in ["note", "tip", "important", "warning", "caution"] {
        assert_eq!(
            select(&page, &format!("aside.callout.callout-{kind}")).len(),
            1,
            "{kind}"
        );
    }
    let annotations = select(&page, "span.annotation");
    assert_eq!(annotations.len(), 2);
    assert_eq!(select(&page, "span.annotation [role=note]").len(), 2);
    assert_eq!(
        text(&select(&page, ".annotation-term")[0]),
        "congestion charge"
    );
    assert_eq!(
        select(&page, "span.annotation [role=note] a.citation").len(),
        1,
        "the note's citation"
    );
    let figure = select(&page, ".article-body figure.figure");
    assert_eq!(figure.len(), 1);
    assert_eq!(
        text(&select(&page, "figure.figure figcaption")[0]),
        "Where the toll applies"
    );
    assert_eq!(
        select(
            &page,
            "figure.figure img[src='/repo/images/map.svg'][alt='A square map']"
        )
        .len(),
        1
    );
}

#[test]
fn hero_updates_corrections_and_toc() {
    let (_site, page, _) = build();
    assert_eq!(select(&page, "figure.hero figcaption span.credit").len(), 1);
    assert_eq!(select(&page, "section.updates li").len(), 1);
    assert_eq!(select(&page, "section.corrections li").len(), 1);
    assert_eq!(
        select(&page, "nav.toc a[href='#where-the-money-goes']").len(),
        1
    );
    let code = select(&page, "pre.code[data-lang=python] span");
    assert!(
        !code.is_empty() && code.iter().all(|s| s.value().attr("style").is_none()),
        "classes, not inline colours"
    );
}

#[test]
fn an_uncited_source_is_a_warning_with_its_line() {
    let (_site, _page, stderr) = build();
    assert!(
        stderr.contains("warning: source `extra-reading` is never cited"),
        "{stderr}"
    );
    assert!(stderr.contains("--> content/all.md:27:3"), "{stderr}");
}

#[test]
fn a_site_can_override_a_component() {
    let site = Site::fixture("override");
    site.lede(&["build"]).ok();
    let page = site.page("q/index.html");
    assert_eq!(select(&page, "figure.my-quote[data-override=yes]").len(), 1);
    assert_eq!(text(&select(&page, "figure.my-quote cite")[0]), "A Speaker");
}
