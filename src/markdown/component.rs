//! What the Markdown stage asks the template stage to render: one variant
//! per component template (`templates/components/NAME.html`), with the
//! values that template sees. The Markdown passes never name the template
//! engine; [`Components`] is implemented by [`crate::templates::Templates`].

use serde::Serialize;

use crate::diagnostics::Diagnostic;

/// A component to render, with its values.
#[derive(Debug)]
pub enum Component<'a> {
    /// A source citation `[^id]` (`citation.html`).
    Citation {
        /// The source id.
        id: &'a str,
        /// Its number in reading order.
        number: usize,
        /// The element id of this citation (`cite-ID-N`).
        cite_id: &'a str,
        /// The source's publisher.
        publisher: Option<&'a str>,
        /// The source's title.
        title: Option<&'a str>,
        /// The source's date, for display.
        date: Option<&'a str>,
        /// The host name of the source's URL (`apnews.com`).
        host: Option<&'a str>,
    },
    /// A reference to a note `[^1]` (`note_ref.html`).
    NoteRef {
        /// The note's element id (`note-ID`).
        id: &'a str,
        /// Its number.
        number: usize,
        /// The element id of this reference.
        ref_id: &'a str,
    },
    /// The key points box (`key_points.html`).
    KeyPoints {
        /// The points, in order.
        points: &'a [PointView],
    },
    /// An annotated term (`annotation.html`).
    Annotation {
        /// Element id of the note.
        id: &'a str,
        /// The term as written in the text.
        term: &'a str,
        /// The note, as HTML.
        note: &'a str,
        /// The citation after the note (HTML, may be empty).
        citation: &'a str,
    },
    /// A GitHub-style callout (`callout.html`).
    Callout {
        /// `note`, `tip`, `important`, `warning` or `caution`.
        kind: &'a str,
        /// Its body, as HTML.
        body: &'a str,
        /// An element id for it.
        id: &'a str,
    },
    /// A quote callout (`quote.html`).
    Quote {
        /// The quotation, as HTML.
        body: &'a str,
        /// Did the editor attribute it?
        has_attribution: bool,
        /// The editor wrote that the speaker is unknown.
        unattributed: bool,
        /// Who said it (HTML).
        speaker: &'a str,
        /// Where or when (HTML).
        context: &'a str,
    },
    /// A social-media post (`post.html`).
    Post {
        /// Who posted.
        author: &'a str,
        /// When, for display.
        date: &'a str,
        /// When, for `<time datetime>`.
        date_machine: &'a str,
        /// The original.
        url: &'a str,
        /// The original's host name.
        host: &'a str,
        /// The post's text, as HTML.
        body: &'a str,
    },
    /// An image alone in its paragraph (`figure.html`).
    Figure {
        /// Resolved URL.
        src: &'a str,
        /// The image's title, as its caption (before its last ` | `).
        caption: &'a str,
        /// Who made the picture (the title after its last ` | `).
        credit: &'a str,
        /// Alt text.
        alt: &'a str,
    },
    /// A task list checkbox (`task.html`).
    Task {
        /// Done?
        checked: bool,
    },
}

impl Component<'_> {
    /// The component's template name (`components/NAME.html`).
    pub fn name(&self) -> &'static str {
        match self {
            Component::Citation { .. } => "citation",
            Component::NoteRef { .. } => "note_ref",
            Component::KeyPoints { .. } => "key_points",
            Component::Annotation { .. } => "annotation",
            Component::Callout { .. } => "callout",
            Component::Quote { .. } => "quote",
            Component::Post { .. } => "post",
            Component::Figure { .. } => "figure",
            Component::Task { .. } => "task",
        }
    }
}

/// One key point as the key points box shows it.
#[derive(Debug, Serialize)]
pub struct PointView {
    /// The point, as HTML.
    pub html: String,
    /// The point as plain text.
    pub plain: String,
    /// Its citations, as HTML.
    pub citations: String,
    /// `#id` of the section that says more.
    pub section: Option<String>,
}

/// Renders components (the template stage does).
pub trait Components: Sync {
    /// The rendered HTML, or the template error.
    fn render(&self, component: &Component<'_>) -> Result<String, Diagnostic>;
}
