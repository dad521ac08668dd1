//! Output folders: the site root, `content/` and a path inside it, other
//! site folders, a folder lede did not make, a symlinked or read-only output,
//! and two builds at once into the same output.

use super::{Broken, assert_same, everything};
use crate::support::{Site, manifest};

#[test]
fn outputs_that_would_replace_the_site_or_its_sources_are_refused() {
    let b = Broken::fixture("basic");
    std::fs::create_dir_all(b.site.root().join("templates")).unwrap();
    for (output, why) in [
        (".", "is the site folder itself"),
        ("./", "is the site folder itself"),
        ("content", "inside the site's content/ folder"),
        ("content/out", "inside the site's content/ folder"),
        ("content/nested/deeper", "inside the site's content/ folder"),
        ("static", "inside the site's static/ folder"),
        ("templates/out", "inside the site's templates/ folder"),
        ("..", "contains the site"),
        ("/", "file-system root"),
    ] {
        let run = b.refuses(&["build", "--output", output], 2, &[]);
        assert!(
            run.stderr.contains(why),
            "--output {output}: {}",
            run.stderr
        );
    }
    let run = b.refuses(&["build", "--root", "content"], 2, &[]);
    assert!(run.stderr.contains("not a lede site"), "{}", run.stderr);
}

#[test]
fn folders_lede_did_not_make_are_never_replaced() {
    let b = Broken::fixture("minimal");
    b.write("mine/notes.txt", "keep me");
    let run = b.refuses(&["build", "--output", "mine"], 2, &[]);
    assert!(run.stderr.contains("not made by lede"), "{}", run.stderr);
    b.write("other/site.yaml", "title: x\n");
    b.write(
        "other/.lede-build",
        "a marker does not make a site an output\n",
    );
    let run = b.refuses(&["build", "--output", "other"], 2, &[]);
    assert!(run.stderr.contains("looks like a site"), "{}", run.stderr);
    b.write("file-out", "a file");
    let run = b.refuses(&["build", "--output", "file-out"], 2, &[]);
    assert!(run.stderr.contains("is a file"), "{}", run.stderr);
    #[cfg(unix)]
    {
        // A marker that is only a link to some file does not count.
        std::os::unix::fs::symlink(
            b.site.root().join("file-out"),
            b.site.root().join("mine/.lede-build"),
        )
        .unwrap();
        let run = b.refuses(&["build", "--output", "mine"], 2, &[]);
        assert!(run.stderr.contains("not made by lede"), "{}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn symlinked_and_read_only_outputs_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let b = Broken::fixture("minimal");
    let elsewhere = Site::empty();
    elsewhere.write("precious.txt", "not lede's");
    std::os::unix::fs::symlink(elsewhere.root(), b.site.root().join("linked")).unwrap();
    let run = b.refuses(&["build", "--output", "linked"], 2, &[]);
    assert!(run.stderr.contains("is a symbolic link"), "{}", run.stderr);
    std::os::unix::fs::symlink(
        b.site.root().join("public"),
        b.site.root().join("public-link"),
    )
    .unwrap();
    let run = b.refuses(&["build", "--output", "public-link"], 2, &[]);
    assert!(run.stderr.contains("is a symbolic link"), "{}", run.stderr);
    assert_eq!(
        manifest(elsewhere.root()).len(),
        1,
        "the link's target is untouched"
    );
    let public = b.site.root().join("public");
    std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = b.refuses(&["build"], 2, &[]);
    std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(run.stderr.contains("is read-only"), "{}", run.stderr);
}

/// Builds at once into one output: each finishes, and the output is one
/// complete site, with no temporary folder left beside it.
#[test]
fn builds_at_once_into_the_same_output() {
    let site = Site::fixture("minimal");
    for i in 0..300 {
        site.write(
            &format!("content/p{i:03}.md"),
            format!(
                "---\ntitle: Page {i}\ndate: 2026-01-02\ntags: [t{}]\n---\n{}\n",
                i % 7,
                "Text. ".repeat(200)
            ),
        );
    }
    let reference = Site::empty();
    let reference_out = reference.root().join("out");
    site.lede(&["build", "--output", reference_out.to_str().unwrap()])
        .ok();
    let expected = manifest(&reference_out);
    for _round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
                    .arg("build")
                    .current_dir(site.root())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(manifest(&site.root().join("public")), expected);
        crate::support::wait_until_swept(site.root());
    }
    let before = everything(&site);
    site.lede(&["build"]).ok();
    assert_same(&before, &everything(&site));
}
