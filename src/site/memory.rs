//! A [`Sink`] that keeps the rendered site in memory (for `serve`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::Sink;

/// Rendered files by site path (`a/b/index.html`).
pub type Files = HashMap<String, Arc<[u8]>>;

/// Collects written files in a map.
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
    fn write(&self, site_path: &str, bytes: &[u8]) -> std::io::Result<()> {
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
    fn keeps_what_is_written() {
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
    }
}
