//! The list pages: home, the tags index, each tag's page, the Atom feed,
//! the sitemap, 404, search and robots.txt, as [`ListPage`]s to render.
//!
//! Lists show every explainer as its summary serialized once, when its
//! page was rendered ([`Listed`]), so a list of ten thousand explainers
//! costs no serialization.

use serde::Serialize;
use tera::{Context, Value};

use super::Templates;
use super::context::{Alternate, Loc, Summary, TagPage, section_alternates, x_default};
pub use super::listed::Listed;
use super::nav::{AuthorView, Pagination};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;

/// A list page to render: where it goes, its template and its values.
pub struct ListPage {
    /// Its output path (`tags/x/index.html`).
    pub path: String,
    template: &'static str,
    ctx: Context,
    /// Its language (an index into the site's languages).
    lang: usize,
    /// The explainers it shows as cards (`cards_html`).
    cards: Option<Value>,
}

impl ListPage {
    /// A page at `path` of language `lang`.
    pub(super) fn new(path: &str, template: &'static str, ctx: Context, lang: usize) -> Self {
        Self {
            path: path.to_string(),
            template,
            ctx,
            lang,
            cards: None,
        }
    }
}

impl Templates {
    /// Renders a list page.
    ///
    /// A list of explainers gets its cards as `cards_html` when the
    /// built-in `card.html` is in use (see [`super::native`]).
    pub fn render_list(&self, page: &ListPage) -> Result<Vec<u8>, Diagnostic> {
        let cards = page.cards.as_ref();
        if let Some(html) = cards.and_then(|c| self.native.cards(page.lang, c)) {
            let mut ctx = page.ctx.clone();
            ctx.insert("cards_html", &html);
            return self.render_bytes(page.lang, page.template, &ctx, html.len() + 16 * 1024);
        }
        self.render_bytes(page.lang, page.template, &page.ctx, 32 * 1024)
    }
}

/// What list templates see as `current`: the page being rendered.
#[derive(Serialize)]
struct Current {
    url: String,
    permalink: String,
}

/// `current` of the page at `path` (a site path, with its language's
/// folder).
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

/// The list pages of one language, from its groups: tags, authors, years.
pub struct Lists<'a> {
    config: &'a SiteConfig,
    lang: usize,
    prefix: &'a str,
    tags: Value,
    authors: Value,
    years: Value,
}

fn values(listed: &[&Listed]) -> Value {
    Value::from(listed.iter().map(|l| l.value().clone()).collect::<Vec<_>>())
}

impl<'a> Lists<'a> {
    /// Lists of language `lang` with these tags, authors and years.
    pub fn new(
        config: &'a SiteConfig,
        lang: usize,
        tags: &[TagPage],
        authors: &[AuthorPage],
        years: &[YearView],
    ) -> Self {
        Self {
            config,
            lang,
            prefix: &config.languages[lang].prefix,
            tags: Value::from_serializable(tags),
            authors: Value::from_serializable(authors),
            years: Value::from_serializable(years),
        }
    }

    /// The view of this language's part of the site.
    pub fn loc(&self) -> Loc<'a> {
        Loc {
            base: &self.config.base_url,
            lang: &self.config.languages[self.lang],
        }
    }

    /// A page of this language at `path` (in its folder): its values and
    /// its alternates in the other languages (`section`: the same section
    /// in each, or none: each language's home).
    fn page(
        &self,
        path: &str,
        template: &'static str,
        mut ctx: Context,
        section: Option<&str>,
    ) -> ListPage {
        let alternates = section_alternates(self.config, self.lang, section);
        ctx.insert("x_default", &x_default(&alternates));
        ctx.insert("alternates", &alternates);
        ListPage {
            path: format!("{}{path}", self.prefix),
            template,
            ctx,
            lang: self.lang,
            cards: None,
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
        let full = format!("{}{dir}", self.prefix);
        let path = if n <= 1 {
            dir.to_string()
        } else {
            format!("{dir}page/{n}/")
        };
        let explainers = values(listed);
        ctx.insert_value("explainers", explainers.clone());
        ctx.insert(
            "pagination",
            &Pagination::new(&full, n, total, &self.config.base_url),
        );
        ctx.insert(
            "current",
            &current(self.config, &format!("{}{path}", self.prefix)),
        );
        // The home (its first page) is one section in every language.
        let section = (dir.is_empty() && n <= 1).then_some("");
        let mut page = self.page(&format!("{path}index.html"), template, ctx, section);
        page.cards = Some(explainers);
        page
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
        ctx.insert(
            "current",
            &current(self.config, &format!("{}tags/", self.prefix)),
        );
        self.page("tags/index.html", "tags.html", ctx, Some("tags/"))
    }

    /// The authors index.
    pub fn authors_index(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("authors", self.authors.clone());
        ctx.insert(
            "current",
            &current(self.config, &format!("{}authors/", self.prefix)),
        );
        self.page("authors/index.html", "authors.html", ctx, Some("authors/"))
    }

    /// The archive's index of years.
    pub fn archive(&self) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert_value("years", self.years.clone());
        ctx.insert(
            "current",
            &current(self.config, &format!("{}archive/", self.prefix)),
        );
        self.page("archive/index.html", "archive.html", ctx, Some("archive/"))
    }

    /// One year of the archive: its explainers, one line each.
    pub fn archive_year(&self, year: i16, listed: &[&Listed]) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert("year", &year);
        ctx.insert_value("explainers", values(listed));
        let path = format!("archive/{year}/");
        ctx.insert(
            "current",
            &current(self.config, &format!("{}{path}", self.prefix)),
        );
        self.page(&format!("{path}index.html"), "archive_year.html", ctx, None)
    }

    /// The search page of this language.
    pub fn search(&self, enabled: bool) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert(
            "current",
            &current(self.config, &format!("{}search/", self.prefix)),
        );
        ctx.insert("search_enabled", &enabled);
        self.page("search/index.html", "search.html", ctx, Some("search/"))
    }

    /// The Atom feed of these explainers (the newest), `updated` being when
    /// any of them last changed: the language's (`dir` empty) or a tag's
    /// (`dir` = `tags/x/`, `title` the tag's name).
    pub fn feed(
        &self,
        dir: &str,
        title: Option<&str>,
        newest: &[Summary],
        updated: Option<String>,
    ) -> ListPage {
        let lang = &self.config.languages[self.lang];
        let entries = super::feeds::entries(newest, self.config, lang);
        let mut ctx = Context::new();
        ctx.insert("explainers", &entries);
        ctx.insert("updated", &updated);
        ctx.insert("feed_title", &title);
        let path = format!("{dir}atom.xml");
        ctx.insert(
            "current",
            &current(self.config, &format!("{}{path}", self.prefix)),
        );
        ctx.insert("alternate", &self.loc().permalink(dir));
        self.page(&path, "atom.xml", ctx, None)
    }

    /// The page an alias path writes: it sends the reader to `target`.
    pub fn alias(&self, path: &str, target: &AliasTarget) -> ListPage {
        let mut ctx = Context::new();
        ctx.insert("target", target);
        ctx.insert(
            "current",
            &current(self.config, path.trim_end_matches("index.html")),
        );
        // An alias is written where its page's language put it.
        ListPage {
            path: path.to_string(),
            template: "alias.html",
            ctx: with_alternates(ctx),
            lang: self.lang,
            cards: None,
        }
    }
}

pub(super) fn with_alternates(mut ctx: Context) -> Context {
    ctx.insert("alternates", &Vec::<Alternate>::new());
    ctx.insert("x_default", &None::<String>);
    ctx
}

fn page(path: &str, template: &'static str, ctx: Context) -> ListPage {
    ListPage {
        path: path.to_string(),
        template,
        ctx: with_alternates(ctx),
        lang: 0,
        cards: None,
    }
}

/// Pages of the whole site that list nothing: 404 and robots.txt.
pub fn fixed(config: &SiteConfig) -> Vec<ListPage> {
    let mut ctx = Context::new();
    ctx.insert("current", &current(config, "404.html"));
    let not_found = page("404.html", "404.html", ctx);
    let robots = page("robots.txt", "robots.txt", Context::new());
    vec![not_found, robots]
}

/// The sitemap.
pub fn sitemap(urls: &[super::feeds::SitemapUrl]) -> ListPage {
    let mut ctx = Context::new();
    ctx.insert("urls", urls);
    ListPage::new("sitemap.xml", "sitemap.xml", with_alternates(ctx), 0)
}
