//! Reproducible output: the same input gives byte-identical output, whatever
//! the output folder, the site's place on disk, the files' modification
//! times or the order the file system lists them in. No build time, no
//! random id, stable order of pages, tags and feed entries (and of the
//! search index once it is built: it is compared like every other file).

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::{Site, manifest};

/// Sets every file's modification time under `dir` to `when`.
fn touch_all(dir: &Path, when: SystemTime) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .append(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(when).unwrap();
        }
    }
}

fn build_into(site: &Site, out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    site.lede(&["build", "--output", out.to_str().unwrap()])
        .ok();
    manifest(out)
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    for fixture in ["basic", "constructs"] {
        let site = Site::fixture(fixture);
        let outs = Site::empty();
        let first = build_into(&site, &outs.root().join("one"));
        assert!(first.len() > 10, "{fixture}: {} files", first.len());
        let second = build_into(&site, &outs.root().join("two"));
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            second.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &first {
            assert!(
                second[path] == *bytes,
                "{fixture}: {path} differs between two builds"
            );
        }
        // Other modification times (a fresh clone, a touched file).
        touch_all(
            site.root(),
            SystemTime::UNIX_EPOCH + Duration::from_secs(86_400 * 365),
        );
        assert!(
            build_into(&site, &outs.root().join("three")) == first,
            "{fixture}: mtimes"
        );
        touch_all(site.root(), SystemTime::now() + Duration::from_secs(3600));
        assert!(
            build_into(&site, &outs.root().join("four")) == first,
            "{fixture}: mtimes"
        );
        // The same site elsewhere on disk, built from its own folder.
        let moved = Site::empty();
        crate::support::copy_dir(site.root(), &moved.root().join("elsewhere"));
        let elsewhere = moved.root().join("elsewhere");
        let _ = std::fs::remove_dir_all(elsewhere.join("public"));
        crate::support::lede_in(&elsewhere, &["build"]).ok();
        assert!(
            manifest(&elsewhere.join("public")) == first,
            "{fixture}: another folder"
        );
        for (path, bytes) in &first {
            let text = String::from_utf8_lossy(bytes);
            for local in [site.root(), outs.root()] {
                let local = local.to_string_lossy();
                assert!(
                    !text.contains(local.as_ref()),
                    "{fixture}: {path} names {local}"
                );
            }
        }
    }
}

/// Many pages with equal dates, tags in every order: lists and feeds come
/// out in one order, not in the order files were read or hashed.
#[test]
fn ties_are_ordered_the_same_way_every_time() {
    let site = Site::fixture("minimal");
    for i in 0..60 {
        let tags = ["b", "a", "c", "A", "Ä"];
        let t1 = tags[i % 5];
        let t2 = tags[(i * 7 + 3) % 5];
        site.write(
            &format!("content/{}/p{i}.md", ["x", "y", "z"][i % 3]),
            format!("---\ntitle: Same day {i}\ndate: 2026-03-01\ntags: [{t1}, {t2}]\n---\nText.\n"),
        );
    }
    let outs = Site::empty();
    let first = build_into(&site, &outs.root().join("one"));
    for round in 0..3 {
        let second = build_into(&site, &outs.root().join(format!("again-{round}")));
        assert!(second == first, "round {round}");
    }
    // The home page and the pages after it, in order (20 to a page).
    let index: String = ["index.html", "page/2/index.html", "page/3/index.html"]
        .iter()
        .map(|p| String::from_utf8(first[*p].clone()).unwrap())
        .collect();
    let positions: Vec<usize> = (0..60)
        .map(|i| index.find(&format!("Same day {i}<")).unwrap())
        .collect();
    let mut by_slug: Vec<(String, usize)> =
        (0..60).map(|i| (format!("p{i}"), positions[i])).collect();
    by_slug.sort();
    assert!(
        by_slug.windows(2).all(|w| w[0].1 < w[1].1),
        "equal dates are ordered by slug"
    );
}
