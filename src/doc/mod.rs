//! A YAML document inside a file (all of `site.yaml`, or an explainer's front
//! matter), checked strictly and reported kindly.
//!
//! [`YamlDoc::parse`] tries one fast typed parse. Only when that fails does it
//! look closer: syntax first, then every top-level key on its own, so a file
//! with three mistakes reports three errors, each at its file:line:col, with
//! "did you mean" suggestions for misspelt keys.

use std::ops::Range;
use std::sync::Arc;

use serde::de::{DeserializeOwned, IgnoredAny};

use crate::diagnostics::{Diagnostic, SourceText, floor_char_boundary, offset_of};

use crate::yaml::{self, Seg, Target, UniqueMap, YamlError};

mod messages;

/// A YAML text at a byte offset inside a source file.
#[derive(Clone, Copy)]
pub struct YamlDoc<'a> {
    /// The file's path relative to the site root.
    pub file: &'a Arc<str>,
    /// The whole file.
    pub source: &'a Arc<SourceText>,
    /// Byte offset of the YAML text in `source` (at the start of a line).
    pub start: usize,
    /// The YAML text.
    pub text: &'a str,
}

/// Checks one top-level key's value on its own (for the slow path).
pub type FieldCheck<'f> = &'f dyn Fn(&str, &str) -> Result<(), YamlError>;

impl<'a> YamlDoc<'a> {
    /// A document that is a whole file.
    pub fn whole(file: &'a Arc<str>, source: &'a Arc<SourceText>) -> Self {
        Self {
            file,
            source,
            start: 0,
            text: source,
        }
    }

    /// Parses into `T`; on failure, every problem found, each with a position.
    /// `check_field(text, key)` deserializes one known top-level key alone.
    pub fn parse<T: DeserializeOwned>(
        &self,
        what: &str,
        check_field: FieldCheck<'_>,
    ) -> Result<T, Vec<Diagnostic>> {
        if let Err(e) = yaml::check_limits(self.text) {
            let help = if e.message.contains("aliases") {
                "an alias repeats its anchor's whole value; write the values out, or use fewer aliases"
            } else {
                "keep long text in the Markdown body; this block is for short facts about the page"
            };
            let d = self.diag_at(
                e.line,
                e.col,
                Target::Value,
                format!("{what}: {}", e.message),
            );
            return Err(vec![d.label("here").help(help)]);
        }
        match yaml::from_str::<T>(self.text) {
            Ok(v) => Ok(v),
            Err(first) => Err(self.explain(&first, what, yaml::struct_fields::<T>(), check_field)),
        }
    }

    fn explain(
        &self,
        first: &YamlError,
        what: &str,
        known: &[&str],
        check_field: FieldCheck<'_>,
    ) -> Vec<Diagnostic> {
        if let Err(e) = yaml::check_syntax(self.text) {
            return vec![self.syntax_error(&e)];
        }
        let keys = match yaml::top_level_keys(self.text) {
            Ok(keys) => keys,
            Err(_) => {
                return vec![
                    self.diag_at(
                        0,
                        0,
                        Target::Value,
                        format!("{what} must be a mapping of `key: value` lines"),
                    )
                    .label("not a mapping"),
                ];
            }
        };
        let mut out = Vec::new();
        if let Err(e) = yaml::from_str::<UniqueMap<IgnoredAny>>(self.text) {
            out.push(self.from_yaml_error(&e, known));
        }
        let mut seen = std::collections::HashSet::new();
        for key in &keys {
            if !seen.insert(key.as_str()) {
                continue;
            }
            if !known.contains(&key.as_str()) {
                out.push(self.unknown_key(&[], key, known, what));
            } else if let Err(e) = check_field(self.text, key) {
                out.push(self.from_yaml_error(&e, known));
            }
        }
        if out.is_empty() {
            out.push(self.from_yaml_error(first, known));
        }
        out
    }

    /// "unknown key" with the closest known key as a suggestion.
    pub fn unknown_key(&self, parent: &[Seg], key: &str, known: &[&str], what: &str) -> Diagnostic {
        let mut path = parent.to_vec();
        path.push(Seg::key(key));
        let d = self
            .error_at(&path, Target::Key, format!("unknown key `{key}` in {what}"))
            .label("not a known key");
        d.help(crate::suggest::key_help(key, known))
    }

    /// An error pointing at the node (or key) at `path`; at the start of the
    /// document if the path cannot be found.
    pub fn error_at(&self, path: &[Seg], target: Target, message: impl Into<String>) -> Diagnostic {
        let (line, col) = yaml::locate(self.text, path, target).unwrap_or((0, 0));
        self.diag_at(line, col, target, message)
    }

    /// A warning pointing at the node (or key) at `path`; the position is
    /// found only if the warning is shown. It keeps the file's text up to a
    /// few lines past the YAML, not a whole explainer's.
    pub fn warning_at(
        &self,
        path: &[Seg],
        target: Target,
        message: impl Into<String>,
    ) -> Diagnostic {
        let file = self.file.clone();
        let head = self.head();
        let source = head.clone();
        let (start, len, path) = (self.start, self.text.len(), path.to_vec());
        let locate = move || {
            let text = source.get(start..start + len).unwrap_or("");
            let doc = YamlDoc {
                file: &file,
                source: &source,
                start,
                text,
            };
            doc.span_of(&path, target)
        };
        Diagnostic::warning(message).at_lazy(self.file, &head, locate)
    }

    /// The file's text up to three lines past the YAML (what a snippet of
    /// a place in it may show).
    fn head(&self) -> Arc<SourceText> {
        let whole: &str = self.source;
        let mut end = (self.start + self.text.len()).min(whole.len());
        for _ in 0..3 {
            match memchr::memchr(b'\n', &whole.as_bytes()[end..]) {
                Some(i) => end += i + 1,
                None => end = whole.len(),
            }
        }
        if end >= whole.len() {
            return self.source.clone();
        }
        SourceText::new(&whole[..end])
    }

    /// Byte range in the file of the node (or key) at `path`.
    pub fn span_of(&self, path: &[Seg], target: Target) -> Range<usize> {
        let (line, col) = yaml::locate(self.text, path, target).unwrap_or((0, 0));
        self.span_at(line, col, target)
    }

    fn diag_at(
        &self,
        line: usize,
        col: usize,
        target: Target,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = self.span_at(line, col, target);
        Diagnostic::error(message).at(self.file, self.source, span)
    }

    /// The byte range of the token at YAML (line, col): a key up to its `:`,
    /// a value to the end of its line.
    fn span_at(&self, line: usize, col: usize, target: Target) -> Range<usize> {
        if line == 0 {
            let end = self.text.find('\n').unwrap_or(self.text.len());
            return self.start..self.start + end;
        }
        let start = self.start + offset_of(self.text, line, col.max(1));
        let rest = &self.source[start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let token = &rest[..line_end];
        let len = match target {
            Target::Key => token.find(':').unwrap_or(token.len()),
            Target::Value => {
                let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
                value_len(token, in_flow(&self.source[line_start..start]))
            }
        };
        start..floor_char_boundary(&self.source[..], start + len.max(1))
    }
}

/// Whether a line's text before a value leaves a flow collection open
/// (`hero: { src: ` → yes): there a plain value ends at `,`, `}` or `]`.
fn in_flow(before: &str) -> bool {
    let mut depth = 0i32;
    let mut quote = None;
    for c in before.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// The length of the value that starts `token` (the rest of its line): a
/// quoted value to its closing quote, a plain one to a comment, or, in a
/// flow collection, to the next `,`, `}` or `]`.
fn value_len(token: &str, flow: bool) -> usize {
    let mut chars = token.char_indices();
    match chars.next() {
        Some((_, q @ ('"' | '\''))) => {
            let mut chars = chars.peekable();
            while let Some((i, c)) = chars.next() {
                // `\x` in double quotes, `''` in single quotes: skip the
                // escaped character.
                let escaped = (q == '"' && c == '\\')
                    || (c == q && q == '\'' && chars.peek().is_some_and(|&(_, n)| n == q));
                if escaped {
                    chars.next();
                } else if c == q {
                    return i + 1;
                }
            }
            token.trim_end().len()
        }
        Some((_, '{' | '[')) | None => token.trim_end().len(),
        Some(_) => {
            let end = if flow {
                token.find([',', '}', ']']).unwrap_or(token.len())
            } else {
                token.len()
            };
            let t = token[..end].trim_end();
            // A comment after the value is not part of it.
            t.find(" #").map_or(t.len(), |i| t[..i].trim_end().len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_span_ends_where_the_value_does() {
        assert_eq!(value_len("photo.jpg, alt: x }", true), 9);
        assert_eq!(value_len("photo.jpg, alt: x", false), 17);
        assert_eq!(value_len("\"a, \\\" b\", alt: x }", true), 9);
        assert_eq!(value_len("'it''s' # c", false), 7);
        assert_eq!(value_len("plain value # note", false), 11);
        assert_eq!(value_len("[a, b]  ", false), 6);
        assert!(in_flow("hero: { src: "));
        assert!(!in_flow("title: \"{ not flow\" "));
        assert!(!in_flow("hero: { a: 1 } "));
    }
    use crate::yaml::Text;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Option<Text>,
        key_points: Option<Vec<Text>>,
        draft: Option<bool>,
    }

    fn check(text: &str, key: &str) -> Result<(), YamlError> {
        match key {
            "title" => yaml::field::<Option<Text>>(text, key).map(drop),
            "key_points" => yaml::field::<Option<Vec<Text>>>(text, key).map(drop),
            "draft" => yaml::field::<Option<bool>>(text, key).map(drop),
            _ => Ok(()),
        }
    }

    fn parse(src: &str) -> Result<Doc, Vec<Diagnostic>> {
        let (file, source): (Arc<str>, Arc<SourceText>) =
            (Arc::from("content/a.md"), SourceText::new(src));
        let doc = YamlDoc {
            file: &file,
            source: &source,
            start: 4,
            text: &source[4..source.len() - 4],
        };
        doc.parse::<Doc>("front matter", &check)
    }

    #[test]
    fn reports_every_bad_key_with_positions() {
        let errs = parse("---\ntitel: A\nkey_points: just one\ndraft: maybe\n---\n").unwrap_err();
        let shown: Vec<String> = errs
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message))
            .collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert_eq!(
            shown[0],
            "content/a.md:2:1 unknown key `titel` in front matter"
        );
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `title`?"));
        assert!(
            shown[1].starts_with(
                "content/a.md:3:13 `key_points`: expected a list, found the text \"just one\""
            ),
            "{}",
            shown[1]
        );
        assert!(
            shown[2].starts_with("content/a.md:4:8 `draft`: expected `true` or `false`"),
            "{}",
            shown[2]
        );
    }

    #[test]
    fn syntax_and_duplicates() {
        let errs = parse("---\ntitle: [a\n---\n").unwrap_err();
        assert!(
            errs[0].message.starts_with("YAML syntax error"),
            "{:?}",
            errs[0]
        );
        let errs = parse("---\ntitle: a\ntitle: b\n---\n").unwrap_err();
        assert!(
            errs[0].message.contains("duplicate key `title`"),
            "{:?}",
            errs[0]
        );
        assert_eq!(errs[0].location(), "content/a.md:3:1");
    }
}

#[cfg(test)]
mod head_tests {
    use super::*;

    #[test]
    fn a_warning_keeps_the_front_matter_not_the_body() {
        let body = "Body text.\n".repeat(10_000);
        let src = format!("---\ntitle: A\nsources:\n  s1: x\n---\n{body}");
        let (file, source): (Arc<str>, Arc<SourceText>) =
            (Arc::from("content/a.md"), SourceText::new(src.as_str()));
        let yaml_end = src.find("\n---\n").unwrap() + 1;
        let doc = YamlDoc {
            file: &file,
            source: &source,
            start: 4,
            text: &source[4..yaml_end],
        };
        let path = [Seg::key("sources"), Seg::key("s1")];
        let d = doc.warning_at(&path, Target::Key, "source `s1` is never cited");
        assert_eq!(Arc::strong_count(&source), 1, "the file is not kept");
        assert!(d.source.as_ref().unwrap().len() < 100);
        assert_eq!(d.location(), "content/a.md:4:3");
        assert!(
            d.render(false).contains("4 |   s1: x"),
            "{}",
            d.render(false)
        );
    }
}
