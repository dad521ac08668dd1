//! `.lede-cache/`: encoded images and cards kept between builds, keyed by
//! their source's content hash and everything that shapes the result
//! (width, format, quality, the encoder's settings). An entry is the bytes
//! as published (so a build links it into the output instead of writing
//! it) and a `.sum` beside it: the xxh3-128 of those bytes and a tag. A
//! truncated, corrupt or foreign entry fails the check, is made again and
//! is never published. Deleting the folder only costs the next build its
//! encoding time.

use std::path::{Path, PathBuf};

/// Bumped when what an entry holds changes (encoder settings, layout).
const VERSION: &str = "v1";

/// The tag after each entry's checksum.
const TAG: &str = "lede-im1";

/// The cache folder of a site.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`: `root/.lede-cache/images`.
    pub fn new(root: &Path) -> Self {
        Self {
            dir: root.join(".lede-cache").join("images"),
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.{VERSION}"))
    }

    fn sum_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.{VERSION}.sum"))
    }

    /// The file of the entry of `key`, if it is there and whole (`read`
    /// false, as with `--no-cache`: never; what is made is still written).
    pub fn get(&self, key: &str, read: bool) -> Option<PathBuf> {
        if !read {
            return None;
        }
        let sum = std::fs::read_to_string(self.sum_path(key)).ok()?;
        let (hex, tag) = sum.trim().split_once(' ')?;
        if tag != TAG {
            return None;
        }
        let path = self.path(key);
        let bytes = std::fs::read(&path).ok()?;
        (format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes)) == hex).then_some(path)
    }

    /// Keeps `bytes` as the entry of `key` and returns its file (best
    /// effort: a cache that cannot be written costs time, not correctness;
    /// `None` then). Written under a temporary name and renamed, the sum
    /// last, so a killed build leaves no entry that passes the check.
    pub fn put(&self, key: &str, bytes: &[u8]) -> Option<PathBuf> {
        std::fs::create_dir_all(&self.dir).ok()?;
        let path = self.path(key);
        let sum = self.sum_path(key);
        let _ = std::fs::remove_file(&sum);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes).ok()?;
        if std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return None;
        }
        let line = format!("{:032x} {TAG}\n", xxhash_rust::xxh3::xxh3_128(bytes));
        std::fs::write(&sum, line).ok()?;
        Some(path)
    }
}

/// The cache key of a variant.
pub(super) fn key(hash: u128, width: u32, ext: &str, quality: u8) -> String {
    format!("{hash:032x}-{width}-q{quality}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_or_foreign_entry_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let path = cache.put("k", b"encoded bytes").unwrap();
        assert_eq!(
            std::fs::read(cache.get("k", true).unwrap()).unwrap(),
            b"encoded bytes"
        );
        assert_eq!(cache.get("k", false), None);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[0] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(cache.get("k", true), None, "corrupt");
        std::fs::write(&path, b"a file someone put here").unwrap();
        assert_eq!(cache.get("k", true), None, "foreign");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(cache.get("k", true), None, "empty");
    }
}
