use crate::support::{Site, lede_in, main_html, repo_root, select, text};

#[test]
fn the_demo_site_builds_one_page_per_explainer() {
    let out = Site::empty();
    let target = out.root().join("demo");
    let run = lede_in(
        &repo_root(),
        &["build", "--output", target.to_str().unwrap()],
    );
    run.ok();
    assert!(target.join("index.html").is_file());
    let (mut expected, mut standalone) = (0, 0);
    for entry in walkdir::WalkDir::new(repo_root().join("content")) {
        let entry = entry.unwrap();
        let is_md = entry.path().extension().is_some_and(|e| e == "md");
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if is_md && text.contains("\nkind: page") {
            standalone += 1;
        } else if is_md && !text.contains("\ndraft: true") {
            expected += 1;
        }
    }
    assert!(expected >= 3, "the demo needs at least three explainers");
    let pages = walkdir::WalkDir::new(&target)
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name() == "index.html"
                && !["tags", "search", "archive", "authors", "page"]
                    .iter()
                    .any(|generated| e.path().starts_with(target.join(generated)))
                // Not an alias's redirect page.
                && !std::fs::read_to_string(e.path())
                    .unwrap()
                    .contains("http-equiv=\"refresh\"")
        })
        .count();
    assert_eq!(pages, expected + standalone, "{}", run.stdout);
    let pages = if standalone == 1 { "page" } else { "pages" };
    assert!(
        run.stdout.starts_with(&format!(
            "built {expected} explainers and {standalone} {pages}"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_basic_site_has_every_output_file() {
    let site = Site::fixture("basic");
    site.lede(&["build"]).ok();
    for file in [
        "index.html",
        "first/index.html",
        "second-one/index.html",
        "older/index.html",
        "404.html",
        ".nojekyll",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "tags/index.html",
        "tags/science/index.html",
        "tags/budget/index.html",
        "search/index.html",
        "lede.css",
        "lede.js",
        "syntax.css",
        "favicon.svg",
        "images/dot.svg",
    ] {
        assert!(
            site.root().join("public").join(file).exists(),
            "missing public/{file}"
        );
    }
    assert_eq!(site.public("CNAME"), "explainers.example.org\n");
    assert!(
        !site.root().join("public/wip").exists(),
        "drafts are left out"
    );
}

#[test]
fn the_index_lists_explainers_newest_first_with_dek_and_key_points() {
    let site = Site::fixture("basic");
    site.lede(&["build"]).ok();
    let index = site.page("index.html");
    let titles: Vec<String> = select(&index, ".card-title").iter().map(text).collect();
    assert_eq!(
        titles,
        [
            "The second explainer",
            "The first explainer",
            "An older explainer"
        ]
    );
    let first = select(&index, ".card")[1].html();
    assert!(first.contains("Why this fixture exists."), "{first}");
    assert!(first.contains("2 key points"), "{first}");
    let tag = site.page("tags/science/index.html");
    assert_eq!(
        select(&tag, ".card").len(),
        2,
        "Science and science are one tag"
    );
}

#[test]
fn an_explainer_page_has_its_parts() {
    let site = Site::fixture("basic");
    site.lede(&["build"]).ok();
    let page = site.page("first/index.html");
    assert_eq!(text(&select(&page, "h1")[0]), "The first explainer");
    assert_eq!(text(&select(&page, ".dek")[0]), "Why this fixture exists.");
    assert!(text(&select(&page, ".byline")[0]).contains("A. Reporter"));
    assert_eq!(select(&page, "time[datetime='2026-01-10']").len(), 1);
    assert_eq!(select(&page, "figure.hero figcaption .credit").len(), 1);
    assert_eq!(
        text(&select(&page, ".key-points h2")[0]),
        "What we know",
        "labels override"
    );
    assert_eq!(select(&page, ".key-points li").len(), 2);
    let link = select(&page, ".article-body a")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        link, "/second-one/#details",
        "a .md link becomes the page URL"
    );
    assert_eq!(
        select(&page, "link[rel=icon]").len(),
        1,
        "explicit icon link"
    );
    assert_eq!(select(&page, "a.skip-link[href='#main']").len(), 1);
    assert_eq!(select(&page, "main#main").len(), 1);
    insta::assert_snapshot!("basic_first_main", main_html(&page));
}

#[test]
fn drafts_build_with_the_flag() {
    let site = Site::fixture("basic");
    site.lede(&["build", "--drafts"]).ok();
    assert!(site.root().join("public/wip/index.html").is_file());
}

#[test]
fn a_folder_with_only_site_yaml_and_content_builds() {
    let site = Site::fixture("minimal");
    assert!(!site.root().join("templates").exists() && !site.root().join("static").exists());
    site.lede(&["build"]).ok();
    let page = site.page("only/index.html");
    assert_eq!(text(&select(&page, "h1")[0]), "Only one");
    assert!(
        site.public("lede.css").len() > 1000,
        "the built-in stylesheet is there"
    );
}

#[test]
fn every_internal_url_carries_the_base_path() {
    let site = Site::fixture("basic");
    site.lede(&["build", "--base-url", "https://example.github.io/repo/"])
        .ok();
    let mut checked = 0;
    for (rel, bytes) in site.manifest() {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = crate::support::Html::parse_document(&String::from_utf8(bytes).unwrap());
        for e in select(&html, "[href], [src]") {
            for attr in ["href", "src"] {
                if let Some(url) = e.value().attr(attr)
                    && url.starts_with('/')
                {
                    assert!(url.starts_with("/repo/"), "{rel}: {attr}={url}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} internal URLs");
    assert!(
        site.public("sitemap.xml")
            .contains("<loc>https://example.github.io/repo/first/</loc>")
    );
    assert!(
        site.public("robots.txt")
            .contains("Sitemap: https://example.github.io/repo/sitemap.xml")
    );
}

#[test]
fn bom_crlf_and_lone_cr_files_build() {
    let site = Site::fixture("minimal");
    site.write(
        "content/bom.md",
        "\u{feff}---\r\ntitle: With BOM\r\ndate: 2026-01-02\r\n---\r\nBody *here*.\r\n",
    );
    site.write(
        "content/cr.md",
        "---\rtitle: Old Mac\rdate: 2026-01-03\r---\rBody.\r",
    );
    site.lede(&["build"]).ok();
    assert_eq!(
        text(&select(&site.page("bom/index.html"), "h1")[0]),
        "With BOM"
    );
    assert_eq!(
        text(&select(&site.page("cr/index.html"), "h1")[0]),
        "Old Mac"
    );
}

#[test]
fn a_second_build_replaces_the_first() {
    let site = Site::fixture("minimal");
    site.lede(&["build"]).ok();
    std::fs::remove_file(site.root().join("content/only.md")).unwrap();
    site.write(
        "content/new.md",
        "---\ntitle: New\ndate: 2026-01-01\n---\nNew.\n",
    );
    site.lede(&["build"]).ok();
    assert!(!site.root().join("public/only").exists());
    assert!(site.root().join("public/new/index.html").exists());
    // No temporary folder is left behind; the old output is soon gone.
    crate::support::wait_until_swept(site.root());
}

#[test]
fn a_rebuild_into_the_spare_makes_exactly_a_fresh_build_and_keeps_unchanged_files() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("minimal");
    let public = site.root().join("public");
    let spare = site.root().join("public.lede-tmp-spare");
    site.lede(&["build"]).ok();
    site.write(
        "content/second.md",
        "---\ntitle: Second\ndate: 2026-01-02\n---\nTwo.\n",
    );
    site.lede(&["build"]).ok();
    assert!(
        spare.join(".lede-build").is_file(),
        "the first output is kept"
    );
    let inode = |p: &str| std::fs::metadata(public.join(p)).unwrap().ino();
    let kept = inode("lede.css");
    // The third build writes into the spare (the first output): a page
    // removed, one added, one changed, the rest the same.
    std::fs::remove_file(site.root().join("content/second.md")).unwrap();
    site.write(
        "content/third.md",
        "---\ntitle: Third\ndate: 2026-01-03\n---\nThree.\n",
    );
    site.lede(&["build"]).ok();
    let fresh = site.root().join("fresh");
    site.lede(&["build", "--output", "fresh"]).ok();
    let (made, wanted) = (
        crate::support::manifest(&public),
        crate::support::manifest(&fresh),
    );
    assert_eq!(
        made.keys().collect::<Vec<_>>(),
        wanted.keys().collect::<Vec<_>>()
    );
    assert!(made == wanted, "the rebuild differs from a fresh build");
    assert!(!public.join("second").exists() && public.join("third/index.html").exists());
    assert_eq!(
        inode("lede.css"),
        kept,
        "an unchanged file is the same file as before (not written again)"
    );
    // The output the third build replaced is intact, as the new spare.
    assert!(spare.join("second/index.html").is_file());
    assert!(!spare.join("third").exists());
}
