//! The built-in theme's most frequent components, also written in Rust:
//! `citation.html`, `note_ref.html`, `annotation.html`, `key_points.html`,
//! `quote.html` and, for the list pages, `card.html` ([`card`]).
//!
//! A page cites its sources a dozen times; each citation through Tera is a
//! context, a template run and a string, about 7 % of a build's CPU for
//! three lines of markup. Where the site has not replaced a component with
//! its own template, [`Native`] writes the very bytes the built-in template
//! would (the test `native_and_tera_agree` renders both and compares them,
//! in every built-in language); where it has, Tera renders the site's.

use std::collections::BTreeMap;

use pulldown_cmark_escape::escape_html;

mod card;

use crate::config::{Language, SiteConfig};
use crate::markdown::Component;
use crate::markdown::marks::note_letter;

/// The components rendered here, unless the site has its own template;
/// the constants below are their places in it.
const NAMES: [&str; 6] = [
    "citation",
    "note_ref",
    "annotation",
    "key_points",
    "quote",
    "card",
];
const CITATION: usize = 0;
const NOTE_REF: usize = 1;
const ANNOTATION: usize = 2;
const KEY_POINTS: usize = 3;
const QUOTE: usize = 4;
const CARD: usize = 5;

/// Which components are rendered in Rust, and the words they need in each
/// language of the site (escaped, as `{{ labels.… }}` writes them).
pub(super) struct Native {
    /// Per name of [`NAMES`]: is the built-in template in use?
    built_in: [bool; NAMES.len()],
    /// Per language of the site: its words, and the language itself (for
    /// its counts: "3 key points").
    langs: Vec<(Words, Language)>,
}

/// One language's words of these components.
struct Words {
    source_n: String,
    note: String,
    annotation: String,
    quote_open: String,
    quote_close: String,
    key_points: String,
    read_more: String,
    unattributed: String,
    comma: String,
    live: String,
}

impl Native {
    /// `replaced` tells whether the site has its own template of a name
    /// (`components/citation.html`).
    pub(super) fn new(config: &SiteConfig, replaced: &dyn Fn(&str) -> bool) -> Self {
        let built_in = NAMES.map(|name| !replaced(&format!("components/{name}.html")));
        let langs = config
            .languages
            .iter()
            .map(|lang| (Words::of(&lang.labels), lang.clone()))
            .collect();
        Self { built_in, langs }
    }

    /// Language `lang`'s words and language (the first language's for an
    /// index out of range, as [`super::Templates`] picks its Tera).
    fn lang(&self, lang: usize) -> Option<&(Words, Language)> {
        self.langs.get(lang).or_else(|| self.langs.first())
    }

    /// The component's HTML, when it is one of [`NAMES`] and the built-in
    /// template is in use.
    pub(super) fn render(&self, lang: usize, component: &Component<'_>) -> Option<String> {
        let (words, _) = self.lang(lang)?;
        match *component {
            Component::Citation {
                id,
                number,
                cite_id,
                publisher,
                title,
                date,
                host,
            } if self.built_in[CITATION] => {
                let number = number.to_string();
                let mut out = String::with_capacity(256);
                out.push_str(
                    "&#8288;<sup class=\"citation-ref\"><a class=\"citation\" href=\"#source-",
                );
                esc(&mut out, id);
                out.push_str("\" id=\"");
                esc(&mut out, cite_id);
                out.push_str("\" aria-label=\"");
                out.push_str(&words.source_n);
                out.push(' ');
                out.push_str(&number);
                if let Some(p) = given(publisher) {
                    out.push_str(": ");
                    esc(&mut out, p);
                } else if let Some(t) = given(title) {
                    out.push_str(": ");
                    esc(&mut out, t);
                }
                out.push('"');
                for (name, value) in [("publisher", publisher), ("title", title), ("date", date)] {
                    if let Some(v) = given(value) {
                        out.push_str(" data-");
                        out.push_str(name);
                        out.push_str("=\"");
                        esc(&mut out, v);
                        out.push('"');
                    }
                }
                if let (Some(h), None) = (given(host), given(title)) {
                    out.push_str(" data-host=\"");
                    esc(&mut out, h);
                    out.push('"');
                }
                out.push('>');
                out.push_str(&number);
                out.push_str("</a></sup>\n");
                Some(out)
            }
            Component::NoteRef { id, number, ref_id } if self.built_in[NOTE_REF] => {
                let letter = note_letter(number);
                let mut out = String::with_capacity(160);
                out.push_str("&#8288;<sup class=\"note-ref\"><a href=\"#");
                esc(&mut out, id);
                out.push_str("\" id=\"");
                esc(&mut out, ref_id);
                out.push_str("\" aria-label=\"");
                out.push_str(&words.note);
                out.push(' ');
                esc(&mut out, &letter);
                out.push_str("\">");
                esc(&mut out, &letter);
                out.push_str("</a></sup>\n");
                Some(out)
            }
            Component::Annotation {
                id,
                term,
                note,
                citation,
            } if self.built_in[ANNOTATION] => {
                let mut out = String::with_capacity(256 + note.len() + citation.len());
                out.push_str("<span class=\"annotation\" id=\"");
                esc(&mut out, id);
                out.push_str("\"><span class=\"annotation-term\">");
                esc(&mut out, term);
                out.push_str("</span><span class=\"annotation-note\" role=\"note\" id=\"");
                esc(&mut out, id);
                out.push_str("-note\"><span class=\"visually-hidden\">");
                out.push_str(&words.annotation);
                out.push(' ');
                out.push_str(&words.quote_open);
                esc(&mut out, term);
                out.push_str(&words.quote_close);
                out.push_str(": </span>");
                out.push_str(note);
                out.push_str(citation);
                out.push_str("</span></span>\n");
                Some(out)
            }
            Component::KeyPoints { points } if self.built_in[KEY_POINTS] => {
                let mut out = String::with_capacity(512);
                out.push_str("<section class=\"key-points\" id=\"key-points\" aria-labelledby=\"key-points-title\">\n  <h2 id=\"key-points-title\">");
                out.push_str(&words.key_points);
                out.push_str("</h2>\n  <ul>\n    ");
                for p in points {
                    out.push_str("<li><span class=\"key-point-text\">");
                    out.push_str(&p.html);
                    out.push_str("</span>");
                    out.push_str(&p.citations);
                    if let Some(section) = given(p.section.as_deref()) {
                        out.push_str(" <a class=\"read-more\" href=\"");
                        esc(&mut out, section);
                        out.push_str("\">");
                        out.push_str(&words.read_more);
                        out.push_str("<span class=\"visually-hidden\">: ");
                        esc(&mut out, &p.plain);
                        out.push_str("</span></a>");
                    }
                    out.push_str("</li>\n    ");
                }
                out.push_str("\n  </ul>\n</section>\n");
                Some(out)
            }
            Component::Quote {
                body,
                has_attribution,
                unattributed,
                speaker,
                context,
            } if self.built_in[QUOTE] => {
                let mut out = String::with_capacity(256 + body.len());
                out.push_str("<figure class=\"quote");
                if !has_attribution {
                    out.push_str(" quote-no-attribution");
                }
                out.push_str("\">\n  <blockquote>\n    ");
                out.push_str(body);
                out.push_str("\n  </blockquote>\n  ");
                if has_attribution {
                    out.push_str("<figcaption><span class=\"dash\" aria-hidden=\"true\">—</span> ");
                    if unattributed {
                        out.push_str("<cite class=\"unattributed\">");
                        out.push_str(&words.unattributed);
                    } else {
                        out.push_str("<cite>");
                        out.push_str(speaker);
                    }
                    out.push_str("</cite>");
                    if !context.is_empty() {
                        out.push_str(&words.comma);
                        out.push_str("<span class=\"quote-context\">");
                        out.push_str(context);
                        out.push_str("</span>");
                    }
                    out.push_str("</figcaption>");
                }
                out.push_str("\n</figure>\n");
                Some(out)
            }
            _ => None,
        }
    }
}

impl Words {
    fn of(labels: &BTreeMap<String, String>) -> Self {
        let word = |key: &str| {
            let mut out = String::new();
            esc(&mut out, labels.get(key).map_or("", String::as_str));
            out
        };
        Self {
            source_n: word("source_n"),
            note: word("note"),
            annotation: word("annotation"),
            quote_open: word("quote_open"),
            quote_close: word("quote_close"),
            key_points: word("key_points"),
            read_more: word("read_more"),
            unattributed: word("unattributed"),
            comma: word("comma"),
            live: word("live"),
        }
    }
}

/// A value a template's `{% if %}` takes as given: there and not empty.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|s| !s.is_empty())
}

/// Escapes as Tera's autoescape does (it uses the same function).
fn esc(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(&mut *out, text);
}

#[cfg(test)]
mod tests;
