//! Slugs: the URL-safe names of pages, tags and heading ids.

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
}
