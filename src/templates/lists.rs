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
use super::nav::{AuthorView, Pagination};
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

/// An author with their explainers, for author pages and the authors
/// index.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorPage {
    /// The byline.
    #[serde(flatten)]
    pub author: AuthorView,
    /// How many explainers name them.
    pub count: usize,
    /// From the `authors:` registry of `site.yaml`.
    pub role: Option<String>,
    /// From the registry.
    pub bio: Option<String>,
    /// From the registry, resolved under the base path.
    pub photo: Option<String>,
    /// From the registry.
    pub links: Vec<String>,
}

/// A year of the archive.
#[derive(Clone, Debug, Serialize)]
pub struct YearView {
    /// `2026`.
    pub year: i16,
    /// Explainers published that year.
    pub count: usize,
    /// Root-relative URL of its page.
    pub url: String,
}

/// What a redirect page sends the reader to.
#[derive(Clone, Debug, Serialize)]
pub struct AliasTarget {
    /// The page's headline.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
}

/// The list pages, from the groups of the site: tags, authors, years.
pub struct Lists<'a> {
    config: &'a SiteConfig,
    tags: Value,
    authors: Value,
    years: Value,
}

fn values(listed: &[&Listed]) -> Value {
    Value::from(listed.iter().map(|l| l.0.clone()).collect::<Vec<_>>())
}

impl<'a> Lists<'a> {
    /// Lists of a site with these tags, authors and years.
    pub fn new(
        config: &'a SiteConfig,
        tags: &[TagPage],
        authors: &[AuthorPage],
        years: &[YearView],
    ) -> Self {
        Self {
            config,
            tags: Value::from_serializable(tags),
            authors: Value::from_serializable(authors),
            years: Value::from_serializable(years),
        }
    }

    fn paginated(
        &self,
        dir: &str,
        n: usize,
        total: usize,
        listed: &[&Listed],
        mut ctx: Context,
        template: &'static str,
    ) -> ListPage {
        let path = if n <= 1 {
            dir.to_string()
        } else {
            format!("{dir}page/{n}/")
        };
        ctx.insert_value("explainers", values(listed));
        ctx.insert(
            "pagination",
            &Pagination::new(dir, n, total, &self.config.base_url),
        );
        ctx.insert("current", &current(self.config, &path));
        page(&format!("{path}index.html"), template, ctx)
    }

    /// Page `n` of `total` of the home page: these explainers.
    pub fn home(&self, n: usize, total: usize, listed: &[&Listed]) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("tags", self.tags.clone());
        self.paginated("", n, total, listed, ctx, "index.html")
    }

    /// Page `n` of `total` of a tag's page.
    pub fn tag(&self, tag: &TagPage, n: usize, total: usize, listed: &[&Listed]) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert("tag", tag);
        let dir = format!("tags/{}/", tag.tag.slug);
        self.paginated(&dir, n, total, listed, ctx, "tag.html")
    }

    /// Page `n` of `total` of an author's page.
    pub fn author(
        &self,
        author: &AuthorPage,
        n: usize,
        total: usize,
        listed: &[&Listed],
    ) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert("author", author);
        let dir = format!("authors/{}/", author.author.slug);
        self.paginated(&dir, n, total, listed, ctx, "author.html")
    }

    /// The tags index.
    pub fn tags_index(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("tags", self.tags.clone());
        ctx.insert("current", &current(self.config, "tags/"));
        page("tags/index.html", "tags.html", ctx)
    }

    /// The authors index.
    pub fn authors_index(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("authors", self.authors.clone());
        ctx.insert("current", &current(self.config, "authors/"));
        page("authors/index.html", "authors.html", ctx)
    }

    /// The archive's index of years.
    pub fn archive(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("years", self.years.clone());
        ctx.insert("current", &current(self.config, "archive/"));
        page("archive/index.html", "archive.html", ctx)
    }

    /// One year of the archive: its explainers, one line each.
    pub fn archive_year(&self, year: i16, listed: &[&Listed]) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert("year", &year);
        ctx.insert_value("explainers", values(listed));
        let path = format!("archive/{year}/");
        ctx.insert("current", &current(self.config, &path));
        page(&format!("{path}index.html"), "archive_year.html", ctx)
    }

    /// The sitemap: every explainer and page, the tags, years and authors.
    pub fn sitemap(&self, explainers: &[&Listed], pages: &[&Listed]) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("explainers", values(explainers));
        ctx.insert_value("pages", values(pages));
        ctx.insert_value("tags", self.tags.clone());
        ctx.insert_value("years", self.years.clone());
        ctx.insert_value("authors", self.authors.clone());
        page("sitemap.xml", "sitemap.xml", ctx)
    }

    /// The page an alias path writes: it sends the reader to `target`.
    pub fn alias(&self, path: &str, target: &AliasTarget) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert("target", target);
        ctx.insert(
            "current",
            &current(self.config, path.trim_end_matches("index.html")),
        );
        page(path, "alias.html", ctx)
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
    // A live story: its update log, with the times.
    if !s.live_updates.is_empty() {
        html.push_str(&format!("<p>{}:</p><ul>", escape(config.label("updates"))));
        for u in &s.live_updates {
            html.push_str(&format!(
                "<li><time datetime=\"{}\">{}</time> {}</li>",
                u.date.datetime,
                escape(&u.date.human_time),
                u.note
            ));
        }
        html.push_str("</ul>");
    }
    html
}

/// The Atom feed of these explainers (the newest), `updated` being when
/// any of them last changed: the site's (`dir` empty) or a tag's
/// (`dir` = `tags/x/`, `title` the tag's name).
pub fn feed(
    config: &SiteConfig,
    dir: &str,
    title: Option<&str>,
    newest: &[Summary],
    updated: Option<String>,
) -> ListPage {
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
    ctx.insert("feed_title", &title);
    let path = format!("{dir}atom.xml");
    ctx.insert("current", &current(config, &path));
    ctx.insert("alternate", &config.base_url.absolute(dir));
    page(&path, "atom.xml", ctx)
}
