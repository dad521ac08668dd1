//! The output folder, written atomically.
//!
//! A build writes into a fresh sibling folder (`public.lede-tmp-<pid>`) and
//! only when everything succeeded swaps it with the old output in one atomic
//! `rename` (Linux: `RENAME_EXCHANGE`). The old one is kept as the spare
//! (`public.lede-tmp-spare`), which the next build takes as its temporary
//! folder and brings up to date (`spare.rs`); when there is a spare
//! already, the old one is deleted — by this process, or
//! ([`Sweep::Detached`], what `lede build` does on Unix) by `lede __sweep
//! public.lede-tmp-old-<its pid>`, so the build returns without waiting.
//! Killed at any moment, a build leaves either the complete old output or
//! the complete new one; a failed build leaves the old one untouched. A
//! sweeper touches nothing but the folder it was given (a marked folder lede
//! made, under a name no build writes into); a killed one leaves a folder
//! the next build removes.
//!
//! lede only ever replaces a folder it made itself: every output carries a
//! marker file, and a non-empty folder without it is refused.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::sink::{FileStamp, IoError, Sink};

mod rename;
mod reuse;
mod spare;
mod target;
use reuse::Previous;
pub use target::{Refused, check_target};

/// Name of the marker file lede writes into every output.
pub const MARKER: &str = ".lede-build";
const MARKER_TEXT: &str = "This folder is written by `lede build` and replaced whole on every build.\n\
                           Do not keep files of your own in it: put them in static/ instead.\n";
const TMP_INFIX: &str = ".lede-tmp-";

/// Who removes the previous output once the new one is in place.
#[derive(Clone, Debug, Default)]
pub enum Sweep {
    /// This process, before [`Output::commit_with`] returns.
    #[default]
    Now,
    /// A process of its own: this executable (the `lede` binary), run as
    /// `lede __sweep DIR`; it goes on after the build has returned. Where it
    /// cannot be started, this process does it.
    Detached(PathBuf),
}

/// The output being written.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
    /// The output being replaced, whose unchanged files are reused.
    previous: Option<Previous>,
    /// When `tmp` is the spare (`spare.rs`): what this build wrote in it.
    written: Option<spare::Written>,
}

impl Output {
    /// Creates the temporary folder beside `target` (already checked).
    pub fn begin(target: PathBuf) -> Result<Self, IoError> {
        clean_stale(&target);
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(format!("{TMP_INFIX}{}", std::process::id()));
        let tmp = target.with_file_name(name);
        if fs::symlink_metadata(&tmp).is_ok() {
            // Left by an earlier process with our id: ours only if marked.
            if !is_ours(&tmp) {
                let e = io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "it exists and was not made by lede; remove it",
                );
                return Err(IoError::new("create", &tmp, e));
            }
            remove_output_dir(&tmp).map_err(|e| IoError::new("remove", &tmp, e))?;
        }
        let mut written = None;
        if spare::take(&target, &tmp) {
            match spare::Written::scan(&tmp, MARKER) {
                Ok(listed) => written = Some(listed),
                Err(_) => remove_output_dir(&tmp).map_err(|e| IoError::new("remove", &tmp, e))?,
            }
        }
        if written.is_none() {
            fs::create_dir(&tmp).map_err(|e| IoError::new("create", &tmp, e))?;
            let marker = tmp.join(MARKER);
            fs::write(&marker, MARKER_TEXT).map_err(|e| IoError::new("write", &marker, e))?;
        }
        Ok(Self {
            previous: Previous::of(&target),
            written,
            target,
            tmp,
            committed: false,
        })
    }

    /// The final output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Makes the folders of `path` (a site path [`Output::place`]d).
    fn prepare(&self, path: &Path) -> Result<(), IoError> {
        let made = match &self.written {
            Some(_) => spare::make_folders(&self.tmp, path),
            None => path.parent().map_or(Ok(()), fs::create_dir_all),
        };
        made.map_err(|e| IoError::new("create", path.parent().unwrap_or(path), e))
    }

    /// Notes that this build writes `path`; true in the spare (where it may be).
    fn note(&self, path: &Path) -> bool {
        if let Some(written) = &self.written {
            written.add(
                &path
                    .strip_prefix(&self.tmp)
                    .unwrap_or(path)
                    .to_string_lossy(),
            );
        }
        self.written.is_some()
    }

    /// Removes what the spare has at `path`.
    fn clear(path: &Path) -> Result<(), IoError> {
        spare::clear(path).map_err(|e| IoError::new("remove", path, e))
    }

    /// Where a site path goes (a `..` refused).
    fn place(&self, site_path: &str) -> Result<PathBuf, IoError> {
        match normal(site_path) {
            Some(rel) if rel.is_empty() => Ok(self.tmp.clone()),
            Some(rel) => Ok(self.tmp.join(&*rel)),
            None => {
                let e = io::Error::new(io::ErrorKind::InvalidInput, "a `..` in the path");
                Err(IoError::new("write", site_path, e))
            }
        }
    }

    /// Swaps the new output in. After this, the old output is gone.
    pub fn commit(self) -> Result<(), IoError> {
        self.commit_with(&Sweep::Now)
    }

    /// Swaps the new output in; the old one is removed by `sweep`.
    pub fn commit_with(mut self, sweep: &Sweep) -> Result<(), IoError> {
        if let Some(written) = self.written.take() {
            written
                .prune(&self.tmp)
                .map_err(|e| IoError::new("remove old files from", &self.tmp, e))?;
        }
        rename::swap(&self.tmp, &self.target)
            .map_err(|e| IoError::new("replace", &self.target, e))?;
        self.committed = true;
        // `tmp` now holds the previous output (or nothing).
        if !is_ours(&self.tmp) {
            // An empty folder given as the output (only an empty one can be).
            let _ = fs::remove_dir(&self.tmp);
            return Ok(());
        }
        if spare::keep(&self.tmp, &self.target) {
            return Ok(());
        }
        let detached = match sweep {
            Sweep::Detached(exe) if cfg!(unix) => std::process::Command::new(exe)
                .arg("__sweep")
                .arg(sweeping(&self.tmp))
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .is_ok(),
            _ => false,
        };
        if !detached {
            let _ = remove_output_dir(&self.tmp);
        }
        Ok(())
    }
}

/// Renames an old output `<output>.lede-tmp-old-<this process>` (no build
/// writes there while this process lives) for its sweeper.
fn sweeping(dir: &Path) -> PathBuf {
    match old_name(dir) {
        Some(renamed) if fs::rename(dir, &renamed).is_ok() => renamed,
        _ => dir.to_path_buf(),
    }
}

/// `<output>.lede-tmp-old-<this process>` for an old output `dir`.
fn old_name(dir: &Path) -> Option<PathBuf> {
    let name = dir.file_name()?.to_string_lossy().into_owned();
    let (stem, _) = name.split_once(TMP_INFIX)?;
    Some(dir.with_file_name(format!("{stem}{TMP_INFIX}old-{}", std::process::id())))
}

/// `lede __sweep DIR`: removes an old output lede swapped out, first
/// renaming it `<output>.lede-tmp-old-<this process>` so that builds leave
/// it to this process while it runs. Refuses anything but a marked output
/// folder of lede's.
pub fn sweep(dir: &Path) -> io::Result<()> {
    if !is_ours(dir) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not an output folder lede swapped out",
        ));
    }
    remove_output_dir(&sweeping(dir))
}

impl Sink for Output {
    /// Writes a file at a site path (`a/b/index.html`), creating folders;
    /// the previous output's file when it has the same bytes (`reuse.rs`).
    fn write(&self, site_path: &str, bytes: &[u8]) -> Result<(), IoError> {
        // In the spare most are there already: no folder made for them.
        let path = self.place(site_path)?;
        if self.written.is_some() && reuse::holds(&path, bytes) {
            self.note(&path);
            return Ok(());
        }
        self.prepare(&path)?;
        if self.note(&path) {
            Self::clear(&path)?;
        }
        if let Some(previous) = &self.previous
            && let Ok(rel) = path.strip_prefix(&self.tmp)
            && previous.reuse(rel, bytes, &path)
        {
            return Ok(());
        }
        reuse::create(&path, bytes).map_err(|e| IoError::new("write", path, e))
    }

    /// Copies a file to a site path.
    fn copy(&self, site_path: &str, from: &Path) -> Result<(), IoError> {
        let path = self.place(site_path)?;
        self.prepare(&path)?;
        if self.note(&path) {
            Self::clear(&path)?;
        }
        fs::copy(from, &path)
            .map(drop)
            .map_err(|e| IoError::new("copy a file to", path, e))
    }

    /// In the spare: is the file at `site_path` the one `stamp` describes?
    fn holds(&self, site_path: &str, stamp: &FileStamp) -> bool {
        let written = self.written.as_ref();
        written.is_some_and(|w| w.holds(&self.tmp, site_path, stamp))
    }

    /// Hard-links a cache entry to a site path (no bytes copied); copies
    /// when the output is on another disk.
    fn link(&self, site_path: &str, from: &Path) -> Result<(), IoError> {
        // Most links go into a folder made already (`images/`): tried first,
        // the folders made only when it is missing.
        let path = self.place(site_path)?;
        // In the spare, most are there already: the same link, made by an
        // earlier build.
        if self.note(&path) && reuse::same_file(from, &path) {
            return Ok(());
        }
        match fs::hard_link(from, &path) {
            Ok(()) => return Ok(()),
            // The output on another disk than the cache: no link can work.
            Err(e) if e.kind() == io::ErrorKind::CrossesDevices => {
                return self.copy(site_path, from);
            }
            Err(_) => {}
        }
        self.prepare(&path)?;
        if self.written.is_some() {
            Self::clear(&path)?; // noted above
        }
        match fs::hard_link(from, &path) {
            Ok(()) => Ok(()),
            Err(_) => fs::copy(from, &path)
                .map(drop)
                .map_err(|e| IoError::new("copy a file to", path, e)),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed && is_ours(&self.tmp) {
            let _ = remove_output_dir(&self.tmp);
        }
    }
}

/// A site path as plain names (`a/./b//c` → `a/b/c`); `None` with a `..`.
fn normal(site_path: &str) -> Option<Cow<'_, str>> {
    let plain = |part: &str| !part.is_empty() && part != "." && part != "..";
    if site_path.split('/').all(plain) {
        return Some(Cow::Borrowed(site_path));
    }
    let parts: Vec<&str> = site_path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    (!parts.contains(&"..")).then(|| Cow::Owned(parts.join("/")))
}

/// Is `dir` a real folder (not a link) holding lede's marker as a real file?
fn is_ours(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Deletes an output folder lede made, its marker last: a deletion cut
/// short (the process killed) leaves a folder that is still marked, so the
/// next build knows it may finish the job. Its entries are removed in
/// parallel (ten thousand explainer folders take a while one by one).
fn remove_output_dir(dir: &Path) -> io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries
        .par_iter()
        .filter(|entry| entry.file_name() != MARKER)
        .try_for_each(|entry| {
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())
            } else {
                fs::remove_file(entry.path())
            }
        })?;
    fs::remove_file(dir.join(MARKER))?;
    fs::remove_dir(dir)
}

/// Removes temporary folders left by builds that were killed (they carry the
/// marker and their process is gone).
fn clean_stale(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!("{}{TMP_INFIX}", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        if rest == spare::SPARE {
            continue; // the next build's to take (`spare.rs`)
        }
        let pid = rest.trim_start_matches("old-");
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if alive && cfg!(target_os = "linux") {
            continue;
        }
        if is_ours(&entry.path()) {
            let _ = remove_output_dir(&entry.path());
        } else {
            // Killed before its marker was written or after it was removed:
            // an empty folder, and `remove_dir` removes nothing else.
            let _ = fs::remove_dir(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
