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
//! before. It lists the spare first and removes any symbolic link or
//! special file in it (lede makes none), so no write can be led out of
//! the folder. It never writes into an existing file: a file that must change
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

use super::FileStamp;

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
    super::is_ours(&spare) && super::rename::noreplace(&spare, tmp).is_ok()
}

/// Keeps `old` (an output just swapped out) as the spare of `target`;
/// false when there is one already (another build's), or it cannot be
/// renamed.
pub(super) fn keep(old: &Path, target: &Path) -> bool {
    super::rename::noreplace(old, &path_of(target)).is_ok()
}

/// What a spare held when it was taken, and the paths (relative to the
/// output) the build into it wrote.
#[derive(Debug, Default)]
pub(super) struct Written {
    wrote: Mutex<HashSet<String>>,
    /// The files and folders the spare held (symbolic links and other
    /// special files removed).
    held: (HashSet<String>, HashSet<String>),
    /// The spare's folder, open: its files are looked up from it, by one
    /// or two names instead of the whole path (Linux).
    #[cfg(target_os = "linux")]
    dir: Option<rustix::fd::OwnedFd>,
}

impl Written {
    /// Lists the spare at `dir` (but `keep`, the marker), removing on the
    /// way anything that is neither a file nor a folder: lede makes no
    /// symbolic link, and one put there (a spare committed to a repository,
    /// say) must not lead the build's writes out of the folder.
    pub(super) fn scan(dir: &Path, keep: &str) -> io::Result<Self> {
        let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
        let lists: Vec<Held> = entries
            .par_iter()
            .filter(|e| e.file_name() != keep)
            .map(|entry| {
                let mut held = Held::default();
                scan_entry(entry, "", &mut held).map(|()| held)
            })
            .collect::<io::Result<_>>()?;
        let mut held = (HashSet::default(), HashSet::default());
        for list in lists {
            held.0.extend(list.0);
            held.1.extend(list.1);
        }
        Ok(Self {
            wrote: Mutex::default(),
            held,
            #[cfg(target_os = "linux")]
            dir: {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                rustix::fs::open(dir, flags, Mode::empty()).ok()
            },
        })
    }

    /// Notes `rel`, a path relative to the output (`a/index.html`).
    pub(super) fn add(&self, rel: &str) {
        self.wrote
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel.to_string());
    }

    /// Whether the spare (at `root`) has at the site path `rel` the file
    /// `stamp` describes; then it is noted as written.
    pub(super) fn holds(&self, root: &Path, rel: &str, stamp: &FileStamp) -> bool {
        let Some(rel) = super::normal(rel).filter(|r| !r.is_empty()) else {
            return false;
        };
        let same = self.stamp(root, &rel) == Some(*stamp);
        if same {
            self.add(&rel);
        }
        same
    }

    /// The stamp of the file at `rel` (plain names) in the spare at `root`,
    /// if there is a file there. On Linux it is looked up from the open
    /// folder, one name or two instead of the whole path: the hot path of
    /// a warm rebuild with images (one per variant).
    // The fields' types vary with the target (`u64` or not).
    #[allow(clippy::useless_conversion, clippy::unnecessary_fallible_conversions)]
    fn stamp(&self, root: &Path, rel: &str) -> Option<FileStamp> {
        #[cfg(target_os = "linux")]
        if let Some(dir) = &self.dir {
            use rustix::fs::{AtFlags, FileType, statat};
            let st = statat(dir, rel, AtFlags::SYMLINK_NOFOLLOW).ok()?;
            if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
                return None;
            }
            let secs = u128::try_from(st.st_mtime).ok()?;
            return Some(FileStamp {
                len: u64::try_from(st.st_size).ok()?,
                time: secs * 1_000_000_000 + u128::try_from(st.st_mtime_nsec).ok()?,
                id: (u64::from(st.st_dev), u64::from(st.st_ino)),
            });
        }
        let meta = fs::symlink_metadata(root.join(rel)).ok()?;
        meta.is_file().then(|| FileStamp::of(&meta)).flatten()
    }

    /// Removes from `dir` (the spare, written) every file and folder it
    /// held that holds nothing this build wrote.
    pub(super) fn prune(self, dir: &Path) -> io::Result<()> {
        let wrote = self
            .wrote
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut folders: HashSet<&str> = HashSet::default();
        for file in &wrote {
            let mut rest = file.as_str();
            while let Some((folder, _)) = rest.rsplit_once('/') {
                folders.insert(folder);
                rest = folder;
            }
        }
        // Only the top of what goes: a folder's contents go with it.
        let in_kept_folder = |rel: &str| {
            rel.rsplit_once('/')
                .is_none_or(|(parent, _)| folders.contains(parent))
        };
        let (files, held_folders) = &self.held;
        // (A path held as a folder and written as a file, or the other way
        // round, was replaced when it was written.)
        let wanted = |rel: &str| wrote.contains(rel) || folders.contains(rel);
        let gone_folders: Vec<&String> = held_folders
            .iter()
            .filter(|f| !wanted(f) && in_kept_folder(f))
            .collect();
        let gone_files: Vec<&String> = files
            .iter()
            .filter(|f| !wanted(f) && in_kept_folder(f))
            .collect();
        let gone = |result: io::Result<()>| match result {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
        gone_folders
            .par_iter()
            .try_for_each(|f| gone(fs::remove_dir_all(dir.join(f))))?;
        gone_files
            .par_iter()
            .try_for_each(|f| gone(fs::remove_file(dir.join(f))))
    }
}

/// Files and folders, relative to the output.
type Held = (Vec<String>, Vec<String>);

/// Lists `entry` (in `parent`, relative to the output) into `held`, and
/// what is in it; removes it if it is neither a file nor a folder.
fn scan_entry(entry: &fs::DirEntry, parent: &str, held: &mut Held) -> io::Result<()> {
    let name = entry.file_name();
    let name = name.to_string_lossy();
    let rel = if parent.is_empty() {
        name.into_owned()
    } else {
        format!("{parent}/{name}")
    };
    let kind = entry.file_type()?;
    if kind.is_dir() {
        for child in fs::read_dir(entry.path())? {
            scan_entry(&child?, &rel, held)?;
        }
        held.1.push(rel);
    } else if kind.is_file() {
        held.0.push(rel);
    } else {
        fs::remove_file(entry.path())?;
    }
    Ok(())
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
        let root = &dir.path().join("spare");
        for file in ["a/index.html", "a/card.png", "b/index.html", "c.xml", "m"] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, file).unwrap();
        }
        fs::create_dir_all(root.join("d/e/f")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), root.join("s")).unwrap();
        let written = Written::scan(root, "m").unwrap();
        assert!(
            fs::symlink_metadata(root.join("s")).is_err(),
            "a link is removed"
        );
        written.add("a/index.html");
        written.add("c.xml");
        written.prune(root).unwrap();
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

    #[test]
    #[cfg(unix)]
    fn a_file_is_held_when_it_has_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("images/d")).unwrap();
        fs::write(root.join("images/a.webp"), b"bytes").unwrap();
        let written = Written::scan(root, "m").unwrap();
        let meta = fs::symlink_metadata(root.join("images/a.webp")).unwrap();
        let stamp = FileStamp::of(&meta).unwrap();
        assert_eq!(written.stamp(root, "images/a.webp"), Some(stamp));
        // No file there, or not a file: no stamp.
        assert_eq!(written.stamp(root, "images/b.webp"), None);
        assert_eq!(written.stamp(root, "images/d"), None);
        // Site paths as a sink is given them; `..` never.
        assert!(written.holds(root, "images/a.webp", &stamp));
        assert!(written.holds(root, "./images//a.webp", &stamp));
        assert!(!written.holds(root, "images/../images/a.webp", &stamp));
        let other = FileStamp { len: 6, ..stamp };
        assert!(!written.holds(root, "images/a.webp", &other));
        let wrote = written.wrote.into_inner().unwrap();
        assert_eq!(wrote.into_iter().collect::<Vec<_>>(), ["images/a.webp"]);
    }
}
