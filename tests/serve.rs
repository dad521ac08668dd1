//! `lede serve`: a real server on a free port, real file edits.

use std::time::Duration;

use crate::support::{Server, Site, poll};

/// The issue's own limit: an edit shows within 2 s.
const WITHIN: Duration = Duration::from_secs(2);
/// The search bundle, which `serve` remakes in the background.
const SEARCH_WITHIN: Duration = Duration::from_secs(15);

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// Waits for a line of the event stream that contains `what`.
fn event(events: &std::sync::mpsc::Receiver<String>, what: &str) {
    poll(WITHIN, what, || {
        events
            .recv_timeout(Duration::from_millis(50))
            .ok()
            .filter(|line| line.contains(what))
    });
}

/// The text of the overlay's `<pre>`, unescaped.
fn overlay_text(body: &str) -> String {
    let start = body.find("<pre>").expect("an overlay") + 5;
    let end = body.find("</pre>").unwrap();
    body[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn an_edit_is_served_with_a_reload_and_errors_show_until_fixed() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &[]);
    assert!(server.url.ends_with('/'), "{}", server.url);
    let (status, page) = server.get("/first/");
    assert_eq!(status, 200);
    assert!(page.contains("An intro linking"));
    assert!(
        page.contains("/__lede/live-reload.js"),
        "the reload script is added"
    );
    let events = server.events();
    event(&events, "event: hello");

    edit(
        &site,
        "content/first.md",
        "An intro linking",
        "A rewritten intro linking",
    );
    poll(WITHIN, "the edited text", || {
        let (status, page) = server.get("/first/");
        (status == 200 && page.contains("A rewritten intro linking")).then_some(())
    });
    event(&events, "event: reload");

    edit(&site, "content/first.md", "title:", "titel:");
    let body = poll(WITHIN, "the error overlay", || {
        let (status, body) = server.get("/first/");
        (status == 500).then_some(body)
    });
    event(&events, "event: reload");
    let report = overlay_text(&body);
    assert!(report.contains("unknown key `titel`"), "{report}");
    assert!(report.contains("--> content/first.md:2:1"), "{report}");
    let (_, other) = server.get("/older/");
    assert!(other.contains("unknown key `titel`"), "every page shows it");
    poll(WITHIN, "the same report on the terminal", || {
        server.stderr().contains(&report).then_some(())
    });
    assert!(server.get("/lede.css").0 == 200, "assets are still served");

    edit(&site, "content/first.md", "titel:", "title:");
    poll(WITHIN, "the page back", || {
        let (status, page) = server.get("/first/");
        (status == 200 && page.contains("A rewritten intro linking")).then_some(())
    });
    event(&events, "event: reload");
    assert!(
        server
            .stdout()
            .contains("content/first.md changed: rendered 1 page")
    );
}

#[test]
fn new_and_deleted_explainers_update_the_lists() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &[]);
    site.write(
        "content/fresh.md",
        "---\ntitle: A fresh one\ndate: 2026-03-01\ntags: [Novel]\n---\nNew.\n",
    );
    poll(WITHIN, "the new page and its tag", || {
        let home = server.get("/").1;
        let ok = server.get("/fresh/").0 == 200
            && home.contains("A fresh one")
            && server.get("/tags/novel/").1.contains("A fresh one");
        ok.then_some(())
    });
    std::fs::remove_file(site.root().join("content/fresh.md")).unwrap();
    poll(WITHIN, "the page and its tag gone", || {
        let gone = server.get("/fresh/").0 == 404
            && server.get("/tags/novel/").0 == 404
            && !server.get("/").1.contains("A fresh one");
        gone.then_some(())
    });
}

#[test]
fn requests_cannot_leave_the_site() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &[]);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/..\\site.yaml",
        "/..%5csite.yaml",
        "/static/../../site.yaml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/%00/../site.yaml",
        "/%c0%ae%c0%ae/site.yaml",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("Basic Desk\nbase_url"),
            "{path} leaked site.yaml"
        );
    }
    assert_eq!(
        server.get("/content/first.md").0,
        404,
        "sources are not served"
    );
    assert_eq!(server.get("/first").0, 301, "a folder gets its slash");
    assert_eq!(server.get("/images/dot.svg").0, 200);
}

#[test]
fn the_site_is_served_under_its_base_path_to_its_own_host_only() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        yaml.replace("https://example.org/", "https://example.github.io/repo/"),
    );
    let server = Server::start(site.root(), &[]);
    assert!(server.url.ends_with("/repo/"), "{}", server.url);
    assert_eq!(server.get("/repo/first/").0, 200);
    assert_eq!(server.get("/first/").0, 404);
    assert_eq!(server.get("/repo").0, 301);
    let foreign = [("Host", "attacker.example")];
    assert_eq!(server.get_with("/repo/", &foreign).0, 403, "DNS rebinding");
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let localhost = format!("localhost:{port}");
    assert_eq!(server.get_with("/repo/", &[("Host", &localhost)]).0, 200);
    let origin = [("Origin", "http://attacker.example")];
    assert_eq!(server.get_with("/__lede/events", &origin).0, 403);
    let upgrade = [
        ("Upgrade", "websocket"),
        ("Sec-WebSocket-Version", "13"),
        ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ("Origin", "http://attacker.example"),
    ];
    assert_eq!(server.get_with("/__lede/events", &upgrade).0, 403);
    let cross_site = [("Sec-Fetch-Site", "cross-site")];
    assert_eq!(server.get_with("/__lede/events", &cross_site).0, 403);
    // A build of the same site never carries the reload script.
    site.lede(&["build"]).ok();
    assert!(!site.public("first/index.html").contains("__lede"));
}

#[test]
fn a_site_that_fails_at_start_is_served_once_fixed() {
    let site = Site::fixture("basic");
    edit(&site, "content/older.md", "title:", "titel:");
    let server = Server::start(site.root(), &[]);
    let (status, body) = server.get("/first/");
    assert_eq!(status, 500);
    assert!(body.contains("unknown key `titel`"), "{body}");
    edit(&site, "content/older.md", "titel:", "title:");
    poll(WITHIN, "the site once fixed", || {
        (server.get("/first/").0 == 200).then_some(())
    });
}

#[test]
fn a_template_change_rebuilds_everything() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &[]);
    let base = include_str!("../templates/base.html");
    site.write(
        "templates/base.html",
        base.replace("<main id=\"main\"", "<p>BANNER</p><main id=\"main\""),
    );
    poll(WITHIN, "the new template on every page", || {
        let ok = ["/", "/first/", "/older/", "/tags/"]
            .iter()
            .all(|p| server.get(p).1.contains("BANNER"));
        ok.then_some(())
    });
}

#[test]
fn a_folder_moved_away_and_back_takes_its_explainers_along() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &[]);
    assert_eq!(server.get("/second-one/").0, 200);
    let away = site.root().join("away");
    std::fs::rename(site.root().join("content/nested"), &away).unwrap();
    let body = poll(WITHIN, "the page gone and the link to it broken", || {
        let (status, body) = server.get("/first/");
        (status == 500).then_some(body)
    });
    assert!(
        overlay_text(&body).contains("there is no explainer at `content/nested/second.md`"),
        "first.md links to it, so it was rendered again: {body}"
    );
    std::fs::rename(&away, site.root().join("content/nested")).unwrap();
    poll(WITHIN, "everything back", || {
        let back = server.get("/first/").0 == 200 && server.get("/second-one/").0 == 200;
        back.then_some(())
    });
}

/// Every file of a fresh `lede build`, as `serve` serves it (the reload
/// script aside; social cards, which `serve` does not draw: docs/images.md).
pub(crate) fn assert_serves_what_build_writes(site: &Site, server: &Server) {
    // The search bundle too: serve refreshes it in the background after
    // every change, so it must catch up with the build's.
    site.lede(&["build"]).ok();
    let manifest = site.manifest();
    assert!(manifest.len() > 10);
    for (path, bytes) in manifest {
        if path == ".lede-build" || path.ends_with("/card.png") {
            continue;
        }
        let built = String::from_utf8_lossy(&bytes);
        let script = "<script src=\"/__lede/live-reload.js\" defer></script>";
        // Lists follow an edit's page by a few milliseconds. The search
        // bundle is remade on a thread of its own, off the edit's path:
        // with the whole suite and its browsers on two cores, that has
        // taken over two seconds, so it gets longer (the same bytes).
        let limit = if path.starts_with("pagefind/") {
            SEARCH_WITHIN
        } else {
            WITHIN
        };
        poll(limit, &format!("serve and build agree on {path}"), || {
            let (status, body) = server.get(&format!("/{path}"));
            (status == 200 && body.replace(script, "") == built).then_some(())
        });
    }
}

#[test]
fn serve_serves_what_build_writes_before_and_after_edits() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root(), &[]);
    assert_serves_what_build_writes(&site, &server);
    // A date, a tag and the slug change: the page moves in every list.
    edit(
        &site,
        "content/older.md",
        "date:",
        "slug: renamed\ntags: [Budget, Fresh]\ndate:",
    );
    edit(&site, "content/first.md", "An intro", "A new intro");
    poll(WITHIN, "both edits", || {
        let ok =
            server.get("/renamed/").0 == 200 && server.get("/first/").1.contains("A new intro");
        ok.then_some(())
    });
    poll(WITHIN, "the lists", || {
        (server.get("/tags/fresh/").0 == 200).then_some(())
    });
    assert_eq!(server.get("/older/").0, 404);
    assert_serves_what_build_writes(&site, &server);
}
