//! Pixels from a file's bytes: JPEG (zune-jpeg), PNG (png) or WebP
//! (image-webp), each codec used directly. Out come 8 bits per channel,
//! RGB or RGBA, turned upright by the EXIF orientation lede read from the
//! file. The pixel count is checked against the limit from the header,
//! before anything the size of the image is allocated.
//!
//! The conversions are the ones the `image` crate made when lede decoded
//! through it (grey to RGB by copying, 16 bits to 8 by rounding), so the
//! encoded files did not change when it went.

use std::io::Cursor;

/// An image in memory, upright, 8 bits per channel.
pub(super) struct Pixels {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Has transparency (RGBA rather than RGB).
    pub alpha: bool,
    /// RGB or RGBA bytes, row by row.
    pub data: Vec<u8>,
}

/// Decodes `bytes`, at most `max_pixels`, and turns the image upright by
/// its EXIF `orientation` (1 upright … 8).
pub(super) fn decode(bytes: &[u8], orientation: u8, max_pixels: u64) -> Result<Pixels, String> {
    let pixels = if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes, max_pixels)?
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes, max_pixels)?
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes, max_pixels)?
    } else {
        return Err("is not a JPEG, PNG or WebP file lede can decode".into());
    };
    Ok(upright(pixels, orientation))
}

/// What is said of an image over the pixel limit, or whose decoder would
/// need more memory than the limit allows.
const TOO_LARGE: &str = "is too large to decode within the limits";

/// What is said of a file that ends before its image does (also when
/// `read.rs` sees it from the file's last bytes).
pub(super) const TRUNCATED: &str = "is truncated (the file ends before the image does)";

/// An error unless `width` × `height` is within `max_pixels`.
fn within(width: u64, height: u64, max_pixels: u64) -> Result<(), String> {
    if width.saturating_mul(height) > max_pixels {
        return Err(TOO_LARGE.into());
    }
    Ok(())
}

/// A decoder's error: [`TRUNCATED`] when the file ran out (`eof`).
fn truncated_or(e: &dyn std::fmt::Display, eof: bool) -> String {
    if eof {
        TRUNCATED.into()
    } else {
        format!("cannot be decoded ({e})")
    }
}

fn jpeg(bytes: &[u8], max_pixels: u64) -> Result<Pixels, String> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    use zune_jpeg::errors::DecodeErrors;

    let fail = |e: DecodeErrors| match e {
        DecodeErrors::Unsupported(u) => format!("is in a form lede cannot decode ({u:?})"),
        DecodeErrors::LargeDimensions(_) => TOO_LARGE.into(),
        DecodeErrors::ExhaustedData => truncated_or(&e, true),
        other => truncated_or(&other, false),
    };
    let options = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(fail)?;
    let (width, height) = decoder.dimensions().ok_or("has no image header")?;
    within(width as u64, height as u64, max_pixels)?;
    let input = decoder.input_colorspace().ok_or("has no image header")?;
    // Grey stays grey (and is spread to RGB below); CMYK and the rest are
    // converted to RGB by the decoder.
    let out = match input {
        ColorSpace::RGB | ColorSpace::RGBA | ColorSpace::Luma | ColorSpace::LumaA => input,
        _ => ColorSpace::RGB,
    };
    decoder.set_options(decoder.options().jpeg_set_out_colorspace(out));
    let data = decoder.decode().map_err(fail)?;
    let channels = match out {
        ColorSpace::Luma => Channels::Grey,
        ColorSpace::LumaA => Channels::GreyAlpha,
        ColorSpace::RGBA => Channels::Rgba,
        _ => Channels::Rgb,
    };
    pixels(width as u32, height as u32, channels, data)
}

fn png(bytes: &[u8], max_pixels: u64) -> Result<Pixels, String> {
    let fail = |e: png::DecodingError| match e {
        png::DecodingError::IoError(ref io) => {
            truncated_or(&e, io.kind() == std::io::ErrorKind::UnexpectedEof)
        }
        png::DecodingError::LimitsExceeded => TOO_LARGE.into(),
        other => truncated_or(&other, false),
    };
    let limits = png::Limits {
        bytes: usize::try_from(max_pixels.saturating_mul(8).max(1 << 20)).unwrap_or(usize::MAX),
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    let header = decoder.read_header_info().map_err(fail)?;
    within(
        u64::from(header.width),
        u64::from(header.height),
        max_pixels,
    )?;
    // Palettes and depths under 8 bits expanded to 8; 16 bits kept, and
    // rounded to 8 below.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(fail)?;
    let size = reader.output_buffer_size().ok_or(TOO_LARGE)?;
    let mut data = vec![0; size];
    let frame = reader.next_frame(&mut data).map_err(fail)?;
    data.truncate(frame.buffer_size());
    if frame.bit_depth == png::BitDepth::Sixteen {
        data = data
            .chunks_exact(2)
            .map(|c| ((u32::from(u16::from_be_bytes([c[0], c[1]])) + 128) / 257) as u8)
            .collect();
    }
    let channels = match frame.color_type {
        png::ColorType::Grayscale => Channels::Grey,
        png::ColorType::GrayscaleAlpha => Channels::GreyAlpha,
        png::ColorType::Rgba => Channels::Rgba,
        png::ColorType::Rgb => Channels::Rgb,
        png::ColorType::Indexed => return Err("is in a form lede cannot decode (indexed)".into()),
    };
    pixels(frame.width, frame.height, channels, data)
}

fn webp(bytes: &[u8], max_pixels: u64) -> Result<Pixels, String> {
    use image_webp::DecodingError;
    let fail = |e: DecodingError| match e {
        DecodingError::IoError(ref io) => {
            truncated_or(&e, io.kind() == std::io::ErrorKind::UnexpectedEof)
        }
        DecodingError::MemoryLimitExceeded | DecodingError::ImageTooLarge => TOO_LARGE.into(),
        other => truncated_or(&other, false),
    };
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(fail)?;
    let (width, height) = decoder.dimensions();
    within(u64::from(width), u64::from(height), max_pixels)?;
    let size = decoder.output_buffer_size().ok_or(TOO_LARGE)?;
    let mut data = vec![0; size];
    decoder.read_image(&mut data).map_err(fail)?;
    let channels = if decoder.has_alpha() {
        Channels::Rgba
    } else {
        Channels::Rgb
    };
    pixels(width, height, channels, data)
}

/// The channels of a decoder's output, 8 bits each.
#[derive(Clone, Copy)]
enum Channels {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
}

/// Decoded bytes as RGB or RGBA `Pixels`; grey is copied to each colour.
fn pixels(width: u32, height: u32, channels: Channels, data: Vec<u8>) -> Result<Pixels, String> {
    let (alpha, data) = match channels {
        Channels::Rgb => (false, data),
        Channels::Rgba => (true, data),
        Channels::Grey => (false, data.iter().flat_map(|&g| [g, g, g]).collect()),
        Channels::GreyAlpha => (
            true,
            data.chunks_exact(2)
                .flat_map(|p| [p[0], p[0], p[0], p[1]])
                .collect(),
        ),
    };
    let expected = width as usize * height as usize * if alpha { 4 } else { 3 };
    if data.len() != expected {
        return Err("cannot be decoded (its pixels do not fill its size)".into());
    }
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

/// `p` turned upright: EXIF orientation 2 and 4 are mirrored, 3 turned
/// half round, 6 and 8 a quarter (clockwise, anticlockwise), 5 and 7
/// mirrored across a diagonal. Anything else is left as it is.
fn upright(p: Pixels, orientation: u8) -> Pixels {
    if !(2..=8).contains(&orientation) {
        return p;
    }
    let (w, h) = (p.width as usize, p.height as usize);
    let n = if p.alpha { 4 } else { 3 };
    let turned = orientation >= 5;
    let (ow, oh) = if turned { (h, w) } else { (w, h) };
    let mut data = Vec::with_capacity(p.data.len());
    for y in 0..oh {
        for x in 0..ow {
            // The source pixel that lands at (x, y).
            let (sx, sy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x),
            };
            let at = (sy * w + sx) * n;
            data.extend_from_slice(&p.data[at..at + n]);
        }
    }
    Pixels {
        width: ow as u32,
        height: oh as u32,
        alpha: p.alpha,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3 × 2 image whose pixels are numbered 0…5, row by row.
    fn numbered() -> Pixels {
        Pixels {
            width: 3,
            height: 2,
            alpha: false,
            data: (0u8..6).flat_map(|i| [i, i, i]).collect(),
        }
    }

    fn order(p: &Pixels) -> Vec<u8> {
        p.data.chunks_exact(3).map(|c| c[0]).collect()
    }

    /// Each orientation as the EXIF specification draws it, for
    /// 0 1 2 / 3 4 5.
    #[test]
    fn every_orientation_turns_the_pixels_as_exif_says() {
        let cases: [(u8, (u32, u32), &[u8]); 8] = [
            (1, (3, 2), &[0, 1, 2, 3, 4, 5]),
            (2, (3, 2), &[2, 1, 0, 5, 4, 3]),
            (3, (3, 2), &[5, 4, 3, 2, 1, 0]),
            (4, (3, 2), &[3, 4, 5, 0, 1, 2]),
            (5, (2, 3), &[0, 3, 1, 4, 2, 5]),
            (6, (2, 3), &[3, 0, 4, 1, 5, 2]),
            (7, (2, 3), &[5, 2, 4, 1, 3, 0]),
            (8, (2, 3), &[2, 5, 1, 4, 0, 3]),
        ];
        for (o, size, want) in cases {
            let p = upright(numbered(), o);
            assert_eq!((p.width, p.height), size, "orientation {o}");
            assert_eq!(order(&p), want, "orientation {o}");
        }
    }

    #[test]
    fn sixteen_bit_grey_png_is_rounded_to_eight_bit_rgb() {
        let mut bytes = Vec::new();
        {
            let mut e = png::Encoder::new(&mut bytes, 2, 1);
            e.set_color(png::ColorType::Grayscale);
            e.set_depth(png::BitDepth::Sixteen);
            let mut w = e.write_header().unwrap();
            // 0x8080 rounds to 0x80; 0xFFFF to 0xFF.
            w.write_image_data(&[0x80, 0x80, 0xFF, 0xFF]).unwrap();
        }
        let p = decode(&bytes, 1, 100).unwrap();
        assert!(!p.alpha);
        assert_eq!(p.data, [0x80, 0x80, 0x80, 0xFF, 0xFF, 0xFF]);
        assert_eq!(decode(&bytes, 1, 1).err().as_deref(), Some(TOO_LARGE));
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert!(decode(b"GIF89a", 1, 100).is_err());
        assert!(decode(&[0xFF, 0xD8, 0xFF], 1, 100).is_err());
    }
}
