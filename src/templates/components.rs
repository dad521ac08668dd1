//! The Markdown stage's components, rendered: each [`Component`] becomes
//! the context its template (`components/NAME.html`) sees.

use tera::Context;

use super::Templates;
use crate::diagnostics::Diagnostic;
use crate::markdown::{Component, Components};

impl Components for Templates {
    fn render(&self, lang: usize, component: &Component<'_>) -> Result<String, Diagnostic> {
        if let Some(html) = self.native.render(lang, component) {
            return Ok(html);
        }
        let name = component.name();
        let mut template = String::with_capacity(name.len() + 16);
        template.push_str("components/");
        template.push_str(name);
        template.push_str(".html");
        Templates::render(self, lang, &template, &context(component))
    }
}

/// The values a component's template sees.
pub(super) fn context(component: &Component<'_>) -> Context {
    let mut ctx = Context::new();
    match *component {
        Component::Citation {
            id,
            number,
            cite_id,
            publisher,
            title,
            date,
            host,
        } => {
            ctx.insert("id", id);
            ctx.insert("number", &number);
            ctx.insert("cite_id", cite_id);
            ctx.insert("publisher", &publisher);
            ctx.insert("title", &title);
            ctx.insert("date", &date);
            ctx.insert("host", &host);
        }
        Component::NoteRef { id, number, ref_id } => {
            ctx.insert("id", id);
            ctx.insert("number", &number);
            ctx.insert("letter", &crate::markdown::marks::note_letter(number));
            ctx.insert("ref_id", ref_id);
        }
        Component::KeyPoints { points } => ctx.insert("points", points),
        Component::Annotation {
            id,
            term,
            note,
            citation,
        } => {
            ctx.insert("id", id);
            ctx.insert("term", term);
            ctx.insert("note", note);
            ctx.insert("citation", citation);
        }
        Component::Callout { kind, body, id } => {
            ctx.insert("kind", kind);
            ctx.insert("body", body);
            ctx.insert("id", id);
        }
        Component::Quote {
            body,
            has_attribution,
            unattributed,
            speaker,
            context,
        } => {
            ctx.insert("body", body);
            ctx.insert("has_attribution", &has_attribution);
            ctx.insert("unattributed", &unattributed);
            ctx.insert("speaker", speaker);
            ctx.insert("context", context);
        }
        Component::Post {
            author,
            date,
            date_machine,
            url,
            host,
            body,
        } => {
            ctx.insert("author", author);
            ctx.insert("date", date);
            ctx.insert("date_machine", date_machine);
            ctx.insert("url", url);
            ctx.insert("host", host);
            ctx.insert("body", body);
        }
        Component::Figure {
            src,
            picture,
            caption,
            credit,
            alt,
        } => {
            ctx.insert("src", src);
            ctx.insert("picture", &picture);
            ctx.insert("caption", caption);
            ctx.insert("credit", credit);
            ctx.insert("alt", alt);
        }
        Component::Task { checked } => ctx.insert("checked", &checked),
        Component::Known {
            known,
            unknown,
            placed,
        } => {
            ctx.insert("known", known);
            ctx.insert("unknown", unknown);
            ctx.insert("placed", &placed);
        }
        Component::Claim { claim } => ctx.insert("claim", claim),
        Component::Claims { claims, placed } => {
            ctx.insert("claims", claims);
            ctx.insert("placed", &placed);
        }
        Component::Timeline { entries, placed } => {
            ctx.insert("entries", entries);
            ctx.insert("placed", &placed);
        }
        Component::Embed { embed } => ctx.insert("embed", embed),
    }
    ctx
}
