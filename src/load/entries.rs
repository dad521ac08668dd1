//! What the files of `content/` are: explainers, and page bundles (a
//! folder whose `index.md` is the explainer and whose other files are
//! published beside it); and which file names cannot be checked out on
//! every system.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Found;
use crate::diagnostics::Diagnostic;

/// An explainer (or page) of `content/`, not read yet.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its Markdown file.
    pub file: Found,
    /// The bundle it is the `index.md` of, if it is one.
    pub bundle: Option<Bundle>,
}

/// A page bundle: `content/<folder>/index.md` and the files beside it.
#[derive(Clone, Debug, Default)]
pub struct Bundle {
    /// The folder, from the site root (`content/ocean`).
    pub dir: Arc<str>,
    /// Its name (`ocean`): the page's default slug.
    pub name: String,
    /// Its other files (not Markdown), by path inside the folder
    /// (`map.png`, `data/chart.csv`): published beside the page.
    pub files: Vec<Found>,
}

impl Bundle {
    /// The file of the bundle at this path inside it, if there is one.
    pub fn file(&self, name: &str) -> Option<&Found> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// Sorts the files of `content/` into explainers and bundles. Other
/// Markdown files inside a bundle are errors (a bundle holds one page);
/// other files outside any bundle are not published (as before bundles).
pub(super) fn classify(found: Vec<Found>) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    // Bundle folders: those with an `index.md` below `content/`.
    let mut bundles: BTreeMap<String, Bundle> = BTreeMap::new();
    for f in &found {
        if let Some(folder) = index_folder(&f.name) {
            bundles.insert(
                format!("{folder}/"),
                Bundle {
                    dir: Arc::from(format!("content/{folder}")),
                    name: folder.rsplit('/').next().unwrap_or(folder).to_string(),
                    files: Vec::new(),
                },
            );
        }
    }
    let prefixes: Vec<String> = bundles.keys().cloned().collect();
    let bundle_of = |name: &str| -> Option<String> {
        // The nearest enclosing bundle folder.
        let mut best: Option<&str> = None;
        for prefix in &prefixes {
            if name.starts_with(prefix.as_str()) && best.is_none_or(|b| prefix.len() > b.len()) {
                best = Some(prefix.as_str());
            }
        }
        best.map(str::to_string)
    };
    let mut loose = Vec::new();
    let mut indexes = Vec::new();
    for f in found {
        let is_md = f.name.ends_with(".md");
        match (bundle_of(&f.name), is_md) {
            (Some(prefix), true)
                if index_folder(&f.name).is_some_and(|d| d.len() + 1 == prefix.len()) =>
            {
                indexes.push((prefix, f));
            }
            (Some(prefix), true) => {
                let folder = &prefix[..prefix.len() - 1];
                problems.push(
                    Diagnostic::error(format!(
                        "content/{folder}/ is a page bundle (it has an index.md), so it holds one explainer, not {}",
                        f.name.rsplit('/').next().unwrap_or(&f.name)
                    ))
                    .in_file(&f.rel)
                    .help(format!(
                        "move this file out of content/{folder}/, or give it a folder of its own as `{}/index.md`",
                        f.name.trim_end_matches(".md")
                    )),
                );
            }
            (Some(prefix), false) => {
                let inside = f.name[prefix.len()..].to_string();
                if let Some(b) = bundles.get_mut(&prefix) {
                    b.files.push(Found { name: inside, ..f });
                }
            }
            (None, true) => loose.push(f),
            (None, false) => {}
        }
    }
    let mut entries: Vec<Entry> = loose
        .into_iter()
        .map(|file| Entry { file, bundle: None })
        .collect();
    // A bundle's `index.md` and its translations (`index.fr.md`) share it.
    for (prefix, file) in indexes {
        entries.push(Entry {
            file,
            bundle: bundles.get(&prefix).cloned(),
        });
    }
    entries.sort_by(|a, b| a.file.rel.cmp(&b.file.rel));
    (entries, problems)
}

/// The folder of a bundle's index file: `a/b/index.md`, or a translation
/// of it, `a/b/index.fr.md` → `a/b`.
fn index_folder(name: &str) -> Option<&str> {
    let (folder, file) = name.rsplit_once('/')?;
    let stem = file.strip_suffix(".md")?;
    (crate::slug::split_language(stem).0 == "index").then_some(folder)
}

/// File names Windows (and so a checkout there) cannot hold: reserved
/// device names, `<>:"|?*`, control characters, a trailing space or dot.
/// Each is a warning naming the file.
pub(super) fn unportable(found: &[Found]) -> Vec<Diagnostic> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let mut out = Vec::new();
    for f in found {
        for part in f.rel.split('/') {
            let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
            let shown = part.escape_debug();
            let why = if RESERVED.contains(&stem.as_str()) {
                Some(format!("`{shown}` is a reserved device name on Windows"))
            } else if let Some(c) = part
                .chars()
                .find(|c| "<>:\"|?*\\".contains(*c) || c.is_control())
            {
                Some(format!(
                    "`{shown}` holds `{}`, which Windows does not allow in a file name",
                    c.escape_debug()
                ))
            } else if part.ends_with(' ') || part.ends_with('.') {
                Some(format!(
                    "`{shown}` ends with a space or a dot, which Windows drops"
                ))
            } else {
                None
            };
            if let Some(why) = why {
                out.push(
                    Diagnostic::warning(format!(
                        "this file cannot be checked out on every system: {why}"
                    ))
                    .in_file(&f.rel)
                    .help("it builds here, but a clone on Windows will fail or lose it; rename it"),
                );
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn found(name: &str) -> Found {
        Found {
            path: PathBuf::from(name),
            rel: Arc::from(format!("content/{name}")),
            name: name.to_string(),
        }
    }

    #[test]
    fn bundles_take_their_files_and_refuse_other_markdown() {
        let files = [
            "a.md",
            "ocean/index.md",
            "ocean/map.png",
            "ocean/data/x.csv",
            "ocean/b.md",
            "loose.png",
            "sub/c.md",
        ]
        .map(found)
        .to_vec();
        let (entries, problems) = classify(files);
        let names: Vec<&str> = entries.iter().map(|e| &*e.file.rel).collect();
        assert_eq!(
            names,
            ["content/a.md", "content/ocean/index.md", "content/sub/c.md"]
        );
        let bundle = entries[1].bundle.as_ref().unwrap();
        assert_eq!(bundle.name, "ocean");
        let files: Vec<&str> = bundle.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(files, ["map.png", "data/x.csv"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file.as_deref(), Some("content/ocean/b.md"));
    }

    #[test]
    fn unportable_names_are_named() {
        let files = [
            "CON.md",
            "aux.txt",
            "a:b.md",
            "trail.md.",
            "fine.md",
            "dir /x.md",
        ]
        .map(found);
        let warned: Vec<String> = unportable(&files)
            .iter()
            .map(|d| d.file.as_deref().unwrap_or("").to_string())
            .collect();
        assert_eq!(
            warned,
            [
                "content/CON.md",
                "content/aux.txt",
                "content/a:b.md",
                "content/trail.md.",
                "content/dir /x.md"
            ]
        );
    }
}
