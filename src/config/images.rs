//! `images:` and `cards:` in `site.yaml`: the widths and formats raster
//! images are published in, their quality, the limits an image must keep
//! to, and whether every explainer gets a social card.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::suggest::{as_is, did_you_mean};
use crate::yaml::{Seg, Target, Text};

/// `images:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImages {
    /// The widths, in pixels, each image is made in (never wider than it).
    pub widths: Option<Vec<u32>>,
    /// Modern formats beside the original's: `avif`, `webp`.
    pub formats: Option<Vec<Text>>,
    /// Encoding quality, 1–100.
    pub quality: Option<u8>,
    /// The most pixels an image may have (width × height).
    pub max_pixels: Option<u64>,
    /// The largest file an image may be, in bytes.
    pub max_bytes: Option<u64>,
}

/// A modern format images are published in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// AVIF (AV1).
    Avif,
    /// Lossy WebP.
    Webp,
}

impl Format {
    /// Its file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::Webp => "webp",
        }
    }

    /// Its MIME type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Avif => "image/avif",
            Format::Webp => "image/webp",
        }
    }
}

/// How images are published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Images {
    /// Widths, ascending.
    pub widths: Vec<u32>,
    /// Formats besides the original's, best first.
    pub formats: Vec<Format>,
    /// 1–100.
    pub quality: u8,
    /// The most pixels an image may have.
    pub max_pixels: u64,
    /// The largest file an image may be.
    pub max_bytes: u64,
}

impl Default for Images {
    fn default() -> Self {
        Self {
            widths: vec![480, 800, 1200, 1600],
            formats: vec![Format::Avif, Format::Webp],
            quality: 75,
            max_pixels: 100_000_000,
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// The images settings of `site.yaml`, with their problems.
pub(super) fn images(
    doc: &YamlDoc<'_>,
    raw: Option<RawImages>,
    errors: &mut Vec<Diagnostic>,
) -> Images {
    let mut out = Images::default();
    let Some(raw) = raw else {
        return out;
    };
    let at = |key: &str| [Seg::key("images"), Seg::key(key)];
    if let Some(mut widths) = raw.widths {
        widths.sort_unstable();
        widths.dedup();
        if widths.is_empty() || widths.contains(&0) || widths.iter().any(|&w| w > 10_000) {
            errors.push(
                doc.error_at(
                    &at("widths"),
                    Target::Value,
                    "`widths` are between 1 and 10000 pixels",
                )
                .help("for example `widths: [480, 800, 1200, 1600]`"),
            );
        } else {
            out.widths = widths;
        }
    }
    if let Some(formats) = raw.formats {
        let mut list = Vec::new();
        for (i, Text(f)) in formats.into_iter().enumerate() {
            match f.trim().to_ascii_lowercase().as_str() {
                "avif" => list.push(Format::Avif),
                "webp" => list.push(Format::Webp),
                other => {
                    let path = [Seg::key("images"), Seg::key("formats"), Seg::Index(i)];
                    let d = doc
                        .error_at(
                            &path,
                            Target::Value,
                            format!("`{other}` is not a format lede makes"),
                        )
                        .label("avif or webp");
                    errors.push(match did_you_mean(other, &["avif", "webp"], as_is) {
                        Some(h) => d.help(h),
                        None => d.help("the formats are `avif` and `webp` (the original's format is always kept)"),
                    });
                }
            }
        }
        list.dedup();
        out.formats = list;
    }
    if let Some(q) = raw.quality {
        if (1..=100).contains(&q) {
            out.quality = q;
        } else {
            errors.push(doc.error_at(
                &at("quality"),
                Target::Value,
                "`quality` is between 1 and 100",
            ));
        }
    }
    if let Some(p) = raw.max_pixels {
        out.max_pixels = p.max(1);
    }
    if let Some(b) = raw.max_bytes {
        out.max_bytes = b.max(1);
    }
    out
}
