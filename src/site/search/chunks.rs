//! The word chunks: every page's postings grouped by stem, cut into chunks
//! of about [`CHUNK_SIZE`] locations in stem (byte) order, each chunk
//! encoded as `[[word, [pages], [variants]], …]`.

use super::encode::Cbor;
use super::pages::{IndexedPage, Posting};
use super::vocabulary::MAIN;

/// Locations per index chunk (Pagefind's default `index_chunk_size`).
const CHUNK_SIZE: usize = 20_000;

/// One posting of a stem: which page, which of its postings.
#[derive(Clone, Copy, Default)]
pub(super) struct PostingRef {
    page: u32,
    posting: u32,
}

/// The postings of every page, grouped by stem (one counting pass).
pub(super) struct ByStem {
    /// `refs[offsets[s]..offsets[s + 1]]` are stem `s`'s postings.
    offsets: Vec<u32>,
    refs: Vec<PostingRef>,
}

impl ByStem {
    /// Groups the pages' postings for `stems` stems.
    pub(super) fn new(pages: &[IndexedPage], stems: usize) -> Self {
        let mut offsets = vec![0u32; stems + 1];
        for page in pages {
            for p in &page.postings {
                offsets[p.stem as usize + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut refs = vec![PostingRef::default(); offsets[offsets.len() - 1] as usize];
        for (n, page) in pages.iter().enumerate() {
            for (i, p) in page.postings.iter().enumerate() {
                let slot = &mut fill[p.stem as usize];
                refs[*slot as usize] = PostingRef {
                    page: n as u32,
                    posting: i as u32,
                };
                *slot += 1;
            }
        }
        Self { offsets, refs }
    }

    /// Stem `stem`'s postings.
    pub(super) fn of(&self, stem: usize) -> &[PostingRef] {
        &self.refs[self.offsets[stem] as usize..self.offsets[stem + 1] as usize]
    }
}

/// One chunk's words (stem ids, in order) and the bounds the meta file
/// gives it (shortest distinguishing prefixes of its first and last words).
pub(super) struct Chunk {
    /// Stem ids.
    pub(super) stems: Vec<usize>,
    /// Lower bound.
    pub(super) from: String,
    /// Upper bound.
    pub(super) to: String,
}

/// Cuts the stems into chunks of about [`CHUNK_SIZE`] locations.
pub(super) fn cut(by_stem: &ByStem, pages: &[IndexedPage], stems: &[String]) -> Vec<Chunk> {
    let mut cut: Vec<Vec<usize>> = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for stem in 0..stems.len() {
        let refs = by_stem.of(stem);
        if refs.is_empty() {
            continue;
        }
        for &r in refs {
            let p = posting(pages, r);
            size += (p.locs.len + p.meta.len + 1) as usize;
        }
        size += variant_forms(refs, pages).len();
        chunk.push(stem);
        if size >= CHUNK_SIZE {
            cut.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        cut.push(chunk);
    }
    let mut chunks: Vec<Chunk> = cut
        .into_iter()
        .map(|c| Chunk {
            from: stems[c[0]].clone(),
            to: stems[c[c.len() - 1]].clone(),
            stems: c,
        })
        .collect();
    for i in 1..chunks.len() {
        let (to, from) = prefixes(&chunks[i - 1].to, &chunks[i].from);
        if to >= chunks[i - 1].from {
            chunks[i - 1].to = to;
        }
        chunks[i].from = from;
    }
    chunks
}

fn posting(pages: &[IndexedPage], r: PostingRef) -> Posting {
    pages[r.page as usize].postings[r.posting as usize]
}

/// One chunk, encoded.
pub(super) fn encode(
    chunk: &Chunk,
    by_stem: &ByStem,
    pages: &[IndexedPage],
    vocabulary: (&[String], &[String]),
) -> Vec<u8> {
    let (stems, forms) = vocabulary;
    let mut cbor = Cbor::default();
    cbor.array(1).array(chunk.stems.len());
    for &stem in &chunk.stems {
        encode_word(&mut cbor, &stems[stem], by_stem.of(stem), pages, forms);
    }
    cbor.0
}

/// One word of an index chunk: `[word, [pages], [variants]]`, page numbers
/// delta-encoded (separately for each variant).
fn encode_word(
    cbor: &mut Cbor,
    word: &str,
    refs: &[PostingRef],
    pages: &[IndexedPage],
    forms: &[String],
) {
    let page = |cbor: &mut Cbor, last: &mut u32, r: PostingRef| {
        let (page, p) = (&pages[r.page as usize], posting(pages, r));
        cbor.array(3).uint(u64::from(r.page - *last));
        *last = r.page;
        let locs = p.locs.of(&page.ints);
        cbor.array(locs.len());
        for &l in locs {
            cbor.int(l);
        }
        let meta = p.meta.of(&page.ints);
        cbor.array(meta.len());
        for &l in meta {
            cbor.int(l);
        }
    };
    cbor.array(3).text(word);
    let of_form = |form: u32| {
        refs.iter()
            .copied()
            .filter(move |&r| posting(pages, r).form == form)
    };
    cbor.array(of_form(MAIN).count());
    let mut last = 0;
    for r in of_form(MAIN) {
        page(cbor, &mut last, r);
    }
    let variants = variant_forms(refs, pages);
    cbor.array(variants.len());
    for form in variants {
        cbor.array(2).text(&forms[form as usize - 1]);
        cbor.array(of_form(form).count());
        let mut last = 0;
        for r in of_form(form) {
            page(cbor, &mut last, r);
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
fn variant_forms(refs: &[PostingRef], pages: &[IndexedPage]) -> Vec<u32> {
    let mut forms: Vec<u32> = Vec::new();
    for &r in refs {
        let form = posting(pages, r).form;
        if form != MAIN && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}
