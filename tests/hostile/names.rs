//! File names: spaces, non-ASCII, leading dots, slugs that collide (also by
//! case), a folder named `x.md`, names that are not UTF-8.

use super::Broken;

fn explainer(title: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2026-01-02\n---\nBody.\n")
}

#[test]
fn odd_names_build_under_their_slugs_and_hidden_ones_are_skipped() {
    let b = Broken::fixture("minimal");
    b.write("content/with space.md", explainer("Spaced"));
    b.write("content/Café au lait.md", explainer("Coffee"));
    b.write("content/日本語.md", explainer("Japanese"));
    b.write("content/.hidden.md", explainer("Hidden"));
    b.write("content/.drafts/secret.md", explainer("Secret"));
    b.write(
        "content/folder.md/inner.md",
        explainer("Inside a folder named .md"),
    );
    b.site.lede(&["build"]).ok();
    for slug in ["with-space", "cafe-au-lait", "ri-ben-yu", "inner"] {
        assert!(
            b.site
                .root()
                .join("public")
                .join(slug)
                .join("index.html")
                .is_file(),
            "{slug}"
        );
    }
    let all = String::from_utf8_lossy(&b.site.public("index.html").into_bytes()).into_owned();
    assert!(
        !all.contains("Hidden") && !all.contains("Secret"),
        "hidden files are skipped"
    );
    assert!(!b.site.root().join("public/hidden").exists());
    assert!(!b.site.root().join("public/folder").exists());
}

#[test]
fn slugs_that_collide_also_by_case_or_are_empty_are_errors() {
    let b = Broken::fixture("minimal");
    b.write("content/sub/Only.md", explainer("Same slug by case"));
    b.write("content/Two Words.md", explainer("A"));
    b.write("content/deep/two-words.md", explainer("B"));
    b.write(
        "content/set.md",
        "---\ntitle: C\ndate: 2026-01-02\nslug: two-words\n---\n",
    );
    b.write("content/!!!.md", explainer("No letters"));
    b.build_fails(&[
        (
            "the slug `only` is already used by content/only.md",
            "content/sub/Only.md:1:1",
        ),
        ("the slug `two-words` is already used by", "content/"),
        ("this file name gives an empty slug", "content/!!!.md:1:1"),
    ]);
    let run = b.site.lede(&["build"]);
    let collisions = run
        .stderr
        .matches("the slug `two-words` is already used")
        .count();
    assert_eq!(collisions, 2, "three files, two collisions: {}", run.stderr);
    assert!(
        run.stderr.contains("--> content/set.md:4:7"),
        "points at `slug:`: {}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_or_hold_control_characters() {
    use std::os::unix::ffi::OsStrExt;
    let b = Broken::fixture("minimal");
    let dir = b.site.root().join("content");
    let latin1 = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.md"));
    std::fs::write(&latin1, explainer("Latin-1 name")).unwrap();
    std::fs::write(dir.join("new\nline.md"), "---\ntitle: [\n---\n").unwrap();
    let run = b.build_fails(&[("YAML syntax error", "content/new?line.md:3:1")]);
    assert!(
        !run.stderr.contains("new\nline"),
        "control characters are not printed"
    );
    std::fs::remove_file(dir.join("new\nline.md")).unwrap();
    b.site.lede(&["build"]).ok();
    assert!(b.site.root().join("public/caf/index.html").is_file());
}
