//! What the last build read of each source image (`.lede-cache/images/
//! sources.v1`): its size and modification time on disk, and the facts
//! taken from its bytes (kind, pixel size, orientation, content hash). A
//! rebuild takes the facts of a file whose size and time are unchanged
//! instead of reading and hashing it again — the warm rebuild of a site of
//! photos reads none of them.
//!
//! Like git's index, a file modified in the second before the list was
//! written is not kept (an edit in the same clock tick could leave its
//! time unchanged): it is read again next time. The list is advisory:
//! unreadable, foreign or stale lines are ignored, and `--no-cache`
//! ignores all of it.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Kind, Registry, Source};

const FILE: &str = "sources.v1";

/// A file's size and modification time (nanoseconds since the epoch).
pub(super) type Stamp = (u64, u128);

/// The facts of the last build, by file on disk.
#[derive(Debug, Default)]
pub struct Known {
    facts: HashMap<PathBuf, (Stamp, Source)>,
}

impl Known {
    /// The list kept in the cache folder `dir`, or an empty one.
    pub fn read(dir: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(dir.join(FILE)) else {
            return Self::default();
        };
        let facts = text.lines().filter_map(parse).collect();
        Self { facts }
    }

    /// The facts of `path`, if its stamp is still `stamp`.
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<&Source> {
        let (known, source) = self.facts.get(path)?;
        (*known == stamp).then_some(source)
    }

    /// Writes the list of `registry`'s readable images into `dir`, when it
    /// differs from what was read (best effort).
    pub fn write(&self, dir: &Path, registry: &Registry) {
        let recent = SystemTime::now()
            .checked_sub(Duration::from_secs(1))
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let sources = || registry.iter().filter_map(|(_, r)| r.as_ref().ok());
        let listed = |s: &Source| s.path.to_str().is_some_and(|p| !p.contains('\n'));
        // Checked before any line is made: a warm rebuild writes nothing.
        let same = sources().all(|s| {
            s.stamp.is_some_and(|stamp| {
                stamp.1 < recent && (!listed(s) || self.get(&s.path, stamp).is_some())
            })
        }) && sources().filter(|s| listed(s)).count() == self.facts.len();
        if same {
            return;
        }
        let mut text = String::new();
        for source in sources() {
            let Some(stamp) = source.stamp.filter(|s| s.1 < recent) else {
                continue;
            };
            let (true, Some(path)) = (listed(source), source.path.to_str()) else {
                continue;
            };
            text.push_str(&format!(
                "{} {} {:032x} {} {} {} {} {path}\n",
                stamp.0,
                stamp.1,
                source.hash,
                letter(source.kind),
                source.width,
                source.height,
                source.orientation
            ));
        }
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = dir.join(format!("{FILE}.tmp{}", std::process::id()));
        if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, dir.join(FILE)).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn letter(kind: Kind) -> char {
    match kind {
        Kind::Jpeg => 'j',
        Kind::Png => 'p',
        Kind::Webp => 'w',
        Kind::PassThrough => 'a',
    }
}

fn parse(line: &str) -> Option<(PathBuf, (Stamp, Source))> {
    let mut f = line.splitn(8, ' ');
    let stamp = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    let hash = u128::from_str_radix(f.next()?, 16).ok()?;
    let kind = match f.next()? {
        "j" => Kind::Jpeg,
        "p" => Kind::Png,
        "w" => Kind::Webp,
        "a" => Kind::PassThrough,
        _ => return None,
    };
    let width = f.next()?.parse().ok()?;
    let height = f.next()?.parse().ok()?;
    let orientation = f.next()?.parse().ok()?;
    let path = PathBuf::from(f.next()?);
    let source = Source {
        path: path.clone(),
        kind,
        width,
        height,
        hash,
        orientation,
        stamp: Some(stamp),
    };
    Some((path, (stamp, source)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Images;

    #[test]
    fn unchanged_files_are_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let image = dir.path().join("a.png");
        let mut png = Vec::new();
        image::RgbImage::new(3, 2)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        // Written with the same time a minute ago (not one the list leaves
        // out) each time.
        let old = SystemTime::now() - Duration::from_secs(60);
        let write_old = |bytes: &[u8]| {
            std::fs::write(&image, bytes).unwrap();
            let file = std::fs::File::options().write(true).open(&image).unwrap();
            file.set_modified(old).unwrap();
        };
        write_old(&png);
        let files = [("a.png".to_string(), image.as_path())];
        let cache = dir.path().join("cache");
        let first = Registry::new(&files, &Images::default(), &Known::read(&cache));
        Known::default().write(&cache, &first);
        let known = Known::read(&cache);
        assert_eq!(known.facts.len(), 1);
        // Facts from the list: a file replaced by garbage of the same size
        // and time would still be taken for the image it was …
        write_old(&vec![0; png.len()]);
        let second = Registry::new(&files, &Images::default(), &known);
        assert!(second.get("a.png").unwrap().is_ok());
        // … but any other time (an edit) means reading it again.
        std::fs::write(&image, vec![0; png.len()]).unwrap();
        let third = Registry::new(&files, &Images::default(), &known);
        assert!(third.get("a.png").unwrap().is_err());
    }
}
