//! Publishing output: structured data, social tags, feed and sitemap.

use crate::support::{Html, Site, lede_in, repo_root, select};

fn demo() -> (Site, std::path::PathBuf) {
    let out = Site::empty();
    let dir = out.root().join("site");
    lede_in(
        &repo_root(),
        &[
            "build",
            "--no-search",
            "--output",
            dir.to_str().unwrap(),
            "--base-url",
            "https://example.github.io/repo/",
        ],
    )
    .ok();
    (out, dir)
}

fn page(dir: &std::path::Path, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(dir.join(rel)).unwrap())
}

/// The page's one JSON-LD object.
pub(crate) fn json_ld(html: &Html) -> serde_json::Value {
    let scripts = select(html, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    serde_json::from_str(&scripts[0].inner_html()).expect("JSON-LD parses")
}

#[test]
fn a_demo_explainer_has_a_complete_news_article() {
    let (_keep, dir) = demo();
    let ld = json_ld(&page(&dir, "measles/index.html"));
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Why measles is back, and what it takes to stop it"
    );
    assert!(
        ld["description"]
            .as_str()
            .unwrap()
            .starts_with("Global cases rose")
    );
    assert_eq!(
        ld["image"][0],
        "https://example.github.io/repo/images/measles-coverage.svg"
    );
    assert_eq!(ld["datePublished"], "2025-07-10T00:00:00Z");
    assert_eq!(ld["dateModified"], "2025-12-02T00:00:00Z");
    // "Explainer Desk" is a desk: an organization (its last word).
    assert_eq!(ld["author"][0]["@type"], "Organization");
    assert_eq!(ld["author"][0]["name"], "Explainer Desk");
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "The Explainer Desk");
    assert_eq!(
        ld["mainEntityOfPage"]["@id"],
        "https://example.github.io/repo/measles/"
    );
    let citations = ld["citation"].as_array().unwrap();
    assert_eq!(citations.len(), 5);
    assert_eq!(citations[0]["@type"], "CreativeWork");
    assert_eq!(
        citations[0]["url"],
        "https://www.who.int/news-room/fact-sheets/detail/measles"
    );
    assert_eq!(
        citations[0]["publisher"]["name"],
        "World Health Organization"
    );
    let correction = &ld["correction"][0];
    assert_eq!(correction["@type"], "CorrectionComment");
    assert!(
        correction["text"]
            .as_str()
            .unwrap()
            .starts_with("An earlier version")
    );
    assert_eq!(correction["datePublished"], "2025-07-11T00:00:00Z");
}

#[test]
fn explainers_have_social_tags_and_a_canonical_link() {
    let (_keep, dir) = demo();
    let html = page(&dir, "high-seas-treaty/index.html");
    let meta = |sel: &str| {
        select(&html, sel)
            .first()
            .and_then(|e| e.value().attr("content"))
            .map(str::to_string)
    };
    assert_eq!(meta("meta[property='og:type']").as_deref(), Some("article"));
    assert_eq!(
        meta("meta[property='og:url']").as_deref(),
        Some("https://example.github.io/repo/high-seas-treaty/")
    );
    // The social card is the shared image.
    assert_eq!(
        meta("meta[property='og:image']").as_deref(),
        Some("https://example.github.io/repo/high-seas-treaty/card.png")
    );
    assert!(meta("meta[property='og:image:alt']").is_some());
    assert_eq!(
        meta("meta[name='twitter:card']").as_deref(),
        Some("summary_large_image")
    );
    assert!(
        meta("meta[name='description']")
            .unwrap()
            .starts_with("A UN agreement")
    );
    let canonical = select(&html, "link[rel=canonical]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        canonical,
        "https://example.github.io/repo/high-seas-treaty/"
    );
    assert!(
        select(&html, ".article-footer .tag-list a").len() >= 2,
        "tags are shown on the explainer"
    );
}

#[test]
fn a_script_end_tag_in_front_matter_cannot_break_the_json_ld() {
    let site = Site::fixture("minimal");
    site.write("content/x.md", "---\ntitle: \"</script><script>alert(1)</script>\"\ndek: \"<!-- & -->\"\ndate: 2026-01-01\n---\nText.\n");
    site.lede(&["build", "--no-search"]).ok();
    let raw = site.public("x/index.html");
    assert_eq!(
        raw.matches("</script>").count(),
        raw.matches("<script").count(),
        "every script element closes once"
    );
    let ld = json_ld(&site.page("x/index.html"));
    assert_eq!(ld["headline"], "</script><script>alert(1)</script>");
    assert_eq!(ld["description"], "<!-- & -->");
}

#[test]
fn feed_and_sitemap_use_absolute_urls_and_lastmod() {
    let (_keep, dir) = demo();
    let feed = std::fs::read_to_string(dir.join("atom.xml")).unwrap();
    assert!(feed.contains("<id>https://example.github.io/repo/measles/</id>"));
    assert!(feed.contains("<published>2025-07-10T00:00:00Z</published>"));
    assert!(
        feed.contains("<summary type=\"html\">&lt;p&gt;Global cases rose"),
        "dek and key points as HTML"
    );
    let first = feed.find("<entry>").unwrap();
    assert!(
        feed[first..].find("high-seas-treaty").unwrap() < feed[first..].find("measles").unwrap(),
        "newest first"
    );
    let sitemap = std::fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(
            "<loc>https://example.github.io/repo/measles/</loc><lastmod>2025-12-02</lastmod>"
        ),
        "{sitemap}"
    );
    let robots = std::fs::read_to_string(dir.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.github.io/repo/sitemap.xml"));
}
