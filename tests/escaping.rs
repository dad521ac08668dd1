//! Output escaping: the `injection` fixture puts a script injection in every
//! text field of the front matter and site.yaml; each must come out escaped
//! for its context. [`problems`] checks one output file against a list of
//! contexts; add a context (and the files it applies to in [`contexts_of`])
//! when a new kind of output appears: JSON-LD and the search index are
//! checked wherever they are found.
//!
//! The browser test opens every page in Chromium and fails on any dialog
//! (`alert`, `confirm`, `prompt`; tests/browser/dialogs.mjs): it runs when
//! Chromium and tests/browser/node_modules are there, and must with `LEDE_BROWSER_TESTS=1`.

use std::path::Path;

use crate::support::{Html, Site, manifest, select};

/// A way a front matter value reaches an output file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// HTML text and attributes: no element or attribute of the input's.
    Html,
    /// `<script>` elements: only the theme's, none ended early.
    Script,
    /// `<script type="application/ld+json">`: valid JSON, no `</`.
    JsonLd,
    /// Atom and sitemap XML: markup escaped, entities well formed.
    Xml,
    /// A JSON file (a search index): valid JSON, no `</script`.
    Json,
}

/// The contexts an output file is checked in, by its name.
pub fn contexts_of(path: &str) -> &'static [Context] {
    match path.rsplit('.').next() {
        Some("html") => &[Context::Html, Context::Script, Context::JsonLd],
        Some("xml") => &[Context::Xml],
        Some("json") => &[Context::Json],
        _ => &[],
    }
}

/// The theme's own scripts (by their `src` or their whole text).
const THEME_SCRIPTS: &[&str] = &[
    "lede.js",
    "pagefind/pagefind-ui.js",
    "document.documentElement.classList.add(\"js\");",
];

const BAD_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

/// What is wrong with `text` (the file `path`) in each of `contexts`.
pub fn problems(path: &str, text: &str, contexts: &[Context]) -> Vec<String> {
    let mut out = Vec::new();
    let html = Html::parse_document(text);
    for context in contexts {
        match context {
            Context::Html => html_problems(&html, &mut out),
            Context::Script => script_problems(&html, text, &mut out),
            Context::JsonLd => {
                for s in select(&html, "script[type=\"application/ld+json\"]") {
                    let json = s.inner_html();
                    if json.contains("</") {
                        out.push("JSON-LD holds `</`: it could end its script".into());
                    }
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                        out.push(format!("JSON-LD does not parse: {e}"));
                    }
                }
            }
            Context::Xml => xml_problems(text, &mut out),
            Context::Json => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                    out.push(format!("not JSON: {e}"));
                }
                if text.to_ascii_lowercase().contains("</script") {
                    out.push("holds `</script`".into());
                }
            }
        }
    }
    out.into_iter().map(|p| format!("{path}: {p}")).collect()
}

fn html_problems(html: &Html, out: &mut Vec<String>) {
    for e in select(html, "*") {
        let el = e.value();
        if ["svg", "iframe", "object", "embed"].contains(&el.name()) {
            out.push(format!("an injected <{}> element", el.name()));
        }
        if el.name() == "img" && el.attr("src") == Some("x") {
            out.push("an injected <img src=x>".into());
        }
        for (name, value) in el.attrs() {
            if name.starts_with("on") {
                out.push(format!(
                    "an event handler attribute {name}={value:?} on <{}>",
                    el.name()
                ));
            }
            if ["href", "src", "action", "formaction", "cite"].contains(&name) {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if BAD_SCHEMES.iter().any(|s| v.starts_with(s)) {
                    out.push(format!("a {name}={value:?} on <{}>", el.name()));
                }
            }
        }
    }
}

fn script_problems(html: &Html, text: &str, out: &mut Vec<String>) {
    for s in select(html, "script") {
        let el = s.value();
        if el.attr("type") == Some("application/ld+json") {
            continue;
        }
        let known = match el.attr("src") {
            Some(src) => THEME_SCRIPTS.iter().any(|t| src.ends_with(t)),
            None => THEME_SCRIPTS.contains(&s.inner_html().trim()),
        };
        if !known {
            out.push(format!("a script that is not the theme's: {}", s.html()));
        }
    }
    // Every `<script` opened in the raw text must be one of those parsed:
    // a `</script>` in a value cannot end one early and start another.
    let opened = text.to_ascii_lowercase().matches("<script").count();
    if opened != select(html, "script").len() {
        out.push(format!(
            "{opened} `<script` in the text, {} script elements",
            select(html, "script").len()
        ));
    }
}

fn xml_problems(text: &str, out: &mut Vec<String>) {
    let lower = text.to_ascii_lowercase();
    for tag in ["<script", "<img", "<svg", "<iframe"] {
        if lower.contains(tag) {
            out.push(format!("unescaped {tag} in XML"));
        }
    }
    for (i, _) in text.match_indices('&') {
        let rest = &text[i + 1..];
        let ok = ["amp;", "lt;", "gt;", "quot;", "apos;", "#"]
            .iter()
            .any(|e| rest.starts_with(e));
        if !ok {
            out.push(format!(
                "a bare & in XML: {:?}",
                &text[i..(i + 12).min(text.len())]
            ));
        }
    }
}

/// Every problem of every output file of `dir`.
pub fn output_problems(dir: &Path) -> Vec<String> {
    manifest(dir)
        .into_iter()
        .flat_map(|(path, bytes)| {
            let contexts = contexts_of(&path);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            problems(&path, &text, contexts)
        })
        .collect()
}

#[test]
fn every_injected_value_is_escaped_for_its_context() {
    let site = Site::fixture("injection");
    let run = site.lede(&["build"]);
    run.ok();
    let public = site.root().join("public");
    let found = output_problems(&public);
    assert!(found.is_empty(), "{found:#?}");
    // The values are all there, as text: escaped, not dropped.
    let page = site.page("inject/index.html");
    let title = select(&page, "h1")[0].text().collect::<String>();
    assert_eq!(
        title,
        "\"><script>alert(1)</script> & </script><script>alert(2)</script> javascript:alert(3)"
    );
    let caption = site.public("inject/index.html");
    assert!(
        caption.contains("Cap &lt;img src=x onerror=alert(20)&gt;"),
        "captions are escaped"
    );
    let feed = site.public("atom.xml");
    assert!(
        feed.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{feed}"
    );
}

/// The checker finds what it is for: raw HTML in the body is the author's
/// and passes through, so a script there is reported.
#[test]
fn the_checker_catches_a_real_injection() {
    let site = Site::fixture("injection");
    site.write(
        "content/raw.md",
        "---\ntitle: Raw\ndate: 2026-01-02\n---\n<script>alert(99)</script>\n\n<img src=x onerror=alert(98)>\n",
    );
    site.lede(&["build"]).ok();
    let found = output_problems(&site.root().join("public"));
    assert!(
        found.iter().any(|p| p.contains("not the theme's")),
        "{found:#?}"
    );
    assert!(found.iter().any(|p| p.contains("onerror")), "{found:#?}");
    let json = problems("x.json", "{\"a\": \"</script>\"}", &[Context::Json]);
    assert_eq!(json.len(), 1, "{json:?}");
    let ld = "<script type=\"application/ld+json\">{\"a\": \"</script><script>alert(1)</script>\"}</script>";
    assert!(!problems("x.html", ld, contexts_of("x.html")).is_empty());
}

/// `javascript:`, `vbscript:` and `data:` URLs never reach the output from
/// front matter: they are refused (tests/hostile/fields.rs has each field).
#[test]
fn dangerous_urls_in_front_matter_are_refused() {
    let site = Site::fixture("injection");
    let page = std::fs::read_to_string(site.root().join("content/inject.md")).unwrap();
    for (from, to) in [
        (
            "url: \"https://example.org/?q=",
            "url: \"javascript:alert(1)//",
        ),
        ("src: /images/dot.svg", "src: \" JAVA\\tSCRIPT:alert(1)\""),
        (
            "archived: \"https://web.archive.org/x",
            "archived: \"data:text/html,x",
        ),
        ("[ok](https://example.org/", "[ok](vbscript:x//"),
    ] {
        site.write("content/inject.md", page.replacen(from, to, 1));
        let run = site.lede(&["build"]);
        assert_eq!(run.code, 1, "{to}: {}", run.stderr);
        assert!(run.stderr.contains("not allowed"), "{to}: {}", run.stderr);
    }
}

/// Opens every page of a built site in Chromium (`tests/browser/dialogs.mjs`);
/// returns how many pages opened a dialog, and the script's output.
fn dialogs(public: &Path) -> (usize, String) {
    let out = std::process::Command::new("node")
        .arg(crate::support::repo_root().join("tests/browser/dialogs.mjs"))
        .arg(public)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "a page failed to load:\n{text}");
    let count = text
        .lines()
        .find_map(|l| l.strip_prefix("dialogs: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary line:\n{text}"));
    (count, text)
}

#[test]
#[cfg_attr(
    not(browser_tests),
    ignore = "headless Chromium: set LEDE_BROWSER_TESTS=1"
)]
fn in_a_browser_no_injected_script_runs() {
    crate::browser::prerequisites();
    let site = Site::fixture("injection");
    site.lede(&["build"]).ok();
    let public = site.root().join("public");
    let (count, text) = dialogs(&public);
    assert_eq!(count, 0, "a dialog opened:\n{text}");
    // The control: a script the author wrote in the body does run, so the
    // checker would have seen one from front matter.
    site.write(
        "content/raw.md",
        "---\ntitle: Raw\ndate: 2026-01-02\n---\n<script>alert(99)</script>\n",
    );
    site.lede(&["build"]).ok();
    let (count, text) = dialogs(&public);
    assert_eq!(count, 1, "the control dialog was not seen:\n{text}");
}
