//! Templates, the fourth stage: the built-in theme overlaid by the site's
//! own `templates/`, loaded once into one Tera 2 instance, and every page
//! rendered through it.
//!
//! This is the only stage that names Tera. The Markdown stage asks for its
//! components through [`crate::markdown::Component`] ([`components`]);
//! [`page`] renders an explainer's page around its rendered body; [`lists`]
//! makes the list pages (home, tags, feed, sitemap…) from values serialized
//! once per explainer ([`lists::Listed`]).
//!
//! Site-wide values are in Tera's global context: `site` (title, base URL,
//! language, …) and `labels` (every user-visible word of the theme). Template
//! errors become [`Diagnostic`]s pointing into the template file, like
//! content errors.

pub mod card;
mod claim_review;
mod components;
pub mod context;
mod errors;
pub mod feeds;
mod listed;
pub mod lists;
mod native;
pub mod nav;
pub mod page;
pub mod structured;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::load::SourceFile;
use crate::theme;
use errors::error_to_diagnostic;

/// Where a template came from, for error messages.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    /// `templates/page.html`, or `(built-in) templates/page.html`.
    pub(crate) file: Arc<str>,
    pub(crate) text: Arc<SourceText>,
}

/// The loaded templates: one Tera instance per language of the site, each
/// with the site's values and words of its language as globals.
pub struct Templates {
    teras: Vec<Tera>,
    origins: BTreeMap<String, Origin>,
    /// The built-in components rendered without Tera.
    native: native::Native,
}

/// The site values every template sees as `site`, in one language.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    /// The page's language (`fr`), and its direction (`ltr`, `rtl`).
    language: &'a str,
    dir: &'static str,
    author: Option<&'a str>,
    base_url: &'a str,
    /// The site's root path: where its assets are (`/repo/`).
    base_path: &'a str,
    /// The language's home: root-relative (`/repo/fr/`) and absolute.
    home: String,
    home_url: String,
    extra: &'a serde_json::Value,
    generator: &'static str,
    menu: Vec<nav::MenuView>,
    /// Every language of the site, the default first.
    languages: Vec<LanguageView<'a>>,
    /// Arrows for "back" and "forward" in this direction (`←`, `→`).
    arrow_back: &'static str,
    arrow_forward: &'static str,
}

/// A language of the site, as templates see it.
#[derive(Serialize)]
struct LanguageView<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'static str,
    home: String,
}

impl Templates {
    /// The built-in templates, then the site's own (by name inside
    /// `templates/`, as [`crate::load`] read them) over them.
    pub fn new(
        site: &[(String, SourceFile)],
        config: &SiteConfig,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut origins: BTreeMap<String, Origin> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| {
                let origin = Origin {
                    file: Arc::from(format!("(built-in) templates/{name}")),
                    text: SourceText::new(*text),
                };
                ((*name).to_string(), origin)
            })
            .collect();
        for (name, file) in site {
            let origin = Origin {
                file: file.rel.clone(),
                text: file.text.clone(),
            };
            origins.insert(name.clone(), origin);
        }
        let mut teras = Vec::with_capacity(config.languages.len());
        for (i, lang) in config.languages.iter().enumerate() {
            let mut tera = Tera::default();
            tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
            // `count(n=3, of="key_points_count")`: "3 key points", in the
            // plural form the language gives 3 (config/plural.rs).
            let counting = lang.clone();
            tera.register_function("count", move |kwargs: tera::Kwargs, _: &tera::State| {
                let n = kwargs.must_get::<i64>("n")?;
                let of = kwargs.must_get::<&str>("of")?;
                let n = u64::try_from(n).unwrap_or(0);
                Ok::<_, tera::Error>(counting.count(of, n))
            });
            if let Err(e) =
                tera.add_raw_templates(origins.iter().map(|(n, o)| (n.as_str(), o.text.as_str())))
            {
                if let ErrorKind::Msg(text) = e.kind() {
                    let all = errors::reports(text, &origins);
                    if !all.is_empty() {
                        return Err(all);
                    }
                }
                return Err(vec![error_to_diagnostic(&e, &origins)]);
            }
            let site = site_view(config, i, &|slug, _| slug.to_string());
            tera.global_context().insert("site", &site);
            tera.global_context().insert("labels", &lang.labels);
            teras.push(tera);
        }
        let native = native::Native::new(config, &|name| site.iter().any(|(n, _)| n == name));
        Ok(Self {
            teras,
            origins,
            native,
        })
    }

    /// The menus again, once the pages are known: `page` gives the path of
    /// the page of a slug in a language (its translation, or itself).
    pub fn set_menus(&mut self, config: &SiteConfig, page: &dyn Fn(&str, usize) -> String) {
        for (i, tera) in self.teras.iter_mut().enumerate() {
            tera.global_context()
                .insert("site", &site_view(config, i, page));
        }
    }

    /// The built-in theme alone.
    pub fn built_in(config: &SiteConfig) -> Result<Self, Vec<Diagnostic>> {
        Self::new(&[], config)
    }

    /// Renders template `name` in language `lang` (an index into the
    /// site's languages).
    fn render(&self, lang: usize, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera(lang)
            .render(name, context)
            .map_err(|e| self.diagnostic(name, &e))
    }

    /// The Tera instance of language `lang` (the first language's for an
    /// index out of range).
    fn tera(&self, lang: usize) -> &Tera {
        self.teras.get(lang).unwrap_or(&self.teras[0])
    }

    /// Renders a whole page as the bytes of its file, into a buffer of
    /// `capacity` (a page's size known ahead: no growing copies, and no
    /// UTF-8 check of what is only written out).
    fn render_bytes(
        &self,
        lang: usize,
        name: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(capacity);
        let rendered = self.tera(lang).render_to(name, context, &mut out);
        rendered
            .map(|()| out)
            .map_err(|e| self.diagnostic(name, &e))
    }

    /// A rendering error of template `name`, placed in its template.
    fn diagnostic(&self, name: &str, e: &tera::Error) -> Diagnostic {
        let d = error_to_diagnostic(e, &self.origins);
        if d.file.is_some() {
            return d;
        }
        // An error Tera gives no place for (a component recursing without
        // end): at least the template being rendered.
        match self.origins.get(name) {
            Some(o) => d.in_file(&o.file),
            None => d,
        }
    }

    /// A hash of every template's text: what a rendering can depend on
    /// besides its context and the site's settings.
    pub fn fingerprint(&self) -> u128 {
        let mut text = String::new();
        for (name, origin) in &self.origins {
            text.push_str(name);
            text.push('\0');
            text.push_str(origin.text.as_str());
            text.push('\0');
        }
        xxhash_rust::xxh3::xxh3_128(text.as_bytes())
    }

    /// Does a template of this name exist?
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }
}

/// The `site` values of language `i`.
fn site_view<'a>(
    config: &'a SiteConfig,
    i: usize,
    page: &dyn Fn(&str, usize) -> String,
) -> SiteView<'a> {
    let lang = &config.languages[i];
    let base = &config.base_url;
    SiteView {
        title: &lang.title,
        description: lang.description.as_deref(),
        language: &lang.code,
        dir: lang.dir(),
        author: config.author.as_deref(),
        base_url: base.as_str(),
        base_path: base.path(),
        home: base.root_relative(&lang.prefix),
        home_url: base.absolute(&lang.prefix),
        extra: &config.extra,
        generator: concat!("lede ", env!("CARGO_PKG_VERSION")),
        menu: nav::menu(config, i, page),
        languages: config
            .languages
            .iter()
            .map(|l| LanguageView {
                code: &l.code,
                name: &l.name,
                dir: l.dir(),
                home: base.root_relative(&l.prefix),
            })
            .collect(),
        arrow_back: if lang.rtl { "→" } else { "←" },
        arrow_forward: if lang.rtl { "←" } else { "→" },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Component, Components};

    fn config() -> SiteConfig {
        SiteConfig::parse(
            &Arc::from("site.yaml"),
            &SourceText::new("title: T\nbase_url: https://x.org/r/\n"),
        )
        .unwrap()
    }

    fn site_templates(root: &std::path::Path) -> Vec<(String, SourceFile)> {
        let sources = crate::load::site(root);
        assert!(sources.problems.is_empty(), "{:?}", sources.problems);
        sources.templates
    }

    #[test]
    fn built_in_templates_load() {
        let dir = tempfile::tempdir().unwrap();
        let t = Templates::new(&site_templates(dir.path()), &config()).unwrap();
        assert!(t.has("page.html"));
        assert!(t.has("components/quote.html"));
    }

    #[test]
    fn a_site_template_overrides_and_errors_point_into_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates/components")).unwrap();
        std::fs::write(
            dir.path().join("templates/components/figure.html"),
            "FIG {{ site.title }}",
        )
        .unwrap();
        let t = Templates::new(&site_templates(dir.path()), &config()).unwrap();
        let figure = Component::Figure {
            src: "a.png",
            picture: None,
            caption: "",
            credit: "",
            alt: "A",
        };
        let html = Components::render(&t, 0, &figure).unwrap();
        assert_eq!(html, "FIG T");
        std::fs::write(
            dir.path().join("templates/components/figure.html"),
            "line one\n{% if %}",
        )
        .unwrap();
        let errs = Templates::new(&site_templates(dir.path()), &config())
            .err()
            .unwrap();
        assert!(
            errs[0].message.starts_with("template syntax error"),
            "{:?}",
            errs[0]
        );
        assert!(
            errs[0]
                .location()
                .starts_with("templates/components/figure.html:2:"),
            "{}",
            errs[0].location()
        );
    }
}
