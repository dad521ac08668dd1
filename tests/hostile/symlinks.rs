//! Symbolic links: loops, and links that lead out of the site, which are
//! never followed (the file behind them is neither read nor published).
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use super::{Broken, assert_reports, assert_same, everything};
use crate::support::Site;

/// A folder outside the site with a secret explainer and a secret file.
fn outside() -> Site {
    let out = Site::empty();
    out.write(
        "secret.md",
        "---\ntitle: SECRET-TITLE\ndate: 2026-01-01\n---\nSECRET-BODY\n",
    );
    out.write("secret.txt", "SECRET-FILE");
    out.write("page.html", "SECRET-TEMPLATE");
    out
}

fn no_secret_in(dir: &Path) {
    for (path, bytes) in crate::support::manifest(dir) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET"), "{path} holds a secret");
    }
}

#[test]
fn links_to_files_outside_and_loops_are_skipped_with_a_warning() {
    let b = Broken::fixture("minimal");
    let out = outside();
    let content = b.site.root().join("content");
    symlink(out.root().join("secret.md"), content.join("leak.md")).unwrap();
    symlink(content.join("loop.md"), content.join("loop.md")).unwrap();
    symlink(content.join("a.md"), content.join("b.md")).unwrap();
    symlink(content.join("b.md"), content.join("a.md")).unwrap();
    symlink(out.root(), content.join("folder.md")).unwrap();
    symlink("/dev/zero", content.join("zero.md")).unwrap();
    std::fs::create_dir_all(b.site.root().join("static")).unwrap();
    symlink(
        out.root().join("secret.txt"),
        b.site.root().join("static/leak.txt"),
    )
    .unwrap();
    symlink(out.root(), b.site.root().join("static/dir")).unwrap();
    // Warnings only: the build goes on and, everything skipped, writes the
    // same site as before, byte for byte.
    let before = everything(&b.site);
    let run = b.site.lede(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_reports(
        &run.stderr,
        &[
            ("points outside the site", "content/leak.md"),
            ("is broken or loops", "content/loop.md"),
            ("is broken or loops", "content/a.md"),
            ("points outside the site", "content/zero.md"),
            ("points outside the site", "static/leak.txt"),
        ],
    );
    assert_same(&before, &everything(&b.site));
    no_secret_in(&b.site.root().join("public"));
}

#[test]
fn site_folders_linked_out_of_the_site_are_errors() {
    let b = Broken::fixture("basic");
    let out = outside();
    let root = b.site.root().to_path_buf();
    for (name, target) in [
        ("content", out.root().to_path_buf()),
        ("static", out.root().to_path_buf()),
        ("templates", out.root().to_path_buf()),
    ] {
        let real = root.join(format!("{name}.real"));
        if root.join(name).exists() {
            std::fs::rename(root.join(name), &real).unwrap();
        }
        symlink(&target, root.join(name)).unwrap();
        b.build_fails(&[(
            &format!("{name}/ is a symbolic link to"),
            &format!("{name}/"),
        )]);
        std::fs::remove_file(root.join(name)).unwrap();
        if real.exists() {
            std::fs::rename(&real, root.join(name)).unwrap();
        }
    }
    std::fs::create_dir_all(root.join("templates")).unwrap();
    symlink(
        out.root().join("page.html"),
        root.join("templates/page.html"),
    )
    .unwrap();
    b.build_fails(&[("points outside the site", "templates/page.html")]);
    std::fs::remove_file(root.join("templates/page.html")).unwrap();
    std::fs::rename(root.join("site.yaml"), out.root().join("site.yaml")).unwrap();
    symlink(out.root().join("site.yaml"), root.join("site.yaml")).unwrap();
    b.build_fails(&[("site.yaml is a symbolic link to", "site.yaml")]);
    no_secret_in(&root.join("public"));
}

#[test]
fn links_inside_the_site_are_followed() {
    let b = Broken::fixture("minimal");
    let root = b.site.root().to_path_buf();
    b.write(
        "articles/linked.md",
        "---\ntitle: Linked in\ndate: 2026-01-02\n---\nBody.\n",
    );
    symlink(
        root.join("articles/linked.md"),
        root.join("content/linked.md"),
    )
    .unwrap();
    b.write("shared/logo.txt", "logo");
    std::fs::create_dir_all(root.join("static")).unwrap();
    symlink(root.join("shared/logo.txt"), root.join("static/logo.txt")).unwrap();
    b.site.lede(&["build"]).ok();
    assert!(b.site.public("linked/index.html").contains("Linked in"));
    assert_eq!(b.site.public("logo.txt"), "logo");
}

#[test]
fn a_spare_output_with_links_out_of_it_never_leads_a_build_there() {
    // A repository could hold `public.lede-tmp-spare/` (the output kept for
    // the next build) with links: one to a folder outside, named like a
    // page's folder, one to a file, named like a page.
    let site = Site::fixture("minimal");
    let out = outside();
    let spare = site.root().join("public.lede-tmp-spare");
    std::fs::create_dir_all(&spare).unwrap();
    std::fs::write(spare.join(".lede-build"), "").unwrap();
    symlink(out.root(), spare.join("only")).unwrap();
    symlink(out.root().join("secret.txt"), spare.join("index.html")).unwrap();
    // The first build takes the spare (its links removed first); the
    // second writes a fresh folder and keeps the first one's output.
    let before = crate::support::manifest(out.root());
    for _ in 0..2 {
        let run = site.lede(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(
        crate::support::manifest(out.root()),
        before,
        "nothing written outside"
    );
    no_secret_in(&site.root().join("public"));
    let fresh = site.root().join("fresh");
    site.lede(&["build", "--output", "fresh"]).ok();
    assert!(
        crate::support::manifest(&site.root().join("public")) == crate::support::manifest(&fresh),
        "the build into the spare is the site, no more, no less"
    );
}
