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
        /// Its sizes and formats, for a raster image of the site.
        picture: Option<&'a Picture>,
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
    /// What we know and what we don't (`known.html`).
    Known {
        /// What we know.
        known: &'a [PointView],
        /// What we don't.
        unknown: &'a [PointView],
        /// Placed in the body by a marker (its heading one level lower).
        placed: bool,
    },
    /// One claim card (`claim.html`).
    Claim {
        /// The claim.
        claim: &'a ClaimView,
    },
    /// Claim cards as one group (`claims.html`).
    Claims {
        /// The claims, in order.
        claims: &'a [ClaimView],
        /// Placed in the body by a marker.
        placed: bool,
    },
    /// The timeline (`timeline.html`).
    Timeline {
        /// Its entries, in the order written.
        entries: &'a [TimelineView],
        /// Placed in the body by a marker.
        placed: bool,
    },
    /// A video or chart of another site, behind a click (`embed.html`).
    Embed {
        /// What it is, and where it loads from.
        embed: &'a EmbedView,
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
            Component::Known { .. } => "known",
            Component::Claim { .. } => "claim",
            Component::Claims { .. } => "claims",
            Component::Timeline { .. } => "timeline",
            Component::Embed { .. } => "embed",
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

/// A claim card, as the claim templates see it.
#[derive(Debug, Serialize)]
pub struct ClaimView {
    /// The claim's id.
    pub id: String,
    /// Its element id, `claim-ID`.
    pub anchor: String,
    /// The claim, as HTML.
    pub claim: String,
    /// The claim as plain text.
    pub plain: String,
    /// Who made it.
    pub claimant: Option<String>,
    /// When, for display.
    pub date: Option<String>,
    /// When, for `<time datetime>`.
    pub datetime: Option<String>,
    /// Where it was made.
    pub appearance: Option<String>,
    /// That URL's host name.
    pub appearance_host: Option<String>,
    /// The verdict's key (`mostly-false`).
    pub verdict: String,
    /// The verdict's words (`Mostly false`).
    pub verdict_label: String,
    /// Its rating, when the scale rates it.
    pub rating: Option<i64>,
    /// Why, as HTML.
    pub note: Option<String>,
    /// Its citations, as HTML.
    pub citations: String,
}

/// An entry of the timeline, as its template sees it.
#[derive(Debug, Serialize)]
pub struct TimelineView {
    /// For display (`10 May 2017`, or with the time).
    pub date: String,
    /// For `<time datetime>`.
    pub datetime: String,
    /// What happened, as HTML.
    pub text: String,
    /// Its citations, as HTML.
    pub citations: String,
}

/// An embed, as `embed.html` sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmbedView {
    /// `YouTube`, `Vimeo`, `Datawrapper`, `Flourish`.
    pub provider: &'static str,
    /// `video` or `chart`.
    pub kind: &'static str,
    /// The original, as the editor wrote it (the link readers follow).
    pub url: String,
    /// What the player frame loads, once asked.
    pub src: String,
    /// The site it connects to, for the notice (`youtube.com`).
    pub host: &'static str,
    /// The title the editor gave (may be empty: the theme says what it is).
    pub title: String,
    /// Its element id.
    pub id: String,
}

/// A raster image of the site as `<picture>`: the modern formats' sources
/// and the image's own format, each at every width.
#[derive(Clone, Debug, Serialize)]
pub struct Picture {
    /// One `<source>` per modern format, best first.
    pub sources: Vec<PictureSource>,
    /// The largest variant in the image's own format (`<img src>`).
    pub src: String,
    /// Every width in the image's own format (`<img srcset>`).
    pub srcset: String,
    /// The image's own format (`image/jpeg`).
    pub mime: String,
    /// The pixel width of `src`.
    pub width: u32,
    /// Its height.
    pub height: u32,
}

/// One `<source>` of a [`Picture`].
#[derive(Clone, Debug, Serialize)]
pub struct PictureSource {
    /// `image/avif`.
    pub mime: String,
    /// `URL 480w, URL 800w, …`.
    pub srcset: String,
}

/// What the site knows of an image it publishes.
#[derive(Clone, Debug, Default)]
pub struct ImageFacts {
    /// Its pixel size (an SVG's declared size), when it could be read.
    pub size: Option<(u32, u32)>,
    /// Its `<picture>`, for a raster image lede makes variants of.
    pub picture: Option<Picture>,
    /// Why it cannot be published (not an image, too large…).
    pub problem: Option<String>,
    /// It will have a `<picture>` once its variants are encoded (`serve`
    /// shows it as it is until then).
    pub pending: bool,
}

/// Renders components (the template stage does).
pub trait Components: Sync {
    /// The rendered HTML in language `lang` (an index into the site's
    /// languages), or the template error.
    fn render(&self, lang: usize, component: &Component<'_>) -> Result<String, Diagnostic>;
}
