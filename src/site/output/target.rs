//! Where a build may write: the checks that an output folder is safe to
//! replace whole (not the site, not inside its sources, not a folder of
//! someone else's).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{MARKER, is_ours};

/// A refusal to use an output folder (a usage error: exit code 2).
#[derive(Debug)]
pub struct Refused(pub String);

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

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A folder that looks like a site (the outputs' tests need one).
    pub(in crate::site::output) fn site() -> tempfile::TempDir {
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
}
