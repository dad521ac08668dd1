//! Social cards: `/<slug>/card.png`, 1200 × 630, for every explainer — the
//! site's name, the headline (wrapped, and smaller until it fits), as much
//! of the standfirst as fits, the date, and an "Updated" or "Correction"
//! badge. The layout is measured here with the card's fonts (compiled in,
//! `theme::FONTS`); the markup is the template `card.svg`, which a site can
//! replace; resvg draws it. Cards are cached like images, twice keyed: by
//! what they are made of (the explainer's headline, standfirst, date and
//! badge, the site's name and language, every template and `site.yaml`),
//! so an unchanged card of a rebuild is not even laid out; and failing
//! that by the hash of their SVG, so a card that comes out the same after
//! a change elsewhere (a new menu entry) is not drawn again.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use resvg::{tiny_skia, usvg};

use super::images::{Cache, ImageReport, Made};
use super::model::Site;
use super::sink::{IoError, Sink};
use crate::diagnostics::Diagnostic;
use crate::templates::card::{CardLine, CardView};
use crate::theme;

/// The card's size, in pixels.
pub const WIDTH: u32 = 1200;
/// Its height.
pub const HEIGHT: u32 = 630;
const MARGIN: u32 = 72;

/// The fonts, loaded once.
fn fonts() -> &'static Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for (_, _, bytes) in theme::FONTS {
            db.load_font_data(bytes.to_vec());
        }
        Arc::new(db)
    })
}

/// The width of `text` at `size` px in the built-in font of `weight`
/// (advances of the characters, unshaped: close enough to break lines).
fn measure(text: &str, size: f32, weight: u16) -> f32 {
    let bytes = theme::FONTS
        .iter()
        .find(|(_, w, _)| *w == weight)
        .map_or(theme::FONTS[0].2, |(_, _, b)| *b);
    let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
        return text.chars().count() as f32 * size * 0.55;
    };
    let units = f32::from(face.units_per_em().max(1));
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size * 0.55, |a| f32::from(a) * size / units)
        })
        .sum()
}

/// `text` broken into lines no wider than `width` at `size`.
fn wrap(text: &str, size: f32, weight: u16, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate, size, weight) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The headline at the largest size (72 px down to 36) at which it takes
/// at most four lines; at the smallest, the fourth line ends in `…`.
fn headline(title: &str) -> (u32, Vec<String>) {
    let width = (WIDTH - 2 * MARGIN) as f32;
    for size in (36..=72).rev().step_by(4) {
        let lines = wrap(title, size as f32, 700, width);
        if lines.len() <= 3 || (size <= 48 && lines.len() <= 4) {
            return (size, lines);
        }
    }
    let mut lines = wrap(title, 36.0, 700, width);
    lines.truncate(4);
    if let Some(last) = lines.last_mut() {
        last.push('…');
    }
    (36, lines)
}

/// The card of page `i` (an explainer of the site).
fn view(site: &Site, i: usize) -> CardView {
    let page = &site.pages[i];
    let meta = &page.front.meta;
    let lang = &site.config.languages[page.lang];
    let (size, lines) = headline(&meta.title);
    let line_height = size * 6 / 5;
    let mut y = 150 + size;
    let headline: Vec<CardLine> = lines
        .into_iter()
        .map(|text| {
            let line = CardLine { text, y };
            y += line_height;
            line
        })
        .collect();
    // The standfirst: as many lines as fit above the footer band.
    let dek_size = 30;
    let mut dek = Vec::new();
    if let Some(text) = &meta.dek {
        let mut y = y + 16;
        for text in wrap(text, dek_size as f32, 400, (WIDTH - 2 * MARGIN) as f32) {
            if y + 10 > 550 {
                if let Some(last) = dek.last_mut() {
                    let last: &mut CardLine = last;
                    last.text.push('…');
                }
                break;
            }
            dek.push(CardLine { text, y });
            y += dek_size * 13 / 10;
        }
    }
    let badge = if !meta.corrections.is_empty() {
        Some(lang.label("correction").to_string())
    } else if meta.updated.is_some() || !meta.updates.is_empty() {
        Some(lang.label("updated").to_string())
    } else {
        None
    };
    let (x, badge_x) = if lang.rtl {
        (WIDTH - MARGIN, MARGIN)
    } else {
        (MARGIN, WIDTH - MARGIN)
    };
    CardView {
        site: lang.title.clone(),
        headline,
        headline_size: size,
        dek,
        dek_size,
        date: meta.date.as_ref().map(|d| lang.date(d)).unwrap_or_default(),
        badge,
        dir: lang.dir(),
        rtl: lang.rtl,
        x,
        badge_x,
    }
}

/// The key of page `i`'s card by what it is made of (`made_of`: the
/// templates' fingerprint and the hash of `site.yaml`).
fn input_key(site: &Site, i: usize, made_of: (u128, u128)) -> String {
    let page = &site.pages[i];
    let meta = &page.front.meta;
    let text = format!(
        "{}\0{}\0{:?}\0{:?}\0{:?}\0{}\0{}\0{}\0{}",
        env!("CARGO_PKG_VERSION"),
        meta.title,
        meta.dek,
        meta.date,
        meta.updated,
        meta.updates.len(),
        meta.corrections.len(),
        page.lang,
        made_of.0 ^ made_of.1.rotate_left(1),
    );
    format!(
        "card-in-{:032x}.png",
        xxhash_rust::xxh3::xxh3_128(text.as_bytes())
    )
}

/// Draws an SVG card as PNG.
fn draw(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts().clone(),
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| format!("the card's SVG is not valid ({e})"))?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no memory for the card")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the card ({e})"))
}

/// The site path of page `i`'s card.
pub fn path(site: &Site, i: usize) -> String {
    format!("{}/card.png", site.pages[i].slug)
}

/// Writes every explainer's card (from the cache when unchanged).
pub fn write_cards(
    site: &Site,
    cache: &Cache,
    out: &dyn Sink,
) -> Result<(ImageReport, Vec<Diagnostic>), IoError> {
    // Not for `check` and `serve`, which publish no images.
    if !site.config.cards || site.options.pictures != super::Pictures::All {
        return Ok((ImageReport::default(), Vec::new()));
    }
    let (drawn, reused) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let made_of = (
        site.templates.fingerprint(),
        xxhash_rust::xxh3::xxh3_128(site.config.source.as_str().as_bytes()),
    );
    let results: Vec<Result<Option<Diagnostic>, IoError>> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&i| site.pages[i].is_explainer())
        .map(|i| {
            let page = &site.pages[i];
            let inputs = input_key(site, i, made_of);
            let read = site.options.read_cache;
            if let Some(made) = Made::cached(cache, (&inputs, read), out, &path(site, i)) {
                reused.fetch_add(1, Ordering::Relaxed);
                return made.publish(&path(site, i), out).map(|()| None);
            }
            let svg = match site.templates.card_svg(page.lang, &view(site, i)) {
                Ok(svg) => svg,
                Err(d) => return Ok(Some(d)),
            };
            let key = format!(
                "card-{:032x}.png",
                xxhash_rust::xxh3::xxh3_128(svg.as_bytes())
            );
            let made = match cache.get(&key, site.options.read_cache) {
                Some(file) => {
                    reused.fetch_add(1, Ordering::Relaxed);
                    Made::Cached(file)
                }
                None => match draw(&svg) {
                    Ok(png) => {
                        drawn.fetch_add(1, Ordering::Relaxed);
                        Made::keep(cache, &key, png)
                    }
                    Err(why) => {
                        return Ok(Some(Diagnostic::error(why).in_file(&page.file.rel)));
                    }
                },
            };
            if let Made::Cached(file) = &made {
                cache.alias(&inputs, file);
            }
            made.publish(&path(site, i), out).map(|()| None)
        })
        .collect();
    let mut problems = Vec::new();
    for r in results {
        if let Some(d) = r? {
            crate::diagnostics::push_unique(&mut problems, d);
        }
    }
    let report = ImageReport {
        encoded: drawn.into_inner(),
        reused: reused.into_inner(),
    };
    Ok((report, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_headline_wraps_and_shrinks_within_the_card() {
        let (size, lines) = headline("A short headline");
        assert_eq!((size, lines.len()), (72, 1));
        let long = "Why the harbour bridge toll, the council's biggest decision in a decade, changes how the whole city moves, works and pays for its roads";
        let (size, lines) = headline(long);
        assert!(size < 72 && lines.len() <= 4, "{size} {lines:?}");
        for line in &lines {
            assert!(
                measure(line, size as f32, 700) <= (WIDTH - 2 * MARGIN) as f32 + 1.0,
                "{line}"
            );
        }
        let png = draw(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><text x="10" y="50" font-family="DejaVu Sans" font-size="40">مرحبا Hello</text></svg>"#).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }
}
