//! From saving an explainer to its new page being served by `lede serve`.
//!
//! ```text
//! cargo run --release --example bench -- --sizes 10000 --keep --no-hugo
//! cargo run --release --example serve_latency -- target/bench/lede-10000 [--edits 7] [--no-search]
//! ```
//!
//! Starts `lede serve --port 0` on the site, waits for the first build, then
//! edits one explainer at a time (a new word in its first paragraph, written
//! the way editors' save: the whole file at once), and polls its page every
//! millisecond until the word is served. Prints each edit's time and the
//! median. The search index is being rebuilt in the background meanwhile
//! (unless `--no-search`), as it is while an editor works. The edited files
//! are restored at the end.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = String::new();
    stream.read_to_string(&mut body).ok()?;
    Some(body)
}

fn lede_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--bin", "lede"])
        .status()
        .expect("run cargo build");
    assert!(status.success());
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    target.join("release/lede")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let (mut edits, mut search) = (7usize, true);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("--edits N"),
            "--no-search" => search = false,
            _ => root = Some(PathBuf::from(a)),
        }
    }
    let root = root.expect("usage: serve_latency SITE_DIR [--edits 7] [--no-search]");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut cmd = Command::new(lede_binary());
    cmd.args(["serve", "--port", "0", "--root"]).arg(&root);
    if !search {
        cmd.arg("--no-search");
    }
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start lede serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    // "serving http://127.0.0.1:PORT/ (Ctrl-C to stop)"
    let addr = loop {
        let line = lines.next().expect("serve exited").expect("read");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap_or_default().to_string();
        }
    };
    let verbose = std::env::var_os("LATENCY_VERBOSE").is_some();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if verbose {
                println!("  serve: {line}");
            }
        }
    });
    println!(
        "serving {} explainers at {addr} after {:.2} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    let mut originals = Vec::new();
    for k in 0..edits {
        let file = &files[(k * 7919) % files.len()];
        let text = std::fs::read_to_string(file).expect("read");
        originals.push((file.clone(), text.clone()));
        let word = format!("latencyprobe{k}x{}", std::process::id());
        let body_at = text[3..]
            .find("\n---\n")
            .map(|i| i + 3 + 5)
            .expect("front matter");
        let para = text[body_at..]
            .find("\n\n")
            .map(|i| body_at + i + 2)
            .expect("a paragraph");
        let edited = format!("{}{word} {}", &text[..para], &text[para..]);
        let slug = Path::new(file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        std::thread::sleep(Duration::from_millis(300));
        let t = Instant::now();
        std::fs::write(file, edited).expect("write");
        loop {
            if get(&addr, &format!("/{slug}/")).is_some_and(|b| b.contains(&word)) {
                break;
            }
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "{slug}: not served in 30 s"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!("edit {}: {slug} served after {ms:.0} ms", k + 1);
        times.push(ms);
    }
    for (file, text) in originals.iter().rev() {
        std::fs::write(file, text).expect("restore");
    }
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "median {:.0} ms over {} edits (min {:.0}, max {:.0})",
        times[times.len() / 2],
        times.len(),
        times[0],
        times[times.len() - 1]
    );
}
