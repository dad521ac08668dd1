use crate::support::{Site, lede_in, repo_root};

#[test]
fn help_and_version_exit_zero() {
    let run = lede_in(&repo_root(), &["--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("build"), "{}", run.stdout);
    let run = lede_in(&repo_root(), &["build", "--help"]);
    assert!(
        run.stdout.contains("--base-url") && run.stdout.contains("--drafts"),
        "{}",
        run.stdout
    );
    let run = lede_in(&repo_root(), &["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("lede "), "{}", run.stdout);
}

#[test]
fn wrong_usage_exits_two() {
    let site = Site::empty();
    assert_eq!(site.lede(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.lede(&["frobnicate"]).code, 2);
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 2, "a folder without site.yaml is not a site");
    assert!(run.stderr.contains("no site.yaml"), "{}", run.stderr);
}
