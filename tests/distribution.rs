//! Distribution: the workflows `lede init` writes install the running
//! version of lede from its release binary, with its checksum verified, and
//! compile it only when there is no binary; every workflow passes zizmor
//! and GitHub's workflow schema.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Site, lede_in, repo_root};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const TARGET: &str = "x86_64-unknown-linux-musl";

/// The GitHub workflow `lede init` writes, parsed.
fn github_workflow(place: &Site) -> serde_yaml::Value {
    lede_in(place.root(), &["init", "site"]).ok();
    let text =
        std::fs::read_to_string(place.root().join("site/.github/workflows/pages.yml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The install step's script and the build job's environment.
fn install_step(workflow: &serde_yaml::Value) -> (String, serde_yaml::Value) {
    let job = &workflow["jobs"]["build"];
    let step = job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Install lede")
        .expect("an `Install lede` step");
    (
        step["run"].as_str().unwrap().to_string(),
        job["env"].clone(),
    )
}

/// A fake release (an archive holding a `lede` that prints its version,
/// and its checksum file), a `curl` that serves it from disk (or fails, as
/// for a version without binaries), and a `cargo` that leaves a mark.
struct World {
    dir: Site,
}

impl World {
    fn new(with_release: bool) -> Self {
        let dir = Site::empty();
        let root = dir.root().to_path_buf();
        for d in ["release", "bin", "home", "tmp"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        if with_release {
            let stage = root.join("stage");
            std::fs::create_dir_all(&stage).unwrap();
            script(
                &stage.join("lede"),
                "echo \"lede $LEDE_FAKE (the release binary)\"",
            );
            let archive = format!("lede-{TARGET}.tar.gz");
            run(Command::new("tar")
                .args(["-czf", &format!("../release/{archive}"), "lede"])
                .current_dir(&stage));
            let sum = Command::new("sha256sum")
                .arg(&archive)
                .current_dir(root.join("release"))
                .output()
                .unwrap();
            std::fs::write(root.join(format!("release/{archive}.sha256")), sum.stdout).unwrap();
        }
        // curl -fsSL --retry 3 -o OUT URL: the URL's file name, from release/.
        script(
            &root.join("bin/curl"),
            &format!(
                "out=''; for a in \"$@\"; do [ \"$prev\" = -o ] && out=$a; prev=$a; url=$a; done\n\
                 echo \"$url\" >> {log}/curl.log\n\
                 f={rel}/$(basename \"$url\")\n\
                 [ -f \"$f\" ] || exit 22\n\
                 cp \"$f\" \"$out\"",
                log = root.display(),
                rel = root.join("release").display()
            ),
        );
        script(
            &root.join("bin/cargo"),
            &format!(
                "echo \"cargo $*\" >> {log}/cargo.log\n\
                 mkdir -p \"$HOME/.cargo/bin\"\n\
                 printf '#!/bin/sh\\necho compiled\\n' > \"$HOME/.cargo/bin/lede\"\n\
                 chmod +x \"$HOME/.cargo/bin/lede\"",
                log = root.display()
            ),
        );
        Self { dir }
    }

    fn root(&self) -> &Path {
        self.dir.root()
    }

    /// Runs the GitHub install step with the job's environment.
    fn run_github(&self, script: &str, env: &serde_yaml::Value) -> std::process::Output {
        let mut cmd = Command::new("bash");
        cmd.arg("-c").arg(script);
        self.environment(&mut cmd);
        for (k, v) in env.as_mapping().unwrap() {
            cmd.env(k.as_str().unwrap(), v.as_str().unwrap());
        }
        cmd.env("RUNNER_TEMP", self.root().join("tmp"))
            .env("GITHUB_PATH", self.root().join("github_path"));
        cmd.output().unwrap()
    }

    fn environment(&self, cmd: &mut Command) {
        let path = format!(
            "{}:{}",
            self.root().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.env("PATH", path)
            .env("HOME", self.root().join("home"))
            .env("LEDE_FAKE", "fake");
    }

    fn compiled(&self) -> bool {
        self.root().join("cargo.log").exists()
    }

    fn log(&self, name: &str) -> String {
        std::fs::read_to_string(self.root().join(name)).unwrap_or_default()
    }
}

fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    run(Command::new("chmod").arg("+x").arg(path));
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[cfg(unix)]
#[test]
fn the_github_workflow_installs_the_running_version_from_its_release_binary() {
    let place = Site::empty();
    let workflow = github_workflow(&place);
    let (install, env) = install_step(&workflow);
    assert_eq!(
        env["LEDE_VERSION"].as_str(),
        Some(VERSION),
        "pins this version"
    );
    assert_eq!(env["LEDE_TARGET"].as_str(), Some(TARGET));

    // A release exists: downloaded, checked, never compiled.
    let world = World::new(true);
    let out = world.run_github(&install, &env);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !world.compiled(),
        "compiled although a release binary exists"
    );
    assert!(
        text(&out).contains("lede fake (the release binary)"),
        "{}",
        text(&out)
    );
    let urls = world.log("curl.log");
    assert!(
        urls.contains(&format!(
            "https://github.com/lede-ssg/lede/releases/download/v{VERSION}/lede-{TARGET}.tar.gz\n"
        )),
        "{urls}"
    );
    assert!(
        urls.contains(&format!("lede-{TARGET}.tar.gz.sha256")),
        "{urls}"
    );

    // A tampered archive: the checksum stops the job, nothing is compiled.
    let world = World::new(true);
    let archive = world.root().join(format!("release/lede-{TARGET}.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&archive, bytes).unwrap();
    let out = world.run_github(&install, &env);
    assert!(
        !out.status.success(),
        "a bad checksum must fail: {}",
        text(&out)
    );
    assert!(!world.compiled());

    // No release binary for this version: compiled from crates.io, pinned.
    let world = World::new(false);
    let out = world.run_github(&install, &env);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        world.log("cargo.log"),
        format!("cargo install --locked lede-ssg@{VERSION}\n")
    );
}

#[test]
fn the_github_workflow_checks_builds_caches_and_deploys() {
    let place = Site::empty();
    let workflow = github_workflow(&place);
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let check = runs
        .iter()
        .position(|r| *r == "lede check")
        .expect("lede check");
    let build = runs
        .iter()
        .position(|r| r.starts_with("lede build --base-url"))
        .expect("lede build");
    assert!(check < build, "checks before it builds");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    let cached: Vec<&str> = steps
        .iter()
        .filter(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .filter_map(|s| s["with"]["path"].as_str())
        .collect();
    assert!(cached.contains(&".lede-cache"), "{cached:?}");
    assert!(cached.contains(&"~/.cargo/bin/lede"), "{cached:?}");
    let deploy = workflow["jobs"]["deploy"]["steps"][0]["uses"]
        .as_str()
        .unwrap();
    for action in uses.iter().copied().chain([deploy]) {
        let (_, pin) = action.split_once('@').unwrap();
        assert!(
            pin.len() == 40 && pin.chars().all(|c| c.is_ascii_hexdigit()),
            "{action} is not pinned to a commit"
        );
    }
    for pages in [
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/checkout@",
    ] {
        assert!(
            uses.iter().any(|u| u.starts_with(pages)),
            "{pages} in {uses:?}"
        );
    }
    assert!(deploy.starts_with("actions/deploy-pages@"));
}

#[cfg(unix)]
#[test]
fn the_gitlab_job_installs_the_running_version_from_its_release_binary() {
    let place = Site::empty();
    lede_in(place.root(), &["init", "site", "--ci", "gitlab"]).ok();
    let site = place.root().join("site");
    assert!(!site.join(".github").exists());
    let ci: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap())
            .unwrap();
    assert_eq!(ci["variables"]["LEDE_VERSION"].as_str(), Some(VERSION));
    let job = ci["pages"]["script"][1].as_str().unwrap();
    // The job's own install, without the site's check and build after it.
    let install = &job[..job.find("lede check").unwrap()];
    for (with_release, compiled) in [(true, false), (false, true)] {
        let world = World::new(with_release);
        let project = world.root().join("project");
        std::fs::create_dir_all(&project).unwrap();
        // `apk` is the image's package manager; here it does nothing.
        script(&world.root().join("bin/apk"), "exit 0");
        // The fallback installs with `--root /tmp/lede`: into the test's
        // own folder instead.
        let cargo_root = world.root().join("cargo-root");
        script(
            &world.root().join("bin/cargo"),
            &format!(
                "echo \"cargo $*\" >> {log}/cargo.log\nmkdir -p {root}/bin\n\
                 printf '#!/bin/sh\\necho compiled\\n' > {root}/bin/lede\nchmod +x {root}/bin/lede",
                log = world.root().display(),
                root = cargo_root.display()
            ),
        );
        let install = install.replace("/tmp/lede", &cargo_root.display().to_string());
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(&install);
        world.environment(&mut cmd);
        cmd.env("CI_PROJECT_DIR", &project)
            .env("LEDE_VERSION", VERSION)
            .env("LEDE_TARGET", TARGET);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(world.compiled(), compiled, "{}", text(&out));
        if compiled {
            assert!(
                world
                    .log("cargo.log")
                    .contains(&format!("lede-ssg@{VERSION}"))
            );
        } else {
            assert!(text(&out).contains("the release binary"), "{}", text(&out));
        }
    }
}

/// The workflows of this repository and those `lede init` writes.
fn workflows() -> (Site, Vec<PathBuf>) {
    let place = Site::empty();
    lede_in(place.root(), &["init", "site"]).ok();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.push(place.root().join("site/.github/workflows/pages.yml"));
    (place, files)
}

/// A tool installed by `.ci/run` (its venv), or on PATH.
fn tool(name: &str) -> PathBuf {
    let venv = repo_root().join(".ci/.venv/bin").join(name);
    if venv.is_file() {
        venv
    } else {
        PathBuf::from(name)
    }
}

#[test]
#[cfg_attr(
    not(workflow_tests),
    ignore = "zizmor and check-jsonschema: set LEDE_WORKFLOW_TESTS=1"
)]
fn every_workflow_passes_zizmor_and_the_workflow_schema() {
    let (_place, files) = workflows();
    let zizmor = Command::new(tool("zizmor"))
        .args(["--offline", "--min-severity", "medium"])
        .args(&files)
        .output()
        .expect("zizmor (pip install zizmor; .ci/run installs it)");
    assert!(
        zizmor.status.success(),
        "zizmor found something above low:\n{}",
        text(&zizmor)
    );
    let schema = Command::new(tool("check-jsonschema"))
        .args(["--builtin-schema", "vendor.github-workflows"])
        .args(&files)
        .output()
        .expect("check-jsonschema (pip install check-jsonschema; .ci/run installs it)");
    assert!(schema.status.success(), "{}", text(&schema));
}
