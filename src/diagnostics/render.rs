//! Showing a [`Diagnostic`]: the rustc-style report with a snippet and a
//! caret under the span (annotate-snippets), made safe for any file text.

use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

use super::text::{SourceText, floor_char_boundary};
use super::{Diagnostic, Severity};

impl Diagnostic {
    /// What kind of finding it is: its message without the parts quoted
    /// from the file (between backticks) and without numbers, so that a
    /// hundred links to missing anchors are one kind.
    pub fn kind(&self) -> String {
        let mut out = String::with_capacity(self.message.len());
        let mut quoted = false;
        for c in self.message.chars() {
            match c {
                '`' => {
                    quoted = !quoted;
                    out.push(c);
                }
                _ if quoted => {}
                c if c.is_ascii_digit() => {}
                c => out.push(c),
            }
        }
        out
    }

    /// The full report: message, `--> file:line:col`, snippet, caret, help.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Info,
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        // Never let annotate-snippets trim a line to the terminal's width: its
        // trimming arithmetic overflows when the span sits in a long line's
        // leading whitespace (found by fuzzing). Lines longer than
        // MAX_SNIPPET_LINE bytes get no snippet at all, and a character is at
        // most two columns wide.
        let renderer = renderer.term_width(2 * MAX_SNIPPET_LINE + 64);
        // Text from files (names, YAML values, snippets) may hold terminal
        // control sequences; none reaches the terminal.
        let title = printable(&self.message, true);
        let help = self.help.as_deref().map(|h| printable(h, true));
        let mut message = level.title(&title);
        let origin = printable(self.file.as_deref().unwrap_or(""), false);
        let origin = origin.as_ref();
        let snippet = match (&self.excerpt, self.source.as_deref(), self.span()) {
            (Some(excerpt), _, Some(span)) => excerpt.shown(span),
            (None, Some(source), Some(span)) if !line_too_long(source, &span) => {
                // Show at most a window of lines around the span: the whole
                // file would be folded anyway, but a 50 MB file should not be
                // copied around.
                let span = clamp_span(source, span);
                let (bytes, first_line) = window(source, &span);
                Some((&source[bytes.clone()], local(&span, &bytes), first_line))
            }
            _ => None,
        };
        if let Some((window, span, first_line)) = snippet {
            let label = printable(self.label.as_deref().unwrap_or(""), false);
            let label = label.as_ref();
            let window = printable(window, true);
            let window = window.as_ref();
            let span = if span.is_empty() {
                span.start..(span.start + next_char_len(window, span.start))
            } else {
                span
            };
            message = message.snippet(
                Snippet::source(window)
                    .line_start(first_line)
                    .origin(origin)
                    .fold(true)
                    .annotation(level.span(span).label(label)),
            );
            let text = match &help {
                Some(help) => {
                    let rendered = message.footer(Level::Help.title(help.as_ref()));
                    renderer.render(rendered).to_string()
                }
                None => renderer.render(message).to_string(),
            };
            return text;
        }
        let location = match (origin, self.line_col()) {
            ("", _) => String::new(),
            (origin, Some((line, col))) => format!("\n --> {origin}:{line}:{col}"),
            (origin, None) => format!("\n --> {origin}"),
        };
        let head = renderer.render(message).to_string();
        match &help {
            Some(help) => format!("{head}{location}\n  = help: {help}"),
            None => format!("{head}{location}"),
        }
    }
}

/// Findings rendered, each followed by a blank line. They are rendered on
/// every core: a snippet can cost a parse of its front matter (see
/// [`LazySpan`]), and `lede check` may list thousands.
pub fn render_all<'a>(items: impl Iterator<Item = &'a Diagnostic>, color: bool) -> String {
    use rayon::prelude::*;
    let items: Vec<&Diagnostic> = items.collect();
    let rendered: Vec<String> = items.par_iter().map(|d| d.render(color)).collect();
    let mut out = String::with_capacity(rendered.iter().map(|r| r.len() + 2).sum());
    for text in rendered {
        out.push_str(&text);
        out.push_str("\n\n");
    }
    out
}

/// What a finding placed at once keeps of its file: the line and column
/// of its span's start, and the lines its snippet shows (none when the
/// span's line is too long to show).
#[derive(Debug)]
pub struct Excerpt {
    /// 1-based line and column (in characters) of the span's start.
    pub line_col: (usize, usize),
    /// The lines around the span.
    text: Box<str>,
    /// The byte offset of `text` in the file.
    offset: usize,
    /// The 1-based number of its first line.
    first_line: usize,
    /// Whether there is a snippet to show.
    shown: bool,
}

impl Excerpt {
    /// The excerpt of `source` for `span` (clamped to it).
    pub(super) fn of(source: &SourceText, span: Range<usize>) -> Self {
        let line_col = source.line_col(span.start);
        if line_too_long(source, &span) {
            let (text, offset, first_line, shown) = (Box::default(), 0, 0, false);
            return Self {
                line_col,
                text,
                offset,
                first_line,
                shown,
            };
        }
        let (bytes, first_line) = window(source, &clamp_span(source, span));
        Self {
            line_col,
            text: source[bytes.clone()].into(),
            offset: bytes.start,
            first_line,
            shown: true,
        }
    }

    /// The lines it keeps.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The window, `span` (in the file) within it, and the window's first
    /// line number, when there is a snippet.
    fn shown(&self, span: Range<usize>) -> Option<(&str, Range<usize>, usize)> {
        if !self.shown {
            return None;
        }
        let bytes = self.offset..self.offset + self.text.len();
        let span = local(&span, &bytes);
        let end = floor_char_boundary(&self.text, span.end.min(span.start + MAX_SNIPPET_LINE));
        Some((&self.text, span.start..end.max(span.start), self.first_line))
    }
}

/// The lines around `span` (a few before and after) and the 1-based
/// number of the first one.
fn window(source: &SourceText, span: &Range<usize>) -> (Range<usize>, usize) {
    const CONTEXT_LINES: usize = 2;
    const MAX_BYTES: usize = 4096;
    let mut start = source.line_range(span.start).start;
    for _ in 0..CONTEXT_LINES {
        if start == 0 {
            break;
        }
        let before = source.line_range(start - 1).start;
        if span.start - before > MAX_BYTES {
            break;
        }
        start = before;
    }
    let mut end = span.end.max(span.start).min(source.len());
    for _ in 0..=CONTEXT_LINES {
        let line_end = source.line_range(end).end;
        if line_end >= source.len() || line_end - span.end > MAX_BYTES {
            end = line_end.min(span.end + 2 * MAX_BYTES);
            break;
        }
        end = line_end + 1;
    }
    let end = floor_char_boundary(source, end.min(source.len()));
    (start..end, source.line_of(start))
}

/// `span` within the window at `window`.
fn local(span: &Range<usize>, window: &Range<usize>) -> Range<usize> {
    let start = span.start.clamp(window.start, window.end) - window.start;
    let end = span.end.clamp(window.start, window.end) - window.start;
    start..end.max(start)
}

/// `text` with control characters (escape sequences, bells) replaced by
/// characters of the same UTF-8 length, so byte offsets stay valid; line
/// breaks and tabs are kept when `lines` is set.
fn printable(text: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let keep = |c: char| lines && c == '\n';
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    // Same byte length out as in, so spans still point at the same text.
    // A tab is shown as one space: annotate-snippets widens tabs itself and
    // its margin arithmetic overflows on some lines that hold them (found by
    // fuzzing), and the caret stays under the right character.
    let cleaned = text
        .chars()
        .map(|c| match c {
            c if !c.is_control() || keep(c) => c,
            '\t' => ' ',
            c if c.len_utf8() == 1 => '?',
            _ => '¿',
        })
        .collect();
    std::borrow::Cow::Owned(cleaned)
}

/// The longest line shown in a snippet: past it (a minified or generated
/// file, a 50 MB one-line value), the location is given without one.
const MAX_SNIPPET_LINE: usize = 4096;

/// Is the line holding the start of `span` too long to show? (Found with
/// the file's line index: a one-line 50 MB file is not scanned again for
/// each of its findings.)
fn line_too_long(source: &SourceText, span: &Range<usize>) -> bool {
    let line = source.line_range(span.start);
    line.end - line.start > MAX_SNIPPET_LINE
}

/// A span shown under a snippet covers at most a few lines' worth of text.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let end = span.end.min(span.start + MAX_SNIPPET_LINE);
    span.start..floor_char_boundary(source, end)
}

fn next_char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_ignore_what_is_quoted_and_numbers() {
        let a = Diagnostic::error("no element with the id `a` on this page");
        let b = Diagnostic::error("no element with the id `b-2` on this page");
        let c = Diagnostic::error("bad date on line 3");
        let d = Diagnostic::error("bad date on line 14");
        assert_eq!(a.kind(), b.kind());
        assert_eq!(c.kind(), d.kind());
        assert_ne!(a.kind(), c.kind());
    }
}
