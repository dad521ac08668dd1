use crate::support::Site;

/// Builds a good version first, so there is a previous `public/` to keep.
fn with_previous_output(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    site.lede(&["build"]).ok();
    site.manifest()
}

#[test]
fn three_mistakes_are_reported_at_once_and_public_is_untouched() {
    let site = Site::fixture("broken");
    let bad = std::fs::read_to_string(site.root().join("content/bad.md")).unwrap();
    std::fs::remove_file(site.root().join("content/bad.md")).unwrap();
    let before = with_previous_output(&site);
    site.write("content/bad.md", &bad);
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    assert!(
        e.contains("error: unknown key `titel` in front matter"),
        "{e}"
    );
    assert!(e.contains("--> content/bad.md:2:1"), "{e}");
    assert!(e.contains("help: did you mean `title`?"), "{e}");
    assert!(
        e.contains("`key_points`: expected a list, found the text"),
        "{e}"
    );
    assert!(e.contains("--> content/bad.md:4:13"), "{e}");
    assert!(e.contains("`javascript:` URLs are not allowed"), "{e}");
    assert!(e.contains("--> content/bad.md:6:29"), "{e}");
    assert!(e.contains("^"), "a caret under the span: {e}");
    assert!(e.contains("3 errors"), "{e}");
    assert_eq!(
        site.manifest(),
        before,
        "public/ is byte for byte as it was"
    );
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = Site::fixture("minimal");
    for (output, why) in [
        (".", "site folder itself"),
        ("content", "content/"),
        ("content/out", "content/"),
        ("..", "contains the site"),
    ] {
        let run = site.lede(&["build", "--output", output]);
        assert_eq!(run.code, 2, "--output {output}: {}", run.stderr);
        assert!(
            run.stderr.contains(why),
            "--output {output}: {}",
            run.stderr
        );
    }
    site.write("mine/notes.txt", "keep me");
    let run = site.lede(&["build", "--output", "mine"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not made by lede"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.root().join("mine/notes.txt")).unwrap(),
        "keep me"
    );
    site.write("other-site/site.yaml", "title: x");
    let run = site.lede(&["build", "--output", "other-site"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("looks like a site"), "{}", run.stderr);
}

/// Point 2 of the first-hour issue: a hint, applied as written, fixes the
/// build. Each case is a fixture of `fixtures/errors/` and the text its
/// hints say to write instead.
#[test]
fn applying_the_hints_makes_the_build_pass() {
    let cases: [(&str, &[(&str, &str)]); 2] = [
        (
            "hints-for-relative-paths.md",
            &[
                ("src: images/a.png", "src: /images/a.png"),
                ("(../static/images/a.png)", "(/images/a.png)"),
                ("(other)", "(other.md)"),
            ],
        ),
        (
            "unknown-block-kind.md",
            &[("[!QOUTE]", "[!QUOTE]"), ("[!FACTCHECK]", "[!NOTE]")],
        ),
    ];
    for (case, fixes) in cases {
        let site = Site::fixture("cases");
        let fixture = crate::support::repo_root()
            .join("tests/fixtures/errors")
            .join(case);
        let mut text = std::fs::read_to_string(fixture).unwrap();
        let rel = format!("content/{case}");
        site.write(&rel, &text);
        let before = site.lede(&["check"]);
        assert_eq!(before.code, 1, "{case} should fail as written");
        for (from, to) in fixes {
            // Each fix is what the hint says (checked against the message).
            let hinted = to.trim_start_matches("src: ").trim_matches(['(', ')']);
            assert!(
                before.stderr.contains(hinted),
                "{case}: no hint says `{hinted}`:\n{}",
                before.stderr
            );
            assert!(text.contains(from), "{case} has no `{from}`");
            text = text.replace(from, to);
        }
        site.write(&rel, &text);
        let after = site.lede(&["check"]);
        assert_eq!(
            after.code, 0,
            "{case} with its hints applied:\n{}",
            after.stderr
        );
    }
}
