//! Scaffolding: `lede new` (an explainer with every front matter field
//! ready to fill in) and `lede init` (a new site that builds and publishes
//! on GitHub Pages). The files are real files beside this module,
//! compiled in; `%TITLE%`, `%DATE%` and `%NAME%` are filled in.
//! Nothing here overwrites a file.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::load::CONTENT_DIR;
use crate::site::Failure;
use crate::slug::slugify;

const EXPLAINER: &str = include_str!("explainer.md");
const SAMPLE: &str = include_str!("sample.md");
const SITE_YAML: &str = include_str!("site.yaml");
const GITIGNORE: &str = include_str!("gitignore");
const README: &str = include_str!("README.md");
const PAGES_WORKFLOW: &str = include_str!("pages.yml");
const GITLAB_CI: &str = include_str!("gitlab-ci.yml");

/// Where `lede init` sets the site up to be published from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Pages, by GitHub Actions (`.github/workflows/pages.yml`).
    #[default]
    Github,
    /// GitLab Pages, by GitLab CI (`.gitlab-ci.yml`).
    Gitlab,
    /// No workflow.
    None,
}

/// The CI file for `ci`, for this version of lede: (path, text).
pub fn ci_file(ci: Ci) -> Option<(&'static str, String)> {
    let version = env!("CARGO_PKG_VERSION");
    match ci {
        Ci::Github => Some((
            ".github/workflows/pages.yml",
            PAGES_WORKFLOW.replace("%VERSION%", version),
        )),
        Ci::Gitlab => Some((".gitlab-ci.yml", GITLAB_CI.replace("%VERSION%", version))),
        Ci::None => None,
    }
}

/// Today's date (`2026-02-04`) in the local time zone.
pub fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

/// A YAML string holding `text` exactly (a JSON string is valid YAML).
fn yaml_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// The text of a new explainer.
pub fn explainer(title: &str, date: &str) -> String {
    EXPLAINER
        .replace("%TITLE%", &yaml_string(title))
        .replace("%DATE%", date)
}

/// Writes `content/<slug>.md` for a new explainer titled `title`; returns
/// its path. Refuses when the file, or another explainer with the same
/// name, exists.
pub fn new_explainer(root: &Path, title: &str, date: &str) -> Result<PathBuf, Failure> {
    crate::site::ensure_site(root)?;
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Failure::Usage(format!(
            "the title `{title}` has no letters or digits to name the file after"
        )));
    }
    if ["tags", "search"].contains(&slug.as_str()) {
        return Err(Failure::Usage(format!(
            "`{slug}` is reserved for lede's own pages; choose another title"
        )));
    }
    let rel = format!("{CONTENT_DIR}/{slug}.md");
    let (found, _) = crate::load::explainers(root);
    let same = found.iter().map(|f| &f.rel).find(|other| {
        let stem = other.rsplit('/').next().unwrap_or(other);
        slugify(stem.trim_end_matches(".md")) == slug
    });
    if let Some(other) = same {
        return Err(Failure::Usage(format!(
            "{other} already exists, and lede new never overwrites a file; choose another title"
        )));
    }
    let path = root.join(&rel);
    create(&path, &explainer(title, date))?;
    Ok(path)
}

/// Makes a new site in `dir` (created if needed): `site.yaml`, a sample
/// explainer, `.gitignore`, a README and the workflow that publishes it
/// (`ci`). Refuses a folder that holds anything but hidden entries such as
/// `.git`.
pub fn init(dir: &Path, date: &str, ci: Ci) -> Result<Vec<PathBuf>, Failure> {
    if dir.exists() {
        refuse_unless_empty(dir)?;
    }
    let name = dir
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = title_of(&name);
    let url_name = match slugify(&name) {
        s if s.is_empty() => "explainers".to_string(),
        s => s,
    };
    let mut files = vec![
        (
            "site.yaml",
            SITE_YAML
                .replace("%TITLE%", &yaml_string(&title))
                .replace("%NAME%", &url_name),
        ),
        (
            "content/how-to-write-an-explainer.md",
            SAMPLE.replace("%DATE%", date),
        ),
        (".gitignore", GITIGNORE.to_string()),
        (
            "README.md",
            README
                .replace("%TITLE%", &title)
                .replace("%NAME%", &url_name),
        ),
    ];
    files.extend(ci_file(ci));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        create(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// A folder may hold hidden entries (`.git`, `.vscode`) but nothing that
/// `init` writes, and nothing else.
fn refuse_unless_empty(dir: &Path) -> Result<(), Failure> {
    if !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "{} exists and is not a folder",
            dir.display()
        )));
    }
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') || name == ".gitignore" || name == ".github" {
            return Err(Failure::Usage(format!(
                "{} is not empty (it has {name}); lede init makes a site in a new or empty folder",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// `my-explainers` → `My explainers`.
fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Explainers".to_string(),
    }
}

/// Writes a new file (creating folders); an existing file is an error.
fn create(path: &Path, text: &str) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::Io(crate::site::IoError::new("write", path, e));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::Usage(format!(
                "{} already exists, and lede never overwrites it",
                path.display()
            )),
            _ => io(e),
        })?;
    file.write_all(text.as_bytes()).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        let text = explainer("Say \"no\": the #1 vote", "2026-02-04");
        assert!(
            text.contains("title: \"Say \\\"no\\\": the #1 vote\"\n"),
            "{text}"
        );
        assert!(text.contains("date: 2026-02-04\n"));
        let file = std::sync::Arc::from("content/x.md");
        let fm =
            crate::front_matter::parse(&file, &crate::diagnostics::SourceText::new(text)).unwrap();
        assert_eq!(fm.meta.title, "Say \"no\": the #1 vote");
        assert!(fm.meta.sources.is_empty() && fm.meta.key_points.is_empty());
    }

    #[test]
    fn folder_names_become_titles() {
        assert_eq!(title_of("my-explainers"), "My explainers");
        assert_eq!(title_of("désk_two"), "Désk two");
        assert_eq!(title_of(""), "Explainers");
    }

    #[test]
    fn init_refuses_a_folder_with_files_but_not_one_with_git() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        init(dir.path(), "2026-02-04", Ci::Github).unwrap();
        assert!(matches!(
            init(dir.path(), "2026-02-04", Ci::Github),
            Err(Failure::Usage(_))
        ));
    }
}
