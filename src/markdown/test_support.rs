//! Renders a Markdown body with front matter, the built-in theme and a few
//! link targets, for the stage's unit tests.

use std::sync::Arc;

use super::links::PageLink;
use super::{Ctx, Highlighter, LinkTargets, Page, Rendered, render};
use crate::config::SiteConfig;
use crate::diagnostics::SourceText;
use crate::doc::YamlDoc;
use crate::front_matter;
use crate::templates::Templates;

/// `front` is the YAML between the `---` lines (title and date are added).
pub(crate) fn render_md(front: &str, body: &str) -> Rendered {
    render_with(front, body).1
}

/// As [`render_md`], also returning the whole file's text.
pub(crate) fn render_with(front: &str, body: &str) -> (Arc<SourceText>, Rendered) {
    let text = format!("---\ntitle: T\ndate: 2026-02-04\n{front}---\n{body}");
    let file: Arc<str> = Arc::from("content/a/page.md");
    let source = SourceText::new(text);
    let fm = front_matter::parse(&file, &source).unwrap_or_else(|e| panic!("front matter: {e:?}"));
    let config = SiteConfig::parse(
        &Arc::from("site.yaml"),
        &SourceText::new("title: S\nbase_url: https://x.org/repo/\n"),
    )
    .unwrap();
    let templates = Templates::built_in(&config).unwrap();
    let mut links = LinkTargets::default();
    links.pages.insert(
        "content/other.md".into(),
        PageLink {
            slug: "other".into(),
            published: true,
            scheduled: false,
            broken: false,
            translations: Vec::new(),
        },
    );
    links.pages.insert(
        "content/a/draft.md".into(),
        PageLink {
            slug: "draft".into(),
            published: false,
            scheduled: false,
            broken: false,
            translations: Vec::new(),
        },
    );
    links
        .files
        .extend(["images/a.png".to_string(), "other/index.html".to_string()]);
    let highlighter = Highlighter::new();
    let page = Page {
        file: &file,
        source: &source,
        body_start: fm.body_start,
        meta: &fm.meta,
        front: YamlDoc {
            file: &file,
            source: &source,
            start: fm.yaml.start,
            text: &source[fm.yaml.clone()],
        },
        bundle: None,
    };
    let ctx = Ctx {
        base: &config.base_url,
        links: &links,
        highlighter: &highlighter,
        components: &templates,
        collect_text: true,
        image: &|_| crate::markdown::ImageFacts::default(),
        lang: 0,
        language: &config.languages[0],
        lint: false,
    };
    let rendered = render(page, ctx);
    (source.clone(), rendered)
}
