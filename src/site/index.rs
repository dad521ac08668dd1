//! The page index: what links may point at (explainers by file, every
//! output path), and the groups lists are made of — tags, series, authors,
//! years — each a list of page indices in the order it is shown, made in
//! one pass over the pages. A full load and each of `serve`'s edits build
//! it with the same function, [`build`], so the two can never disagree.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::page::Page;
use crate::markdown::LinkTargets;
use crate::markdown::links::PageLink;
use crate::slug::slugify;

/// Groups of explainers by slug: slug → (name as the newest explainer
/// writes it, indices into the pages, newest first).
pub type Tags = BTreeMap<String, (String, Vec<usize>)>;

/// An explainer or page left out of this build, that links may not point
/// at.
#[derive(Clone, Debug)]
pub struct Unpublished {
    /// Its slug.
    pub slug: String,
    /// Why: a draft (`false`), or dated in the future (`true`).
    pub scheduled: bool,
}

/// What the pages and files of the site make reachable, and how lists
/// group them.
#[derive(Clone, Debug, Default)]
pub struct PageIndex {
    /// What links may point at.
    pub links: LinkTargets,
    /// The explainers (not standalone pages), newest first: the home
    /// page, the feed.
    pub explainers: Vec<usize>,
    /// Tags and their explainers.
    pub tags: Tags,
    /// Series and their explainers, oldest first (reading order).
    pub series: Tags,
    /// Authors (by the slug of their name) and their explainers.
    pub authors: Tags,
    /// Years and their explainers, newest first.
    pub years: BTreeMap<i16, Vec<usize>>,
    /// Every page by slug.
    pub slugs: HashMap<String, usize>,
}

/// Indexes `pages` (explainers newest first, then standalone pages) and
/// the pages left out of this build (file → why). The output paths (the
/// files links may point at) are added by [`super::routes::index`].
pub(super) fn build(pages: &[Page], unpublished: &BTreeMap<Arc<str>, Unpublished>) -> PageIndex {
    let mut index = PageIndex::default();
    for (i, page) in pages.iter().enumerate() {
        index.links.pages.insert(
            page.file.rel.to_string(),
            PageLink {
                slug: page.slug.clone(),
                published: true,
                scheduled: false,
                broken: false,
            },
        );
        index.slugs.insert(page.slug.clone(), i);
        if !page.is_explainer() {
            continue;
        }
        let meta = &page.front.meta;
        index.explainers.push(i);
        for tag in &meta.tags {
            group(&mut index.tags, tag, i);
        }
        for author in &meta.authors {
            group(&mut index.authors, author, i);
        }
        if let Some(series) = &meta.series {
            group(&mut index.series, series, i);
        }
        if let Some(date) = &meta.date {
            index.years.entry(date.day().year()).or_default().push(i);
        }
    }
    for (_, list) in index.series.values_mut() {
        list.reverse(); // oldest first
    }
    for (rel, u) in unpublished {
        index.links.pages.insert(
            rel.to_string(),
            PageLink {
                slug: u.slug.clone(),
                published: false,
                scheduled: u.scheduled,
                broken: false,
            },
        );
    }
    index
}

/// Adds page `i` to the group of `name` (by its slug); the group keeps the
/// spelling of the first (newest) page that names it.
fn group(groups: &mut Tags, name: &str, i: usize) {
    let slug = slugify(name);
    if slug.is_empty() {
        return;
    }
    let entry = groups
        .entry(slug)
        .or_insert_with(|| (name.to_string(), Vec::new()));
    if entry.1.last() != Some(&i) {
        entry.1.push(i);
    }
}

/// Related explainers of page `i`: up to `k` others, most shared tags
/// first, then the newest (then by slug). Made from the tag index: the
/// explainers are grouped by their set of tags, and only the groups that
/// share a tag with page `i` are looked at, so the work is that of the
/// groups, not of every pair of explainers. When fewer than `k` share a
/// tag, the newest others fill the list.
pub(crate) fn related(index: &PageIndex, groups: &TagGroups, i: usize, k: usize) -> Vec<usize> {
    let mine = &groups.of[i];
    // Groups sharing a tag, by how many they share.
    let mut levels: BTreeMap<std::cmp::Reverse<usize>, Vec<usize>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for &tag in mine {
        for &g in &groups.with_tag[tag] {
            if seen.insert(g) {
                let shared = groups.sets[g].iter().filter(|t| mine.contains(t)).count();
                levels.entry(std::cmp::Reverse(shared)).or_default().push(g);
            }
        }
    }
    let mut out: Vec<usize> = Vec::with_capacity(k);
    for level in levels.values() {
        // The groups' members merged, newest first: each group's list is
        // in page order, so the smallest index is the newest.
        let mut heads: Vec<std::iter::Peekable<std::slice::Iter<'_, usize>>> = level
            .iter()
            .map(|&g| groups.members[g].iter().peekable())
            .collect();
        while out.len() < k {
            let mut best: Option<(usize, usize)> = None;
            for (h, head) in heads.iter_mut().enumerate() {
                if head.peek() == Some(&&i) {
                    head.next(); // the page itself
                }
                if let Some(&&p) = head.peek()
                    && best.is_none_or(|(_, q)| p < q)
                {
                    best = Some((h, p));
                }
            }
            let Some((h, p)) = best else { break };
            heads[h].next();
            out.push(p);
        }
        if out.len() >= k {
            return out;
        }
    }
    for &p in &index.explainers {
        if out.len() >= k {
            break;
        }
        if p != i && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The explainers grouped by their set of tags (for [`related`]).
#[derive(Debug, Default)]
pub struct TagGroups {
    /// Per page: its tags (ids into the tag index), sorted.
    of: Vec<Vec<usize>>,
    /// Per group: its set of tags.
    sets: Vec<Vec<usize>>,
    /// Per group: its explainers, newest first.
    members: Vec<Vec<usize>>,
    /// Per tag: the groups that have it.
    with_tag: Vec<Vec<usize>>,
}

impl TagGroups {
    /// Groups the explainers of the index by their tags.
    pub fn new(pages: &[Page], index: &PageIndex) -> Self {
        let tag_ids: HashMap<&str, usize> = index
            .tags
            .keys()
            .enumerate()
            .map(|(id, slug)| (slug.as_str(), id))
            .collect();
        let mut groups = Self {
            of: vec![Vec::new(); pages.len()],
            with_tag: vec![Vec::new(); tag_ids.len()],
            ..Self::default()
        };
        let mut by_set: HashMap<Vec<usize>, usize> = HashMap::new();
        for &i in &index.explainers {
            let mut set: Vec<usize> = pages[i]
                .front
                .meta
                .tags
                .iter()
                .filter_map(|t| tag_ids.get(slugify(t).as_str()).copied())
                .collect();
            set.sort_unstable();
            set.dedup();
            if set.is_empty() {
                continue;
            }
            let g = *by_set.entry(set.clone()).or_insert_with(|| {
                groups.sets.push(set.clone());
                groups.members.push(Vec::new());
                groups.sets.len() - 1
            });
            groups.members[g].push(i);
            groups.of[i] = set;
        }
        for (g, set) in groups.sets.iter().enumerate() {
            for &t in set {
                groups.with_tag[t].push(g);
            }
        }
        groups
    }
}
