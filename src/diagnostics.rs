//! Errors and warnings as values.
//!
//! Every stage reports problems as [`Diagnostic`]s: a severity, the file they
//! concern (by its path relative to the site root), a byte range in that file
//! and a message. Nothing is printed here; [`Diagnostic::render`] turns one into
//! the text a user sees: a rustc-style snippet with a caret under the span.
//! Line and column are computed only when a diagnostic is shown, so the happy
//! path never builds line tables.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{Level, Renderer, Snippet};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops the build (exit code 1).
    Error,
    /// Reported; the build goes on (`check --strict` turns it into a failure).
    Warning,
}

/// One finding about one place in one file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: Box<str>,
    /// The file, relative to the site root (`content/a.md`), if any.
    pub file: Option<Arc<str>>,
    /// The file's text, for the snippet.
    pub source: Option<Arc<str>>,
    /// Byte range inside `source`.
    pub span: Option<Range<usize>>,
    /// A span found only when the diagnostic is shown (finding it costs a
    /// parse: a build with thousands of warnings shows a few of them).
    pub lazy_span: Option<Box<LazySpan>>,
    /// Short text under the caret.
    pub label: Option<Box<str>>,
    /// A hint: what to do about it.
    pub help: Option<Box<str>>,
}

impl Diagnostic {
    /// An error with a message and nothing else yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A warning with a message and nothing else yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Self {
            severity,
            message: message.into().into_boxed_str(),
            file: None,
            source: None,
            span: None,
            lazy_span: None,
            label: None,
            help: None,
        }
    }

    /// Attaches the file (no position).
    #[must_use]
    pub fn in_file(mut self, file: &Arc<str>) -> Self {
        self.file = Some(file.clone());
        self
    }

    /// Attaches a file, its text and a byte range within it.
    #[must_use]
    pub fn at(mut self, file: &Arc<str>, source: &Arc<str>, span: Range<usize>) -> Self {
        let len = source.len();
        let mut start = floor_char_boundary(source, span.start.min(len));
        if start == len && len > 0 {
            // At the very end (a block never closed): point at the last
            // character, so the snippet shows the last line.
            start = floor_char_boundary(source, len - 1);
        }
        let end = floor_char_boundary(source, span.end.clamp(start, len));
        self.file = Some(file.clone());
        self.source = Some(source.clone());
        self.span = Some(start..end);
        self
    }

    /// Sets the text shown under the caret.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into().into_boxed_str());
        self
    }

    /// Sets the hint shown after the snippet.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    /// Sets the hint on a diagnostic held by reference.
    pub fn set_help(&mut self, help: impl Into<String>) {
        self.help = Some(help.into().into_boxed_str());
    }

    /// Sets the caret label on a diagnostic held by reference.
    pub fn set_label(&mut self, label: impl Into<String>) {
        self.label = Some(label.into().into_boxed_str());
    }

    /// Attaches a file, its text and a span computed when first shown.
    #[must_use]
    pub fn at_lazy(
        mut self,
        file: &Arc<str>,
        source: &Arc<str>,
        span: impl Fn() -> Range<usize> + Send + Sync + 'static,
    ) -> Self {
        self.file = Some(file.clone());
        self.source = Some(source.clone());
        self.lazy_span = Some(Box::new(LazySpan(Arc::new(span))));
        self
    }

    /// The span, computing a lazy one (clamped to the source).
    pub fn span(&self) -> Option<Range<usize>> {
        if let Some(span) = &self.span {
            return Some(span.clone());
        }
        let (source, lazy) = (self.source.as_deref()?, self.lazy_span.as_ref()?);
        let span = (lazy.0)();
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        Some(start..end)
    }

    /// Is this an error (as opposed to a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_deref()?, self.span()?);
        Some(line_col(source, span.start))
    }

    /// `file:line:col` (or as much of it as is known).
    pub fn location(&self) -> String {
        match (&self.file, self.line_col()) {
            (Some(file), Some((line, col))) => format!("{file}:{line}:{col}"),
            (Some(file), None) => file.to_string(),
            (None, _) => String::new(),
        }
    }

    /// The full report: message, `--> file:line:col`, snippet, caret, help.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
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
        let snippet = match (self.source.as_deref(), self.span()) {
            (Some(source), Some(span)) if !line_too_long(source, &span) => {
                Some((source, clamp_span(source, span)))
            }
            _ => None,
        };
        if let Some((source, span)) = snippet {
            let label = printable(self.label.as_deref().unwrap_or(""), false);
            let label = label.as_ref();
            // Show at most a window of lines around the span: the whole file would
            // be folded anyway, but a 50 MB file should not be copied around.
            let (window, offset, first_line) = window(source, &span);
            let window = printable(window, true);
            let window = window.as_ref();
            let span = (span.start - offset)..(span.end - offset);
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Computes a span on demand (see [`Diagnostic::lazy_span`]).
#[derive(Clone)]
pub struct LazySpan(pub Arc<dyn Fn() -> Range<usize> + Send + Sync>);

impl fmt::Debug for LazySpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LazySpan")
    }
}

/// All the findings of a run, in a stable order.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds many findings.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Are there any errors?
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Is the list empty?
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, then position, then message, so output is stable.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            // A lazy span is not computed for sorting: those come after the
            // placed findings of their file, by message.
            let key = |d: &Diagnostic| {
                (
                    d.file.clone(),
                    d.span.as_ref().map_or(usize::MAX, |s| s.start),
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.severity.cmp(&b.severity))
                .then_with(|| a.message.cmp(&b.message))
        });
    }

    /// The findings.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Takes the findings out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Every finding rendered, separated by blank lines.
    pub fn render(&self, color: bool) -> String {
        render_all(self.items.iter(), color)
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

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Self {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
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

/// The lines around `span` (a few before and after), their byte offset in
/// `source`, and the 1-based number of the first one.
fn window<'a>(source: &'a str, span: &Range<usize>) -> (&'a str, usize, usize) {
    const CONTEXT_LINES: usize = 2;
    const MAX_BYTES: usize = 4096;
    let mut start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..CONTEXT_LINES {
        if start == 0 || span.start - start > MAX_BYTES {
            break;
        }
        start = source[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    let mut end = span.end.max(span.start);
    for _ in 0..=CONTEXT_LINES {
        match source[end..].find('\n') {
            Some(i) if end - span.end < MAX_BYTES => end += i + 1,
            _ => {
                end = source.len();
                break;
            }
        }
    }
    let end = floor_char_boundary(source, end.min(span.end + 2 * MAX_BYTES).min(source.len()));
    let first_line = source[..start].bytes().filter(|&b| b == b'\n').count() + 1;
    (&source[start..end], start, first_line)
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

/// Is the line holding the start of `span` too long to show?
fn line_too_long(source: &str, span: &Range<usize>) -> bool {
    let start = floor_char_boundary(source, span.start);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    line_end - line_start > MAX_SNIPPET_LINE
}

/// A span shown under a snippet covers at most a few lines' worth of text.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let end = span.end.min(span.start + MAX_SNIPPET_LINE);
    span.start..floor_char_boundary(source, end)
}

fn next_char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
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

    fn arc(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'd' is after 'c', 'é' (2 bytes) and ' '.
        assert_eq!(line_col(text, 3 + 1 + 2 + 1), (2, 4));
        assert_eq!(offset_of(text, 2, 4), 7);
        assert_eq!(offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn render_shows_file_line_col_snippet_and_help() {
        let src = arc("---\ntitel: x\n---\n");
        let d = Diagnostic::error("unknown key `titel`")
            .at(&arc("content/a.md"), &src, 4..9)
            .label("not a front matter key")
            .help("did you mean `title`?");
        let text = d.render(false);
        assert!(text.contains("error: unknown key `titel`"), "{text}");
        assert!(text.contains("--> content/a.md:2:1"), "{text}");
        assert!(text.contains("^^^^^ not a front matter key"), "{text}");
        assert!(text.contains("help: did you mean `title`?"), "{text}");
        assert_eq!(d.location(), "content/a.md:2:1");
    }

    #[test]
    fn empty_span_and_span_past_end_still_render() {
        let src = arc("abc");
        let d = Diagnostic::warning("w").at(&arc("f"), &src, 3..99);
        assert!(d.render(false).contains("--> f:1:3"), "{}", d.render(false));
        let d = Diagnostic::error("e").at(&arc("f"), &arc(""), 0..0);
        assert!(d.render(false).contains("error: e"));
    }

    #[test]
    fn without_source_names_the_file() {
        let d = Diagnostic::error("cannot read").in_file(&arc("content/x.md"));
        let text = d.render(false);
        assert!(text.contains("error: cannot read"));
        assert!(text.contains("--> content/x.md"));
    }

    #[test]
    fn sort_is_by_file_then_position() {
        let (a, b, src) = (arc("a.md"), arc("b.md"), arc("xxxxxxxx"));
        let mut ds: Diagnostics = [
            Diagnostic::error("3").at(&b, &src, 1..2),
            Diagnostic::error("2").at(&a, &src, 5..6),
            Diagnostic::warning("1").at(&a, &src, 0..1),
        ]
        .into_iter()
        .collect();
        ds.sort();
        let order: Vec<_> = ds.iter().map(|d| &*d.message).collect();
        assert_eq!(order, ["1", "2", "3"]);
        assert_eq!(ds.error_count(), 2);
        assert_eq!(ds.warning_count(), 1);
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    /// Found by `cargo fuzz run front_matter`: tabs, NULs and a long line
    /// made annotate-snippets' margin computation overflow.
    #[test]
    fn a_span_in_the_leading_whitespace_of_a_long_line_renders() {
        let text = format!("{}:{}\n", " \t".repeat(60), "t".repeat(200));
        let source: Arc<str> = Arc::from(text);
        let d = Diagnostic::error("e").at(&Arc::from("f"), &source, 0..3);
        assert!(d.render(false).contains("--> f:1:1"), "{}", d.render(false));
    }

    #[test]
    fn tabs_and_nuls_before_the_span_render() {
        let mut text = "\t\t\t\t".to_string();
        text.push_str(&" ".repeat(28));
        text.push_str(&"\0".repeat(80));
        text.push_str(&" ".repeat(32));
        text.push_str("\"            5      2\t ");
        let source: Arc<str> = Arc::from(text);
        let file: Arc<str> = Arc::from("content/f.md");
        let errors = crate::front_matter::parse(&file, &source)
            .err()
            .unwrap_or_default();
        assert!(!errors.is_empty());
        for d in errors {
            assert!(
                d.render(false).contains("content/f.md:1:"),
                "{}",
                d.render(false)
            );
        }
    }
}
