//! Checks of `site.yaml` that need the pages: a menu entry naming no page,
//! an author profile no byline uses, a language lede has no words for.

use super::index::PageIndex;
use super::page::Page;
use crate::config::{MenuTarget, SiteConfig};
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use crate::suggest::{as_is, did_you_mean};
use crate::yaml::{Seg, Target};

/// A language of the site without built-in words: a warning naming the
/// labels shown in English.
pub(super) fn untranslated_labels(config: &SiteConfig) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for lang in config.languages.iter().skip(1) {
        let english = crate::config::untranslated(lang);
        if !english.is_empty() {
            let at = [Seg::key("languages"), Seg::key(&lang.code)];
            diags.push(
                config
                    .warning_at(
                        &at,
                        Target::Key,
                        format!(
                            "lede has no words for `{}`: {} labels are shown in English",
                            lang.code,
                            english.len()
                        ),
                    )
                    .label("no built-in labels")
                    .help(format!(
                        "give them under `languages: {{ {}: {{ labels: … }} }}`: {}{}",
                        lang.code,
                        english[..english.len().min(12)].join(", "),
                        if english.len() > 12 {
                            format!(
                                " and {} more (the English words are in src/config/labels/en.rs)",
                                english.len() - 12
                            )
                        } else {
                            String::new()
                        }
                    )),
            );
        }
    }
    diags
}

/// A menu entry naming a page by a slug no page has.
pub(super) fn menu_problems(
    config: &SiteConfig,
    index: &PageIndex,
    pages: &[Page],
) -> Vec<Diagnostic> {
    let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
    let mut out = Vec::new();
    let menus = std::iter::once((None, &config.menu)).chain(
        config
            .languages
            .iter()
            .filter_map(|l| l.menu.as_ref().map(|m| (Some(l), m))),
    );
    for (lang, entry) in menus.flat_map(|(l, m)| m.iter().map(move |e| (l, e))) {
        let MenuTarget::Page(slug) = &entry.target else {
            continue;
        };
        let prefix = lang.map_or("", |l| l.prefix.as_str());
        if index.slugs.contains_key(slug) || index.slugs.contains_key(&format!("{prefix}{slug}")) {
            continue;
        }
        let mut path = match lang {
            Some(l) => vec![Seg::key("languages"), Seg::key(&l.code)],
            None => Vec::new(),
        };
        path.extend([Seg::key("menu"), Seg::Index(entry.index), Seg::key("page")]);
        let help = did_you_mean(slug, &slugs, as_is).unwrap_or_else(|| {
            "a menu entry's `page:` is the slug of a page or explainer of the site".to_string()
        });
        out.push(
            config
                .error_at(
                    &path,
                    Target::Value,
                    format!("no page has the slug `{slug}`"),
                )
                .label("not a page of the site")
                .help(help),
        );
    }
    out
}

/// An author profile in `site.yaml` that no explainer's byline uses.
pub(super) fn unused_profiles(config: &SiteConfig, index: &PageIndex) -> Vec<Diagnostic> {
    config
        .authors
        .iter()
        .filter(|a| !index.langs.iter().any(|g| g.authors.contains_key(&slugify(&a.name))))
        .map(|a| {
            config
                .warning_at(
                    &[Seg::key("authors"), Seg::key(&a.name)],
                    Target::Key,
                    format!("no explainer has `{}` in its byline", a.name),
                )
                .label("a profile nobody uses")
                .help("an author's page lists the explainers whose `authors:` name them exactly like this")
        })
        .collect()
}
