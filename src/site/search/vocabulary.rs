//! Every distinct token of the site, split and stemmed once (in parallel),
//! with ids for stems and diacritic variants in sorted order.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::Record;
use super::words::{self, Indexable};

/// Pagefind's weight for ordinary text: 1.0 × 24.
pub(super) const WEIGHT: u8 = 24;
/// Marks a posting of the word itself, not of a diacritic variant.
pub(super) const MAIN: u32 = 0;

/// One token's index words: a range of [`Vocabulary::items`].
#[derive(Clone, Copy)]
pub(super) struct Token {
    start: u32,
    /// Body words (with dotted tails).
    len: u16,
    /// Metadata words (without).
    meta_len: u16,
    /// Weight of its compound parts.
    partial_weight: u8,
}

#[derive(Clone, Copy)]
pub(super) struct Item {
    /// Stem id.
    pub(super) stem: u32,
    /// [`MAIN`], or 1 + the id of the original (unfolded) form.
    pub(super) form: u32,
    /// A part of a compound word (weighted less).
    pub(super) compound: bool,
}

/// Every distinct token of the site, split and stemmed once.
pub(super) struct Vocabulary<'a> {
    tokens: HashMap<Cow<'a, str>, Token>,
    items: Vec<Item>,
    /// Stems by id, in byte order.
    pub(super) stems: Vec<String>,
    /// Original forms by id − 1, in byte order.
    pub(super) forms: Vec<String>,
}

/// A token without zero-width spaces (Pagefind uses them as boundaries).
pub(super) fn clean(token: &str) -> Cow<'_, str> {
    if token.contains('\u{200B}') {
        Cow::Owned(token.replace('\u{200B}', ""))
    } else {
        Cow::Borrowed(token)
    }
}

pub(super) fn meta_fields(r: &Record) -> [&str; 2] {
    // Sorted by name, as Pagefind numbers fields: `date`, `title`.
    [&r.date, &r.title]
}

impl<'a> Vocabulary<'a> {
    pub(super) fn build(records: &'a [Record], language: &str) -> Self {
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

    /// The index words of a token (body or metadata words), and the weight
    /// of its compound parts.
    pub(super) fn words(&self, token: &str, meta: bool) -> (&[Item], u8) {
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
