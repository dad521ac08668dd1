//! The own corpus with a whole site's features switched on (`--features`):
//! bylines from twelve author profiles, one explainer in five in a series of
//! five, one in ten with a 1200 × 800 photo-like JPEG hero (its variants
//! from the image cache after the untimed first build), one in ten translated
//! into French (a second language). Pagination, related explainers and
//! per-tag feeds are always on. The same articles without these are the
//! plain corpus; the bench prints the ratio. It also prints the ratio to
//! every article of the features corpus with the features off (the
//! French copies as explainers of their own): what the features cost,
//! without the tenth more articles a second language brings.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use super::corpus::{self, article, lede_file};
use super::photo::photo;

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

/// The articles of [`write_lede_features`], all of them (the French
/// copies as explainers of their own, `<slug>-fr.md`), with the features
/// off: no bylines, series, heroes or second language.
pub(crate) fn write_lede_features_off(dir: &Path, n: usize) -> io::Result<()> {
    corpus::write_lede(dir, n)?;
    for i in (1..=n).filter(|i| i % 10 == 3) {
        let a = article(i);
        let path = dir.join("content").join(format!("{}-fr.md", a.slug));
        corpus::write(&path, &lede_file(&a))?;
    }
    Ok(())
}
