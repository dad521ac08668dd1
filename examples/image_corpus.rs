//! A deterministic corpus of explainers with photo-like heroes, for the
//! image benchmark (`bench/images.sh`):
//!
//! ```text
//! cargo run --release --example image_corpus -- N DIR [WIDTH HEIGHT] [--articles]
//! ```
//!
//! Writes `DIR/lede` (a lede site: `images: { formats: [webp] }` beside the
//! default's AVIF and WebP in `DIR/lede-avif`), `DIR/lede-plain` (the same
//! explainers without heroes) and `DIR/hugo` (the same articles and images
//! for Hugo, whose layout resizes each hero to the same widths in WebP).
//! Image `i` depends only on `i`: smooth gradients, shapes and grain, so
//! encoders meet something like a photo (JPEG, quality 90, 2400 × 1600 by
//! default).
//!
//! Each explainer is one short paragraph by default, which puts the
//! images' share of a build at its largest. With `--articles` they are the
//! benchmark corpus's articles instead (`examples/bench/corpus.rs`, the
//! shape of `../shared/bench/gen_corpus.py`: 800–1,500 words, key points,
//! sources, citations, quotes), as an explainer site has them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;

use rayon::prelude::*;

#[path = "common/photo.rs"]
mod photo;
use photo::photo;

#[allow(dead_code)]
#[path = "bench/corpus.rs"]
mod corpus;

/// Puts `line` into the front matter of `file` (which starts with `---`).
fn with_line(file: &str, line: &str) -> String {
    let rest = file.strip_prefix("---\n").unwrap();
    format!("---\n{line}\n{rest}")
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

const HUGO_HERO: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with resources.Get .Params.hero }}{{ $img := . }}<picture><source type="image/webp" srcset="{{ range $i, $w := slice 480 800 1200 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx webp q75 Lanczos" $w)).RelPermalink }} {{ $w }}w{{ end }}"><img src="{{ ($img.Resize "1600x q75 Lanczos").RelPermalink }}" width="1600" alt=""></picture>{{ end }}
{{ .Content }}{{ end }}"#;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let articles = args.iter().any(|a| a == "--articles");
    args.retain(|a| a != "--articles");
    let n: usize = args.first().map_or(1000, |a| a.parse().unwrap());
    let dir = Path::new(args.get(1).map_or("target/image-corpus", String::as_str)).to_path_buf();
    let w: u32 = args.get(2).map_or(2400, |a| a.parse().unwrap());
    let h: u32 = args.get(3).map_or(1600, |a| a.parse().unwrap());
    let site = |name: &str, extra: &str| {
        write(
            &dir.join(name).join("site.yaml"),
            format!("title: Images\nbase_url: https://example.org/\ncards: false\n{extra}")
                .as_bytes(),
        );
    };
    site("lede", "images: { formats: [webp] }\n");
    site("lede-avif", "");
    site("lede-plain", "");
    write(
        &dir.join("hugo/hugo.toml"),
        b"baseURL = 'https://example.org/'\ntitle = 'Images'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n[imaging]\nquality = 75\nresampleFilter = 'Lanczos'\n",
    );
    write(
        &dir.join("hugo/layouts/_default/single.html"),
        HUGO_HERO.as_bytes(),
    );
    write(
        &dir.join("hugo/layouts/_default/baseof.html"),
        b"<!doctype html><html><body>{{ block \"main\" . }}{{ end }}</body></html>",
    );
    write(&dir.join("hugo/layouts/_default/list.html"), b"{{ define \"main\" }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}");
    (0..n).into_par_iter().for_each(|i| {
        let jpeg = photo(i, w, h);
        // The explainer in lede's format and for Hugo, without a hero.
        let (lede, hugo) = if articles {
            let a = corpus::article(i + 1);
            (corpus::lede_file(&a), corpus::hugo_file(&a))
        } else {
            let page = format!("---\ntitle: \"Article {i}\"\ndate: 2026-01-01\n---\nA paragraph about photo {i}, with enough words to be an article of sorts.\n");
            (page.clone(), page)
        };
        let hero = format!("hero: {{ src: /images/photo-{i:05}.jpg, alt: \"Photo {i}\" }}");
        for name in ["lede", "lede-avif"] {
            write(&dir.join(format!("{name}/static/images/photo-{i:05}.jpg")), &jpeg);
            write(
                &dir.join(format!("{name}/content/article-{i:05}.md")),
                with_line(&lede, &hero).as_bytes(),
            );
        }
        write(
            &dir.join(format!("lede-plain/content/article-{i:05}.md")),
            lede.as_bytes(),
        );
        write(&dir.join(format!("hugo/assets/images/photo-{i:05}.jpg")), &jpeg);
        write(
            &dir.join(format!("hugo/content/posts/article-{i:05}.md")),
            with_line(&hugo, &format!("hero: images/photo-{i:05}.jpg")).as_bytes(),
        );
    });
    println!(
        "wrote {n} explainers with {w} × {h} heroes to {}",
        dir.display()
    );
}
