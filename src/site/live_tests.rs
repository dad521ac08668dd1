//! Tests of [`super::Live`]: edits on a small site on disk.

use super::*;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn text(files: &Files, path: &str) -> String {
    String::from_utf8_lossy(&files[path]).into_owned()
}

fn setup() -> (tempfile::TempDir, Live, Files) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: T\nbase_url: https://x.org/r/\n");
    write(
        root,
        "content/a.md",
        "---\ntitle: Alpha\ndate: 2026-01-01\ntags: [x]\n---\nSee [b](b.md#part).\n",
    );
    write(
        root,
        "content/b.md",
        "---\ntitle: Beta\ndate: 2026-01-02\n---\n## Part\n\nText.\n",
    );
    write(
        root,
        "content/c.md",
        "---\ntitle: Gamma\ndate: 2026-01-03\n---\nAlone.\n",
    );
    let (live, files) = Live::load(root, &ModelOptions::default(), None).unwrap();
    (dir, live, files)
}

#[test]
fn an_edit_renders_the_page_and_the_lists_that_show_it() {
    let (dir, mut live, files) = setup();
    assert!(text(&files, "b/index.html").contains("Beta"));
    assert!(live.diagnostics().is_empty(), "{:?}", live.diagnostics());
    write(
        dir.path(),
        "content/b.md",
        "---\ntitle: Beta\ndate: 2026-01-02\n---\n## Part\n\nNew text.\n",
    );
    let delta = live.update(&[Arc::from("content/b.md")], &mut |_| {});
    assert!(text(&delta.files, "b/index.html").contains("New text."));
    assert_eq!(
        delta.pages, 1,
        "the body changed: the pages that show b need not"
    );
    write(
        dir.path(),
        "content/b.md",
        "---\ntitle: Beta two\ndate: 2026-01-02\n---\n## Part\n\nNew text.\n",
    );
    let mut early = Vec::new();
    let delta = live.update(&[Arc::from("content/b.md")], &mut |pages| {
        early.extend(pages.keys().cloned());
    });
    early.sort();
    assert_eq!(
        early,
        ["a/index.html", "b/index.html", "c/index.html"],
        "the pages (a and c show b among their related) come before the lists"
    );
    let mut paths: Vec<&str> = delta.files.keys().map(String::as_str).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "a/index.html",
            "archive/2026/index.html",
            "archive/index.html",
            "atom.xml",
            "authors/index.html",
            "b/index.html",
            "c/index.html",
            "index.html",
            "sitemap.xml",
            "tags/index.html"
        ]
    );
    assert!(text(&delta.files, "c/index.html").contains("Beta two"));
    assert!(text(&delta.files, "index.html").contains("Beta two"));
    assert_eq!(delta.pages, 3);
    assert!(delta.removed.is_empty());
}

#[test]
fn a_slug_change_renders_the_pages_that_link_to_it() {
    let (dir, mut live, _) = setup();
    write(
        dir.path(),
        "content/b.md",
        "---\ntitle: Beta\ndate: 2026-01-02\nslug: beta\n---\n## Part\n",
    );
    let delta = live.update(&[Arc::from("content/b.md")], &mut |_| {});
    assert!(delta.files.contains_key("beta/index.html"));
    assert!(
        text(&delta.files, "a/index.html").contains("href=\"/r/beta/#part\""),
        "a links to b, so it is rendered again"
    );
    assert!(
        text(&delta.files, "c/index.html").contains("href=\"/r/beta/\""),
        "c shows b among its related explainers"
    );
    assert_eq!(delta.removed, ["b/index.html"]);
}

#[test]
fn errors_come_and_go_with_the_file() {
    let (dir, mut live, _) = setup();
    let root = dir.path();
    write(
        root,
        "content/b.md",
        "---\ntitel: Beta\ndate: 2026-01-02\n---\n",
    );
    let delta = live.update(&[Arc::from("content/b.md")], &mut |_| {});
    let gamma = "---\ntitle: Gamma\ndate: 2026-01-03\n---\nEdited.\n";
    write(root, "content/c.md", gamma);
    let mut early = false;
    live.update(&[Arc::from("content/c.md")], &mut |_| early = true);
    assert!(!early, "nothing is served early while a file is broken");
    assert!(
        delta.files.is_empty(),
        "the model keeps the last good version"
    );
    let d = live.diagnostics();
    assert!(d.has_errors());
    assert!(
        d.render(false).contains("content/b.md:2:1"),
        "{}",
        d.render(false)
    );
    write(
        root,
        "content/b.md",
        "---\ntitle: Beta\ndate: 2026-01-02\n---\nNo part.\n",
    );
    live.update(&[Arc::from("content/b.md")], &mut |_| {});
    let d = live.diagnostics().render(false);
    assert!(d.contains("no element with the id `part`"), "{d}");
    write(
        root,
        "content/b.md",
        "---\ntitle: Beta\ndate: 2026-01-02\n---\n## Part\n",
    );
    live.update(&[Arc::from("content/b.md")], &mut |_| {});
    assert!(live.diagnostics().is_empty());
    std::fs::remove_file(root.join("content/a.md")).unwrap();
    let delta = live.update(&[Arc::from("content/a.md")], &mut |_| {});
    assert_eq!(delta.removed, ["a/index.html", "tags/x/index.html"]);
    assert!(!text(&delta.files, "index.html").contains("Alpha"));
}

#[test]
fn serve_shows_an_image_as_it_is_until_its_variants_are_in_the_cache() {
    use crate::site::images::{Cache, Pictures, encode_to_cache};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.yaml",
        "title: T\nbase_url: https://x.org/r/\nimages:\n  widths: [8, 16]\n  formats: [webp]\n",
    );
    let mut png = Vec::new();
    image::RgbImage::from_fn(24, 16, |x, y| {
        image::Rgb([(x * 10) as u8, (y * 10) as u8, 128])
    })
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .unwrap();
    std::fs::create_dir_all(root.join("static/images")).unwrap();
    std::fs::write(root.join("static/images/p.png"), &png).unwrap();
    write(
        root,
        "content/a.md",
        "---\ntitle: Alpha\ndate: 2026-01-01\n---\n![A map](/images/p.png)\n",
    );
    write(
        root,
        "content/b.md",
        "---\ntitle: Beta\ndate: 2026-01-02\n---\nNo image.\n",
    );
    let options = ModelOptions {
        pictures: Pictures::Cached,
        read_cache: true,
        ..ModelOptions::default()
    };
    let (mut live, files) = Live::load(root, &options, None).unwrap();
    let page = text(&files, "a/index.html");
    assert!(
        page.contains("<img") && !page.contains("<picture"),
        "{page}"
    );
    assert!(
        !files.keys().any(|k| k.ends_with(".webp")),
        "nothing encoded on the edit's path"
    );
    let pending = live.pending_images();
    assert_eq!(pending.keys().collect::<Vec<_>>(), ["images/p.png"]);
    assert_eq!(pending["images/p.png"].1, [Arc::from("content/a.md")]);

    // What the background encoder does, then what serve does when it is done.
    let cache = Cache::new(root);
    for (path, (source, _)) in &pending {
        assert!(encode_to_cache(
            path,
            source,
            &live.site().config.images,
            &cache
        ));
    }
    let delta = live.swap_in(&["images/p.png".to_string()]);
    assert_eq!(delta.pages, 1, "only the page showing the image");
    let page = text(&delta.files, "a/index.html");
    assert!(page.contains("<picture"), "{page}");
    let mut variants: Vec<&str> = delta
        .files
        .keys()
        .filter(|k| k.starts_with("images/p."))
        .map(String::as_str)
        .collect();
    variants.sort_unstable();
    assert_eq!(
        variants.len(),
        4,
        "two widths in WebP and PNG: {variants:?}"
    );
    for v in &variants {
        assert!(page.contains(&format!("/r/{v}")), "{v} is not in the page");
    }
    assert!(live.pending_images().is_empty());
    assert_eq!(live.swap_in(&["images/p.png".to_string()]).pages, 0);

    // The next load takes them from the cache at once.
    let (_, files) = Live::load(root, &options, None).unwrap();
    assert!(text(&files, "a/index.html").contains("<picture"));
    assert!(variants.iter().all(|v| files.contains_key(*v)));
}
