//! Watching the site: `content/`, `templates/`, `static/` and `site.yaml`,
//! with file events debounced by `notify-debouncer-full` and sorted into
//! what the rebuild needs to know. Reads (inotify's open events, which a
//! rebuild itself causes) are not changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::load::{CONTENT_DIR, rel_name};

/// How long after a file event its change is handled: long enough to see
/// an editor's save (write, rename) as one change.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// The folders watched recursively.
const FOLDERS: [&str; 3] = [CONTENT_DIR, "templates", "static"];

/// Changes seen together.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Why the whole site must be loaded again (`site.yaml`, a template,
    /// a static file, a new folder…), if it must.
    pub full: Option<String>,
    /// Explainer files that changed, appeared or went (`content/a.md`).
    pub files: BTreeSet<Arc<str>>,
    /// Other paths under `content/` that changed: a folder that appeared
    /// (a full load) or went (its explainers went with it).
    pub others: BTreeSet<Arc<str>>,
    /// Images whose variants the background encoder has put in the cache
    /// (site paths): not a change of the site, their pages show them now.
    pub ready: BTreeSet<String>,
}

impl Batch {
    /// Nothing to do?
    pub fn is_empty(&self) -> bool {
        self.full.is_none()
            && self.files.is_empty()
            && self.others.is_empty()
            && self.ready.is_empty()
    }

    /// Adds a later batch to this one.
    pub fn merge(&mut self, other: Batch) {
        if self.full.is_none() {
            self.full = other.full;
        }
        self.files.extend(other.files);
        self.others.extend(other.others);
        self.ready.extend(other.ready);
    }

    /// Sorts one changed path (absolute, under `root`) into the batch.
    pub fn add(&mut self, root: &Path, path: &Path) {
        let Ok(rel) = path.strip_prefix(root) else {
            return;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(first) = parts.first() else {
            return;
        };
        if parts.iter().skip(1).any(|p| p.starts_with('.')) {
            return; // hidden files (editors' swap files) are not part of the site
        }
        let name = rel_name(root, path);
        match first.as_str() {
            crate::config::FILE if parts.len() == 1 => self.full_because(&name),
            "templates" | "static" => self.full_because(&name),
            CONTENT_DIR if parts.len() == 1 => self.full_because(&name),
            CONTENT_DIR => {
                let is_md = path.extension().is_some_and(|e| e == "md");
                let meta = path.symlink_metadata();
                if meta.as_ref().is_ok_and(|m| m.is_dir()) {
                    self.others.insert(name);
                } else if !is_md {
                    if meta.is_err() {
                        self.others.insert(name); // perhaps a folder that went
                    }
                } else if meta.is_ok_and(|m| m.file_type().is_symlink()) {
                    self.full_because(&name);
                } else {
                    self.files.insert(name);
                }
            }
            _ => {}
        }
    }

    fn full_because(&mut self, name: &str) {
        if self.full.is_none() {
            self.full = Some(name.to_string());
        }
    }
}

/// The watcher; events arrive on the channel given to [`Watcher::start`].
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (the site folder).
    pub fn start(root: &Path, events: Sender<Batch>) -> notify::Result<Self> {
        let root = root.canonicalize()?;
        let for_events = root.clone();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let mut batch = Batch::default();
            match result {
                Ok(list) => {
                    for event in list.iter().filter(|e| is_change(&e.kind)) {
                        for path in &event.paths {
                            batch.add(&for_events, path);
                        }
                    }
                }
                Err(errors) => {
                    let first = errors.first().map(ToString::to_string).unwrap_or_default();
                    batch.full = Some(format!("a file watching error ({first})"));
                }
            }
            if !batch.is_empty() {
                let _ = events.send(batch);
            }
        })?;
        let mut watcher = Self {
            debouncer,
            root,
            watched: Vec::new(),
        };
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)?;
        watcher.arm();
        Ok(watcher)
    }

    /// (Re)watches the site's folders: after a full load, since a folder
    /// may have been created, deleted or replaced.
    pub fn arm(&mut self) {
        for dir in self.watched.drain(..) {
            let _ = self.debouncer.unwatch(&dir);
        }
        for name in FOLDERS {
            let dir = self.root.join(name);
            if dir.is_dir() && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.push(dir);
            }
        }
    }
}

/// Is this event a change (not a read)?
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_into_what_to_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["content/sub", "templates", "public"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        let mut b = Batch::default();
        for p in [
            "content/a.md",
            "content/gone.md",
            "content/.a.md.swp",
            "content/a.md~",
            "content/notes.txt",
            "public/index.html",
            ".git/index",
        ] {
            b.add(root, &root.join(p));
        }
        assert_eq!(b.full, None);
        let files: Vec<&str> = b.files.iter().map(|f| &**f).collect();
        assert_eq!(files, ["content/a.md", "content/gone.md"]);
        assert!(b.others.iter().any(|o| &**o == "content/a.md~"), "{b:?}");
        b.add(root, &root.join("content/sub"));
        assert!(b.others.iter().any(|o| &**o == "content/sub"));
        let mut t = Batch::default();
        t.add(root, &root.join("templates/page.html"));
        assert_eq!(t.full.as_deref(), Some("templates/page.html"));
        let mut s = Batch::default();
        s.add(root, &root.join("site.yaml"));
        assert_eq!(s.full.as_deref(), Some("site.yaml"));
        b.merge(s);
        assert_eq!(b.full.as_deref(), Some("site.yaml"));
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, ModifyKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
