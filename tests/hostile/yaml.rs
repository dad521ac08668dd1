//! Malformed YAML: unterminated front matter, tabs, duplicate keys (also
//! inside `sources`, `annotations`, `extra` and the site's maps), alias
//! bombs, very deep nesting, huge scalars.

use super::Broken;

const HEAD: &str = "---\ntitle: T\ndate: 2026-01-01\n";

#[test]
fn unterminated_front_matter_and_tabs() {
    let b = Broken::fixture("minimal");
    b.write(
        "content/open.md",
        "---\ntitle: T\ndate: 2026-01-01\nBody.\n",
    );
    b.write("content/tabs.md", format!("{HEAD}tags:\n\t- a\n---\n"));
    b.write(
        "content/tab-value.md",
        format!("{HEAD}sources:\n  a:\n\ttitle: x\n---\n"),
    );
    let run = b.build_fails(&[
        ("unterminated front matter", "content/open.md:1:1"),
        ("YAML syntax error", "content/tabs.md:5:1"),
        ("YAML syntax error", "content/tab-value.md:6:1"),
    ]);
    assert!(
        run.stderr
            .contains("end the front matter with a line `---`")
    );
    assert!(
        run.stderr.contains("YAML does not allow tabs"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("at line 4 column"),
        "no YAML-relative position left in the message: {}",
        run.stderr
    );
}

#[test]
fn duplicate_keys_at_every_level() {
    let b = Broken::fixture("minimal");
    b.write("content/top.md", format!("{HEAD}title: again\n---\n"));
    b.write(
        "content/sources.md",
        format!(
            "{HEAD}sources:\n  a: {{ title: A }}\n  b: {{ title: B }}\n  a: {{ title: C }}\n---\n"
        ),
    );
    b.write(
        "content/source-field.md",
        format!("{HEAD}sources:\n  a:\n    title: A\n    title: B\n---\n"),
    );
    b.write(
        "content/annotations.md",
        format!("{HEAD}annotations:\n  term: one\n  term: two\n---\n"),
    );
    b.write(
        "content/extra.md",
        format!("{HEAD}extra:\n  deep:\n    list:\n      - {{ k: 1, k: 2 }}\n---\n"),
    );
    b.write(
        "content/hero.md",
        format!("{HEAD}hero:\n  src: /a.png\n  alt: A\n  alt: B\n---\n"),
    );
    b.build_fails(&[
        ("duplicate key `title`", "content/top.md:4:1"),
        ("duplicate key `a`", "content/sources.md:7:3"),
        ("duplicate key `title`", "content/source-field.md:7:5"),
        ("duplicate key `term`", "content/annotations.md:6:3"),
        ("duplicate key `k`", "content/extra.md:7:"),
        ("duplicate key `alt`", "content/hero.md:7:3"),
    ]);
}

#[test]
fn duplicate_keys_in_site_yaml() {
    let b = Broken::fixture("minimal");
    let site = "title: Minimal\nbase_url: https://example.github.io/repo/\n";
    for (yaml, at) in [
        (format!("{site}title: Again\n"), "site.yaml:3:1"),
        (
            format!("{site}labels:\n  key_points: A\n  key_points: B\n"),
            "site.yaml:5:3",
        ),
        (
            format!("{site}extra:\n  a: {{ b: 1, b: 2 }}\n"),
            "site.yaml:4:",
        ),
    ] {
        b.write("site.yaml", yaml);
        b.build_fails(&[("duplicate key", at)]);
    }
}

/// The classic "billion laughs", and a wide one: 20,000 aliases of a
/// 20,000-item list are 400 million values from a 100 KB file (before the
/// limit, this build never ended).
#[test]
fn alias_bombs_end_as_errors_at_the_alias() {
    let b = Broken::fixture("minimal");
    let mut laughs =
        format!("{HEAD}extra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..'j').zip('b'..='j') {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        laughs.push_str(&format!("  {name}: &{name} [{refs}]\n"));
    }
    laughs.push_str("---\n");
    b.write("content/laughs.md", laughs);
    let n = 20_000;
    let wide = format!(
        "{HEAD}extra:\n  a: &x [{}]\n  b: [{}]\n---\n",
        vec!["1"; n].join(","),
        vec!["*x"; n].join(",")
    );
    b.write("content/wide.md", wide);
    b.build_fails(&[
        ("aliases (`*name`) expand this YAML", "content/laughs.md:6:"),
        ("aliases (`*name`) expand this YAML", "content/wide.md:6:7"),
    ]);
    b.remove("content/laughs.md");
    b.remove("content/wide.md");
    let site = "title: Minimal\nbase_url: https://example.github.io/repo/\n";
    b.write(
        "site.yaml",
        format!(
            "{site}extra:\n  a: &x [{}]\n  b: [{}]\n",
            vec!["1"; n].join(","),
            vec!["*x"; n].join(",")
        ),
    );
    b.build_fails(&[("aliases (`*name`) expand this YAML", "site.yaml:5:7")]);
}

#[test]
fn very_deep_nesting_is_an_error_with_a_position() {
    let b = Broken::fixture("minimal");
    let depth = 10_000;
    b.write(
        "content/lists.md",
        format!(
            "{HEAD}extra: {}{}\n---\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    b.write(
        "content/maps.md",
        format!(
            "{HEAD}extra: {}1{}\n---\n",
            "{a: ".repeat(depth),
            "}".repeat(depth)
        ),
    );
    let mut block = format!("{HEAD}extra:\n");
    for level in 0..200 {
        block.push_str(&format!("{}k:\n", " ".repeat(level + 2)));
    }
    block.push_str("---\n");
    b.write("content/block.md", block);
    b.build_fails(&[
        ("YAML nested or repeated too deeply", "content/lists.md:4:"),
        ("YAML nested or repeated too deeply", "content/maps.md:4:"),
        ("YAML nested or repeated too deeply", "content/block.md:"),
    ]);
}

#[test]
fn huge_scalars_are_refused_where_they_cross_the_limit() {
    let b = Broken::fixture("minimal");
    let huge = "x".repeat(2 << 20);
    b.write(
        "content/title.md",
        format!("---\ndate: 2026-01-01\ntitle: {huge}\n---\n"),
    );
    b.write(
        "content/quoted.md",
        format!("{HEAD}dek: \"{}\"\n---\n", "é".repeat(1 << 20)),
    );
    b.write(
        "content/key.md",
        format!("{HEAD}extra:\n  {huge}: 1\n---\n"),
    );
    let run = b.build_fails(&[
        ("over the limit of 1.0 MB", "content/title.md:3:"),
        ("over the limit of 1.0 MB", "content/quoted.md:4:"),
        ("over the limit of 1.0 MB", "content/key.md:5:"),
    ]);
    assert!(
        run.stderr.len() < 20_000,
        "no megabyte snippets: {} bytes",
        run.stderr.len()
    );
}
