//! Annotations: the first whole-word occurrence of each annotated term in
//! body text (not in headings, links, images, code, notes, raw HTML or quote
//! attributions) gets the term's note.
//!
//! [`find`] only records where; the term is rendered by the reading-order pass
//! in [`super::citations`], so a note's citation is numbered where it is read.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
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
    let terms: Vec<&str> = state
        .page
        .meta
        .annotations
        .iter()
        .map(|a| a.term.as_str())
        .collect();
    let mut found = vec![false; terms.len()];
    let mut hits = Vec::new();
    // One automaton per page finds every term in one pass over each text,
    // ignoring ASCII case, without copying the text.
    if terms.is_empty() {
        return hits;
    }
    // A contiguous NFA: a page has a handful of terms, and building a DFA
    // for each page costs more than the search it speeds up.
    let Ok(matcher) = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&terms)
    else {
        return hits;
    };
    let mut remaining = terms.len();
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
                for (t, start, end) in first_whole_words(&matcher, text, &mut found) {
                    hits.push(Hit {
                        event: i,
                        start,
                        end,
                        annotation: t,
                    });
                    remaining -= 1;
                }
                if remaining == 0 {
                    break;
                }
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

/// The first whole-word occurrences, in `text`, of the terms not `found`
/// yet (marking them found): (term index, start, end), in text order,
/// without overlaps.
fn first_whole_words(
    matcher: &AhoCorasick,
    text: &str,
    found: &mut [bool],
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for m in matcher.find_overlapping_iter(text) {
        let (t, start, end) = (m.pattern().as_usize(), m.start(), m.end());
        if found[t] || !is_whole_word(text, start, end) {
            continue;
        }
        if out.iter().all(|&(_, s, e)| end <= s || start >= e) {
            found[t] = true;
            out.push((t, start, end));
        }
    }
    out.sort_by_key(|&(_, start, _)| start);
    out
}

/// Is `text[start..end]` a whole word (no letter or digit just around it)?
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
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
        let find = |text: &str, terms: &[&str]| {
            let matcher = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(terms)
                .unwrap();
            first_whole_words(&matcher, text, &mut vec![false; terms.len()])
        };
        assert_eq!(find("a toll and tolling", &["toll"]), [(0, 2, 6)]);
        assert_eq!(find("tolling, Toll.", &["toll"]), [(0, 9, 13)]);
        assert!(find("tolls", &["toll"]).is_empty());
        assert_eq!(
            find("the Congestion Charge", &["congestion charge"]),
            [(0, 4, 21)]
        );
        assert_eq!(
            find("a toll toll", &["toll", "a toll"]),
            [(1, 0, 6), (0, 7, 11)]
        );
        assert_eq!(find("café crème", &["crème"]), [(0, 6, 12)]);
    }
}
