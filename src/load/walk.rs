//! The one walker: every folder of the site (`content/`, `templates/`,
//! `static/`) is listed here, with one rule for symbolic links and one set
//! of messages.
//!
//! The rule: a symbolic link is followed only when it leads to a file inside
//! the site. A link that leads out of it, to a folder, or nowhere (broken or
//! looping) is not followed, and says so. A site folder that is itself a
//! link out of the site is an error: building without it would replace a
//! good output with a site that lacks it. Hidden files and folders (a
//! leading `.`) are never listed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Severity};

/// A file found in one of the site's folders.
#[derive(Clone, Debug)]
pub struct Found {
    /// Where to read it (a link's target inside the site, for a link).
    pub path: PathBuf,
    /// Its path from the site root, `/`-separated (`content/a/b.md`), for
    /// messages.
    pub rel: Arc<str>,
    /// Its path inside its folder (`a/b.md`).
    pub name: String,
}

/// How a folder is listed.
pub struct Folder {
    /// Its name in the site (`content`).
    pub name: &'static str,
    /// Which files to list (by their path inside the folder).
    pub wanted: fn(&str) -> bool,
    /// How bad a link that cannot be followed is here: a warning where the
    /// file is simply left out, an error where leaving it out would change
    /// what every page looks like (templates).
    pub skipped_link: Severity,
}

/// The site root, as links are checked against it.
pub struct Root {
    /// The folder as given.
    pub dir: PathBuf,
    /// Its real path (links inside the site lead under it).
    real: PathBuf,
}

impl Root {
    /// The site at `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            real: dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
        }
    }

    /// A path relative to the root, `/`-separated, for messages.
    pub fn rel(&self, path: &Path) -> Arc<str> {
        rel_name(&self.dir, path)
    }

    /// Where a file of the site really is, by the one rule: itself, or the
    /// target of a link that leads to a file inside the site. `Ok(None)`
    /// when it is not a file at all (a folder named `x.md`).
    pub fn follow(&self, path: &Path, rel: &Arc<str>) -> Result<Option<PathBuf>, Diagnostic> {
        let meta = path
            .symlink_metadata()
            .map_err(|e| Diagnostic::warning(format!("cannot read this file: {e}")).in_file(rel))?;
        if !meta.file_type().is_symlink() {
            return Ok(meta.is_file().then(|| path.to_path_buf()));
        }
        match path.canonicalize() {
            Ok(target) if !target.starts_with(&self.real) => Err(Diagnostic::warning(
                "this symbolic link points outside the site; lede does not follow it",
            )
            .in_file(rel)
            .help(format!(
                "it points to {}; copy the file into the site instead",
                target.display()
            ))),
            Ok(target) if target.is_file() => Ok(Some(target)),
            Ok(_) => Err(Diagnostic::warning(
                "this symbolic link leads to a folder; lede does not follow it",
            )
            .in_file(rel)
            .help("folders behind symbolic links are not read; move the files into the site")),
            Err(e) => Err(Diagnostic::warning(format!(
                "this symbolic link is broken or loops; lede does not follow it: {e}"
            ))
            .in_file(rel)),
        }
    }

    /// The site's folder `name`, if there is one. A link is followed only
    /// when it leads to a folder inside the site; one that leads out of it
    /// is an error.
    pub fn folder(&self, name: &str) -> Result<Option<PathBuf>, Diagnostic> {
        let dir = self.dir.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&dir) else {
            return Ok(None);
        };
        if !meta.file_type().is_symlink() {
            return Ok(meta.is_dir().then_some(dir));
        }
        let shown: Arc<str> = Arc::from(format!("{name}/"));
        match dir.canonicalize() {
            Ok(target) if target.starts_with(&self.real) && target != self.real => {
                Ok(target.is_dir().then_some(dir))
            }
            Ok(target) => Err(Diagnostic::error(format!(
                "{name}/ is a symbolic link to {}, outside the site; lede does not follow it",
                target.display()
            ))
            .in_file(&shown)
            .help("move the folder into the site, or make the link point inside it")),
            Err(e) => Err(Diagnostic::error(format!(
                "{name}/ is a broken or looping symbolic link: {e}"
            ))
            .in_file(&shown)),
        }
    }

    /// A file at the top of the site (`site.yaml`), by the same rule; a
    /// link that cannot be followed is an error here (the site cannot be
    /// built without it).
    pub fn top_file(&self, name: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.dir.join(name);
        let rel: Arc<str> = Arc::from(name);
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(path);
        }
        let target = path.canonicalize().map_err(|e| {
            Diagnostic::error(format!("{name} is a broken or looping symbolic link: {e}"))
                .in_file(&rel)
        })?;
        if !target.starts_with(&self.real) {
            return Err(Diagnostic::error(format!(
                "{name} is a symbolic link to {}, outside the site; lede does not follow it",
                target.display()
            ))
            .in_file(&rel));
        }
        Ok(target)
    }

    /// Every wanted file of a folder, sorted by name, with the problems met
    /// on the way.
    pub fn walk(&self, folder: &Folder) -> (Vec<Found>, Vec<Diagnostic>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let dir = match self.folder(folder.name) {
            Ok(Some(dir)) => dir,
            Ok(None) => return (found, problems),
            Err(d) => return (found, vec![d]),
        };
        let walker = WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let mut d =
                        Diagnostic::warning(format!("cannot read part of {}/: {e}", folder.name));
                    if let Some(path) = e.path() {
                        d = d.in_file(&self.rel(path));
                    }
                    problems.push(d);
                    continue;
                }
            };
            if entry.depth() == 0 || entry.file_type().is_dir() {
                continue;
            }
            let name = rel_name(&dir, entry.path()).to_string();
            if !(folder.wanted)(&name) {
                continue;
            }
            let rel = self.rel(entry.path());
            if entry.file_type().is_file() {
                // Not a link (the walk does not follow them): no need to
                // ask the disk again.
                found.push(Found {
                    path: entry.into_path(),
                    rel,
                    name,
                });
                continue;
            }
            match self.follow(entry.path(), &rel) {
                Ok(Some(path)) => found.push(Found { path, rel, name }),
                Ok(None) => {}
                Err(mut d) => {
                    d.severity = folder.skipped_link;
                    problems.push(d);
                }
            }
        }
        (found, problems)
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// A path relative to `root`, `/`-separated, for messages and links.
pub fn rel_name(root: &Path, path: &Path) -> Arc<str> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Arc::from(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(name: &str) -> bool {
        name.ends_with(".md")
    }

    const CONTENT: Folder = Folder {
        name: "content",
        wanted: markdown,
        skipped_link: Severity::Warning,
    };

    #[test]
    fn lists_wanted_files_skipping_hidden_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("sub")).unwrap();
        std::fs::create_dir_all(c.join(".hidden")).unwrap();
        std::fs::create_dir_all(c.join("folder.md")).unwrap();
        for f in [
            "b.md",
            "a.md",
            "sub/c.md",
            ".hidden/d.md",
            ".e.md",
            "notes.txt",
        ] {
            std::fs::write(c.join(f), "x").unwrap();
        }
        let (found, problems) = Root::new(dir.path()).walk(&CONTENT);
        let names: Vec<&str> = found.iter().map(|f| &*f.rel).collect();
        assert_eq!(names, ["content/a.md", "content/b.md", "content/sub/c.md"]);
        assert_eq!(found[2].name, "sub/c.md");
        assert!(problems.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(&c).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), c.join("leak.md")).unwrap();
        std::os::unix::fs::symlink(c.join("loop.md"), c.join("loop.md")).unwrap();
        std::fs::write(dir.path().join("inside.txt"), "ok").unwrap();
        std::os::unix::fs::symlink(dir.path().join("inside.txt"), c.join("in.md")).unwrap();
        let (found, problems) = Root::new(dir.path()).walk(&CONTENT);
        let names: Vec<&str> = found.iter().map(|f| &*f.rel).collect();
        assert_eq!(names, ["content/in.md"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("points outside the site"));
        assert!(problems[1].message.contains("broken or loops"));
        assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    }
}
