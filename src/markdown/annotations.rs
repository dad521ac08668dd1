//! Annotations: the first whole-word occurrence of each annotated term in
//! body text (not in headings, links, images, code, notes, raw HTML or quote
//! attributions) gets the term's note.
//!
//! [`find`] only records where; the term is rendered by the reading-order pass
//! in [`super::citations`], so a note's citation is numbered where it is read.

use memchr::memmem::Finder;
use pulldown_cmark::{Event, Tag, TagEnd};

use super::scan::Shape;
use super::{Component, Ev, State, escape, inline};
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
    if terms.is_empty() {
        return hits;
    }
    // A page has a handful of terms: one SIMD substring search per term over
    // an ASCII-lowercased copy of each text is cheaper than building an
    // automaton for every page.
    let mut matcher = Matcher::new(&terms);
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
                for (t, start, end) in matcher.first_whole_words(text, &mut found) {
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
            state.out.facts.diagnostics.push(d);
        }
    }
    hits
}

/// Finds terms in texts, ignoring ASCII case.
struct Matcher {
    /// One finder per term (of its lowercased bytes); `None` for an empty term.
    finders: Vec<Option<Finder<'static>>>,
    /// The text being searched, lowercased (same byte offsets).
    lower: Vec<u8>,
}

impl Matcher {
    fn new(terms: &[&str]) -> Matcher {
        let finders = terms
            .iter()
            .map(|t| (!t.is_empty()).then(|| Finder::new(&t.to_ascii_lowercase()).into_owned()))
            .collect();
        Matcher {
            finders,
            lower: Vec::new(),
        }
    }

    /// The first whole-word occurrences, in `text`, of the terms not `found`
    /// yet (marking them found): (term index, start, end), in text order,
    /// without overlaps; where two overlap, the leftmost (then the longest)
    /// wins.
    fn first_whole_words(&mut self, text: &str, found: &mut [bool]) -> Vec<(usize, usize, usize)> {
        let lower = &mut self.lower;
        lower.clear();
        lower.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for (t, finder) in self.finders.iter().enumerate() {
            let Some(finder) = finder.as_ref().filter(|_| !found[t]) else {
                continue;
            };
            let len = finder.needle().len();
            candidates.extend(
                finder
                    .find_iter(lower)
                    .map(|start| (t, start, start + len))
                    .filter(|&(_, start, end)| is_whole_word(text, start, end)),
            );
        }
        candidates.sort_by_key(|&(_, start, end)| (start, std::cmp::Reverse(end)));
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        for (t, start, end) in candidates {
            if !found[t] && out.iter().all(|&(_, s, e)| end <= s || start >= e) {
                found[t] = true;
                out.push((t, start, end));
            }
        }
        out
    }
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
        let note = inline::render(&note, state.ctx.base);
        html.push_str(&state.component(&Component::Annotation {
            id: &id,
            term: &text[hit.start..hit.end],
            note: &note,
            citation: &cite,
        }));
        state.out.facts.ids.insert(id);
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
            Matcher::new(terms).first_whole_words(text, &mut vec![false; terms.len()])
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
        // Overlapping terms: the leftmost wins, then the longest.
        assert_eq!(
            find("the interest rate", &["rate", "interest rate", "interest"]),
            [(1, 4, 17)]
        );
        assert!(find("anything", &[""]).is_empty());
    }
}
