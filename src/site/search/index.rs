//! Pagefind's index format (1.x: `pagefind.*.pf_meta`, `index/*.pf_index`,
//! `fragment/*.pf_fragment`, `filter/*.pf_filter`), written straight from
//! lede's records, in parallel and with compact postings.
//!
//! The layout follows `pagefind/src/index/*.rs` and `fossick/mod.rs` of the
//! crate this bundle's JavaScript and WebAssembly come from (MIT licence):
//! CBOR structures encoded as arrays, words sorted and cut into chunks of
//! about 20,000 locations, page numbers delta-encoded per word, positions
//! delta-encoded with weight markers, every file gzipped behind the
//! `pagefind_dcd` signature and named after a SHA-1 of its contents. For the
//! same records the decompressed files are byte for byte the crate's
//! (`super::tests::same_bundle_as_the_pagefind_crate`).
//!
//! How it is done, for 10,000 explainers in a few seconds and little memory:
//! 1. [`super::vocabulary`]: the distinct tokens of all texts are collected
//!    (in parallel) and each is split and stemmed once ([`super::words`]);
//!    stems and diacritic variants get ids in sorted order;
//! 2. [`super::pages`]: each page (in parallel) turns into postings: per
//!    stem, its positions and metadata positions in one integer arena; its
//!    fragment is encoded, hashed and compressed right away;
//! 3. the tag filter file;
//! 4. [`super::chunks`]: postings are grouped by stem (one counting pass),
//!    cut into chunks in stem order, and each chunk is encoded and
//!    compressed in parallel;
//! 5. the meta file, which the browser reads first, names all of them.
//!
//! One difference from the crate, on purpose: a zero-width space is removed
//! from title and date words as it is from body words (the crate removes it
//! from the body only). And lede's records carry no `___PAGEFIND_` markers:
//! such a word in an explainer is indexed as a word.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::Record;
use super::chunks::{self, ByStem};
use super::encode::{Cbor, claim_prefix, compress, full_hash, language_hash};
use super::pages::{IndexedPage, index_page};
use super::vocabulary::Vocabulary;

/// The index files of one language, by path within the bundle folder.
pub(super) struct Index {
    /// `pagefind.<hash>.pf_meta`'s hash (goes into `pagefind-entry.json`).
    pub meta_hash: String,
    /// Pages indexed (explainers with at least one word).
    pub page_count: usize,
    /// Compressed files: meta, fragments, word chunks, filters.
    pub files: super::Files,
}

/// What the meta file lists.
#[derive(Default)]
struct Meta {
    pages: Vec<MetaPage>,
    chunks: Vec<MetaChunk>,
    filters: Vec<MetaFilter>,
}

/// A page in the meta file.
struct MetaPage {
    /// Its fragment's name.
    fragment: String,
    /// Words indexed.
    words: u32,
}

/// A word chunk in the meta file.
struct MetaChunk {
    /// Its first word (a prefix of it).
    from: String,
    /// Its last word (a prefix of it).
    to: String,
    /// Its file's name.
    file: String,
}

/// A filter in the meta file.
struct MetaFilter {
    /// `tag`.
    name: &'static str,
    /// Its file's name.
    file: String,
}

/// Builds the index of the records (pages without a single word are left
/// out, as Pagefind does). `version` goes into the meta file.
pub(super) fn build(records: &[Record], language: &str, version: &str) -> Index {
    // 1, 2: vocabulary, then pages.
    let vocabulary = Vocabulary::build(records, language);
    let (kept, mut pages): (Vec<&Record>, Vec<IndexedPage>) = records
        .par_iter()
        .filter_map(|r| index_page(r, &vocabulary, language).map(|p| (r, p)))
        .unzip();
    let mut files = Vec::with_capacity(pages.len() + 64);
    let mut meta = Meta::default();

    // Fragments, named by hash (lengthened on a clash).
    let mut taken: HashSet<String> = HashSet::with_capacity(pages.len());
    for page in &mut pages {
        let hash = claim_prefix(&page.full_hash, language, &mut taken);
        files.push((
            format!("fragment/{hash}.pf_fragment"),
            std::mem::take(&mut page.fragment),
        ));
        meta.pages.push(MetaPage {
            fragment: hash,
            words: page.word_count,
        });
    }

    // 3: the tag filter.
    if let Some((hash, bytes)) = tag_filter(&kept, language) {
        files.push((format!("filter/{hash}.pf_filter"), bytes));
        meta.filters.push(MetaFilter {
            name: "tag",
            file: hash,
        });
    }

    // 4: word chunks.
    let by_stem = ByStem::new(&pages, vocabulary.stems.len());
    let cut = chunks::cut(&by_stem, &pages, &vocabulary.stems);
    let words = (vocabulary.stems.as_slice(), vocabulary.forms.as_slice());
    let encoded: Vec<(Vec<u8>, Vec<u8>)> = cut
        .par_iter()
        .map(|chunk| {
            let raw = chunks::encode(chunk, &by_stem, &pages, words);
            let compressed = compress(&raw);
            (raw, compressed)
        })
        .collect();
    let mut chunk_hashes: HashSet<String> = HashSet::with_capacity(encoded.len());
    for ((raw, compressed), chunk) in encoded.into_iter().zip(cut) {
        let hash = claim_prefix(&language_hash(language, &raw), language, &mut chunk_hashes);
        files.push((format!("index/{hash}.pf_index"), compressed));
        meta.chunks.push(MetaChunk {
            from: chunk.from,
            to: chunk.to,
            file: hash,
        });
    }

    // 5: the meta file.
    let (meta_hash, bytes) = meta_file(&meta, language, version);
    files.push((format!("pagefind.{meta_hash}.pf_meta"), bytes));
    Index {
        meta_hash,
        page_count: meta.pages.len(),
        files,
    }
}

/// The tag filter: tag → page numbers, tags sorted; its name and bytes.
fn tag_filter(kept: &[&Record], language: &str) -> Option<(String, Vec<u8>)> {
    let mut tags: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (number, record) in kept.iter().enumerate() {
        for tag in &record.tags {
            tags.entry(tag).or_default().push(number);
        }
    }
    if tags.is_empty() {
        return None;
    }
    let mut cbor = Cbor::default();
    cbor.array(2).text("tag").array(tags.len());
    for (value, pages) in &tags {
        cbor.array(2).text(value).array(pages.len());
        for page in pages {
            cbor.uint(*page as u64);
        }
    }
    let hash = claim_prefix(
        &language_hash(language, &cbor.0),
        language,
        &mut HashSet::new(),
    );
    Some((hash, compress(&cbor.0)))
}

/// The meta file: its hash (for its name) and bytes.
fn meta_file(meta: &Meta, language: &str, version: &str) -> (String, Vec<u8>) {
    let mut cbor = Cbor::default();
    cbor.array(6).text(version).array(meta.pages.len());
    for page in &meta.pages {
        cbor.array(3)
            .text(&page.fragment)
            .uint(u64::from(page.words))
            .text("");
    }
    cbor.array(meta.chunks.len());
    for chunk in &meta.chunks {
        cbor.array(3)
            .text(&chunk.from)
            .text(&chunk.to)
            .text(&chunk.file);
    }
    cbor.array(meta.filters.len());
    for filter in &meta.filters {
        cbor.array(2).text(filter.name).text(&filter.file);
    }
    cbor.array(0);
    if meta.pages.is_empty() {
        cbor.array(0);
    } else {
        cbor.array(2).text("date").text("title");
    }
    // The meta file's name, as the crate makes it, keeps `LANG.len() + 8`
    // hex digits (the other files keep 7, more on a clash).
    let full = full_hash(&cbor.0);
    let meta_hash = format!(
        "{language}_{}",
        &full[..(language.len() + 8).min(full.len())]
    );
    (meta_hash, compress(&cbor.0))
}
