//! Raw front matter → [`Meta`]: required fields, dates, URLs, source ids.
//! Every problem is collected (not only the first) with its position.

use super::check::{Checker, k, text};
use super::raw::{RawAnnotation, RawDated, RawFrontMatter, RawKeyPoint};
use super::{Annotation, Dated, Hero, KeyPoint, Kind, Meta};
use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::slug::{is_slug, slugify};
use crate::suggest::{as_is, did_you_mean};
use crate::urls::{self, UrlKind};
use crate::yaml::{Seg, Text, TextList};

/// Validates raw front matter: the front matter as far as it goes, its
/// problems, and whether it is
/// complete (a title, and a date unless a page). With problems, the `Meta`
/// is a stand-in: good enough to check the body against, never published.
/// `present` lists keys that are in the document but failed to parse
/// (already reported), so they are not "missing" too.
pub(super) fn read(
    doc: &YamlDoc<'_>,
    raw: RawFrontMatter,
    present: &[String],
) -> (Meta, Vec<Diagnostic>, bool) {
    let mut c = Checker {
        doc,
        errors: Vec::new(),
    };
    let reported = |key: &str| present.iter().any(|p| p == key);
    let kind = match raw.kind.as_ref().map(|t| t.0.trim()) {
        None | Some("explainer") => Kind::Explainer,
        Some("page") => Kind::Page,
        Some(other) => {
            let d = c.error(&[k("kind")], format!("`{other}` is not a kind of page"));
            d.set_label("`explainer` or `page`");
            if let Some(help) = did_you_mean(other, &["explainer", "page"], as_is) {
                d.set_help(help);
            }
            Kind::Explainer
        }
    };
    let title = text(raw.title);
    if title.is_none() && !reported("title") {
        c.error(&[k("title")], "an explainer needs a `title`").help =
            Some("add a line such as `title: \"What the new toll changes\"`".into());
    }
    let date = match raw.date {
        Some(t) => c.date(&[k("date")], &t.0),
        None if reported("date") || kind == Kind::Page => None,
        None => {
            c.error(&[k("date")], "an explainer needs a `date`").help = Some(
                "add the publication date, e.g. `date: 2026-02-04` (a standalone page such as \
                 About needs none: `kind: page`)"
                    .into(),
            );
            None
        }
    };
    let updated = raw.updated.and_then(|t| c.date(&[k("updated")], &t.0));
    if let (Some(d), Some(u)) = (date, updated)
        && u < d
    {
        c.error(&[k("updated")], "`updated` is earlier than `date`");
    }
    let slug = raw.slug.map(|t| t.0);
    if let Some(s) = &slug
        && !is_slug(s)
    {
        let suggestion = slugify(s);
        let d = c.error(&[k("slug")], format!("`{s}` is not a valid slug"));
        d.set_label("lowercase letters, digits and `-` only");
        if !suggestion.is_empty() {
            d.set_help(format!("use `{suggestion}`"));
        }
    }
    let mut tags = Vec::new();
    let raw_tags = raw.tags.unwrap_or_default();
    one_or_a_list(&mut c, "tags", &raw_tags);
    let single = raw_tags.single;
    for (i, Text(tag)) in raw_tags.items.into_iter().enumerate() {
        if slugify(&tag).is_empty() {
            c.error(
                &item_path("tags", i, single),
                format!("tag `{tag}` has no letters or digits"),
            );
        } else if !tags.iter().any(|t: &String| slugify(t) == slugify(&tag)) {
            tags.push(tag);
        }
    }
    let sources = super::sources::sources(&mut c, raw.sources.map(|m| m.0).unwrap_or_default());
    let ids: Vec<&str> = sources
        .iter()
        .map(|s| s.id.as_str())
        .chain(raw.broken_source_ids.iter().map(String::as_str))
        .collect();
    let key_points = key_points(&mut c, raw.key_points.unwrap_or_default(), &ids);
    let annotations = annotations(
        &mut c,
        raw.annotations.map(|m| m.0).unwrap_or_default(),
        &ids,
    );
    let hero = raw.hero.and_then(|h| hero(&mut c, h));
    let updates = dated(&mut c, "updates", raw.updates.unwrap_or_default());
    let corrections = dated(&mut c, "corrections", raw.corrections.unwrap_or_default());
    let raw_authors = raw.authors.unwrap_or_default();
    one_or_a_list(&mut c, "authors", &raw_authors);
    let authors: Vec<String> = raw_authors
        .items
        .into_iter()
        .map(|t| t.0)
        .filter(|a| !a.trim().is_empty())
        .collect();
    let aliases = aliases(&mut c, raw.aliases.unwrap_or_default());
    let series = text(raw.series).map(|s| s.trim().to_string());
    let known = super::components::facts(&mut c, "known", raw.known.unwrap_or_default(), &ids);
    let unknown =
        super::components::facts(&mut c, "unknown", raw.unknown.unwrap_or_default(), &ids);
    let claims = super::components::claims(&mut c, raw.claims.unwrap_or_default(), &ids);
    let timeline = super::components::timeline(&mut c, raw.timeline.unwrap_or_default(), &ids);
    let dated = date.is_some() || kind == Kind::Page;
    let complete = title.is_some() && dated;
    let mut sources = sources;
    // Sources whose entry was wrong: stand-ins, so citing them is no error.
    for id in &raw.broken_source_ids {
        if !sources.iter().any(|s| &s.id == id) {
            sources.push(super::Source {
                id: id.clone(),
                publisher: None,
                title: None,
                url: None,
                date: None,
                archived: None,
            });
        }
    }
    let meta = Meta {
        kind,
        title: title.unwrap_or_default(),
        dek: text(raw.dek),
        date,
        updated,
        authors,
        tags,
        slug,
        draft: raw.draft.unwrap_or(false),
        toc: raw.toc.unwrap_or(false),
        hero,
        key_points,
        sources,
        annotations,
        updates,
        corrections,
        aliases,
        series,
        known,
        unknown,
        claims,
        timeline,
        live: raw.live,
        translation_key: text(raw.translation_key).map(|k| k.trim().trim_matches('/').to_string()),
        extra: raw
            .extra
            .map_or(serde_json::Value::Object(Default::default()), |v| v.0),
    };
    (meta, c.errors, complete)
}

/// Where item `i` of the list `key` is: the list itself when it was
/// written as one item.
fn item_path(key: &str, i: usize, single: bool) -> Vec<Seg> {
    if single {
        vec![k(key)]
    } else {
        vec![k(key), Seg::Index(i)]
    }
}

/// One name where a list is expected is a one-item list (`tags: Russia`);
/// but one text that reads as several (`authors: Jane Ruiz, Sam Park`) is
/// an error whose help is the line written as a list, since a comma may as
/// well be part of a name ("Reuters, London").
fn one_or_a_list(c: &mut Checker<'_, '_>, key: &str, list: &TextList) {
    let [Text(item)] = list.items.as_slice() else {
        return;
    };
    if !list.single {
        return;
    }
    let parts: Vec<&str> = item
        .split(',')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return;
    }
    let noun = if key == "tags" { "tag" } else { "name" };
    let d = c.error(
        &[k(key)],
        format!("`{key}`: is this one {noun} or {}?", parts.len()),
    );
    d.set_label("one text with commas or \"and\"");
    d.set_help(format!(
        "if they are {n}, write a list: `{key}: [{}]`; if it is one, put it in a list as it is: `{key}: [\"{item}\"]`",
        parts.join(", "),
        n = parts.len()
    ));
}

/// Old URLs: root-relative paths of the site (`/old-slug/`,
/// `/2017/05/story.html`), without a query, a fragment or a `..`. Kept as
/// site paths: `old-slug/`, `2017/05/story.html`.
fn aliases(c: &mut Checker<'_, '_>, raw: TextList) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let single = raw.single;
    for (i, Text(alias)) in raw.items.into_iter().enumerate() {
        let at = item_path("aliases", i, single);
        let path = alias.trim();
        let problem = if !path.starts_with('/') || path.starts_with("//") {
            Some("an alias is a path of this site from its root, e.g. `/old-slug/`")
        } else if path.contains(['?', '#']) {
            Some("an alias cannot hold a query (`?`) or a fragment (`#`)")
        } else if path.split('/').any(|s| s == ".." || s == ".") {
            Some("an alias cannot hold `.` or `..` segments")
        } else if path.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
            Some("an alias cannot hold spaces; encode them as %20 or use `-`")
        } else {
            None
        };
        if let Some(help) = problem {
            c.error(
                &at,
                format!("`{path}` is not a path this site can answer at"),
            )
            .set_help(help);
            continue;
        }
        let site_path = urls::percent_decode(path.trim_start_matches('/'));
        if out.contains(&site_path) {
            c.error(&at, format!("the alias `{path}` is listed twice"));
            continue;
        }
        out.push(site_path);
    }
    out
}

fn key_points(c: &mut Checker<'_, '_>, raw: Vec<RawKeyPoint>, ids: &[&str]) -> Vec<KeyPoint> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, point) in raw.into_iter().enumerate() {
        let at = [k("key_points"), Seg::Index(i)];
        let (text, sources, section) = match point {
            RawKeyPoint::Short(t) => (t, Vec::new(), None),
            RawKeyPoint::Long(l) => (
                l.text.0,
                l.sources.into_iter().map(|t| t.0).collect(),
                l.section.map(|t| t.0),
            ),
        };
        if text.trim().is_empty() {
            c.error(&at, "a key point has no text");
        }
        c.inline(&at, &text);
        let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
        c.source_ids(&[k("key_points"), Seg::Index(i), k("sources")], &refs, ids);
        let section = section.map(|s| s.trim_start_matches('#').to_string());
        out.push(KeyPoint {
            text,
            sources,
            section,
        });
    }
    out
}

fn annotations(
    c: &mut Checker<'_, '_>,
    raw: Vec<(String, RawAnnotation)>,
    ids: &[&str],
) -> Vec<Annotation> {
    let mut out = Vec::with_capacity(raw.len());
    for (term, a) in raw {
        let (note, source) = match a {
            RawAnnotation::Short(n) => (n, None),
            RawAnnotation::Long(l) => (l.note.0, l.source.map(|t| t.0)),
        };
        if term.trim().is_empty() {
            c.error(&[k("annotations")], "an annotation has an empty term");
            // Reported once: not also a term that never occurs.
            continue;
        }
        c.inline(&[k("annotations"), k(&term)], &note);
        if note.trim().is_empty() {
            c.error(
                &[k("annotations"), k(&term)],
                format!("the annotation on `{term}` has no note"),
            );
        }
        if let Some(s) = &source {
            c.source_ids(
                &[k("annotations"), k(&term), k("source")],
                &[s.as_str()],
                ids,
            );
        }
        out.push(Annotation { term, note, source });
    }
    out
}

fn hero(c: &mut Checker<'_, '_>, raw: super::raw::RawHero) -> Option<Hero> {
    let src = text(raw.src);
    let alt = raw.alt.map(|t| t.0);
    let Some(src) = src else {
        c.error(&[k("hero")], "`hero` needs a `src` (the image's URL)");
        return None;
    };
    // A root-relative or relative `src` (a file of the page's bundle) is
    // checked against the site's files by the Markdown stage.
    match urls::classify(&src) {
        UrlKind::External if !src.starts_with("mailto:") => {
            c.http_url(&[k("hero"), k("src")], &src);
        }
        UrlKind::RootRelative | UrlKind::Relative => {}
        _ => {
            c.error(
                &[k("hero"), k("src")],
                "this kind of URL is not allowed for an image",
            );
        }
    }
    if let Some(caption) = raw.caption.as_ref() {
        c.inline(&[k("hero"), k("caption")], &caption.0);
    }
    match alt {
        Some(a) if !a.trim().is_empty() => Some(Hero {
            src,
            alt: a,
            caption: text(raw.caption),
            credit: text(raw.credit),
        }),
        _ => {
            c.error(&[k("hero")], "the hero image needs `alt` text")
                .set_help(
                    "describe what the image shows for readers who cannot see it, \
                              e.g. `alt: \"Traffic queuing at the bridge at dusk\"`",
                );
            None
        }
    }
}

fn dated(c: &mut Checker<'_, '_>, key: &str, raw: Vec<RawDated>) -> Vec<Dated> {
    let mut out: Vec<Dated> = raw
        .into_iter()
        .enumerate()
        .filter_map(|(i, d)| {
            c.inline(&[k(key), Seg::Index(i), k("note")], &d.note.0);
            let date = c.date(&[k(key), Seg::Index(i), k("date")], &d.date.0)?;
            Some(Dated {
                date,
                note: d.note.0,
            })
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.date));
    out
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
