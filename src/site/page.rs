//! One explainer in the model ([`Page`]), the rules for its URL name (its
//! slug), and what it leaves behind once rendered ([`Written`]); and the
//! static files beside the pages.

use std::path::PathBuf;
use std::sync::Arc;

use super::search;
use crate::config::Language;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::doc::YamlDoc;
use crate::front_matter::{Date, FrontMatter};
use crate::load::{Bundle, SourceFile};
use crate::markdown::Facts;
use crate::slug::slugify;
use crate::templates::lists::Listed;

/// One explainer, or a standalone page.
#[derive(Debug)]
pub struct Page {
    /// The file.
    pub file: SourceFile,
    /// Its parsed front matter.
    pub front: FrontMatter,
    /// Its URL name.
    pub slug: String,
    /// The bundle it is the `index.md` of: its files are published beside
    /// it.
    pub bundle: Option<Bundle>,
    /// Dated in the future (built only with `--future`, or by `serve`).
    pub scheduled: bool,
    /// Its language: an index into the site's languages (0, the default,
    /// unless its file name says another: `treaty.fr.md`).
    pub lang: usize,
    /// What links it to its translations: `translation_key`, or its path
    /// in `content/` without its language and `.md` (`ocean/treaty`).
    pub key: String,
    /// The language its file name gives, when the site has no such
    /// language (an error the model reports).
    pub unknown_lang: Option<String>,
}

impl Page {
    /// A page of this file and front matter, in the language its file name
    /// gives (its slug by [`default_slug`], under the language's folder).
    pub fn new(
        file: SourceFile,
        front: FrontMatter,
        bundle: Option<Bundle>,
        languages: &[Language],
    ) -> Self {
        let (path, tag) = name_and_language(&file.rel, bundle.as_ref());
        let (lang, unknown_lang) = match tag {
            None => (0, None),
            Some(tag) => match languages
                .iter()
                .position(|l| l.code.eq_ignore_ascii_case(tag))
            {
                Some(i) => (i, None),
                None => (0, Some(tag.to_string())),
            },
        };
        let key = front.meta.translation_key.clone().unwrap_or(path);
        let slug = default_slug(&file.rel, &front, bundle.as_ref());
        let prefix = languages.get(lang).map_or("", |l| l.prefix.as_str());
        Self {
            scheduled: is_future(front.meta.date.as_ref()),
            file,
            front,
            slug: format!("{prefix}{slug}"),
            bundle,
            lang,
            key,
            unknown_lang,
        }
    }

    /// Its slug without its language's folder (`treaty` for `fr/treaty`).
    pub fn own_slug(&self) -> &str {
        match self.lang {
            0 => &self.slug,
            _ => self.slug.split_once('/').map_or(&self.slug, |(_, s)| s),
        }
    }

    /// An explainer (as opposed to a standalone page)?
    pub fn is_explainer(&self) -> bool {
        self.front.meta.is_explainer()
    }

    /// The front matter as a YAML document inside the file.
    pub fn front_doc(&self) -> YamlDoc<'_> {
        self.front_doc_in(&self.file.text)
    }

    /// The front matter as a YAML document inside `text`, the file's text
    /// (taken out of the page while it renders: [`super::Site::take_texts`]).
    pub fn front_doc_in<'a>(&'a self, text: &'a Arc<SourceText>) -> YamlDoc<'a> {
        YamlDoc {
            file: &self.file.rel,
            source: text,
            start: self.front.yaml.start,
            text: text.get(self.front.yaml.clone()).unwrap_or(""),
        }
    }
}

/// Where a static file comes from.
#[derive(Clone, Debug)]
pub enum StaticSource {
    /// Part of the built-in theme.
    BuiltIn(&'static [u8]),
    /// A file of the site's `static/`.
    Disk(PathBuf),
}

/// Reserved slugs: generated sections of the site.
pub(super) const RESERVED: &[&str] = crate::urls::RESERVED_DIRS;

/// An explainer's slug: `slug:` from its front matter, or its bundle's
/// folder name, or its file's stem without its language, slugified.
pub fn default_slug(rel: &str, front: &FrontMatter, bundle: Option<&Bundle>) -> String {
    front.meta.slug.clone().unwrap_or_else(|| {
        let stem = match bundle {
            Some(b) => b.name.as_str(),
            None => {
                let file = rel.rsplit('/').next().unwrap_or(rel);
                crate::slug::split_language(file.trim_end_matches(".md")).0
            }
        };
        slugify(stem)
    })
}

/// A content file's path in `content/` without its language and `.md`
/// (a bundle's: its folder's), and the language its name gives.
fn name_and_language<'a>(rel: &'a str, bundle: Option<&Bundle>) -> (String, Option<&'a str>) {
    let inside = rel.strip_prefix("content/").unwrap_or(rel);
    let (dir, file) = inside
        .rsplit_once('/')
        .map_or(("", inside), |(d, f)| (d, f));
    let (name, tag) = crate::slug::split_language(file.trim_end_matches(".md"));
    let path = match (bundle, dir) {
        (Some(_), _) => dir.to_string(),
        (None, "") => name.to_string(),
        (None, dir) => format!("{dir}/{name}"),
    };
    (path, tag)
}

/// Is this date in the future? A day is compared with today's date where
/// lede runs (an explainer dated today is published today); a time with
/// its offset, with the present moment.
pub fn is_future(date: Option<&Date>) -> bool {
    let Some(date) = date else {
        return false;
    };
    if date.has_time() {
        date.unix_seconds() > jiff::Timestamp::now().as_second()
    } else {
        date.iso_day() > jiff::Zoned::now().date().to_string()
    }
}

/// The problem with a page's slug, if any: empty, reserved, or already
/// used by the file `taken_by`.
pub fn slug_problem(page: &Page, taken_by: Option<&str>) -> Option<Diagnostic> {
    let doc = page.front_doc();
    let at_slug = || {
        if page.front.meta.slug.is_some() {
            doc.span_of(&[crate::yaml::Seg::key("slug")], crate::yaml::Target::Value)
        } else {
            0..3
        }
    };
    let d = if page.slug.is_empty() {
        Diagnostic::error("this file name gives an empty slug")
            .help("set `slug:` in the front matter")
    } else if RESERVED.contains(&page.own_slug()) {
        Diagnostic::error(format!(
            "the slug `{}` is reserved for lede's own pages",
            page.slug
        ))
        .help("set another `slug:` in the front matter")
    } else if let Some(first) = taken_by {
        Diagnostic::error(format!("the slug `{}` is already used by {first}", page.slug))
            .help("two explainers would be written to the same URL; set a different `slug:` in one of them")
    } else {
        return None;
    };
    Some(d.at(&page.file.rel, &page.file.text, at_slug()))
}

/// The order of `pages`: explainers newest first, then pages, then by slug.
pub fn page_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.is_explainer()
        .cmp(&a.is_explainer())
        .then_with(|| b.front.meta.date.cmp(&a.front.meta.date))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// What an explainer leaves behind once its page is written.
pub struct Written {
    /// Its summary as list templates see it, serialized once. (The feed,
    /// which needs the typed summary of its 50 entries, makes them again
    /// from the front matter rather than every page keeping one.)
    pub listed: Listed,
    /// What its body's rendering found (ids, anchor checks, problems…).
    pub facts: Facts,
    /// The search index's record (when the site has search): made once,
    /// shared with `serve`'s background indexer without a copy.
    pub record: Option<Arc<search::Record>>,
    /// The files of the explainers its page shows as related and in its
    /// series (for `serve`: when one of them changes, so does this page).
    pub shows: Vec<Arc<str>>,
}

impl Written {
    /// Its search record, taken (no copy unless `serve` still shares it).
    pub fn take_record(&mut self) -> Option<search::Record> {
        self.record
            .take()
            .map(|r| Arc::try_unwrap(r).unwrap_or_else(|r| (*r).clone()))
    }
}

/// The built-in static files, overlaid by the site's `static/`. A site file
/// byte-identical to the built-in of its name is that built-in (published
/// minified), not a replacement: see [`theme::StaticFile`].
pub(super) fn statics(
    found: Vec<crate::load::Found>,
) -> std::collections::BTreeMap<String, StaticSource> {
    let mut out: std::collections::BTreeMap<String, StaticSource> = crate::theme::STATIC
        .iter()
        .map(|f| (f.name.to_string(), StaticSource::BuiltIn(f.published)))
        .collect();
    for f in found {
        let same_as_built_in = crate::theme::STATIC.iter().any(|b| {
            b.name == f.name
                && std::fs::metadata(&f.path).is_ok_and(|m| m.len() == b.source.len() as u64)
                && std::fs::read(&f.path).is_ok_and(|bytes| bytes == b.source)
        });
        if !same_as_built_in {
            out.insert(f.name, StaticSource::Disk(f.path));
        }
    }
    out
}
