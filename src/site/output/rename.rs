//! The two renames the output is made of, atomic where the system allows:
//! exchanging two folders, and renaming without replacing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Atomically puts `new` at `target`; the old `target` ends up at `new`.
pub(super) fn swap(new: &Path, target: &Path) -> io::Result<()> {
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
        old.push(format!("{}old-{}", super::TMP_INFIX, std::process::id()));
        let old = PathBuf::from(old);
        fs::rename(target, &old)?;
        fs::rename(new, target)?;
        fs::rename(&old, new)?;
        Ok(())
    } else {
        fs::rename(new, target)
    }
}

/// Renames `from` to `to` unless something is at `to` already (Linux: in
/// one step).
pub(super) fn noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            other => return other.map_err(Into::into),
        }
    }
    if fs::symlink_metadata(to).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    fs::rename(from, to)
}
