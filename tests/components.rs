//! The explainer components of FORMAT.md §5.4 as readers and machines get
//! them: the HTML hooks, the JSON-LD `ClaimReview`s and `LiveBlogPosting`,
//! citations numbered in reading order across the blocks, the live label in
//! lists and feeds, and embeds that load nothing from the other site.

use scraper::Html;

use crate::support::{Site, select, text};

fn built() -> Site {
    let site = Site::fixture("components");
    site.lede(&["build"]).ok();
    site
}

/// Every JSON-LD object of a page, in order.
fn json_lds(html: &Html) -> Vec<serde_json::Value> {
    select(html, "script[type='application/ld+json']")
        .iter()
        .map(|s| serde_json::from_str(&s.inner_html()).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn every_claim_has_a_card_and_a_complete_claim_review() {
    let site = built();
    let page = site.page("checks/index.html");
    let lds = json_lds(&page);
    assert_eq!(lds[0]["@type"], "NewsArticle");
    let reviews: Vec<&serde_json::Value> =
        lds.iter().filter(|l| l["@type"] == "ClaimReview").collect();
    let cards = select(&page, "article.claim");
    assert_eq!(reviews.len(), 3);
    assert_eq!(cards.len(), 3);
    for review in &reviews {
        for key in [
            "@context",
            "url",
            "claimReviewed",
            "itemReviewed",
            "reviewRating",
            "author",
            "datePublished",
        ] {
            assert!(
                !review[key].is_null(),
                "ClaimReview without {key}: {review}"
            );
        }
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Components");
        // The review's URL is the card's anchor; its verdict is the words shown there.
        let url = review["url"].as_str().unwrap();
        let anchor = url
            .strip_prefix("https://example.org/repo/checks/#")
            .unwrap();
        let card = select(&page, &format!("article.claim#{anchor}"));
        assert_eq!(card.len(), 1, "no card for {url}");
        let shown = select(&page, &format!("#{anchor} p.verdict .verdict-label"));
        assert_eq!(
            review["reviewRating"]["alternateName"].as_str().unwrap(),
            text(&shown[0])
        );
        let quote = select(&page, &format!("#{anchor} blockquote"));
        assert_eq!(review["claimReviewed"].as_str().unwrap(), text(&quote[0]));
    }
    // Full fields where the front matter has them; ratings from the scale.
    let forty = reviews
        .iter()
        .find(|r| r["url"].as_str().unwrap().ends_with("#claim-forty-million"))
        .unwrap();
    assert_eq!(forty["itemReviewed"]["author"]["name"], "The mayor");
    assert_eq!(
        forty["itemReviewed"]["datePublished"],
        "2026-02-02T00:00:00Z"
    );
    assert_eq!(
        forty["itemReviewed"]["appearance"]["url"],
        "https://radio.example.net/interview"
    );
    assert_eq!(forty["reviewRating"]["ratingValue"], 2);
    assert_eq!(forty["reviewRating"]["bestRating"], 3);
    assert_eq!(forty["reviewRating"]["worstRating"], 1);
    assert_eq!(forty["claimReviewed"], "The toll will raise $40m a year.");
    let later = reviews
        .iter()
        .find(|r| r["url"].as_str().unwrap().ends_with("#claim-later"))
        .unwrap();
    assert_eq!(later["itemReviewed"]["author"]["@type"], "Organization");
    assert!(
        later["reviewRating"].get("ratingValue").is_none(),
        "an unrated verdict has no rating"
    );
    assert_eq!(later["reviewRating"]["alternateName"], "Cannot be checked");
    // The verdict is words, with its key as a class.
    let verdict = select(&page, "#claim-forty-million p.verdict.verdict-misleading");
    assert_eq!(verdict.len(), 1);
}

#[test]
fn the_blocks_have_their_hooks() {
    let site = built();
    let page = site.page("checks/index.html");
    assert_eq!(select(&page, "section.what-we-know ul.known > li").len(), 2);
    assert_eq!(
        select(&page, "section.what-we-know ul.unknown > li").len(),
        1
    );
    let entries = select(&page, "ol.timeline > li");
    assert_eq!(entries.len(), 2);
    for li in &entries {
        let first = li.children().find_map(scraper::ElementRef::wrap).unwrap();
        assert_eq!(first.value().name(), "time");
        assert!(first.value().attr("datetime").is_some());
    }
    assert_eq!(
        select(&page, "ol.timeline time")[1]
            .value()
            .attr("datetime"),
        Some("2026-02-03T18:30:00+13:00")
    );
    // What we know follows the key points; the placed claim is in the body;
    // the timeline, then the other claims, come before the sources.
    let order: Vec<String> = select(&page, "section.key-points, section.what-we-know, #claim-no-exemptions, section.timeline-block, section.claims, section.sources-section")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        order,
        [
            "key-points",
            "what-we-know",
            "claim-no-exemptions",
            "timeline",
            "claims",
            "sources"
        ]
    );
    assert_eq!(select(&page, ".article-body #claim-no-exemptions").len(), 1);
}

#[test]
fn citations_are_numbered_in_reading_order_across_the_blocks() {
    let site = built();
    let page = site.page("checks/index.html");
    let numbers: Vec<usize> = select(&page, "a.citation")
        .iter()
        .map(|a| text(a).parse().unwrap())
        .collect();
    assert!(numbers.len() >= 8, "{numbers:?}");
    let mut highest = 0;
    for n in &numbers {
        assert!(
            *n <= highest + 1,
            "citation {n} before {} in {numbers:?}",
            highest + 1
        );
        highest = highest.max(*n);
    }
    // key points: council 1; known: herald 2; body: radio 3; the placed
    // claim: herald 2; after the body the timeline (1, 2) and the claims.
    assert_eq!(&numbers[..6], &[1, 2, 3, 2, 1, 1]);
    // Each citation's number is its source's place in the sources list.
    for a in select(&page, "a.citation") {
        let href = a.value().attr("href").unwrap();
        let li = select(&page, &format!("ol.sources > li{href}"));
        assert_eq!(
            li[0].value().attr("value"),
            Some(text(&a).as_str()),
            "{href}"
        );
    }
}

#[test]
fn a_live_story_is_a_live_blog_posting_and_says_so_everywhere() {
    let site = built();
    let page = site.page("live/index.html");
    let ld = &json_lds(&page)[0];
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["coverageStartTime"], "2026-02-04T08:00:00+13:00");
    assert!(ld.get("coverageEndTime").is_none());
    let updates = ld["liveBlogUpdate"].as_array().unwrap();
    let entries = select(&page, "section.updates ol.log > li");
    assert_eq!(updates.len(), entries.len());
    assert_eq!(updates.len(), 2);
    for (u, li) in updates.iter().zip(&entries) {
        assert_eq!(u["@type"], "BlogPosting");
        let id = li.value().attr("id").unwrap();
        assert!(u["url"].as_str().unwrap().ends_with(&format!("#{id}")));
        assert!(!u["headline"].as_str().unwrap().is_empty());
        assert_eq!(
            u["datePublished"],
            select(&page, &format!("#{id} time"))[0]
                .value()
                .attr("datetime")
                .unwrap()
        );
    }
    assert_eq!(updates[0]["headline"], "The road has reopened.");
    // The label by the headline links the latest update.
    let live = select(&page, "header p.live");
    assert_eq!(live.len(), 1);
    assert_eq!(
        select(&page, "p.live a")[0].value().attr("href"),
        Some("#update-2026-02-04-1000")
    );
    // In every list: the home page, the tag page, the archive; not for the ended story.
    for list in [
        "index.html",
        "tags/transport/index.html",
        "archive/2026/index.html",
    ] {
        let html = site.page(list);
        let labelled: Vec<String> = select(&html, ".live-label")
            .iter()
            .map(|l| text(l))
            .collect();
        assert_eq!(labelled, ["Live"], "{list}");
    }
    // The feed entry carries the update times; its `updated` is the last one.
    let feed = site.public("atom.xml");
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("/live/"))
        .unwrap();
    assert!(
        entry.contains("<updated>2026-02-04T10:00:00+13:00</updated>"),
        "{entry}"
    );
    assert!(
        entry.contains("datetime=&quot;2026-02-04T09:15:00+13:00&quot;"),
        "{entry}"
    );
}

#[test]
fn a_story_no_longer_live_ends_its_coverage() {
    let site = built();
    let page = site.page("ended/index.html");
    let ld = &json_lds(&page)[0];
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["coverageEndTime"], "2026-01-11T18:00:00+13:00");
    assert_eq!(ld["liveBlogUpdate"].as_array().unwrap().len(), 2);
    assert!(select(&page, "p.live").is_empty());
    assert_eq!(select(&page, "section.updates p.live-ended").len(), 1);
}

#[test]
fn embeds_load_nothing_from_the_other_site_until_asked() {
    let site = Site::fixture("cases");
    site.write(
        "content/embeds.md",
        std::fs::read_to_string(
            crate::support::repo_root().join("tests/fixtures/markdown/embeds.md"),
        )
        .unwrap(),
    );
    site.lede(&["build"]).ok();
    let page = site.page("embeds/index.html");
    let figures = select(&page, "figure.embed");
    assert_eq!(figures.len(), 3);
    // Nothing is loaded from another host: no frame, no script, no image.
    for el in select(&page, "iframe, img, script[src], link[href], source") {
        for attr in ["src", "href", "srcset"] {
            if let Some(url) = el.value().attr(attr) {
                assert!(
                    !url.starts_with("http") || url.starts_with("https://x.org/"),
                    "{url}"
                );
            }
        }
    }
    // Without JavaScript the poster is a real link to the original.
    let links: Vec<&str> = select(&page, "figure.embed a.embed-poster")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "https://www.youtube.com/watch?v=CwgOHpZlxvc",
            "https://datawrapper.dwcdn.net/Ab3dE/2/",
            "https://vimeo.com/76979871",
        ]
    );
    let frame = select(&page, "figure.embed .embed-frame");
    assert_eq!(
        frame[0].value().attr("data-embed-src"),
        Some("https://www.youtube-nocookie.com/embed/CwgOHpZlxvc?autoplay=1")
    );
    // The button that loads it starts hidden (lede.js shows it).
    assert!(
        select(&page, "button.embed-load")
            .iter()
            .all(|b| b.value().attr("hidden").is_some())
    );
    // Another host stays text or a link.
    assert!(
        site.public("embeds/index.html")
            .contains("<p>https://example.org/not-a-video-host</p>")
    );
}
