//! Hostile input, one module per class of the reliability issue: each case
//! builds a good site first, then breaks it, and asserts the exit code, the
//! message with its file and line, and that nothing in the site folder
//! changed (the previous output byte for byte, no stray files, nothing
//! deleted).

mod collisions;
mod encodings;
mod fields;
mod names;
mod output;
mod size;
mod symlinks;
mod templates;
mod yaml;

use std::collections::BTreeMap;

use crate::support::{Run, Site};

/// A site with a good build in `public/`.
pub struct Broken {
    pub site: Site,
}

/// What a run must report: a message and the `file:line:col` (or a prefix
/// of it, such as `file:line:`) its `-->` line names.
pub type Expect<'a> = (&'a str, &'a str);

impl Broken {
    /// A copy of a fixture, built once.
    pub fn fixture(name: &str) -> Self {
        let site = Site::fixture(name);
        site.lede(&["build"]).ok();
        Self { site }
    }

    /// Writes a file of the site (the breakage).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        self.site.write(rel, text);
        self
    }

    /// Runs `lede ARGS` and asserts its exit code, that every expected
    /// message is there at its place, that nothing panicked and that the
    /// whole site folder (previous output included) is as it was.
    #[track_caller]
    pub fn refuses(&self, args: &[&str], code: i32, expect: &[Expect<'_>]) -> Run {
        let before = everything(&self.site);
        let run = self.site.lede(args);
        assert_eq!(
            run.code, code,
            "exit code of lede {args:?}:\n{}",
            run.stderr
        );
        assert_reports(&run.stderr, expect);
        let after = everything(&self.site);
        assert_same(&before, &after);
        run
    }

    /// `lede build`, refused with exit code 1.
    #[track_caller]
    pub fn build_fails(&self, expect: &[Expect<'_>]) -> Run {
        self.refuses(&["build"], 1, expect)
    }

    /// Removes a file or folder of the site (undoing a breakage).
    pub fn remove(&self, rel: &str) {
        let path = self.site.root().join(rel);
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }
}

/// Every file of the site folder, output included.
/// (An old output a `lede __sweep` process is deleting beside `public/`,
/// or kept for the next build to write into, is not part of the site: it is
/// skipped.)
pub fn everything(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let root = site.root();
    let mut out = BTreeMap::new();
    let walk = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().contains(".lede-tmp-"));
    for entry in walk {
        let Ok(entry) = entry else {
            continue; // removed by a sweeper while listed
        };
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap();
            if let Ok(bytes) = std::fs::read(entry.path()) {
                out.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    out
}

/// Asserts two manifests are equal, naming what differs.
#[track_caller]
pub fn assert_same(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let gone: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        added.is_empty() && gone.is_empty() && changed.is_empty(),
        "the site folder changed: added {added:?}, removed {gone:?}, changed {changed:?}"
    );
}

/// Asserts that `stderr` holds each message, followed by a `-->` line that
/// starts with its place; and no panic.
#[track_caller]
pub fn assert_reports(stderr: &str, expect: &[Expect<'_>]) {
    assert!(!stderr.contains("panicked"), "lede panicked:\n{stderr}");
    let mut missing = Vec::new();
    for (message, at) in expect {
        let found = stderr.match_indices(message).any(|(i, _)| {
            let after = &stderr[i..];
            // The arrow of this diagnostic, not of the next one.
            let end = ["\nerror", "\nwarning"]
                .iter()
                .filter_map(|next| after.find(next))
                .min()
                .unwrap_or(after.len());
            after[..end]
                .find("--> ")
                .is_some_and(|arrow| after[arrow + 4..].starts_with(at))
        });
        if !found {
            missing.push(format!("`{message}` at {at}"));
        }
    }
    assert!(missing.is_empty(), "expected {missing:#?} in:\n{stderr}");
}
