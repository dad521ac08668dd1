//! Slugs: the URL-safe names of pages, tags and heading ids.

/// A file stem split into its name and language: `treaty.fr` →
/// (`treaty`, `Some("fr")`). The language is a last `.`-part that reads as a
/// BCP 47 tag: two or three letters, then `-` and letters or digits
/// (`pt-BR`); anything else is part of the name.
pub fn split_language(stem: &str) -> (&str, Option<&str>) {
    let Some((name, tag)) = stem.rsplit_once('.') else {
        return (stem, None);
    };
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok =
        parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if primary_ok && rest_ok && !name.is_empty() {
        (name, Some(tag))
    } else {
        (stem, None)
    }
}

/// `"What the New Bridge Toll Changes!"` → `what-the-new-bridge-toll-changes`.
/// Non-ASCII letters are transliterated (`Café` → `cafe`); anything else that
/// is not a letter or digit becomes a single `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    };
    for c in text.chars() {
        if c == '\'' || c == '’' {
            // "Don’t" → "dont", not "don-t".
        } else if c.is_ascii() {
            push(c, &mut out);
        } else {
            for t in deunicode::deunicode_char(c).unwrap_or("-").chars() {
                push(t, &mut out);
            }
        }
    }
    out
}

/// Is `s` already a slug (what [`slugify`] would leave unchanged)?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("What the New Bridge Toll Changes!"),
            "what-the-new-bridge-toll-changes"
        );
        assert_eq!(slugify("  Café & crème brûlée  "), "cafe-creme-brulee");
        assert_eq!(slugify("Don’t panic: it's 2026"), "dont-panic-its-2026");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("city-budget"), "city-budget");
        assert!(is_slug("a-b-1"));
        assert!(!is_slug("A-b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn a_language_is_a_last_part_that_reads_as_a_tag() {
        assert_eq!(split_language("treaty.fr"), ("treaty", Some("fr")));
        assert_eq!(split_language("index.pt-BR"), ("index", Some("pt-BR")));
        assert_eq!(split_language("treaty"), ("treaty", None));
        assert_eq!(split_language("v1.2"), ("v1.2", None));
        assert_eq!(split_language("report.final"), ("report.final", None));
        assert_eq!(split_language(".fr"), (".fr", None));
    }
}
