//! `site.yaml`: read strictly (an unknown key is an error that names the
//! closest known key), then validated into [`SiteConfig`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceText};
use crate::doc::YamlDoc;
use crate::load::SourceFile;

use crate::urls::BaseUrl;
use crate::yaml::{self, FreeValue, Seg, Target, Text, UniqueMap, YamlError};

mod images;
mod labels;
mod languages;
mod nav;
pub mod plural;
mod verdicts;

pub use images::{Format, Images};
pub use labels::{DEFAULT_LABELS, built_in};
pub use languages::{Language, untranslated};
pub use nav::is_organization;
pub use nav::{AuthorProfile, MenuEntry, MenuTarget};
pub use verdicts::{Verdict, default_scale, rating_bounds};

/// The file name of the site settings.
pub const FILE: &str = crate::load::CONFIG_FILE;

/// `site.yaml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// The site's name.
    pub title: Option<Text>,
    /// Absolute URL the site is published at.
    pub base_url: Option<Text>,
    /// One-sentence description (home page meta description, feed subtitle).
    pub description: Option<Text>,
    /// BCP 47 language tag, default `en`.
    pub language: Option<Text>,
    /// Default author / publisher name.
    pub author: Option<Text>,
    /// Custom domain for GitHub Pages (writes `CNAME`).
    pub cname: Option<Text>,
    /// Overrides of the theme's user-visible words.
    pub labels: Option<UniqueMap<Text>>,
    /// Syntax highlighting theme (a syntect theme name).
    pub highlight_theme: Option<Text>,
    /// Explainers per list page (home, tags, authors); default 20.
    pub paginate: Option<usize>,
    /// The header menu.
    pub menu: Option<Vec<nav::RawMenuEntry>>,
    /// Authors' profiles, by name.
    pub authors: Option<UniqueMap<nav::RawAuthor>>,
    /// The verdict scale of claim checks.
    pub verdicts: Option<UniqueMap<verdicts::RawVerdict>>,
    /// The site's other languages (and overrides for the default one).
    pub languages: Option<UniqueMap<languages::RawLanguage>>,
    /// How raster images are published.
    pub images: Option<images::RawImages>,
    /// A social card image for every explainer (default: yes).
    pub cards: Option<bool>,
    /// Free map for themes.
    pub extra: Option<FreeValue>,
}

/// Validated site settings.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The site's name.
    pub title: String,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// One-sentence description.
    pub description: Option<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// Default author / publisher name.
    pub author: Option<String>,
    /// Custom domain (GitHub Pages `CNAME`).
    pub cname: Option<String>,
    /// Every label of the theme, defaults overlaid by the site's own.
    pub labels: BTreeMap<String, String>,
    /// Syntax highlighting theme name (light); see [`crate::markdown`].
    pub highlight_theme: String,
    /// Explainers per list page.
    pub paginate: usize,
    /// The header menu.
    pub menu: Vec<MenuEntry>,
    /// Authors' profiles.
    pub authors: Vec<AuthorProfile>,
    /// The verdict scale of claim checks, in its order.
    pub verdicts: Vec<Verdict>,
    /// The site's languages: the default one first (at the root), then
    /// the others in the order written (each under `/<code>/`).
    pub languages: Vec<Language>,
    /// How raster images are published.
    pub images: Images,
    /// A social card for every explainer.
    pub cards: bool,
    /// Free map for themes.
    pub extra: serde_json::Value,
    /// The text it was read from (to point at a value found bad later).
    pub source: Arc<SourceText>,
}

/// The default syntax highlighting theme.
pub const DEFAULT_HIGHLIGHT_THEME: &str = "InspiredGitHub";

impl SiteConfig {
    /// Validates `site.yaml` as read.
    pub fn from_file(file: &SourceFile) -> Result<Self, Vec<Diagnostic>> {
        Self::parse(&file.rel, &file.text)
    }

    /// Validates the text of a `site.yaml`.
    pub fn parse(file: &Arc<str>, source: &Arc<SourceText>) -> Result<Self, Vec<Diagnostic>> {
        let doc = YamlDoc::whole(file, source);
        let raw: RawConfig = if source.trim().is_empty() {
            RawConfig::default()
        } else {
            doc.parse("site.yaml", &check_field)?
        };
        validate(&doc, raw)
    }

    /// An error about the value of `key`, found after loading (an unknown
    /// highlight theme).
    pub fn error_at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.error_at(&[Seg::key(key)], Target::Value, message)
    }

    /// An error about the node at `path`, found after loading (a menu entry
    /// naming no page).
    pub fn error_at(&self, path: &[Seg], target: Target, message: impl Into<String>) -> Diagnostic {
        let file: Arc<str> = Arc::from(FILE);
        YamlDoc::whole(&file, &self.source).error_at(path, target, message)
    }

    /// A warning about the node at `path`, found after loading.
    pub fn warning_at(
        &self,
        path: &[Seg],
        target: Target,
        message: impl Into<String>,
    ) -> Diagnostic {
        let file: Arc<str> = Arc::from(FILE);
        YamlDoc::whole(&file, &self.source).warning_at(path, target, message)
    }

    /// A label by key (the default if somehow missing).
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).map_or(key, String::as_str)
    }
}

fn check_field(text: &str, key: &str) -> Result<(), YamlError> {
    match key {
        "labels" => yaml::field::<Option<UniqueMap<Text>>>(text, key).map(drop),
        "paginate" => yaml::field::<Option<usize>>(text, key).map(drop),
        "menu" => yaml::field::<Option<Vec<nav::RawMenuEntry>>>(text, key).map(drop),
        "authors" => yaml::field::<Option<UniqueMap<nav::RawAuthor>>>(text, key).map(drop),
        "verdicts" => yaml::field::<Option<UniqueMap<verdicts::RawVerdict>>>(text, key).map(drop),
        "extra" => yaml::field::<Option<FreeValue>>(text, key).map(drop),
        _ => yaml::field::<Option<Text>>(text, key).map(drop),
    }
}

fn validate(doc: &YamlDoc<'_>, raw: RawConfig) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |key: &str| [Seg::key(key)];
    let title = match raw.title {
        Some(Text(t)) if !t.trim().is_empty() => t,
        _ => {
            errors.push(
                doc.error_at(&at("title"), Target::Value, "site.yaml needs a `title`")
                    .help("add a line such as `title: \"The Explainer Desk\"`"),
            );
            String::new()
        }
    };
    let base_url = match raw.base_url.map(|t| BaseUrl::parse(&t.0)) {
        Some(Ok(url)) => Some(url),
        Some(Err(msg)) => {
            errors.push(doc.error_at(
                &at("base_url"),
                Target::Value,
                format!("bad `base_url`: {msg}"),
            ));
            None
        }
        None => {
            errors.push(
                doc.error_at(&at("base_url"), Target::Value, "site.yaml needs a `base_url`")
                    .help("the address the site is published at, e.g. `base_url: https://user.github.io/repo/`"),
            );
            None
        }
    };
    let language = raw.language.map_or_else(|| "en".to_string(), |t| t.0);
    if !is_language_tag(&language) {
        errors.push(
            doc.error_at(
                &at("language"),
                Target::Value,
                format!("`{language}` is not a language tag"),
            )
            .help("use a BCP 47 tag such as `en`, `en-NZ`, `fr` or `pt-BR`"),
        );
    }
    let cname = raw.cname.map(|t| t.0.trim().to_string());
    if let Some(c) = &cname
        && (c.contains("://")
            || c.contains('/')
            || !c.contains('.')
            || c.contains(char::is_whitespace))
    {
        errors.push(
            doc.error_at(
                &at("cname"),
                Target::Value,
                format!("`{c}` is not a bare domain name"),
            )
            .help("write only the host, e.g. `cname: explainers.example.org`"),
        );
    }
    let mut others = raw.languages.map(|m| m.0).unwrap_or_default();
    // `languages:` may name the default language too, for its name.
    let own = others
        .iter()
        .position(|(code, _)| *code == language)
        .map(|i| others.remove(i).1);
    let labels = languages::labels(
        doc,
        &language,
        raw.labels,
        &[Seg::key("labels")],
        &mut errors,
    );
    let description = raw.description.map(|t| t.0);
    let mut langs = vec![languages::language(
        &language,
        true,
        title.clone(),
        description.clone(),
        own.and_then(|o| o.name).map(|t| t.0),
        labels.clone(),
    )];
    for (code, l) in others {
        let at = [Seg::key("languages"), Seg::key(&code)];
        if !is_language_tag(&code) {
            errors.push(
                doc.error_at(&at, Target::Key, format!("`{code}` is not a language code"))
                    .label("not a BCP 47 language tag")
                    .help("use a code such as `fr`, `de`, `pt-BR` or `ar`"),
            );
            continue;
        }
        let mut path = at.to_vec();
        path.push(Seg::key("labels"));
        let own_labels = languages::labels(doc, &code, l.labels, &path, &mut errors);
        let mut language = languages::language(
            &code,
            false,
            l.title.map_or_else(|| title.clone(), |t| t.0),
            l.description.map(|t| t.0).or_else(|| description.clone()),
            l.name.map(|t| t.0),
            own_labels,
        );
        language.menu = l.menu.map(|m| nav::menu(doc, m, &at, &mut errors));
        langs.push(language);
    }
    let paginate = nav::paginate(doc, raw.paginate, &mut errors);
    let menu = nav::menu(doc, raw.menu.unwrap_or_default(), &[], &mut errors);
    let authors = nav::authors(doc, raw.authors.unwrap_or_default(), &mut errors);
    let images = images::images(doc, raw.images, &mut errors);
    let custom_scale = raw.verdicts.is_some();
    let verdicts = verdicts::scale(doc, raw.verdicts, &labels, &mut errors);
    for lang in &mut langs {
        lang.verdicts = if custom_scale {
            verdicts.clone()
        } else {
            default_scale(&lang.labels)
        };
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(base_url) = base_url else {
        return Err(errors);
    };
    Ok(SiteConfig {
        title,
        base_url,
        description,
        language,
        author: raw.author.map(|t| t.0),
        cname,
        labels,
        highlight_theme: raw
            .highlight_theme
            .map_or_else(|| DEFAULT_HIGHLIGHT_THEME.to_string(), |t| t.0),
        extra: raw
            .extra
            .map_or(serde_json::Value::Object(Default::default()), |v| v.0),
        paginate,
        menu,
        authors,
        verdicts,
        languages: langs,
        images,
        cards: raw.cards.unwrap_or(true),
        source: doc.source.clone(),
    })
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        SiteConfig::parse(&Arc::from(FILE), &SourceText::new(text))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title: T\nbase_url: https://example.github.io/repo\n").unwrap();
        assert_eq!(c.base_url.path(), "/repo/");
        assert_eq!(c.language, "en");
        assert_eq!(c.label("key_points"), "Key points");
        assert_eq!(c.highlight_theme, DEFAULT_HIGHLIGHT_THEME);
    }

    #[test]
    fn labels_override_and_unknown_labels_are_errors() {
        let c = parse("title: T\nbase_url: https://x.org/\nlabels:\n  key_points: What we know\n")
            .unwrap();
        assert_eq!(c.label("key_points"), "What we know");
        let errs =
            parse("title: T\nbase_url: https://x.org/\nlabels:\n  keypoints: X\n").unwrap_err();
        assert_eq!(errs[0].location(), "site.yaml:4:3");
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `key_points`?"));
    }

    #[test]
    fn unknown_key_names_file_line_and_closest_key() {
        let errs = parse("title: T\nbase_ulr: https://x.org/\n").unwrap_err();
        assert_eq!(errs[0].location(), "site.yaml:2:1");
        assert!(errs[0].message.contains("unknown key `base_ulr`"));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `base_url`?"));
    }

    #[test]
    fn missing_and_bad_values() {
        let errs = parse("description: d\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        let errs = parse("title: T\nbase_url: /repo/\nlanguage: english!\ncname: https://a.org\n")
            .unwrap_err();
        let messages: Vec<_> = errs.iter().map(|d| d.location()).collect();
        assert_eq!(
            messages,
            ["site.yaml:2:11", "site.yaml:3:11", "site.yaml:4:8"]
        );
    }
}
