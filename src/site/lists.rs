//! Which list pages to write, from the model: the home page and every
//! tag's and author's page (paginated), the tags and authors indexes, the
//! archive, the feeds (the site's and each tag's), the sitemap, the alias
//! pages, 404, search and robots.txt. Their markup is the template stage's
//! ([`crate::templates::lists`]).

use std::collections::BTreeSet;

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
/// order; the pages render in parallel.
pub fn write_lists(
    site: &Site,
    written: &[&Written],
    out: &dyn Sink,
    which: &Which<'_>,
) -> Result<Listing, IoError> {
    let mut jobs = Batches {
        site,
        out,
        pending: Vec::new(),
        listing: Listing::default(),
    };
    for lang in 0..site.config.languages.len() {
        language_lists(site, written, which, lang, &mut jobs)?;
    }
    let base = &site.config.base_url;
    for page in &site.pages {
        let target = AliasTarget {
            title: page.front.meta.title.clone(),
            url: base.root_relative(&format!("{}/", page.slug)),
            permalink: base.absolute(&format!("{}/", page.slug)),
        };
        let all = Lists::new(&site.config, page.lang, &[], &[], &[]);
        for alias in &page.front.meta.aliases {
            jobs.push(all.alias(&alias_path(alias), &target))?;
        }
    }
    if which.fixed() {
        for job in lists::fixed(&site.config) {
            jobs.push(job)?;
        }
    }
    jobs.push(lists::sitemap(&super::sitemap::urls(site)))?;
    jobs.flush()?;
    Ok(jobs.listing)
}

/// List pages rendered (in parallel) a batch at a time as they are made:
/// the values of tens of thousands of pages are not held at once.
struct Batches<'a> {
    site: &'a Site,
    out: &'a dyn Sink,
    pending: Vec<ListPage>,
    listing: Listing,
}

impl Batches<'_> {
    /// How many pages wait before they are rendered.
    const SIZE: usize = 256;

    fn push(&mut self, job: ListPage) -> Result<(), IoError> {
        self.pending.push(job);
        if self.pending.len() >= Self::SIZE {
            self.flush()?;
        }
        Ok(())
    }

    /// Renders the waiting pages in parallel.
    fn flush(&mut self) -> Result<(), IoError> {
        let jobs = std::mem::take(&mut self.pending);
        let (site, out) = (self.site, self.out);
        let results: Vec<Result<Option<Diagnostic>, IoError>> = jobs
            .par_iter()
            .map(|job| match site.templates.render_list(job) {
                Ok(bytes) => out.write(&job.path, &bytes).map(|()| None),
                Err(d) => Ok(Some(d)),
            })
            .collect();
        let listing = &mut self.listing;
        for result in results {
            match result? {
                None => listing.files += 1,
                Some(d) => push_unique(&mut listing.diagnostics, d),
            }
        }
        Ok(())
    }
}

/// The list pages of language `lang`: its home, tags, authors, archive,
/// feeds and search page.
fn language_lists(
    site: &Site,
    written: &[&Written],
    which: &Which<'_>,
    lang: usize,
    jobs: &mut Batches<'_>,
) -> Result<(), IoError> {
    let Some(index) = site.index.langs.get(lang) else {
        return Ok(());
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
    let explainers = listed(&index.explainers);
    let total = page_count(explainers.len(), per);
    for (n, chunk) in explainers.chunks(per).enumerate().take(total) {
        jobs.push(all.home(n + 1, total, chunk))?;
    }
    if explainers.is_empty() {
        jobs.push(all.home(1, total, &[]))?;
    }
    jobs.push(all.tags_index())?;
    jobs.push(all.authors_index())?;
    jobs.push(all.archive())?;
    // Each tag's pages and feed (its entries' summaries made again from
    // the front matter).
    let tag_pages = tags.iter().zip(index.tags.values());
    for (tag, (_, pages)) in tag_pages.filter(|(tag, _)| which.tag(&tag.tag.slug)) {
        let members = listed(pages);
        let total = page_count(members.len(), per);
        for (n, chunk) in members.chunks(per).enumerate() {
            jobs.push(all.tag(tag, n + 1, total, chunk))?;
        }
        let dir = format!("tags/{}/", tag.tag.slug);
        jobs.push(feed(site, &all, written, pages, &dir, Some(&tag.tag.name)))?;
    }
    for (author, (_, pages)) in authors.iter().zip(index.authors.values()) {
        if which.author(&author.author.slug) {
            let members = listed(pages);
            let total = page_count(members.len(), per);
            for (n, chunk) in members.chunks(per).enumerate() {
                jobs.push(all.author(author, n + 1, total, chunk))?;
            }
        }
    }
    for (year, pages) in &index.years {
        if which.year(*year) {
            jobs.push(all.archive_year(*year, &listed(pages)))?;
        }
    }
    if which.fixed() {
        jobs.push(all.search(site.options.search))?;
    }
    jobs.push(feed(site, &all, written, &index.explainers, "", None))
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
