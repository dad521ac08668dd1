//! The built-in theme: the files of this repository's `templates/` and the
//! top level of `static/`, compiled into the binary. A site's own file with
//! the same name replaces a built-in one.
//!
//! (Sub-folders of the repository's `static/`, such as `static/images/`,
//! belong to the demo site, not to the theme.)

/// A built-in template: its name and text.
pub type Template = (&'static str, &'static str);

/// A built-in static file: its site path and bytes.
pub type StaticFile = (&'static str, &'static [u8]);

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

macro_rules! static_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../static/", $name)))),*]
    };
}

/// Every built-in template.
pub const TEMPLATES: &[Template] = templates![
    "base.html",
    "index.html",
    "explainer.html",
    "page.html",
    "alias.html",
    "archive.html",
    "archive_year.html",
    "authors.html",
    "author.html",
    "tag.html",
    "tags.html",
    "search.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "components/annotation.html",
    "components/callout.html",
    "components/citation.html",
    "components/figure.html",
    "components/hero.html",
    "components/key_points.html",
    "components/note_ref.html",
    "components/notes.html",
    "components/post.html",
    "components/quote.html",
    "components/sources.html",
    "components/toc.html",
    "components/updates.html",
    "components/card.html",
    "components/source_entry.html",
    "components/task.html",
    "components/pagination.html",
    "components/series.html",
    "components/related.html",
];

/// Every built-in static file (copied to the output root).
pub const STATIC: &[StaticFile] = static_files!["lede.css", "lede.js", "favicon.svg"];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files_in(dir: &Path, prefix: &str, recurse: bool, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                if recurse {
                    files_in(&entry.path(), &format!("{name}/"), true, out);
                }
            } else if !name.starts_with('.') {
                out.push(name);
            }
        }
    }

    #[test]
    fn every_theme_file_is_in_the_table() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut templates = Vec::new();
        files_in(&root.join("templates"), "", true, &mut templates);
        let mut listed: Vec<String> = TEMPLATES.iter().map(|(n, _)| (*n).to_string()).collect();
        templates.sort();
        listed.sort();
        assert_eq!(templates, listed, "templates/ and theme::TEMPLATES differ");
        let mut statics = Vec::new();
        files_in(&root.join("static"), "", false, &mut statics);
        let mut listed: Vec<String> = STATIC.iter().map(|(n, _)| (*n).to_string()).collect();
        statics.sort();
        listed.sort();
        assert_eq!(
            statics, listed,
            "the top level of static/ and theme::STATIC differ"
        );
    }
}
