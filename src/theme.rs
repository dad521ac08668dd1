//! The built-in theme: the files of this repository's `templates/` and the
//! top level of `static/`, compiled into the binary. A site's own file with
//! the same name replaces a built-in one (unless it is the very same file:
//! see [`StaticFile`]).
//!
//! (Sub-folders of the repository's `static/`, such as `static/images/`,
//! belong to the demo site, not to the theme.)

/// A built-in template: its name and text.
pub type Template = (&'static str, &'static str);

/// A built-in static file.
pub struct StaticFile {
    /// Its path in the site (and in the repository's `static/`).
    pub name: &'static str,
    /// Its text as written in `static/`.
    pub source: &'static [u8],
    /// What is published: CSS and JS minified (by build.rs), others as they are.
    /// A site file byte-identical to `source` is this file, not a replacement
    /// of it, and is published as this (a site that copied the theme's files
    /// to start from, or lede's own demo, whose `static/` holds the theme).
    pub published: &'static [u8],
}

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

macro_rules! static_file {
    ($name:literal) => {
        StaticFile {
            name: $name,
            source: include_bytes!(concat!("../static/", $name)),
            published: include_bytes!(concat!("../static/", $name)),
        }
    };
    ($name:literal, minified) => {
        StaticFile {
            name: $name,
            source: include_bytes!(concat!("../static/", $name)),
            published: include_bytes!(concat!(env!("OUT_DIR"), "/", $name)),
        }
    };
}

/// Every built-in template.
pub const TEMPLATES: &[Template] = templates![
    "base.html",
    "index.html",
    "explainer.html",
    "page.html",
    "alias.html",
    "archive.html",
    "archive_year.html",
    "authors.html",
    "author.html",
    "tag.html",
    "tags.html",
    "search.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "components/annotation.html",
    "components/callout.html",
    "components/citation.html",
    "components/figure.html",
    "components/hero.html",
    "components/key_points.html",
    "components/note_ref.html",
    "components/notes.html",
    "components/post.html",
    "components/quote.html",
    "components/sources.html",
    "components/toc.html",
    "components/updates.html",
    "components/card.html",
    "components/source_entry.html",
    "components/task.html",
    "components/pagination.html",
    "components/series.html",
    "components/related.html",
    "components/known.html",
    "components/claim.html",
    "components/claims.html",
    "components/timeline.html",
    "components/embed.html",
    "card.svg",
];

/// The fonts of social cards (DejaVu Sans, regular and bold: Latin,
/// Greek, Cyrillic, Arabic, Hebrew; fonts/LICENSE-DejaVu.txt), by family
/// and weight.
pub const FONTS: &[(&str, u16, &[u8])] = &[
    (
        "DejaVu Sans",
        400,
        include_bytes!("../fonts/DejaVuSans.ttf"),
    ),
    (
        "DejaVu Sans",
        700,
        include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    ),
];

/// Every built-in static file (copied to the output root).
pub const STATIC: &[StaticFile] = &[
    static_file!("lede.css", minified),
    static_file!("lede.js", minified),
    static_file!("favicon.svg"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files_in(dir: &Path, prefix: &str, recurse: bool, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                if recurse {
                    files_in(&entry.path(), &format!("{name}/"), true, out);
                }
            } else if !name.starts_with('.') {
                out.push(name);
            }
        }
    }

    #[test]
    fn every_theme_file_is_in_the_table() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut templates = Vec::new();
        files_in(&root.join("templates"), "", true, &mut templates);
        let mut listed: Vec<String> = TEMPLATES.iter().map(|(n, _)| (*n).to_string()).collect();
        templates.sort();
        listed.sort();
        assert_eq!(templates, listed, "templates/ and theme::TEMPLATES differ");
        let mut statics = Vec::new();
        files_in(&root.join("static"), "", false, &mut statics);
        let mut listed: Vec<String> = STATIC.iter().map(|f| f.name.to_string()).collect();
        statics.sort();
        listed.sort();
        assert_eq!(
            statics, listed,
            "the top level of static/ and theme::STATIC differ"
        );
    }

    /// The `+` and `-` operators of CSS math functions, in order, each with
    /// whether it kept a space on both sides.
    fn math_operators(css: &str) -> Vec<(char, bool)> {
        let bytes = css.as_bytes();
        let mut out = Vec::new();
        let mut depth = 0usize; // parentheses open since a math function
        for (i, &b) in bytes.iter().enumerate() {
            let opens_math = ["calc(", "clamp(", "min(", "max("]
                .iter()
                .any(|f| bytes[..=i].ends_with(f.as_bytes()));
            match b {
                b'(' if depth > 0 || opens_math => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b'+' | b'-' if depth > 0 => {
                    let before = bytes.get(i.wrapping_sub(1)).copied().unwrap_or(b' ');
                    let after = bytes.get(i + 1).copied().unwrap_or(b' ');
                    // An operator follows a value; `--x` and `-1px` do not.
                    let operand =
                        |c: u8| c.is_ascii_alphanumeric() || c == b')' || c == b'%' || c == b'.';
                    let spaced = before == b' ' && after == b' ';
                    let glued = operand(before)
                        && (after.is_ascii_digit() || after == b'(' || after == b'.');
                    if spaced || (glued && b == b'+') || (glued && before.is_ascii_digit()) {
                        out.push((b as char, spaced));
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_theme_css_and_js_are_published_minified() {
        for file in STATIC.iter().filter(|f| f.name != "favicon.svg") {
            let published = std::str::from_utf8(file.published).unwrap();
            let source = std::str::from_utf8(file.source).unwrap();
            assert!(
                published.len() * 10 < source.len() * 9,
                "{} is {} bytes minified, {} as written",
                file.name,
                published.len(),
                source.len()
            );
            assert!(!published.contains("/*"), "{} keeps a comment", file.name);
            assert!(
                !published.contains("\n  "),
                "{} keeps indentation",
                file.name
            );
        }
        // Every rule and function survives: the same selectors and names.
        let css = std::str::from_utf8(STATIC[0].published).unwrap();
        // `a + b` in CSS math needs its spaces (`1rem+2vw` is invalid): the
        // minifier keeps them only inside `calc()`, so every `+`/`-` of
        // clamp(), min() and max() must be inside a calc() of its own.
        let source = std::str::from_utf8(STATIC[0].source).unwrap();
        assert_eq!(math_operators(css), math_operators(source));
        assert!(!math_operators(source).is_empty());
        for needle in [
            ".cite-run",
            "#site-search .pagefind-ui__search-clear",
            "@media (prefers-color-scheme:dark)",
        ] {
            assert!(css.contains(needle), "minified lede.css lost `{needle}`");
        }
    }
}
