//! Changing the model one explainer at a time (for `serve`): replace, add or
//! remove a page while keeping the order of `pages`; the index (tags, link
//! targets) is then made again by the same [`index::build`] a full load
//! uses, so the two always agree.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::index;
use super::model::{Site, left_out};
use super::page::{Page, StaticSource, page_order, slug_problem};
use super::routes;
use crate::diagnostics::Diagnostic;
use crate::front_matter::FrontMatter;
use crate::load::SourceFile;
use crate::slug::slugify;

/// What one edit changed.
#[derive(Debug, Default)]
pub struct Edit {
    /// Is the explainer published now (its page must be rendered)?
    pub published: bool,
    /// Tags (by slug) of its old and new versions: their pages list it.
    pub tags: BTreeSet<String>,
    /// Authors (by slug) of its old and new versions.
    pub authors: BTreeSet<String>,
    /// Years of its old and new versions (the archive's pages).
    pub years: BTreeSet<i16>,
    /// Link targets that came, went or now mean something else (site paths
    /// such as `slug/index.html`, or the explainer's file).
    pub targets: Vec<String>,
    /// Output paths that are no longer generated.
    pub removed: Vec<String>,
    /// Did what other pages show of it (title, dek, date, URL) change? Its
    /// related and series links on other pages are then out of date.
    pub card: bool,
}

impl Site {
    /// Replaces the explainer at `rel` by its new version (`None`: deleted).
    /// A slug that cannot be used is an error, and the model is unchanged.
    pub fn edit(
        &mut self,
        rel: &Arc<str>,
        next: Option<(SourceFile, FrontMatter)>,
    ) -> Result<Edit, Diagnostic> {
        let next = next.map(|(file, front)| self.page_of(file, front));
        let published = next
            .as_ref()
            .is_some_and(|p| left_out(p, &self.options).is_none());
        if let Some(page) = next.as_ref().filter(|_| published) {
            self.check_slug(page)?;
        }
        let old = self.pages.iter().position(|p| p.file.rel == *rel);
        let mut keys = vec![rel.to_string()];
        let (mut tags, mut authors, mut years) =
            (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        let new_page = next.as_ref().filter(|_| published);
        for page in old.map(|i| &self.pages[i]).into_iter().chain(new_page) {
            keys.push(format!("{}/index.html", page.slug));
            let meta = &page.front.meta;
            for tag in &meta.tags {
                let slug = slugify(tag);
                keys.push(format!("tags/{slug}/index.html"));
                tags.insert(slug);
            }
            for author in &meta.authors {
                let slug = slugify(author);
                keys.push(format!("authors/{slug}/index.html"));
                authors.insert(slug);
            }
            if let Some(date) = &meta.date {
                let year = date.day().year();
                keys.push(format!("archive/{year}/index.html"));
                years.insert(year);
            }
        }
        let before: Vec<Option<String>> = keys.iter().map(|k| self.target_state(k)).collect();
        let card = |p: &Page| {
            let m = &p.front.meta;
            (p.slug.clone(), m.title.clone(), m.dek.clone(), m.date)
        };
        let card = old.map(|i| card(&self.pages[i])) != new_page.map(card);
        if let Some(i) = old {
            self.pages.remove(i);
        }
        self.unpublished.remove(rel);
        if let Some(page) = next {
            match left_out(&page, &self.options) {
                None => {
                    let at = self.pages.partition_point(|p| page_order(p, &page).is_lt());
                    self.pages.insert(at, page);
                }
                Some(why) => {
                    self.unpublished.insert(rel.clone(), why);
                }
            }
        }
        self.index = routes::index(&self.pages, &self.unpublished, &self.statics, &self.config).0;
        self.groups = self
            .index
            .langs
            .iter()
            .map(|g| index::TagGroups::new(&self.pages, g))
            .collect();
        let mut edit = Edit {
            published,
            tags,
            authors,
            years,
            card,
            ..Edit::default()
        };
        for (key, before) in keys.into_iter().zip(before) {
            let after = self.target_state(&key);
            if after != before && !edit.targets.contains(&key) {
                if after.is_none() && key != **rel {
                    edit.removed.push(key.clone());
                }
                edit.targets.push(key);
            }
        }
        Ok(edit)
    }

    /// What a link target is now (`None`: nothing), to tell a change.
    fn target_state(&self, key: &str) -> Option<String> {
        let links = &self.index.links;
        match links.pages.get(key) {
            Some(p) => Some(format!("{} {}", p.slug, p.published)),
            None => links.files.contains(key).then(String::new),
        }
    }

    /// Refuses a slug that is empty, reserved, another page's, or the path
    /// of a static file.
    fn check_slug(&self, page: &Page) -> Result<(), Diagnostic> {
        let taken_by = self
            .pages
            .iter()
            .find(|p| p.slug == page.slug && p.file.rel != page.file.rel)
            .map(|p| p.file.rel.clone());
        if let Some(d) = slug_problem(page, taken_by.as_deref()) {
            return Err(d);
        }
        let path = format!("{}/index.html", page.slug);
        if let Some(StaticSource::Disk(_)) = self.statics.get(&path) {
            let d = Diagnostic::error(format!(
                "static/{path} has the same output path as this explainer"
            ))
            .at(&page.file.rel, &page.file.text, 0..3)
            .help("rename or move the static file, or set another `slug:`");
            return Err(d);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::ModelOptions;
    use std::path::Path;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn explainer(title: &str, date: &str, extra: &str) -> String {
        format!("---\ntitle: {title}\ndate: {date}\n{extra}---\nBody.\n")
    }

    fn read(root: &Path, rel: &str) -> Option<(SourceFile, FrontMatter)> {
        let file = crate::load::read_entry(root, &Arc::from(rel)).unwrap()?;
        let front = crate::front_matter::parse(&file.rel, &file.text).unwrap();
        Some((file, front))
    }

    /// The parts of the model an edit must keep as a fresh load makes them.
    fn shape(site: &Site) -> String {
        let pages: Vec<&str> = site.pages.iter().map(|p| p.slug.as_str()).collect();
        let mut files: Vec<&String> = site.index.links.files.iter().collect();
        files.sort();
        let mut links: Vec<String> = site
            .index
            .links
            .pages
            .iter()
            .map(|(k, v)| format!("{k}={}:{}", v.slug, v.published))
            .collect();
        links.sort();
        format!(
            "{pages:?}\n{:?}\n{files:?}\n{links:?}\n{:?}",
            site.index.langs.iter().map(|g| &g.tags).collect::<Vec<_>>(),
            site.unpublished
                .iter()
                .map(|(k, v)| format!("{k}={}:{}", v.slug, v.scheduled))
                .collect::<Vec<_>>()
        )
    }

    fn site(root: &Path) -> Site {
        Site::load(root, &ModelOptions::default()).unwrap().0
    }

    #[test]
    fn edits_keep_the_model_as_a_fresh_load_makes_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.yaml", "title: T\nbase_url: https://x.org/\n");
        write(
            root,
            "content/a.md",
            &explainer("A", "2026-01-01", "tags: [One, two]\n"),
        );
        write(
            root,
            "content/b.md",
            &explainer("B", "2026-01-03", "tags: [one]\n"),
        );
        write(
            root,
            "content/c.md",
            &explainer("C", "2026-01-02", "tags: [three]\n"),
        );
        let mut live = site(root);
        let steps: &[(&str, Option<String>)] = &[
            // a moves to the top, changes slug, drops `two`, adds `four`
            (
                "content/a.md",
                Some(explainer(
                    "A",
                    "2026-01-09",
                    "slug: aa\ntags: [one, four]\n",
                )),
            ),
            // a new page in the middle
            (
                "content/d.md",
                Some(explainer("D", "2026-01-02", "tags: [Three]\n")),
            ),
            // b becomes a draft
            (
                "content/b.md",
                Some(explainer("B", "2026-01-03", "draft: true\ntags: [one]\n")),
            ),
            // c is deleted
            ("content/c.md", None),
            // b is published again, first spelling of `one` changes
            (
                "content/b.md",
                Some(explainer("B", "2026-01-10", "tags: [ONE]\n")),
            ),
        ];
        for (rel, text) in steps {
            match text {
                Some(t) => write(root, rel, t),
                None => std::fs::remove_file(root.join(rel)).unwrap(),
            }
            let next = text.as_ref().and_then(|_| read(root, rel));
            live.edit(&Arc::from(*rel), next).unwrap();
            assert_eq!(shape(&live), shape(&site(root)), "after editing {rel}");
        }
    }

    #[test]
    fn edits_report_changed_targets_and_refuse_taken_slugs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.yaml", "title: T\nbase_url: https://x.org/\n");
        write(
            root,
            "content/a.md",
            &explainer("A", "2026-01-01", "tags: [x]\n"),
        );
        write(root, "content/b.md", &explainer("B", "2026-01-02", ""));
        let mut live = site(root);
        write(
            root,
            "content/a.md",
            &explainer("A", "2026-01-01", "slug: b\n"),
        );
        let err = live
            .edit(&Arc::from("content/a.md"), read(root, "content/a.md"))
            .unwrap_err();
        assert!(
            err.message.contains("already used by content/b.md"),
            "{err:?}"
        );
        assert_eq!(live.pages.len(), 2, "unchanged");
        write(
            root,
            "content/a.md",
            &explainer("A", "2026-01-01", "slug: z\n"),
        );
        let edit = live
            .edit(&Arc::from("content/a.md"), read(root, "content/a.md"))
            .unwrap();
        assert!(edit.published);
        assert_eq!(
            edit.targets,
            [
                "content/a.md",
                "a/index.html",
                "tags/x/index.html",
                "z/index.html"
            ]
        );
        assert_eq!(edit.removed, ["a/index.html", "tags/x/index.html"]);
        assert_eq!(edit.tags, BTreeSet::from(["x".to_string()]));
    }
}
