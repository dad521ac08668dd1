//! A YAML problem as a value, its position apart from its message.

use std::fmt;

/// A YAML problem with its position in the YAML text (1-based; 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What went wrong, without the position.
    pub message: String,
    /// Dotted path of the node (`sources.council.url`), when the parser gave one.
    pub path: Option<String>,
    /// 1-based line in the YAML text, 0 when unknown.
    pub line: usize,
    /// 1-based column (characters) in the YAML text, 0 when unknown.
    pub col: usize,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl YamlError {
    pub(super) fn from_yaml(err: &serde_yaml::Error) -> Self {
        let (line, col) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
        // Display is "path: message at line L column C" (and a scanner's
        // message may hold another "at line L column C" of its own); the
        // position is kept apart, so every copy goes from the text.
        let mut text = strip_positions(&err.to_string());
        let mut path = None;
        if let Some((head, rest)) = text.split_once(": ") {
            // A path may hold a key with spaces (`authors.World desk.photo`)
            // when it has more than one step.
            let looks_like_path = !head.is_empty()
                && (!head.contains(' ') || head.contains('.'))
                && !head.starts_with(' ')
                && head
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._-[] ".contains(c));
            if looks_like_path {
                path = Some(head.to_string());
                text = rest.to_string();
            }
        }
        Self {
            message: text,
            path,
            line,
            col,
        }
    }
}

/// Removes every " at line L column C" from a parser message.
fn strip_positions(message: &str) -> String {
    const AT: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(AT) {
        let after = &rest[i + AT.len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let line_len = digits(after);
        let col_len = after[line_len..]
            .strip_prefix(" column ")
            .map(digits)
            .filter(|&n| n > 0);
        match col_len {
            Some(n) if line_len > 0 => {
                out.push_str(&rest[..i]);
                rest = &after[line_len + " column ".len() + n..];
            }
            _ => {
                out.push_str(&rest[..i + AT.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
