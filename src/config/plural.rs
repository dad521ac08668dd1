//! Plural forms of the theme's counts ("1 key point", "3 key points").
//!
//! A count label has one form per plural category of the site's language,
//! as CLDR names them: `KEY_one`, `KEY_other` always, and `KEY_zero`,
//! `KEY_two`, `KEY_few`, `KEY_many` where the language has them (Arabic has
//! all six). A missing form falls back to `KEY_other`. `{n}` in a form is
//! the number.

use std::collections::BTreeMap;

/// The suffixes of the plural forms.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The CLDR cardinal category of a whole number `n` in `language` (a BCP
/// 47 tag; its primary subtag decides).
pub fn category(language: &str, n: u64) -> &'static str {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        // 0 and 1 are singular.
        "fr" | "pt" | "hi" | "bn" | "fa" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        // No plural forms.
        "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" => "other",
        // English, German, Spanish, Italian, Dutch, the Nordic languages…
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// `n` with the form of the count label `key` for the site's language.
pub fn count(labels: &BTreeMap<String, String>, language: &str, key: &str, n: u64) -> String {
    let form = labels
        .get(&format!("{key}_{}", category(language, n)))
        .or_else(|| labels.get(&format!("{key}_other")))
        .map_or(key, String::as_str);
    form.replace("{n}", &n.to_string())
}

/// Whether `key` is an extra plural form (`KEY_two`…) of a count label.
pub fn is_extra_form(labels: &BTreeMap<String, String>, key: &str) -> bool {
    CATEGORIES.iter().any(|c| {
        key.strip_suffix(c)
            .and_then(|k| k.strip_suffix('_'))
            .is_some_and(|base| labels.contains_key(&format!("{base}_other")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_cldr_for_whole_numbers() {
        let cases = [
            (
                "en",
                [(0, "other"), (1, "one"), (2, "other"), (11, "other")],
            ),
            (
                "en-NZ",
                [(0, "other"), (1, "one"), (2, "other"), (21, "other")],
            ),
            ("fr", [(0, "one"), (1, "one"), (2, "other"), (100, "other")]),
            (
                "pt-BR",
                [(0, "one"), (1, "one"), (2, "other"), (3, "other")],
            ),
            ("ar", [(0, "zero"), (2, "two"), (105, "few"), (111, "many")]),
            (
                "ja",
                [(0, "other"), (1, "other"), (2, "other"), (3, "other")],
            ),
        ];
        for (language, numbers) in cases {
            for (n, want) in numbers {
                assert_eq!(category(language, n), want, "{language} {n}");
            }
        }
    }

    #[test]
    fn a_count_uses_its_form_or_falls_back_to_other() {
        let labels: BTreeMap<String, String> =
            [("kp_one", "{n} key point"), ("kp_other", "{n} key points")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        assert_eq!(count(&labels, "en", "kp", 1), "1 key point");
        assert_eq!(count(&labels, "en", "kp", 3), "3 key points");
        assert_eq!(count(&labels, "ar", "kp", 2), "2 key points");
        assert!(is_extra_form(&labels, "kp_two"));
        assert!(!is_extra_form(&labels, "kq_two"));
    }
}
