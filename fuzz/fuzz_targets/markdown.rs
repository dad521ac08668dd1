//! Any text as the Markdown body of an explainer with sources, annotations
//! and key points: rendered through the whole page pipeline, never a panic,
//! every finding placed inside the file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lede::site::model::{ModelOptions, Site};

const FRONT: &str = "---\ntitle: Fuzz\ndate: 2026-02-04\nsources:\n  s1:\n    url: https://example.org/s\n    publisher: P\n    title: T\nannotations:\n  term: A note.\nkey_points:\n  - text: First\n    sources: [s1]\n---\n";

fn site_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("lede-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("content")).expect("temp dir");
        std::fs::write(dir.join("site.yaml"), "title: Fuzz\nbase_url: https://example.org/repo/\n")
            .expect("site.yaml");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let dir = site_dir();
    let text = format!("{FRONT}{body}");
    std::fs::write(dir.join("content/p.md"), &text).expect("write");
    let options = ModelOptions { search: true, ..ModelOptions::default() };
    let Ok((site, _)) = Site::load(dir, &options) else {
        return;
    };
    if site.pages.is_empty() {
        return;
    }
    let rendered = site.render_body(0, true);
    for d in &rendered.facts.diagnostics {
        let span = d.span().expect("every finding has a position");
        assert!(span.end <= text.len(), "span outside the file");
        let _ = d.render(false);
    }
});
