//! The shape of the code, checked: stages import only earlier stages, no
//! two files of one module import each other in a circle, no source file is
//! over 400 lines, and only the load stage walks the disk.
//!
//! It reads `use crate::…` / `crate::…::` and `super::…` paths in `src/`,
//! leaving out test code (`#[cfg(test)]` onwards, and files only tests
//! compile).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules in pipeline order: a module may use those of its own rank
/// or lower, never a later one. Modules of one rank do not use each other.
const RANKS: &[(&str, u8)] = &[
    ("date", 0),
    ("diagnostics", 0),
    ("slug", 0),
    ("suggest", 0),
    ("theme", 0),
    ("urls", 0),
    ("yaml", 1),
    ("doc", 2),
    ("load", 3),
    ("config", 4),
    ("front_matter", 4),
    ("markdown", 5),
    ("templates", 6),
    ("site", 7),
    ("schema", 8),
    ("scaffold", 8),
    ("serve", 8),
    ("cli", 9),
];

/// Files that are only compiled for tests.
fn test_only(rel: &str) -> bool {
    rel.ends_with("/tests.rs")
        || rel.ends_with("_tests.rs")
        || rel.ends_with("test_support.rs")
        || rel == "proptests.rs"
}

struct File {
    rel: String,
    /// The code before `#[cfg(test)]`.
    code: String,
    lines: usize,
}

fn sources() -> Vec<File> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(&src)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&path).unwrap();
                let code = match text.find("#[cfg(test)]") {
                    Some(i) => text[..i].to_string(),
                    None => text.clone(),
                };
                out.push(File {
                    lines: text.lines().count(),
                    rel,
                    code,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// The top-level module a file belongs to (`markdown/links.rs` → markdown).
fn module_of(rel: &str) -> &str {
    rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs")
}

/// The code without comments (so a doc link is not an import).
fn without_comments(code: &str) -> String {
    code.lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `crate::NAME` paths: the top-level modules a file uses.
fn crate_uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code = without_comments(code);
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + 7..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        // `use crate::{a, b}`.
        if after.starts_with('{') {
            let inner = &after[1..after.find('}').unwrap_or(after.len())];
            for part in inner.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
        rest = after;
    }
    out
}

#[test]
fn stages_import_only_earlier_stages() {
    let rank: BTreeMap<&str, u8> = RANKS.iter().copied().collect();
    let mut wrong = Vec::new();
    for file in sources() {
        let module = module_of(&file.rel);
        if test_only(&file.rel) || matches!(module, "lib" | "main") {
            continue;
        }
        let mine = *rank
            .get(module)
            .unwrap_or_else(|| panic!("{module} has no rank in RANKS"));
        for used in crate_uses(&file.code) {
            if used == module {
                continue;
            }
            let theirs = *rank
                .get(used.as_str())
                .unwrap_or_else(|| panic!("{}: `crate::{used}` has no rank", file.rel));
            if theirs >= mine {
                wrong.push(format!(
                    "src/{} ({module}, rank {mine}) uses {used} (rank {theirs})",
                    file.rel
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

/// Within a module, the files a file uses: `super::x` and
/// `crate::module::x` for a sibling `x`.
fn sibling_uses(file: &File, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let module = module_of(&file.rel);
    let dir = match file.rel.rsplit_once('/') {
        Some((dir, _)) => dir.to_string(),
        None => return BTreeSet::new(),
    };
    let own = file
        .rel
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".rs")
        .to_string();
    let code = without_comments(&file.code);
    let in_mod_rs = file.rel.ends_with("/mod.rs");
    let prefixes: Vec<String> = if in_mod_rs {
        vec![
            format!("crate::{}::", dir.replace('/', "::")),
            "self::".into(),
        ]
    } else {
        vec![
            "super::".into(),
            format!("crate::{}::", dir.replace('/', "::")),
        ]
    };
    let _ = module;
    let mut out = BTreeSet::new();
    for prefix in prefixes {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix.as_str()) {
            let after = &rest[i + prefix.len()..];
            let mut names = Vec::new();
            if let Some(inner) = after.strip_prefix('{') {
                let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
                names.extend(inner.split(',').map(|p| p.trim().to_string()));
            } else {
                names.push(after.to_string());
            }
            for n in names {
                let name: String = n
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if siblings.contains(&name) && name != own {
                    out.insert(name);
                }
            }
            rest = after;
        }
    }
    out
}

#[test]
fn no_circle_between_the_files_of_a_module() {
    let files = sources();
    let mut by_dir: BTreeMap<String, Vec<&File>> = BTreeMap::new();
    for f in files.iter().filter(|f| !test_only(&f.rel)) {
        if let Some((dir, _)) = f.rel.rsplit_once('/') {
            by_dir.entry(dir.to_string()).or_default().push(f);
        }
    }
    let mut circles = Vec::new();
    for (dir, files) in &by_dir {
        let names: BTreeSet<String> = files
            .iter()
            .map(|f| {
                let name = f.rel.rsplit('/').next().unwrap_or("");
                name.trim_end_matches(".rs").to_string()
            })
            .filter(|n| n != "mod")
            .collect();
        // Sub-folders are modules too (`site/search`).
        let folders: BTreeSet<String> = by_dir
            .keys()
            .filter_map(|d| d.strip_prefix(&format!("{dir}/")))
            .filter(|d| !d.contains('/'))
            .map(str::to_string)
            .collect();
        let all: BTreeSet<String> = names.union(&folders).cloned().collect();
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for f in files {
            let name = f
                .rel
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".rs");
            if name == "mod" {
                continue; // the module root re-exports its files
            }
            edges.insert(name.to_string(), sibling_uses(f, &all));
        }
        // A sub-folder (`site/search/`) is one node: what any of its files
        // uses of this folder's files (`crate::site::page`, or `super::page`
        // from its mod.rs).
        for folder in &folders {
            let prefix = format!("{dir}/{folder}/");
            let used = edges.entry(folder.clone()).or_default();
            for f in files_of(&by_dir, &prefix) {
                let code = without_comments(&f.code);
                let via_super = f.rel == format!("{prefix}mod.rs");
                for name in &all {
                    let absolute = format!("crate::{}::{name}", dir.replace('/', "::"));
                    let relative = format!("super::{name}");
                    if name != folder
                        && (code.contains(&absolute) || (via_super && code.contains(&relative)))
                    {
                        used.insert(name.clone());
                    }
                }
            }
        }
        for start in edges.keys() {
            // Depth-first search for a path back to `start`.
            let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
            let mut seen = BTreeSet::new();
            while let Some((node, path)) = stack.pop() {
                for next in edges.get(&node).into_iter().flatten() {
                    if next == start {
                        let mut circle = path.clone();
                        circle.push(next.clone());
                        circles.push(format!("src/{dir}: {}", circle.join(" → ")));
                    } else if seen.insert(next.clone()) {
                        let mut p = path.clone();
                        p.push(next.clone());
                        stack.push((next.clone(), p));
                    }
                }
            }
        }
    }
    circles.sort();
    circles.dedup();
    assert!(circles.is_empty(), "circles:\n{}", circles.join("\n"));
}

/// The files under a folder prefix (`site/search/`), at any depth.
fn files_of<'a>(by_dir: &'a BTreeMap<String, Vec<&'a File>>, prefix: &str) -> Vec<&'a File> {
    by_dir
        .iter()
        .filter(|(d, _)| format!("{d}/").starts_with(prefix))
        .flat_map(|(_, files)| files.iter().copied())
        .collect()
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|f| !test_only(&f.rel) && f.lines > 400)
        .map(|f| format!("src/{}: {} lines", f.rel, f.lines))
        .collect();
    assert!(
        long.is_empty(),
        "files over 400 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn only_the_load_stage_walks_the_site() {
    let walkers: Vec<String> = sources()
        .iter()
        .filter(|f| !test_only(&f.rel) && without_comments(&f.code).contains("WalkDir"))
        .map(|f| f.rel.clone())
        .collect();
    assert_eq!(walkers, ["load/walk.rs"]);
}

/// The modules that may name a crate: Tera only in the template stage, the
/// YAML crate only in `yaml/`.
#[test]
fn only_one_stage_names_each_engine() {
    for (krate, home) in [("tera::", "templates/"), ("serde_yaml", "yaml/")] {
        let named: Vec<String> = sources()
            .iter()
            .filter(|f| !test_only(&f.rel) && !f.rel.starts_with(home))
            .filter(|f| without_comments(&f.code).contains(krate))
            .map(|f| f.rel.clone())
            .collect();
        assert!(
            named.is_empty(),
            "{krate} named outside src/{home}: {named:?}"
        );
    }
}
