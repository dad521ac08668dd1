//! The last pass: every container [`super::scan`] found (callouts, quote
//! callouts, post embeds, video and chart embeds, note definitions) is rendered through its
//! component, innermost first.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::scan::{Container, Kind, Shape};
use super::{Component, Ev, State, replace, to_html};

/// Renders every container through its component, innermost first.
pub(super) fn collapse(events: &mut [Ev<'_>], shape: &Shape, state: &mut State<'_, '_>) {
    let mut order: Vec<&Container> = shape.containers.iter().collect();
    order.sort_by_key(|c| c.end);
    for c in order {
        let inner = c.start + 1..c.end;
        let html = match &c.kind {
            Kind::Callout(kind) => state.component(&Component::Callout {
                kind,
                body: &to_html(&events[inner]),
                id: &format!("callout-{}", c.start),
            }),
            Kind::Quote(attribution) => quote(events, c, attribution.as_ref(), state),
            Kind::Post { author, date, url } => {
                let date_machine = if date.has_time() {
                    date.rfc3339()
                } else {
                    date.iso_day()
                };
                state.component(&Component::Post {
                    author,
                    date: &state.ctx.language.date(date),
                    date_machine: &date_machine,
                    url,
                    host: &crate::urls::host_of(url),
                    body: &to_html(&events[inner]),
                })
            }
            Kind::Embed(embed) => state.component(&Component::Embed { embed }),
            Kind::Link { url, title } => {
                let text = if title.is_empty() { url } else { title };
                if crate::urls::check_http_url(url).is_err() {
                    // Only http(s) is ever a link (never `javascript:`).
                    format!("<p>{}</p>\n", super::escape(text))
                } else {
                    format!(
                        "<p class=\"embed-link\"><a href=\"{}\">{}</a></p>\n",
                        super::escape(url),
                        super::escape(text)
                    )
                }
            }
            Kind::Note(label) => {
                let html = to_html(&events[inner]);
                let id = super::citations::note_id(label);
                match state.out.body.notes.iter_mut().find(|n| n.id == id) {
                    Some(note) => note.html = html,
                    None => {
                        let range = events[c.start].1.clone();
                        state.warning(
                            range,
                            format!("note `[^{label}]` is never referenced, so it is not shown"),
                        );
                    }
                }
                String::new()
            }
        };
        replace(events, c.start..c.end + 1, html);
    }
}

fn quote(
    events: &[Ev<'_>],
    c: &Container,
    attribution: Option<&Range<usize>>,
    state: &mut State<'_, '_>,
) -> String {
    let body_end = attribution.map_or(c.end, |a| a.start);
    let body = to_html(&events[c.start + 1..body_end]);
    let (speaker, context) = match attribution {
        Some(a) => split_attribution(&events[a.start + 1..a.end - 1]),
        None => (String::new(), String::new()),
    };
    let speaker = speaker.trim();
    state.component(&Component::Quote {
        body: &body,
        has_attribution: attribution.is_some(),
        unattributed: is_unattributed(speaker),
        speaker,
        context: context.trim(),
    })
}

/// `— unattributed, in wire copy` or `— unknown speaker`: the editor says
/// the speaker is not known. That is an attribution (no warning), shown to
/// readers as such.
fn is_unattributed(speaker: &str) -> bool {
    let s = speaker.trim().trim_end_matches('.').to_lowercase();
    [
        "unattributed",
        "unknown",
        "unknown speaker",
        "speaker unknown",
    ]
    .contains(&s.as_str())
}

/// Splits an attribution at its first top-level comma: speaker, then context.
fn split_attribution(events: &[Ev<'_>]) -> (String, String) {
    let mut depth = 0usize;
    for (i, (e, r)) in events.iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 => {
                // A comma, or the Arabic comma `،` (U+060C).
                if let Some((comma, c)) =
                    t.char_indices().find(|(_, c)| matches!(c, ',' | '\u{60C}'))
                {
                    let mut speaker: Vec<Ev<'_>> = events[..i].to_vec();
                    speaker.push((Event::Text(CowStr::from(t[..comma].to_string())), r.clone()));
                    let rest = &t[comma + c.len_utf8()..];
                    let mut context: Vec<Ev<'_>> = vec![(
                        Event::Text(CowStr::from(rest.trim_start().to_string())),
                        r.clone(),
                    )];
                    context.extend_from_slice(&events[i + 1..]);
                    return (inline_html(&speaker), inline_html(&context));
                }
            }
            _ => {}
        }
    }
    (inline_html(events), String::new())
}

/// HTML of inline events (no paragraph around them).
fn inline_html(events: &[Ev<'_>]) -> String {
    to_html(events)
}
