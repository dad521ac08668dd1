//! Raw front matter → [`Meta`]: required fields, dates, URLs, source ids.
//! Every problem is collected (not only the first) with its position.

use std::collections::HashSet;

use super::raw::{RawAnnotation, RawDated, RawFrontMatter, RawKeyPoint};
use super::{Annotation, Date, Dated, Hero, KeyPoint, Meta, Source, SourceDate};
use crate::diagnostics::Diagnostic;
use crate::doc::{YamlDoc, closest};
use crate::slug::{is_slug, slugify};
use crate::urls::{self, UrlKind};
use crate::yaml::{Seg, Target, Text};

struct Checker<'d, 'a> {
    doc: &'d YamlDoc<'a>,
    errors: Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    fn error(&mut self, path: &[Seg], message: impl Into<String>) -> &mut Diagnostic {
        self.errors
            .push(self.doc.error_at(path, Target::Value, message));
        let last = self.errors.len() - 1;
        &mut self.errors[last]
    }

    fn date(&mut self, path: &[Seg], text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(path, format!("bad date: {msg}"));
                None
            }
        }
    }

    fn http_url(&mut self, path: &[Seg], url: &str) {
        if let Err(msg) = urls::check_http_url(url) {
            self.error(path, msg);
        }
    }

    /// Inline Markdown (key points, notes, captions) may link, but never
    /// with a `javascript:`, `vbscript:` or `data:` URL.
    fn inline(&mut self, path: &[Seg], markdown: &str) {
        if let Some(url) = crate::markdown::inline::dangerous_url(markdown) {
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

    fn source_ids(&mut self, path: &[Seg], ids: &[&str], known: &HashSet<&str>) {
        let known_list: Vec<&str> = known.iter().copied().collect();
        for id in ids {
            if !known.contains(id) {
                let d =
                    self.doc
                        .error_at(path, Target::Value, format!("`{id}` is not a source id"));
                let help = match closest(id, &known_list) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if known.is_empty() => "define it under `sources:` first".to_string(),
                    None => format!("sources defined: {}", sorted(&known_list)),
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

fn k(key: &str) -> Seg {
    Seg::key(key)
}

fn text(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0).filter(|s| !s.trim().is_empty())
}

/// Validates raw front matter. `present` lists keys that are in the document
/// but failed to parse (already reported), so they are not "missing" too.
pub(super) fn validate(
    doc: &YamlDoc<'_>,
    raw: RawFrontMatter,
    present: &[String],
) -> Result<Meta, Vec<Diagnostic>> {
    let mut c = Checker {
        doc,
        errors: Vec::new(),
    };
    let reported = |key: &str| present.iter().any(|p| p == key);
    let title = text(raw.title);
    if title.is_none() && !reported("title") {
        c.error(&[k("title")], "an explainer needs a `title`").help =
            Some("add a line such as `title: \"What the new toll changes\"`".into());
    }
    let date = match raw.date {
        Some(t) => c.date(&[k("date")], &t.0),
        None if reported("date") => None,
        None => {
            c.error(&[k("date")], "an explainer needs a `date`").help =
                Some("add the publication date, e.g. `date: 2026-02-04`".into());
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
    for (i, Text(tag)) in raw.tags.unwrap_or_default().into_iter().enumerate() {
        if slugify(&tag).is_empty() {
            c.error(
                &[k("tags"), Seg::Index(i)],
                format!("tag `{tag}` has no letters or digits"),
            );
        } else if !tags.iter().any(|t: &String| slugify(t) == slugify(&tag)) {
            tags.push(tag);
        }
    }
    let sources = sources(&mut c, raw.sources.map(|m| m.0).unwrap_or_default());
    let ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let key_points = key_points(&mut c, raw.key_points.unwrap_or_default(), &ids);
    let annotations = annotations(
        &mut c,
        raw.annotations.map(|m| m.0).unwrap_or_default(),
        &ids,
    );
    let hero = raw.hero.and_then(|h| hero(&mut c, h));
    let updates = dated(&mut c, "updates", raw.updates.unwrap_or_default());
    let corrections = dated(&mut c, "corrections", raw.corrections.unwrap_or_default());
    let authors: Vec<String> = raw
        .authors
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.0)
        .filter(|a| !a.trim().is_empty())
        .collect();
    match (title, date, c.errors.is_empty()) {
        (Some(title), Some(date), true) => Ok(Meta {
            title,
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
            extra: raw
                .extra
                .map_or(serde_json::Value::Object(Default::default()), |v| v.0),
        }),
        _ => Err(c.errors),
    }
}

fn sources(c: &mut Checker<'_, '_>, raw: Vec<(String, super::raw::RawSource)>) -> Vec<Source> {
    let mut out = Vec::with_capacity(raw.len());
    for (id, s) in raw {
        let at = |field: &str| [k("sources"), k(&id), k(field)];
        if !is_source_id(&id) {
            let d = c.doc.error_at(
                &[k("sources"), k(&id)],
                Target::Key,
                format!("`{id}` cannot be a source id"),
            );
            c.errors.push(
                d.label("letters, digits, `-` and `_` only")
                    .help("the id is what you cite in the text as [^id]"),
            );
        }
        let publisher = text(s.publisher);
        let title = text(s.title);
        if publisher.is_none() && title.is_none() {
            c.errors.push(
                c.doc
                    .error_at(
                        &[k("sources"), k(&id)],
                        Target::Key,
                        format!("source `{id}` needs a `publisher` or a `title`"),
                    )
                    .label("neither is given"),
            );
        }
        let url = s.url.map(|t| t.0);
        if let Some(u) = &url {
            c.http_url(&at("url"), u);
        }
        let archived = s.archived.map(|t| t.0);
        if let Some(u) = &archived {
            c.http_url(&at("archived"), u);
        }
        let date = s.date.and_then(|t| match source_date(&t.0) {
            Ok(d) => Some(d),
            Err(msg) => {
                c.error(&at("date"), msg);
                None
            }
        });
        out.push(Source {
            id,
            publisher,
            title,
            url,
            date,
            archived,
        });
    }
    out
}

/// Source ids are cited as `[^id]`: no spaces or brackets.
fn is_source_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
}

/// A source's date may be a year, a month or a day (documents are often dated
/// only by year).
fn source_date(text: &str) -> Result<SourceDate, String> {
    let s = text.trim();
    let bytes = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        bytes
            .get(r)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    if s.len() == 4 && digits(0..4) {
        return Ok(SourceDate {
            human: s.to_string(),
            machine: s.to_string(),
        });
    }
    if s.len() == 7 && digits(0..4) && bytes[4] == b'-' && digits(5..7) {
        let month: usize = s[5..7].parse().unwrap_or(0);
        if let Some(name) = super::date::month_name(month) {
            return Ok(SourceDate {
                human: format!("{name} {}", &s[..4]),
                machine: s.to_string(),
            });
        }
    }
    let d = Date::parse(s)
        .map_err(|e| format!("bad date: {e} (a source may also be dated 2022 or 2022-11)"))?;
    Ok(SourceDate {
        human: d.human(),
        machine: d.iso_day(),
    })
}

fn key_points(
    c: &mut Checker<'_, '_>,
    raw: Vec<RawKeyPoint>,
    ids: &HashSet<&str>,
) -> Vec<KeyPoint> {
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
    ids: &HashSet<&str>,
) -> Vec<Annotation> {
    let mut out = Vec::with_capacity(raw.len());
    for (term, a) in raw {
        let (note, source) = match a {
            RawAnnotation::Short(n) => (n, None),
            RawAnnotation::Long(l) => (l.note.0, l.source.map(|t| t.0)),
        };
        if term.trim().is_empty() {
            c.error(&[k("annotations")], "an annotation has an empty term");
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
    match urls::classify(&src) {
        UrlKind::RootRelative | UrlKind::External if !src.starts_with("mailto:") => {
            if urls::classify(&src) == UrlKind::External {
                c.http_url(&[k("hero"), k("src")], &src);
            }
        }
        UrlKind::Dangerous => {
            c.error(
                &[k("hero"), k("src")],
                "this kind of URL is not allowed for an image",
            );
        }
        _ => {
            c.error(&[k("hero"), k("src")], format!("`{src}` is a relative URL"))
                .set_help(format!(
                    "write it from the site root, e.g. `/images/{}`: it is resolved under base_url",
                    src.trim_start_matches("./")
                ));
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
mod tests {
    use std::sync::Arc;

    use crate::front_matter::parse;

    fn errors(front: &str) -> Vec<String> {
        let src: Arc<str> = Arc::from(format!("---\n{front}---\nbody\n"));
        match parse(&Arc::from("content/a.md"), &src) {
            Ok(_) => Vec::new(),
            Err(ds) => ds
                .iter()
                .map(|d| format!("{} {}", d.location(), d.message))
                .collect(),
        }
    }

    const OK: &str = "title: T\ndate: 2026-02-04\n";

    #[test]
    fn a_full_front_matter_parses() {
        let src: Arc<str> = Arc::from(
            "\u{feff}---\r\ntitle: 1984\r\ndate: 2026-02-04\r\n---\r\n"
                .replace('\u{feff}', "")
                .replace("\r\n", "\n"),
        );
        let fm = parse(&Arc::from("a.md"), &src).unwrap();
        assert_eq!(fm.meta.title, "1984");
    }

    #[test]
    fn required_fields() {
        let e = errors("dek: d\n");
        assert_eq!(
            e,
            [
                "content/a.md:2:1 an explainer needs a `title`",
                "content/a.md:2:1 an explainer needs a `date`"
            ]
        );
    }

    #[test]
    fn urls_dates_and_ids_are_checked_with_positions() {
        let e = errors(&format!(
            "{OK}updated: 2026-13-01\nsources:\n  a: {{ title: A, url: \"javascript:alert(1)\" }}\n  b:\n    publisher: B\n    date: sometime\nkey_points:\n  - text: K\n    sources: [a, c]\n"
        ));
        assert_eq!(e.len(), 4, "{e:#?}");
        assert!(e[0].starts_with("content/a.md:4:10 bad date"), "{}", e[0]);
        assert!(
            e[1].starts_with("content/a.md:6:23 `javascript:` URLs are not allowed"),
            "{}",
            e[1]
        );
        assert!(e[2].starts_with("content/a.md:9:11 bad date"), "{}", e[2]);
        assert_eq!(e[3], "content/a.md:12:14 `c` is not a source id");
    }

    #[test]
    fn hero_needs_alt_and_a_usable_src() {
        let e = errors(&format!("{OK}hero:\n  src: images/a.jpg\n"));
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].contains("is a relative URL"));
        assert!(e[1].contains("needs `alt` text"));
        assert!(errors(&format!("{OK}hero: {{ src: /a.jpg, alt: A photo }}\n")).is_empty());
    }

    #[test]
    fn slug_and_source_shapes() {
        let e = errors(&format!(
            "{OK}slug: Bad Slug\nsources:\n  x: {{ url: https://a.org }}\n"
        ));
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].contains("not a valid slug"));
        assert!(e[1].contains("needs a `publisher` or a `title`"));
    }

    #[test]
    fn duplicate_keys_inside_maps_are_errors() {
        let e = errors(&format!("{OK}annotations:\n  term: one\n  term: two\n"));
        assert_eq!(
            e,
            ["content/a.md:6:3 `annotations`: duplicate key `term`: it is already defined above"]
        );
    }

    #[test]
    fn wrong_shapes_are_all_reported() {
        let e = errors(
            "titel: T\ndate: 2026-02-04\nkey_points: one point\nsources:\n  a: { title: A, url: \"javascript:x\" }\n",
        );
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(
            e[0].starts_with("content/a.md:2:1 unknown key `titel`"),
            "{}",
            e[0]
        );
        assert!(
            e[1].starts_with("content/a.md:4:13 `key_points`: expected a list"),
            "{}",
            e[1]
        );
        assert!(
            e[2].starts_with("content/a.md:6:23 `javascript:` URLs are not allowed"),
            "{}",
            e[2]
        );
    }
}
