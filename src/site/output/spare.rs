//! The spare output: the output a build swapped out, kept beside the new
//! one as `<output>.lede-tmp-spare` for the next build to write into
//! instead of being deleted.
//!
//! Why: a rebuild into a fresh folder creates every folder and changed
//! file anew and deletes as many; on ext4 a new inode skips every inode
//! freed in the last minute, so ten thousand `mkdir`s right after ten
//! thousand deletions cost seconds (half of a 10,000-explainer rebuild on
//! this project's machines). Written into the spare, a rebuild makes no
//! folder that exists already, leaves every file whose bytes are the same,
//! and deletes only what the site no longer has. Nothing is left for later
//! either: the spare is not deleted in the background, it is the next
//! build's starting point, and deleting it by hand is always safe.
//!
//! Why it is safe: the build renames the spare to its own temporary name
//! before touching it (two builds cannot both take it), so killed at any
//! moment it leaves a temporary folder that the next build removes, as
//! before. It never writes into an existing file: a file that must change
//! is removed and made anew, because its inode may also be a file of the
//! output in use or a cache entry (hard links). The folder is swapped in
//! only after every path the build did not write has been removed, so the
//! result is exactly what a build into an empty folder makes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

/// The suffix of the spare's name (after `<output>.lede-tmp-`).
pub(super) const SPARE: &str = "spare";

/// Where the spare of the output at `target` is.
pub(super) fn path_of(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!("{}{SPARE}", super::TMP_INFIX));
    target.with_file_name(name)
}

/// Takes the spare of `target`, if there is one lede made, as `tmp`.
pub(super) fn take(target: &Path, tmp: &Path) -> bool {
    let spare = path_of(target);
    super::is_ours(&spare) && rename_noreplace(&spare, tmp).is_ok()
}

/// Keeps `old` (an output just swapped out) as the spare of `target`;
/// false when there is one already (another build's), or it cannot be
/// renamed.
pub(super) fn keep(old: &Path, target: &Path) -> bool {
    rename_noreplace(old, &path_of(target)).is_ok()
}

fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            other => return other.map_err(Into::into),
        }
    }
    if fs::symlink_metadata(to).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    fs::rename(from, to)
}

/// The paths (relative to the output) a build into a spare wrote.
#[derive(Debug, Default)]
pub(super) struct Written(Mutex<HashSet<String>>);

impl Written {
    /// Notes `rel`, a path relative to the output (`a/index.html`).
    pub(super) fn add(&self, rel: &Path) {
        let rel = rel.to_string_lossy().into_owned();
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel);
    }

    /// Removes from `dir` (the spare, written) every file and folder that
    /// holds nothing this build wrote; `keep` (the marker) stays.
    pub(super) fn prune(self, dir: &Path, keep: &str) -> io::Result<()> {
        let files = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        let mut folders: HashSet<&str> = HashSet::default();
        for file in &files {
            let mut rest = file.as_str();
            while let Some((folder, _)) = rest.rsplit_once('/') {
                folders.insert(folder);
                rest = folder;
            }
        }
        let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
        let wanted = (&files, &folders);
        entries
            .par_iter()
            .filter(|e| e.file_name() != keep)
            .try_for_each(|entry| prune_entry(entry, "", wanted))
    }
}

type Wanted<'a> = (&'a HashSet<String>, &'a HashSet<&'a str>);

/// Removes `entry` (in `parent`, relative to the output) unless this build
/// wrote it or something in it.
fn prune_entry(entry: &fs::DirEntry, parent: &str, wanted: Wanted<'_>) -> io::Result<()> {
    let name = entry.file_name();
    let name = name.to_string_lossy();
    let rel = if parent.is_empty() {
        name.into_owned()
    } else {
        format!("{parent}/{name}")
    };
    if entry.file_type()?.is_dir() {
        if !wanted.1.contains(rel.as_str()) {
            return fs::remove_dir_all(entry.path());
        }
        for child in fs::read_dir(entry.path())? {
            prune_entry(&child?, &rel, wanted)?;
        }
        Ok(())
    } else if wanted.0.contains(rel.as_str()) {
        Ok(())
    } else {
        fs::remove_file(entry.path())
    }
}

/// Removes whatever is at `path` (a file, or a folder with its contents).
pub(super) fn clear(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Makes the folders of `path` (inside `root`), removing a file of the
/// spare that stands where one of them goes.
pub(super) fn make_folders(root: &Path, path: &Path) -> io::Result<()> {
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    if fs::create_dir_all(dir).is_ok() {
        return Ok(());
    }
    for ancestor in dir.ancestors().take_while(|a| *a != root) {
        if fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
            clear(ancestor)?;
            break;
        }
    }
    fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_keeps_exactly_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in ["a/index.html", "a/card.png", "b/index.html", "c.xml", "m"] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, file).unwrap();
        }
        fs::create_dir_all(root.join("d/e/f")).unwrap();
        let written = Written::default();
        written.add(Path::new("a/index.html"));
        written.add(Path::new("c.xml"));
        written.prune(root, "m").unwrap();
        let mut left: Vec<String> = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                e.path().strip_prefix(root).unwrap().display().to_string()
            })
            .collect();
        left.sort();
        assert_eq!(left, ["a", "a/index.html", "c.xml", "m"]);
        // A file where a folder must go is removed; a folder where a file
        // must go is `clear`ed by the writer.
        make_folders(root, &root.join("c.xml/index.html")).unwrap();
        assert!(root.join("c.xml").is_dir());
        clear(&root.join("a")).unwrap();
        assert!(!root.join("a").exists());
    }
}
