//! Which list pages to write, from the model: the home page and every
//! tag's and author's page (paginated), the tags and authors indexes, the
//! archive, the feeds (the site's and each tag's), the sitemap, the alias
//! pages, 404, search and robots.txt. Their markup is the template stage's
//! ([`crate::templates::lists`]).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::model::Site;
use super::page::Written;
use super::routes::{alias_path, page_count};
use super::sink::{IoError, Sink};
use crate::config::AuthorProfile;
use crate::diagnostics::{Diagnostic, push_unique};
use crate::slug::slugify;
use crate::templates::context::{Loc, Summary, TagPage, TagView, resolve_url};
use crate::templates::lists::{self, AliasTarget, AuthorPage, ListPage, Listed, Lists, YearView};
use crate::templates::nav::AuthorView;

/// How many entries the Atom feeds carry (newest first).
pub const FEED_ENTRIES: usize = 50;

/// Which list pages to write.
pub enum Which<'a> {
    /// All of them.
    All,
    /// After an edit (`serve`): those that list every explainer (home,
    /// indexes, archive index, feed, sitemap, aliases), and the pages of
    /// these tags, authors (by slug) and years.
    Changed(&'a Changed),
}

/// The groups an edit touched: their pages are written again.
#[derive(Debug, Default)]
pub struct Changed {
    /// Tags, by slug.
    pub tags: BTreeSet<String>,
    /// Authors, by slug.
    pub authors: BTreeSet<String>,
    /// Years.
    pub years: BTreeSet<i16>,
}

impl Which<'_> {
    fn tag(&self, slug: &str) -> bool {
        match self {
            Which::All => true,
            Which::Changed(c) => c.tags.contains(slug),
        }
    }
    fn author(&self, slug: &str) -> bool {
        match self {
            Which::All => true,
            Which::Changed(c) => c.authors.contains(slug),
        }
    }
    fn year(&self, year: i16) -> bool {
        match self {
            Which::All => true,
            Which::Changed(c) => c.years.contains(&year),
        }
    }
    fn fixed(&self) -> bool {
        matches!(self, Which::All)
    }
}

/// What writing the lists produced.
#[derive(Debug, Default)]
pub struct Listing {
    /// Files written.
    pub files: usize,
    /// Template errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes the list pages `which` asks for: each language's, then the
/// site's own (404, robots.txt, the sitemap). `written` is in `site.pages`
/// order. Pages are made and rendered in parallel, each written as soon
/// as it is rendered: the values of tens of thousands of pages are never
/// held at once, and the making of their values (contexts, feed entries)
/// is shared by the threads too.
pub fn write_lists(
    site: &Site,
    written: &[&Written],
    out: &dyn Sink,
    which: &Which<'_>,
) -> Result<Listing, IoError> {
    let r = Renderer {
        site,
        out,
        files: AtomicUsize::new(0),
        failed: AtomicBool::new(false),
        problems: Mutex::new(Vec::new()),
    };
    let languages = || {
        (0..site.config.languages.len())
            .into_par_iter()
            .for_each(|lang| language_lists(site, written, which, lang, &r));
    };
    let own = || {
        let base = &site.config.base_url;
        for page in &site.pages {
            if page.front.meta.aliases.is_empty() {
                continue;
            }
            let target = AliasTarget {
                title: page.front.meta.title.clone(),
                url: base.root_relative(&format!("{}/", page.slug)),
                permalink: base.absolute(&format!("{}/", page.slug)),
            };
            let all = Lists::new(&site.config, page.lang, &[], &[], &[]);
            for alias in &page.front.meta.aliases {
                r.render(&all.alias(&alias_path(alias), &target));
            }
        }
        if which.fixed() {
            for job in lists::fixed(&site.config) {
                r.render(&job);
            }
        }
        r.render(&lists::sitemap(&super::sitemap::urls(site)));
    };
    rayon::join(languages, own);
    r.finish()
}

/// Renders list pages and writes them, from any thread (no two list pages
/// have the same path: `routes::collisions`); keeps what went wrong with
/// the page's path, so that the report does not depend on the order the
/// threads took. After a failed write, it writes nothing more.
struct Renderer<'a> {
    site: &'a Site,
    out: &'a dyn Sink,
    files: AtomicUsize,
    failed: AtomicBool,
    problems: Mutex<Vec<(String, Result<Diagnostic, IoError>)>>,
}

impl Renderer<'_> {
    fn render(&self, job: &ListPage) {
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let problem = match self.site.templates.render_list(job) {
            Ok(bytes) => match self.out.write(&job.path, &bytes) {
                Ok(()) => {
                    self.files.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                Err(e) => {
                    self.failed.store(true, Ordering::Relaxed);
                    Err(e)
                }
            },
            Err(d) => Ok(d),
        };
        self.problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((job.path.clone(), problem));
    }

    /// The files written and the template errors (each once), by page
    /// path; the first failed write, if any.
    fn finish(self) -> Result<Listing, IoError> {
        let mut problems = self
            .problems
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        problems.sort_by(|a, b| a.0.cmp(&b.0));
        let mut listing = Listing {
            files: self.files.into_inner(),
            diagnostics: Vec::new(),
        };
        for (_, problem) in problems {
            push_unique(&mut listing.diagnostics, problem?);
        }
        Ok(listing)
    }
}

/// The list pages of language `lang`: its home, tags, authors, archive,
/// feeds and search page.
fn language_lists(
    site: &Site,
    written: &[&Written],
    which: &Which<'_>,
    lang: usize,
    r: &Renderer<'_>,
) {
    let Some(index) = site.index.langs.get(lang) else {
        return;
    };
    let per = site.config.paginate;
    let loc = Loc {
        base: &site.config.base_url,
        lang: &site.config.languages[lang],
    };
    let listed = |pages: &[usize]| -> Vec<&Listed> {
        pages
            .iter()
            .filter_map(|&i| written.get(i).map(|w| &w.listed))
            .collect()
    };
    let tags: Vec<TagPage> = index
        .tags
        .values()
        .map(|(name, pages)| TagPage {
            tag: TagView::new(name, &loc),
            count: pages.len(),
        })
        .collect();
    let authors: Vec<AuthorPage> = index
        .authors
        .values()
        .map(|(name, pages)| author_page(site, &loc, name, pages.len()))
        .collect();
    let years: Vec<YearView> = index
        .years
        .iter()
        .rev()
        .map(|(year, pages)| YearView {
            year: *year,
            count: pages.len(),
            url: loc.url(&format!("archive/{year}/")),
        })
        .collect();
    let all = Lists::new(&site.config, lang, &tags, &authors, &years);
    // A group's pages: `make(n, total, chunk)` for each chunk of it.
    type Make<'m> = dyn Fn(usize, usize, &[&Listed]) -> ListPage + Sync + 'm;
    let paginated = |members: &[&Listed], make: &Make<'_>| {
        let total = page_count(members.len(), per);
        members
            .par_chunks(per.max(1))
            .enumerate()
            .for_each(|(n, chunk)| r.render(&make(n + 1, total, chunk)));
    };
    // The home has a first page even with nothing to list.
    let explainers = listed(&index.explainers);
    if explainers.is_empty() {
        r.render(&all.home(1, 1, &[]));
    }
    paginated(&explainers, &|n, total, chunk| all.home(n, total, chunk));
    r.render(&all.tags_index());
    r.render(&all.authors_index());
    r.render(&all.archive());
    // Each tag's pages and feed (its entries' summaries made again from
    // the front matter).
    let tag_pages: Vec<(&TagPage, &Vec<usize>)> = tags
        .iter()
        .zip(index.tags.values().map(|(_, pages)| pages))
        .filter(|(tag, _)| which.tag(&tag.tag.slug))
        .collect();
    tag_pages.par_iter().for_each(|&(tag, pages)| {
        paginated(&listed(pages), &|n, total, chunk| {
            all.tag(tag, n, total, chunk)
        });
        let dir = format!("tags/{}/", tag.tag.slug);
        r.render(&feed(site, &all, written, pages, &dir, Some(&tag.tag.name)));
    });
    let author_pages: Vec<(&AuthorPage, &Vec<usize>)> = authors
        .iter()
        .zip(index.authors.values().map(|(_, pages)| pages))
        .filter(|(author, _)| which.author(&author.author.slug))
        .collect();
    author_pages.par_iter().for_each(|&(author, pages)| {
        paginated(&listed(pages), &|n, total, chunk| {
            all.author(author, n, total, chunk)
        });
    });
    let year_pages: Vec<(&i16, &Vec<usize>)> = index
        .years
        .iter()
        .filter(|(year, _)| which.year(**year))
        .collect();
    year_pages
        .par_iter()
        .for_each(|&(year, pages)| r.render(&all.archive_year(*year, &listed(pages))));
    if which.fixed() {
        r.render(&all.search(site.options.search));
    }
    r.render(&feed(site, &all, written, &index.explainers, "", None));
}

/// An author's page header: the byline, and the profile of `site.yaml`.
fn author_page(site: &Site, loc: &Loc<'_>, name: &str, count: usize) -> AuthorPage {
    let base = &site.config.base_url;
    let slug = slugify(name);
    let profile: Option<&AuthorProfile> = site
        .config
        .authors
        .iter()
        .find(|a| slugify(&a.name) == slug);
    AuthorPage {
        author: AuthorView::new(name, loc),
        count,
        role: profile.and_then(|p| p.role.clone()),
        bio: profile.and_then(|p| p.bio.clone()),
        photo: profile.and_then(|p| p.photo.as_deref().map(|u| resolve_url(u, base))),
        links: profile.map(|p| p.links.clone()).unwrap_or_default(),
    }
}

/// An Atom feed of these explainers (indices into the pages, newest
/// first): the newest, and when any last changed.
fn feed(
    site: &Site,
    all: &Lists<'_>,
    written: &[&Written],
    pages: &[usize],
    dir: &str,
    title: Option<&str>,
) -> ListPage {
    let loc = all.loc();
    let newest: Vec<Summary> = pages
        .iter()
        .take(FEED_ENTRIES)
        .filter_map(|&i| {
            let page = &site.pages[i];
            let words = written.get(i)?.facts.words;
            Some(Summary::new(&page.front.meta, &page.slug, words, &loc))
        })
        .collect();
    // The latest change of any of them (in time, whatever its offset).
    let updated = pages
        .iter()
        .filter_map(|&i| site.pages[i].front.meta.last_modified())
        .max_by_key(|d| d.unix_seconds())
        .map(|d| d.rfc3339());
    all.feed(dir, title, &newest, updated)
}
