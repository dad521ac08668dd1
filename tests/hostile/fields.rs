//! Wrong types and values in every field of the front matter (FORMAT.md §2)
//! and of site.yaml: each names its file, line and column.

use super::Broken;

/// (file stem, front matter after `title` and `date`, message, line:col).
/// Line 1 is `---`, 2 `title`, 3 `date`, so the case starts on line 4.
const FRONT: &[(&str, &str, &str, &str)] = &[
    (
        "title-list",
        "title: [a, b]\n",
        "`title`: expected text, found a list",
        "3:8",
    ),
    (
        "dek-map",
        "dek: { a: 1 }\n",
        "`dek`: expected text, found a mapping",
        "4:6",
    ),
    ("date-bad", "updated: yesterday\n", "bad date", "4:10"),
    (
        "updated-early",
        "updated: 2025-01-01\n",
        "`updated` is earlier than `date`",
        "4:10",
    ),
    (
        "updated-offset",
        "updated: 2026-01-02T10:00:00\n",
        "bad date",
        "4:10",
    ),
    (
        "authors-text",
        "authors: Ann and Bo\n",
        "`authors`: is this one name or 2?",
        "4:10",
    ),
    (
        "authors-nested",
        "authors: [[Ann]]\n",
        "`authors[0]`: expected text, found a list",
        "4:11",
    ),
    (
        "tags-text",
        "tags: science, maths\n",
        "`tags`: is this one tag or 2?",
        "4:7",
    ),
    (
        "tags-empty",
        "tags: [\"!!!\"]\n",
        "tag `!!!` has no letters or digits",
        "4:8",
    ),
    (
        "slug-bad",
        "slug: Bad Slug\n",
        "`Bad Slug` is not a valid slug",
        "4:7",
    ),
    (
        "slug-reserved",
        "slug: tags\n",
        "the slug `tags` is reserved",
        "4:7",
    ),
    (
        "draft-word",
        "draft: maybe\n",
        "`draft`: expected `true` or `false`",
        "4:8",
    ),
    (
        "toc-number",
        "toc: 3\n",
        "`toc`: expected `true` or `false`",
        "4:6",
    ),
    (
        "hero-text",
        "hero: a.jpg\n",
        "`hero`: expected a mapping",
        "4:7",
    ),
    (
        "hero-no-src",
        "hero: { alt: A }\n",
        "`hero` needs a `src`",
        "4:7",
    ),
    (
        "hero-no-alt",
        "hero: { src: /a.png }\n",
        "the hero image needs `alt` text",
        "4:7",
    ),
    (
        "hero-js",
        "hero: { src: \"javascript:alert(1)\", alt: A }\n",
        "not allowed for an image",
        "4:14",
    ),
    (
        "hero-data",
        "hero: { src: \"data:image/png;base64,AA\", alt: A }\n",
        "not allowed for an image",
        "4:14",
    ),
    (
        "hero-relative",
        "hero: { src: a.png, alt: A }\n",
        "the hero image `a.png` is a relative path, but this explainer is not a page bundle",
        "4:14",
    ),
    (
        "hero-key",
        "hero: { src: /a.png, alt: A, size: 3 }\n",
        "unknown key `size`",
        "4:30",
    ),
    (
        "hero-caption-js",
        "hero: { src: /a.png, alt: A, caption: \"[x](javascript:alert(1))\" }\n",
        "`javascript:` URLs are not allowed",
        "4:39",
    ),
    (
        "kp-text",
        "key_points: one\n",
        "`key_points`: expected a list",
        "4:13",
    ),
    (
        "kp-empty",
        "key_points: [\"\"]\n",
        "a key point has no text",
        "4:14",
    ),
    (
        "kp-source",
        "key_points:\n  - { text: K, sources: [nope] }\n",
        "`nope` is not a source id",
        "5:25",
    ),
    (
        "kp-key",
        "key_points:\n  - { txt: K }\n",
        "unknown key `txt`",
        "5:7",
    ),
    (
        "kp-js",
        "key_points:\n  - \"[x]( JavaScript:alert(1))\"\n",
        "`javascript:` URLs are not allowed",
        "5:5",
    ),
    (
        "kp-vbscript",
        "key_points:\n  - { text: \"<vbscript:msgbox(1)>\" }\n",
        "`vbscript:` URLs are not allowed",
        "5:5",
    ),
    (
        "sources-list",
        "sources: [a]\n",
        "`sources`: expected a mapping",
        "4:10",
    ),
    (
        "source-text",
        "sources:\n  a: A report\n",
        "expected a mapping",
        "5:6",
    ),
    (
        "source-empty",
        "sources:\n  a: {}\n",
        "source `a` needs a `publisher` or a `title`",
        "5:3",
    ),
    (
        "source-id",
        "sources:\n  \"a b\": { title: T }\n",
        "`a b` cannot be a source id",
        "5:3",
    ),
    (
        "source-ftp",
        "sources:\n  a: { title: T, url: \"ftp://x.org/a\" }\n",
        "`ftp:` URLs are not allowed",
        "5:23",
    ),
    (
        "source-js",
        "sources:\n  a: { title: T, url: \" javascript:alert(1)\" }\n",
        "`javascript:` URLs are not allowed",
        "5:23",
    ),
    (
        "source-tab-js",
        "sources:\n  a: { title: T, url: \"java\\tscript:alert(1)\" }\n",
        "`javascript:` URLs are not allowed",
        "5:23",
    ),
    (
        "source-archived",
        "sources:\n  a: { title: T, archived: \"data:text/html,x\" }\n",
        "`data:` URLs are not allowed",
        "5:28",
    ),
    (
        "source-spaces",
        "sources:\n  a: { title: T, url: \"https://x.org/a b\" }\n",
        "contains spaces",
        "5:23",
    ),
    (
        "source-host",
        "sources:\n  a: { title: T, url: \"https:///a\" }\n",
        "has no host name",
        "5:23",
    ),
    (
        "source-date",
        "sources:\n  a: { title: T, date: soon }\n",
        "bad date",
        "5:24",
    ),
    (
        "source-key",
        "sources:\n  a: { title: T, publsher: P }\n",
        "unknown key `publsher`",
        "5:18",
    ),
    (
        "annotations-list",
        "annotations: [a]\n",
        "`annotations`: expected a mapping",
        "4:14",
    ),
    (
        "annotation-empty",
        "annotations:\n  term: \"\"\n",
        "the annotation on `term` has no note",
        "5:9",
    ),
    (
        "annotation-source",
        "annotations:\n  term: { note: N, source: nope }\n",
        "`nope` is not a source id",
        "5:28",
    ),
    (
        "annotation-key",
        "annotations:\n  term: { nte: N }\n",
        "unknown key `nte`",
        "5:11",
    ),
    (
        "annotation-js",
        "annotations:\n  term: \"[x](vbscript:x)\"\n",
        "`vbscript:` URLs are not allowed",
        "5:9",
    ),
    (
        "updates-text",
        "updates: today\n",
        "`updates`: expected a list",
        "4:10",
    ),
    (
        "update-date",
        "updates:\n  - { date: later, note: N }\n",
        "bad date",
        "5:13",
    ),
    (
        "update-note",
        "updates:\n  - { date: 2026-01-02 }\n",
        "missing required key `note`",
        "5:5",
    ),
    (
        "update-js",
        "updates:\n  - { date: 2026-01-02, note: \"[x](javascript:x)\" }\n",
        "`javascript:` URLs are not allowed",
        "5:31",
    ),
    (
        "corrections-map",
        "corrections: { a: 1 }\n",
        "`corrections`: expected a list",
        "4:14",
    ),
    (
        "correction-key",
        "corrections:\n  - { date: 2026-01-02, note: N, by: X }\n",
        "unknown key `by`",
        "5:34",
    ),
    (
        "unknown-key",
        "key_point: [a]\n",
        "unknown key `key_point`",
        "4:1",
    ),
];

#[test]
fn every_front_matter_field_with_a_wrong_type_or_value() {
    let b = Broken::fixture("minimal");
    let mut expect = Vec::new();
    for (stem, yaml, message, at) in FRONT {
        // A case about the title replaces it (and starts on line 3).
        let title = if yaml.starts_with("title:") {
            ""
        } else {
            "title: T\n"
        };
        b.write(
            &format!("content/{stem}.md"),
            format!("---\n{title}date: 2026-01-01\n{yaml}---\nBody.\n"),
        );
        expect.push((*message, format!("content/{stem}.md:{at}")));
    }
    b.write("content/missing.md", "---\ndek: D\n---\n");
    expect.push((
        "an explainer needs a `title`",
        "content/missing.md:2:1".into(),
    ));
    expect.push((
        "an explainer needs a `date`",
        "content/missing.md:2:1".into(),
    ));
    let expect: Vec<(&str, &str)> = expect.iter().map(|(m, a)| (*m, a.as_str())).collect();
    let run = b.build_fails(&expect);
    assert!(
        run.stderr.contains("did you mean `key_points`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `publisher`?"),
        "{}",
        run.stderr
    );
}

/// (site.yaml after `title` and `base_url`, message, line:col); or a whole
/// site.yaml when it does not start with `title:`.
const SITE: &[(&str, &str, &str)] = &[
    (
        "description: { a: b }\n",
        "`description`: expected text, found a mapping",
        "3:14",
    ),
    (
        "language: english!\n",
        "`english!` is not a language tag",
        "3:11",
    ),
    (
        "author: [A, B]\n",
        "`author`: expected text, found a list",
        "3:9",
    ),
    ("cname: https://x.org\n", "is not a bare domain name", "3:8"),
    (
        "labels: What we know\n",
        "`labels`: expected a mapping",
        "3:9",
    ),
    (
        "labels:\n  keypoints: X\n",
        "unknown label `keypoints`",
        "4:3",
    ),
    (
        "labels:\n  key_points: [X]\n",
        "expected text, found a list",
        "4:15",
    ),
    ("highlight_theme: Nope\n", "bad `highlight_theme`", "3:18"),
    (
        "highlight_theme: [a]\n",
        "`highlight_theme`: expected text",
        "3:18",
    ),
    ("extra: [\n", "YAML syntax error", "3:9"),
    ("descripton: D\n", "unknown key `descripton`", "3:1"),
    (
        "title: [T]\nbase_url: https://x.org/\n",
        "`title`: expected text, found a list",
        "1:8",
    ),
    (
        "base_url: https://x.org/\n",
        "site.yaml needs a `title`",
        "1:1",
    ),
    ("title: T\n", "site.yaml needs a `base_url`", "1:1"),
    ("title: T\nbase_url: /repo/\n", "bad `base_url`", "2:11"),
    (
        "title: T\nbase_url: \"javascript:alert(1)//x.org/\"\n",
        "bad `base_url`",
        "2:11",
    ),
    (
        "title: T\nbase_url: https://x.org/?q=1\n",
        "bad `base_url`",
        "2:11",
    ),
    (
        "- title\n- base_url\n",
        "site.yaml must be a mapping",
        "1:1",
    ),
];

#[test]
fn every_site_yaml_field_with_a_wrong_type_or_value() {
    let b = Broken::fixture("minimal");
    for (yaml, message, at) in SITE {
        let text =
            if yaml.starts_with("title:") || !yaml.contains(':') || yaml.starts_with("base_url") {
                (*yaml).to_string()
            } else {
                format!("title: T\nbase_url: https://x.org/\n{yaml}")
            };
        b.write("site.yaml", text);
        b.build_fails(&[(message, &format!("site.yaml:{at}"))]);
    }
}
