//! Stage benchmarks: `cargo bench --bench stages`.
//!
//! Each stage on a realistic explainer, so a regression in one shows by
//! itself: the demo site's measles explainer (real sources, every construct)
//! and a synthetic one from the benchmark corpus (`examples/bench`):
//! - `front_matter`: split, parse and validate;
//! - `markdown`: the Markdown stage with the explainer extensions
//!   (citations, key points, quote callouts, annotations, heading ids, links,
//!   highlighting);
//! - `templates`: `page.html` around an already rendered body;
//! - `search`: the Pagefind index of 200 synthetic explainers, from memory.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use divan::Bencher;
use lede::site::model::{ModelOptions, Site};

#[path = "../examples/bench/corpus.rs"]
#[allow(dead_code, unreachable_pub)]
mod corpus;

fn main() {
    divan::main();
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A site of 200 synthetic explainers, written once per process.
fn synthetic_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("lede-bench-{}", std::process::id()));
        corpus::write_lede(&dir, 200).expect("write the synthetic site");
        dir
    })
}

fn load(root: &Path, search: bool) -> Site {
    let options = ModelOptions {
        search,
        ..ModelOptions::default()
    };
    match Site::load(root, &options) {
        Ok((site, _)) => site,
        Err(e) => panic!(
            "{root:?} does not load: {:?}",
            e.iter().next().map(|d| d.render(false))
        ),
    }
}

fn demo() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| load(repo(), false))
}

fn synthetic_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| load(synthetic_dir(), true))
}

fn measles(site: &Site) -> usize {
    site.pages
        .iter()
        .position(|p| p.slug == "measles")
        .expect("the demo site has the measles explainer")
}

mod front_matter {
    use super::*;

    fn parse(bencher: Bencher, text: String) {
        let file: Arc<str> = Arc::from("content/x.md");
        let source = lede::diagnostics::SourceText::new(text);
        bencher.bench(|| lede::front_matter::parse(&file, &source).is_ok());
    }

    #[divan::bench]
    fn demo_measles(bencher: Bencher) {
        let text = std::fs::read_to_string(repo().join("content/measles.md")).expect("read");
        parse(bencher, text);
    }

    #[divan::bench]
    fn synthetic(bencher: Bencher) {
        parse(bencher, corpus::lede_file(&corpus::article(1)));
    }
}

mod markdown {
    use super::*;

    #[divan::bench]
    fn demo_measles(bencher: Bencher) {
        let site = demo();
        let i = measles(site);
        bencher.bench(|| site.render_body(i, false).body.html.len());
    }

    #[divan::bench]
    fn synthetic(bencher: Bencher) {
        let site = super::synthetic_site();
        bencher.bench(|| site.render_body(0, true).body.html.len());
    }
}

mod templates {
    use super::*;
    use lede::markdown::Rendered;
    use lede::templates::page::PageInput;

    /// The template stage of explainer `i`: `explainer.html` around its body.
    fn page_html(site: &Site, i: usize, rendered: &Rendered) -> Option<usize> {
        let page = &site.pages[i];
        let input = PageInput {
            meta: &page.front.meta,
            slug: &page.slug,
            body: &rendered.body,
            words: rendered.facts.words,
            scheduled: false,
            series: None,
            related: Vec::new(),
            lang: page.lang,
            alternates: Vec::new(),
        };
        site.templates
            .page(&site.config, input)
            .1
            .map(|h| h.len())
            .ok()
    }

    #[divan::bench]
    fn demo_measles(bencher: Bencher) {
        let site = demo();
        let i = measles(site);
        let rendered = site.render_body(i, false);
        bencher.bench(|| page_html(site, i, &rendered));
    }

    #[divan::bench]
    fn synthetic(bencher: Bencher) {
        let site = super::synthetic_site();
        let rendered = site.render_body(0, false);
        bencher.bench(|| page_html(site, 0, &rendered));
    }
}

mod search {
    use super::*;
    use lede::site::search::{Record, build};

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn index_200_synthetic(bencher: Bencher) {
        let site = super::synthetic_site();
        let written: Vec<_> = (0..site.pages.len())
            .map(|i| lede::site::render::render_page(site, i, true).0)
            .collect();
        bencher
            .with_inputs(|| {
                written
                    .iter()
                    .filter_map(|w| w.record.as_deref().cloned())
                    .collect::<Vec<Record>>()
            })
            .bench_values(|records| build(records, "en").len());
    }
}
