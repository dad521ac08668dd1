//! `lede check`: every finding with file:line:col and a snippet; nothing
//! written.

use crate::support::Site;

#[test]
fn check_reports_one_of_each_problem_and_writes_nothing() {
    let site = Site::fixture("lint");
    let run = site.lede(&["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    for (at, message) in [
        (
            "content/errors.md:5:11",
            "error: link to `missing.md`, but there is no explainer",
        ),
        (
            "content/errors.md:7:11",
            "error: no element with the id `no-such-heading` on the page `warnings`",
        ),
        (
            "content/errors.md:9:11",
            "error: no element with the id `nowhere` on this page",
        ),
        (
            "content/errors.md:11:11",
            "error: link to `/no-such-file.pdf`, but the site has no such file",
        ),
        (
            "content/warnings.md:6:3",
            "warning: source `unused` is never cited",
        ),
        (
            "content/warnings.md:8:3",
            "warning: annotated term `never used term` does not occur",
        ),
        (
            "content/warnings.md:12:1",
            "warning: this quote has no attribution",
        ),
        (
            "content/warnings.md:15:1",
            "warning: this image has no alt text",
        ),
    ] {
        let found = run.stderr.split("\n\n").find(|d| d.contains(message));
        let report = found.unwrap_or_else(|| panic!("no `{message}` in:\n{}", run.stderr));
        assert!(report.contains(&format!("--> {at}")), "{report}");
        assert!(report.contains(" | "), "a snippet: {report}");
    }
    assert!(
        run.stdout.contains("checked 2 explainers") && run.stdout.contains("4 errors, 4 warnings"),
        "{}",
        run.stdout
    );
    let entries: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 3, "nothing written: {entries:?}");
}

#[test]
fn warnings_fail_only_under_strict() {
    let site = Site::fixture("lint");
    std::fs::remove_file(site.root().join("content/errors.md")).unwrap();
    let run = site.lede(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 errors, 4 warnings"),
        "{}",
        run.stdout
    );
    let strict = site.lede(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert!(strict.stdout.contains("--strict"), "{}", strict.stdout);
    assert!(!site.root().join("public").exists());
}

#[test]
fn check_reports_front_matter_errors_and_refuses_a_non_site() {
    let site = Site::fixture("broken");
    let run = site.lede(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--> content/bad.md:"), "{}", run.stderr);
    assert_eq!(Site::empty().lede(&["check"]).code, 2);
}
