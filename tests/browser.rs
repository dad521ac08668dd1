//! Browser tests in headless Chromium (`tests/browser/*.mjs`, playwright-core).
//! `LEDE_BROWSER_TESTS=1 cargo test` runs them (`.ci/run` does, after
//! installing Chromium and `tests/browser/node_modules`), and they fail when
//! those are missing; a plain `cargo test` lists them as ignored, never as
//! passed. (`build.rs` turns the variable into the `browser_tests` cfg.)

use std::path::Path;
use std::process::Command;

use crate::support::{Site, lede_in, repo_root};

/// Fails unless Chromium, node and `tests/browser/node_modules` are there.
pub fn prerequisites() {
    let chromium = std::env::var_os("CHROME_PATH").map_or_else(
        || Path::new("/usr/bin/chromium").exists(),
        |p| Path::new(&p).exists(),
    );
    let modules = repo_root()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        chromium && modules && node,
        "a browser test needs chromium ({chromium}), tests/browser/node_modules ({modules}) \
         and node ({node}); .ci/run installs them"
    );
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "headless Chromium: set LEDE_BROWSER_TESTS=1"
)]
fn search_finds_a_demo_explainer_under_a_sub_path() {
    prerequisites();
    let out = Site::empty();
    let site = out.root().join("site");
    lede_in(
        &repo_root(),
        &[
            "build",
            "--output",
            site.to_str().unwrap(),
            "--base-url",
            "https://example.github.io/repo/",
        ],
    )
    .ok();
    let run = Command::new("node")
        .arg(repo_root().join("tests/browser/search.mjs"))
        .args([
            site.to_str().unwrap(),
            "seamount",
            "/repo/high-seas-treaty/",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("found /repo/high-seas-treaty/"), "{stdout}");
}

/// The French search page searches the French index only: a word of both
/// the French and the English explainer finds the French one alone.
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "headless Chromium: set LEDE_BROWSER_TESTS=1"
)]
fn the_french_search_page_finds_the_french_explainer_only() {
    prerequisites();
    let out = Site::empty();
    let site = out.root().join("site");
    lede_in(
        &repo_root(),
        &[
            "build",
            "--output",
            site.to_str().unwrap(),
            "--base-url",
            "https://example.github.io/repo/",
        ],
    )
    .ok();
    let expected = "/repo/fr/aires-marines-protegees-haute-mer/";
    let run = Command::new("node")
        .arg(repo_root().join("tests/browser/search.mjs"))
        .args([
            site.to_str().unwrap(),
            "consultation",
            expected,
            "fr/search/",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let results: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("result "))
        .collect();
    assert_eq!(results, [expected], "{stdout}");
}

#[test]
fn without_search_the_page_says_so_and_no_index_is_written() {
    let site = Site::fixture("minimal");
    site.lede(&["build", "--no-search"]).ok();
    assert!(!site.root().join("public/pagefind").exists());
    assert!(
        site.public("search/index.html")
            .contains("Search is not part of this build")
    );
    site.lede(&["build"]).ok();
    assert!(site.root().join("public/pagefind/pagefind.js").is_file());
    let page = site.public("search/index.html");
    assert!(
        page.contains("/repo/pagefind/pagefind-ui.js"),
        "the UI loads under the base path"
    );
    assert!(
        page.contains("<noscript>"),
        "without JavaScript the page points to the index"
    );
}

/// The reader-facing layout (the design-desk issue): annotations keep their
/// sentence whole, citation runs never wrap apart, the hero is bounded, and
/// citation targets are 24 × 24 px, at widths from 320 to 1400 px, with
/// JavaScript on and off (`tests/browser/layout.mjs`).
#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "headless Chromium: set LEDE_BROWSER_TESTS=1"
)]
fn the_layout_holds_at_every_width_with_and_without_javascript() {
    prerequisites();
    let site = Site::fixture("layout");
    let run = site.lede(&["build", "--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser/layout.mjs"))
        .args([site.root().join("public").to_str().unwrap(), "layout/"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("layout: ok"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
