//! Search: a Pagefind index of every explainer, built from the text the
//! Markdown stage already collected (never by re-reading written HTML), and
//! written into the output as `pagefind/` beside the search page.
//!
//! The index files (meta, word chunks, fragments, filters) are written by
//! [`index`] in Pagefind 1.x's own format, in parallel and from memory; the
//! words are split and stemmed as Pagefind does by [`words`]. The browser
//! side (JavaScript, WebAssembly, UI) is vendored at the same Pagefind
//! version ([`bundle`]). Tests build the same records with the `pagefind`
//! crate and require byte-identical files.

use std::collections::BTreeMap;
use std::io;

use super::sink::{IoError, Sink};

pub mod bundle;
mod chunks;
mod encode;
mod index;
mod pages;
mod vocabulary;
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
    /// Its language (`fr`): each language has its own index, which
    /// Pagefind picks by the search page's `<html lang>`.
    #[serde(default)]
    pub language: String,
}

impl Record {
    /// The record of an explainer from its summary and body text.
    pub fn of(s: &Summary, text: String, language: &str) -> Self {
        let mut content = String::with_capacity(text.len() + 256);
        content.push_str(&s.title);
        // A headline ending in `?` or `!` is not given a second stop.
        let ends_a_sentence = s.title.ends_with(['.', '?', '!', '…', '؟']);
        content.push_str(if ends_a_sentence { " " } else { ". " });
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
            date: s.date.as_ref().map(|d| d.human.clone()).unwrap_or_default(),
            tags: s.tags.iter().map(|t| t.name.clone()).collect(),
            content,
            language: language.to_string(),
        }
    }
}

/// Builds the index and writes the bundle; returns how many files.
pub fn write_index(
    records: Vec<Record>,
    language: &str,
    sink: &dyn Sink,
) -> Result<usize, IoError> {
    let files = build(records, language);
    let count = files.len();
    for (path, bytes) in files {
        sink.write(&format!("{BUNDLE_DIR}/{path}"), &bytes)?;
    }
    Ok(count)
}

/// Indexes the records, each language on its own (a record without one
/// is in `language`, the site's); the bundle's files by path within the
/// bundle folder: the indexes ([`index`]) and the browser side ([`bundle`]).
pub fn build(records: Vec<Record>, language: &str) -> Files {
    let mut by_language: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for r in records {
        let lang = if r.language.is_empty() {
            base_language(language)
        } else {
            base_language(&r.language)
        };
        by_language.entry(lang).or_default().push(r);
    }
    if by_language.is_empty() {
        by_language.insert(base_language(language), Vec::new());
    }
    let mut files: Files = bundle::COMMON
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), bytes.to_vec()))
        .collect();
    let mut entry = Entry {
        version: bundle::VERSION.to_string(),
        languages: BTreeMap::new(),
        include_characters: bundle::INCLUDE_CHARACTERS.to_vec(),
    };
    for (language, records) in by_language {
        let index = index::build(&records, &language, bundle::VERSION);
        super::drop_in_background(records);
        // Like the crate: a language without pages has no meta file and no
        // WebAssembly of its own.
        if index.page_count == 0 {
            continue;
        }
        let wasm = bundle::wasm(&language);
        if let Some((name, bytes)) = wasm {
            files.push((name.to_string(), bytes.to_vec()));
        }
        entry.languages.insert(
            language.clone(),
            EntryLanguage {
                hash: index.meta_hash,
                wasm: wasm.map(|_| language.clone()),
                page_count: index.page_count,
            },
        );
        files.extend(index.files);
    }
    // Serializing plain strings and numbers cannot fail.
    let json = serde_json::to_vec(&entry).unwrap_or_default();
    files.push(("pagefind-entry.json".to_string(), json));
    files
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

/// The `__search-index` helper process: records as a JSON array on stdin,
/// the bundle on stdout as `PATH\nLENGTH\n` followed by the bytes, per file.
pub fn index_stdio(language: &str) -> io::Result<()> {
    let stdout = std::io::stdout();
    index_io(std::io::stdin().lock(), stdout.lock(), language)
}

/// [`index_stdio`] over any reader and writer.
fn index_io(
    mut input: impl std::io::Read,
    output: impl std::io::Write,
    language: &str,
) -> io::Result<()> {
    use std::io::Write;
    let mut json = Vec::new();
    input.read_to_end(&mut json)?;
    let records: Vec<Record> = serde_json::from_slice(&json)?;
    drop(json);
    let files = build(records, language);
    let mut out = std::io::BufWriter::new(output);
    for (path, bytes) in files {
        write!(out, "{path}\n{}\n", bytes.len())?;
        out.write_all(&bytes)?;
    }
    out.flush()
}

/// Reads what [`index_stdio`] writes: (path, bytes) per file.
pub fn read_bundle(mut input: impl std::io::BufRead) -> io::Result<Files> {
    let mut files = Vec::new();
    loop {
        let mut path = String::new();
        if input.read_line(&mut path)? == 0 {
            return Ok(files);
        }
        let mut len = String::new();
        input.read_line(&mut len)?;
        let len: usize = len
            .trim()
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad bundle frame"))?;
        let mut bytes = vec![0; len];
        input.read_exact(&mut bytes)?;
        files.push((path.trim_end().to_string(), bytes));
    }
}

#[cfg(test)]
mod tests;
