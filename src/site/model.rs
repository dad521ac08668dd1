//! The in-memory site: settings, templates, every explainer's front matter
//! (parsed once) and what links may point at. `build` renders it out;
//! `serve` keeps it and re-renders one page at a time.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::doc::YamlDoc;
use crate::front_matter::{self, FrontMatter};
use crate::load::{self, SourceFile};
use crate::markdown::{self, Ctx, Highlighter, LinkTargets, Rendered, links::PageLink};
use crate::slug::slugify;
use crate::templates::Templates;
use crate::theme;
use crate::urls::BaseUrl;

/// Options that shape the model.
#[derive(Clone, Debug, Default)]
pub struct ModelOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Replace `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Build the search index (and collect each page's text for it).
    pub search: bool,
}

/// One explainer.
#[derive(Debug)]
pub struct Page {
    /// The file.
    pub file: SourceFile,
    /// Its parsed front matter.
    pub front: FrontMatter,
    /// Its URL name.
    pub slug: String,
}

impl Page {
    /// The front matter as a YAML document inside the file.
    pub fn front_doc(&self) -> YamlDoc<'_> {
        YamlDoc {
            file: &self.file.rel,
            source: &self.file.text,
            start: self.front.yaml.start,
            text: &self.file.text[self.front.yaml.clone()],
        }
    }
}

/// Where a static file comes from.
#[derive(Clone, Debug)]
pub enum StaticSource {
    /// Part of the built-in theme.
    BuiltIn(&'static [u8]),
    /// A file of the site's `static/`.
    Disk(PathBuf),
}

/// The site.
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// Validated settings.
    pub config: SiteConfig,
    /// Loaded templates.
    pub templates: Templates,
    /// Syntax highlighting.
    pub highlighter: Highlighter,
    /// Published explainers, newest first.
    pub pages: Vec<Page>,
    /// Static files by site path.
    pub statics: BTreeMap<String, StaticSource>,
    /// What links may point at.
    pub links: LinkTargets,
    /// Tags: slug → (name as first written, indices into `pages`).
    pub tags: BTreeMap<String, (String, Vec<usize>)>,
    /// Drafts left out of this build: file → slug (links to them are errors).
    pub drafts: BTreeMap<Arc<str>, String>,
    /// The options the model was loaded with.
    pub options: ModelOptions,
}

/// Reserved slugs: generated sections of the site.
const RESERVED: &[&str] = &["tags", "search"];

impl Site {
    /// Frees every explainer's text once its page is rendered and checked
    /// (a build's lists, feed and assets never read it): at 10,000
    /// explainers that is a third of the build's memory. Diagnostics keep
    /// their own reference to the text they quote.
    pub fn release_sources(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for page in &mut self.pages {
            page.file.text = empty.clone();
            page.front.yaml = 0..0;
            page.front.body_start = 0;
        }
    }

    /// Loads settings, templates and every explainer's front matter. Errors
    /// of every file are collected; warnings are returned with the site.
    pub fn load(root: &Path, options: &ModelOptions) -> Result<(Self, Diagnostics), Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut config = SiteConfig::load(root).map_err(Diagnostics::from_iter)?;
        if let Some(url) = &options.base_url {
            config.base_url = BaseUrl::parse(url).map_err(|e| {
                Diagnostics::from_iter([Diagnostic::error(format!("bad --base-url: {e}"))])
            })?;
        }
        let templates = match Templates::load(root, &config) {
            Ok(t) => Some(t),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        };
        let (files, problems) = load::find_explainers(root);
        diags.extend(problems);
        // Read and parse in one parallel pass: a file's front matter is
        // parsed while its text is fresh in the cache.
        let parsed: Vec<Result<(SourceFile, FrontMatter), Vec<Diagnostic>>> = files
            .into_par_iter()
            .map(|(path, rel)| {
                let file = load::read_one(path, rel).map_err(|d| vec![d])?;
                let front = front_matter::parse(&file.rel, &file.text)?;
                Ok((file, front))
            })
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        let mut drafts = Vec::new();
        for p in parsed {
            match p {
                Ok((file, front)) if front.meta.draft && !options.drafts => {
                    drafts.push((file, front))
                }
                Ok((file, front)) => pages.push((file, front)),
                Err(errors) => diags.extend(errors),
            }
        }
        let pages = assign_slugs(pages, &mut diags);
        let drafts: BTreeMap<Arc<str>, String> = drafts
            .iter()
            .map(|(file, front)| (file.rel.clone(), default_slug(&file.rel, front)))
            .collect();
        let statics = statics(root, &mut diags);
        let (links, tags) = link_targets(&pages, &drafts, &statics, &mut diags);
        let Some(templates) = templates.filter(|_| !diags.has_errors()) else {
            return Err(diags);
        };
        let site = Site {
            root: root.to_path_buf(),
            config,
            templates,
            highlighter: Highlighter::new(),
            pages,
            statics,
            links,
            tags,
            drafts,
            options: options.clone(),
        };
        Ok((site, diags))
    }

    /// Renders one explainer's body.
    pub fn render_body(&self, index: usize, collect_text: bool) -> Rendered {
        let page = &self.pages[index];
        let md_page = markdown::Page {
            file: &page.file.rel,
            source: &page.file.text,
            body_start: page.front.body_start,
            meta: &page.front.meta,
            front: page.front_doc(),
        };
        let ctx = Ctx {
            base: &self.config.base_url,
            links: &self.links,
            highlighter: &self.highlighter,
            components: &self.templates,
            collect_text,
        };
        markdown::render(md_page, ctx)
    }
}

/// An explainer's slug: `slug:` from its front matter, or its file's stem,
/// slugified.
pub fn default_slug(rel: &str, front: &FrontMatter) -> String {
    front.meta.slug.clone().unwrap_or_else(|| {
        let stem = rel
            .rsplit('/')
            .next()
            .unwrap_or(rel)
            .trim_end_matches(".md");
        slugify(stem)
    })
}

/// The problem with a page's slug, if any: empty, reserved, or already
/// used by the file `taken_by`.
pub fn slug_problem(page: &Page, taken_by: Option<&str>) -> Option<Diagnostic> {
    let doc = page.front_doc();
    let at_slug = || {
        if page.front.meta.slug.is_some() {
            doc.span_of(&[crate::yaml::Seg::key("slug")], crate::yaml::Target::Value)
        } else {
            0..3
        }
    };
    let d = if page.slug.is_empty() {
        Diagnostic::error("this file name gives an empty slug")
            .help("set `slug:` in the front matter")
    } else if RESERVED.contains(&page.slug.as_str()) {
        Diagnostic::error(format!(
            "the slug `{}` is reserved for lede's own pages",
            page.slug
        ))
        .help("set another `slug:` in the front matter")
    } else if let Some(first) = taken_by {
        Diagnostic::error(format!("the slug `{}` is already used by {first}", page.slug))
            .help("two explainers would be written to the same URL; set a different `slug:` in one of them")
    } else {
        return None;
    };
    Some(d.at(&page.file.rel, &page.file.text, at_slug()))
}

/// The order of `pages`: newest first, then by slug.
pub fn page_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.front
        .meta
        .date
        .cmp(&a.front.meta.date)
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Slugs for every page, newest first; duplicate slugs are errors.
fn assign_slugs(pages: Vec<(SourceFile, FrontMatter)>, diags: &mut Diagnostics) -> Vec<Page> {
    let out: Vec<Page> = pages
        .into_iter()
        .map(|(file, front)| {
            let slug = default_slug(&file.rel, &front);
            Page { file, front, slug }
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, page) in out.iter().enumerate() {
        let taken_by = seen.get(&page.slug).map(|&first| &*out[first].file.rel);
        match slug_problem(page, taken_by) {
            Some(d) => diags.push(d),
            None => {
                seen.insert(page.slug.clone(), i);
            }
        }
    }
    // Sorted by index, then moved once: a page is a large value, and a sort
    // moves its elements many times.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| page_order(&out[a], &out[b]));
    let mut slots: Vec<Option<Page>> = out.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The built-in static files, overlaid by the site's `static/`.
fn statics(root: &Path, diags: &mut Diagnostics) -> BTreeMap<String, StaticSource> {
    let mut out: BTreeMap<String, StaticSource> = theme::STATIC
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), StaticSource::BuiltIn(bytes)))
        .collect();
    let dir = match load::site_dir(root, "static") {
        Ok(Some(dir)) => dir,
        Ok(None) => return out,
        Err(d) => {
            diags.push(d);
            return out;
        }
    };
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for entry in WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        match entry {
            Ok(e) => {
                let site_path = load::rel_name(&dir, e.path()).to_string();
                if e.file_type().is_file() {
                    out.insert(site_path, StaticSource::Disk(e.path().to_path_buf()));
                } else if e.file_type().is_symlink() {
                    match e.path().canonicalize() {
                        Ok(t) if t.starts_with(&real_root) && t.is_file() => {
                            out.insert(site_path, StaticSource::Disk(t));
                        }
                        _ => diags.push(
                            Diagnostic::warning("skipped a symbolic link that is broken, loops or leads outside the site")
                                .in_file(&load::rel_name(root, e.path())),
                        ),
                    }
                }
            }
            Err(e) => diags.push(Diagnostic::warning(format!(
                "cannot read part of static/: {e}"
            ))),
        }
    }
    out
}

/// Files the build generates besides explainer pages.
pub const GENERATED: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "search/index.html",
    "tags/index.html",
    "syntax.css",
    ".nojekyll",
    "CNAME",
];

type Tags = BTreeMap<String, (String, Vec<usize>)>;

fn link_targets(
    pages: &[Page],
    drafts: &BTreeMap<Arc<str>, String>,
    statics: &BTreeMap<String, StaticSource>,
    diags: &mut Diagnostics,
) -> (LinkTargets, Tags) {
    let mut links = LinkTargets::default();
    let mut tags: Tags = BTreeMap::new();
    let mut generated: HashMap<String, Arc<str>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        links.pages.insert(
            page.file.rel.to_string(),
            PageLink {
                slug: page.slug.clone(),
                published: true,
            },
        );
        generated.insert(format!("{}/index.html", page.slug), page.file.rel.clone());
        for tag in &page.front.meta.tags {
            let entry = tags
                .entry(slugify(tag))
                .or_insert_with(|| (tag.clone(), Vec::new()));
            entry.1.push(i);
        }
    }
    for (rel, slug) in drafts {
        links.pages.insert(
            rel.to_string(),
            PageLink {
                slug: slug.clone(),
                published: false,
            },
        );
    }
    for slug in tags.keys() {
        generated.insert(format!("tags/{slug}/index.html"), Arc::from("a tag"));
    }
    for g in GENERATED {
        generated.insert((*g).to_string(), Arc::from("lede"));
    }
    diags.extend(static_collisions(statics, &generated));
    links.files.extend(statics.keys().cloned());
    links.files.extend(generated.into_keys());
    (links, tags)
}

/// A file of `static/` whose output path is also one lede generates, or a
/// folder lede generates pages in (`static/only` beside `only/index.html`),
/// or that lies in a folder that is a generated file, or that differs from
/// one of those only by letter case (one would overwrite the other on a
/// case-insensitive disk): each is an error naming the static file.
fn static_collisions(
    statics: &BTreeMap<String, StaticSource>,
    generated: &HashMap<String, Arc<str>>,
) -> Vec<Diagnostic> {
    const OVERRIDABLE: [&str; 3] = ["CNAME", ".nojekyll", "syntax.css"];
    let mut files: HashMap<String, (&str, &str)> = HashMap::new();
    let mut dirs: HashMap<String, (&str, &str)> = HashMap::new();
    for (path, by) in generated {
        files.insert(path.to_lowercase(), (path.as_str(), by));
        let mut dir = path.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            dirs.entry(parent.to_lowercase()).or_insert((parent, by));
            dir = parent;
        }
    }
    let mut out = Vec::new();
    for (path, source) in statics {
        if !matches!(source, StaticSource::Disk(_)) || OVERRIDABLE.contains(&path.as_str()) {
            continue;
        }
        let lower = path.to_lowercase();
        let clash = if let Some(&(theirs, by)) = files.get(&lower) {
            Some(if theirs == path {
                format!("has the same output path as a page lede generates ({by})")
            } else {
                format!("differs only in letter case from `{theirs}`, which lede generates ({by})")
            })
        } else if let Some(&(theirs, by)) = dirs.get(&lower) {
            Some(format!(
                "has the output path of the folder `{theirs}/`, where lede generates pages ({by})"
            ))
        } else {
            let mut prefix = lower.as_str();
            let mut found = None;
            while let Some((parent, _)) = prefix.rsplit_once('/') {
                if let Some(&(theirs, by)) = files.get(parent) {
                    found = Some(format!(
                        "is inside `{theirs}/`, but lede generates a file there ({by})"
                    ));
                    break;
                }
                prefix = parent;
            }
            found
        };
        if let Some(what) = clash {
            out.push(
                Diagnostic::error(format!("static/{path} {what}"))
                    .in_file(&Arc::from(format!("static/{path}")))
                    .help("rename or move the static file; to replace a theme page, override its template instead"),
            );
        }
    }
    out
}
