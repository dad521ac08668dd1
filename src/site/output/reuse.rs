//! Files of the previous output kept by the next build. A rebuild writes a
//! whole new folder (the swap stays atomic), but a file whose bytes are
//! exactly those of the file at the same path in the previous output
//! becomes a second name of that file (a hard link) instead of a new file.
//!
//! Why: most files of a rebuild are unchanged, and a link allocates no
//! inode and no data, so neither does removing the previous output after
//! it; on ext4 (worst without a journal, where new inodes skip every inode
//! freed in the last minute) creating 10,000 files right after deleting
//! 10,000 costs seconds. An unchanged file also keeps its modification
//! time, so tools that sync by time (rsync, deploy scripts) skip it.
//!
//! Why it is safe: lede never writes into a file of a swapped-in output
//! (every build writes new files into a folder of its own), so a file of
//! the previous output is read, compared byte for byte, and linked
//! through the open file (`/proc/self/fd`), never by its path again: a
//! build swapped in meanwhile cannot substitute another file. Killed at
//! any moment, the previous output is whole (a link adds a name; it
//! changes no bytes), and the new folder is removed like any leftover.

use std::cell::RefCell;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The previous output, when it is a folder lede made.
#[derive(Debug)]
pub(super) struct Previous {
    root: PathBuf,
}

impl Previous {
    /// The output at `target`, if it is lede's.
    pub(super) fn of(target: &Path) -> Option<Self> {
        super::is_ours(target).then(|| Self {
            root: target.to_path_buf(),
        })
    }

    /// Makes `to` a link to the previous output's file at `rel` (a path
    /// relative to the output) if that file holds exactly `bytes`; true
    /// when it did.
    pub(super) fn reuse(&self, rel: &Path, bytes: &[u8], to: &Path) -> bool {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        // A link put into the output (lede makes none) is not followed.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc_nofollow());
        let Ok(mut file) = options.open(self.root.join(rel)) else {
            return false;
        };
        same_bytes(&mut file, bytes) && link_open_file(&file, to)
    }
}

/// `O_NOFOLLOW`.
#[cfg(unix)]
fn libc_nofollow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

/// Does the file at `path` hold exactly `bytes`?
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    File::open(path).is_ok_and(|mut file| same_bytes(&mut file, bytes))
}

/// Are `a` and `b` the same file (two names of one)?
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::symlink_metadata(b)) {
            return (a.dev(), a.ino()) == (b.dev(), b.ino());
        }
    }
    let _ = (a, b);
    false
}

/// Writes `bytes` to a new file at `path`: never into an existing file,
/// whose inode may be another output's or a cache entry's too. (A path
/// written twice by one build is removed and written again.)
pub(super) fn create(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let open = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            super::spare::clear(path)?;
            open()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Does `file` hold exactly `bytes`?
fn same_bytes(file: &mut File, bytes: &[u8]) -> bool {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let Ok(meta) = file.metadata() else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.resize(bytes.len(), 0);
        file.read_exact(buffer).is_ok() && buffer.as_slice() == bytes
    })
}

/// Gives the open `file` a second name, `to`.
#[cfg(target_os = "linux")]
fn link_open_file(file: &File, to: &Path) -> bool {
    use rustix::fs::{AtFlags, CWD, linkat};
    use std::os::fd::AsRawFd;
    let fd = format!("/proc/self/fd/{}", file.as_raw_fd());
    linkat(CWD, fd.as_str(), CWD, to, AtFlags::SYMLINK_FOLLOW).is_ok()
}

/// Elsewhere no file is reused: no way to link an open file.
#[cfg(not(target_os = "linux"))]
fn link_open_file(_file: &File, _to: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn only_a_file_with_the_same_bytes_is_linked() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join(super::super::MARKER), "").unwrap();
        std::fs::write(old.join("a.html"), "same").unwrap();
        let previous = Previous::of(&old).unwrap();
        let new = dir.path().join("new");
        std::fs::create_dir(&new).unwrap();
        assert!(previous.reuse(Path::new("a.html"), b"same", &new.join("a.html")));
        let (a, b) = (
            std::fs::metadata(old.join("a.html")).unwrap(),
            std::fs::metadata(new.join("a.html")).unwrap(),
        );
        assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
        assert!(!previous.reuse(Path::new("a.html"), b"sama", &new.join("b.html")));
        assert!(!previous.reuse(Path::new("a.html"), b"same!", &new.join("c.html")));
        assert!(!previous.reuse(Path::new("none.html"), b"", &new.join("d.html")));
        std::os::unix::fs::symlink(old.join("a.html"), old.join("l.html")).unwrap();
        assert!(!previous.reuse(Path::new("l.html"), b"same", &new.join("e.html")));
        assert!(
            ["b.html", "c.html", "e.html"]
                .iter()
                .all(|f| !new.join(f).exists())
        );
        std::fs::remove_file(old.join(super::super::MARKER)).unwrap();
        assert!(Previous::of(&old).is_none(), "only lede's own output");
    }
}
