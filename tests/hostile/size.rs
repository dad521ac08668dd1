//! Size: a 50 MB explainer and 100,000 small ones. Memory stays bounded:
//! the peak resident size of the build, sampled from /proc while it runs,
//! stays under a ceiling (sampling can only under-estimate the peak, so the
//! assertion never fails falsely; docs/performance.md gives the figures
//! measured with /usr/bin/time -v).

use std::path::Path;
use std::process::{Command, Stdio};

use super::{Broken, assert_reports};
use crate::support::{Run, hashed_manifest as hashed};

/// Runs `lede ARGS` in `dir` and samples its peak resident size (KiB).
fn lede_with_peak(dir: &Path, args: &[&str]) -> (Run, u64) {
    let child = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let sampler = std::thread::spawn(move || {
        let mut peak = 0;
        while let Ok(text) = std::fs::read_to_string(&status) {
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            match hwm {
                Some(kb) => peak = peak.max(kb),
                None => break, // a zombie: the process has ended
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        peak
    });
    let out = child.wait_with_output().unwrap();
    let peak = sampler.join().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (run, peak)
}

const MIB: u64 = 1024;

#[test]
fn a_50_mb_explainer_builds_in_bounded_memory_and_its_errors_have_lines() {
    let b = Broken::fixture("minimal");
    let mut body = String::with_capacity(51 << 20);
    body.push_str("---\ntitle: Big\ndate: 2026-01-02\n---\n");
    let mut i = 0;
    while body.len() < 50 << 20 {
        i += 1;
        body.push_str(&format!(
            "## Section {i}\n\nParagraph {i} with *emphasis*, `code` and a [link](https://example.org/{i}). {}\n\n- one\n- two\n\n",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(10)
        ));
    }
    let lines = body.lines().count();
    b.write("content/big.md", &body);
    let (run, peak) = lede_with_peak(b.site.root(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        peak < 1024 * MIB,
        "peak resident size {peak} KiB for a 50 MB explainer"
    );
    // Broken at its very end: the message has the line; the output stays.
    body.push_str("\nA citation of [^nowhere].\n");
    b.write("content/big.md", &body);
    let before = hashed(&b.site.root().join("public"));
    let (run, peak) = lede_with_peak(b.site.root(), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_reports(
        &run.stderr,
        &[(
            "`[^nowhere]` is neither a source nor a note",
            &format!("content/big.md:{}:", lines + 2),
        )],
    );
    assert!(peak < 1024 * MIB, "peak resident size {peak} KiB");
    assert_eq!(hashed(&b.site.root().join("public")), before);
}

#[test]
fn a_hundred_thousand_explainers_build_in_bounded_memory() {
    let b = Broken::fixture("minimal");
    // Memory of the model, not the social cards' drawing time (docs/images.md).
    let config = std::fs::read_to_string(b.site.root().join("site.yaml")).unwrap();
    b.write("site.yaml", format!("{config}cards: false\n"));
    let n = 100_000;
    for i in 0..n {
        b.write(
            &format!("content/d{:03}/e{i:06}.md", i / 1000),
            format!(
                "---\ntitle: Explainer {i}\ndate: 2026-01-{:02}\ntags: [t{}]\n---\nHello {i}.\n",
                1 + i % 28,
                i % 50
            ),
        );
    }
    let (run, peak) = lede_with_peak(b.site.root(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with(&format!("built {} explainers", n + 1)),
        "{}",
        run.stdout
    );
    assert!(
        peak < 2048 * MIB,
        "peak resident size {peak} KiB for {n} explainers"
    );
    let before = hashed(&b.site.root().join("public"));
    b.write(
        "content/d050/broken.md",
        "---\ntitle: Broken\ndate: 2026-02-30\n---\n",
    );
    let (run, _) = lede_with_peak(b.site.root(), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_reports(&run.stderr, &[("bad date", "content/d050/broken.md:3:7")]);
    assert_eq!(hashed(&b.site.root().join("public")), before);
}

#[test]
fn fifty_thousand_broken_anchors_are_counted_not_all_shown() {
    let b = Broken::fixture("minimal");
    let mut body = String::with_capacity(6 << 20);
    body.push_str("---\ntitle: Many links\ndate: 2026-01-02\n---\n\n## Only heading\n\n");
    let line = "See [the missing part](#nowhere), which this padded line links to in vain, and then goes on for a while.\n\n";
    for _ in 0..50_000 {
        body.push_str(line);
    }
    assert!(body.len() > 5_000_000);
    b.write("content/links.md", &body);
    let before = hashed(&b.site.root().join("public"));
    let (run, _) = lede_with_peak(b.site.root(), &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shown = run
        .stderr
        .matches("no element with the id `nowhere`")
        .count();
    // 20 in full, and the count of the rest in one line naming them.
    assert_eq!(shown, 21, "{}", &run.stderr[..2000.min(run.stderr.len())]);
    assert!(
        run.stderr.contains(
            "… and 49980 more like “no element with the id `nowhere` on this page” in content/links.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/links.md:8:5"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("50000 errors"), "{}", run.stderr);
    assert_eq!(hashed(&b.site.root().join("public")), before);
    // `check --all` shows every one.
    let (run, _) = lede_with_peak(b.site.root(), &["check", "--all"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr
            .matches("no element with the id `nowhere`")
            .count(),
        50_000
    );
}
