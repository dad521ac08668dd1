//! `.lede-cache/`: encoded images and cards kept between builds, keyed by
//! their source's content hash and everything that shapes the result
//! (width, format, quality, the encoder's settings). An entry is the bytes
//! as published (so a build links it into the output instead of writing
//! it) and a `.sum` beside it: the xxh3-128 of those bytes, a tag, and the
//! entry's size and modification time. The entry's time is set ten seconds
//! into the past when it is made, so any later write to it (a corrupt or
//! foreign entry, an edit through a hard link in the output) gives it
//! another; an entry whose size and time are still those of its `.sum` is
//! used without being read, any other is read and checked against its sum.
//! A truncated, corrupt or foreign entry fails the check, is made again and
//! is never published. Deleting the folder only costs the next build its
//! encoding time.

use std::path::{Path, PathBuf};

/// Bumped when what an entry holds changes (encoder settings, layout).
const VERSION: &str = "v1";

/// How far into the past a new entry's modification time is set.
const BACKDATE: std::time::Duration = std::time::Duration::from_secs(10);

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

    /// The folder of the cache.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the entry of `key`, if it is there and whole (`read`
    /// false, as with `--no-cache`: never; what is made is still written).
    pub fn get(&self, key: &str, read: bool) -> Option<PathBuf> {
        if !read {
            return None;
        }
        let sum = std::fs::read_to_string(self.sum_path(key)).ok()?;
        let mut fields = sum.split_ascii_whitespace();
        let (hex, tag) = (fields.next()?, fields.next()?);
        if tag != TAG {
            return None;
        }
        let path = self.path(key);
        let stamp = fields.next().zip(fields.next());
        if let (Some((len, time)), Ok(meta)) = (stamp, std::fs::metadata(&path))
            && len.parse() == Ok(meta.len())
            && time.parse().ok() == nanos(&meta)
        {
            return Some(path);
        }
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
        let stamp = write_backdated(&tmp, bytes);
        if stamp.is_none() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
            return None;
        }
        let mut line = format!("{:032x} {TAG}", xxhash_rust::xxh3::xxh3_128(bytes));
        if let Some(Some(time)) = stamp {
            line.push_str(&format!(" {} {time}", bytes.len()));
        }
        line.push('\n');
        std::fs::write(&sum, line).ok()?;
        Some(path)
    }
}

/// Writes `bytes` to `path` and sets its modification time into the past;
/// returns the time as the file system keeps it (`Some(None)` when it
/// cannot be set or read: the entry is then always checked by its sum).
fn write_backdated(path: &Path, bytes: &[u8]) -> Option<Option<u128>> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).ok()?;
    file.write_all(bytes).ok()?;
    let past = std::time::SystemTime::now().checked_sub(BACKDATE);
    let set = past.is_some_and(|t| file.set_modified(t).is_ok());
    let meta = file.metadata().ok()?;
    Some(if set { nanos(&meta) } else { None })
}

/// A file's modification time in nanoseconds since the epoch.
pub(super) fn nanos(meta: &std::fs::Metadata) -> Option<u128> {
    let t = meta.modified().ok()?;
    Some(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
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
        // Put back as it was, but written again (a copy): read and checked.
        let path = cache.put("k", b"encoded bytes").unwrap();
        std::fs::write(&path, b"encoded bytes").unwrap();
        assert!(cache.get("k", true).is_some(), "same bytes, another time");
        // Same size, same time, other bytes: only a sum can tell; the time
        // set into the past is what makes a later write show.
        let path = cache.put("k", b"encoded bytes").unwrap();
        let time = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert!(time < std::time::SystemTime::now() - std::time::Duration::from_secs(5));
    }
}
