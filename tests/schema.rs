//! `lede schema`: the JSON Schema of front matter accepts every explainer
//! lede accepts, and refuses what it refuses.

use std::path::Path;
use std::sync::Arc;

use crate::support::{Site, repo_root};

fn validator() -> jsonschema::Validator {
    let run = Site::empty().lede(&["schema"]);
    run.ok();
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn front_matter_json(text: &str) -> serde_json::Value {
    let split = lede::front_matter::split(text).unwrap();
    let yaml = &text[split.yaml];
    if yaml.trim().is_empty() {
        return serde_json::json!({});
    }
    serde_yaml::from_str(yaml).unwrap()
}

/// Every explainer under `dir`/*/content (or `dir`/content) that lede
/// parses without error.
fn explainers(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let in_content = path.components().any(|c| c.as_os_str() == "content");
        if !in_content || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let name: Arc<str> = Arc::from(path.display().to_string());
        let source = lede::diagnostics::SourceText::new(text.as_str());
        if lede::front_matter::parse(&name, &source).is_ok() {
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn the_schema_accepts_every_explainer_lede_accepts() {
    let v = validator();
    let mut all = Vec::new();
    explainers(&repo_root().join("tests/fixtures/sites"), &mut all);
    if repo_root().join("content").is_dir() {
        explainers(&repo_root().join("content"), &mut all); // the demo site
    }
    assert!(all.len() >= 8, "{}", all.len());
    for (path, text) in &all {
        let fm = front_matter_json(text);
        let errors: Vec<String> = v.iter_errors(&fm).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
    let scaffold = lede::scaffold::explainer("A title", "2026-02-04");
    assert!(v.is_valid(&front_matter_json(&scaffold)));
}

#[test]
fn the_schema_refuses_what_lede_refuses() {
    let v = validator();
    let ok = serde_json::json!({
        "title": "T", "date": "2026-02-04",
        "key_points": ["short", 1984, { "text": "long", "sources": ["a"], "section": "s" }],
        "sources": { "a": { "publisher": "P", "url": "https://example.org" } },
        "annotations": { "term": "note", "other": { "note": "n", "source": "a" } },
        "extra": { "anything": [1, { "goes": true }] }
    });
    assert!(
        v.is_valid(&ok),
        "{:?}",
        v.iter_errors(&ok)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    for (what, bad) in [
        (
            "a misspelt key",
            serde_json::json!({ "titel": "T", "title": "T", "date": "2026-02-04" }),
        ),
        ("no title", serde_json::json!({ "date": "2026-02-04" })),
        (
            "tags as a map",
            serde_json::json!({ "title": "T", "date": "d", "tags": { "x": 1 } }),
        ),
        (
            "a boolean key point",
            serde_json::json!({ "title": "T", "date": "d", "key_points": [true] }),
        ),
        (
            "an unknown source key",
            serde_json::json!({ "title": "T", "date": "d", "sources": { "a": { "publisher": "P", "uri": "x" } } }),
        ),
        (
            "a hero key misspelt",
            serde_json::json!({ "title": "T", "date": "d", "hero": { "src": "/a.png", "atl": "x" } }),
        ),
        (
            "a key point without text",
            serde_json::json!({ "title": "T", "date": "d", "key_points": [{ "sources": ["a"] }] }),
        ),
    ] {
        assert!(!v.is_valid(&bad), "the schema accepts {what}");
    }
}
