//! Search: a Pagefind index of every explainer, built from the text the
//! Markdown stage already collected (never by re-reading written HTML), and
//! written into the output as `pagefind/` beside the search page.
//!
//! The index files (meta, word chunks, fragments, filters) are written by
//! [`index`] in Pagefind 1.x's own format, in parallel and from memory; the
//! words are split and stemmed as Pagefind does by [`words`]. The browser
//! side (JavaScript, WebAssembly, UI) comes from the `pagefind` crate, so
//! both halves are of the same Pagefind version. A unit test builds the same
//! records with the crate and requires byte-identical files.

use std::collections::BTreeMap;
use std::sync::Arc;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{Sink, Written};

mod index;
mod words;
use crate::templates::context::Summary;

/// Files of the bundle: path within its folder, bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The folder (under the output root) the search bundle is written to.
pub const BUNDLE_DIR: &str = "pagefind";

/// One explainer as the index sees it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// URL from the site root, *without* the base path (`/slug/`): Pagefind
    /// prefixes results with the path its bundle is served under, so the same
    /// index works at `/` and under `/repo/`.
    pub url: String,
    /// Headline.
    pub title: String,
    /// `4 February 2026`.
    pub date: String,
    /// Topic names.
    pub tags: Vec<String>,
    /// The searchable text: headline, dek, key points and body.
    pub content: String,
}

impl Record {
    /// The record of a rendered explainer (taken from it: no copy unless
    /// `serve` still shares it).
    pub fn from_written(w: &mut Written) -> Option<Self> {
        w.record
            .take()
            .map(|r| Arc::try_unwrap(r).unwrap_or_else(|r| (*r).clone()))
    }

    /// The record of an explainer from its summary and body text.
    pub fn of(s: &Summary, text: String) -> Self {
        let mut content = String::with_capacity(text.len() + 256);
        content.push_str(&s.title);
        content.push_str(". ");
        if let Some(dek) = &s.dek {
            content.push_str(dek);
            content.push(' ');
        }
        for point in &s.key_points {
            content.push_str(point);
            content.push(' ');
        }
        content.push_str(&text);
        Self {
            url: format!("/{}/", s.slug),
            title: s.title.clone(),
            date: s.date.human.clone(),
            tags: s.tags.iter().map(|t| t.name.clone()).collect(),
            content,
        }
    }
}

/// Builds the index and writes the bundle; returns how many files.
pub fn write_index(records: Vec<Record>, language: &str, sink: &dyn Sink) -> Result<usize, String> {
    let files = build(records, language)?;
    let count = files.len();
    for (path, bytes) in files {
        sink.write(&format!("{BUNDLE_DIR}/{path}"), &bytes)
            .map_err(|e| e.to_string())?;
    }
    Ok(count)
}

/// Indexes the records; the bundle's files by path within the bundle folder.
///
/// The index itself is written by [`index`] (Pagefind's format, in parallel);
/// the browser side (JavaScript, WebAssembly, UI) is taken from the
/// `pagefind` crate, by indexing one placeholder record with it, so the two
/// always come from the same Pagefind version.
pub fn build(records: Vec<Record>, language: &str) -> Result<Files, String> {
    let language = base_language(language);
    let (assets, entry) = browser_side(&language)?;
    let mut entry = entry_of(&entry)?;
    let index = index::build(&records, &language, &entry.version);
    super::drop_in_background(records);
    let wasm = entry.languages.values().next().and_then(|l| l.wasm.clone());
    entry.languages.clear();
    let mut files = assets;
    if index.page_count > 0 {
        entry.languages.insert(
            language.clone(),
            EntryLanguage {
                hash: index.meta_hash,
                wasm,
                page_count: index.page_count,
            },
        );
        files.extend(index.files);
    } else {
        // Like the crate: a language without pages has no meta file and no
        // WebAssembly of its own.
        let wasm_file = format!("wasm.{language}.pagefind");
        files.retain(|(path, _)| *path != wasm_file);
    }
    let json = serde_json::to_vec(&entry).map_err(|e| format!("search index: {e}"))?;
    files.push(("pagefind-entry.json".to_string(), json));
    Ok(files)
}

/// `en-NZ` → `en`: Pagefind stems by base language.
fn base_language(language: &str) -> String {
    language
        .split('-')
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase()
}

/// `pagefind-entry.json`: what the browser reads first.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

fn entry_of(json: &[u8]) -> Result<Entry, String> {
    serde_json::from_slice(json).map_err(|e| format!("search index: Pagefind's entry file: {e}"))
}

/// Pagefind's browser files (and its entry file, for the version), from
/// the crate run on one placeholder record.
fn browser_side(language: &str) -> Result<(Files, Vec<u8>), String> {
    let placeholder = Record {
        url: "/".into(),
        title: "lede".into(),
        date: String::new(),
        tags: Vec::new(),
        content: "lede".into(),
    };
    let files = with_crate(vec![placeholder], language)?;
    let mut entry = Vec::new();
    let assets = files
        .into_iter()
        .filter_map(|(path, bytes)| {
            if path == "pagefind-entry.json" {
                entry = bytes;
                return None;
            }
            let index_file = ["index/", "fragment/", "filter/"]
                .iter()
                .any(|dir| path.starts_with(dir))
                || path.ends_with(".pf_meta");
            (!index_file).then_some((path, bytes))
        })
        .collect();
    Ok((assets, entry))
}

/// The whole bundle as the `pagefind` crate builds it from custom records
/// (used for its browser files, and by the tests as the reference).
fn with_crate(records: Vec<Record>, language: &str) -> Result<Files, String> {
    let language = language.to_string();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))?;
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .keep_index_url(false)
            .build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e}"))?;
        for r in records {
            let mut meta = BTreeMap::new();
            meta.insert("title".to_string(), r.title);
            // Pagefind's UI shows every meta field but the title as a
            // labelled tag under the result: the date reads well, a dek not
            // (it is searchable as part of the content instead).
            meta.insert("date".to_string(), r.date);
            let filters =
                (!r.tags.is_empty()).then(|| BTreeMap::from([("tag".to_string(), r.tags)]));
            index
                .add_custom_record(
                    r.url,
                    r.content,
                    language.clone(),
                    Some(meta),
                    filters,
                    None,
                )
                .await
                .map_err(|e| format!("search index: {e}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e}"))?;
        Ok(files
            .into_iter()
            .map(|f| {
                let parts: Vec<String> = f
                    .filename
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                (parts.join("/"), f.contents)
            })
            .collect())
    })
}

/// The `__search-index` helper process: records as a JSON array on stdin,
/// the bundle on stdout as `PATH\nLENGTH\n` followed by the bytes, per file.
pub fn index_stdio(language: &str) -> Result<(), String> {
    let stdout = std::io::stdout();
    index_io(std::io::stdin().lock(), stdout.lock(), language)
}

/// [`index_stdio`] over any reader and writer.
fn index_io(
    mut input: impl std::io::Read,
    output: impl std::io::Write,
    language: &str,
) -> Result<(), String> {
    use std::io::Write;
    let mut json = Vec::new();
    input.read_to_end(&mut json).map_err(|e| e.to_string())?;
    let records: Vec<Record> = serde_json::from_slice(&json).map_err(|e| e.to_string())?;
    drop(json);
    let files = build(records, language)?;
    let mut out = std::io::BufWriter::new(output);
    for (path, bytes) in files {
        write!(out, "{path}\n{}\n", bytes.len()).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

/// Reads what [`index_stdio`] writes: (path, bytes) per file.
pub fn read_bundle(mut input: impl std::io::BufRead) -> Result<Files, String> {
    let mut files = Vec::new();
    loop {
        let mut path = String::new();
        if input.read_line(&mut path).map_err(|e| e.to_string())? == 0 {
            return Ok(files);
        }
        let mut len = String::new();
        input.read_line(&mut len).map_err(|e| e.to_string())?;
        let len: usize = len
            .trim()
            .parse()
            .map_err(|_| "bad bundle frame".to_string())?;
        let mut bytes = vec![0; len];
        input.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        files.push((path.trim_end().to_string(), bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_has_the_index_and_the_ui() {
        let record = Record {
            url: "/toll/".into(),
            title: "The bridge toll".into(),
            date: "4 February 2026".into(),
            tags: vec!["transport".into()],
            content: "The bridge toll starts in March. Congestion pricing.".into(),
        };
        let files = build(vec![record], "en-NZ").unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        for wanted in [
            "pagefind.js",
            "pagefind-ui.js",
            "pagefind-ui.css",
            "pagefind-entry.json",
        ] {
            assert!(names.contains(&wanted), "{wanted} in {names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("index/")), "{names:?}");
        assert!(
            names.iter().any(|n| n.starts_with("fragment/")),
            "{names:?}"
        );
        assert!(
            names
                .iter()
                .all(|n| !n.contains("..") && !n.starts_with('/')),
            "{names:?}"
        );
    }

    /// Records that exercise every rule of Pagefind's word splitting, with
    /// enough text for several index chunks.
    fn varied_records() -> Vec<Record> {
        let words = [
            "The",
            "bridge",
            "toll",
            "starts",
            "in",
            "March.",
            "Congestion",
            "pricing,",
            "café",
            "Crème",
            "brûlée",
            "naïve",
            "three-antelopes",
            "ThreeAntelopes",
            "snake_case",
            "sysconfig.is_python_build",
            "a.b.CamelTail",
            "\u{1F309}",
            "bridge\u{1F309}",
            "カタカナテスト",
            "2026",
            "3.5%",
            "(quoted)",
            "—",
            "e.g.",
            "U.S.",
            "don't",
            "Ærø",
            "zo\u{200B}ne",
            "ÉCOLE",
            "Straße",
            "İstanbul",
            "x",
            "rates",
            "rated",
            "rating",
            "economy",
            "economies",
            "over-the-counter",
            "C++",
            "#hashtag",
            "@handle",
            "50%",
        ];
        let mut state = 7u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut records: Vec<Record> = (0..70)
            .map(|i| {
                let content: Vec<&str> = (0..300 + next() % 400)
                    .map(|_| words[next() % words.len()])
                    .collect();
                let tags = match i % 4 {
                    0 => vec![],
                    1 => vec!["transport".to_string()],
                    2 => vec!["transport".to_string(), "économie".to_string()],
                    _ => vec!["health".to_string()],
                };
                // No zero-width space in titles: lede removes it there too,
                // the crate does not (see `index`).
                let mut title_word = || loop {
                    let w = words[next() % words.len()];
                    if !w.contains('\u{200B}') {
                        break w;
                    }
                };
                Record {
                    url: format!("/article-{i}/"),
                    title: format!("{} {} and the {}", title_word(), title_word(), title_word()),
                    date: format!("{} March 2026", 1 + i % 28),
                    tags,
                    content: content.join(if i % 5 == 0 { "\n" } else { " " }),
                }
            })
            .collect();
        // Words only in the title (one of them only as a variant), a page
        // with nothing to index (left out), one with a single word.
        records.push(Record {
            url: "/title-only/".into(),
            title: "Résumé of Zürich".into(),
            date: "1 April 2026".into(),
            tags: vec!["health".into()],
            content: "resume the summary".into(),
        });
        records.push(Record {
            url: "/empty/".into(),
            title: "Nothing".into(),
            date: "2 April 2026".into(),
            tags: vec!["ghost".into()],
            content: " — … — ".into(),
        });
        records.push(Record {
            url: "/one/".into(),
            title: String::new(),
            date: String::new(),
            tags: vec![],
            content: "one".into(),
        });
        records
    }

    fn unpacked(files: Files) -> BTreeMap<String, Vec<u8>> {
        use std::io::Read;
        files
            .into_iter()
            .map(|(path, bytes)| {
                if path.contains(".pf_") {
                    let mut raw = Vec::new();
                    flate2::read::GzDecoder::new(bytes.as_slice())
                        .read_to_end(&mut raw)
                        .unwrap();
                    (path, raw)
                } else {
                    (path, bytes)
                }
            })
            .collect()
    }

    #[test]
    fn same_bundle_as_the_pagefind_crate() {
        for language in ["en", "fr", "xx"] {
            let ours = unpacked(build(varied_records(), language).unwrap());
            let reference = unpacked(with_crate(varied_records(), language).unwrap());
            let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(names(&ours), names(&reference), "{language}");
            assert!(
                ours.keys().filter(|k| k.starts_with("index/")).count() > 1,
                "several chunks"
            );
            for (path, bytes) in &reference {
                assert!(ours[path] == *bytes, "{language}: {path} differs");
            }
        }
    }

    #[test]
    fn an_empty_site_gets_the_crates_empty_bundle() {
        let ours = unpacked(build(Vec::new(), "en").unwrap());
        let reference = unpacked(with_crate(Vec::new(), "en").unwrap());
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&ours), names(&reference));
        for (path, bytes) in &reference {
            assert!(
                ours[path] == *bytes,
                "{path} differs:\n{}\n{}",
                String::from_utf8_lossy(&ours[path]),
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(ours.contains_key("pagefind.js"));
    }

    #[test]
    fn the_helper_protocol_carries_the_same_bundle() {
        let records = || {
            vec![Record {
                url: "/toll/".into(),
                title: "The bridge toll".into(),
                date: "4 February 2026".into(),
                tags: vec![],
                content: "Tolls and\nnewlines \u{1F309}.".into(),
            }]
        };
        let json = serde_json::to_vec(&records()).unwrap();
        let mut framed = Vec::new();
        index_io(json.as_slice(), &mut framed, "en").unwrap();
        let read = read_bundle(framed.as_slice()).unwrap();
        assert_eq!(read, build(records(), "en").unwrap());
        assert!(read_bundle(&b"index/x\nnot a length\n"[..]).is_err());
        assert!(read_bundle(&b"index/x\n10\nshort"[..]).is_err());
    }
}
