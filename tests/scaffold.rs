//! `lede init` and `lede new`: a new site that builds and passes
//! `check --strict` as it is.

use crate::support::{Site, lede_in};

#[test]
fn init_then_new_builds_and_passes_strict_check() {
    let place = Site::empty();
    let dir = place.root().join("city-desk");
    let run = lede_in(place.root(), &["init", "city-desk"]);
    run.ok();
    for file in [
        "site.yaml",
        ".gitignore",
        "README.md",
        ".github/workflows/pages.yml",
        "content/how-to-write-an-explainer.md",
    ] {
        assert!(dir.join(file).is_file(), "init wrote no {file}");
    }
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(yaml.contains("title: \"City desk\""), "{yaml}");
    let new = lede_in(&dir, &["new", "Some title"]);
    new.ok();
    let text = std::fs::read_to_string(dir.join("content/some-title.md")).unwrap();
    assert!(text.contains("title: \"Some title\"\n"), "{text}");
    let today = jiff::Zoned::now().date().to_string();
    assert!(text.contains(&format!("\ndate: {today}\n")), "{text}");
    assert!(
        text.contains("# sources:") && text.contains("# key_points:"),
        "{text}"
    );

    let check = lede_in(&dir, &["check", "--strict", "--drafts"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("checked 2 explainers"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
    assert!(check.stderr.is_empty(), "{}", check.stderr);
    let build = lede_in(&dir, &["build"]);
    build.ok();
    assert!(
        build.stdout.starts_with("built 1 explainer "),
        "the sample is a draft: {}",
        build.stdout
    );
    assert!(dir.join("public/some-title/index.html").is_file());
    assert!(!dir.join("public/how-to-write-an-explainer").exists());
    // From inside content/, lede finds the site above it.
    lede_in(&dir.join("content"), &["new", "From inside"]).ok();
    assert!(dir.join("content/from-inside.md").is_file());
}

#[test]
fn the_workflow_builds_with_lede_and_deploys_with_pages_actions() {
    let place = Site::empty();
    lede_in(place.root(), &["init", "site"]).ok();
    let wf =
        std::fs::read_to_string(place.root().join("site/.github/workflows/pages.yml")).unwrap();
    for needle in [
        "uses: actions/checkout@",
        "uses: actions/configure-pages@",
        "sha256sum --check",
        "cargo install --locked \"lede-ssg@${LEDE_VERSION}\"",
        "run: lede check",
        "lede build --base-url \"${BASE_URL}/\"",
        "uses: actions/upload-pages-artifact@",
        "path: public",
        "uses: actions/deploy-pages@",
        "pages: write",
        "id-token: write",
    ] {
        assert!(wf.contains(needle), "the workflow lacks `{needle}`:\n{wf}");
    }
    let ignore = std::fs::read_to_string(place.root().join("site/.gitignore")).unwrap();
    assert!(ignore.contains("/public/"));
    assert!(
        ignore.contains("/.lede-cache/"),
        "the image cache is never committed"
    );
}

#[test]
fn nothing_is_ever_overwritten() {
    let place = Site::empty();
    place.write("busy/notes.txt", "mine");
    let run = lede_in(place.root(), &["init", "busy"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(!place.root().join("busy/site.yaml").exists());

    lede_in(place.root(), &["init", "s"]).ok();
    let dir = place.root().join("s");
    lede_in(&dir, &["new", "Twice"]).ok();
    std::fs::write(dir.join("content/twice.md"), "edited").unwrap();
    let again = lede_in(&dir, &["new", "Twice!"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("content/twice.md already exists"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("content/twice.md")).unwrap(),
        "edited"
    );

    let nowhere = Site::empty();
    let run = nowhere.lede(&["new", "A title"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no site.yaml"), "{}", run.stderr);
}

#[test]
fn the_documented_workflow_is_the_one_init_writes() {
    let place = Site::empty();
    lede_in(place.root(), &["init", "site"]).ok();
    let wf =
        std::fs::read_to_string(place.root().join("site/.github/workflows/pages.yml")).unwrap();
    let without_comments: Vec<&str> = wf
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let docs =
        std::fs::read_to_string(crate::support::repo_root().join("docs/publishing.md")).unwrap();
    assert!(
        docs.contains(&without_comments.join("\n")),
        "docs/publishing.md shows another workflow than `lede init` writes"
    );
}
