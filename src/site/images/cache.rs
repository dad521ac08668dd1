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

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::site::sink::FileStamp;

/// Bumped when what an entry holds changes (encoder settings, layout).
const VERSION: &str = "v1";

/// How far into the past a new entry's modification time is set.
const BACKDATE: std::time::Duration = std::time::Duration::from_secs(10);

/// The tag after each entry's checksum.
const TAG: &str = "lede-im1";

/// The file listing every entry's sum line (`sums.v1`), read once per
/// build so that a warm rebuild does not open a `.sum` per entry.
const SUMS: &str = "sums";

/// The cache folder of a site.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// The sum lines of `sums.v1`, by key (read on first use).
    sums: OnceLock<HashMap<String, Listed>>,
    /// The sum lines of the entries made by this build.
    made: Mutex<Vec<(String, String)>>,
}

impl Cache {
    /// The cache of the site at `root`: `root/.lede-cache/images`.
    pub fn new(root: &Path) -> Self {
        Self {
            dir: root.join(".lede-cache").join("images"),
            sums: OnceLock::new(),
            made: Mutex::new(Vec::new()),
        }
    }

    fn sums(&self) -> &HashMap<String, Listed> {
        self.sums.get_or_init(|| {
            let text = std::fs::read_to_string(self.dir.join(format!("{SUMS}.{VERSION}")))
                .unwrap_or_default();
            text.lines()
                .filter_map(|l| l.split_once(' '))
                .map(|(k, v)| {
                    let listed = Listed {
                        stamp: stamp_of(v),
                        line: v.to_string(),
                    };
                    (k.to_string(), listed)
                })
                .collect()
        })
    }

    /// Reads the cache's list now (`read`: the cache is used), so that the
    /// first look-up does not wait for it: called beside other work.
    pub fn preload(&self, read: bool) {
        if read {
            self.sums();
        }
    }

    /// Writes `sums.v1` when this build made entries (best effort; an
    /// entry it lacks is checked by its own `.sum`). It may be called again
    /// (`serve`'s encoder does): every entry made so far is written.
    pub fn save(&self) {
        let made = self
            .made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if made.is_empty() {
            return;
        }
        let mut all: BTreeMap<&str, &str> = self
            .sums()
            .iter()
            .map(|(k, v)| (k.as_str(), v.line.as_str()))
            .collect();
        for (k, v) in &made {
            all.insert(k, v);
        }
        let mut text = String::new();
        for (k, v) in all {
            text.push_str(k);
            text.push(' ');
            text.push_str(v);
            text.push('\n');
        }
        let path = self.dir.join(format!("{SUMS}.{VERSION}"));
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
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
        if let Some(listed) = self.sums().get(key) {
            return self.check(key, &listed.line);
        }
        // Not in `sums.v1` (made by an older or a concurrent build): its
        // own `.sum`, then listed for the next build.
        let line = std::fs::read_to_string(self.sum_path(key)).ok()?;
        let line = line.trim_end();
        let path = self.check(key, line)?;
        self.list(key, line.to_string());
        Some(path)
    }

    /// The entry of `key` if it matches its sum line: by size and time, or
    /// failing that by the hash of its bytes.
    fn check(&self, key: &str, line: &str) -> Option<PathBuf> {
        let mut fields = line.split_ascii_whitespace();
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
            // A line of an older lede, without the entry's inode: given it
            // for the next build's [`Cache::stamp`].
            if fields.next().is_none()
                && let Some(FileStamp { id: (dev, ino), .. }) = FileStamp::of(&meta)
            {
                self.list(key, format!("{line} {dev} {ino}"));
            }
            return Some(path);
        }
        let bytes = std::fs::read(&path).ok()?;
        if format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes)) != hex {
            return None;
        }
        // Whole, but not as listed (copied, restored from a CI cache):
        // listed again with what it is now, so that the next build does
        // not read it again.
        let now = std::fs::File::open(&path).ok().and_then(|f| backdate(&f));
        if let Some(stamp @ (Some(_), Some(_))) = now {
            self.list(key, sum_line(hex, bytes.len(), stamp));
        }
        Some(path)
    }

    /// What the entry of `key` was when it was made (size, time, device
    /// and inode), from the list an earlier build saved: to tell, with one
    /// `statx` of the output's file, that the output holds it already
    /// ([`crate::site::sink::Sink::holds`]). The entry itself is not
    /// looked at: the output's file, a name of the same inode with the
    /// same size and time, is the entry as it was made and checked.
    pub fn stamp(&self, key: &str, read: bool) -> Option<FileStamp> {
        if !read {
            return None;
        }
        self.sums().get(key)?.stamp
    }

    /// Makes `entry` (an entry of this cache, checked) the entry of `key`
    /// too, by a hard link: the same bytes under a second key (best
    /// effort).
    pub fn alias(&self, key: &str, entry: &Path) {
        let Some(line) = entry
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(&format!(".{VERSION}")))
            .and_then(|k| self.sum_line(k))
        else {
            return;
        };
        let path = self.path(key);
        let _ = std::fs::remove_file(&path);
        if std::fs::hard_link(entry, &path).is_ok()
            && std::fs::write(self.sum_path(key), format!("{line}\n")).is_ok()
        {
            self.list(key, line);
        }
    }

    /// Lists `line` as the sum line of `key` for the next build
    /// ([`Cache::save`]).
    fn list(&self, key: &str, line: String) {
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((key.to_string(), line));
    }

    /// The sum line of `key`.
    fn sum_line(&self, key: &str) -> Option<String> {
        let made = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, line)) = made.iter().rev().find(|(k, _)| k == key) {
            return Some(line.clone());
        }
        drop(made);
        match self.sums().get(key) {
            Some(listed) => Some(listed.line.clone()),
            None => Some(
                std::fs::read_to_string(self.sum_path(key))
                    .ok()?
                    .trim_end()
                    .to_string(),
            ),
        }
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
        let hex = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes));
        let line = sum_line(&hex, bytes.len(), stamp.unwrap_or_default());
        std::fs::write(&sum, format!("{line}\n")).ok()?;
        self.list(key, line);
        Some(path)
    }
}

/// A file's device and inode numbers.
type FileId = (u64, u64);

/// What an entry is when it has been set into the past: its time as the
/// file system keeps it (`None` when it cannot be set or read: the entry
/// is then always checked by its sum), and its device and inode where the
/// system has them.
type Stamp = (Option<u128>, Option<FileId>);

/// Writes `bytes` to `path` and sets its modification time into the past
/// ([`backdate`]).
fn write_backdated(path: &Path, bytes: &[u8]) -> Option<Stamp> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).ok()?;
    file.write_all(bytes).ok()?;
    backdate(&file)
}

/// Sets the modification time of `file` (an entry, new or just checked
/// against its sum) ten seconds into the past, so that any later write
/// gives it another.
fn backdate(file: &std::fs::File) -> Option<Stamp> {
    let past = std::time::SystemTime::now().checked_sub(BACKDATE);
    let set = past.is_some_and(|t| file.set_modified(t).is_ok());
    let meta = file.metadata().ok()?;
    let id = FileStamp::of(&meta).map(|s| s.id);
    Some((if set { nanos(&meta) } else { None }, id))
}

/// An entry's sum line: `<sum> <tag>`, then its size and time when the
/// time is known, then its device and inode when they are too.
fn sum_line(hex: &str, len: usize, (time, id): Stamp) -> String {
    let mut line = format!("{hex} {TAG}");
    if let Some(time) = time {
        line.push_str(&format!(" {len} {time}"));
        if let Some((dev, ino)) = id {
            line.push_str(&format!(" {dev} {ino}"));
        }
    }
    line
}

/// An entry of `sums.v1`: its sum line, and the stamp in it.
#[derive(Debug)]
struct Listed {
    line: String,
    stamp: Option<FileStamp>,
}

/// The stamp in a sum line (`<sum> <tag> <len> <time> <dev> <ino>`), if it
/// has one.
fn stamp_of(line: &str) -> Option<FileStamp> {
    let mut fields = line.split_ascii_whitespace().skip(1);
    if fields.next()? != TAG {
        return None;
    }
    let mut number = || fields.next().and_then(|f| f.parse::<u64>().ok());
    // A time in nanoseconds fits a `u64` until 2554 (a later or a foreign
    // one is no stamp: the entry is then checked by its sum).
    let (len, time, dev, ino) = (number()?, number()?, number()?, number()?);
    Some(FileStamp {
        len,
        time: u128::from(time),
        id: (dev, ino),
    })
}

/// A file's modification time in nanoseconds since the epoch.
pub(super) fn nanos(meta: &std::fs::Metadata) -> Option<u128> {
    let t = meta.modified().ok()?;
    Some(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
}

/// The cache key of a variant, from its source's [`hex`].
pub(super) fn key(hex: &str, width: u32, ext: &str, quality: u8) -> String {
    format!("{hex}-{width}-q{quality}.{ext}")
}

/// The 32 hexadecimal digits of a content hash, made once per image and
/// not per variant (a warm rebuild names every variant of every image,
/// and `fmt`'s `u128` formatting showed in its profile).
pub(crate) fn hex(hash: u128) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..32)
        .rev()
        .map(|i| char::from(DIGITS[((hash >> (i * 4)) & 0xf) as usize]))
        .collect()
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
