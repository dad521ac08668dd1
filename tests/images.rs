//! Images (FORMAT.md §5.2): every variant decodes and is the size the page
//! says; no EXIF, XMP or GPS in anything published, the pixels turned
//! upright; a second build encodes nothing; a corrupt cache entry is made
//! again; each kind of bad image stops the build naming the file; social
//! cards for every explainer.

use std::io::Cursor;

use image::{GenericImageView, ImageEncoder, Rgb, RgbImage};

use crate::support::{Server, Site, poll, select};

/// A JPEG, 60 × 40, red in its top-left corner, whose EXIF says it must be
/// turned (orientation 6: 90° clockwise) and where it was taken.
fn jpeg_with_gps() -> Vec<u8> {
    let mut img = RgbImage::from_pixel(60, 40, Rgb([20, 60, 200]));
    for x in 0..10 {
        for y in 0..10 {
            img.put_pixel(x, y, Rgb([230, 20, 20]));
        }
    }
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .write_image(img.as_raw(), 60, 40, image::ExtendedColorType::Rgb8)
        .unwrap();
    // EXIF (big-endian TIFF): IFD0 with Orientation = 6 and a GPS IFD
    // pointer; the GPS IFD with GPSLatitudeRef = "N".
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 2]); // two entries
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    tiff.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0, 0, 0, 0, 0]);
    tiff.extend_from_slice(b"GPSMARKER 51.5074N 0.1278W");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 7) as u8, (y * 5) as u8, 128])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn site() -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Photos\nbase_url: https://example.org/repo/\nimages:\n  widths: [16, 32]\n",
    );
    site.write("static/images/photo.jpg", jpeg_with_gps());
    site.write("static/images/chart.png", png(50, 30));
    site.write(
        "content/photos.md",
        "---\ntitle: A photo\ndate: 2026-02-04\nupdated: 2026-02-05\nhero: { src: /images/photo.jpg, alt: A photo }\n---\nText.\n\n![A chart](/images/chart.png \"A caption\")\n",
    );
    site
}

/// The pixel size of an encoded image: decoded (JPEG, PNG, WebP), or read
/// from its `ispe` box (AVIF).
fn pixels(bytes: &[u8]) -> (u32, u32) {
    if bytes.get(4..12) == Some(b"ftypavif") {
        let at = bytes
            .windows(4)
            .position(|w| w == b"ispe")
            .expect("AVIF has ispe")
            + 8;
        let n = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
        return (n(at), n(at + 4));
    }
    image::load_from_memory(bytes)
        .expect("decodes")
        .dimensions()
}

#[test]
fn every_variant_decodes_at_the_size_the_page_says_and_carries_no_metadata() {
    let site = site();
    let run = site.lede(&["build"]);
    run.ok();
    assert!(
        run.stdout.contains("13 images encoded, 0 reused"),
        "{}",
        run.stdout
    );
    let page = site.page("photos/index.html");
    let files = site.manifest();
    // Hero: <picture> with AVIF and WebP sources, an <img> in JPEG.
    let hero = select(&page, "figure.hero picture");
    assert_eq!(hero.len(), 1);
    let types: Vec<&str> = select(&page, "figure.hero source")
        .iter()
        .map(|s| s.value().attr("type").unwrap())
        .collect();
    assert_eq!(types, ["image/avif", "image/webp"]);
    let img = select(&page, "figure.hero img")[0].value();
    assert_eq!(img.attr("fetchpriority"), Some("high"));
    assert_eq!(img.attr("loading"), None);
    // Every URL of every srcset exists, decodes, and is as wide as it says.
    let mut checked = 0;
    for el in select(&page, "picture source, picture img") {
        for candidate in el.value().attr("srcset").unwrap().split(", ") {
            let (url, w) = candidate.split_once(' ').unwrap();
            let rel = url.strip_prefix("/repo/").unwrap();
            let bytes = files
                .get(rel)
                .unwrap_or_else(|| panic!("{rel} not published"));
            let (pw, _) = pixels(bytes);
            assert_eq!(format!("{pw}w"), w, "{rel}");
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
    // width/height on each <img> are the real pixels of its src.
    for img in select(&page, "picture img") {
        let v = img.value();
        let rel = v.attr("src").unwrap().strip_prefix("/repo/").unwrap();
        let (w, h) = pixels(&files[rel]);
        assert_eq!(
            (v.attr("width"), v.attr("height")),
            (Some(w.to_string().as_str()), Some(h.to_string().as_str())),
            "{rel}"
        );
    }
    // The figure is lazy; the photo was turned upright: 40 × 60, its red
    // corner now top-right.
    assert_eq!(
        select(&page, "figure.figure img")[0]
            .value()
            .attr("loading"),
        Some("lazy")
    );
    let original = image::load_from_memory(&files["images/photo.jpg"])
        .unwrap()
        .to_rgb8();
    assert_eq!(original.dimensions(), (40, 60));
    let top_right = original.get_pixel(36, 3);
    let top_left = original.get_pixel(3, 3);
    assert!(
        top_right[0] > 150 && top_left[2] > 150,
        "{top_right:?} {top_left:?}"
    );
    // Nothing published holds the EXIF, the GPS block or the marker.
    for (rel, bytes) in &files {
        if rel.starts_with("images/photo") {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains("Exif") && !text.contains("GPSMARKER"),
                "{rel} keeps metadata"
            );
        }
    }
    // A social card for the explainer, and the page points at it.
    let (w, h) = pixels(&files["photos/card.png"]);
    assert_eq!((w, h), (1200, 630));
    let og: Vec<&str> = select(&page, "meta[property='og:image']")
        .iter()
        .map(|m| m.value().attr("content").unwrap())
        .collect();
    assert_eq!(og, ["https://example.org/repo/photos/card.png"]);
    assert_eq!(
        select(&page, "meta[name='twitter:card']")[0]
            .value()
            .attr("content"),
        Some("summary_large_image")
    );
}

#[test]
fn serve_swaps_in_the_encoded_images_then_serves_what_build_writes() {
    let site = site();
    // At the host's root, as the shared comparison expects.
    site.write(
        "site.yaml",
        "title: Photos\nbase_url: https://example.org/\nimages:\n  widths: [16, 32]\n",
    );
    let server = Server::start(site.root(), &[]);
    let (status, _) = server.get("/photos/");
    assert_eq!(status, 200, "served before any image is encoded");
    // Hero and figure, each once its variants are in the cache.
    poll(std::time::Duration::from_secs(60), "both pictures", || {
        let (_, page) = server.get("/photos/");
        (page.matches("<picture").count() == 2).then_some(())
    });
    assert!(server.stdout().contains("encoded: rendered 1 page again"));
    let built = site.lede(&["build"]).ok().stdout.clone();
    assert!(
        built.contains("1 image encoded, 12 reused"),
        "serve filled the cache; the card is build's: {built}"
    );
    crate::serve::assert_serves_what_build_writes(&site, &server);
}

#[test]
fn a_second_build_encodes_nothing_and_a_corrupt_entry_is_made_again() {
    let site = site();
    site.lede(&["build"]).ok();
    let first = site.manifest();
    let run = site.lede(&["build"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("0 images encoded, 13 reused"),
        "{}",
        run.stdout
    );
    assert_eq!(site.manifest(), first);
    // Spoil one entry: it is made again, the others are reused, and the
    // output is the same.
    let cache = site.root().join(".lede-cache/images");
    // A variant's entry, 16 pixels wide (not a `.sum`, an original's `-0-`, or the list of
    // sources).
    let entry = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".v1") && name.contains("-16-") && !name.starts_with("card-")
        })
        .unwrap();
    std::fs::write(&entry, b"not what was there").unwrap();
    let run = site.lede(&["build"]);
    assert!(
        run.stdout.contains("1 image encoded, 12 reused"),
        "{}",
        run.stdout
    );
    assert_eq!(site.manifest(), first);
    // --no-cache encodes everything again.
    let run = site.lede(&["build", "--no-cache"]);
    assert!(
        run.stdout.contains("13 images encoded, 0 reused"),
        "{}",
        run.stdout
    );
    // A change to site.yaml that leaves the card as it was draws nothing
    // (the card's SVG is the same), and the build after it lays out no card.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}# a comment\n"));
    for _ in 0..2 {
        let run = site.lede(&["build"]);
        assert!(
            run.stdout.contains("0 images encoded, 13 reused"),
            "{}",
            run.stdout
        );
    }
    assert_eq!(site.manifest(), first);
    // A new headline is a new card.
    let text = std::fs::read_to_string(site.root().join("content/photos.md")).unwrap();
    site.write(
        "content/photos.md",
        text.replacen("title: ", "title: New ", 1),
    );
    let run = site.lede(&["build"]);
    assert!(
        run.stdout.contains("1 image encoded, 12 reused"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_image_stops_the_build_naming_it_and_the_explainer() {
    let good = png(20, 20);
    let mut bomb = good.clone();
    // IHDR's width and height: 60000 × 60000.
    bomb[16..20].copy_from_slice(&60000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60000u32.to_be_bytes());
    let jpeg = jpeg_with_gps();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "text.jpg",
            b"not an image at all".to_vec(),
            "is not an image lede can read",
        ),
        ("cut.jpg", jpeg[..jpeg.len() / 2].to_vec(), "is truncated"),
        ("bomb.png", bomb, "over the limit"),
        ("empty.png", Vec::new(), "is an empty file"),
    ];
    for (name, bytes, why) in cases {
        let site = site();
        site.lede(&["build"]).ok();
        let before = site.manifest();
        site.write(&format!("static/images/{name}"), bytes);
        site.write(
            "content/bad.md",
            format!("---\ntitle: Bad\ndate: 2026-02-04\n---\n![Bad](/images/{name})\n"),
        );
        let run = site.lede(&["build"]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("the image `images/{name}` ")) && run.stderr.contains(why),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--> content/bad.md:5:1"),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(
            site.manifest(),
            before,
            "{name}: the previous output is untouched"
        );
    }
    // A CMYK JPEG and a 16-bit PNG are handled.
    let site = site();
    let cmyk =
        std::fs::read(crate::support::repo_root().join("tests/fixtures/images/cmyk.jpg")).unwrap();
    assert_eq!(
        image::load_from_memory(&cmyk)
            .map(|_| ())
            .err()
            .map(|e| e.to_string()),
        None
    );
    let deep = {
        let mut out = Vec::new();
        let img = image::DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
            30,
            20,
            image::Rgb([1000u16, 60000, 3]),
        ));
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    };
    site.write("static/images/cmyk.jpg", cmyk);
    site.write("static/images/deep.png", deep);
    site.write("content/more.md", "---\ntitle: More\ndate: 2026-02-04\n---\n![A](/images/cmyk.jpg)\n\n![B](/images/deep.png)\n");
    site.lede(&["build"]).ok();
    let files = site.manifest();
    for (stem, ext) in [("deep", "png"), ("cmyk", "jpg")] {
        let variant = files
            .keys()
            .find(|k| {
                k.starts_with(&format!("images/{stem}.")) && k.ends_with(&format!(".30.{ext}"))
            })
            .unwrap_or_else(|| panic!("no 30 px {stem}"));
        assert_eq!(pixels(&files[variant]), (30, 20), "{variant}");
    }
}
