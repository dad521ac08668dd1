//! The page index: what links may point at (explainers by file, every
//! output path), and the groups lists are made of — tags, series, authors,
//! years — each a list of page indices in the order it is shown, made in
//! one pass over the pages. A full load and each of `serve`'s edits build
//! it with the same function, [`build`], so the two can never disagree.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

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
    /// Its translation key and language (a translation of it is no
    /// orphan).
    pub key: String,
    /// Its language.
    pub lang: usize,
}

/// What the pages and files of the site make reachable, and how lists
/// group them.
#[derive(Clone, Debug, Default)]
pub struct PageIndex {
    /// What links may point at.
    pub links: LinkTargets,
    /// Every page by slug (`fr/treaty` for a translation).
    pub slugs: HashMap<String, usize>,
    /// The groups of each language (by its index in the site's languages):
    /// each language has its own home, tags, series, authors and archive.
    pub langs: Vec<Groups>,
    /// Pages that are one explainer in several languages, by translation
    /// key, in language order (only keys with two or more pages).
    pub translations: HashMap<String, Vec<usize>>,
}

/// The groups lists of one language are made of.
#[derive(Clone, Debug, Default)]
pub struct Groups {
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
}

impl PageIndex {
    /// The translations of page `i` (itself included), in language order:
    /// empty when it has none.
    pub fn translations_of(&self, page: &Page) -> &[usize] {
        self.translations.get(&page.key).map_or(&[], Vec::as_slice)
    }

    /// The default language's groups.
    pub fn main(&self) -> &Groups {
        &self.langs[0]
    }
}

/// Indexes `pages` (explainers newest first, then standalone pages) and
/// the pages left out of this build (file → why). The output paths (the
/// files links may point at) are added by [`super::routes::index`].
pub(super) fn build(
    pages: &[Page],
    unpublished: &BTreeMap<Arc<str>, Unpublished>,
    languages: usize,
) -> PageIndex {
    let mut index = PageIndex {
        langs: vec![Groups::default(); languages.max(1)],
        ..PageIndex::default()
    };
    for (i, page) in pages.iter().enumerate() {
        index.links.pages.insert(
            page.file.rel.to_string(),
            PageLink {
                slug: page.slug.clone(),
                published: true,
                scheduled: false,
                broken: false,
                translations: Vec::new(),
            },
        );
        index.slugs.insert(page.slug.clone(), i);
        index
            .translations
            .entry(page.key.clone())
            .or_default()
            .push(i);
        if !page.is_explainer() {
            continue;
        }
        let meta = &page.front.meta;
        let Some(lang) = index.langs.get_mut(page.lang) else {
            continue;
        };
        lang.explainers.push(i);
        for tag in &meta.tags {
            group(&mut lang.tags, tag, i);
        }
        for author in &meta.authors {
            group(&mut lang.authors, author, i);
        }
        if let Some(series) = &meta.series {
            group(&mut lang.series, series, i);
        }
        if let Some(date) = &meta.date {
            lang.years.entry(date.day().year()).or_default().push(i);
        }
    }
    for lang in &mut index.langs {
        for (_, list) in lang.series.values_mut() {
            list.reverse(); // oldest first
        }
    }
    index.translations.retain(|_, pages| pages.len() > 1);
    for list in index.translations.values_mut() {
        list.sort_by_key(|&i| pages[i].lang);
        let all: Vec<(usize, String)> = list
            .iter()
            .map(|&i| (pages[i].lang, pages[i].slug.clone()))
            .collect();
        for &i in list.iter() {
            if let Some(link) = index.links.pages.get_mut(&*pages[i].file.rel) {
                link.translations = all.clone();
            }
        }
    }
    for (rel, u) in unpublished {
        index.links.pages.insert(
            rel.to_string(),
            PageLink {
                slug: u.slug.clone(),
                published: false,
                scheduled: u.scheduled,
                broken: false,
                translations: Vec::new(),
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

/// How many related explainers a page shows.
pub(crate) const RELATED: usize = 3;

/// Related explainers of page `i`: up to [`RELATED`] others, most shared
/// tags first, then the newest (then by slug). When fewer share a tag, the
/// newest others fill the list. Every page with the same set of tags has
/// the same ranking (less itself), so it is made once per set
/// ([`TagGroups`]) and this only drops the page from it.
pub(crate) fn related(groups: &TagGroups, i: usize) -> Vec<usize> {
    let ranked = match groups.group_of.get(i).copied().flatten() {
        Some(g) => &groups.ranked[g],
        None => &groups.newest,
    };
    ranked
        .iter()
        .copied()
        .filter(|&p| p != i)
        .take(RELATED)
        .collect()
}

/// The explainers grouped by their set of tags, each set with its ranking
/// of related explainers (for [`related`]).
#[derive(Debug, Default)]
pub struct TagGroups {
    /// Per page: its group (none for a page without tags, or not an
    /// explainer).
    group_of: Vec<Option<usize>>,
    /// Per group: its set of tags (ids into the tag index), sorted.
    sets: Vec<Vec<usize>>,
    /// Per group: its explainers, newest first.
    members: Vec<Vec<usize>>,
    /// Per group: the `RELATED + 1` explainers that rank first for it
    /// (one more, since a page drops itself).
    ranked: Vec<Vec<usize>>,
    /// The `RELATED + 1` newest explainers: the ranking of a page with no
    /// tags.
    newest: Vec<usize>,
}

/// Per pair of tags (ids, the smaller first): the groups that have both.
type Pairs = HashMap<(usize, usize), Vec<usize>>;

impl TagGroups {
    /// Groups the explainers of the index by their tags, and ranks each
    /// group's related explainers (see [`TagGroups::rank`]).
    pub fn new(pages: &[Page], index: &Groups) -> Self {
        let tag_ids: HashMap<&str, usize> = index
            .tags
            .keys()
            .enumerate()
            .map(|(id, slug)| (slug.as_str(), id))
            .collect();
        let mut groups = Self {
            group_of: vec![None; pages.len()],
            newest: index.explainers.iter().copied().take(RELATED + 1).collect(),
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
            let g = *by_set.entry(set).or_insert_with_key(|set| {
                groups.sets.push(set.clone());
                groups.members.push(Vec::new());
                groups.sets.len() - 1
            });
            groups.members[g].push(i);
            groups.group_of[i] = Some(g);
        }
        let mut pairs = Pairs::new();
        for (g, set) in groups.sets.iter().enumerate() {
            for (n, &a) in set.iter().enumerate() {
                for &b in &set[n + 1..] {
                    pairs.entry((a, b)).or_default().push(g);
                }
            }
        }
        let by_tag: Vec<&[usize]> = index.tags.values().map(|(_, p)| p.as_slice()).collect();
        let n = groups.sets.len();
        groups.ranked = (0..n)
            .into_par_iter()
            .with_min_len(64)
            .map_init(
                || vec![usize::MAX; n],
                |seen, g| groups.rank(g, &pairs, &by_tag, seen),
            )
            .collect();
        groups
    }

    /// The `RELATED + 1` explainers that rank first for group `g`: by tags
    /// shared (most first), then newest; the newest others after them.
    ///
    /// Explainers sharing two tags or more are in the groups that have one
    /// of its pairs of tags (`pairs`), few; those sharing one are the
    /// newest of each of its tags (`by_tag`: each tag's explainers, newest
    /// first), and only the first few are read. So the work does not grow
    /// with the number of groups. `seen` is scratch space, one entry per
    /// group.
    fn rank(&self, g: usize, pairs: &Pairs, by_tag: &[&[usize]], seen: &mut [usize]) -> Vec<usize> {
        let keep = RELATED + 1;
        let mine = &self.sets[g];
        // The best so far, best first, by (tags shared, most first; newest).
        let mut best: Vec<(std::cmp::Reverse<usize>, usize)> = Vec::with_capacity(keep + 1);
        let full = |best: &Vec<(std::cmp::Reverse<usize>, usize)>, key| {
            best.len() == keep && best.last().is_some_and(|worst| key >= *worst)
        };
        let insert = |best: &mut Vec<(std::cmp::Reverse<usize>, usize)>, key| {
            let at = best.partition_point(|b| *b < key);
            best.insert(at, key);
            best.truncate(keep);
        };
        for (n, &a) in mine.iter().enumerate() {
            for &b in &mine[n + 1..] {
                for &other in pairs.get(&(a, b)).map_or(&[][..], Vec::as_slice) {
                    if seen[other] == g {
                        continue;
                    }
                    seen[other] = g;
                    let shared = shared(mine, &self.sets[other]);
                    // A group's members share as many tags each and are
                    // newest first: once one does not rank, none after it
                    // does.
                    for &p in &self.members[other] {
                        let key = (std::cmp::Reverse(shared), p);
                        if full(&best, key) {
                            break;
                        }
                        insert(&mut best, key);
                    }
                }
            }
        }
        for &tag in mine {
            for &p in by_tag[tag] {
                let Some(other) = self.group_of[p] else {
                    continue;
                };
                if mine.len() > 1 && shared(mine, &self.sets[other]) > 1 {
                    continue; // ranked above, with its pair
                }
                let key = (std::cmp::Reverse(1), p);
                if full(&best, key) {
                    break;
                }
                insert(&mut best, key);
            }
        }
        let mut out: Vec<usize> = best.into_iter().map(|(_, p)| p).collect();
        for &p in &self.newest {
            if out.len() >= keep {
                break;
            }
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

/// How many tags two sorted sets share.
fn shared(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
