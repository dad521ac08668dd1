//! Fixture sites copied to a temporary folder, the `lede` binary run on them
//! with a cleared environment, and helpers to read the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// The outcome of one `lede` run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "lede failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Where test sites are made: `LEDE_TEST_TMPDIR` if set, else a memory
/// file system where there is one (`/dev/shm` on Linux), else Cargo's
/// `CARGO_TARGET_TMPDIR`. The tests build sites of up to 100,000 files
/// many times over; on a disk they spend most of their time creating and
/// deleting files (minutes on a 2-core VM's ext4), in memory seconds. What
/// they check (output, exit codes, atomic replacement under SIGKILL, peak
/// memory of the process) does not depend on the file system: a killed
/// process loses nothing the page cache holds either way.
pub fn scratch() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        if let Some(dir) = std::env::var_os("LEDE_TEST_TMPDIR") {
            return PathBuf::from(dir);
        }
        let shm = Path::new("/dev/shm");
        let writable = shm.is_dir()
            && tempfile::Builder::new()
                .prefix("lede-probe-")
                .tempdir_in(shm)
                .is_ok();
        if writable {
            shm.to_path_buf()
        } else {
            PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        }
    })
    .clone()
}

/// The repository root (the demo site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Site {
    /// A copy of `tests/fixtures/sites/NAME`.
    pub fn fixture(name: &str) -> Self {
        let site = Self::empty();
        copy_dir(
            &repo_root().join("tests/fixtures/sites").join(name),
            site.root(),
        );
        site
    }

    /// An empty folder, in [`scratch`].
    pub fn empty() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("lede-test-")
            .tempdir_in(scratch())
            .unwrap();
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `lede ARGS` in the site folder with a cleared environment.
    pub fn lede(&self, args: &[&str]) -> Run {
        lede_in(self.root(), args)
    }

    /// Reads an output file of `public/`.
    pub fn public(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Parses an output page of `public/`.
    pub fn page(&self, rel: &str) -> Html {
        Html::parse_document(&self.public(rel))
    }

    /// Every file of `public/` with its bytes.
    pub fn manifest(&self) -> BTreeMap<String, Vec<u8>> {
        manifest(&self.root().join("public"))
    }
}

/// Runs the binary in `dir`.
pub fn lede_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("run lede");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir` (relative path → bytes).
pub fn manifest(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// All elements matching a CSS selector.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    html.select(&sel).collect()
}

/// The text of an element, whitespace collapsed.
pub fn text(e: &scraper::ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<main>` element's HTML, for snapshots.
pub fn main_html(html: &Html) -> String {
    select(html, "main")
        .first()
        .map(|m| m.html())
        .unwrap_or_default()
}

/// A running `lede serve` on a free port; killed when dropped, whatever
/// the test did.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT/base/`, as printed.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    /// Starts `lede serve --port 0 ARGS` in `root` and waits for its address.
    pub fn start(root: &Path, args: &[&str]) -> Self {
        use std::io::{BufRead, BufReader, Read};
        use std::process::Stdio;
        use std::sync::{Arc, Mutex, mpsc};
        let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(root)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start lede serve");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        let keep = stdout.clone();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("serving ") {
                    let _ = tx.send(url.split(' ').next().unwrap_or("").to_string());
                }
                keep.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut err = child.stderr.take().unwrap();
        let keep = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                keep.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut server = Self {
            child,
            url: String::new(),
            addr: String::new(),
            stdout,
            stderr,
        };
        match rx.recv_timeout(std::time::Duration::from_secs(30)) {
            Ok(url) => server.url = url,
            Err(_) => panic!(
                "lede serve printed no address:\n{}\n{}",
                server.stdout(),
                server.stderr()
            ),
        }
        let rest = server.url.trim_start_matches("http://");
        server.addr = rest.split('/').next().unwrap().to_string();
        server
    }

    /// What it printed on stdout so far.
    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    /// What it printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// `GET path` (from the host root): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        self.get_with(path, &[])
    }

    /// `GET path` with extra headers, sent as written (no client-side
    /// normalisation of `..` or `%2e`).
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut request = format!("GET {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            request.push_str(&format!("Host: {}\r\n", self.addr));
        }
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Opens the live-reload stream; its lines arrive on the channel.
    pub fn events(&self) -> std::sync::mpsc::Receiver<String> {
        use std::io::{BufRead, BufReader, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        let request = format!(
            "GET /__lede/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        );
        stream.write_all(request.as_bytes()).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Calls `f` until it returns `Some`, or panics with `what` after `limit`.
pub fn poll<T>(limit: std::time::Duration, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(std::time::Instant::now() < deadline, "timed out: {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The temporary and old outputs lede has beside the outputs in `dir`
/// (`public.lede-tmp-…`), but for the spare each output keeps for its
/// next build (`public.lede-tmp-spare`).
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".lede-tmp-") && !n.ends_with(".lede-tmp-spare"))
        .collect()
}

/// Waits until no temporary or old output is left beside the outputs in
/// `dir`: an old output is removed by a `lede __sweep` process of its own,
/// soon after the build that swapped it out.
pub fn wait_until_swept(dir: &Path) {
    poll(
        std::time::Duration::from_secs(60),
        "old outputs removed",
        || leftovers(dir).is_empty().then_some(()),
    );
}

/// Every file under `dir`: its size and a hash of its bytes (a manifest of
/// 100,000 files without holding them in memory).
pub fn hashed_manifest(dir: &Path) -> BTreeMap<String, (u64, u64)> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let mut h = DefaultHasher::new();
            bytes.hash(&mut h);
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, (bytes.len() as u64, h.finish()));
        }
    }
    out
}
