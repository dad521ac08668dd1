//! Templates: the built-in theme overlaid by the site's own `templates/`,
//! loaded once into one Tera 2 instance.
//!
//! Site-wide values are in Tera's global context: `site` (title, base URL,
//! language, …) and `labels` (every user-visible word of the theme). Template
//! errors become [`Diagnostic`]s pointing into the template file, like
//! content errors.

pub mod context;
mod errors;
pub mod structured;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::load::{self, decode, rel_name};
use crate::markdown::Components;
use crate::theme;
use errors::error_to_diagnostic;

/// Where a template came from, for error messages.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    /// `templates/page.html`, or `(built-in) templates/page.html`.
    pub(crate) file: Arc<str>,
    pub(crate) text: Arc<str>,
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
}

impl Templates {
    /// Loads the built-in templates, then the site's `templates/` over them.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Self, Vec<Diagnostic>> {
        let mut origins: BTreeMap<String, Origin> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| {
                let origin = Origin {
                    file: Arc::from(format!("(built-in) templates/{name}")),
                    text: Arc::from(*text),
                };
                ((*name).to_string(), origin)
            })
            .collect();
        let errors = read_site_templates(root, &mut origins);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::default();
        if let Err(e) = tera.add_raw_templates(origins.iter().map(|(n, o)| (n.as_str(), &*o.text)))
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
        };
        tera.global_context().insert("site", &site);
        tera.global_context().insert("labels", &config.labels);
        Ok(Self { tera, origins })
    }

    /// Renders template `name`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
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

impl Components for Templates {
    fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let mut template = String::with_capacity(name.len() + 16);
        template.push_str("components/");
        template.push_str(name);
        template.push_str(".html");
        Templates::render(self, &template, context)
    }
}

/// Reads the site's `templates/` over the built-in ones. Symbolic links are
/// followed only to files inside the site; hidden files are skipped.
fn read_site_templates(root: &Path, origins: &mut BTreeMap<String, Origin>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let dir = match load::site_dir(root, "templates") {
        Ok(Some(dir)) => dir,
        Ok(None) => return errors,
        Err(d) => return vec![d],
    };
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::error(format!("cannot read templates/: {e}")));
                continue;
            }
        };
        let file = rel_name(root, entry.path());
        let path = if entry.file_type().is_symlink() {
            match entry.path().canonicalize() {
                Ok(t) if t.starts_with(&real_root) && t.is_file() => t,
                _ => {
                    errors.push(
                        Diagnostic::error("this template is a symbolic link that is broken, loops or leads outside the site")
                            .in_file(&file)
                            .help("lede follows links only to files inside the site; copy the template instead"),
                    );
                    continue;
                }
            }
        } else if entry.file_type().is_file() {
            entry.path().to_path_buf()
        } else {
            continue;
        };
        let name = rel_name(&dir, entry.path()).to_string();
        match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| decode(b).map_err(|e| e.0))
        {
            Ok(text) => {
                let origin = Origin {
                    file,
                    text: Arc::from(text),
                };
                origins.insert(name, origin);
            }
            Err(e) => errors
                .push(Diagnostic::error(format!("cannot read this template: {e}")).in_file(&file)),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse(
            &Arc::from("site.yaml"),
            &Arc::from("title: T\nbase_url: https://x.org/r/\n"),
        )
        .unwrap()
    }

    #[test]
    fn built_in_templates_load() {
        let dir = tempfile::tempdir().unwrap();
        let t = Templates::load(dir.path(), &config()).unwrap();
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
        let t = Templates::load(dir.path(), &config()).unwrap();
        let html = Components::render(&t, "figure", &Context::new()).unwrap();
        assert_eq!(html, "FIG T");
        std::fs::write(
            dir.path().join("templates/components/figure.html"),
            "line one\n{% if %}",
        )
        .unwrap();
        let errs = Templates::load(dir.path(), &config()).err().unwrap();
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
