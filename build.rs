//! Build-time facts: the version and commit `lede --version` shows, and whether the
//! browser tests run (`LEDE_BROWSER_TESTS=1` → the `browser_tests` cfg, so
//! that without it they are listed as ignored instead of passing silently).
//! Also the built-in theme's CSS and JS, minified into `OUT_DIR` (src/theme.rs
//! publishes those).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    // Tests that need tools from outside (Chromium; zizmor and
    // check-jsonschema) run when asked, and are listed as ignored otherwise.
    for (variable, cfg) in [
        ("LEDE_BROWSER_TESTS", "browser_tests"),
        ("LEDE_WORKFLOW_TESTS", "workflow_tests"),
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-env-changed={variable}");
        if std::env::var_os(variable).is_some_and(|v| v == "1") {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
    minify_theme();
    println!("cargo::rerun-if-env-changed=LEDE_COMMIT");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = match commit() {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    // What `lede --version` prints after the name: `0.1.0 (3f2c9a1d4e5b)`.
    println!("cargo::rustc-env=LEDE_VERSION={line}");
}

/// `static/lede.css` and `static/lede.js` minified to `OUT_DIR`. Should the
/// minifier refuse a file, it is published as written, with a warning.
fn minify_theme() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    for name in ["lede.css", "lede.js"] {
        let source = PathBuf::from("static").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        let Ok(text) = std::fs::read_to_string(&source) else {
            println!("cargo::warning=cannot read {}", source.display());
            continue;
        };
        let minified = if name.ends_with(".css") {
            minifier::css::minify(&text).map(|m| m.to_string())
        } else {
            minifier::js::minify(&text).map(|m| m.to_string())
        };
        let published = minified.unwrap_or_else(|e| {
            println!("cargo::warning={name} is published unminified: {e}");
            text
        });
        if let Err(e) = std::fs::write(out.join(name), published) {
            println!("cargo::warning=cannot write the minified {name}: {e}");
        }
    }
}

/// The commit being built: `LEDE_COMMIT` (release workflows set it), the
/// one recorded in a published package, or the git checkout's.
fn commit() -> Option<String> {
    if let Ok(c) = std::env::var("LEDE_COMMIT") {
        return Some(c.chars().take(12).collect());
    }
    // `cargo package` records the commit in `.cargo_vcs_info.json`.
    if let Ok(info) = std::fs::read_to_string(".cargo_vcs_info.json") {
        let sha = info.split("\"sha1\"").nth(1)?.split('"').nth(1)?;
        return Some(sha.chars().take(12).collect());
    }
    // Run again when HEAD moves: `.git/HEAD` and the branch it names (in a
    // worktree, `.git` is a file naming the real folder; refs live in the
    // common one).
    if let Some(git) = git_dir() {
        let head = git.join("HEAD");
        println!("cargo::rerun-if-changed={}", head.display());
        if let Ok(text) = std::fs::read_to_string(&head)
            && let Some(reference) = text.trim().strip_prefix("ref: ")
        {
            let common = std::fs::read_to_string(git.join("commondir"))
                .map(|c| git.join(c.trim()))
                .unwrap_or_else(|_| git.clone());
            // A ref packed away has no file of its own: a missing path
            // would make Cargo run this script on every build.
            let file = common.join(reference);
            if file.is_file() {
                println!("cargo::rerun-if-changed={}", file.display());
            }
        }
    }
    let out = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|c| !c.is_empty())
}

/// The git folder of a checkout (`.git`, or where a worktree's `.git` file
/// points).
fn git_dir() -> Option<PathBuf> {
    let dot = PathBuf::from(".git");
    if dot.is_dir() {
        return Some(dot);
    }
    let text = std::fs::read_to_string(&dot).ok()?;
    let dir = PathBuf::from(text.trim().strip_prefix("gitdir: ")?);
    dir.is_dir().then_some(dir)
}
