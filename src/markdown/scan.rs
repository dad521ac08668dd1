//! The first pass: the block structure the extensions hang on. GitHub
//! callouts, quote callouts (with their attribution), post embeds, note
//! definitions and the `<!-- key-points -->` marker are found here;
//! [`super::containers`] renders them last.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag};

use super::blocks::{self, Marker};
use super::{EmbedView, Ev, State, embeds, matching_end, plain_text, replace};
use crate::front_matter::Date;
use crate::urls;

/// What [`scan`] found.
#[derive(Debug, Default)]
pub struct Shape {
    /// Containers, by event index range (Start..=End).
    pub containers: Vec<Container>,
    /// The marker lines that place blocks, by event index, in order.
    pub markers: Vec<(usize, Marker)>,
    /// Event ranges no annotation may touch (quote attributions).
    pub no_annotations: Vec<Range<usize>>,
}

/// A block that renders through a component.
#[derive(Debug)]
pub struct Container {
    /// Index of the `Start` event.
    pub start: usize,
    /// Index of the matching `End` event.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of container.
#[derive(Debug)]
pub enum Kind {
    /// `> [!NOTE]` and friends.
    Callout(&'static str),
    /// `> [!QUOTE]`; the attribution paragraph's event range, if any.
    Quote(Option<Range<usize>>),
    /// `> [!POST] AUTHOR · DATE · URL`.
    Post {
        /// Who posted.
        author: String,
        /// When.
        date: Date,
        /// The original.
        url: String,
    },
    /// `[^label]: …`.
    Note(String),
    /// A video or chart of another site (a URL alone in its paragraph, or
    /// `> [!EMBED] URL`).
    Embed(Box<EmbedView>),
    /// `> [!EMBED]` with a URL lede cannot embed: a link to it.
    Link {
        /// The URL.
        url: String,
        /// Its title, if given.
        title: String,
    },
}

impl Shape {
    /// Is there a marker of this kind?
    pub fn has(&self, marker: &Marker) -> bool {
        self.markers.iter().any(|(_, m)| m == marker)
    }
}

/// Finds the structure; strips the `[!QUOTE]`/`[!POST]` markers and the
/// synthetic source definitions.
pub fn scan(events: &mut [Ev<'_>], body_len: usize, state: &mut State<'_, '_>) -> Shape {
    let mut shape = Shape::default();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let end = matching_end(events, i);
                if events[i].1.start >= body_len {
                    replace(events, i..end + 1, String::new());
                } else {
                    let label = label.to_string();
                    if state.page.meta.source(&label).is_some() {
                        let range = events[i].1.clone();
                        state
                            .error(
                                range,
                                format!(
                                    "`[^{label}]:` defines a note, but `{label}` is a source id"
                                ),
                            )
                            .set_help(
                                "cite the source as [^id] without a definition, or rename the note",
                            );
                        // Reported once: not also a note no one points at.
                        replace(events, i..end + 1, String::new());
                    } else {
                        shape.containers.push(Container {
                            start: i,
                            end,
                            kind: Kind::Note(label),
                        });
                    }
                }
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                let end = matching_end(events, i);
                let kind = match kind {
                    Some(k) => Some(Kind::Callout(callout_name(*k))),
                    None => marked_quote(events, i, end, state, &mut shape),
                };
                if let Some(kind) = kind {
                    shape.containers.push(Container {
                        start: i,
                        end,
                        kind,
                    });
                }
            }
            Event::Start(Tag::Paragraph) if events[i].1.start < body_len => {
                if let Some((end, embed)) = embeds::paragraph(events, i) {
                    shape.no_annotations.push(i..end + 1);
                    shape.containers.push(Container {
                        start: i,
                        end,
                        kind: Kind::Embed(Box::new(embed)),
                    });
                    i = end;
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(marker) = blocks::marker(h) {
                    let range = events[i].1.clone();
                    if blocks::accept(&marker, &shape.markers, range, state) {
                        shape.markers.push((i, marker));
                    } else {
                        events[i].0 = Event::Html(CowStr::Borrowed(""));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    shape
}

fn callout_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// A plain block quote whose first text is `[!QUOTE]` or `[!POST] …`.
fn marked_quote(
    events: &mut [Ev<'_>],
    start: usize,
    end: usize,
    state: &mut State<'_, '_>,
    shape: &mut Shape,
) -> Option<Kind> {
    let first_para = start + 1;
    if !matches!(
        events.get(first_para),
        Some((Event::Start(Tag::Paragraph), _))
    ) {
        return None;
    }
    let Some((Event::Text(first), _)) = events.get(first_para + 1) else {
        return None;
    };
    let upper: String = first
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_uppercase();
    if upper.starts_with("[!QUOTE]") {
        strip_marker(events, first_para, "[!QUOTE]".len());
        let attribution = attribution(events, start, end);
        match &attribution {
            Some(r) => shape.no_annotations.push(r.clone()),
            None => {
                let range = events[start].1.clone();
                let help = if ends_with_a_list(events, start, end) {
                    "a last line `- Jane Ruiz` is read as a list; write the dash as `—` or `--`: \
                     `— Jane Ruiz, speaking at the hearing`"
                } else {
                    "end it with a paragraph such as `— Jane Ruiz, speaking at the hearing`"
                };
                state
                    .warning(range, "this quote has no attribution")
                    .set_help(help);
            }
        }
        Some(Kind::Quote(attribution))
    } else if upper.starts_with("[!POST]") {
        post_header(events, start, first_para, state)
    } else if upper.starts_with("[!EMBED]") {
        shape.no_annotations.push(start..end + 1);
        Some(match embeds::callout(events, start, first_para, state) {
            Ok(embed) => Kind::Embed(Box::new(embed)),
            Err((url, title)) => Kind::Link { url, title },
        })
    } else {
        unknown_kind(first, events[first_para + 1].1.start, state);
        None
    }
}

/// The kinds a `> [!KIND]` block can have.
const KINDS: [&str; 8] = [
    "NOTE",
    "TIP",
    "IMPORTANT",
    "WARNING",
    "CAUTION",
    "QUOTE",
    "POST",
    "EMBED",
];

/// A `[!WORD]` marker that names no kind is an error: it would be
/// published as it is, brackets and all.
fn unknown_kind(first: &str, at: usize, state: &mut State<'_, '_>) {
    let Some(rest) = first.strip_prefix("[!") else {
        return;
    };
    let Some(word) = rest.split(']').next().filter(|w| {
        rest.len() > w.len() && !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic())
    }) else {
        return;
    };
    let d = state.error(
        at..at + word.len() + 3,
        format!("`[!{word}]` is not a kind of block"),
    );
    d.set_label("unknown kind");
    d.set_help(
        crate::suggest::did_you_mean(word, &KINDS, |k| format!("[!{k}]")).unwrap_or_else(|| {
            format!(
                "the kinds are {}",
                KINDS.map(|k| format!("[!{k}]")).join(", ")
            )
        }),
    );
}

/// Removes `len` bytes of marker from the paragraph's first text, the line
/// break after it, and the paragraph itself if nothing is left.
fn strip_marker(events: &mut [Ev<'_>], para: usize, len: usize) {
    let para_end = matching_end(events, para);
    if let Event::Text(t) = &events[para + 1].0 {
        let rest = t.get(len..).unwrap_or("").trim_start().to_string();
        events[para + 1].0 = Event::Text(CowStr::from(rest));
    }
    if matches!(events[para + 1].0, Event::Text(ref t) if t.is_empty()) {
        events[para + 1].0 = Event::Html(CowStr::Borrowed(""));
        if matches!(events[para + 2].0, Event::SoftBreak | Event::HardBreak) {
            events[para + 2].0 = Event::Html(CowStr::Borrowed(""));
        }
    }
    let empty = events[para + 1..para_end]
        .iter()
        .all(|(e, _)| matches!(e, Event::Html(h) if h.is_empty()));
    if empty {
        replace(events, para..para_end + 1, String::new());
    }
}

/// The last paragraph of the quote, if it starts with a dash: strips the dash
/// and returns the paragraph's event range.
fn attribution(events: &mut [Ev<'_>], start: usize, end: usize) -> Option<Range<usize>> {
    let mut last_child = None;
    let mut i = start + 1;
    while i < end {
        match &events[i].0 {
            Event::Start(_) => {
                let child_end = matching_end(events, i);
                last_child = Some((i, child_end));
                i = child_end + 1;
            }
            _ => i += 1,
        }
    }
    let (p, p_end) = last_child?;
    if !matches!(events[p].0, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let Event::Text(t) = &events[p + 1].0 else {
        return None;
    };
    let rest = ["—", "–", "―", "---", "--"]
        .iter()
        .find_map(|d| t.strip_prefix(d))?;
    events[p + 1].0 = Event::Text(CowStr::from(rest.trim_start().to_string()));
    Some(p..p_end + 1)
}

/// Does the block quote end with a list (`> - Jane Ruiz`, an attribution
/// written with a hyphen)?
fn ends_with_a_list(events: &[Ev<'_>], start: usize, end: usize) -> bool {
    let mut last = None;
    let mut i = start + 1;
    while i < end {
        if matches!(events[i].0, Event::Start(_)) {
            last = Some(i);
            i = matching_end(events, i) + 1;
        } else {
            i += 1;
        }
    }
    last.is_some_and(|i| matches!(events[i].0, Event::Start(Tag::List(_))))
}

/// Parses `[!POST] AUTHOR · DATE · URL` off the first line.
fn post_header(
    events: &mut [Ev<'_>],
    start: usize,
    para: usize,
    state: &mut State<'_, '_>,
) -> Option<Kind> {
    let para_end = matching_end(events, para);
    let mut line_end = para + 1;
    while line_end < para_end && !matches!(events[line_end].0, Event::SoftBreak | Event::HardBreak)
    {
        line_end += 1;
    }
    let header = plain_text(&events[para + 1..line_end]);
    let header = header
        .get("[!POST]".len()..)
        .unwrap_or("")
        .trim()
        .to_string();
    let range = events[para].1.start..events[line_end.min(para_end)].1.start;
    // The parts are separated by middle dots, or by `|` or ` - ` (easier
    // to type); a date and a URL hold `-` but never ` - `.
    let parts: Vec<&str> = if header.contains('·') {
        header.split('·').map(str::trim).collect()
    } else if header.contains('|') {
        header.split('|').map(str::trim).collect()
    } else {
        header.split(" - ").map(str::trim).collect()
    };
    let parsed = match parts.as_slice() {
        [author, date, url] if !author.is_empty() => Date::parse(date)
            .map_err(|e| format!("the post's date is not a date: {e}"))
            .and_then(|date| {
                urls::check_http_url(url).map(|()| (author.to_string(), date, url.to_string()))
            }),
        _ => Err("a post embed starts with `[!POST] AUTHOR · DATE · URL`".to_string()),
    };
    match parsed {
        Ok((author, date, url)) => {
            let line_break = (line_end < para_end) as usize;
            replace(events, para + 1..line_end + line_break, String::new());
            let empty = events[para + 1..para_end]
                .iter()
                .all(|(e, _)| matches!(e, Event::Html(h) if h.is_empty()));
            if empty {
                replace(events, para..para_end + 1, String::new());
            }
            let _ = start;
            Some(Kind::Post { author, date, url })
        }
        Err(message) => {
            state.error(range, format!("bad post header: {message}")).set_help(
                "write it as `> [!POST] @agency · 2026-02-04 · https://example.social/@agency/123`, \
                 with `·`, `|` or ` - ` between the parts",
            );
            None
        }
    }
}
