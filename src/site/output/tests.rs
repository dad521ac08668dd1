//! The output folder: atomic replacement, the spare.

use super::target::tests::site;
use super::*;

#[test]
fn commit_replaces_and_drop_discards() {
    let s = site();
    let target = check_target(s.path(), &s.path().join("public")).unwrap();
    let out = Output::begin(target.clone()).unwrap();
    out.write("a/index.html", b"one").unwrap();
    out.commit().unwrap();
    assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"one");
    let out = Output::begin(target.clone()).unwrap();
    out.write("b.html", b"two").unwrap();
    drop(out);
    assert!(
        target.join("a/index.html").exists(),
        "an abandoned build leaves the old output"
    );
    let out = Output::begin(target.clone()).unwrap();
    out.write("b.html", b"two").unwrap();
    out.commit().unwrap();
    assert!(!target.join("a/index.html").exists());
    assert!(target.join("b.html").exists() && target.join(MARKER).exists());
    let leftovers: Vec<_> = fs::read_dir(s.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(TMP_INFIX))
        .collect();
    assert_eq!(leftovers, ["public.lede-tmp-spare"], "only the spare");
    assert!(out_path_rejects_dotdot(&target));
}

#[test]
fn a_build_into_the_spare_makes_what_a_build_into_nothing_makes() {
    let s = site();
    let target = check_target(s.path(), &s.path().join("public")).unwrap();
    let files: [&[(&str, &[u8])]; 3] = [
        &[
            ("a/index.html", b"a1"),
            ("b", b"file"),
            ("c/d/e.html", b"e"),
        ],
        &[("a/index.html", b"a2"), ("x.html", b"x")],
        &[
            ("a/index.html", b"a1"),
            ("b/index.html", b"now a folder"),
            ("c", b"c"),
        ],
    ];
    for (i, build) in files.iter().enumerate() {
        let out = Output::begin(target.clone()).unwrap();
        assert_eq!(out.written.is_some(), i > 1, "the spare is taken");
        for (path, bytes) in *build {
            out.write(path, bytes).unwrap();
        }
        out.commit().unwrap();
        let made: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&target)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
            .map(|e| {
                let rel = e.path().strip_prefix(&target).unwrap();
                (rel.display().to_string(), fs::read(e.path()).unwrap())
            })
            .collect();
        let wanted: Vec<(String, Vec<u8>)> = build
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        assert_eq!(made, wanted, "build {i}");
    }
    // The output build 2 replaced (build 1's) is the spare now, intact.
    let spare = spare::path_of(&target);
    assert_eq!(fs::read(spare.join("a/index.html")).unwrap(), b"a2");
}

fn out_path_rejects_dotdot(target: &Path) -> bool {
    let out = Output::begin(target.to_path_buf()).unwrap();
    out.write("../escape.txt", b"x").is_err()
}
