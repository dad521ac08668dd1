//! Markdown: an explainer's body → HTML, with the explainer extensions.
//!
//! The body is parsed once by pulldown-cmark into a vector of events with
//! their byte ranges. Each extension is a pass over that vector that replaces
//! events *in place* (a replaced run becomes one `Html` event followed by
//! empty ones, see [`events`]), so event indices stay valid from pass to
//! pass. [`render`] runs them in this order:
//!
//! 1. `count_text`: words, and the plain text for search;
//! 2. [`raw_html`]: raw HTML left open (reported, not changed);
//! 3. [`scan`]: find block quotes that are callouts, quotes, posts and
//!    embeds, quote attributions, note definitions, the marker lines that
//!    place blocks ([`blocks::Marker`]) and URLs alone in a paragraph that
//!    are embeds ([`embeds`]);
//! 4. [`annotations`]: where the first occurrence of each annotated term is;
//! 5. [`headings`]: unique ids and anchor links;
//! 6. [`citations`]: the reading-order pass: number `[^source]` citations
//!    and `[^1]` notes, render the key points box and the other blocks
//!    ([`blocks`]: what we know, claims, timeline) where they are placed,
//!    and the annotated terms;
//! 7. [`links`]: resolve and check link and image URLs (with [`files`]:
//!    the page bundle's files, and the hero image);
//! 8. [`highlight`]: syntax highlighting of fenced code;
//! 9. [`figures`]: an image alone in its paragraph becomes a figure;
//! 10. [`tasks`]: task list checkboxes with accessible names;
//! 11. [`containers`]: render the containers through their components;
//! 12. with `lede check`, [`live::stale_live`]: a live story not updated
//!     for a week.
//!
//! Every component's markup comes from the template stage, asked for
//! through [`Component`] (see [`Components`]). The result is a
//! [`Rendered`]: the [`Body`] for the page template and the [`Facts`] the
//! page keeps.

pub mod annotations;
pub mod blocks;
pub mod citations;
mod component;
mod containers;
pub mod embeds;
mod events;
pub mod figures;
mod files;
pub mod headings;
pub mod highlight;
pub mod inline;
pub mod links;
pub mod live;
pub mod marks;
mod raw_html;
mod rendered;
pub mod scan;
pub mod tasks;

use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

use crate::diagnostics::SourceText;
use crate::doc::YamlDoc;
use crate::front_matter::Meta;
use crate::load::Bundle;
use crate::urls::BaseUrl;

pub use component::{
    ClaimView, Component, Components, EmbedView, ImageFacts, Picture, PictureSource, PointView,
    TimelineView,
};
pub use events::{Ev, State, escape, matching_end, plain_text, replace, to_html};
pub use highlight::Highlighter;
pub use links::LinkTargets;
pub use rendered::{Backref, Body, Facts, Ids, NoteEntry, Rendered, SourceEntry, TocEntry};

/// The explainer being rendered.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    /// Its path relative to the site root.
    pub file: &'a Arc<str>,
    /// The whole file.
    pub source: &'a Arc<SourceText>,
    /// Byte offset of the body in `source`.
    pub body_start: usize,
    /// Its front matter.
    pub meta: &'a Meta,
    /// Its front matter as YAML, to point at.
    pub front: YamlDoc<'a>,
    /// Its slug and bundle, when it is a page bundle: its files may be
    /// linked and shown relatively (`![…](map.png)`).
    pub bundle: Option<(&'a str, &'a Bundle)>,
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
    /// What the site knows of an image it publishes, by its site path
    /// (`images/a.jpg`, `slug/map.png`).
    pub image: &'a (dyn Fn(&str) -> ImageFacts + Sync),
    /// The page's language: its index in the site's languages, and the
    /// language (its words, its dates, its verdict scale).
    pub lang: usize,
    /// The page's language.
    pub language: &'a crate::config::Language,
    /// `lede check`: also the lints that only a check reports (a source-less
    /// fact, a live story not updated for a week).
    pub lint: bool,
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
    raw_html::check(&events, body_len, &mut state);
    let shape = scan::scan(&mut events, body_len, &mut state);
    let hits = annotations::find(&events, &shape, &mut state);
    headings::apply(&mut events, &mut state);
    citations::apply(&mut events, &shape, &hits, &mut state);
    links::apply(&mut events, &mut state);
    files::hero(&mut state);
    highlight::apply(&mut events, &mut state);
    figures::apply(&mut events, &mut state);
    tasks::apply(&mut events, &mut state);
    containers::collapse(&mut events, &shape, &mut state);
    if ctx.lint {
        live::stale_live(&mut state);
    }
    let mut html = String::with_capacity(body_len * 3 / 2);
    pulldown_cmark::html::push_html(
        &mut html,
        events
            .into_iter()
            .map(|(e, _)| e)
            .filter(|e| !matches!(e, Event::Html(h) if h.is_empty())),
    );
    state.out.body.html = html;
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
                    state.out.facts.words += count_words(t);
                }
                if collect {
                    state.out.facts.text.push_str(t);
                    state.out.facts.text.push(' ');
                }
            }
            Event::Code(t) if collect => {
                state.out.facts.text.push_str(t);
                state.out.facts.text.push(' ');
            }
            _ => {}
        }
    }
}

/// Words in a text: runs of non-whitespace (ASCII whitespace; enough for a
/// reading-time estimate, and much cheaper than `split_whitespace`).
pub fn count_words(text: &str) -> usize {
    // A word starts at a non-space byte that is first or follows a space.
    // Counted pair by pair, in runs of 255 into a byte, with no state
    // carried from byte to byte and the test written as plain comparisons:
    // the compiler makes it a vector loop (byte by byte it was 2 % of a
    // build; 8 times faster so).
    fn space(b: u8) -> bool {
        // `u8::is_ascii_whitespace`: space, \t, \n, \x0C, \r (not \x0B).
        (b == b' ') | ((b.wrapping_sub(b'\t') < 5) & (b != 0x0B))
    }
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut words = usize::from(!space(first));
    let (before, after) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    for (before, after) in before.chunks(255).zip(after.chunks(255)) {
        let mut starts: u8 = 0;
        for (&a, &b) in before.iter().zip(after) {
            starts += u8::from(space(a) & !space(b));
        }
        words += usize::from(starts);
    }
    words
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests;
