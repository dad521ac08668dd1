//! The own corpus with a whole site's features switched on (`--features`):
//! bylines from twelve author profiles, one explainer in five in a series of
//! five, one in ten with a 1200 × 800 JPEG hero (its variants from the
//! image cache after the untimed first build), and one in ten translated
//! into French (a second language). Pagination, related explainers and
//! per-tag feeds are always on. The same articles without these are the
//! plain corpus; the bench prints the ratio.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use image::{ImageEncoder, Rgb, RgbImage};

use super::corpus::{self, article, lede_file};

const AUTHORS: [&str; 12] = [
    "Ana Ruiz",
    "Ben Okafor",
    "Chloé Martin",
    "Dev Patel",
    "Eva Lindqvist",
    "Farid Haddad",
    "Grace Kim",
    "Hugo Silva",
    "Ines Moreau",
    "Jon Park",
    "Kofi Mensah",
    "Lena Vogel",
];

/// Writes the first `n` articles with the features on at `dir`.
pub(crate) fn write_lede_features(dir: &Path, n: usize) -> io::Result<()> {
    corpus::write_lede(dir, n)?;
    let mut site = String::from(corpus::LEDE_SITE);
    site.push_str("languages:\n  fr:\n    title: \"Explications annotées\"\nimages: { formats: [webp] }\nauthors:\n");
    for (k, name) in AUTHORS.iter().enumerate() {
        let _ = writeln!(site, "  {name}:\n    role: \"Reporter, desk {k}\"");
    }
    corpus::write(&dir.join("site.yaml"), &site)?;
    for i in 1..=n {
        let a = article(i);
        let text = lede_file(&a);
        let mut extra = format!("authors: [{}]\n", AUTHORS[i % AUTHORS.len()]);
        if i % 5 == 0 {
            let _ = writeln!(extra, "series: \"Series {}\"", i / 25);
        }
        if i % 10 == 7 {
            let _ = writeln!(
                extra,
                "hero:\n  src: /images/hero-{i}.jpg\n  alt: \"A photograph for explainer {i}\""
            );
            let image = dir.join(format!("static/images/hero-{i}.jpg"));
            std::fs::create_dir_all(image.parent().unwrap_or(dir))?;
            std::fs::write(image, photo(i, 1200, 800))?;
        }
        let text = text.replacen("---\n", &format!("---\n{extra}"), 1);
        let path = dir.join("content").join(format!("{}.md", a.slug));
        corpus::write(&path, &text)?;
        if i % 10 == 3 {
            let fr = dir.join("content").join(format!("{}.fr.md", a.slug));
            corpus::write(&fr, &text)?;
        }
    }
    Ok(())
}

/// A deterministic photo-like JPEG: a hue gradient, a glow and grain.
fn photo(i: usize, w: u32, h: u32) -> Vec<u8> {
    let hue = (i * 37 % 360) as f32;
    let (cx, cy, r) = ((i * 97) as u32 % w, (i * 53) as u32 % h, 300.0);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        let d = ((x as f32 - cx as f32).powi(2) + (y as f32 - cy as f32).powi(2)).sqrt();
        let glow = (1.0 - (d / r).min(1.0)) * 90.0;
        let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40503)) % 17) as f32 - 8.0;
        let base = |phase: f32| {
            ((hue / 60.0 + phase + fx * 2.0 - fy).sin() * 60.0 + 110.0 + glow + grain)
                .clamp(0.0, 255.0) as u8
        };
        Rgb([base(0.0), base(2.1), base(4.2)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap_or_default();
    out
}
