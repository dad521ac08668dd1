//! Front matter: split the `---` block off an explainer, parse it strictly
//! and validate it into a typed [`Meta`].
//!
//! [`parse`] reports every problem of a file at once, each with the file, line
//! and column it concerns.

mod check;
mod components;
pub mod raw;
mod sources;
mod validate;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

pub use crate::date::Date;
pub use components::{Claim, Fact, TimelineEntry};

use crate::diagnostics::{Diagnostic, SourceText};
use crate::doc::YamlDoc;

/// What a file of `content/` is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// An explainer: dated, listed on the home page, tags, feeds, archive.
    #[default]
    Explainer,
    /// A standalone page (About, Corrections policy): in the sitemap and
    /// the search, in no list.
    Page,
}

/// Validated front matter of one explainer.
#[derive(Clone, Debug)]
pub struct Meta {
    /// Explainer or page.
    pub kind: Kind,
    /// Headline.
    pub title: String,
    /// Standfirst.
    pub dek: Option<String>,
    /// Publication date (always there for an explainer; a page may have
    /// none).
    pub date: Option<Date>,
    /// Last update.
    pub updated: Option<Date>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Topics, as written, without duplicates.
    pub tags: Vec<String>,
    /// The slug written in the front matter, if any.
    pub slug: Option<String>,
    /// Built only with `--drafts`.
    pub draft: bool,
    /// Show a table of contents.
    pub toc: bool,
    /// Lead image.
    pub hero: Option<Hero>,
    /// The key points box.
    pub key_points: Vec<KeyPoint>,
    /// The source registry, in the order written.
    pub sources: Vec<Source>,
    /// Notes on terms.
    pub annotations: Vec<Annotation>,
    /// Update log, newest first.
    pub updates: Vec<Dated>,
    /// Corrections, newest first.
    pub corrections: Vec<Dated>,
    /// Old URLs that must keep working, as site paths (`old-slug/`), with
    /// the index of each in the front matter's list.
    pub aliases: Vec<String>,
    /// The series it belongs to.
    pub series: Option<String>,
    /// What we know.
    pub known: Vec<Fact>,
    /// What we don't know.
    pub unknown: Vec<Fact>,
    /// Claims checked.
    pub claims: Vec<Claim>,
    /// Dated events, in the order written.
    pub timeline: Vec<TimelineEntry>,
    /// The translation key written in the front matter, if any.
    pub translation_key: Option<String>,
    /// `live:` as written: `Some(true)` while a developing story is live,
    /// `Some(false)` once its coverage has ended.
    pub live: Option<bool>,
    /// Free map for themes.
    pub extra: serde_json::Value,
}

impl Meta {
    /// The source with this id. Source ids are matched ignoring ASCII
    /// case, everywhere they are used (`[^AP]` cites `ap`), so two ids that
    /// differ only in case are an error.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.eq_ignore_ascii_case(id))
    }

    /// The latest of `date`, `updated` and the update log's entries
    /// (`None`: a page without any).
    pub fn last_modified(&self) -> Option<Date> {
        let logged = self.updates.first().map(|u| u.date);
        // On a tie, `updated` as written wins over the log's entry.
        [self.updated, self.date, logged]
            .into_iter()
            .flatten()
            .fold(None, |latest: Option<Date>, d| match latest {
                Some(l) if l >= d => Some(l),
                _ => Some(d),
            })
    }

    /// A developing story, shown as live?
    pub fn is_live(&self) -> bool {
        self.live == Some(true)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// Is this an explainer (as opposed to a standalone page)?
    pub fn is_explainer(&self) -> bool {
        self.kind == Kind::Explainer
    }
}

/// The lead image.
#[derive(Clone, Debug)]
pub struct Hero {
    /// URL as written (root-relative or absolute).
    pub src: String,
    /// Text alternative.
    pub alt: String,
    /// Caption (inline Markdown).
    pub caption: Option<String>,
    /// Credit.
    pub credit: Option<String>,
}

/// One key point.
#[derive(Clone, Debug)]
pub struct KeyPoint {
    /// The point (inline Markdown).
    pub text: String,
    /// Source ids cited for it.
    pub sources: Vec<String>,
    /// Heading id that says more.
    pub section: Option<String>,
}

/// A source of the registry.
#[derive(Clone, Debug)]
pub struct Source {
    /// The key it is cited by.
    pub id: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Link (http/https).
    pub url: Option<String>,
    /// Publication date, as a display string and a machine-readable one.
    pub date: Option<SourceDate>,
    /// Archive link (http/https).
    pub archived: Option<String>,
}

/// A source's date: a year, a month or a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDate {
    /// `2022`, `November 2022` or `4 February 2026`.
    pub human: String,
    /// `2022`, `2022-11` or `2026-02-04` (for `<time datetime>`).
    pub machine: String,
}

/// An annotation on a term of the body.
#[derive(Clone, Debug)]
pub struct Annotation {
    /// The term, as it appears in the text.
    pub term: String,
    /// The note (inline Markdown).
    pub note: String,
    /// A source id cited after the note.
    pub source: Option<String>,
}

/// An update or a correction.
#[derive(Clone, Debug)]
pub struct Dated {
    /// When.
    pub date: Date,
    /// What (inline Markdown).
    pub note: String,
}

/// An explainer's front matter, parsed, with where things are in the file.
#[derive(Clone, Debug)]
pub struct FrontMatter {
    /// The validated data.
    pub meta: Meta,
    /// Byte range of the YAML text in the file.
    pub yaml: Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Where the front matter block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text.
    pub yaml: Range<usize>,
    /// Byte offset of the body.
    pub body_start: usize,
}

/// Finds the `---` … `---` block at the top of a file.
pub fn split(text: &str) -> Result<Split, &'static str> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(
            "missing front matter: an explainer starts with a line `---`, then YAML, then `---`",
        );
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: yaml_start..pos,
                body_start: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err("unterminated front matter: no closing `---` line")
}

/// Splits, parses and validates the front matter of an explainer.
pub fn parse(file: &Arc<str>, source: &Arc<SourceText>) -> Result<FrontMatter, Vec<Diagnostic>> {
    parse_or_stand_in(file, source).map_err(|(errors, _)| errors)
}

/// Like [`parse`], but a front matter with problems also gives a stand-in
/// (what did read, with placeholders) when the block could be split from
/// the body: the body is then checked against it, so its own errors show
/// in the same run.
pub fn parse_or_stand_in(
    file: &Arc<str>,
    source: &Arc<SourceText>,
) -> Result<FrontMatter, (Vec<Diagnostic>, Option<Box<FrontMatter>>)> {
    let split = split(source).map_err(|message| {
        let end = source.find('\n').unwrap_or(source.len()).min(3);
        let d = Diagnostic::error(message).at(file, source, 0..end);
        let d = if message.starts_with("unterminated") {
            let lines = source.lines().count();
            d.label("the block opens here")
                .help(format!("end the front matter with a line `---` before the Markdown; the file has {lines} lines and none of them is `---`"))
        } else {
            d.label("front matter should open here")
                .help("add the block, e.g.\n---\ntitle: \"…\"\ndate: 2026-02-04\n---")
        };
        (vec![d], None)
    })?;
    let doc = YamlDoc {
        file,
        source,
        start: split.yaml.start,
        text: &source[split.yaml.clone()],
    };
    let front = |meta| FrontMatter {
        meta,
        yaml: split.yaml.clone(),
        body_start: split.body_start,
    };
    if doc.text.trim().is_empty() {
        return match validate::read(&doc, raw::RawFrontMatter::default(), &[]) {
            (meta, errors, true) if errors.is_empty() => Ok(front(meta)),
            (meta, errors, _) => Err((errors, Some(Box::new(front(meta))))),
        };
    }
    let salvage = RefCell::new(raw::RawFrontMatter::default());
    let read = |text: &str, key: &str| raw::read_field(&mut salvage.borrow_mut(), text, key);
    let meta = match doc.parse("front matter", &read) {
        Ok(raw) => match validate::read(&doc, raw, &[]) {
            (meta, errors, true) if errors.is_empty() => meta,
            (meta, errors, _) => return Err((errors, Some(Box::new(front(meta))))),
        },
        Err(mut errors) => {
            // Validate what did parse, so one run shows every problem.
            // A misspelt key counts as its intended one: no "missing" error too.
            let Ok(keys) = crate::yaml::top_level_keys(doc.text) else {
                return Err((errors, None));
            };
            let present: Vec<String> = keys
                .iter()
                .map(|k| {
                    crate::suggest::intended_key(k, known_keys())
                        .unwrap_or(k)
                        .to_string()
                })
                .collect();
            let (meta, more, _) = validate::read(&doc, salvage.into_inner(), &present);
            errors.extend(more);
            return Err((errors, Some(Box::new(front(meta)))));
        }
    };
    Ok(front(meta))
}

/// The known top-level keys (for suggestions and the schema).
pub fn known_keys() -> &'static [&'static str] {
    crate::yaml::struct_fields::<raw::RawFrontMatter>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_the_block() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, 4..13);
        assert_eq!(s.body_start, 17);
        let s = split("---  \na: b\n...\n").unwrap();
        assert_eq!(s.body_start, 15);
        assert!(split("title: a\n").unwrap_err().starts_with("missing"));
        assert!(
            split("---\ntitle: a\n")
                .unwrap_err()
                .starts_with("unterminated")
        );
        assert_eq!(
            split("---\n---").unwrap(),
            Split {
                yaml: 4..4,
                body_start: 7
            }
        );
    }

    #[test]
    fn known_keys_cover_the_format() {
        assert_eq!(
            known_keys(),
            [
                "title",
                "dek",
                "date",
                "updated",
                "authors",
                "tags",
                "slug",
                "draft",
                "toc",
                "hero",
                "key_points",
                "sources",
                "annotations",
                "updates",
                "corrections",
                "kind",
                "aliases",
                "series",
                "known",
                "unknown",
                "claims",
                "timeline",
                "translation_key",
                "live",
                "extra"
            ]
        );
    }
}
