//! Publishing the images explainers use: each decoded once, only when one
//! of its variants is not in the cache; every variant written; what could
//! not be made reported with the image and the explainers that use it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::cache::{self, Cache};
use super::decode::{self, Pixels};
use super::encode;
use super::{Kind, Source, variant_path, widths};
use crate::config::Images;
use crate::diagnostics::Diagnostic;
use crate::site::sink::{Discard, IoError, Sink};

/// What publishing the images did.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImageReport {
    /// Variants encoded in this build.
    pub encoded: usize,
    /// Variants taken from the cache.
    pub reused: usize,
}

/// The extensions `source` is published in: the configured formats, then
/// its own.
fn extensions(source: &Source, images: &Images) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = images.formats.iter().map(|f| f.ext()).collect();
    if !out.contains(&source.kind.ext()) {
        out.push(source.kind.ext());
    }
    out
}

/// Whether every variant of `source` is in the cache.
pub(crate) fn all_cached(source: &Source, images: &Images, cache: &Cache, read: bool) -> bool {
    let hex = cache::hex(source.hash);
    widths(source, images).into_iter().all(|width| {
        extensions(source, images).into_iter().all(|ext| {
            let key = cache::key(&hex, width, ext, images.quality);
            cache.get(&key, read).is_some()
        })
    })
}

/// Makes the variants of `source` that the cache lacks and keeps them
/// there (`serve`, off the edit's path): whether every variant is in the
/// cache now (not when the image cannot be decoded or the cache cannot
/// keep them). The caller saves the cache's list ([`Cache::save`]) now and
/// then: each entry has its own sum meanwhile.
pub fn encode_to_cache(site_path: &str, source: &Source, images: &Images, cache: &Cache) -> bool {
    let (encoded, reused) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let made = variants(
        site_path,
        source,
        images,
        cache,
        (true, &Discard),
        (&encoded, &reused),
    );
    made.is_ok_and(|files| files.iter().all(|(_, f)| matches!(f, Made::Cached(_))))
}

/// Encodes (or takes from the cache) and writes every variant of the
/// images in `used` (site path → the explainers that use it).
pub fn publish(
    used: &BTreeMap<String, (Source, Vec<Arc<str>>)>,
    images: &Images,
    cache: &Cache,
    read_cache: bool,
    out: &dyn Sink,
) -> Result<(ImageReport, Vec<Diagnostic>), IoError> {
    let encoded = AtomicUsize::new(0);
    let reused = AtomicUsize::new(0);
    let results: Vec<Result<Option<Diagnostic>, IoError>> = used
        .par_iter()
        .map(|(site_path, (source, pages))| {
            let made = variants(
                site_path,
                source,
                images,
                cache,
                (read_cache, out),
                (&encoded, &reused),
            );
            match made {
                Ok(files) => {
                    for (path, file) in files {
                        file.publish(&path, out)?;
                    }
                    Ok(None)
                }
                Err(why) => Ok(Some(problem(site_path, &why, pages))),
            }
        })
        .collect();
    let mut problems = Vec::new();
    for r in results {
        problems.extend(r?);
    }
    let report = ImageReport {
        encoded: encoded.into_inner(),
        reused: reused.into_inner(),
    };
    Ok((report, problems))
}

/// An image that could not be made, named with the explainers using it.
pub(crate) fn problem(site_path: &str, why: &str, pages: &[Arc<str>]) -> Diagnostic {
    let names: Vec<&str> = pages.iter().map(|p| &**p).collect();
    let d = Diagnostic::error(format!("the image `{site_path}` {why}")).help(format!(
        "it is used by {}: replace the file, or remove it from them",
        names.join(", ")
    ));
    match pages.first() {
        Some(first) => d.in_file(first),
        None => d,
    }
}

type Counters<'a> = (&'a AtomicUsize, &'a AtomicUsize);

/// A made file: in the output already, in the cache (linked into the
/// output), or only in memory (the cache could not keep it).
pub(crate) enum Made {
    /// The cache entry, held by the output already ([`Sink::holds`]).
    Held,
    /// A cache entry.
    Cached(std::path::PathBuf),
    /// Bytes to write.
    Bytes(Vec<u8>),
}

impl Made {
    /// Kept in the cache if it can be, else in memory.
    pub(crate) fn keep(cache: &Cache, key: &str, bytes: Vec<u8>) -> Self {
        match cache.put(key, &bytes) {
            Some(path) => Made::Cached(path),
            None => Made::Bytes(bytes),
        }
    }

    /// The entry of `key`, when the cache has it (`read`): held by `out` at
    /// `site_path` already (one `stat`: [`Sink::holds`]), or to be linked
    /// there. What the variants, the originals and the cards all ask first.
    pub(crate) fn cached(
        cache: &Cache,
        (key, read): (&str, bool),
        out: &dyn Sink,
        site_path: &str,
    ) -> Option<Self> {
        if let Some(stamp) = cache.stamp(key, read)
            && out.holds(site_path, &stamp)
        {
            return Some(Made::Held);
        }
        cache.get(key, read).map(Made::Cached)
    }

    /// Puts it at `site_path` in the output.
    pub(crate) fn publish(&self, site_path: &str, out: &dyn Sink) -> Result<(), IoError> {
        match self {
            Made::Held => Ok(()),
            Made::Cached(path) => out.link(site_path, path),
            Made::Bytes(bytes) => out.write(site_path, bytes),
        }
    }
}

/// Every variant of one image that `out` does not hold already: from the
/// cache, or made (the image decoded once for all that are missing).
fn variants(
    site_path: &str,
    source: &Source,
    images: &Images,
    cache: &Cache,
    (read_cache, out): (bool, &dyn Sink),
    (encoded, reused): Counters<'_>,
) -> Result<Vec<(String, Made)>, String> {
    if source.kind == Kind::PassThrough {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let mut missing: BTreeMap<u32, Vec<&'static str>> = BTreeMap::new();
    let hex = cache::hex(source.hash);
    for width in widths(source, images) {
        for ext in extensions(source, images) {
            let key = cache::key(&hex, width, ext, images.quality);
            let path = variant_path(site_path, &hex, width, ext);
            match Made::cached(cache, (&key, read_cache), out, &path) {
                Some(Made::Held) => {
                    reused.fetch_add(1, Ordering::Relaxed);
                }
                Some(made) => {
                    reused.fetch_add(1, Ordering::Relaxed);
                    files.push((path, made));
                }
                None => missing.entry(width).or_default().push(ext),
            }
        }
    }
    if missing.is_empty() {
        return Ok(files);
    }
    let bytes = std::fs::read(&source.path).map_err(|e| format!("cannot be read ({e})"))?;
    let pixels: Pixels = decode::decode(&bytes, source.orientation, images.max_pixels)?;
    drop(bytes);
    for (width, exts) in missing {
        let resized = encode::resize(&pixels, width)?;
        for ext in exts {
            let bytes = encode::encode(&resized, ext, images.quality)?;
            let made = Made::keep(cache, &cache::key(&hex, width, ext, images.quality), bytes);
            encoded.fetch_add(1, Ordering::Relaxed);
            files.push((variant_path(site_path, &hex, width, ext), made));
        }
    }
    Ok(files)
}
