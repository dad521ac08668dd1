//! Markdown: an explainer's body → HTML, with the explainer extensions.
//!
//! The body is parsed once by pulldown-cmark into a vector of events with
//! their byte ranges. Each extension is a pass over that vector that replaces
//! events *in place* (a replaced run becomes one `Html` event followed by
//! empty ones), so event indices stay valid from pass to pass:
//!
//! 1. [`structure`]: find block quotes that are callouts, quotes and posts,
//!    quote attributions, note definitions and the key points marker;
//! 2. [`headings`]: unique ids and anchor links;
//! 3. [`citations`]: number `[^source]` citations and `[^1]` notes in reading
//!    order, and render the key points box where it is placed;
//! 4. [`annotations`]: the first occurrence of each annotated term;
//! 5. [`links`]: resolve and check link and image URLs;
//! 6. [`highlight`]: syntax highlighting of fenced code;
//! 7. [`figures`]: an image alone in its paragraph becomes a figure;
//! 8. [`structure::collapse`]: render containers through their components.
//!
//! Every component's markup comes from a template (see [`Components`]).

pub mod annotations;
pub mod citations;
pub mod figures;
pub mod headings;
pub mod highlight;
pub mod inline;
pub mod links;
pub mod structure;
pub mod tasks;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::front_matter::Meta;
use crate::urls::BaseUrl;

pub use highlight::Highlighter;
pub use links::LinkTargets;

/// An event and its byte range in the body.
pub type Ev<'a> = (Event<'a>, Range<usize>);

/// Renders a component template (`components/NAME.html`) with a context.
pub trait Components: Sync {
    /// The rendered HTML, or the template error.
    fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic>;
}

/// The explainer being rendered.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    /// Its path relative to the site root.
    pub file: &'a Arc<str>,
    /// The whole file.
    pub source: &'a Arc<str>,
    /// Byte offset of the body in `source`.
    pub body_start: usize,
    /// Its front matter.
    pub meta: &'a Meta,
    /// Its front matter as YAML, to point at.
    pub front: YamlDoc<'a>,
}

impl Page<'_> {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }
}

/// What rendering needs from the rest of the site.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// For root-relative URLs.
    pub base: &'a BaseUrl,
    /// Pages and files links may point at.
    pub links: &'a LinkTargets,
    /// Syntax highlighting.
    pub highlighter: &'a Highlighter,
    /// Component templates.
    pub components: &'a dyn Components,
    /// Collect the plain text (for the search index).
    pub collect_text: bool,
}

/// The rendered body and what the page around it needs.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// The key points box, when it is not placed in the body.
    pub key_points_html: Option<String>,
    /// Table of contents (h2 with their h3).
    pub toc: Vec<TocEntry>,
    /// The cited sources, in citation order.
    pub sources: Vec<SourceEntry>,
    /// Sources never cited (listed as further reading).
    pub further_reading: Vec<SourceEntry>,
    /// The notes list.
    pub notes: Vec<NoteEntry>,
    /// Every element id the page will have (for anchor checks).
    /// (The fixed ids of the page template, [`headings::PAGE_IDS`], are not
    /// stored per page: [`Rendered::has_id`] knows them.)
    pub ids: Ids,
    /// Links to anchors on other pages, checked once all pages are rendered.
    pub anchor_checks: Vec<links::AnchorCheck>,
    /// What the page's links point at (site paths and explainer files), so
    /// `serve` knows which pages to render again when a target comes or goes.
    pub link_deps: Vec<String>,
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Plain text (only with [`Ctx::collect_text`]).
    pub text: String,
    /// Number of words of body text.
    pub words: usize,
}

/// A page's element ids (FxHash: short keys, hashed many times per page).
pub type Ids = HashSet<String, rustc_hash::FxBuildHasher>;

impl Rendered {
    /// Will the page have an element with this id (the body's or the page
    /// template's own)?
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.contains(id) || headings::PAGE_IDS.contains(&id)
    }

    /// The ids of the h2/h3 headings, in order (for "did you mean").
    pub fn heading_ids(&self) -> Vec<&str> {
        self.toc
            .iter()
            .flat_map(|t| std::iter::once(t).chain(&t.children))
            .map(|t| t.id.as_str())
            .collect()
    }
}

/// One entry of the table of contents.
#[derive(Clone, Debug, Serialize)]
pub struct TocEntry {
    /// Heading id.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// h3 under an h2.
    pub children: Vec<TocEntry>,
}

/// One entry of the sources list.
#[derive(Clone, Debug, Serialize)]
pub struct SourceEntry {
    /// The source id (`source-ID` is its element id).
    pub id: String,
    /// Its citation number; `None` when never cited (further reading).
    pub number: Option<usize>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Link.
    pub url: Option<String>,
    /// Date, for display.
    pub date: Option<String>,
    /// Date, machine-readable.
    pub date_machine: Option<String>,
    /// Archive link.
    pub archived: Option<String>,
    /// One back-link per citation.
    pub backrefs: Vec<Backref>,
}

/// A link from a list entry back to where it was cited.
#[derive(Clone, Debug, Serialize)]
pub struct Backref {
    /// `#cite-ID-N`.
    pub href: String,
    /// `a`, `b`, `c`, …
    pub label: String,
}

/// One entry of the notes list.
#[derive(Clone, Debug, Serialize)]
pub struct NoteEntry {
    /// Element id (`note-ID`).
    pub id: String,
    /// Its number.
    pub number: usize,
    /// The note's HTML.
    pub html: String,
    /// One back-link per reference.
    pub backrefs: Vec<Backref>,
}

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
        self.out.diagnostics.push(d);
        let last = self.out.diagnostics.len() - 1;
        &mut self.out.diagnostics[last]
    }

    /// Reports a warning at a byte range of the body.
    pub fn warning(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.at(Diagnostic::warning(message), range);
        self.out.diagnostics.push(d);
        let last = self.out.diagnostics.len() - 1;
        &mut self.out.diagnostics[last]
    }

    /// Renders a component; a template error becomes a diagnostic and the
    /// component is left out.
    pub fn component(&mut self, name: &str, context: &tera::Context) -> String {
        match self.ctx.components.render(name, context) {
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
                // The same template error would repeat on every page: once is enough.
                if !self.out.diagnostics.iter().any(|x| x.message == d.message) {
                    self.out.diagnostics.push(d);
                }
                String::new()
            }
        }
    }
}

/// The Markdown options lede uses: CommonMark + GFM tables, footnotes,
/// strikethrough, task lists, smart punctuation, heading attributes and GFM
/// callouts.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders an explainer's body.
pub fn render(page: Page<'_>, ctx: Ctx<'_>) -> Rendered {
    let body = page.body();
    // Each source id gets a footnote definition, so pulldown-cmark itself
    // recognises `[^id]` (with escapes and code spans handled) in reading order.
    let mut text = String::with_capacity(body.len() + page.meta.sources.len() * 24);
    text.push_str(body);
    text.push_str("\n\n");
    for s in &page.meta.sources {
        text.push_str("[^");
        text.push_str(&s.id);
        text.push_str("]: lede-source\n");
    }
    let body_len = body.len();
    let parser = Parser::new_ext(&text, options()).into_offset_iter();
    let mut events: Vec<Ev<'_>> = TextMergeWithOffset::new(parser).collect();
    let mut state = State {
        page,
        ctx,
        out: Rendered::default(),
    };
    count_text(&events, body_len, &mut state);
    let shape = structure::scan(&mut events, body_len, &mut state);
    let hits = annotations::find(&events, &shape, &mut state);
    headings::apply(&mut events, &mut state);
    citations::apply(&mut events, &shape, &hits, &mut state);
    links::apply(&mut events, &mut state);
    highlight::apply(&mut events, &mut state);
    figures::apply(&mut events, &mut state);
    tasks::apply(&mut events, &mut state);
    structure::collapse(&mut events, &shape, &mut state);
    let mut html = String::with_capacity(body_len * 3 / 2);
    pulldown_cmark::html::push_html(
        &mut html,
        events
            .into_iter()
            .map(|(e, _)| e)
            .filter(|e| !matches!(e, Event::Html(h) if h.is_empty())),
    );
    state.out.html = html;
    state.out
}

/// Counts words (and collects plain text for search) before any pass
/// replaces text with HTML.
fn count_text(events: &[Ev<'_>], body_len: usize, state: &mut State<'_, '_>) {
    let collect = state.ctx.collect_text;
    let mut in_code = false;
    for (e, range) in events {
        if range.start >= body_len {
            break;
        }
        match e {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) => {
                if !in_code {
                    state.out.words += count_words(t);
                }
                if collect {
                    state.out.text.push_str(t);
                    state.out.text.push(' ');
                }
            }
            Event::Code(t) if collect => {
                state.out.text.push_str(t);
                state.out.text.push(' ');
            }
            _ => {}
        }
    }
}

/// Words in a text: runs of non-whitespace (ASCII whitespace; enough for a
/// reading-time estimate, and much cheaper than `split_whitespace`).
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
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

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests;
