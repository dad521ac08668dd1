//! What lede knows of an image file without decoding it: its size.

use std::io::Read;
use std::path::Path;

use html5gum::{Token, Tokenizer};

/// The pixel size of a raster image (from its header), or the size an SVG
/// declares (`width`/`height`, else its `viewBox`).
pub fn size(path: &Path) -> Option<(u32, u32)> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        return svg_size(path);
    }
    let size = imagesize::size(path).ok()?;
    Some((
        u32::try_from(size.width).ok()?,
        u32::try_from(size.height).ok()?,
    ))
}

fn svg_size(path: &Path) -> Option<(u32, u32)> {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    svg_root_size(&text)
}

/// The size the root `<svg>` tag of `text` declares.
fn svg_root_size(text: &str) -> Option<(u32, u32)> {
    let tag = Tokenizer::new(text).flatten().find_map(|t| match t {
        Token::StartTag(tag) if tag.name.eq_ignore_ascii_case(b"svg") => Some(tag),
        _ => None,
    })?;
    let attr = |name: &str| {
        tag.attributes
            .get(name.as_bytes())
            .map(|v| String::from_utf8_lossy(v).into_owned())
    };
    let number = |v: &str| -> Option<f64> {
        let v = v.trim().strip_suffix("px").unwrap_or(v.trim());
        v.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    let (w, h) = match (attr("width"), attr("height")) {
        (Some(w), Some(h)) if number(&w).is_some() && number(&h).is_some() => {
            (number(&w)?, number(&h)?)
        }
        _ => {
            let view = attr("viewBox").or_else(|| attr("viewbox"))?;
            let parts: Vec<f64> = view
                .split([' ', ','])
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            match parts[..] {
                [_, _, w, h] if w > 0.0 && h > 0.0 => (w, h),
                _ => return None,
            }
        }
    };
    Some((w.round() as u32, h.round() as u32))
}

#[cfg(test)]
mod tests {
    use super::svg_root_size;

    #[test]
    fn an_svg_declares_its_size() {
        for (svg, want) in [
            (
                r#"<svg xmlns="x" viewBox="0 0 1200 675">"#,
                Some((1200, 675)),
            ),
            (
                r#"<?xml version="1.0"?><svg width="300px" height="150">"#,
                Some((300, 150)),
            ),
            (
                r#"<svg width="100%" height="100%" viewBox="0,0,40,30">"#,
                Some((40, 30)),
            ),
            (r#"<svg>"#, None),
        ] {
            assert_eq!(svg_root_size(svg), want, "{svg}");
        }
    }
}
