//! What the Markdown stage learns of an image a page shows: its size, its
//! `<picture>`, or why it cannot be published.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::{Cache, Kind, Known, Pictures, Registry, picture, publish, size};
use crate::config::Images;
use crate::config::SiteConfig;
use crate::markdown::ImageFacts;
use crate::site::page::{Page, StaticSource};

impl Registry {
    /// The registry of a site's raster files: its `static/` files and its
    /// pages' bundle files, those unchanged since the last build as it
    /// read them (`read`: the cache is used; unless `pictures` is `Off`,
    /// what is read now is kept for the next build). With `Cached`, the
    /// images whose variants are not all in the cache are pending.
    pub fn of_site(
        statics: &BTreeMap<String, StaticSource>,
        pages: &[Page],
        images: &Images,
        (cache, read, pictures): (&Cache, bool, Pictures),
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
        let mut registry = Registry::new(&files, images, &known);
        if pictures != Pictures::Off {
            known.write(cache.dir(), &registry);
        }
        if pictures == Pictures::Cached {
            registry.pending = registry
                .images
                .par_iter()
                .filter_map(|(path, source)| {
                    let source = source.as_ref().ok()?;
                    let ready = source.kind == Kind::PassThrough
                        || publish::all_cached(source, images, cache, read);
                    (!ready).then(|| path.clone())
                })
                .collect();
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
    /// Which images pages show as `<picture>`s.
    pub pictures: Pictures,
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
        Some(Ok(source)) => {
            let pending = site.pictures == Pictures::Cached && site.images.is_pending(site_path);
            let shown =
                site.pictures == Pictures::All || site.pictures == Pictures::Cached && !pending;
            ImageFacts {
                size: Some((source.width, source.height)),
                picture: if shown {
                    let url = |p: &str| site.config.base_url.root_relative(p);
                    picture(site.images, site_path, &site.config.images, &url)
                } else {
                    None
                },
                problem: None,
                pending,
            }
        }
        None => ImageFacts {
            size: size::size(&disk),
            ..ImageFacts::default()
        },
    }
}
