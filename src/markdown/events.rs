//! The event vector the passes share, and the state of one page's passes.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::{Component, Ctx, Page, Rendered};
use crate::diagnostics::Diagnostic;

/// An event and its byte range in the body.
pub type Ev<'a> = (Event<'a>, Range<usize>);

/// Shared state of the passes over one page.
pub struct State<'p, 'c> {
    /// The page.
    pub page: Page<'p>,
    /// The site context.
    pub ctx: Ctx<'c>,
    /// The result being built.
    pub out: Rendered,
}

impl State<'_, '_> {
    /// A diagnostic at a byte range of the body.
    pub fn at(&self, d: Diagnostic, body_range: Range<usize>) -> Diagnostic {
        let start = self.page.body_start + body_range.start;
        let end = self.page.body_start + body_range.end;
        d.at(self.page.file, self.page.source, start..end)
    }

    /// Reports an error at a byte range of the body.
    pub fn error(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.at(Diagnostic::error(message), range);
        self.out.facts.diagnostics.push(d);
        let last = self.out.facts.diagnostics.len() - 1;
        &mut self.out.facts.diagnostics[last]
    }

    /// Reports a warning at a byte range of the body.
    pub fn warning(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.at(Diagnostic::warning(message), range);
        self.out.facts.diagnostics.push(d);
        let last = self.out.facts.diagnostics.len() - 1;
        &mut self.out.facts.diagnostics[last]
    }

    /// Renders a component; a template error becomes a diagnostic and the
    /// component is left out.
    pub fn component(&mut self, component: &Component<'_>) -> String {
        match self.ctx.components.render(self.ctx.lang, component) {
            // Trimmed: a template's final newline would be a space in running text.
            Ok(html) => {
                let trimmed = html.trim();
                if trimmed.len() == html.len() {
                    html
                } else {
                    trimmed.to_string()
                }
            }
            Err(d) => {
                crate::diagnostics::push_unique(&mut self.out.facts.diagnostics, d);
                String::new()
            }
        }
    }
}

/// Replaces events `range` with one `Html` event (then empty ones).
pub fn replace(events: &mut [Ev<'_>], range: Range<usize>, html: String) {
    let mut first = true;
    for (e, _) in &mut events[range] {
        *e = if first {
            first = false;
            Event::Html(CowStr::from(html.clone()))
        } else {
            Event::Html(CowStr::Borrowed(""))
        };
    }
}

/// Renders events to HTML (for a container's body).
pub fn to_html(events: &[Ev<'_>]) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        events
            .iter()
            .map(|(e, _)| e.clone())
            .filter(|e| !matches!(e, Event::Html(h) if h.is_empty())),
    );
    html
}

/// The plain text of events (for ids, alt text and attributions).
pub fn plain_text(events: &[Ev<'_>]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// HTML-escapes text.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    let _ = pulldown_cmark_escape::escape_html(&mut s, text);
    s
}

/// The index of the `End` event matching the `Start` at `start`.
pub fn matching_end(events: &[Ev<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}
