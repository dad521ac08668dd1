//! The whole-site benchmark: `cargo run --release --example bench`.
//!
//! Generates a deterministic corpus at each N (`corpus.rs`), then builds it
//! with lede (with and without the search index), with a floor (this
//! program's own `--floor` mode: front matter stripped, pulldown-cmark in
//! parallel, one file per article, nothing else) and, when `hugo` is on the
//! PATH, with Hugo on the same articles. Each build is a separate process,
//! timed from spawn to exit, its peak memory read from the kernel's
//! high-water mark (`VmHWM` in /proc/PID/status, Linux).
//!
//! By default each tool rebuilds into its own previous output, as users
//! build: one untimed build makes it, then the timed runs go into it (lede
//! replaces it whole, the others overwrite it). `--cold` measures cold
//! output instead: before each run the previous output is removed and the
//! disk synced; as root, the page cache is dropped and the input read back
//! (see `prepare_cold`; `BENCH_KEEP_CACHES=1` skips that). Prints a
//! Markdown table.
//!
//! ```text
//! cargo run --release --example bench -- [--sizes 1000,10000,50000] [--runs 3]
//!     [--dir target/bench] [--search] [--no-hugo] [--keep] [--cold] [--features]
//! ```
//!
//! `--keep` leaves the generated corpora (`DIR/lede-N`, `DIR/hugo-N`) for
//! other measurements (`lede serve --root DIR/lede-10000`, `lede check`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod corpus;
mod features;
#[path = "../common/photo.rs"]
mod photo;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    dir: PathBuf,
    search: bool,
    hugo: bool,
    keep: bool,
    cold: bool,
    features: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo run --release --example bench -- [--sizes 1000,10000] [--runs 3] [--dir target/bench] [--search] [--no-hugo] [--keep] [--cold] [--features]"
    );
    std::process::exit(2)
}

fn parse_args() -> Options {
    let mut o = Options {
        sizes: vec![1000, 10_000],
        runs: 3,
        dir: PathBuf::from("target/bench"),
        search: false,
        hugo: true,
        keep: false,
        cold: false,
        features: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => {
                let v = args.next().unwrap_or_else(|| usage());
                o.sizes = v
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .replace('_', "")
                            .parse()
                            .unwrap_or_else(|_| usage())
                    })
                    .collect();
            }
            "--runs" => {
                o.runs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--dir" => o.dir = args.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            "--search" => o.search = true,
            "--no-hugo" => o.hugo = false,
            "--keep" => o.keep = true,
            "--cold" => o.cold = true,
            "--features" => o.features = true,
            "--floor" => {
                let (Some(src), Some(out)) = (args.next(), args.next()) else {
                    usage()
                };
                floor(Path::new(&src), Path::new(&out));
                std::process::exit(0);
            }
            _ => usage(),
        }
    }
    o
}

/// The floor: strip front matter, render Markdown, write one file each.
fn floor(src: &Path, out: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(src.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    std::fs::create_dir_all(out).expect("floor: output folder");
    files.par_iter().for_each(|path| {
        let text = std::fs::read_to_string(path).expect("floor: read");
        let body = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.find("\n---\n").map(|i| &rest[i + 5..]))
            .unwrap_or(&text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        let options = pulldown_cmark::Options::ENABLE_FOOTNOTES
            | pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION;
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        std::fs::write(out.join(format!("{name}.html")), html).expect("floor: write");
    });
}

/// One process run: wall time and peak resident memory in MB.
struct Sample {
    wall: Duration,
    peak_mb: f64,
}

fn high_water_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The spare lede keeps beside `output` (`<output>.lede-tmp-spare`).
fn spare(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".lede-tmp-spare");
    PathBuf::from(name)
}

/// Removes an output folder and its spare.
fn remove_output(output: &Path) {
    let _ = std::fs::remove_dir_all(output);
    let _ = std::fs::remove_dir_all(spare(output));
}

/// Cold output: the previous output removed, the disk synced, and (as root)
/// the page cache dropped with the input read back.
fn prepare_cold(output: &Path, input: &Path) {
    if output.exists() {
        std::fs::remove_dir_all(output).expect("remove the previous output");
    }
    // And the output before it, which lede keeps beside it to write into.
    let _ = std::fs::remove_dir_all(spare(output));
    let _ = Command::new("sync").status();
    // ext4 without a journal skips the inodes freed in the last minute when
    // it allocates new ones, one buffer-cache lookup each: the run right
    // after removing the previous output's 20,000 files then spends seconds
    // in the kernel (`recently_deleted` in a profile), whichever tool it is.
    // As root, dropping the page cache ends that; the input is read back
    // so that every tool starts with it cached. Elsewhere nothing changes.
    if std::env::var_os("BENCH_KEEP_CACHES").is_none()
        && std::fs::write("/proc/sys/vm/drop_caches", "1").is_ok()
    {
        for entry in walkdir::WalkDir::new(input).into_iter().flatten() {
            if entry.file_type().is_file() {
                let _ = std::fs::read(entry.path());
            }
        }
    }
}

fn run(mut cmd: Command, output: &Path, input: &Path, cold: bool) -> Sample {
    if cold {
        prepare_cold(output, input);
    }
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let pid = child.id();
    let mut peak = 0;
    loop {
        if let Some(kb) = high_water_kb(pid) {
            peak = peak.max(kb);
        }
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => panic!("wait: {e}"),
        }
    }
    let wall = start.elapsed();
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Sample {
        wall,
        peak_mb: peak as f64 / 1024.0,
    }
}

/// Median wall time and the largest peak over `runs` runs.
/// (Rebuild mode: after one untimed build that makes the previous output.)
fn measure(
    (runs, cold): (usize, bool),
    output: &Path,
    input: &Path,
    make: impl Fn() -> Command,
) -> Sample {
    let mut taken = measure_in_turn((runs, cold), &[(output, input, &make)]);
    taken.remove(0)
}

/// [`measure`] for several builds at once (output, input, command), their
/// runs taken in turn (a, b, c, a, b, c…), so that a slower or a faster
/// stretch of the machine falls on each of them alike.
fn measure_in_turn(
    (runs, cold): (usize, bool),
    builds: &[(&Path, &Path, &dyn Fn() -> Command)],
) -> Vec<Sample> {
    if !cold {
        for (output, input, make) in builds {
            run(make(), output, input, false);
        }
    }
    let mut samples: Vec<Vec<Sample>> = builds.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs.max(1) {
        for ((output, input, make), taken) in builds.iter().zip(&mut samples) {
            taken.push(run(make(), output, input, cold));
        }
    }
    samples
        .into_iter()
        .map(|mut taken| {
            taken.sort_by_key(|s| s.wall);
            Sample {
                wall: taken[taken.len() / 2].wall,
                peak_mb: taken.iter().map(|s| s.peak_mb).fold(0.0, f64::max),
            }
        })
        .collect()
}

fn lede_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "lede"])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cargo build --release failed");
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    target.join("release/lede")
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn main() {
    let o = parse_args();
    let lede = lede_binary();
    let hugo = o.hugo && on_path("hugo");
    let me = std::env::current_exe().expect("own path");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "lede {} · {threads} threads · runs per row {} (median wall, largest peak) · {} · output in {}",
        env!("CARGO_PKG_VERSION"),
        o.runs,
        if o.cold {
            "cold output (removed, caches dropped)"
        } else {
            "rebuilds into the previous output"
        },
        o.dir.display()
    );
    println!();
    println!("| tool | N | median wall s | pages/s | peak RSS MB | ÷ floor | ÷ lede |");
    println!("|---|---|---|---|---|---|---|");
    for &n in &o.sizes {
        let site = o.dir.join(format!("lede-{n}"));
        let t = Instant::now();
        corpus::write_lede(&site, n).expect("write the lede corpus");
        let words: usize = (1..=n.min(200))
            .map(|i| corpus::body_words(&corpus::article(i)))
            .sum();
        eprintln!(
            "generated {n} explainers ({} words on average) in {:.1} s",
            words / n.min(200),
            t.elapsed().as_secs_f64()
        );
        let runs = if n > 20_000 { 1 } else { o.runs };
        let floor_out = o.dir.join("floor-out");
        let floor = measure((runs, o.cold), &floor_out, &site, || {
            let mut c = Command::new(&me);
            c.arg("--floor").arg(&site).arg(&floor_out);
            c
        });
        let out = o.dir.join("lede-out");
        let lede_command = |site: &Path, out: &Path, search: bool| {
            let mut c = Command::new(&lede);
            c.args(["build", "--root"])
                .arg(site)
                .arg("--output")
                .arg(out);
            if !search {
                c.arg("--no-search");
            }
            c
        };
        let lede_run = |site: &Path, out: &Path, search: bool| {
            measure((runs, o.cold), out, site, || {
                lede_command(site, out, search)
            })
        };
        let lede_plain = lede_run(&site, &out, false);
        let row = |tool: &str, s: &Sample| {
            println!(
                "| {tool} | {n} | {:.2} | {:.0} | {:.0} | {:.1}× | {:.2}× |",
                s.wall.as_secs_f64(),
                n as f64 / s.wall.as_secs_f64(),
                s.peak_mb,
                s.wall.as_secs_f64() / floor.wall.as_secs_f64(),
                s.wall.as_secs_f64() / lede_plain.wall.as_secs_f64(),
            );
        };
        row("floor (pulldown-cmark only)", &floor);
        row("lede build --no-search", &lede_plain);
        if o.search {
            row("lede build (with search)", &lede_run(&site, &out, true));
        }
        if o.features {
            // The same articles with a whole site's features on
            // (features.rs), and every one of those articles with the
            // features off; measured in turn with the plain corpus.
            let fsite = o.dir.join(format!("lede-features-{n}"));
            features::write_lede_features(&fsite, n).expect("write the features corpus");
            let osite = o.dir.join(format!("lede-features-off-{n}"));
            features::write_lede_features_off(&osite, n).expect("write the features-off corpus");
            let (fout, oout) = (
                o.dir.join("lede-features-out"),
                o.dir.join("lede-features-off-out"),
            );
            let plain = || lede_command(&site, &out, false);
            let on = || lede_command(&fsite, &fout, false);
            let off = || lede_command(&osite, &oout, false);
            let taken = measure_in_turn(
                (runs, o.cold),
                &[
                    (&out, &site, &plain),
                    (&fout, &fsite, &on),
                    (&oout, &osite, &off),
                ],
            );
            let [plain, f, off] = &taken[..] else {
                unreachable!("three builds measured")
            };
            row("lede build --no-search, in turn with the two below", plain);
            row("lede build --no-search, features on", f);
            row(
                "lede build --no-search, the same articles, features off",
                off,
            );
            println!(
                "features on ÷ off (in turn): {:.2}× against the plain corpus, {:.2}× against the same articles",
                f.wall.as_secs_f64() / plain.wall.as_secs_f64(),
                f.wall.as_secs_f64() / off.wall.as_secs_f64(),
            );
            remove_output(&fout);
            remove_output(&oout);
            if !o.keep {
                let _ = std::fs::remove_dir_all(&fsite);
                let _ = std::fs::remove_dir_all(&osite);
            }
        }
        if hugo {
            let hsite = o.dir.join(format!("hugo-{n}"));
            corpus::write_hugo(&hsite, n).expect("write the Hugo corpus");
            let hout = o.dir.join("hugo-out");
            let h = measure((runs, o.cold), &hout, &hsite, || {
                let mut c = Command::new("hugo");
                c.arg("--quiet")
                    .arg("--source")
                    .arg(&hsite)
                    .arg("--destination");
                c.arg(
                    std::fs::canonicalize(&o.dir)
                        .unwrap_or_else(|_| o.dir.clone())
                        .join("hugo-out"),
                );
                c
            });
            row("hugo", &h);
            if !o.keep {
                let _ = std::fs::remove_dir_all(&hsite);
            }
        }
        for dir in [&floor_out, &out, &o.dir.join("hugo-out")] {
            remove_output(dir);
        }
        if !o.keep {
            let _ = std::fs::remove_dir_all(&site);
        }
    }
    if !hugo && o.hugo {
        eprintln!("(hugo is not on the PATH: install it to compare)");
    }
}
