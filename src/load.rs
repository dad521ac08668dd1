//! Load: find every explainer under `content/` and read it as text.
//!
//! Hidden files and folders (a leading `.`) are skipped. Symbolic links are
//! followed only when they lead to a file inside the site; a link out of it,
//! or one that loops, is reported and skipped. Text is decoded strictly: a
//! UTF-8 byte order mark is dropped, CRLF and lone CR line endings become LF,
//! and UTF-16, invalid UTF-8 or NUL bytes are errors that say where.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, line_col};

/// The folder explainers live in.
pub const CONTENT_DIR: &str = "content";

/// One explainer file, read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the site root, with `/` separators (`content/a/b.md`).
    pub rel: Arc<str>,
    /// The text, decoded and with `\n` line endings.
    pub text: Arc<str>,
}

/// Lists the `.md` files under `root/content`, sorted, without reading them.
/// Problems (unreadable folders, symlinks out of the site) are reported.
pub fn find_explainers(root: &Path) -> (Vec<(PathBuf, Arc<str>)>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let content = match site_dir(root, CONTENT_DIR) {
        Ok(Some(dir)) => dir,
        Ok(None) => return (found, problems),
        Err(d) => {
            problems.push(d);
            return (found, problems);
        }
    };
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(|p| rel_name(root, p));
                let mut d = Diagnostic::warning(format!("cannot read part of content/: {e}"));
                if let Some(at) = at {
                    d = d.in_file(&at);
                }
                problems.push(d);
                continue;
            }
        };
        let path = entry.path();
        if !is_markdown(path) {
            continue;
        }
        let rel = rel_name(root, path);
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&real_root) && target.is_file() => {}
                Ok(target) if !target.starts_with(&real_root) => {
                    problems.push(
                        Diagnostic::warning("skipped a symbolic link that points outside the site")
                            .in_file(&rel)
                            .help(format!(
                                "it points to {}; copy the file into content/ instead",
                                target.display()
                            )),
                    );
                    continue;
                }
                Ok(_) => {
                    problems.push(
                        Diagnostic::warning("skipped a symbolic link that does not lead to a file")
                            .in_file(&rel)
                            .help("folders behind symbolic links are not read; move the files into content/"),
                    );
                    continue;
                }
                Err(e) => {
                    problems.push(
                        Diagnostic::warning(format!(
                            "skipped a broken or looping symbolic link: {e}"
                        ))
                        .in_file(&rel),
                    );
                    continue;
                }
            }
        } else if !file_type.is_file() {
            continue; // e.g. a folder named `x.md`
        }
        found.push((path.to_path_buf(), rel));
    }
    (found, problems)
}

/// The site's folder `name` (`content`, `static`, `templates`), if there is
/// one. A symbolic link is followed only when it leads to a folder inside
/// the site; one that leads out of it is an error (building without it would
/// replace a good output with a site that lacks it).
pub fn site_dir(root: &Path, name: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let dir = root.join(name);
    let Ok(meta) = std::fs::symlink_metadata(&dir) else {
        return Ok(None);
    };
    if !meta.file_type().is_symlink() {
        return Ok(meta.is_dir().then_some(dir));
    }
    let shown: Arc<str> = Arc::from(format!("{name}/"));
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match dir.canonicalize() {
        Ok(target) if target.starts_with(&real_root) && target != real_root => {
            Ok(target.is_dir().then_some(dir))
        }
        Ok(target) => Err(Diagnostic::error(format!(
            "{name}/ is a symbolic link to {}, outside the site; lede does not follow it",
            target.display()
        ))
        .in_file(&shown)
        .help("move the folder into the site, or make the link point inside it")),
        Err(e) => Err(Diagnostic::error(format!(
            "{name}/ is a broken or looping symbolic link: {e}"
        ))
        .in_file(&shown)),
    }
}

/// Reads a file of the site (`site.yaml`) as text, decoded strictly. A
/// symbolic link is followed only when it leads to a file inside the site.
pub fn read_site_file(root: &Path, name: &str) -> Result<SourceFile, Diagnostic> {
    let path = root.join(name);
    let rel: Arc<str> = Arc::from(name);
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let target = path.canonicalize().map_err(|e| {
            Diagnostic::error(format!("{name} is a broken or looping symbolic link: {e}"))
                .in_file(&rel)
        })?;
        if !target.starts_with(&real_root) {
            return Err(Diagnostic::error(format!(
                "{name} is a symbolic link to {}, outside the site; lede does not follow it",
                target.display()
            ))
            .in_file(&rel));
        }
    }
    read_one(path, rel)
}

/// Reads and decodes one file.
pub fn read_one(path: PathBuf, rel: Arc<str>) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(format!("cannot read this file: {e}")).in_file(&rel))?;
    let text = decode(bytes).map_err(|(message, at)| match at {
        Some((text, offset)) => {
            let source: Arc<str> = Arc::from(text);
            Diagnostic::error(message).at(&rel, &source, offset..offset + 1)
        }
        None => Diagnostic::error(message).in_file(&rel),
    })?;
    Ok(SourceFile {
        path,
        rel,
        text: Arc::from(text),
    })
}

type DecodeError = (String, Option<(String, usize)>);

/// Bytes → text with `\n` line endings, or why not (with the text up to the
/// problem and its offset, for a snippet).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    const SAVE_AS: &str = "save the file as UTF-8 in your editor";
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((format!("this file is UTF-16 encoded; {SAVE_AS}"), None));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if looks_utf16(&bytes) {
                return Err((format!("this file looks UTF-16 encoded; {SAVE_AS}"), None));
            }
            let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, col) = line_col(&before, valid);
            let mut shown = before;
            shown.push('\u{FFFD}');
            return Err((
                format!("invalid UTF-8 at line {line}, column {col}; {SAVE_AS}"),
                Some((shown, valid)),
            ));
        }
    };
    if let Some(nul) = text.find('\0') {
        if looks_utf16(text.as_bytes()) {
            return Err((format!("this file looks UTF-16 encoded; {SAVE_AS}"), None));
        }
        let mut shown = text[..nul].to_string();
        shown.push('\u{FFFD}');
        return Err((
            "this file contains a NUL byte, so it is not a text file".into(),
            Some((shown, nul)),
        ));
    }
    Ok(normalize_newlines(text))
}

/// UTF-16 without a byte order mark: every other byte of ASCII text is NUL.
fn looks_utf16(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes.iter().take(64).filter(|&&b| b == 0).count() > 8
}

/// CRLF and lone CR → LF.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// A path relative to the root, `/`-separated, for messages and links.
pub fn rel_name(root: &Path, path: &Path) -> Arc<str> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Arc::from(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_bom_and_line_endings() {
        let text = decode(b"\xEF\xBB\xBF---\r\na: b\rc\n".to_vec()).unwrap();
        assert_eq!(text, "---\na: b\nc\n");
    }

    #[test]
    fn decode_refuses_utf16_invalid_utf8_and_nul() {
        assert!(
            decode(vec![0xFF, 0xFE, b'a', 0])
                .unwrap_err()
                .0
                .contains("UTF-16")
        );
        let (msg, at) = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert!(msg.contains("line 2, column 3"), "{msg}");
        assert_eq!(at.unwrap().1, 5);
        assert!(decode(b"a\0b".to_vec()).unwrap_err().0.contains("NUL"));
    }

    #[test]
    fn finds_markdown_skipping_hidden_and_folders_named_md() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("sub")).unwrap();
        std::fs::create_dir_all(c.join(".hidden")).unwrap();
        std::fs::create_dir_all(c.join("folder.md")).unwrap();
        for f in [
            "b.md",
            "a.md",
            "sub/c.md",
            ".hidden/d.md",
            ".e.md",
            "notes.txt",
        ] {
            std::fs::write(c.join(f), "x").unwrap();
        }
        let (found, problems) = find_explainers(dir.path());
        let names: Vec<&str> = found.iter().map(|(_, r)| &**r).collect();
        assert_eq!(names, ["content/a.md", "content/b.md", "content/sub/c.md"]);
        assert!(problems.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(&c).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), c.join("leak.md")).unwrap();
        std::os::unix::fs::symlink(c.join("loop.md"), c.join("loop.md")).unwrap();
        let (found, problems) = find_explainers(dir.path());
        assert!(found.is_empty());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("outside the site"))
        );
    }
}
