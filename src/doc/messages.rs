//! Parser and serde errors in an editor's words, each at its position.

use super::YamlDoc;
use crate::diagnostics::Diagnostic;

use crate::yaml::{self, Seg, Target, YamlError};

impl YamlDoc<'_> {
    pub(super) fn syntax_error(&self, e: &YamlError) -> Diagnostic {
        // The scanner gives some errors as a byte position ("control
        // characters are not allowed at position 54") rather than a mark.
        let mut e = e.clone();
        if let Some(i) = e.message.find(" at position ")
            && let Ok(at) = e.message[i + 13..].trim().parse::<usize>()
        {
            e.message.truncate(i);
            (e.line, e.col) = crate::diagnostics::line_col(self.text, at);
        }
        let e = &e;
        let message = e
            .message
            .trim_start_matches("did not find expected ")
            .to_string();
        let message = if message == e.message {
            format!("YAML syntax error: {message}")
        } else {
            format!("YAML syntax error: expected {message}")
        };
        let mut d = self
            .diag_at(e.line, e.col, Target::Value, message)
            .label("here");
        let tab_near = e.line > 0
            && self
                .text
                .lines()
                .skip(e.line.saturating_sub(2))
                .take(2)
                .any(|l| l.trim_end().contains('\t'));
        if tab_near || (self.text.contains('\t') && e.message.contains("tab")) {
            d = d.help("YAML does not allow tabs for indentation; use spaces");
        } else {
            d = d.help("check the indentation and that text with `: ` or `#` in it is quoted");
        }
        d
    }

    /// Where the key named in a "duplicate field `k`" error is written the
    /// second time, in the mapping at the error's path.
    fn second_key(&self, e: &YamlError) -> Option<(usize, usize)> {
        let rest = e.message.strip_prefix("duplicate field `")?;
        let key = &rest[..rest.find('`')?];
        let mut path = match e.path.as_deref() {
            None | Some(".") => Vec::new(),
            Some(p) => yaml::parse_path(p)?,
        };
        path.push(Seg::key(key));
        yaml::locate_nth(self.text, &path, Target::Key, 1)
    }

    /// Turns a serde/YAML error into a diagnostic with a plain-language message.
    pub fn from_yaml_error(&self, e: &YamlError, known: &[&str]) -> Diagnostic {
        let at = e
            .path
            .as_deref()
            .filter(|p| *p != ".")
            .map(|p| format!("`{p}`: "));
        let at = at.unwrap_or_default();
        if let Some(rest) = e.message.strip_prefix("unknown field `") {
            let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let names = if names.is_empty() {
                known.to_vec()
            } else {
                names
            };
            let d = self
                .diag_at(
                    e.line,
                    e.col,
                    Target::Key,
                    format!("{at}unknown key `{key}`"),
                )
                .label("not a known key");
            return d.help(crate::suggest::key_help(key, &names));
        }
        if let Some(rest) = e.message.strip_prefix("invalid type: ") {
            let (found, expected) = rest
                .split_once(", expected ")
                .unwrap_or((rest, "another type"));
            let expected = plain_type(expected);
            let found = plain_found(found);
            return self
                .diag_at(
                    e.line,
                    e.col,
                    Target::Value,
                    format!("{at}expected {expected}, found {found}"),
                )
                .label(format!("expected {expected}"));
        }
        if e.message.starts_with("duplicate key") || e.message.starts_with("duplicate field") {
            let message = e.message.replace("duplicate field", "duplicate key");
            let message = if message.contains("already defined") {
                message
            } else {
                format!("{message}: it is already defined above")
            };
            // serde's own check of a struct's fields reports the mapping's
            // start; find the second key instead.
            let (line, col) = self.second_key(e).unwrap_or((e.line, e.col));
            return self
                .diag_at(line, col, Target::Key, format!("{at}{message}"))
                .label("written twice")
                .help("YAML keeps only one of the two values; remove or rename one");
        }
        if let Some(rest) = e.message.strip_prefix("missing field ") {
            return self
                .diag_at(
                    e.line,
                    e.col,
                    Target::Value,
                    format!("{at}missing required key {rest}"),
                )
                .label("in this entry");
        }
        if e.message.contains("recursion limit") || e.message.contains("repetition limit") {
            let (line, col) = match (e.line, yaml::first_alias(self.text)) {
                (0, Some(alias)) => alias,
                _ => (e.line, e.col),
            };
            return self
                .diag_at(line, col, Target::Value, format!("{at}YAML nested or repeated too deeply ({})", e.message))
                .label("here")
                .help("front matter is data about one page; flatten it and avoid anchor/alias expansion");
        }
        self.diag_at(e.line, e.col, Target::Value, format!("{at}{}", e.message))
            .label("here")
    }
}

/// serde's names for types, in an editor's words.
fn plain_type(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".into(),
        "a map" | "a mapping" => "a mapping (`key: value` lines)".into(),
        "a boolean" => "`true` or `false`".into(),
        "text" | "a string" => "text".into(),
        e if e.starts_with("struct ") => "a mapping (`key: value` lines)".into(),
        e => e.to_string(),
    }
}

/// serde's description of what was found, in an editor's words.
fn plain_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for (serde, plain) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
    ] {
        if let Some(v) = found.strip_prefix(serde) {
            return format!("{plain}{v}");
        }
    }
    match found {
        "sequence" => "a list".into(),
        "map" => "a mapping".into(),
        "unit value" => "nothing (an empty value)".into(),
        f => f.to_string(),
    }
}
