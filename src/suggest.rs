//! "Did you mean …?": the one place that picks the known name closest to a
//! misspelt one, for every suggestion lede makes (keys, source ids, heading
//! ids, anchors, labels).

/// The known name closest to `word`, if one is close enough to be a typo
/// (Jaro–Winkler similarity of at least 0.8, ignoring case).
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// "did you mean `X`?", with the closest known name written as `form`
/// writes it (`#id`, `[^id]`), when one is close enough.
pub fn did_you_mean(word: &str, known: &[&str], form: impl Fn(&str) -> String) -> Option<String> {
    closest(word, known).map(|best| format!("did you mean `{}`?", form(best)))
}

/// The name as it is.
pub fn as_is(name: &str) -> String {
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_only_near_misses() {
        assert_eq!(
            closest("keypoints", &["key_points", "title"]),
            Some("key_points")
        );
        assert_eq!(closest("Titel", &["key_points", "title"]), Some("title"));
        assert_eq!(closest("zzz", &["key_points", "title"]), None);
        assert_eq!(
            did_you_mean("waht-next", &["what-next", "sources"], |b| format!("#{b}")).as_deref(),
            Some("did you mean `#what-next`?")
        );
    }
}
