//! The reading-order pass: source citations, ordinary notes, the key points
//! box and annotated terms, numbered in the order a reader meets them.
//!
//! `[^id]` naming a source is a citation: sources are numbered by first
//! citation, and the n-th citation of source `id` gets the element id
//! `cite-ID-n`. Any other `[^label]` with a definition is a note. The key
//! points box counts where it is placed. A `[^x]` that is neither is an error
//! that lists the ids that are defined.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::annotations::{self, Hit};
use super::blocks::{self, Marker};
use super::scan::Shape;
use super::{Backref, Component, Ev, NoteEntry, SourceEntry, State};
use crate::slug::slugify;
use crate::suggest::did_you_mean;
use crate::yaml::{Seg, Target};

/// Element id of a note's list entry.
pub fn note_id(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() {
        "note-x".to_string()
    } else {
        format!("note-{slug}")
    }
}

#[derive(Default)]
struct Numbers {
    /// Source ids in order of first citation.
    order: Vec<String>,
    /// Citations so far per source id: their backrefs.
    backrefs: HashMap<String, Vec<Backref>>,
    /// Notes in order of first reference.
    notes: Vec<NoteEntry>,
}

/// Back-link labels: a, b, … z, aa, ab, …
fn letter(n: usize) -> String {
    let mut n = n;
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

impl Numbers {
    /// Renders a citation of source `id`, numbering it.
    fn cite(&mut self, id: &str, state: &mut State<'_, '_>) -> String {
        let Some(source) = state.page.meta.source(id) else {
            return String::new();
        };
        let id = source.id.clone();
        let number = match self.order.iter().position(|s| *s == id) {
            Some(p) => p + 1,
            None => {
                self.order.push(id.clone());
                self.order.len()
            }
        };
        let refs = self.backrefs.entry(id.clone()).or_default();
        let n = refs.len() + 1;
        let cite_id = format!("cite-{id}-{n}");
        refs.push(Backref {
            href: format!("#{cite_id}"),
            label: letter(n - 1),
        });
        let host = source.url.as_deref().map(crate::urls::host_of);
        let date = source
            .date
            .as_ref()
            .map(|d| state.ctx.language.partial_date(&d.machine));
        let html = state.component(&Component::Citation {
            id: &id,
            number,
            cite_id: &cite_id,
            publisher: source.publisher.as_deref(),
            title: source.title.as_deref(),
            date: date.as_deref(),
            host: host.as_deref(),
        });
        state.out.facts.ids.insert(cite_id);
        html
    }

    /// Renders a reference to note `label`, numbering it.
    fn note(&mut self, label: &str, state: &mut State<'_, '_>) -> String {
        let id = note_id(label);
        let index = match self.notes.iter().position(|n| n.id == id) {
            Some(i) => i,
            None => {
                self.notes.push(NoteEntry {
                    id: id.clone(),
                    number: self.notes.len() + 1,
                    letter: super::marks::note_letter(self.notes.len() + 1),
                    html: String::new(),
                    backrefs: Vec::new(),
                });
                self.notes.len() - 1
            }
        };
        let note = &mut self.notes[index];
        let n = note.backrefs.len() + 1;
        let ref_id = format!("{}-ref-{n}", note.id);
        note.backrefs.push(Backref {
            href: format!("#{ref_id}"),
            label: letter(n - 1),
        });
        let (id, number) = (note.id.clone(), note.number);
        let html = state.component(&Component::NoteRef {
            id: &id,
            number,
            ref_id: &ref_id,
        });
        state.out.facts.ids.insert(ref_id);
        state.out.facts.ids.insert(id);
        html
    }
}

/// Numbers citations and notes; renders the key points box, the other
/// blocks ([`blocks`]) and annotations, each where the reader meets it.
pub fn apply(events: &mut [Ev<'_>], shape: &Shape, hits: &[Hit], state: &mut State<'_, '_>) {
    let mut numbers = Numbers::default();
    let meta = state.page.meta;
    let has_points = !meta.key_points.is_empty();
    let points_in_body = has_points && shape.has(&Marker::KeyPoints);
    let known_after_points =
        (!meta.known.is_empty() || !meta.unknown.is_empty()) && !shape.has(&Marker::Known);
    if has_points && !points_in_body {
        state.out.body.key_points_html = Some(blocks::key_points(&mut cite(&mut numbers), state));
    }
    if known_after_points && !points_in_body {
        state.out.body.known_html = Some(blocks::known(false, &mut cite(&mut numbers), state));
    }
    // The claims placed one by one; the others go together.
    let placed: Vec<&str> = shape
        .markers
        .iter()
        .filter_map(|(_, m)| match m {
            Marker::Claim(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let grouped: Vec<usize> = (0..meta.claims.len())
        .filter(|&i| !placed.contains(&meta.claims[i].id.as_str()))
        .collect();
    attach_to_preceding_word(events);
    let runs = super::marks::runs(events);
    let mut hits = hits.iter().peekable();
    let mut markers = shape.markers.iter().peekable();
    let mut in_code = false;
    for (i, (event, range)) in events.iter_mut().enumerate() {
        if let Some((_, marker)) = markers.next_if(|(at, _)| *at == i) {
            let cite = &mut cite(&mut numbers);
            let html = match marker {
                Marker::KeyPoints if has_points => {
                    let mut html = blocks::key_points(cite, state);
                    if known_after_points {
                        // Beside the key points, at their level.
                        html.push('\n');
                        html.push_str(&blocks::known(false, cite, state));
                    }
                    html
                }
                Marker::KeyPoints => String::new(),
                Marker::Known => blocks::known(true, cite, state),
                Marker::Timeline => blocks::timeline(true, cite, state),
                Marker::Claims => blocks::claims(&grouped, true, cite, state),
                Marker::Claim(id) => match meta.claims.iter().position(|c| &c.id == id) {
                    Some(index) => blocks::claim(index, cite, state),
                    None => String::new(),
                },
            };
            let html = if html.is_empty() { html } else { html + "\n" };
            *event = Event::Html(CowStr::from(html));
            continue;
        }
        match &*event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::FootnoteReference(label) => {
                let label = label.to_string();
                let is_source = state.page.meta.source(&label).is_some();
                let mut html = if is_source {
                    numbers.cite(&label, state)
                } else {
                    numbers.note(&label, state)
                };
                match runs.get(&i) {
                    Some(super::marks::Run::First) => {
                        html.insert_str(0, "<span class=\"cite-run\">")
                    }
                    Some(super::marks::Run::Last) => html.push_str("</span>"),
                    None => {}
                }
                *event = Event::Html(CowStr::from(html));
            }
            Event::Text(text) if !in_code => {
                undefined_references(text, range.clone(), state);
                let mut mine = Vec::new();
                while let Some(h) = hits.next_if(|h| h.event == i) {
                    mine.push(h.clone());
                }
                if !mine.is_empty() {
                    let mut cite = |id: &str, st: &mut State<'_, '_>| numbers.cite(id, st);
                    let html = annotations::render_text(text, &mine, state, &mut cite);
                    *event = Event::Html(CowStr::from(html));
                }
            }
            _ => {}
        }
    }
    // Unplaced, the timeline and then the claims come before the sources.
    if !meta.timeline.is_empty() && !shape.has(&Marker::Timeline) {
        state.out.body.timeline_html =
            Some(blocks::timeline(false, &mut cite(&mut numbers), state));
    }
    if !grouped.is_empty() && !shape.has(&Marker::Claims) {
        state.out.body.claims_html = Some(blocks::claims(
            &grouped,
            false,
            &mut cite(&mut numbers),
            state,
        ));
    }
    finish_lists(numbers, state);
}

/// The numbering as a block's way to cite.
fn cite(numbers: &mut Numbers) -> impl FnMut(&str, &mut State<'_, '_>) -> String + '_ {
    |id, state| numbers.cite(id, state)
}

/// `word [^x]` → `word[1]`: a reference sits right after the word or
/// punctuation it belongs to, so the space (or line break) before it is
/// dropped.
fn attach_to_preceding_word(events: &mut [Ev<'_>]) {
    for i in 1..events.len() {
        if !matches!(events[i].0, Event::FootnoteReference(_)) {
            continue;
        }
        if let Event::Text(text) = &events[i - 1].0
            && text.ends_with(' ')
        {
            events[i - 1].0 = Event::Text(CowStr::from(text.trim_end_matches(' ').to_string()));
        }
        // A reference that starts a line belongs to the end of the line
        // before: the line break would show as a space before its number.
        if i >= 2
            && matches!(events[i - 1].0, Event::SoftBreak)
            && matches!(
                events[i - 2].0,
                Event::Text(_) | Event::End(_) | Event::Code(_)
            )
        {
            events[i - 1].0 = Event::Html(CowStr::Borrowed(""));
        }
    }
}

/// `[^x]` left as text: neither a source nor a note.
fn undefined_references(text: &str, range: std::ops::Range<usize>, state: &mut State<'_, '_>) {
    let bytes = text.as_bytes();
    // `[^` found with memchr: this runs on every text of every page.
    let opens = memchr::memchr_iter(b'[', bytes).filter(|&at| bytes.get(at + 1) == Some(&b'^'));
    for start in opens {
        let Some(len) = text[start + 2..].find(']') else {
            break;
        };
        let label = &text[start + 2..start + 2 + len];
        if label.is_empty() || label.contains(char::is_whitespace) {
            continue;
        }
        let needle = format!("[^{label}]");
        let body = state.page.body();
        let at = body
            .get(range.clone())
            .and_then(|s| s.find(&needle))
            .map_or(range.clone(), |p| {
                range.start + p..range.start + p + needle.len()
            });
        let mut ids: Vec<String> = state
            .page
            .meta
            .sources
            .iter()
            .map(|s| s.id.clone())
            .collect();
        ids.sort();
        let known: Vec<&str> = ids.iter().map(String::as_str).collect();
        let help = match (
            did_you_mean(label, &known, |b| format!("[^{b}]")),
            ids.is_empty(),
        ) {
            (Some(help), _) => format!("{help} sources defined: {}", ids.join(", ")),
            (None, false) => format!(
                "sources defined: {}; a note needs a line `[^{label}]: …`",
                ids.join(", ")
            ),
            (None, true) => format!(
                "no sources are defined; add `{label}` under `sources:`, or write a note `[^{label}]: …`"
            ),
        };
        state
            .error(at, format!("`[^{label}]` is neither a source nor a note"))
            .set_help(help);
    }
}

/// Builds the sources list (cited by number, then further reading) and the
/// notes list; warns about sources never cited.
fn finish_lists(numbers: Numbers, state: &mut State<'_, '_>) {
    let Numbers {
        order,
        mut backrefs,
        notes,
    } = numbers;
    let meta = state.page.meta;
    let language = state.ctx.language;
    let entry = |s: &crate::front_matter::Source, number: Option<usize>, backrefs: Vec<Backref>| {
        SourceEntry {
            id: s.id.clone(),
            number,
            publisher: s.publisher.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            host: s.url.as_deref().map(crate::urls::host_of),
            date: s.date.as_ref().map(|d| language.partial_date(&d.machine)),
            date_machine: s.date.as_ref().map(|d| d.machine.clone()),
            archived: s.archived.clone(),
            backrefs,
        }
    };
    let mut list = Vec::with_capacity(meta.sources.len());
    let mut further = Vec::new();
    for (n, id) in order.iter().enumerate() {
        if let Some(s) = meta.source(id) {
            list.push(entry(
                s,
                Some(n + 1),
                backrefs.remove(id).unwrap_or_default(),
            ));
        }
    }
    for s in &meta.sources {
        state.out.facts.ids.insert(format!("source-{}", s.id));
        if !order.contains(&s.id) {
            further.push(entry(s, None, Vec::new()));
            let path = [Seg::key("sources"), Seg::key(&s.id)];
            let d = state
                .page
                .front
                .warning_at(
                    &path,
                    Target::Key,
                    format!("source `{}` is never cited", s.id),
                )
                .label("not cited in the text")
                .help(format!(
                    "cite it as [^{}]; until then it is listed under further reading",
                    s.id
                ));
            state.out.facts.diagnostics.push(d);
        }
    }
    state.out.body.sources = list;
    state.out.body.further_reading = further;
    state.out.body.notes = notes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(letter(0), "a");
        assert_eq!(letter(25), "z");
        assert_eq!(letter(26), "aa");
        assert_eq!(letter(27), "ab");
    }

    #[test]
    fn note_ids() {
        assert_eq!(note_id("1"), "note-1");
        assert_eq!(note_id("My Note"), "note-my-note");
        assert_eq!(note_id("!!"), "note-x");
    }
}
