//! Where rendered files go: the output folder ([`super::output::Output`]),
//! memory ([`Memory`], for `serve`), or nowhere ([`Discard`], for `check`);
//! and [`IoError`], the one error a file operation of the build can give.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// A file operation that failed, with the path it concerned.
#[derive(Debug)]
pub struct IoError {
    /// What lede was doing: `write`, `create`, `replace`…
    pub doing: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// Why it failed.
    pub source: std::io::Error,
}

impl IoError {
    /// `doing` `path` failed with `source`.
    pub fn new(doing: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self {
            doing,
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.doing,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes a file at a site path (`a/b/index.html`).
    fn write(&self, site_path: &str, bytes: &[u8]) -> Result<(), IoError>;
    /// Copies a file from disk to a site path.
    fn copy(&self, site_path: &str, from: &Path) -> Result<(), IoError> {
        let bytes = std::fs::read(from).map_err(|e| IoError::new("read", from, e))?;
        self.write(site_path, &bytes)
    }
    /// Puts a file lede keeps (a cache entry) at a site path: a hard link
    /// where the sink is a folder on the same disk, else a copy.
    fn link(&self, site_path: &str, from: &Path) -> Result<(), IoError> {
        self.copy(site_path, from)
    }
    /// Whether the file at a site path is already the file `stamp`
    /// describes (a cache entry linked there by an earlier build, in the
    /// folder this build writes into); then this build needs it there and
    /// does nothing more for it.
    fn holds(&self, site_path: &str, stamp: &FileStamp) -> bool {
        let _ = (site_path, stamp);
        false
    }
}

/// What identifies a file that no one writes into after it is made (a
/// cache entry): its device and inode, size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time, in nanoseconds since 1970.
    pub time: u128,
    /// Device and inode numbers.
    pub id: (u64, u64),
}

impl FileStamp {
    /// The stamp of a file (`None` where the system does not give one).
    pub fn of(meta: &std::fs::Metadata) -> Option<Self> {
        let time = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Self {
                len: meta.len(),
                time: time.ok()?.as_nanos(),
                id: (meta.dev(), meta.ino()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = time;
            None
        }
    }
}

/// A sink that keeps nothing (for checking without writing).
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<(), IoError> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &Path) -> Result<(), IoError> {
        Ok(())
    }
    fn link(&self, _: &str, _: &Path) -> Result<(), IoError> {
        Ok(())
    }
}

/// Rendered files by site path (`a/b/index.html`).
pub type Files = HashMap<String, Arc<[u8]>>;

/// A sink that keeps the rendered site in memory (for `serve`).
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The files written so far.
    pub fn into_files(self) -> Files {
        self.files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sink for Memory {
    fn write(&self, site_path: &str, bytes: &[u8]) -> Result<(), IoError> {
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(site_path.to_string(), Arc::from(bytes));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keeps_what_is_written() {
        let m = Memory::new();
        m.write("a/index.html", b"A").unwrap();
        m.write("a/index.html", b"B").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("x.txt");
        std::fs::write(&from, "X").unwrap();
        m.copy("x.txt", &from).unwrap();
        let files = m.into_files();
        assert_eq!(&*files["a/index.html"], b"B");
        assert_eq!(&*files["x.txt"], b"X");
        assert_eq!(files.len(), 2);
        let err = m_copy_missing();
        assert!(err.to_string().starts_with("cannot read "), "{err}");
    }

    fn m_copy_missing() -> IoError {
        Memory::new()
            .copy("y.txt", Path::new("/nonexistent/lede/y.txt"))
            .unwrap_err()
    }
}
