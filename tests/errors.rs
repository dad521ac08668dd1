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
/// build. Each case is a fixture of `fixtures/errors/`, and for each of its
/// mistakes: the text to replace, what the hint says to write, and the
/// words of the hint that say so (checked against the report).
#[test]
fn applying_the_hints_makes_the_build_pass() {
    type Fix = (&'static str, &'static str, &'static str);
    let cases: [(&str, &[Fix]); 10] = [
        (
            "hints-for-relative-paths.md",
            &[
                ("src: images/a.png", "src: /images/a.png", "/images/a.png"),
                (
                    "(../static/images/a.png)",
                    "(/images/a.png)",
                    "/images/a.png",
                ),
                ("(other)", "(other.md)", "other.md"),
            ],
        ),
        (
            "unknown-block-kind.md",
            &[
                ("[!QOUTE]", "[!QUOTE]", "[!QUOTE]"),
                ("[!FACTCHECK]", "[!NOTE]", "[!NOTE]"),
            ],
        ),
        (
            "keys-from-other-tools.md",
            &[
                ("dke:", "dek:", "did you mean `dek`?"),
                ("subtitle: \"A subtitle\"\n", "", "lede calls this `dek`"),
                (
                    "description: \"A description\"\n",
                    "",
                    "lede calls this `dek`",
                ),
                (
                    "image: /images/a.png",
                    "hero: { src: /images/a.png, alt: \"A picture\" }",
                    "written `hero: { src: /images/photo.jpg, alt:",
                ),
                ("categories:", "tags:", "lede calls this `tags`"),
                ("lastmod:", "updated:", "lede calls this `updated`"),
                ("publishDate:", "date:", "lede calls this `date`"),
            ],
        ),
        (
            "dates-in-plain-words.md",
            &[
                ("26-01-2026", "2026-01-26", "`2026-01-26`"),
                ("2026-02-30", "2026-02-28", "February 2026 has 28 days"),
                ("03/04/2026", "2026-04-03", "`2026-04-03` for the first"),
            ],
        ),
        (
            "one-item-or-a-list.md",
            &[
                (
                    "authors: Jane Ruiz and Sam Park",
                    "authors: [Jane Ruiz, Sam Park]",
                    "`authors: [Jane Ruiz, Sam Park]`",
                ),
                (
                    "tags: Russia, Ukraine",
                    "tags: [\"Russia, Ukraine\"]",
                    "`tags: [\"Russia, Ukraine\"]`",
                ),
            ],
        ),
        (
            "anchor-on-another-page.md",
            &[("other.md#xx", "other.md#x", "did you mean `#x`?")],
        ),
        (
            "key-point-section.md",
            &[
                (
                    "section: nowhere",
                    "section: where-it-goes",
                    "heading ids: where-it-goes",
                ),
                (
                    "section: where-it-go\n",
                    "section: where-it-goes\n",
                    "did you mean `where-it-goes`?",
                ),
            ],
        ),
        (
            "undefined-reference.md",
            &[
                ("[^b2]", "[^b]", "did you mean `[^b]`?"),
                (
                    "[^1]: The note.",
                    "[^1]: The note.\n\n[^zz]: Another note.",
                    "a note needs a line `[^zz]: …`",
                ),
            ],
        ),
        (
            "quote-and-post-forms.md",
            &[("> - Jane Ruiz", "> — Jane Ruiz", "write the dash as `—`")],
        ),
        (
            "raw-html-left-open.md",
            &[
                (
                    "never ends.",
                    "never ends.</span>",
                    "add `</span>` before the paragraph ends",
                ),
                (
                    "up in it.\n",
                    "up in it.\n\n</div>\n",
                    "add `</div>` on a line of its own",
                ),
                ("</section>\n", "", "remove it"),
                (
                    "color: red }\n",
                    "color: red }\n</style>\n",
                    "add `</style>`",
                ),
            ],
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
        let before = site.lede(&["check", "--strict"]);
        assert_eq!(before.code, 1, "{case} should fail as written");
        for (from, to, hint) in fixes {
            assert!(
                before.stderr.contains(hint),
                "{case}: no hint says `{hint}`:\n{}",
                before.stderr
            );
            assert!(text.contains(from), "{case} has no `{from}`");
            text = text.replacen(from, to, 1);
        }
        site.write(&rel, &text);
        let after = site.lede(&["check", "--strict"]);
        assert_eq!(
            after.code, 0,
            "{case} with its hints applied:\n{}",
            after.stderr
        );
    }
}
