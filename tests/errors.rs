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
fn errors_of_several_files_are_all_reported() {
    let site = Site::fixture("minimal");
    site.write("content/a.md", "---\ntitle: A\ndate: 2026-13-01\n---\n");
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2026-01-01\ndraft: perhaps\n---\n",
    );
    site.write("content/c.md", "no front matter\n");
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    for at in ["content/a.md:3:7", "content/b.md:4:8", "content/c.md:1:1"] {
        assert!(run.stderr.contains(at), "{at} in {}", run.stderr);
    }
}

#[test]
fn duplicate_slugs_are_errors() {
    let site = Site::fixture("minimal");
    site.write(
        "content/sub/Only.md",
        "---\ntitle: Same\ndate: 2026-01-01\n---\n",
    );
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("the slug `only` is already used by content/only.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/sub/Only.md:1:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_keys_in_sources_and_annotations_are_errors() {
    let site = Site::fixture("minimal");
    site.write(
        "content/d.md",
        "---\ntitle: D\ndate: 2026-01-01\nsources:\n  a: { title: A }\n  a: { title: B }\nannotations:\n  x: one\n  x: two\n---\n",
    );
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("duplicate key `a`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> content/d.md:6:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn site_yaml_unknown_key_names_the_closest_key() {
    let site = Site::fixture("minimal");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.org/\ndescripton: typo\n",
    );
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--> site.yaml:3:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `description`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_errors_point_into_the_template() {
    let site = Site::fixture("minimal");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.nope }}{% endblock content %}\n",
    );
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> templates/page.html:2:"),
        "{}",
        run.stderr
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

/// The explainer error and warning cases, each with its file and line.
#[test]
fn explainer_problems_name_file_and_line() {
    let site = Site::fixture("minimal");
    let head =
        "---\ntitle: X\ndate: 2026-01-01\nsources:\n  s: { title: S }\n  unused: { title: U }\n";
    site.write(
        "content/undefined.md",
        format!("{head}---\nCites [^s] and [^nope].\n"),
    );
    site.write(
        "content/section.md",
        format!("{head}key_points:\n  - text: K\n    section: nowhere\n---\n[^s] [^unused]\n"),
    );
    site.write(
        "content/quote.md",
        format!("{head}---\n[^s] [^unused]\n\n> [!QUOTE]\n> No attribution.\n"),
    );
    site.write(
        "content/post.md",
        format!("{head}---\n[^s] [^unused]\n\n> [!POST] not a header\n> text\n"),
    );
    site.write(
        "content/term.md",
        format!("{head}annotations:\n  zebra: A horse.\n---\n[^s] [^unused]\n"),
    );
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 1);
    let e = &run.stderr;
    let expect = [
        (
            "`[^nope]` is neither a source nor a note",
            "content/undefined.md:8:16",
        ),
        ("source `unused` is never cited", "content/undefined.md:6:3"),
        (
            "no heading with the id `nowhere`",
            "content/section.md:9:14",
        ),
        ("this quote has no attribution", "content/quote.md:10:1"),
        ("bad post header", "content/post.md:10:3"),
        (
            "annotated term `zebra` does not occur",
            "content/term.md:8:3",
        ),
    ];
    for (message, at) in expect {
        let pos = e
            .find(message)
            .unwrap_or_else(|| panic!("`{message}` not in {e}"));
        let after = &e[pos..];
        let arrow = after.find("--> ").unwrap();
        assert!(
            after[arrow + 4..].starts_with(at),
            "`{message}` should be at {at}: {}",
            &after[..arrow + 40.min(after.len() - arrow)]
        );
    }
}
