//! Browser tests in headless Chromium (`tests/browser/*.mjs`, playwright-core).
//! They run when Chromium and `tests/browser/node_modules` are present; with
//! `LEDE_BROWSER_TESTS=1` (as `.ci/run` sets after installing them) they must.

use std::path::Path;
use std::process::Command;

use crate::support::{Site, lede_in, repo_root};

pub fn prerequisites() -> bool {
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
    let ready = chromium && modules && node;
    if !ready {
        assert!(
            std::env::var_os("LEDE_BROWSER_TESTS").is_none_or(|v| v != "1"),
            "LEDE_BROWSER_TESTS=1 but chromium ({chromium}), tests/browser/node_modules ({modules}) or node ({node}) is missing"
        );
        eprintln!("skipped: browser test prerequisites missing (see .ci/run)");
    }
    ready
}

#[test]
fn search_finds_a_demo_explainer_under_a_sub_path() {
    if !prerequisites() {
        return;
    }
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
