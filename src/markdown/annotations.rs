//! Annotations: the first whole-word occurrence of each annotated term in
//! body text (not in headings, links, images, code, notes, raw HTML or quote
//! attributions) gets the term's note.
//!
//! [`find`] only records where; the term is rendered by the reading-order pass
//! in [`super::citations`], so a note's citation is numbered where it is read.

use pulldown_cmark::{Event, Tag, TagEnd};
use tera::Context;

use super::structure::Shape;
use super::{Ev, State, escape, inline};
use crate::yaml::{Seg, Target};

/// One term found in one text event.
#[derive(Clone, Debug)]
pub struct Hit {
    /// Event index.
    pub event: usize,
    /// Byte range of the term inside the event's text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// Index into the page's annotations.
    pub annotation: usize,
}

/// Finds the first occurrence of every term; warns about terms never found.
pub fn find(events: &[Ev<'_>], shape: &Shape, state: &mut State<'_, '_>) -> Vec<Hit> {
    let terms: Vec<String> = state
        .page
        .meta
        .annotations
        .iter()
        .map(|a| a.term.to_ascii_lowercase())
        .collect();
    let mut found = vec![false; terms.len()];
    let mut hits = Vec::new();
    if terms.is_empty() {
        return hits;
    }
    let mut blocked = 0usize; // depth inside headings, links, images, code, notes
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(
                Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_),
            )
            | Event::Start(Tag::FootnoteDefinition(_)) => blocked += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock)
            | Event::End(TagEnd::FootnoteDefinition) => blocked = blocked.saturating_sub(1),
            Event::Text(text)
                if blocked == 0 && !shape.no_annotations.iter().any(|r| r.contains(&i)) =>
            {
                let lower = text.to_ascii_lowercase();
                let mut in_event: Vec<Hit> = Vec::new();
                for (t, term) in terms.iter().enumerate() {
                    if found[t] || term.is_empty() {
                        continue;
                    }
                    if let Some((start, end)) = whole_word(&lower, term, &in_event) {
                        found[t] = true;
                        in_event.push(Hit {
                            event: i,
                            start,
                            end,
                            annotation: t,
                        });
                    }
                }
                in_event.sort_by_key(|h| h.start);
                hits.extend(in_event);
            }
            _ => {}
        }
    }
    for (t, annotation) in state.page.meta.annotations.iter().enumerate() {
        if !found[t] {
            let path = [Seg::key("annotations"), Seg::key(&annotation.term)];
            let d = state
                .page
                .front
                .warning_at(&path, Target::Key, format!("annotated term `{}` does not occur in the text", annotation.term))
                .label("never found")
                .help("the term must appear as a whole word in body text (not in a heading, link, code or attribution)");
            state.out.diagnostics.push(d);
        }
    }
    hits
}

/// The first whole-word occurrence of `term` in `text` (both lowercase) that
/// does not overlap an earlier hit.
fn whole_word(text: &str, term: &str, taken: &[Hit]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(pos) = text[from..].find(term) {
        let start = from + pos;
        let end = start + term.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let free = taken.iter().all(|h| end <= h.start || start >= h.end);
        if before_ok && after_ok && free {
            return Some((start, end));
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Renders the text of an event with its annotated terms. `citation` renders
/// (and numbers) a source citation.
pub fn render_text(
    text: &str,
    hits: &[Hit],
    state: &mut State<'_, '_>,
    citation: &mut dyn FnMut(&str, &mut State<'_, '_>) -> String,
) -> String {
    let mut html = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for hit in hits {
        html.push_str(&escape(&text[at..hit.start]));
        let annotation = &state.page.meta.annotations[hit.annotation];
        let (note, source) = (annotation.note.clone(), annotation.source.clone());
        let cite = source.map(|s| citation(&s, state)).unwrap_or_default();
        let id = format!("annotation-{}", hit.annotation + 1);
        let mut ctx = Context::new();
        ctx.insert("id", &id);
        ctx.insert("term", &text[hit.start..hit.end]);
        ctx.insert("note", &inline::render(&note, state.ctx.base));
        ctx.insert("citation", &cite);
        html.push_str(&state.component("annotation", &ctx));
        state.out.ids.insert(id);
        at = hit.end;
    }
    html.push_str(&escape(&text[at..]));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(whole_word("a toll and tolling", "toll", &[]), Some((2, 6)));
        assert_eq!(whole_word("tolling, toll.", "toll", &[]), Some((9, 13)));
        assert_eq!(whole_word("tolls", "toll", &[]), None);
        let taken = [Hit {
            event: 0,
            start: 2,
            end: 6,
            annotation: 0,
        }];
        assert_eq!(whole_word("a toll toll", "toll", &taken), Some((7, 11)));
        assert_eq!(
            whole_word("the congestion charge", "congestion charge", &[]),
            Some((4, 21))
        );
    }
}
