//! Search: a Pagefind index of every explainer, built from the text the
//! Markdown stage already collected (never by re-reading written HTML), and
//! written into the output as `pagefind/` beside the search page.
//!
//! The `pagefind` crate is used as a library: one custom record per
//! explainer (URL with the base path, title, dek, date and tags as metadata,
//! tags as a filter), then `get_files` returns the whole bundle (index,
//! fragments, wasm and Pagefind's UI) in memory, which goes through the
//! [`Sink`].

use std::collections::BTreeMap;
use std::sync::Arc;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{Sink, Written};
use crate::templates::context::Summary;

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
pub fn build(records: Vec<Record>, language: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let language = language
        .split('-')
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
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
pub fn read_bundle(mut input: impl std::io::BufRead) -> Result<Vec<(String, Vec<u8>)>, String> {
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
