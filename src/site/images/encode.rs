//! Pixels (decoded by `decode.rs`) resized with a Lanczos filter, and
//! encoded as AVIF (rav1e), lossy WebP (libwebp), JPEG (jpeg-encoder) or
//! PNG (png). Nothing of the source's metadata survives: the encoders
//! write none.

use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::U8x4;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};

use super::Kind;
use super::decode::Pixels;

/// `pixels` at `width` (its proportions kept), or as it is when it is that
/// wide already.
pub(super) fn resize(pixels: &Pixels, width: u32) -> Result<Pixels, String> {
    if width >= pixels.width {
        return Ok(Pixels {
            width: pixels.width,
            height: pixels.height,
            alpha: pixels.alpha,
            data: pixels.data.clone(),
        });
    }
    let height =
        u32::try_from(u64::from(pixels.height) * u64::from(width) / u64::from(pixels.width))
            .unwrap_or(1)
            .max(1);
    let data = if pixels.alpha {
        resize_rgba(
            &pixels.data,
            (pixels.width, pixels.height),
            (width, height),
            true,
        )?
    } else {
        // Opaque: resized as RGBA too (its alpha all 255, left alone),
        // then packed back.
        let mut rgba = Vec::with_capacity(pixels.data.len() / 3 * 4);
        for p in pixels.data.chunks_exact(3) {
            rgba.extend_from_slice(&[p[0], p[1], p[2], 255]);
        }
        let out = resize_rgba(&rgba, (pixels.width, pixels.height), (width, height), false)?;
        let mut rgb = Vec::with_capacity(out.len() / 4 * 3);
        for p in out.chunks_exact(4) {
            rgb.extend_from_slice(&p[..3]);
        }
        rgb
    };
    Ok(Pixels {
        width,
        height,
        alpha: pixels.alpha,
        data,
    })
}

/// The resize itself, of RGBA bytes `from` one size `to` another
/// (`alpha`: weigh the colours by it).
///
/// One pixel type, typed: `Resizer::resize` instantiates the convolutions
/// of every pixel type the crate has (u16, f32, RGB…), which were 42 % of
/// lede's machine code and of its compile time.
fn resize_rgba(
    rgba: &[u8],
    from: (u32, u32),
    (width, height): (u32, u32),
    alpha: bool,
) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot be resized ({e})");
    let src = TypedImageRef::<U8x4>::from_buffer(from.0, from.1, rgba).map_err(|e| fail(&e))?;
    let mut data = vec![0u8; width as usize * height as usize * 4];
    let mut dst =
        TypedImage::<U8x4>::from_buffer(width, height, &mut data).map_err(|e| fail(&e))?;
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .use_alpha(alpha);
    Resizer::new()
        .resize_typed(&src, &mut dst, &options)
        .map_err(|e| fail(&e))?;
    Ok(data)
}

/// AVIF's speed (rav1e: 1 slowest … 10 fastest).
const AVIF_SPEED: u8 = 10;

/// Encodes `pixels` as `ext` (`avif`, `webp`, `jpg`, `png`) at `quality`.
pub(super) fn encode(pixels: &Pixels, ext: &str, quality: u8) -> Result<Vec<u8>, String> {
    let (w, h) = (pixels.width, pixels.height);
    let q = f32::from(quality);
    match ext {
        "avif" => {
            let encoder = ravif::Encoder::new()
                .with_quality(q)
                .with_alpha_quality(q)
                .with_speed(AVIF_SPEED);
            // Always through `encode_rgba`, an opaque image with an alpha
            // of 255 (ravif leaves that alpha out, and the file is the same
            // as `encode_rgb`'s). `encode_rgb` is `#[inline]` and generic
            // underneath, so calling it compiled the whole AV1 encoder a
            // second time into lede (7 % of its code); `encode_rgba` is
            // compiled once, in ravif.
            let rgba: Vec<ravif::RGBA8> = if pixels.alpha {
                pixels
                    .data
                    .chunks_exact(4)
                    .map(|p| ravif::RGBA8::new(p[0], p[1], p[2], p[3]))
                    .collect()
            } else {
                pixels
                    .data
                    .chunks_exact(3)
                    .map(|p| ravif::RGBA8::new(p[0], p[1], p[2], 255))
                    .collect()
            };
            let result = encoder.encode_rgba(ravif::Img::new(&rgba[..], w as usize, h as usize));
            result
                .map(|r| r.avif_file)
                .map_err(|e| format!("cannot be encoded as AVIF ({e})"))
        }
        "webp" => {
            let encoder = if pixels.alpha {
                webp::Encoder::from_rgba(&pixels.data, w, h)
            } else {
                webp::Encoder::from_rgb(&pixels.data, w, h)
            };
            encoder
                .encode_simple(false, q)
                .map(|m| m.to_vec())
                .map_err(|e| format!("cannot be encoded as WebP ({e:?})"))
        }
        "jpg" => {
            let image = Ycc {
                data: &pixels.data,
                width: u16::try_from(w).map_err(|_| "is too wide for JPEG")?,
                height: u16::try_from(h).map_err(|_| "is too tall for JPEG")?,
                step: if pixels.alpha { 4 } else { 3 },
            };
            let mut out = Vec::new();
            jpeg_encoder::Encoder::new(&mut out, quality)
                .encode_image(image)
                .map_err(|e| format!("cannot be encoded as JPEG ({e})"))?;
            Ok(out)
        }
        "png" => {
            let mut out = Vec::new();
            let mut encoder = png::Encoder::new(&mut out, w, h);
            encoder.set_color(if pixels.alpha {
                png::ColorType::Rgba
            } else {
                png::ColorType::Rgb
            });
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Balanced);
            encoder.set_filter(png::Filter::Adaptive);
            encoder
                .write_header()
                .and_then(|mut writer| {
                    writer.write_image_data(&pixels.data)?;
                    writer.finish()
                })
                .map_err(|e| format!("cannot be encoded as PNG ({e})"))?;
            Ok(out)
        }
        other => Err(format!("no encoder for `{other}`")),
    }
}

/// RGB or RGBA pixels as the JPEG encoder takes them, row by row in YCbCr
/// (an alpha channel is dropped). The encoder is generic over its image:
/// one type of lede's own compiles it once, where `Encoder::encode`
/// compiles it for each of its nine colour types.
struct Ycc<'a> {
    data: &'a [u8],
    width: u16,
    height: u16,
    /// Bytes a pixel: 3 (RGB) or 4 (RGBA).
    step: usize,
}

impl jpeg_encoder::ImageBuffer for Ycc<'_> {
    fn get_jpeg_color_type(&self) -> jpeg_encoder::JpegColorType {
        jpeg_encoder::JpegColorType::Ycbcr
    }

    fn width(&self) -> u16 {
        self.width
    }

    fn height(&self) -> u16 {
        self.height
    }

    fn fill_buffers(&self, y: u16, buffers: &mut [Vec<u8>; 4]) {
        let row = usize::from(self.width) * self.step;
        let start = usize::from(y) * row;
        let Some(line) = self.data.get(start..start + row) else {
            return;
        };
        for p in line.chunks_exact(self.step) {
            let (y, cb, cr) = jpeg_encoder::rgb_to_ycbcr(p[0], p[1], p[2]);
            buffers[0].push(y);
            buffers[1].push(cb);
            buffers[2].push(cr);
        }
    }
}

/// The bytes of an original as published: its metadata removed; turned
/// upright (re-encoded) when its EXIF says it is not.
pub(super) fn original(
    bytes: &[u8],
    kind: Kind,
    orientation: u8,
    quality: u8,
) -> Result<Vec<u8>, String> {
    if orientation > 1 {
        let pixels = super::decode::decode(bytes, orientation, u64::MAX)?;
        return encode(&pixels, kind.ext(), quality.max(90));
    }
    let stripped = match kind {
        Kind::Jpeg => super::strip::jpeg(bytes),
        Kind::Png => super::strip::png(bytes),
        Kind::Webp => super::strip::webp(bytes),
        Kind::PassThrough => Some(bytes.to_vec()),
    };
    stripped.ok_or_else(|| "is not a well-formed image file".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JPEG of lede's one image type is the encoder's own for RGB and
    /// for RGBA data.
    #[test]
    fn jpeg_through_one_image_type_is_the_encoders_own() {
        let (w, h) = (19u16, 11u16);
        let rgb: Vec<u8> = (0..u32::from(w) * u32::from(h) * 3)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let theirs = |data: &[u8], color| {
            let mut out = Vec::new();
            jpeg_encoder::Encoder::new(&mut out, 75)
                .encode(data, w, h, color)
                .unwrap();
            out
        };
        let opaque = Pixels {
            width: u32::from(w),
            height: u32::from(h),
            alpha: false,
            data: rgb.clone(),
        };
        let ours = encode(&opaque, "jpg", 75).unwrap();
        assert_eq!(ours, theirs(&rgb, jpeg_encoder::ColorType::Rgb));
        let rgba: Vec<u8> = rgb
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 9])
            .collect();
        let transparent = Pixels {
            alpha: true,
            data: rgba.clone(),
            ..opaque
        };
        assert_eq!(encode(&transparent, "jpg", 75).unwrap(), ours);
        assert_eq!(ours, theirs(&rgba, jpeg_encoder::ColorType::Rgba));
    }

    /// An opaque image encoded through `encode_rgba` (as `encode` does) is
    /// the very file `encode_rgb` makes, and an image with transparency
    /// keeps its alpha.
    #[test]
    fn opaque_avif_through_rgba_is_the_rgb_file() {
        let (w, h) = (24u32, 16u32);
        let data: Vec<u8> = (0..w * h)
            .flat_map(|i| {
                let (x, y) = (i % w, i / w);
                [(x * 10) as u8, (y * 15) as u8, ((x + y) * 5) as u8]
            })
            .collect();
        let opaque = Pixels {
            width: w,
            height: h,
            alpha: false,
            data: data.clone(),
        };
        let ours = encode(&opaque, "avif", 60).unwrap();
        let rgb: Vec<ravif::RGB8> = data
            .chunks_exact(3)
            .map(|p| ravif::RGB8::new(p[0], p[1], p[2]))
            .collect();
        let theirs = ravif::Encoder::new()
            .with_quality(60.0)
            .with_alpha_quality(60.0)
            .with_speed(AVIF_SPEED)
            .encode_rgb(ravif::Img::new(&rgb[..], w as usize, h as usize))
            .unwrap()
            .avif_file;
        assert_eq!(ours, theirs);

        let mut rgba = Vec::new();
        for (i, p) in data.chunks_exact(3).enumerate() {
            rgba.extend_from_slice(&[p[0], p[1], p[2], if i % 2 == 0 { 255 } else { 0 }]);
        }
        let transparent = Pixels {
            width: w,
            height: h,
            alpha: true,
            data: rgba,
        };
        let with_alpha = encode(&transparent, "avif", 60).unwrap();
        assert_ne!(with_alpha, theirs);
        // An alpha plane is an auxiliary image: its `auxC` box says so.
        assert!(with_alpha.windows(4).any(|b| b == b"auxC"));
        assert!(!ours.windows(4).any(|b| b == b"auxC"));
    }
}
