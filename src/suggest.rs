//! "Did you mean …?": the one place that picks the known name closest to a
//! misspelt one, for every suggestion lede makes (keys, source ids, heading
//! ids, anchors, labels).

/// The known name closest to `word`, if one is close enough to be a typo,
/// ignoring case: a Jaro–Winkler similarity of at least 0.8, or one edit
/// away (a letter added, dropped, changed or two swapped: `dke` → `dek`)
/// for words too short for the similarity to say much.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .iter()
        .map(|k| {
            let k_lower = k.to_lowercase();
            let mut score = strsim::jaro_winkler(&lower, &k_lower);
            if score < 0.8 && strsim::osa_distance(&lower, &k_lower) <= 1 && lower.len() >= 3 {
                score = 0.8;
            }
            (score, *k)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Keys that writers bring from other generators and CMSs, and the lede key
/// that does the same job: (their key, lede's key, where it comes from).
pub const KEYS_FROM_ELSEWHERE: &[(&str, &str, &str)] = &[
    ("description", "dek", "Hugo, Jekyll and Zola"),
    ("summary", "dek", "Hugo"),
    ("subtitle", "dek", "many themes"),
    ("subhead", "dek", "newsroom CMSs"),
    ("standfirst", "dek", "newsroom CMSs"),
    ("deck", "dek", "newsroom CMSs"),
    ("excerpt", "dek", "Jekyll"),
    ("image", "hero", "Hugo and Jekyll themes"),
    ("images", "hero", "Hugo"),
    ("cover", "hero", "Hugo themes"),
    ("featured_image", "hero", "WordPress and Hugo themes"),
    ("thumbnail", "hero", "many themes"),
    ("categories", "tags", "Hugo, Jekyll and Zola"),
    ("category", "tags", "Jekyll"),
    ("keywords", "tags", "Hugo"),
    ("taxonomies", "tags", "Zola"),
    ("lastmod", "updated", "Hugo"),
    ("last_modified_at", "updated", "Jekyll"),
    ("modified", "updated", "many themes"),
    ("publishdate", "date", "Hugo"),
    ("pubdate", "date", "Hugo"),
    ("published", "date", "many themes"),
    ("author", "authors", "Hugo, Jekyll and Zola"),
    ("byline", "authors", "newsroom CMSs"),
    ("url", "slug", "Hugo"),
    ("permalink", "slug", "Jekyll"),
    ("path", "slug", "Zola"),
    ("headline", "title", "newsroom CMSs"),
    ("hed", "title", "newsroom CMSs"),
    ("layout", "kind", "Jekyll"),
    ("type", "kind", "Hugo"),
    ("template", "kind", "Zola"),
];

/// The help for an unknown key: the lede key for a key from elsewhere
/// (only when that key is one of `known`, and the word itself is not), else
/// the closest known key, else the list of known keys.
pub fn key_help(word: &str, known: &[&str]) -> String {
    lede_key(word, known)
        .map(|(key, from)| match written_as(key) {
            Some(form) => format!("lede calls this `{key}` (`{word}` in {from}), written `{form}`"),
            None => format!("lede calls this `{key}` (`{word}` in {from})"),
        })
        .or_else(|| did_you_mean(word, known, as_is))
        .unwrap_or_else(|| format!("known keys: {}", known.join(", ")))
}

/// How a key whose value is not a plain text is written (the value a
/// key from elsewhere had would not fit).
fn written_as(key: &str) -> Option<&'static str> {
    match key {
        "hero" => Some(r#"hero: { src: /images/photo.jpg, alt: "What the picture shows" }"#),
        _ => None,
    }
}

/// The known key a misspelt or borrowed `word` most likely means.
pub fn intended_key<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    lede_key(word, known)
        .and_then(|(key, _)| known.iter().find(|k| **k == key).copied())
        .or_else(|| closest(word, known))
}

fn lede_key(word: &str, known: &[&str]) -> Option<(&'static str, &'static str)> {
    let lower = word.to_lowercase();
    if known.contains(&lower.as_str()) {
        return None;
    }
    KEYS_FROM_ELSEWHERE
        .iter()
        .find(|(theirs, ours, _)| *theirs == lower && known.contains(ours))
        .map(|(_, ours, from)| (*ours, *from))
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
        assert_eq!(closest("dke", &["dek", "date", "title"]), Some("dek"));
        assert_eq!(
            closest("xyz", &["dek", "toc"]),
            None,
            "short words need one slip, not three"
        );
        assert_eq!(
            did_you_mean("waht-next", &["what-next", "sources"], |b| format!("#{b}")).as_deref(),
            Some("did you mean `#what-next`?")
        );
    }

    #[test]
    fn keys_from_other_tools_get_the_lede_key() {
        let known = ["title", "dek", "date", "updated", "hero", "tags", "authors"];
        assert_eq!(
            key_help("subtitle", &known),
            "lede calls this `dek` (`subtitle` in many themes)"
        );
        assert_eq!(intended_key("lastmod", &known), Some("updated"));
        assert_eq!(intended_key("publishDate", &known), Some("date"));
        assert_eq!(intended_key("dke", &known), Some("dek"));
        // Not where the lede key does not exist (site.yaml has no `dek`).
        assert_eq!(
            key_help("summary", &["title", "description"]),
            "known keys: title, description"
        );
        // A key that is known is never renamed.
        assert_eq!(lede_key("description", &["description", "dek"]), None);
    }
}
