//! Reading a raster file without decoding it: its size from its header,
//! its orientation, its content hash, and whether it is whole.

use std::path::Path;

use super::{Kind, Source, decode, known, strip};
use crate::config::Images;

/// What lede knows of the image at `path` before decoding it, or why it
/// cannot be used.
pub(super) fn read(
    path: &Path,
    kind: Kind,
    limits: &Images,
    stamp: Option<known::Stamp>,
) -> Result<Source, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read ({e})"))?;
    if meta.len() == 0 {
        return Err("is an empty file".into());
    }
    if meta.len() > limits.max_bytes {
        return Err(format!(
            "is {} MB, over the limit of {} MB (`images: max_bytes` in site.yaml)",
            meta.len() / 1_000_000,
            limits.max_bytes / 1_000_000
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read ({e})"))?;
    let size =
        imagesize::blob_size(&bytes).map_err(|_| "is not an image lede can read".to_string())?;
    let (mut width, mut height) = (
        u32::try_from(size.width).unwrap_or(u32::MAX),
        u32::try_from(size.height).unwrap_or(u32::MAX),
    );
    if width == 0 || height == 0 {
        return Err("has no pixels".into());
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(format!(
            "is {width} × {height} pixels, over the limit of {} megapixels (`images: max_pixels` in site.yaml)",
            limits.max_pixels / 1_000_000
        ));
    }
    if truncated(&bytes, kind) {
        return Err(decode::TRUNCATED.into());
    }
    let orientation = match kind {
        Kind::Jpeg => strip::jpeg_orientation(&bytes).unwrap_or(1),
        _ => 1,
    };
    if orientation >= 5 {
        std::mem::swap(&mut width, &mut height);
    }
    let animated_webp = kind == Kind::Webp
        && bytes.get(12..16) == Some(b"VP8X")
        && bytes.get(20).is_some_and(|f| f & 0b10 != 0);
    Ok(Source {
        path: path.to_path_buf(),
        kind: if animated_webp {
            Kind::PassThrough
        } else {
            kind
        },
        width,
        height,
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        orientation,
        stamp,
    })
}

/// Whether a file ends before its format says it does: a JPEG without its
/// end marker, a PNG without `IEND`, a WebP shorter than its RIFF size.
fn truncated(bytes: &[u8], kind: Kind) -> bool {
    match kind {
        Kind::Jpeg => {
            let end = bytes.iter().rposition(|&b| b != 0).unwrap_or(0);
            !(end >= 1 && bytes[end - 1] == 0xFF && bytes[end] == 0xD9)
        }
        Kind::Png => !bytes.windows(4).rev().take(64).any(|w| w == b"IEND"),
        Kind::Webp => bytes
            .get(4..8)
            .and_then(|s| s.try_into().ok())
            .map(u32::from_le_bytes)
            .is_none_or(|size| (size as usize).saturating_add(8) > bytes.len()),
        Kind::PassThrough => false,
    }
}
