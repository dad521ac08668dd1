//! Which words a token of text is indexed under: Pagefind's own rules, so
//! that the search code Pagefind ships to the browser (which stems and
//! normalises a query the same way) finds what lede indexed.
//!
//! Ported from Pagefind 1.6 (`pagefind/src/fossick/splitting.rs` and the
//! stemmer table in `fossick/mod.rs`, MIT licence, © CloudCannon), keeping
//! the behaviour of the non-`extended` build: lower-cased letters and digits,
//! diacritics folded (the original form kept as a variant), compound words
//! (`three-antelopes`, `ThreeAntelopes`, `a.b_c`) also indexed by part,
//! emoji and katakana suffixes. `super::tests::same_bundle_as_the_pagefind_crate`
//! compares the index built on these words with the crate's.

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::UnicodeEmoji;
use unicode_segmentation::UnicodeSegmentation;

const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
const MAX_DOTTED_TAIL_CHARS: usize = 64;

/// Symbols that count as part of a word (Unicode "Punctuation, Connector"),
/// as in Pagefind's `utils::WORD_SYMBOLS`.
const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// Emoji of Unicode 17 and 18, which unicode-properties' table has and
/// Pagefind's `\p{Emoji}` (the regex crate's Unicode 16 tables) has not.
const NEWER_EMOJI: [char; 16] = [
    '\u{1F6D8}',
    '\u{1F6D9}',
    '\u{1FA8A}',
    '\u{1FA8B}',
    '\u{1FA8C}',
    '\u{1FA8D}',
    '\u{1FA8E}',
    '\u{1FAC8}',
    '\u{1FACC}',
    '\u{1FACD}',
    '\u{1FADD}',
    '\u{1FAEA}',
    '\u{1FAEB}',
    '\u{1FAEF}',
    '\u{1FAF9}',
    '\u{1FAFA}',
];

/// Whether `c` has Unicode's `Emoji` property as Pagefind's `\p{Emoji}`
/// regex sees it (digits, `#` and `*` have it too). A table lookup rather
/// than the regex crate, which lede used for nothing else: three crates
/// and about 16 s of CPU less in every release build
/// (docs/development.md).
fn is_emoji(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '#' | '*' | '0'..='9')
    } else {
        c.is_emoji_char() && !NEWER_EMOJI.contains(&c)
    }
}

/// One word a token is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Indexable {
    /// The normalised, stemmed word: the key in the index.
    pub stemmed: String,
    /// Part of a compound word (weighted down).
    pub is_compound_part: bool,
    /// The form before diacritics were folded, when it differs.
    pub original: Option<String>,
}

/// Pagefind's stemmer for a language code (`en`, `fr`, …), if it has one.
pub(super) fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The words of one token of body text: [`indexable_words`] followed by the
/// dotted tails (`sysconfig.is_python_build` → `is_python_build`). Returns
/// the list and how many of its first entries [`indexable_words`] gave
/// (metadata is indexed without the tails).
pub(super) fn body_words(raw: &str, stemmer: Option<&Stemmer>) -> (Vec<Indexable>, usize) {
    let mut words = indexable_words(raw, stemmer);
    let base = words.len();
    let tails = dotted_tails(raw, stemmer, &words);
    words.extend(tails);
    (words, base)
}

/// The primary normalised and stemmed word, compound parts, emoji and
/// katakana suffixes of one whitespace-separated token.
fn indexable_words(raw_word: &str, stemmer: Option<&Stemmer>) -> Vec<Indexable> {
    let mut results = Vec::new();
    let normalized_word = normalize_word(raw_word);
    if !normalized_word.is_empty() {
        results.push(stem_word(&normalized_word, stemmer, false));
    }
    for suffix in katakana_suffixes(raw_word) {
        let folded = normalize_diacritics(suffix);
        results.push(Indexable {
            stemmed: folded.clone().unwrap_or_else(|| suffix.to_string()),
            original: folded.map(|_| suffix.to_string()),
            is_compound_part: true,
        });
    }

    if !maybe_compound(raw_word) {
        return results;
    }

    let (word_parts, extras) = discrete_words(raw_word);
    if !normalized_word.is_empty()
        && (word_parts.contains(|c: char| c.is_whitespace())
            || !normalized_word.starts_with(&word_parts))
    {
        for part in word_parts.split_whitespace().filter(|w| w.len() > 1) {
            results.push(stem_word(part, stemmer, true));
        }
    }
    for extra in extras.into_iter().flatten() {
        results.push(Indexable {
            stemmed: extra,
            original: None,
            is_compound_part: false,
        });
    }
    results
}

/// The compound tails after each `.` of a token, not already indexed.
fn dotted_tails(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    existing: &[Indexable],
) -> Vec<Indexable> {
    let mut tails: Vec<Indexable> = Vec::new();
    if !raw_word.contains('.') {
        return tails;
    }
    for (i, _) in raw_word.match_indices('.') {
        let rest = &raw_word[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if !maybe_compound(tail) {
            // A plain tail is already indexed, as the final compound part.
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem_word(&normalized, stemmer, true);
        if !existing.iter().any(|w| w.stemmed == word.stemmed)
            && !tails.iter().any(|w| w.stemmed == word.stemmed)
        {
            tails.push(word);
        }
    }
    tails
}

/// Could the token be a compound word: any non-alphanumeric character, or a
/// capital after the first letter?
fn maybe_compound(token: &str) -> bool {
    token.chars().any(|c| !c.is_alphanumeric()) || token.chars().skip(1).any(|c| c.is_uppercase())
}

/// Letters, digits and word symbols, lower-cased.
fn normalize_word(raw_word: &str) -> String {
    let mut normalized = String::with_capacity(raw_word.len());
    for mut c in raw_word.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                // Non-ASCII capitals can lower to more than one char.
                normalized.extend(c.to_lowercase());
            } else {
                normalized.push(c);
            }
        }
    }
    normalized
}

fn stem_word(normalized: &str, stemmer: Option<&Stemmer>, is_compound_part: bool) -> Indexable {
    let folded = normalize_diacritics(normalized);
    let stemmed = match stemmer {
        Some(stemmer) => stemmer
            .stem(folded.as_deref().unwrap_or(normalized))
            .into_owned(),
        None => folded.clone().unwrap_or_else(|| normalized.to_string()),
    };
    Indexable {
        stemmed,
        original: folded.map(|_| normalized.to_string()),
        is_compound_part,
    }
}

/// Katakana, the prolonged sound mark and their halfwidth forms.
fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of an all-katakana word, so prefix search finds substrings.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut suffixes: Vec<&str> = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && !suffixes.contains(&suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// `café` → `cafe` (the kana voicing marks are kept), when anything changes.
fn normalize_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

/// The parts of a compound token, and the emoji in it.
fn discrete_words(s: &str) -> (String, Option<Vec<String>>) {
    let words = s
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let extras = s.chars().any(is_emoji).then(|| {
        s.graphemes(true)
            .filter(|g| emojis::get(g).is_some())
            .map(str::to_string)
            .collect()
    });
    (words, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_as_pagefinds_regex_sees_them() {
        let regex = regex::Regex::new("\\p{Emoji}").unwrap();
        let mut differ = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            if regex.is_match(c.encode_utf8(&mut utf8)) != is_emoji(c) {
                differ.push(c);
            }
        }
        assert_eq!(differ, Vec::<char>::new());
        assert!(is_emoji('7') && is_emoji('\u{1F600}') && !is_emoji('a'));
    }

    fn stems(raw: &str, language: &str) -> Vec<(String, bool, Option<String>)> {
        let stemmer = stemmer(language);
        body_words(raw, stemmer.as_ref())
            .0
            .into_iter()
            .map(|w| (w.stemmed, w.is_compound_part, w.original))
            .collect()
    }

    #[test]
    fn plain_compound_and_folded_words() {
        assert_eq!(stems("Antelopes,", "en"), [("antelop".into(), false, None)]);
        let compound = [
            ("threeantelop".to_string(), false, None),
            ("three".to_string(), true, None),
            ("antelop".to_string(), true, None),
        ];
        assert_eq!(stems("ThreeAntelopes", "en"), compound);
        assert_eq!(stems("three-antelopes", "en"), compound);
        assert_eq!(
            stems("café-crème", "fr"),
            [
                ("cafecrem".into(), false, Some("cafécrème".into())),
                ("caf".into(), true, Some("café".into())),
                ("crem".into(), true, Some("crème".into())),
            ]
        );
        assert!(
            stems("sysconfig.is_python_build", "en")
                .iter()
                .any(|w| w.0 == "is_python_build" && w.1)
        );
        assert_eq!(stems("—", "en"), []);
    }
}
