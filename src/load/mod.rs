//! Load, the first stage: find the site's sources on disk and read them.
//!
//! [`site`] returns [`Sources`]: `site.yaml`, the site's own templates, its
//! explainers (found, read later in parallel with their parsing) and its
//! static files. Nothing after this stage walks the disk: every folder is
//! listed by the one walker in [`walk`], with one rule for symbolic links
//! (followed only to files inside the site) and one set of messages. Text is
//! decoded strictly ([`decode`]).

mod decode;
mod entries;
mod walk;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use decode::{decode, normalize_newlines};
pub use entries::{Bundle, Entry};
pub use walk::{Folder, Found, Root, rel_name};

use crate::diagnostics::{Diagnostic, Severity, SourceText};

/// The folder explainers live in.
pub const CONTENT_DIR: &str = "content";
/// The folder of the site's own templates.
pub const TEMPLATES_DIR: &str = "templates";
/// The folder of files published as they are.
pub const STATIC_DIR: &str = "static";
/// The site settings.
pub const CONFIG_FILE: &str = "site.yaml";

/// One file, read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the site root, with `/` separators (`content/a/b.md`).
    pub rel: Arc<str>,
    /// The text, decoded and with `\n` line endings.
    pub text: Arc<SourceText>,
}

/// Everything a site is made of, as found on disk.
pub struct Sources {
    /// The site folder.
    pub root: PathBuf,
    /// `site.yaml`, read (or why it cannot be).
    pub config: Result<SourceFile, Diagnostic>,
    /// The site's own templates, by name inside `templates/` (`page.html`).
    pub templates: Vec<(String, SourceFile)>,
    /// The explainers under `content/` (not read yet), sorted, with their
    /// bundles.
    pub entries: Vec<Entry>,
    /// The files under `static/`, by site path (`images/a.png`), sorted.
    pub statics: Vec<Found>,
    /// What could not be listed or read, with what was skipped.
    pub problems: Vec<Diagnostic>,
}

const CONTENT: Folder = Folder {
    name: CONTENT_DIR,
    wanted: any,
    skipped_link: Severity::Warning,
};

const TEMPLATES: Folder = Folder {
    name: TEMPLATES_DIR,
    wanted: any,
    skipped_link: Severity::Error,
};

const STATIC: Folder = Folder {
    name: STATIC_DIR,
    wanted: any,
    skipped_link: Severity::Warning,
};

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}

fn any(_: &str) -> bool {
    true
}

/// Finds the site's sources; reads `site.yaml` and the templates.
pub fn site(root: &Path) -> Sources {
    let at = Root::new(root);
    let mut problems = Vec::new();
    let config = read_config(&at);
    let (found, more) = at.walk(&TEMPLATES);
    problems.extend(more);
    let mut templates = Vec::with_capacity(found.len());
    for f in found {
        match read(&f) {
            Ok(file) => templates.push((f.name, file)),
            Err(d) => problems.push(d),
        }
    }
    let (content, more) = at.walk(&CONTENT);
    problems.extend(more);
    let (statics, more) = at.walk(&STATIC);
    problems.extend(more);
    problems.extend(entries::unportable(&content));
    problems.extend(entries::unportable(&statics));
    let (entries, more) = entries::classify(content);
    problems.extend(more);
    Sources {
        root: root.to_path_buf(),
        config,
        templates,
        entries,
        statics,
        problems,
    }
}

/// `site.yaml` of the site at `root`, read (for `serve`, which needs its
/// base path even while the rest of the site is broken).
pub fn config(root: &Path) -> Result<SourceFile, Diagnostic> {
    read_config(&Root::new(root))
}

/// `site.yaml`: it must exist, and a link must stay inside the site.
fn read_config(at: &Root) -> Result<SourceFile, Diagnostic> {
    let rel: Arc<str> = Arc::from(CONFIG_FILE);
    if !at.dir.join(CONFIG_FILE).exists() {
        return Err(
            Diagnostic::error(format!("no {CONFIG_FILE} in {}", at.dir.display()))
                .in_file(&rel)
                .help("a lede site is a folder with site.yaml and content/; `lede init DIR` makes one"),
        );
    }
    // Decoded like an explainer: BOM dropped, CRLF and CR read as LF,
    // UTF-16, invalid UTF-8 and NUL bytes refused with where they are.
    let path = at.top_file(CONFIG_FILE)?;
    read_one(path, rel)
}

/// The Markdown files under `content/` alone (for `lede new`, which must
/// not reuse a name).
pub fn explainers(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let (mut found, problems) = Root::new(root).walk(&CONTENT);
    found.retain(|f| is_markdown(&f.name));
    (found, problems)
}

/// Reads a found file.
pub fn read(found: &Found) -> Result<SourceFile, Diagnostic> {
    read_one(found.path.clone(), found.rel.clone())
}

/// An explainer as it is on disk now (for `serve`, after an edit): `None`
/// when it is gone, is not a file, or is a link the walker would not follow.
pub fn read_entry(root: &Path, rel: &Arc<str>) -> Result<Option<SourceFile>, Diagnostic> {
    let path = root.join(&**rel);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    match Root::new(root).follow(&path, rel) {
        Ok(Some(real)) => read_one(real, rel.clone()).map(Some),
        Ok(None) | Err(_) => Ok(None),
    }
}

/// Reads and decodes one file.
pub fn read_one(path: PathBuf, rel: Arc<str>) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(format!("cannot read this file: {e}")).in_file(&rel))?;
    let text = decode(bytes).map_err(|(message, at)| match at {
        Some((text, offset)) => {
            let source = SourceText::new(text);
            Diagnostic::error(message).at(&rel, &source, offset..offset + 1)
        }
        None => Diagnostic::error(message).in_file(&rel),
    })?;
    Ok(SourceFile {
        path,
        rel,
        text: SourceText::new(text),
    })
}
