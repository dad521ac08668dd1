//! A site in three languages (FORMAT.md §5.3): each language's own pages,
//! lists, feed and search index; alternates that are reciprocal and point
//! at pages that exist; the sitemap's alternates; right to left; words and
//! dates in each language; links that go to the translation.

use std::collections::{BTreeMap, BTreeSet};

use scraper::Html;

use crate::support::{Site, select, text};

fn built() -> Site {
    let site = Site::fixture("languages");
    site.lede(&["build"]).ok();
    site
}

const BASE: &str = "https://example.org/repo/";

/// The output file of an absolute URL of the site.
fn file_of(url: &str) -> String {
    let path = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    format!("{path}index.html")
}

/// `hreflang` → URL, from a page's `<link rel="alternate" hreflang>`.
fn alternates(html: &Html) -> BTreeMap<String, String> {
    select(html, "link[rel='alternate'][hreflang]")
        .iter()
        .map(|l| {
            let v = l.value();
            (
                v.attr("hreflang").unwrap().to_string(),
                v.attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn alternates_are_reciprocal_and_point_at_pages_that_exist() {
    let site = built();
    let mut checked = 0;
    for start in [
        "toll/index.html",
        "fr/peage/index.html",
        "ar/toll/index.html",
        "river-en/index.html",
        "parks/index.html",
        "about/index.html",
        "index.html",
        "fr/archive/index.html",
    ] {
        let page = site.page(start);
        let alts = alternates(&page);
        assert!(alts.len() >= 3, "{start}: {alts:?}");
        assert!(alts.contains_key("x-default"), "{start} has no x-default");
        let canonical = select(&page, "link[rel='canonical']")
            .first()
            .and_then(|c| c.value().attr("href"))
            .map(str::to_string);
        for (lang, url) in &alts {
            // Every alternate exists and lists the same set back.
            let other = site.page(&file_of(url));
            let back = alternates(&other);
            assert_eq!(back, alts, "{start} → {lang} {url} is not reciprocal");
            let html_lang = select(&other, "html")[0]
                .value()
                .attr("lang")
                .unwrap()
                .to_string();
            if lang != "x-default" {
                assert_eq!(&html_lang, lang, "{url}");
            }
            checked += 1;
        }
        if let Some(c) = canonical {
            assert!(
                alts.values().any(|u| *u == c),
                "{start}: its own URL is among its alternates"
            );
        }
    }
    assert!(checked > 20);
    // x-default is the default language's version.
    assert_eq!(
        alternates(&site.page("fr/peage/index.html"))["x-default"],
        format!("{BASE}toll/")
    );
    // A page in one language only has no hreflang links, but its language
    // menu leads to the other languages' homes.
    let bridge = site.page("bridge/index.html");
    assert!(alternates(&bridge).is_empty());
    let menu: Vec<(String, String, String)> = select(&bridge, "nav.languages a")
        .iter()
        .map(|a| {
            let v = a.value();
            (
                v.attr("href").unwrap().into(),
                v.attr("hreflang").unwrap().into(),
                v.attr("lang").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        menu,
        [
            ("/repo/fr/".into(), "fr".into(), "fr".into()),
            ("/repo/ar/".into(), "ar".into(), "ar".into()),
        ]
    );
    // A translated page's menu leads to its translations.
    let fr = site.page("fr/peage/index.html");
    let links: Vec<&str> = select(&fr, "nav.languages a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(links, ["/repo/toll/", "/repo/ar/toll/"]);
}

#[test]
fn the_sitemap_has_the_pages_alternates() {
    let site = built();
    let xml = site.public("sitemap.xml");
    let doc = Html::parse_fragment(&xml);
    let mut seen = 0;
    for url in select(&doc, "url") {
        let loc = text(
            &url.select(&scraper::Selector::parse("loc").unwrap())
                .next()
                .unwrap(),
        );
        let in_map: BTreeMap<String, String> = url
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
            .filter(|l| l.value().name() == "xhtml:link")
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().to_string(),
                    l.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        // The page itself exists, and says the same.
        let page = site.page(&file_of(&loc));
        assert_eq!(alternates(&page), in_map, "{loc}");
        seen += 1;
    }
    assert!(seen > 25, "{seen}");
    assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
}

#[test]
fn each_language_has_its_own_lists_feed_and_search_index() {
    let site = built();
    let titles = |rel: &str| -> BTreeSet<String> {
        select(&site.page(rel), ".card-title a")
            .iter()
            .map(text)
            .collect()
    };
    assert_eq!(
        titles("index.html"),
        [
            "What the bridge toll changes",
            "Why the old bridge closes",
            "The river in numbers",
            "Where the new parks go"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(
        titles("fr/index.html"),
        [
            "Ce que change le péage du pont",
            "Le fleuve en chiffres",
            "Où vont les nouveaux parcs"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(
        titles("ar/index.html"),
        ["ما الذي تغيّره رسوم الجسر"].map(String::from).into()
    );
    // Tags per language: the same slug in two languages, no collision.
    assert_eq!(
        titles("fr/tags/transport/index.html"),
        ["Ce que change le péage du pont"].map(String::from).into()
    );
    assert_eq!(titles("tags/transport/index.html").len(), 2);
    // Feeds: only the language's explainers, in its language.
    for (feed, lang, count) in [
        ("atom.xml", "en", 4),
        ("fr/atom.xml", "fr", 3),
        ("ar/atom.xml", "ar", 1),
    ] {
        let xml = site.public(feed);
        let doc = Html::parse_fragment(&xml);
        assert_eq!(
            select(&doc, "feed")[0].value().attr("xml:lang"),
            Some(lang),
            "{feed}"
        );
        let ids: Vec<String> = select(&doc, "entry > id").iter().map(text).collect();
        let entries: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(entries.len(), count, "{feed}");
        let prefix = if lang == "en" {
            String::new()
        } else {
            format!("{lang}/")
        };
        for id in entries {
            let path = id.strip_prefix(BASE).unwrap();
            assert!(
                path.starts_with(&prefix)
                    && (lang != "en" || !path.starts_with("fr/") && !path.starts_with("ar/")),
                "{feed}: {id}"
            );
        }
    }
    // The search index: one per language, each with its own pages.
    let entry: serde_json::Value =
        serde_json::from_str(&site.public("pagefind/pagefind-entry.json")).unwrap();
    let counts: BTreeMap<String, u64> = entry["languages"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["page_count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        counts,
        [
            ("ar".to_string(), 1),
            ("en".to_string(), 5),
            ("fr".to_string(), 4)
        ]
        .into()
    );
    // Each language's search page is in that language (Pagefind picks the
    // index by it).
    assert_eq!(
        select(&site.page("fr/search/index.html"), "html")[0]
            .value()
            .attr("lang"),
        Some("fr")
    );
}

#[test]
fn pages_speak_their_language_and_right_to_left_reads_right_to_left() {
    let site = built();
    let ar = site.page("ar/toll/index.html");
    let html = select(&ar, "html")[0].value();
    assert_eq!(
        (html.attr("lang"), html.attr("dir")),
        (Some("ar"), Some("rtl"))
    );
    for rel in [
        "ar/index.html",
        "ar/tags/transport/index.html",
        "ar/archive/index.html",
    ] {
        assert_eq!(
            select(&site.page(rel), "html")[0].value().attr("dir"),
            Some("rtl"),
            "{rel}"
        );
    }
    assert_eq!(
        select(&site.page("fr/peage/index.html"), "html")[0]
            .value()
            .attr("dir"),
        Some("ltr")
    );
    // Words and dates in each language.
    let fr = site.page("fr/peage/index.html");
    assert_eq!(text(&select(&fr, ".dateline time")[0]), "17 mai 2017");
    assert_eq!(
        text(&select(&fr, "section.key-points h2")[0]),
        "Points clés"
    );
    assert_eq!(text(&select(&fr, ".sources time")[0]), "mai 2017");
    assert_eq!(text(&select(&ar, ".dateline time")[0]), "17 مايو 2017");
    // An Arabic attribution split at the Arabic comma; Latin names isolated.
    assert_eq!(text(&select(&ar, "figure.quote cite")[0]), "Jane Ruiz");
    // The site's title, the menu and structured data in the language.
    assert_eq!(text(&select(&fr, ".site-title")[0]), "Le bureau du péage");
    let menu: Vec<(String, String)> = select(&fr, ".site-nav a")
        .iter()
        .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        &menu[..2],
        [
            ("À propos".to_string(), "/repo/fr/a-propos/".to_string()),
            ("Thèmes".to_string(), "/repo/fr/tags/".to_string())
        ]
    );
    let ld = crate::publishing::json_ld(&fr);
    assert_eq!(ld["inLanguage"], "fr");
    let locales: Vec<&str> = select(&fr, "meta[property='og:locale:alternate']")
        .iter()
        .map(|m| m.value().attr("content").unwrap())
        .collect();
    assert_eq!(locales, ["en", "ar"]);
    // A link to another explainer's file goes to its translation.
    let hrefs: Vec<&str> = select(&fr, ".article-body a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"/repo/fr/parks/") && hrefs.contains(&"/repo/fr/fleuve/"),
        "{hrefs:?}"
    );
    // A bundle's translation publishes the bundle's files beside itself.
    assert!(site.root().join("public/fr/parks/map.svg").is_file());
}

#[test]
fn check_lists_what_is_not_translated_and_languages_without_words() {
    let site = Site::fixture("languages");
    site.write(
        "site.yaml",
        std::fs::read_to_string(site.root().join("site.yaml"))
            .unwrap()
            .replace("  ar:\n", "  it:\n    title: Il bureau\n  ar:\n"),
    );
    let run = site.lede(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("info: not yet translated into fr, it, ar\n --> content/bridge.md:1:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning: lede has no words for `it`"),
        "{}",
        run.stderr
    );
}
