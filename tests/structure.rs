//! A whole site (FORMAT.md §5.1): pagination, the archive, standalone
//! pages, the menu, page bundles, aliases, series and related explainers,
//! feeds per tag, scheduled explainers, unportable file names and author
//! pages. The fixture `newsroom` has six explainers (one a bundle), one
//! page, one scheduled explainer and `paginate: 2`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use crate::support::{Html, Run, Site, select, text};

const BASE: &str = "/news/";

fn newsroom() -> Site {
    let site = Site::fixture("newsroom");
    site.lede(&["build"]).ok();
    site
}

/// `/news/a/b/` → `a/b/index.html`.
fn file_of(url: &str) -> String {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    format!("{rel}index.html")
}

fn attr(e: &scraper::ElementRef<'_>, name: &str) -> String {
    e.value().attr(name).unwrap_or_default().to_string()
}

fn hrefs(html: &Html, css: &str) -> Vec<String> {
    select(html, css).iter().map(|a| attr(a, "href")).collect()
}

/// The explainers of the site, by the home page's first-page URL list:
/// every explainer's URL, from the sitemap minus lists, pages and aliases.
const EXPLAINERS: [&str; 6] = [
    "/news/harbour/",
    "/news/trains-two/",
    "/news/buses/",
    "/news/trains-one/",
    "/news/budget/",
    "/news/weather/",
];

/// Follows `rel="next"` from `first`, checking each page's `rel="prev"`
/// points back and its own number is marked current; returns the cards'
/// links page by page.
fn walk_pages(site: &Site, first: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut url = first.to_string();
    let mut previous: Option<String> = None;
    loop {
        let html = site.page(&file_of(&url));
        pages.push(hrefs(&html, "ol.cards h2.card-title a"));
        let prev = hrefs(&html, "nav.pagination a[rel=prev]");
        assert_eq!(prev.first(), previous.as_ref(), "rel=prev of {url}");
        let current = hrefs(&html, "nav.pagination a[aria-current=page]");
        assert_eq!(current, [url.clone()], "current page marked on {url}");
        // The <head> carries the same chain.
        assert_eq!(
            hrefs(&html, "link[rel=next]"),
            hrefs(&html, "nav.pagination a[rel=next]"),
            "{url}"
        );
        match hrefs(&html, "nav.pagination a[rel=next]").first() {
            Some(next) => {
                previous = Some(url.clone());
                url = next.clone();
            }
            None => break,
        }
        assert!(pages.len() < 1000, "pagination loops at {url}");
    }
    pages
}

#[test]
fn home_pages_chain_through_every_explainer_exactly_once() {
    let site = newsroom();
    let pages = walk_pages(&site, BASE);
    assert_eq!(pages.len(), 3, "six explainers, two per page: {pages:?}");
    assert!(pages.iter().all(|p| p.len() <= 2));
    let all: Vec<String> = pages.concat();
    assert_eq!(all, EXPLAINERS, "newest first, each once");
    // Page 2 lives at /page/2/.
    assert!(site.root().join("public/page/2/index.html").is_file());
    assert!(!site.root().join("public/page/1/index.html").exists());
}

#[test]
fn tag_and_author_pages_are_paginated_too() {
    let site = newsroom();
    let transport = walk_pages(&site, "/news/tags/transport/").concat();
    assert_eq!(
        transport,
        [
            "/news/harbour/",
            "/news/trains-two/",
            "/news/buses/",
            "/news/trains-one/"
        ]
    );
    assert!(
        site.root()
            .join("public/tags/transport/page/2/index.html")
            .is_file()
    );
    let jane = walk_pages(&site, "/news/authors/jane-ruiz/");
    assert_eq!(jane.len(), 2);
    assert_eq!(
        jane.concat(),
        ["/news/trains-two/", "/news/buses/", "/news/trains-one/"]
    );
}

#[test]
fn the_archive_has_a_year_index_and_one_line_per_explainer() {
    let site = newsroom();
    let index = site.page("archive/index.html");
    let years = hrefs(&index, "main a[href^='/news/archive/2']");
    assert_eq!(years, ["/news/archive/2026/", "/news/archive/2025/"]);
    let mut listed = Vec::new();
    for year in &years {
        let page = site.page(&file_of(year));
        let lines = select(&page, "ol.archive-list > li");
        for li in &lines {
            // One line: a date and a title link, nothing else.
            assert_eq!(
                select(&page, "ol.archive-list > li time").len(),
                lines.len()
            );
            assert!(!li.html().contains("card-dek"));
        }
        listed.extend(hrefs(&page, "ol.archive-list a"));
    }
    assert_eq!(listed, EXPLAINERS);
}

fn sitemap_urls(site: &Site) -> BTreeSet<String> {
    let xml = site.public("sitemap.xml");
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|s| s.trim_start_matches("https://example.org").to_string())
        .collect()
}

/// The URLs in the Pagefind index (its fragments are gzipped JSON).
fn search_urls(site: &Site) -> BTreeSet<String> {
    let dir = site.root().join("public/pagefind/fragment");
    let mut urls = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut json = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut json)
            .unwrap();
        let json = json.trim_start_matches("pagefind_dcd");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        // Site-relative: the search UI adds the base path.
        let url = value["url"].as_str().unwrap();
        urls.insert(format!("{}{url}", BASE.trim_end_matches('/')));
    }
    urls
}

#[test]
fn a_standalone_page_is_in_sitemap_and_search_but_no_list_or_feed() {
    let site = newsroom();
    let about = site.page("about/index.html");
    assert_eq!(
        select(&about, "main .standalone-page").len(),
        1,
        "page.html"
    );
    assert_eq!(text(&select(&about, "h1")[0]), "About this desk");
    // No date, no byline, no related list, no series.
    assert!(select(&about, "main time").is_empty());
    assert!(select(&about, "section.related").is_empty());
    // Its link to an explainer was checked and resolved.
    assert_eq!(
        hrefs(&about, "main a[href='/news/trains-one/']").len(),
        1,
        "{}",
        site.public("about/index.html")
    );
    let ld: serde_json::Value = serde_json::from_str(
        &select(&about, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(ld["@type"], "WebPage");

    let mut lists = vec![
        "index.html".to_string(),
        "tags/index.html".into(),
        "archive/index.html".into(),
        "archive/2026/index.html".into(),
        "authors/index.html".into(),
    ];
    lists.extend(walk_pages(&site, BASE).concat().iter().map(|u| file_of(u)));
    for list in &lists {
        let html = site.page(list);
        assert!(
            hrefs(&html, "main a").iter().all(|h| h != "/news/about/"),
            "{list} lists the About page in its main content"
        );
    }
    for feed in ["atom.xml", "tags/transport/atom.xml"] {
        assert!(!site.public(feed).contains("/about/"), "{feed}");
    }
    assert!(sitemap_urls(&site).contains("/news/about/"));
    assert!(search_urls(&site).contains("/news/about/"));
}

#[test]
fn the_menu_marks_the_current_page_in_header_and_footer() {
    let site = newsroom();
    let about = site.page("about/index.html");
    for nav in ["header nav.site-nav", "footer nav.footer-nav"] {
        let current = hrefs(&about, &format!("{nav} a[aria-current=page]"));
        assert_eq!(current, ["/news/about/"], "{nav}");
        let all = hrefs(&about, &format!("{nav} a"));
        assert!(all.starts_with(&["/news/about/".into(), "/news/tags/".into()]));
    }
    let home = site.page("index.html");
    assert!(hrefs(&home, "header nav.site-nav a[aria-current=page]").is_empty());
    let tags = site.page("tags/index.html");
    assert_eq!(
        hrefs(&tags, "header nav.site-nav a[aria-current=page]"),
        ["/news/tags/"]
    );
}

#[test]
fn a_menu_slug_that_matches_nothing_is_an_error_with_the_closest_slug() {
    let site = Site::fixture("newsroom");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.replace("page: about", "page: abuot"));
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: no page has the slug `abuot`"));
    assert!(run.stderr.contains("--> site.yaml:6:27"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `about`?"));
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_bundle_publishes_its_files_beside_the_page_and_links_resolve() {
    let site = newsroom();
    let page = site.page("harbour/index.html");
    for file in [
        "harbour/photo.svg",
        "harbour/chart.svg",
        "harbour/tides.csv",
    ] {
        let published = site.public(file);
        let source = std::fs::read_to_string(site.root().join("content").join(file)).unwrap();
        assert_eq!(published, source, "{file}");
    }
    assert!(!site.root().join("public/harbour/index.md").exists());
    assert!(!site.root().join("public/index/").exists());
    let mut refs = hrefs(&page, "main a[href$='.csv']");
    refs.extend(
        select(&page, "main img")
            .iter()
            .map(|i| attr(i, "src"))
            .collect::<Vec<_>>(),
    );
    assert_eq!(
        refs,
        [
            "/news/harbour/tides.csv",
            "/news/harbour/photo.svg",
            "/news/harbour/chart.svg"
        ]
    );
    for r in &refs {
        let rel = r.strip_prefix(BASE).unwrap();
        assert!(site.root().join("public").join(rel).is_file(), "{r}");
    }
    // The social image is the explainer's card, absolute.
    let og = select(&page, "meta[property='og:image']");
    assert_eq!(
        attr(&og[0], "content"),
        "https://example.org/news/harbour/card.png"
    );
}

#[test]
fn a_missing_hero_or_body_file_is_an_error_at_its_line_and_column() {
    let site = Site::fixture("newsroom");
    let md = std::fs::read_to_string(site.root().join("content/harbour/index.md")).unwrap();
    site.write(
        "content/harbour/index.md",
        md.replace("src: photo.svg", "src: photo2.svg")
            .replace("(chart.svg)", "(chart2.svg)"),
    );
    site.write(
        "content/budget.md",
        "---\ntitle: B\ndate: 2025-06-01\nhero: { src: /images/nope.jpg, alt: x }\n---\n![x](/images/gone.png)\n",
    );
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    let e = &run.stderr;
    for (message, at, underline) in [
        (
            "the hero image `photo2.svg` is not in this page's bundle (content/harbour/)",
            "content/harbour/index.md:5:14",
            "^^^^^^^^^^ no such file",
        ),
        (
            "the image `chart2.svg` is not a file of this page's bundle (content/harbour/)",
            "content/harbour/index.md:9:1",
            "",
        ),
        (
            "the hero image `/images/nope.jpg` is not a file of the site",
            "content/budget.md:4:14",
            "^^^^^^^^^^^^^^^^ no such file",
        ),
        (
            "image to `/images/gone.png`, but the site has no such file",
            "content/budget.md:6:1",
            "",
        ),
    ] {
        let at_msg = e
            .find(message)
            .unwrap_or_else(|| panic!("no `{message}` in:\n{e}"));
        let rest = &e[at_msg..];
        assert!(
            rest.contains(&format!("--> {at}")),
            "{message} at {at}:\n{e}"
        );
        let snippet = &rest[..rest[1..].find("\nerror").map_or(rest.len(), |i| i + 1)];
        assert!(snippet.contains(underline), "{snippet}");
        assert!(snippet.contains("help:"), "{snippet}");
    }
}

/// Runs a build that must fail, checking the previous output is untouched.
fn collides(site: &Site) -> Run {
    let before = site.manifest();
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("the previous output is unchanged"));
    assert_eq!(site.manifest(), before, "the old output was touched");
    run
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// A collision case: its name, how to make it, the two files it names.
type Collision = (&'static str, fn(&Site), [&'static str; 2]);

#[test]
fn every_kind_of_output_path_collision_names_both_files() {
    let cases: [Collision; 5] = [
        (
            "bundle vs file",
            |s| {
                s.write(
                    "content/harbour.md",
                    "---\ntitle: Dup\ndate: 2026-01-02\n---\nx\n",
                )
            },
            ["content/harbour/index.md", "content/harbour.md"],
        ),
        (
            "alias vs page",
            |s| edit(s, "content/trains-two.md", "/2026/01/rail-fix/", "/buses/"),
            ["content/trains-two.md:7:", "content/buses.md"],
        ),
        (
            "static file vs page",
            |s| s.write("static/buses/index.html", "<p>old</p>"),
            ["static/buses/index.html", "content/buses.md"],
        ),
        (
            "two aliases",
            |s| {
                edit(
                    s,
                    "content/buses.md",
                    "tags: [Transport]",
                    "tags: [Transport]\naliases: [/old-trains/]",
                )
            },
            ["content/buses.md:6:", "content/trains-two.md"],
        ),
        (
            "static file vs bundle file",
            |s| s.write("static/harbour/chart.svg", "<svg/>"),
            ["static/harbour/chart.svg", "content/harbour/chart.svg"],
        ),
    ];
    for (name, break_it, files) in cases {
        let site = newsroom();
        break_it(&site);
        let run = collides(&site);
        let first = run
            .stderr
            .lines()
            .position(|l| l.starts_with("error:"))
            .unwrap_or_else(|| panic!("{name}: no error:\n{}", run.stderr));
        let report: String = run
            .stderr
            .lines()
            .skip(first)
            .take(4)
            .collect::<Vec<_>>()
            .join("\n");
        for f in files {
            assert!(report.contains(f), "{name}: `{f}` not named in:\n{report}");
        }
    }
}

#[test]
fn an_alias_is_a_small_redirect_page_outside_sitemap_and_search() {
    let site = newsroom();
    for old in ["old-trains/index.html", "2026/01/rail-fix/index.html"] {
        let html = site.page(old);
        let refresh = select(&html, "meta[http-equiv=refresh]");
        assert_eq!(attr(&refresh[0], "content"), "0; url=/news/trains-two/");
        assert_eq!(
            hrefs(&html, "link[rel=canonical]"),
            ["https://example.org/news/trains-two/"]
        );
        assert_eq!(hrefs(&html, "main a"), ["/news/trains-two/"]);
        assert_eq!(select(&html, "meta[name=robots]").len(), 1);
    }
    let sitemap = sitemap_urls(&site);
    let search = search_urls(&site);
    for old in ["/news/old-trains/", "/news/2026/01/rail-fix/"] {
        assert!(!sitemap.contains(old), "{old} in the sitemap");
        assert!(!search.contains(old), "{old} in the search index");
    }
    assert!(sitemap.contains("/news/trains-two/"));
    assert!(search.contains("/news/trains-two/"));
}

#[test]
fn check_warns_on_an_alias_that_is_the_pages_own_url() {
    let site = Site::fixture("newsroom");
    edit(
        &site,
        "content/trains-two.md",
        "/2026/01/rail-fix/",
        "/trains-two/",
    );
    let run = site.lede(&["check"]);
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: the alias `/trains-two/` is this page's own URL"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/trains-two.md:7:25"));
}

#[test]
fn a_series_is_listed_in_date_order_with_the_current_one_marked() {
    let site = newsroom();
    for (page, current, prev, next) in [
        (
            "trains-one/index.html",
            "/news/trains-one/",
            None,
            Some("/news/trains-two/"),
        ),
        (
            "trains-two/index.html",
            "/news/trains-two/",
            Some("/news/trains-one/"),
            None,
        ),
    ] {
        let html = site.page(page);
        let nav = select(&html, "nav.series");
        assert_eq!(nav.len(), 1, "{page}");
        assert_eq!(
            hrefs(&html, "nav.series ol a"),
            ["/news/trains-one/", "/news/trains-two/"]
        );
        assert_eq!(hrefs(&html, "nav.series a[aria-current=page]"), [current]);
        assert_eq!(
            hrefs(&html, "nav.series a[rel=prev]")
                .first()
                .map(String::as_str),
            prev
        );
        assert_eq!(
            hrefs(&html, "nav.series a[rel=next]")
                .first()
                .map(String::as_str),
            next
        );
    }
    assert!(select(&site.page("buses/index.html"), "nav.series").is_empty());
}

#[test]
fn related_lists_share_tags_first_never_the_page_itself() {
    let site = newsroom();
    let mut seen = BTreeMap::new();
    for url in EXPLAINERS {
        let html = site.page(&file_of(url));
        let related = hrefs(&html, "section.related a");
        assert!(related.len() <= 3, "{url}: {related:?}");
        assert!(!related.iter().any(|r| r == url), "{url} relates to itself");
        let unique: BTreeSet<_> = related.iter().collect();
        assert_eq!(unique.len(), related.len(), "{url}: duplicates");
        seen.insert(url, related);
    }
    // trains-one shares two tags with trains-two, one with buses and
    // harbour (newest first among equals).
    assert_eq!(
        seen["/news/trains-one/"],
        ["/news/trains-two/", "/news/harbour/", "/news/buses/"]
    );
    // No tags: the newest others.
    assert_eq!(
        seen["/news/weather/"],
        ["/news/harbour/", "/news/trains-two/", "/news/buses/"]
    );
    // Stable: a second build gives the same lists.
    site.lede(&["build"]).ok();
    for url in EXPLAINERS {
        let html = site.page(&file_of(url));
        assert_eq!(hrefs(&html, "section.related a"), seen[url], "{url}");
    }
}

#[test]
fn every_tag_has_a_feed_linked_from_its_page_head() {
    let site = newsroom();
    for tag in ["transport", "rail", "budget"] {
        let html = site.page(&format!("tags/{tag}/index.html"));
        let links = hrefs(
            &html,
            "head link[rel=alternate][type='application/atom+xml']",
        );
        assert!(
            links.contains(&format!("/news/tags/{tag}/atom.xml")),
            "{tag}: {links:?}"
        );
        let feed = site.public(&format!("tags/{tag}/atom.xml"));
        assert!(feed.starts_with("<?xml"), "{tag}");
    }
    let rail = site.public("tags/rail/atom.xml");
    assert_eq!(rail.matches("<entry>").count(), 2);
    assert!(rail.contains("https://example.org/news/trains-one/"));
    assert!(!rail.contains("https://example.org/news/buses/"));
}

#[test]
fn a_future_explainer_waits_unless_asked_for() {
    let site = Site::fixture("newsroom");
    let run = site.lede(&["build"]);
    run.ok();
    assert!(
        run.stderr.contains(
            "info: content/future.md is dated 1 January 2099, in the future: it is left out of this build"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("public/future").exists());
    assert!(!site.public("atom.xml").contains("/future/"));

    site.lede(&["build", "--future"]).ok();
    let html = site.page("future/index.html");
    // A build that publishes it shows it as an ordinary explainer.
    assert!(select(&html, ".scheduled-label").is_empty());
    assert_eq!(
        hrefs(&site.page("index.html"), "ol.cards h2 a")[0],
        "/news/future/"
    );
}

#[test]
fn serve_shows_a_future_explainer_labelled_as_scheduled() {
    let site = Site::fixture("newsroom");
    let server = crate::support::Server::start(site.root(), &[]);
    let (status, body) = server.get("/news/future/");
    assert_eq!(status, 200, "{body}");
    let html = Html::parse_document(&body);
    let label = select(&html, ".scheduled-label");
    assert_eq!(label.len(), 1, "no scheduled label");
    assert!(text(&label[0]).contains("1 January 2099"));
}

#[test]
fn unportable_file_names_build_with_a_warning_naming_the_file() {
    let site = Site::fixture("newsroom");
    let body = "---\ntitle: Odd name\ndate: 2026-01-02\n---\nx\n";
    for name in ["CON.md", "aux.md", "a:b.md", "trailing.md.", "space .md "] {
        site.write(&format!("content/{name}"), body);
    }
    let run = site.lede(&["build"]);
    run.ok();
    for name in ["CON.md", "aux.md", "a:b.md", "trailing.md.", "space .md "] {
        assert!(
            run.stderr.contains(&format!("--> content/{name}\n")),
            "{name}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .matches("cannot be checked out on every system")
            .count()
            == 5,
        "{}",
        run.stderr
    );
}

#[test]
fn bylines_link_to_author_pages_with_profiles_and_json_ld_urls() {
    let site = Site::fixture("newsroom");
    let run = site.lede(&["build"]);
    run.ok();
    assert!(
        run.stderr
            .contains("warning: no explainer has `Nobody Here` in its byline"),
        "{}",
        run.stderr
    );
    let page = site.page("trains-two/index.html");
    assert_eq!(
        hrefs(&page, "main a[rel=author]"),
        ["/news/authors/jane-ruiz/", "/news/authors/sam-park/"]
    );
    let ld: serde_json::Value = serde_json::from_str(
        &select(&page, "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .unwrap();
    assert_eq!(ld["author"][0]["name"], "Jane Ruiz");
    assert_eq!(
        ld["author"][0]["url"],
        "https://example.org/news/authors/jane-ruiz/"
    );
    let jane = site.page("authors/jane-ruiz/index.html");
    let main = text(&select(&jane, "main")[0]);
    assert!(main.contains("Transport reporter"), "{main}");
    assert!(main.contains("Jane covers trains"), "{main}");
    assert_eq!(
        hrefs(&jane, "main a[href='https://example.org/jane']").len(),
        1
    );
    // Without a profile, the page still lists the explainers.
    let sam = site.page("authors/sam-park/index.html");
    assert_eq!(hrefs(&sam, "ol.cards h2 a"), ["/news/trains-two/"]);
    // The index lists both.
    let all = site.page("authors/index.html");
    assert_eq!(
        hrefs(&all, "main a[href^='/news/authors/']"),
        ["/news/authors/jane-ruiz/", "/news/authors/sam-park/"]
    );
}

#[test]
fn hundreds_of_list_pages_are_all_written_and_chained() {
    // List pages are rendered a batch at a time as they are made
    // (site/lists.rs): 300 explainers one to a page give 600 list pages,
    // more than two batches.
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/news/\npaginate: 1\ncards: false\n",
    );
    for i in 0..300 {
        site.write(
            &format!("content/e{i:03}.md"),
            format!(
                "---\ntitle: Explainer {i}\ndate: 2026-01-01T00:{:02}:{:02}Z\ntags: [t]\n---\nText.\n",
                i / 60,
                i % 60
            ),
        );
    }
    site.lede(&["build"]).ok();
    for first in ["/news/", "/news/tags/t/"] {
        let pages = walk_pages(&site, first);
        assert_eq!(pages.len(), 300, "{first}");
        let listed: BTreeSet<String> = pages.concat().into_iter().collect();
        assert_eq!(listed.len(), 300, "every explainer once on {first}");
        assert_eq!(pages[0], ["/news/e299/"], "newest first on {first}");
    }
}
