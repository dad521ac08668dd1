//! Fixture sites copied to a temporary folder, the `lede` binary run on them
//! with a cleared environment, and helpers to read the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// The outcome of one `lede` run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "lede failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The repository root (the demo site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Site {
    /// A copy of `tests/fixtures/sites/NAME`.
    pub fn fixture(name: &str) -> Self {
        let site = Self::empty();
        copy_dir(
            &repo_root().join("tests/fixtures/sites").join(name),
            site.root(),
        );
        site
    }

    /// An empty folder.
    pub fn empty() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("lede-test-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `lede ARGS` in the site folder with a cleared environment.
    pub fn lede(&self, args: &[&str]) -> Run {
        lede_in(self.root(), args)
    }

    /// Reads an output file of `public/`.
    pub fn public(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Parses an output page of `public/`.
    pub fn page(&self, rel: &str) -> Html {
        Html::parse_document(&self.public(rel))
    }

    /// Every file of `public/` with its bytes.
    pub fn manifest(&self) -> BTreeMap<String, Vec<u8>> {
        manifest(&self.root().join("public"))
    }
}

/// Runs the binary in `dir`.
pub fn lede_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("run lede");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir` (relative path → bytes).
pub fn manifest(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// All elements matching a CSS selector.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    html.select(&sel).collect()
}

/// The text of an element, whitespace collapsed.
pub fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<main>` element's HTML, for snapshots.
pub fn main_html(html: &Html) -> String {
    select(html, "main")
        .first()
        .map(|m| m.html())
        .unwrap_or_default()
}
