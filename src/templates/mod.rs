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

mod claim_review;
mod components;
pub mod context;
mod errors;
pub mod lists;
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

/// The loaded templates.
pub struct Templates {
    tera: Tera,
    origins: BTreeMap<String, Origin>,
}

/// The site values every template sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    author: Option<&'a str>,
    base_url: &'a str,
    base_path: &'a str,
    extra: &'a serde_json::Value,
    generator: &'static str,
    menu: Vec<nav::MenuView>,
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
        let mut tera = Tera::default();
        // `count(n=3, of="key_points_count")`: "3 key points", in the
        // plural form the site's language gives 3 (config/plural.rs).
        let (labels, language) = (config.labels.clone(), config.language.clone());
        tera.register_function("count", move |kwargs: tera::Kwargs, _: &tera::State| {
            let n = kwargs.must_get::<i64>("n")?;
            let of = kwargs.must_get::<&str>("of")?;
            let n = u64::try_from(n).unwrap_or(0);
            Ok::<_, tera::Error>(crate::config::plural::count(&labels, &language, of, n))
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
        let site = SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            language: &config.language,
            author: config.author.as_deref(),
            base_url: config.base_url.as_str(),
            base_path: config.base_url.path(),
            extra: &config.extra,
            generator: concat!("lede ", env!("CARGO_PKG_VERSION")),
            menu: nav::menu(config),
        };
        tera.global_context().insert("site", &site);
        tera.global_context().insert("labels", &config.labels);
        Ok(Self { tera, origins })
    }

    /// The built-in theme alone.
    pub fn built_in(config: &SiteConfig) -> Result<Self, Vec<Diagnostic>> {
        Self::new(&[], config)
    }

    /// Renders template `name`.
    fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            let d = error_to_diagnostic(&e, &self.origins);
            if d.file.is_some() {
                return d;
            }
            // An error Tera gives no place for (a component recursing
            // without end): at least the template being rendered.
            match self.origins.get(name) {
                Some(o) => d.in_file(&o.file),
                None => d,
            }
        })
    }

    /// Does a template of this name exist?
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
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
            caption: "",
            credit: "",
            alt: "A",
        };
        let html = Components::render(&t, &figure).unwrap();
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
