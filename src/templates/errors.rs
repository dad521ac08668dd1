//! Tera's errors as diagnostics pointing into the template files.
//!
//! Most Tera errors carry a template name and a span. Some checks made when
//! templates are loaded (an unknown template in `{% include %}`, an unknown
//! filter or function) come back as one message holding Tera's own reports
//! (`error: …` then `--> name:line:col`); those are read back into
//! positions so they look like every other lede error.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::ErrorKind;

use super::Origin;
use crate::diagnostics::{Diagnostic, offset_of};

/// A Tera error as a diagnostic in the template's file.
pub(crate) fn error_to_diagnostic(
    e: &tera::Error,
    origins: &BTreeMap<String, Origin>,
) -> Diagnostic {
    let file_of = |name: &str| -> Arc<str> {
        origins.get(name).map_or_else(
            || Arc::from(format!("templates/{name}")),
            |o| o.file.clone(),
        )
    };
    let mut d = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            let d = Diagnostic::error(format!("{kind}: {}", r.message()));
            match origins.get(r.filename()) {
                Some(o) => d.at(&o.file, &o.text, r.span().range.clone()).label("here"),
                None => d.in_file(&file_of(r.filename())),
            }
        }
        ErrorKind::TemplateNotFound(name) => not_found(name),
        ErrorKind::MissingParent { current, parent } => {
            let d = Diagnostic::error(format!(
                "template `{current}` extends `{parent}`, which does not exist"
            ));
            at_word(d, current, "extends", origins)
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let d = Diagnostic::error(format!(
                "templates extend each other in a loop: {tpl} → {}",
                inheritance_chain.join(" → ")
            ));
            at_word(d, tpl, "extends", origins)
        }
        ErrorKind::CircularInclude { tpl, include_chain } => {
            let d = Diagnostic::error(format!(
                "templates include each other in a loop: {}",
                include_chain.join(" → ")
            ));
            at_word(d, tpl, "include", origins)
        }
        ErrorKind::Msg(text) => match reports(text, origins).into_iter().next() {
            Some(d) => d,
            None => Diagnostic::error(format!(
                "template error: {}",
                text.trim_start_matches("error: ")
            )),
        },
        _ => Diagnostic::error(format!("template error: {e}")),
    };
    let mut cause = std::error::Error::source(e);
    let mut causes = Vec::new();
    while let Some(c) = cause {
        causes.push(c.to_string());
        cause = c.source();
    }
    if d.message.contains("recursion depth") {
        causes.push("a component that renders itself needs a condition that ends it".into());
    }
    if !causes.is_empty() {
        d = d.help(causes.join("; "));
    }
    d
}

/// A template that an include, import or lede itself names, not there.
fn not_found(name: &str) -> Diagnostic {
    Diagnostic::error(format!("template `{name}` not found")).help(
        "templates are looked up by their path under templates/ (then the built-in theme), e.g. `components/quote.html`",
    )
}

/// Points at the first `word` (e.g. `extends`) in the template, or names
/// its file when the word is not there.
fn at_word(
    d: Diagnostic,
    name: &str,
    word: &str,
    origins: &BTreeMap<String, Origin>,
) -> Diagnostic {
    match origins.get(name) {
        Some(o) => match o.text.find(word) {
            Some(i) => d.at(&o.file, &o.text, i..i + word.len()).label("here"),
            None => d.in_file(&o.file),
        },
        None => d.in_file(&Arc::from(format!("templates/{name}"))),
    }
}

/// Tera's own reports inside a message (`error: MESSAGE` then
/// `--> NAME:LINE:COL`), as diagnostics at those places.
pub(crate) fn reports(text: &str, origins: &BTreeMap<String, Origin>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
            continue;
        }
        let (Some(m), Some(place)) = (message, line.trim_start().strip_prefix("--> ")) else {
            continue;
        };
        message = None;
        let mut parts = place.rsplitn(3, ':');
        let (col, line_no, name) = (parts.next(), parts.next(), parts.next());
        let (Some(name), Some(line_no), Some(col)) = (
            name,
            line_no.and_then(|l| l.parse::<usize>().ok()),
            col.and_then(|c| c.parse::<usize>().ok()),
        ) else {
            continue;
        };
        let d = match m
            .strip_prefix("Unknown template `")
            .and_then(|n| n.strip_suffix('`'))
        {
            Some(missing) => not_found(missing),
            None => Diagnostic::error(format!("template error: {m}")),
        };
        out.push(match origins.get(name) {
            Some(o) => {
                let start = offset_of(&o.text, line_no, col);
                let len = o.text[start..]
                    .find(|c: char| c.is_whitespace() || c == '%' || c == '}')
                    .unwrap_or(0)
                    .max(1);
                d.at(&o.file, &o.text, start..start + len).label("here")
            }
            None => d.in_file(&Arc::from(format!("templates/{name}"))),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_inside_a_message_become_positions() {
        let mut origins = BTreeMap::new();
        let text = "{% extends \"base.html\" %}\n{% include \"nope.html\" %}\n";
        origins.insert(
            "page.html".to_string(),
            Origin {
                file: Arc::from("templates/page.html"),
                text: crate::diagnostics::SourceText::new(text),
            },
        );
        let message = "error: Unknown template `nope.html`\n --> page.html:2:12\n  |\n2 | {% include \"nope.html\" %}\n  |            ^^^^^^^^^^^";
        let found = reports(message, &origins);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location(), "templates/page.html:2:12");
        assert_eq!(&*found[0].message, "template `nope.html` not found");
    }
}
