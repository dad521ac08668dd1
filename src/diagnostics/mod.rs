//! Errors and warnings as values.
//!
//! Every stage reports problems as [`Diagnostic`]s: a severity, the file they
//! concern (by its path relative to the site root), a byte range in that file
//! and a message. Nothing is printed here; [`Diagnostic::render`] (in
//! [`render`]) turns one into a rustc-style snippet with a caret under the
//! span. A finding placed at once ([`Diagnostic::at`]) keeps an [`Excerpt`]
//! of its file (line, column, the lines its snippet shows), not the file:
//! tens of thousands of warnings keep no texts alive. The line index
//! ([`SourceText`]) is built once per file with findings, never otherwise.

mod render;
mod text;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

pub use render::{Excerpt, render_all};
pub use text::{SourceText, floor_char_boundary, line_col, offset_of};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops the build (exit code 1).
    Error,
    /// Reported; the build goes on (`check --strict` turns it into a failure).
    Warning,
    /// Worth knowing, never a failure (a scheduled explainer left out).
    Info,
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
    /// The file's text, for a span found when shown ([`Diagnostic::at_lazy`]).
    pub source: Option<Arc<SourceText>>,
    /// What it shows of its file, for a span given at once.
    pub excerpt: Option<Arc<Excerpt>>,
    /// Byte range inside `source`.
    pub span: Option<Range<usize>>,
    /// A span found only when shown (it costs a parse; few are shown).
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

    /// A piece of information with a message and nothing else yet.
    pub fn info(message: impl Into<String>) -> Self {
        Self::new(Severity::Info, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Self {
            severity,
            message: message.into().into_boxed_str(),
            file: None,
            source: None,
            excerpt: None,
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
    pub fn at(mut self, file: &Arc<str>, source: &Arc<SourceText>, span: Range<usize>) -> Self {
        let len = source.len();
        let mut start = floor_char_boundary(source, span.start.min(len));
        if start == len && len > 0 {
            // At the very end (a block never closed): point at the last
            // character, so the snippet shows the last line.
            start = floor_char_boundary(source, len - 1);
        }
        let end = floor_char_boundary(source, span.end.clamp(start, len));
        self.file = Some(file.clone());
        self.excerpt = Some(Arc::new(Excerpt::of(source, start..end)));
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
        source: &Arc<SourceText>,
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
        if let Some(excerpt) = &self.excerpt {
            return Some(excerpt.line_col);
        }
        let (source, span) = (self.source.as_deref()?, self.span()?);
        Some(source.line_col(span.start))
    }

    /// `file:line:col` (or as much of it as is known).
    pub fn location(&self) -> String {
        match (&self.file, self.line_col()) {
            (Some(file), Some((line, col))) => format!("{file}:{line}:{col}"),
            (Some(file), None) => file.to_string(),
            (None, _) => String::new(),
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

/// Adds `d` unless a finding has its message (a template error repeats).
pub fn push_unique(list: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !list.iter().any(|x| x.message == d.message) {
        list.push(d);
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
        self.count(Severity::Warning)
    }

    /// Number of pieces of information.
    pub fn info_count(&self) -> usize {
        self.count(Severity::Info)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn arc(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    fn text(s: &str) -> Arc<SourceText> {
        SourceText::new(s)
    }

    #[test]
    fn a_finding_keeps_the_lines_it_shows_not_its_file() {
        let body: String = (1..=5000).map(|i| format!("line {i}\n")).collect();
        let source = text(&body);
        let at = body.find("line 2500").unwrap();
        let d = Diagnostic::error("here").at(&arc("a.md"), &source, at..at + 4);
        assert_eq!(Arc::strong_count(&source), 1, "the file is not kept");
        let excerpt = d.excerpt.as_deref().unwrap();
        assert!(excerpt.text().len() < 100, "{}", excerpt.text());
        assert_eq!(d.line_col(), Some((2500, 1)));
        let shown = d.render(false);
        assert!(shown.contains("--> a.md:2500:1"), "{shown}");
        assert!(shown.contains("2500 | line 2500\n"), "{shown}");
        assert!(shown.contains("^^^^"), "{shown}");
    }

    #[test]
    fn render_shows_file_line_col_snippet_and_help() {
        let src = text("---\ntitel: x\n---\n");
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
        let src = text("abc");
        let d = Diagnostic::warning("w").at(&arc("f"), &src, 3..99);
        assert!(d.render(false).contains("--> f:1:3"), "{}", d.render(false));
        let d = Diagnostic::error("e").at(&arc("f"), &text(""), 0..0);
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
        let (a, b, src) = (arc("a.md"), arc("b.md"), text("xxxxxxxx"));
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

    #[test]
    fn a_finding_repeated_with_the_same_message_is_kept_once() {
        let mut list = Vec::new();
        for m in ["error", "other", "error"] {
            push_unique(&mut list, Diagnostic::error(m));
        }
        assert_eq!(
            list.iter().map(|d| &*d.message).collect::<Vec<_>>(),
            ["error", "other"]
        );
    }
}

#[cfg(test)]
#[path = "fuzz_tests.rs"]
mod fuzz_regressions;
