//! The list pages: home, the tags index, each tag's page, the Atom feed,
//! the sitemap, 404, search and robots.txt, as [`ListPage`]s to render.
//!
//! Lists show every explainer as its summary serialized once, when its
//! page was rendered ([`Listed`]), so a list of ten thousand explainers
//! costs no serialization.

use serde::Serialize;
use tera::{Context, Value};

use super::Templates;
use super::context::{Summary, TagPage};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::markdown::{escape, inline};

/// An explainer as list templates see it, serialized once.
#[derive(Clone, Debug)]
pub struct Listed(Value);

impl Listed {
    /// The list view of an explainer's summary.
    pub fn of(summary: &Summary) -> Self {
        Self(Value::from_serializable(summary))
    }
}

/// A list page to render: where it goes, its template and its values.
pub struct ListPage {
    /// Its output path (`tags/x/index.html`).
    pub path: String,
    template: &'static str,
    ctx: Context,
}

impl Templates {
    /// Renders a list page.
    pub fn render_list(&self, page: &ListPage) -> Result<String, Diagnostic> {
        self.render(page.template, &page.ctx)
    }
}

/// What list templates see as `current`: the page being rendered.
#[derive(Serialize)]
struct Current {
    url: String,
    permalink: String,
}

fn current(config: &SiteConfig, path: &str) -> Current {
    let base = &config.base_url;
    Current {
        url: base.root_relative(path),
        permalink: base.absolute(path),
    }
}

/// The lists that show every explainer, and the tags.
pub struct Lists<'a> {
    config: &'a SiteConfig,
    all: Value,
    tags: Value,
}

impl<'a> Lists<'a> {
    /// Lists of these explainers (newest first) and tags.
    pub fn new(config: &'a SiteConfig, listed: &[&Listed], tags: &[TagPage]) -> Self {
        Self {
            config,
            all: Value::from(listed.iter().map(|l| l.0.clone()).collect::<Vec<_>>()),
            tags: Value::from_serializable(tags),
        }
    }

    /// The home page: every explainer.
    pub fn home(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("explainers", self.all.clone());
        ctx.insert_value("tags", self.tags.clone());
        ctx.insert("current", &current(self.config, ""));
        page("index.html", "index.html", ctx)
    }

    /// The tags index.
    pub fn tags_index(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("tags", self.tags.clone());
        ctx.insert("current", &current(self.config, "tags/"));
        page("tags/index.html", "tags.html", ctx)
    }

    /// The sitemap: every explainer and tag.
    pub fn sitemap(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("explainers", self.all.clone());
        ctx.insert_value("tags", self.tags.clone());
        page("sitemap.xml", "sitemap.xml", ctx)
    }

    /// One tag's page: its explainers, newest first.
    pub fn tag(&self, tag: &TagPage, listed: &[&Listed]) -> ListPage {
        let list: Vec<Value> = listed.iter().map(|l| l.0.clone()).collect();
        let mut ctx = Context::new();
        ctx.insert("tag", tag);
        ctx.insert_value("explainers", Value::from(list));
        let path = format!("tags/{}/", tag.tag.slug);
        ctx.insert("current", &current(self.config, &path));
        page(&format!("{path}index.html"), "tag.html", ctx)
    }
}

fn page(path: &str, template: &'static str, ctx: Context) -> ListPage {
    ListPage {
        path: path.to_string(),
        template,
        ctx,
    }
}

/// Pages that list nothing: 404, search, robots.txt.
pub fn fixed(config: &SiteConfig, search: bool) -> Vec<ListPage> {
    let mut ctx = Context::new();
    ctx.insert("current", &current(config, "404.html"));
    let not_found = page("404.html", "404.html", ctx);
    let mut ctx = Context::new();
    ctx.insert("current", &current(config, "search/"));
    ctx.insert("search_enabled", &search);
    let search = page("search/index.html", "search.html", ctx);
    let robots = page("robots.txt", "robots.txt", Context::new());
    vec![not_found, search, robots]
}

/// A feed entry: the explainer's summary and the HTML of its feed summary.
#[derive(Serialize)]
struct FeedEntry<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    /// The dek and the key points, as HTML (the template escapes it once
    /// more for XML, as `<summary type="html">` wants).
    summary_html: String,
}

fn feed_summary(s: &Summary, config: &SiteConfig) -> String {
    let mut html = String::new();
    if let Some(dek) = &s.dek {
        html.push_str(&format!("<p>{}</p>", escape(dek)));
    }
    if !s.key_points.is_empty() {
        html.push_str("<ul>");
        for point in &s.key_points {
            let item = inline::render(point, &config.base_url);
            html.push_str(&format!("<li>{item}</li>"));
        }
        html.push_str("</ul>");
    }
    html
}

/// The Atom feed of these explainers (the newest), `updated` being when
/// any explainer last changed.
pub fn feed(config: &SiteConfig, newest: &[Summary], updated: Option<String>) -> ListPage {
    let entries: Vec<FeedEntry<'_>> = newest
        .iter()
        .map(|summary| FeedEntry {
            summary,
            summary_html: feed_summary(summary, config),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("explainers", &entries);
    ctx.insert("updated", &updated);
    ctx.insert("current", &current(config, "atom.xml"));
    page("atom.xml", "atom.xml", ctx)
}
