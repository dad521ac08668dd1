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
//! 1. the distinct tokens of all texts are collected (in parallel) and each
//!    is split and stemmed once ([`super::words`]); stems and diacritic
//!    variants get ids in sorted order;
//! 2. each page (in parallel) turns into postings: per stem, its positions
//!    and metadata positions in one integer arena; its fragment is encoded,
//!    hashed and compressed right away;
//! 3. postings are grouped by stem (one counting pass), cut into chunks in
//!    stem order, and each chunk is encoded and compressed in parallel.
//!
//! One difference from the crate, on purpose: a zero-width space is removed
//! from title and date words as it is from body words (the crate removes it
//! from the body only). And lede's records carry no `___PAGEFIND_` markers:
//! such a word in an explainer is indexed as a word.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use sha1::{Digest, Sha1};

use super::Record;
use super::words::{self, Indexable};

/// Locations per index chunk (Pagefind's default `index_chunk_size`).
const CHUNK_SIZE: usize = 20_000;
/// Pagefind's weight for ordinary text: 1.0 × 24.
const WEIGHT: u8 = 24;
/// Marks a posting of the word itself, not of a diacritic variant.
const MAIN: u32 = 0;
/// gzip level: 6 (zlib's default) compresses within a few percent of 9 at
/// a fraction of the time.
const LEVEL: u32 = 6;

/// The index files of one language, by path within the bundle folder.
pub(super) struct Index {
    /// `pagefind.<hash>.pf_meta`'s hash (goes into `pagefind-entry.json`).
    pub meta_hash: String,
    /// Pages indexed (explainers with at least one word).
    pub page_count: usize,
    /// Compressed files: meta, fragments, word chunks, filters.
    pub files: super::Files,
}

/// One token's index words: a range of [`Vocabulary::items`].
#[derive(Clone, Copy)]
struct Token {
    start: u32,
    /// Body words (with dotted tails).
    len: u16,
    /// Metadata words (without).
    meta_len: u16,
    /// Weight of its compound parts.
    partial_weight: u8,
}

#[derive(Clone, Copy)]
struct Item {
    stem: u32,
    /// [`MAIN`], or 1 + the id of the original (unfolded) form.
    form: u32,
    compound: bool,
}

/// Every distinct token of the site, split and stemmed once.
struct Vocabulary<'a> {
    tokens: HashMap<Cow<'a, str>, Token>,
    items: Vec<Item>,
    /// Stems by id, in byte order.
    stems: Vec<String>,
    /// Original forms by id − 1, in byte order.
    forms: Vec<String>,
}

/// A token without zero-width spaces (Pagefind uses them as boundaries).
fn clean(token: &str) -> Cow<'_, str> {
    if token.contains('\u{200B}') {
        Cow::Owned(token.replace('\u{200B}', ""))
    } else {
        Cow::Borrowed(token)
    }
}

fn meta_fields(r: &Record) -> [&str; 2] {
    // Sorted by name, as Pagefind numbers fields: `date`, `title`.
    [&r.date, &r.title]
}

impl<'a> Vocabulary<'a> {
    fn build(records: &'a [Record], language: &str) -> Self {
        let distinct: HashSet<Cow<'a, str>> = records
            .par_iter()
            .fold(HashSet::new, |mut set, r| {
                let meta = meta_fields(r).into_iter().flat_map(str::split_whitespace);
                for token in r.content.split_whitespace().chain(meta) {
                    if !set.contains(token) {
                        set.insert(clean(token));
                    }
                }
                set
            })
            .reduce(HashSet::new, |a, b| {
                let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                big.extend(small);
                big
            });
        let distinct: Vec<Cow<'a, str>> = distinct.into_iter().filter(|t| !t.is_empty()).collect();
        let split: Vec<(Vec<Indexable>, usize)> = distinct
            .par_iter()
            .map_init(
                || words::stemmer(language),
                |stemmer, token| words::body_words(token, stemmer.as_ref()),
            )
            .collect();

        let mut stems: Vec<&str> = split
            .iter()
            .flat_map(|(w, _)| w.iter().map(|w| w.stemmed.as_str()))
            .collect();
        stems.par_sort_unstable();
        stems.dedup();
        let mut forms: Vec<&str> = split
            .iter()
            .flat_map(|(w, _)| w.iter().filter_map(|w| w.original.as_deref()))
            .collect();
        forms.sort_unstable();
        forms.dedup();
        let stem_ids: HashMap<&str, u32> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u32))
            .collect();
        let form_ids: HashMap<&str, u32> = forms
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u32 + 1))
            .collect();

        let mut items = Vec::new();
        let mut tokens = HashMap::with_capacity(distinct.len());
        for (token, (words, meta_len)) in distinct.into_iter().zip(&split) {
            let compound = words.iter().filter(|w| w.is_compound_part).count();
            let partial_weight = match compound {
                0 => 0,
                n => (WEIGHT / u8::try_from(n).unwrap_or(u8::MAX)).max(1),
            };
            let start = items.len() as u32;
            items.extend(words.iter().map(|w| {
                Item {
                    stem: stem_ids.get(w.stemmed.as_str()).copied().unwrap_or(0),
                    form: w
                        .original
                        .as_deref()
                        .and_then(|f| form_ids.get(f).copied())
                        .unwrap_or(MAIN),
                    compound: w.is_compound_part,
                }
            }));
            tokens.insert(
                token,
                Token {
                    start,
                    len: u16::try_from(words.len()).unwrap_or(u16::MAX),
                    meta_len: u16::try_from(*meta_len).unwrap_or(u16::MAX),
                    partial_weight,
                },
            );
        }
        let stems = stems.into_iter().map(str::to_string).collect();
        let forms = forms.into_iter().map(str::to_string).collect();
        Self {
            tokens,
            items,
            stems,
            forms,
        }
    }

    fn words(&self, token: &str, meta: bool) -> (&[Item], u8) {
        match self.tokens.get(token) {
            Some(t) => {
                let len = if meta { t.meta_len } else { t.len };
                let start = t.start as usize;
                (&self.items[start..start + len as usize], t.partial_weight)
            }
            None => (&[], 0),
        }
    }
}

/// One stem's (or variant's) locations on one page: ranges of the page's
/// integer arena, already packed the way Pagefind stores them.
#[derive(Clone, Copy)]
struct Posting {
    stem: u32,
    form: u32,
    locs: (u32, u32),
    meta: (u32, u32),
}

/// What one explainer contributes.
struct Page {
    full_hash: String,
    fragment: Vec<u8>,
    word_count: u32,
    postings: Vec<Posting>,
    ints: Vec<i32>,
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

fn index_page(record: &Record, vocabulary: &Vocabulary<'_>, language: &str) -> Option<Page> {
    // (stem, form, weight key, position, weight): sorted, this is the order
    // Pagefind writes locations in (ordinary weight first, then position).
    let mut body: Vec<(u32, u32, u8, u32, u8)> = Vec::with_capacity(record.content.len() / 4);
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
            let key = if weight == 25 { 0 } else { weight };
            body.push((item.stem, item.form, key, position, weight));
        }
        position += 1;
    }
    if body.is_empty() {
        return None;
    }
    content.pop();
    body.sort_unstable();

    let mut meta: Vec<(u32, u32, u16, u32)> = Vec::new();
    for (field, value) in meta_fields(record).into_iter().enumerate() {
        for (i, token) in value.split_whitespace().enumerate() {
            for item in vocabulary.words(&clean(token), true).0 {
                meta.push((item.stem, item.form, field as u16, i as u32));
            }
        }
    }
    meta.sort_unstable();

    let mut ints = Vec::with_capacity(body.len() + meta.len() * 2 + 64);
    let mut postings: Vec<Posting> = Vec::new();
    let (mut b, mut m) = (0, 0);
    while b < body.len() || m < meta.len() {
        let key_b = body.get(b).map(|e| (e.0, e.1));
        let key_m = meta.get(m).map(|e| (e.0, e.1));
        let key = match (key_b, key_m) {
            (Some(x), Some(y)) => x.min(y),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => break,
        };
        let start = ints.len() as u32;
        let (mut weight, mut last) = (25u8, 0u32);
        while b < body.len() && (body[b].0, body[b].1) == key {
            let (_, _, _, pos, w) = body[b];
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
        let locs = (start, ints.len() as u32 - start);
        let start = ints.len() as u32;
        let (mut field, mut last) = (None, 0u32);
        while m < meta.len() && (meta[m].0, meta[m].1) == key {
            let (_, _, f, pos) = meta[m];
            if field != Some(f) {
                ints.push(-(f as i32) - 1);
                field = Some(f);
                last = 0;
            }
            ints.push((pos - last) as i32);
            last = pos;
            m += 1;
        }
        let meta_range = (start, ints.len() as u32 - start);
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
        variants.sort_by_key(|p| p.locs.1 == 0);
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
    Some(Page {
        full_hash: language_hash(language, &json),
        fragment: compress(&json),
        word_count: position,
        postings,
        ints,
    })
}

/// Builds the index of the records (pages without a single word are left
/// out, as Pagefind does). `version` goes into the meta file.
pub(super) fn build(records: &[Record], language: &str, version: &str) -> Index {
    let vocabulary = Vocabulary::build(records, language);
    let (kept, mut pages): (Vec<&Record>, Vec<Page>) = records
        .par_iter()
        .filter_map(|r| index_page(r, &vocabulary, language).map(|p| (r, p)))
        .unzip();
    let mut files = Vec::with_capacity(pages.len() + 64);

    // Fragments, named by hash (lengthened on a clash).
    let mut taken: HashSet<String> = HashSet::with_capacity(pages.len());
    let mut meta_pages = Vec::with_capacity(pages.len());
    for page in &mut pages {
        let hash = claim_prefix(&page.full_hash, language, &mut taken);
        files.push((
            format!("fragment/{hash}.pf_fragment"),
            std::mem::take(&mut page.fragment),
        ));
        meta_pages.push((hash, page.word_count));
    }

    // Filters: tag → pages, values sorted.
    let mut tags: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (number, record) in kept.iter().enumerate() {
        for tag in &record.tags {
            tags.entry(tag).or_default().push(number);
        }
    }
    let mut meta_filters = Vec::new();
    if !tags.is_empty() {
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
        files.push((format!("filter/{hash}.pf_filter"), compress(&cbor.0)));
        meta_filters.push(("tag", hash));
    }

    // Postings grouped by stem: offsets per stem, then (page, posting).
    let mut offsets = vec![0u32; vocabulary.stems.len() + 1];
    for page in &pages {
        for p in &page.postings {
            offsets[p.stem as usize + 1] += 1;
        }
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    let mut fill = offsets.clone();
    let mut refs = vec![(0u32, 0u32); offsets[offsets.len() - 1] as usize];
    for (n, page) in pages.iter().enumerate() {
        for (i, p) in page.postings.iter().enumerate() {
            let slot = &mut fill[p.stem as usize];
            refs[*slot as usize] = (n as u32, i as u32);
            *slot += 1;
        }
    }
    let postings_of = |stem: usize| &refs[offsets[stem] as usize..offsets[stem + 1] as usize];

    // Chunks of words, in stem (byte) order.
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for stem in 0..vocabulary.stems.len() {
        let refs = postings_of(stem);
        if refs.is_empty() {
            continue;
        }
        for &(n, i) in refs {
            let p = pages[n as usize].postings[i as usize];
            size += (p.locs.1 + p.meta.1 + 1) as usize;
        }
        size += variant_forms(refs, &pages).len();
        chunk.push(stem);
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    let word = |stem: usize| vocabulary.stems[stem].as_str();
    let mut ranges: Vec<(String, String)> = chunks
        .iter()
        .map(|c| (word(c[0]).to_string(), word(c[c.len() - 1]).to_string()))
        .collect();
    for i in 1..ranges.len() {
        let (to, from) = prefixes(&ranges[i - 1].1, &ranges[i].0);
        if to >= ranges[i - 1].0 {
            ranges[i - 1].1 = to;
        }
        ranges[i].0 = from;
    }
    let encoded: Vec<(Vec<u8>, Vec<u8>)> = chunks
        .par_iter()
        .map(|chunk| {
            let mut cbor = Cbor::default();
            cbor.array(1).array(chunk.len());
            for &stem in chunk {
                encode_word(
                    &mut cbor,
                    word(stem),
                    postings_of(stem),
                    &pages,
                    &vocabulary.forms,
                );
            }
            let compressed = compress(&cbor.0);
            (cbor.0, compressed)
        })
        .collect();
    let mut chunk_hashes: HashSet<String> = HashSet::with_capacity(encoded.len());
    let mut meta_chunks = Vec::with_capacity(encoded.len());
    for ((raw, compressed), (from, to)) in encoded.into_iter().zip(ranges) {
        let hash = claim_prefix(&language_hash(language, &raw), language, &mut chunk_hashes);
        files.push((format!("index/{hash}.pf_index"), compressed));
        meta_chunks.push((from, to, hash));
    }

    // The meta file, read first by the browser.
    let mut cbor = Cbor::default();
    cbor.array(6).text(version).array(meta_pages.len());
    for (hash, words) in &meta_pages {
        cbor.array(3).text(hash).uint(u64::from(*words)).text("");
    }
    cbor.array(meta_chunks.len());
    for (from, to, hash) in &meta_chunks {
        cbor.array(3).text(from).text(to).text(hash);
    }
    cbor.array(meta_filters.len());
    for (filter, hash) in &meta_filters {
        cbor.array(2).text(filter).text(hash);
    }
    cbor.array(0);
    if meta_pages.is_empty() {
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
    files.push((format!("pagefind.{meta_hash}.pf_meta"), compress(&cbor.0)));
    Index {
        meta_hash,
        page_count: meta_pages.len(),
        files,
    }
}

/// One word of an index chunk: `[word, [pages], [variants]]`, page numbers
/// delta-encoded (separately for each variant).
fn encode_word(cbor: &mut Cbor, word: &str, refs: &[(u32, u32)], pages: &[Page], forms: &[String]) {
    let posting = |&(n, i): &(u32, u32)| {
        (
            n,
            &pages[n as usize],
            pages[n as usize].postings[i as usize],
        )
    };
    let page = |cbor: &mut Cbor, last: &mut u32, (n, page, p): (u32, &Page, Posting)| {
        cbor.array(3).uint(u64::from(n - *last));
        *last = n;
        let locs = &page.ints[p.locs.0 as usize..(p.locs.0 + p.locs.1) as usize];
        cbor.array(locs.len());
        for &l in locs {
            cbor.int(l);
        }
        let meta = &page.ints[p.meta.0 as usize..(p.meta.0 + p.meta.1) as usize];
        cbor.array(meta.len());
        for &l in meta {
            cbor.int(l);
        }
    };
    cbor.array(3).text(word);
    let main = refs.iter().map(posting).filter(|x| x.2.form == MAIN);
    cbor.array(main.clone().count());
    let mut last = 0;
    for x in main {
        page(cbor, &mut last, x);
    }
    let variants = variant_forms(refs, pages);
    cbor.array(variants.len());
    for form in variants {
        cbor.array(2).text(&forms[form as usize - 1]);
        let of_form = refs.iter().map(posting).filter(|x| x.2.form == form);
        cbor.array(of_form.clone().count());
        let mut last = 0;
        for x in of_form {
            page(cbor, &mut last, x);
        }
    }
}

/// The shortest distinguishing prefixes of two neighbouring chunk bounds.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

/// The diacritic variants (form ids) among a word's postings, in the order
/// they first occur.
fn variant_forms(refs: &[(u32, u32)], pages: &[Page]) -> Vec<u32> {
    let mut forms: Vec<u32> = Vec::new();
    for &(n, i) in refs {
        let form = pages[n as usize].postings[i as usize].form;
        if form != MAIN && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// `LANG_` + the SHA-1 of the bytes.
fn language_hash(language: &str, bytes: &[u8]) -> String {
    format!("{language}_{}", full_hash(bytes))
}

/// A file name from a [`language_hash`]: `LANG_` + its first 7 hex digits,
/// more while that name is in `taken`; the name is taken from then on.
fn claim_prefix(hash: &str, language: &str, taken: &mut HashSet<String>) -> String {
    let mut len = (language.len() + 8).min(hash.len());
    while taken.contains(&hash[..len]) && len < hash.len() {
        len += 1;
    }
    let name = hash[..len].to_string();
    taken.insert(name.clone());
    name
}

/// SHA-1 in Pagefind's spelling: each byte in hex *without* zero padding.
fn full_hash(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha1::digest(bytes);
    let mut hex = String::with_capacity(40);
    for b in digest {
        let _ = write!(hex, "{b:x}");
    }
    hex
}

/// gzip with Pagefind's signature in front.
pub(super) fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        Compression::new(LEVEL),
    );
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(b"pagefind_dcd");
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// A minimal CBOR writer: definite-length arrays, text, integers: all the
/// index needs, encoded as `minicbor` encodes Pagefind's structures.
#[derive(Default)]
struct Cbor(Vec<u8>);

impl Cbor {
    fn head(&mut self, major: u8, n: u64) -> &mut Self {
        let major = major << 5;
        match n {
            0..=23 => self.0.push(major | n as u8),
            24..=0xff => self.0.extend([major | 24, n as u8]),
            0x100..=0xffff => {
                self.0.push(major | 25);
                self.0.extend((n as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.0.push(major | 26);
                self.0.extend((n as u32).to_be_bytes());
            }
            _ => {
                self.0.push(major | 27);
                self.0.extend(n.to_be_bytes());
            }
        }
        self
    }
    fn array(&mut self, len: usize) -> &mut Self {
        self.head(4, len as u64)
    }
    fn text(&mut self, s: &str) -> &mut Self {
        self.head(3, s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
        self
    }
    fn uint(&mut self, n: u64) -> &mut Self {
        self.head(0, n)
    }
    fn int(&mut self, n: i32) -> &mut Self {
        if n >= 0 {
            self.head(0, n as u64)
        } else {
            self.head(1, (-1 - i64::from(n)) as u64)
        }
    }
}
