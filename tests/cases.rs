//! Cases as data (see `tests/README.md`): every file under
//! `tests/fixtures/markdown/` and `tests/fixtures/errors/` is one case, run
//! through the real `lede` binary, its outcome held by an insta snapshot in
//! `tests/snapshots/`.
//!
//! - `markdown/NAME.md`: an explainer, built as `content/NAME.md` in the
//!   cases site (`fixtures/cases-site/`); the snapshot is what the build
//!   printed and the `<main>` of `NAME/index.html`.
//! - `errors/NAME.md`: an explainer checked the same way; the snapshot is
//!   `lede check`'s exit code and report.
//! - `errors/NAME/`: a whole site (with its own `site.yaml`), checked.

use std::path::Path;

use crate::support::{Html, Site, copy_dir, main_html, repo_root};

/// The cases site with `case` as one more explainer.
fn site_with(case: &Path) -> (Site, String) {
    let site = Site::fixture("cases");
    let name = case.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::copy(case, site.root().join(format!("content/{name}.md"))).unwrap();
    (site, name)
}

/// What a run printed, as a snapshot shows it.
fn report(code: i32, stderr: &str) -> String {
    format!("exit code {code}\n{}", stderr.trim_end())
}

#[test]
fn markdown_cases() {
    insta::glob!("fixtures/markdown/*.md", |case| {
        let (site, name) = site_with(case);
        let run = site.lede(&["build", "--no-search"]);
        let page = Html::parse_document(&site.public(&format!("{name}/index.html")));
        let snapshot = format!(
            "{}\n\n{}\n",
            report(run.code, &run.stderr),
            main_html(&page)
        );
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn explainer_error_cases() {
    insta::glob!("fixtures/errors/*.md", |case| {
        let (site, _) = site_with(case);
        let run = site.lede(&["check"]);
        insta::assert_snapshot!(report(run.code, &run.stderr));
    });
}

#[test]
fn site_error_cases() {
    insta::glob!("fixtures/errors/*/site.yaml", |case| {
        let site = Site::empty();
        copy_dir(case.parent().unwrap(), site.root());
        let run = site.lede(&["check"]);
        insta::assert_snapshot!(report(run.code, &run.stderr));
    });
}

#[test]
fn every_case_has_a_snapshot_and_every_snapshot_a_case() {
    let fixtures = repo_root().join("tests/fixtures");
    let mut cases = Vec::new();
    for (dir, test) in [
        ("markdown", "markdown_cases"),
        ("errors", "explainer_error_cases"),
    ] {
        for entry in std::fs::read_dir(fixtures.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                cases.push(format!("main__cases__{test}@{name}.snap"));
            } else if path.join("site.yaml").is_file() {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                cases.push(format!(
                    "main__cases__site_error_cases@{name}__site.yaml.snap"
                ));
            }
        }
    }
    cases.sort();
    let mut snapshots: Vec<String> = std::fs::read_dir(repo_root().join("tests/snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("main__cases__") && n.ends_with(".snap"))
        .collect();
    snapshots.sort();
    assert_eq!(
        snapshots, cases,
        "a case without a snapshot, or a snapshot without its case"
    );
    assert!(cases.len() >= 10, "the cases are there: {cases:?}");
}
