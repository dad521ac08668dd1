//! One explainer's part of the index: its postings (per stem, positions
//! in the body and the metadata, packed as Pagefind stores them) and its
//! fragment (the text and metadata the browser shows for a result).

use std::collections::BTreeMap;

use super::Record;
use super::encode::{compress, language_hash};
use super::vocabulary::{MAIN, Vocabulary, WEIGHT, clean, meta_fields};

/// One stem's (or variant's) locations on one page: ranges of the page's
/// integer arena, already packed the way Pagefind stores them.
#[derive(Clone, Copy)]
pub(super) struct Posting {
    /// Stem id.
    pub(super) stem: u32,
    /// [`MAIN`], or the diacritic variant's form id.
    pub(super) form: u32,
    /// Its positions in the body.
    pub(super) locs: Span,
    /// Its positions in the metadata (title, date).
    pub(super) meta: Span,
}

/// A range of a page's integer arena.
#[derive(Clone, Copy)]
pub(super) struct Span {
    /// First integer.
    pub(super) start: u32,
    /// How many.
    pub(super) len: u32,
}

impl Span {
    fn from(start: u32, end: u32) -> Self {
        Self {
            start,
            len: end - start,
        }
    }

    /// The integers of the span.
    pub(super) fn of(self, ints: &[i32]) -> &[i32] {
        &ints[self.start as usize..(self.start + self.len) as usize]
    }
}

/// What one explainer contributes.
pub(super) struct IndexedPage {
    /// Its fragment's hash (the file name is a prefix of it).
    pub(super) full_hash: String,
    /// The fragment, compressed.
    pub(super) fragment: Vec<u8>,
    /// Words indexed.
    pub(super) word_count: u32,
    /// Per stem (and variant), where it occurs.
    pub(super) postings: Vec<Posting>,
    /// The integers the postings' spans point into.
    pub(super) ints: Vec<i32>,
}

/// A body word's location: sorted, this is the order Pagefind writes
/// locations in (ordinary weight first, then position).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct BodyLoc {
    stem: u32,
    form: u32,
    weight_key: u8,
    position: u32,
    weight: u8,
}

/// A metadata word's location.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct MetaLoc {
    stem: u32,
    form: u32,
    field: u16,
    position: u32,
}

#[derive(serde::Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<&'a str, &'a [String]>,
    meta: BTreeMap<&'a str, &'a str>,
    anchors: [(); 0],
}

/// The postings and fragment of one explainer (`None` without a word).
pub(super) fn index_page(
    record: &Record,
    vocabulary: &Vocabulary<'_>,
    language: &str,
) -> Option<IndexedPage> {
    let mut body: Vec<BodyLoc> = Vec::with_capacity(record.content.len() / 4);
    let mut content = String::with_capacity(record.content.len());
    let mut position = 0u32;
    for token in record.content.split_whitespace() {
        let token = clean(token);
        if token.is_empty() {
            continue;
        }
        content.push_str(&token);
        content.push(' ');
        let (items, partial) = vocabulary.words(&token, false);
        for item in items {
            let weight = if item.compound { partial } else { WEIGHT };
            body.push(BodyLoc {
                stem: item.stem,
                form: item.form,
                weight_key: if weight == 25 { 0 } else { weight },
                position,
                weight,
            });
        }
        position += 1;
    }
    if body.is_empty() {
        return None;
    }
    content.pop();
    body.sort_unstable();

    let mut meta: Vec<MetaLoc> = Vec::new();
    for (field, value) in meta_fields(record).into_iter().enumerate() {
        for (i, token) in value.split_whitespace().enumerate() {
            for item in vocabulary.words(&clean(token), true).0 {
                meta.push(MetaLoc {
                    stem: item.stem,
                    form: item.form,
                    field: field as u16,
                    position: i as u32,
                });
            }
        }
    }
    meta.sort_unstable();

    let mut ints = Vec::with_capacity(body.len() + meta.len() * 2 + 64);
    let mut postings: Vec<Posting> = Vec::new();
    let (mut b, mut m) = (0, 0);
    while b < body.len() || m < meta.len() {
        let key_b = body.get(b).map(|e| (e.stem, e.form));
        let key_m = meta.get(m).map(|e| (e.stem, e.form));
        let key = match (key_b, key_m) {
            (Some(x), Some(y)) => x.min(y),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => break,
        };
        let start = ints.len() as u32;
        let (mut weight, mut last) = (25u8, 0u32);
        while b < body.len() && (body[b].stem, body[b].form) == key {
            let BodyLoc {
                position: pos,
                weight: w,
                ..
            } = body[b];
            if w != weight {
                ints.push(-(w as i32) - 1);
                ints.push(pos as i32);
                weight = w;
            } else {
                ints.push((pos - last) as i32);
            }
            last = pos;
            b += 1;
        }
        let locs = Span::from(start, ints.len() as u32);
        let start = ints.len() as u32;
        let (mut field, mut last) = (None, 0u32);
        while m < meta.len() && (meta[m].stem, meta[m].form) == key {
            let MetaLoc {
                field: f,
                position: pos,
                ..
            } = meta[m];
            if field != Some(f) {
                ints.push(-(f as i32) - 1);
                field = Some(f);
                last = 0;
            }
            ints.push((pos - last) as i32);
            last = pos;
            m += 1;
        }
        let meta_range = Span::from(start, ints.len() as u32);
        postings.push(Posting {
            stem: key.0,
            form: key.1,
            locs,
            meta: meta_range,
        });
    }
    // Within a stem: the word itself, then the variants found in the text
    // (by form), then those only in the title or date (by form).
    for group in postings.chunk_by_mut(|a, b| a.stem == b.stem) {
        let variants = if group[0].form == MAIN {
            &mut group[1..]
        } else {
            group
        };
        variants.sort_by_key(|p| p.locs.len == 0);
    }

    let filters = if record.tags.is_empty() {
        BTreeMap::new()
    } else {
        BTreeMap::from([("tag", record.tags.as_slice())])
    };
    let fragment = Fragment {
        url: &record.url,
        content: &content,
        word_count: position as usize,
        filters,
        meta: BTreeMap::from([
            ("date", record.date.as_str()),
            ("title", record.title.as_str()),
        ]),
        anchors: [],
    };
    let json = serde_json::to_vec(&fragment).ok()?;
    Some(IndexedPage {
        full_hash: language_hash(language, &json),
        fragment: compress(&json),
        word_count: position,
        postings,
        ints,
    })
}
