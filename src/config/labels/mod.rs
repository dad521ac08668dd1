//! The theme's words: every user-visible word of the built-in theme, by
//! key, with its default; `labels:` in `site.yaml` overrides any of them.

mod ar;
mod de;
mod en;
mod es;
mod fr;
mod pt;

/// The theme's user-visible words and their defaults (`labels:`
/// overrides): English.
pub const DEFAULT_LABELS: &[(&str, &str)] = en::LABELS;

/// The built-in words of a language (by the primary subtag of its BCP 47
/// tag: `fr-CA` takes French's), if lede has them.
pub fn built_in(language: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" => en::LABELS,
        "fr" => fr::LABELS,
        "es" => es::LABELS,
        "de" => de::LABELS,
        "pt" => pt::LABELS,
        "ar" => ar::LABELS,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every language has every English label, and no other (plural forms
    /// apart), with the same placeholders.
    #[test]
    fn every_language_has_every_label() {
        let english: Vec<&str> = en::LABELS.iter().map(|(k, _)| *k).collect();
        for code in ["fr", "es", "de", "pt", "ar"] {
            let table = built_in(code).unwrap();
            for key in &english {
                if key.ends_with("_one") || key.ends_with("_other") {
                    continue;
                }
                assert!(table.iter().any(|(k, _)| k == key), "{code} lacks {key}");
            }
            for (key, text) in table {
                let base = key
                    .rsplit_once('_')
                    .filter(|(_, c)| crate::config::plural::CATEGORIES.contains(c))
                    .map_or(*key, |(b, _)| b);
                assert!(
                    english.contains(key)
                        || english.iter().any(|e| e.starts_with(&format!("{base}_"))),
                    "{code} has an unknown label {key}"
                );
                for ph in [
                    "{host}", "{d}", "{month}", "{y}", "{h}", "{m}", "{date}", "{time}", "{zone}",
                ] {
                    let en_text = en::LABELS.iter().find(|(k, _)| k == key).map(|(_, t)| *t);
                    if let Some(en_text) = en_text {
                        assert_eq!(en_text.contains(ph), text.contains(ph), "{code} {key} {ph}");
                    }
                }
            }
        }
    }
}
