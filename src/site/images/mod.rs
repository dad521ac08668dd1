//! Images: every raster image the site publishes, what lede knows of it
//! before decoding (its size, its content hash, its orientation), and the
//! variants an explainer's `<picture>` names — the configured widths (never
//! wider than the image) in AVIF and WebP and the image's own format.
//!
//! 1. [`Registry::new`] (at load): each raster file of `static/` and of
//!    page bundles is read once, hashed (xxh3-128) and measured from its
//!    header; a file that is not a readable image is kept as a problem,
//!    reported where an explainer uses it.
//! 2. The Markdown stage asks for a [`Picture`] of each hero and figure
//!    (through `markdown::Ctx::image`): file names are known from the hash
//!    and widths alone, so pages render before any pixel is decoded.
//! 3. [`publish`] (after the pages): each image an explainer uses is
//!    decoded once, turned upright, resized and encoded into what is not
//!    in the cache (`.lede-cache/`, [`cache`]), in parallel; originals of
//!    every raster file are published without metadata ([`strip`]).

mod cache;
mod decode;
mod encode;
mod facts;
mod known;
mod publish;
mod read;
pub mod size;
pub mod strip;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use cache::Cache;
pub use facts::{Lookup, facts};
pub use known::Known;
pub(crate) use publish::Made;
pub use publish::{ImageReport, encode_to_cache, publish};

use crate::config::Images;
use crate::markdown::{Picture, PictureSource};

/// Which raster images pages show as `<picture>`s, the others being
/// shown as they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pictures {
    /// None, and nothing is encoded (`check`).
    #[default]
    Off,
    /// Those whose every variant is in the cache (`serve`: the others are
    /// encoded off the edit's path and swapped in when ready).
    Cached,
    /// Every one, what the cache lacks encoded by the build (`build`).
    All,
}

/// The kinds of raster image lede processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP, still.
    Webp,
    /// GIF, or an animated WebP: published as it is.
    PassThrough,
}

impl Kind {
    /// The kind of a file, by its name.
    pub fn of(path: &str) -> Option<Self> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "jpg" | "jpeg" => Kind::Jpeg,
            "png" => Kind::Png,
            "webp" => Kind::Webp,
            "gif" => Kind::PassThrough,
            _ => return None,
        })
    }

    /// The extension of its re-encoded variants.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp | Kind::PassThrough => "webp",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp | Kind::PassThrough => "image/webp",
        }
    }
}

/// A raster image of the site, read but not decoded.
#[derive(Clone, Debug)]
pub struct Source {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its kind.
    pub kind: Kind,
    /// Its size, upright (after its EXIF orientation).
    pub width: u32,
    /// Its height, upright.
    pub height: u32,
    /// xxh3-128 of its bytes.
    pub hash: u128,
    /// Its EXIF orientation (1: upright).
    pub orientation: u8,
    /// Its size and modification time on disk when it was read.
    pub stamp: Option<known::Stamp>,
}

/// Every raster image of the site, by site path (`images/a.jpg`,
/// `slug/map.png`): what was read of it, or why it cannot be used.
#[derive(Debug, Default)]
pub struct Registry {
    images: BTreeMap<String, Result<Source, String>>,
    /// The images whose variants are not all in the cache yet (`serve`).
    pending: BTreeSet<String>,
}

impl Registry {
    /// Reads every raster file among `files` (site path, disk path), but
    /// for those `known` from the last build.
    pub fn new(files: &[(String, &Path)], limits: &Images, known: &Known) -> Self {
        let images = files
            .par_iter()
            .filter_map(|(site_path, path)| {
                let kind = Kind::of(site_path)?;
                let stamp = std::fs::metadata(path)
                    .ok()
                    .and_then(|m| Some((m.len(), cache::nanos(&m)?)));
                let within = |s: &Source| {
                    s.stamp.is_some_and(|(len, _)| len <= limits.max_bytes)
                        && u64::from(s.width) * u64::from(s.height) <= limits.max_pixels
                };
                let source = match stamp.and_then(|s| known.get(path, s)) {
                    Some(s) if within(s) => Ok(s.clone()),
                    _ => read::read(path, kind, limits, stamp),
                };
                Some((site_path.clone(), source))
            })
            .collect();
        Self {
            images,
            pending: BTreeSet::new(),
        }
    }

    /// Whether the variants of the image at `site_path` are still to be
    /// encoded (`serve`: it is shown as it is until then).
    pub fn is_pending(&self, site_path: &str) -> bool {
        self.pending.contains(site_path)
    }

    /// The image at `site_path` has every variant in the cache now.
    pub fn ready(&mut self, site_path: &str) {
        self.pending.remove(site_path);
    }

    /// What is known of the image at `site_path`, if it is a raster image.
    pub fn get(&self, site_path: &str) -> Option<&Result<Source, String>> {
        self.images.get(site_path)
    }

    /// Every image, by site path.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Result<Source, String>)> {
        self.images.iter()
    }
}

/// An original raster file as published: without its metadata (turned
/// upright when its EXIF says so), held by `out` already, from the cache
/// or made and kept there; `None` for a file that is not a still raster
/// image of the registry, or cannot be cleaned (published as it is).
pub(crate) fn original(
    registry: &Registry,
    site_path: &str,
    quality: u8,
    (cache, read): (&Cache, bool),
    out: &dyn crate::site::sink::Sink,
) -> Option<Made> {
    let source = registry.get(site_path)?.as_ref().ok()?;
    if source.kind == Kind::PassThrough {
        return None;
    }
    let key = cache::key(&cache::hex(source.hash), 0, source.kind.ext(), quality);
    if let Some(made) = Made::cached(cache, (&key, read), out, site_path) {
        return Some(made);
    }
    let bytes = std::fs::read(&source.path).ok()?;
    let clean = encode::original(&bytes, source.kind, source.orientation, quality).ok()?;
    Some(Made::keep(cache, &key, clean))
}

/// The images the pages use, with the files of the pages using each.
pub fn used(
    registry: &Registry,
    uses: impl Iterator<Item = (String, std::sync::Arc<str>)>,
) -> BTreeMap<String, (Source, Vec<std::sync::Arc<str>>)> {
    let mut out: BTreeMap<String, (Source, Vec<std::sync::Arc<str>>)> = BTreeMap::new();
    for (site_path, page) in uses {
        let Some(Ok(source)) = registry.get(&site_path) else {
            continue;
        };
        let entry = out
            .entry(site_path)
            .or_insert_with(|| (source.clone(), Vec::new()));
        if !entry.1.contains(&page) {
            entry.1.push(page);
        }
    }
    out
}

/// The widths an image is made in: the configured ones narrower than it,
/// and its own when it is narrower than the widest configured (never
/// upscaled).
pub fn widths(source: &Source, images: &Images) -> Vec<u32> {
    let mut out: Vec<u32> = images
        .widths
        .iter()
        .copied()
        .filter(|&w| w < source.width)
        .collect();
    let widest = images.widths.last().copied().unwrap_or(source.width);
    if source.width <= widest || out.is_empty() {
        out.push(source.width.min(widest.max(1)));
    } else if !out.contains(&widest) {
        out.push(widest);
    }
    out.dedup();
    out
}

/// The site path of a variant: `images/photo.jpg` →
/// `images/photo.3fa9c1d2e0ab.800.webp`.
/// `hex`: the [`cache::hex`] of the image's content hash.
pub fn variant_path(site_path: &str, hex: &str, width: u32, ext: &str) -> String {
    let stem = site_path.rsplit_once('.').map_or(site_path, |(s, _)| s);
    let short = hex.get(..12).unwrap_or(hex);
    format!("{stem}.{short}.{width}.{ext}")
}

/// The `<picture>` of the image at `site_path` (its URLs from `url`, which
/// puts a site path under the base path), or `None` when it is not a
/// raster image lede makes variants of.
pub fn picture(
    registry: &Registry,
    site_path: &str,
    images: &Images,
    url: &dyn Fn(&str) -> String,
) -> Option<Picture> {
    let source = registry.get(site_path)?.as_ref().ok()?;
    if source.kind == Kind::PassThrough {
        return None;
    }
    let widths = widths(source, images);
    let hex = cache::hex(source.hash);
    let srcset = |ext: &str| -> String {
        let mut out = String::with_capacity(widths.len() * (site_path.len() + 32));
        for &w in &widths {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&url(&variant_path(site_path, &hex, w, ext)));
            let _ = write!(out, " {w}w");
        }
        out
    };
    let mut sources: Vec<PictureSource> = images
        .formats
        .iter()
        .filter(|f| f.ext() != source.kind.ext())
        .map(|f| PictureSource {
            mime: f.mime().to_string(),
            srcset: srcset(f.ext()),
        })
        .collect();
    sources.shrink_to_fit();
    let largest = *widths.last()?;
    Some(Picture {
        sources,
        src: url(&variant_path(site_path, &hex, largest, source.kind.ext())),
        srcset: srcset(source.kind.ext()),
        mime: source.kind.mime().to_string(),
        width: largest,
        height: scaled_height(source, largest),
    })
}

/// The height of `source` at `width`, its proportions kept.
pub fn scaled_height(source: &Source, width: u32) -> u32 {
    let h = u64::from(source.height) * u64::from(width) / u64::from(source.width.max(1));
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(width: u32) -> Source {
        Source {
            path: PathBuf::new(),
            kind: Kind::Jpeg,
            width,
            height: width / 2,
            hash: 0xabc,
            orientation: 1,
            stamp: None,
        }
    }

    #[test]
    fn never_wider_than_the_image() {
        let images = Images::default();
        assert_eq!(widths(&source(4000), &images), [480, 800, 1200, 1600]);
        assert_eq!(widths(&source(1000), &images), [480, 800, 1000]);
        assert_eq!(widths(&source(300), &images), [300]);
        assert_eq!(widths(&source(1600), &images), [480, 800, 1200, 1600]);
        assert_eq!(
            variant_path("images/a.b.jpg", &cache::hex(0xabc), 800, "webp"),
            "images/a.b.000000000000.800.webp"
        );
    }
}
