//! Build-time facts: the commit `lede --version` shows, and whether the
//! browser tests run (`LEDE_BROWSER_TESTS=1` → the `browser_tests` cfg, so
//! that without it they are listed as ignored instead of passing silently).

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(browser_tests)");
    println!("cargo::rerun-if-env-changed=LEDE_BROWSER_TESTS");
    if std::env::var_os("LEDE_BROWSER_TESTS").is_some_and(|v| v == "1") {
        println!("cargo::rustc-cfg=browser_tests");
    }
    println!("cargo::rerun-if-env-changed=LEDE_COMMIT");
    if let Some(commit) = commit() {
        println!("cargo::rustc-env=LEDE_COMMIT={commit}");
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
    let git = Path::new(".git");
    if git.is_dir() {
        println!("cargo::rerun-if-changed=.git/HEAD");
        if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
            && let Some(reference) = head.trim().strip_prefix("ref: ")
        {
            // A ref packed away has no file of its own: a missing path
            // would make Cargo run this script on every build.
            if git.join(reference).is_file() {
                println!("cargo::rerun-if-changed=.git/{reference}");
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
