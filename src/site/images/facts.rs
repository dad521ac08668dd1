//! What the Markdown stage learns of an image a page shows: its size, its
//! `<picture>`, or why it cannot be published.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Cache, Known, Registry, picture, size};
use crate::config::Images;
use crate::config::SiteConfig;
use crate::markdown::ImageFacts;
use crate::site::page::{Page, StaticSource};

impl Registry {
    /// The registry of a site's raster files: its `static/` files and its
    /// pages' bundle files, those unchanged since the last build as it
    /// read them (`read`: the cache is used; `keep`: what is read now is
    /// kept for the next build).
    pub fn of_site(
        statics: &BTreeMap<String, StaticSource>,
        pages: &[Page],
        images: &Images,
        (cache, read, keep): (&Cache, bool, bool),
    ) -> Self {
        let mut files: Vec<(String, &Path)> = statics
            .iter()
            .filter_map(|(path, s)| match s {
                StaticSource::Disk(p) => Some((path.clone(), p.as_path())),
                StaticSource::BuiltIn(_) => None,
            })
            .collect();
        for p in pages {
            for f in p.bundle.iter().flat_map(|b| b.files.iter()) {
                files.push((format!("{}/{}", p.slug, f.name), f.path.as_path()));
            }
        }
        let known = if read {
            Known::read(cache.dir())
        } else {
            Known::default()
        };
        let registry = Registry::new(&files, images, &known);
        if keep {
            known.write(cache.dir(), &registry);
        }
        registry
    }
}

/// What a site's images are looked up in: its static files, its
/// registry, its settings, and whether pages show `<picture>`s.
pub struct Lookup<'a> {
    /// The static files.
    pub statics: &'a BTreeMap<String, StaticSource>,
    /// The raster images.
    pub images: &'a Registry,
    /// The settings.
    pub config: &'a SiteConfig,
    /// `<picture>`s (not in `check` and `serve`).
    pub pictures: bool,
}

/// What `page` may know of the image at `site_path`.
pub fn facts(site: &Lookup<'_>, page: &Page, site_path: &str) -> ImageFacts {
    let disk = match (site.statics.get(site_path), &page.bundle) {
        (Some(StaticSource::Disk(p)), _) => Some(p.clone()),
        (_, Some(b)) => site_path
            .strip_prefix(&format!("{}/", page.slug))
            .and_then(|name| b.file(name))
            .map(|f| f.path.clone()),
        _ => None,
    };
    let Some(disk) = disk else {
        return ImageFacts::default();
    };
    match site.images.get(site_path) {
        Some(Err(why)) => ImageFacts {
            problem: Some(why.clone()),
            ..ImageFacts::default()
        },
        Some(Ok(source)) => ImageFacts {
            size: Some((source.width, source.height)),
            picture: if site.pictures {
                let url = |p: &str| site.config.base_url.root_relative(p);
                picture(site.images, site_path, &site.config.images, &url)
            } else {
                None
            },
            problem: None,
        },
        None => ImageFacts {
            size: size::size(&disk),
            ..ImageFacts::default()
        },
    }
}
