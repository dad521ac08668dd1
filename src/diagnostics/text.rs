//! A file's text, and positions in it.
//!
//! [`SourceText`] is what every stage holds of a file it read: the text, and
//! a line index built the first time a position in it is asked for, so that
//! a thousand findings in one file cost one pass over it, not a thousand.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// The text of a file (decoded, `\n` line endings) and its line index.
pub struct SourceText {
    text: Box<str>,
    /// Byte offset of the start of every line, built on first use.
    lines: OnceLock<Box<[usize]>>,
}

impl SourceText {
    /// A text, shared.
    pub fn new(text: impl Into<Box<str>>) -> Arc<Self> {
        Arc::new(Self {
            text: text.into(),
            lines: OnceLock::new(),
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts.into_boxed_slice()
        })
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        // The last line start at or before `offset`.
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The bytes of the line holding byte `offset`, without its `\n`.
    pub fn line_range(&self, offset: usize) -> std::ops::Range<usize> {
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line.max(1) - 1];
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }

    /// The 1-based number of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset)
    }
}

impl Deref for SourceText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceText({} bytes)", self.text.len())
    }
}

impl From<&str> for SourceText {
    fn from(text: &str) -> Self {
        Self {
            text: text.into(),
            lines: OnceLock::new(),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text` (for
/// a text without an index: one position in it).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Byte offset of 1-based `line` and `col` (in characters) in `text`.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let in_line = line_text[..line_end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_end, |(i, _)| i);
    start + in_line
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let text = "ab\ncé d\n";
        let indexed = SourceText::new(text);
        for (offset, want) in [
            (0, (1, 1)),
            (3, (2, 1)),
            (3 + 1 + 2 + 1, (2, 4)),
            (99, (3, 1)),
        ] {
            assert_eq!(line_col(text, offset), want, "{offset}");
            assert_eq!(indexed.line_col(offset), want, "{offset}");
        }
        // Inside a two-byte character: the character's own position.
        assert_eq!(indexed.line_col(5), (2, 2));
        assert_eq!(indexed.line_of(3), 2);
        assert_eq!(offset_of(text, 2, 4), 7);
        assert_eq!(offset_of(text, 9, 1), text.len());
    }
}
