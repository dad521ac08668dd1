//! Translations: files in a language the site does not have, two files
//! claiming one translation, a translation of nothing; and, for `lede
//! check`, the explainers not yet translated.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::index::{PageIndex, Unpublished};
use super::page::Page;
use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::yaml::{Seg, Target};

/// Where a page's translation is decided: its `translation_key`, or the
/// start of the file (its name decides).
fn at_key(page: &Page) -> Diagnostic {
    if page.front.meta.translation_key.is_some() {
        let span = page
            .front_doc()
            .span_of(&[Seg::key("translation_key")], Target::Value);
        Diagnostic::error("").at(&page.file.rel, &page.file.text, span)
    } else {
        Diagnostic::error("").at(&page.file.rel, &page.file.text, 0..3)
    }
}

fn with_message(d: Diagnostic, message: String) -> Diagnostic {
    Diagnostic {
        message: message.into_boxed_str(),
        ..d
    }
}

/// A page whose file name gives a language the site does not have.
pub(super) fn unknown_language(page: &Page, languages: &[Language]) -> Option<Diagnostic> {
    let tag = page.unknown_lang.as_ref()?;
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    Some(
        Diagnostic::error(format!(
            "`.{tag}` in the file name makes this a `{tag}` translation, but the site has no language `{tag}`"
        ))
        .at(&page.file.rel, &page.file.text, 0..3)
        .help(format!(
            "add `{tag}` under `languages:` in site.yaml (the site's: {}), or rename the file if `.{tag}` is part of its name",
            codes.join(", ")
        )),
    )
}

/// The problems of the pages' translations.
pub(super) fn problems(
    pages: &[Page],
    unpublished: &BTreeMap<Arc<str>, Unpublished>,
    languages: &[Language],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Which languages each key has, and where.
    let mut keys: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
    for page in pages {
        let claims = keys.entry(page.key.as_str()).or_default();
        if let Some((_, first)) = claims.iter().find(|(lang, _)| *lang == page.lang) {
            let code = languages.get(page.lang).map_or("", |l| l.code.as_str());
            out.push(
                with_message(
                    at_key(page),
                    format!(
                        "{} and {first} are both the `{code}` version of `{}`",
                        page.file.rel, page.key
                    ),
                )
                .help("each explainer has one file per language: give one of them another `translation_key`, or remove it"),
            );
            continue;
        }
        claims.push((page.lang, &page.file.rel));
    }
    for u in unpublished.values() {
        keys.entry(u.key.as_str()).or_default().push((u.lang, ""));
    }
    for page in pages
        .iter()
        .filter(|p| p.lang != 0 && p.unknown_lang.is_none())
    {
        let has_original = keys
            .get(page.key.as_str())
            .is_some_and(|c| c.iter().any(|(lang, _)| *lang == 0));
        if has_original {
            continue;
        }
        let default = &languages[0];
        let message = if page.front.meta.translation_key.is_some() {
            format!(
                "no `{}` explainer has the translation key `{}`",
                default.code, page.key
            )
        } else {
            format!(
                "this is a translation of content/{}.md, which does not exist",
                page.key
            )
        };
        out.push(with_message(at_key(page), message).help(format!(
            "a translation needs its original in the site's default language ({}): write it, or link the two with the same `translation_key`",
            default.code
        )));
    }
    out
}

/// For `lede check`: each explainer of the default language that is not
/// in every language of the site (one line each, naming the missing).
pub(super) fn missing(
    pages: &[Page],
    index: &PageIndex,
    languages: &[Language],
) -> Vec<Diagnostic> {
    if languages.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.lang == 0 && p.is_explainer()) {
        let have: Vec<usize> = index
            .translations_of(page)
            .iter()
            .map(|&i| pages[i].lang)
            .collect();
        let missing: Vec<&str> = languages
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(l, _)| !have.contains(l))
            .map(|(_, lang)| lang.code.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::info(format!("not yet translated into {}", missing.join(", "))).at(
                &page.file.rel,
                &page.file.text,
                0..3,
            ),
        );
    }
    out
}
