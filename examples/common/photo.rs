//! A deterministic photo-like JPEG for the image benchmarks
//! (`examples/image_corpus.rs`, `examples/bench/features.rs`): image `i`
//! depends only on `i` — smooth gradients, a glow and grain, so encoders
//! meet something like a photo (JPEG, quality 90).

use image::{ImageEncoder, Rgb, RgbImage};

/// Image `i`, `w` × `h` pixels, as JPEG bytes.
pub(crate) fn photo(i: usize, w: u32, h: u32) -> Vec<u8> {
    let mut seed = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let hue = (next() % 360) as f32;
    let (cx, cy, r) = (
        (next() % u64::from(w)) as f32,
        (next() % u64::from(h)) as f32,
        (200 + next() % 600) as f32,
    );
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
        let glow = (1.0 - (d / r).min(1.0)) * 90.0;
        let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40503)) % 17) as f32 - 8.0;
        let base = |phase: f32| {
            ((hue / 60.0 + phase + fx * 2.0 - fy).sin() * 60.0 + 110.0 + glow + grain)
                .clamp(0.0, 255.0) as u8
        };
        Rgb([base(0.0), base(2.1), base(4.2)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}
