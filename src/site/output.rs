//! The output folder, written atomically.
//!
//! A build writes into a fresh sibling folder (`public.lede-tmp-<pid>`) and
//! only when everything succeeded swaps it with the old output in one atomic
//! `rename` (Linux: `RENAME_EXCHANGE`), then deletes the old one. Killed at
//! any moment, a build leaves either the complete old output or the complete
//! new one; a failed build leaves the old one untouched.
//!
//! lede only ever replaces a folder it made itself: every output carries a
//! marker file, and a non-empty folder without it is refused.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::sink::{IoError, Sink};

/// Name of the marker file lede writes into every output.
pub const MARKER: &str = ".lede-build";
const MARKER_TEXT: &str = "This folder is written by `lede build` and replaced whole on every build.\n\
                           Do not keep files of your own in it: put them in static/ instead.\n";
const TMP_INFIX: &str = ".lede-tmp-";

/// A refusal to use an output folder (a usage error: exit code 2).
#[derive(Debug)]
pub struct Refused(pub String);

/// The output being written.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

/// Checks that `output` is safe to replace for the site at `root`.
pub fn check_target(root: &Path, output: &Path) -> Result<PathBuf, Refused> {
    let root = root.canonicalize().map_err(|e| {
        Refused(format!(
            "cannot open the site folder {}: {e}",
            root.display()
        ))
    })?;
    let mut output = absolute(output).map_err(|e| Refused(format!("bad output folder: {e}")))?;
    if output.file_name().is_none() {
        // `..` or `/x/.`: only an existing folder can be named like that.
        output = output
            .canonicalize()
            .map_err(|e| Refused(format!("bad output folder {}: {e}", output.display())))?;
    }
    if fs::symlink_metadata(&output).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Refused(format!(
            "the output {} is a symbolic link; lede replaces the output folder whole, so give the real path",
            output.display()
        )));
    }
    let parent = output
        .parent()
        .ok_or_else(|| Refused("the output cannot be the file-system root".into()))?;
    let real_parent = parent.canonicalize().map_err(|e| {
        Refused(format!(
            "the output's parent folder {} does not exist ({e})",
            parent.display()
        ))
    })?;
    let name = output
        .file_name()
        .ok_or_else(|| Refused("the output needs a folder name".into()))?;
    let output = real_parent.join(name);
    let show = output.display();
    if output == root {
        return Err(Refused(format!(
            "the output {show} is the site folder itself; use a sub-folder such as public/"
        )));
    }
    if root.starts_with(&output) {
        return Err(Refused(format!(
            "the output {show} contains the site; it would be replaced by the build"
        )));
    }
    for protected in ["content", "templates", "static"] {
        if output.starts_with(root.join(protected)) {
            return Err(Refused(format!(
                "the output {show} is inside the site's {protected}/ folder"
            )));
        }
    }
    if output.is_dir() {
        for sign in ["content", "site.yaml"] {
            if output.join(sign).exists() {
                return Err(Refused(format!(
                    "the output {show} holds a `{sign}`: it looks like a site, not an output"
                )));
            }
        }
        let empty = fs::read_dir(&output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !is_ours(&output) {
            return Err(Refused(format!(
                "the output {show} is not empty and was not made by lede (it has no {MARKER} file); \
                 lede replaces the output whole, so empty it or choose another --output"
            )));
        }
        if fs::metadata(&output).is_ok_and(|m| m.permissions().readonly()) {
            return Err(Refused(format!(
                "the output {show} is read-only; lede replaces the output folder whole, \
                 so make it writable (chmod u+w) or choose another --output"
            )));
        }
    } else if output.exists() {
        return Err(Refused(format!(
            "the output {show} is a file, not a folder"
        )));
    }
    Ok(output)
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
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
        fs::create_dir(&tmp).map_err(|e| IoError::new("create", &tmp, e))?;
        let marker = tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| IoError::new("write", &marker, e))?;
        Ok(Self {
            target,
            tmp,
            committed: false,
        })
    }

    /// The final output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Where a site path goes, its folders made.
    fn prepare(&self, site_path: &str) -> Result<PathBuf, IoError> {
        let mut path = self.tmp.clone();
        for part in site_path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    let e = io::Error::new(io::ErrorKind::InvalidInput, "a `..` in the path");
                    return Err(IoError::new("write", site_path, e));
                }
                p => path.push(p),
            }
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| IoError::new("create", dir, e))?;
        }
        Ok(path)
    }

    /// Swaps the new output in. After this, the old output is gone.
    pub fn commit(mut self) -> Result<(), IoError> {
        swap(&self.tmp, &self.target).map_err(|e| IoError::new("replace", &self.target, e))?;
        self.committed = true;
        // `tmp` now holds the previous output (or nothing).
        if is_ours(&self.tmp) {
            let _ = remove_output_dir(&self.tmp);
        } else {
            // An empty folder given as the output (only an empty one can be).
            let _ = fs::remove_dir(&self.tmp);
        }
        Ok(())
    }
}

impl Sink for Output {
    /// Writes a file at a site path (`a/b/index.html`), creating folders.
    fn write(&self, site_path: &str, bytes: &[u8]) -> Result<(), IoError> {
        let path = self.prepare(site_path)?;
        fs::write(&path, bytes).map_err(|e| IoError::new("write", path, e))
    }

    /// Copies a file to a site path.
    fn copy(&self, site_path: &str, from: &Path) -> Result<(), IoError> {
        let path = self.prepare(site_path)?;
        fs::copy(from, &path)
            .map(drop)
            .map_err(|e| IoError::new("copy a file to", path, e))
    }

    /// Hard-links a cache entry to a site path (no bytes copied); copies
    /// when the output is on another disk.
    fn link(&self, site_path: &str, from: &Path) -> Result<(), IoError> {
        let path = self.prepare(site_path)?;
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

/// Atomically puts `new` at `target`; the old `target` ends up at `new`.
fn swap(new: &Path, target: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        for _ in 0..3 {
            match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
                Ok(()) => return Ok(()),
                Err(rustix::io::Errno::NOENT) if !target.exists() => {
                    match renameat_with(CWD, new, CWD, target, RenameFlags::NOREPLACE) {
                        Ok(()) => return Ok(()),
                        // Another build created it meanwhile: exchange instead.
                        Err(rustix::io::Errno::EXIST) => continue,
                        Err(e) => return Err(e.into()),
                    }
                }
                // The file system cannot exchange: fall back to two renames.
                Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => break,
                Err(e) => return Err(e.into()),
            }
        }
    }
    if target.exists() {
        let mut old = target.as_os_str().to_os_string();
        old.push(format!("{TMP_INFIX}old-{}", std::process::id()));
        let old = PathBuf::from(old);
        fs::rename(target, &old)?;
        fs::rename(new, target)?;
        fs::rename(&old, new)?;
        Ok(())
    } else {
        fs::rename(new, target)
    }
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
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("site.yaml"), "x").unwrap();
        dir
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let s = site();
        let root = s.path();
        for bad in [
            root.to_path_buf(),
            root.parent().unwrap().to_path_buf(),
            root.join("content"),
            root.join("content/x"),
        ] {
            assert!(check_target(root, &bad).is_err(), "{}", bad.display());
        }
        let other = tempfile::tempdir().unwrap();
        fs::write(other.path().join("keep.txt"), "mine").unwrap();
        let err = check_target(root, other.path()).unwrap_err();
        assert!(err.0.contains("not made by lede"), "{}", err.0);
        assert!(check_target(root, &root.join("public")).is_ok());
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let s = site();
        let target = check_target(s.path(), &s.path().join("public")).unwrap();
        let out = Output::begin(target.clone()).unwrap();
        out.write("a/index.html", b"one").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"one");
        let out = Output::begin(target.clone()).unwrap();
        out.write("b.html", b"two").unwrap();
        drop(out);
        assert!(
            target.join("a/index.html").exists(),
            "an abandoned build leaves the old output"
        );
        let out = Output::begin(target.clone()).unwrap();
        out.write("b.html", b"two").unwrap();
        out.commit().unwrap();
        assert!(!target.join("a/index.html").exists());
        assert!(target.join("b.html").exists() && target.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(s.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(TMP_INFIX))
            .collect();
        assert!(leftovers.is_empty());
        assert!(out_path_rejects_dotdot(&target));
    }

    fn out_path_rejects_dotdot(target: &Path) -> bool {
        let out = Output::begin(target.to_path_buf()).unwrap();
        out.write("../escape.txt", b"x").is_err()
    }
}
