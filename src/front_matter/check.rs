//! The checker the validation passes share: it collects every problem
//! with its position in the front matter.

use super::Date;
use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::suggest::{as_is, did_you_mean};
use crate::urls;
use crate::yaml::{Seg, Target, Text};

/// Collects the problems of one front matter.
pub(super) struct Checker<'d, 'a> {
    pub(super) doc: &'d YamlDoc<'a>,
    pub(super) errors: Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    pub(super) fn error(&mut self, path: &[Seg], message: impl Into<String>) -> &mut Diagnostic {
        self.errors
            .push(self.doc.error_at(path, Target::Value, message));
        let last = self.errors.len() - 1;
        &mut self.errors[last]
    }

    pub(super) fn date(&mut self, path: &[Seg], text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(path, format!("bad date: {msg}"));
                None
            }
        }
    }

    pub(super) fn http_url(&mut self, path: &[Seg], url: &str) {
        if let Err(msg) = urls::check_http_url(url) {
            self.error(path, msg);
        }
    }

    /// Inline Markdown (key points, notes, captions) may link, but never
    /// with a `javascript:`, `vbscript:` or `data:` URL.
    pub(super) fn inline(&mut self, path: &[Seg], markdown: &str) {
        if let Some(url) = urls::dangerous_url(markdown) {
            let scheme: String = url
                .chars()
                .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
                .take_while(|&c| c != ':')
                .collect::<String>()
                .to_ascii_lowercase();
            self.error(
                path,
                format!("`{scheme}:` URLs are not allowed in front matter"),
            )
            .set_help("link to an http:// or https:// address, or to a page of the site");
        }
    }

    /// Source ids are matched ignoring ASCII case (see [`super::Meta::source`]).
    pub(super) fn source_ids(&mut self, path: &[Seg], ids: &[&str], known: &[&str]) {
        for id in ids {
            if !known.iter().any(|k| k.eq_ignore_ascii_case(id)) {
                let d =
                    self.doc
                        .error_at(path, Target::Value, format!("`{id}` is not a source id"));
                let help = match did_you_mean(id, known, as_is) {
                    Some(help) => help,
                    None if known.is_empty() => "define it under `sources:` first".to_string(),
                    None => format!("sources defined: {}", sorted(known)),
                };
                self.errors
                    .push(d.label("not defined under `sources`").help(help));
            }
        }
    }
}

fn sorted(ids: &[&str]) -> String {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.join(", ")
}

pub(super) fn k(key: &str) -> Seg {
    Seg::key(key)
}

pub(super) fn text(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0).filter(|s| !s.trim().is_empty())
}
