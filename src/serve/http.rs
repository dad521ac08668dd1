//! The HTTP side of `serve`: the site from memory under its base path, the
//! live-reload events, and the rules that keep a dev server safe:
//! - only requests whose `Host` is the address served are answered (a page
//!   on another site cannot reach it through DNS rebinding);
//! - a request path is decoded once and refused when it holds `.` or `..`
//!   segments, backslashes, NUL, empty segments or invalid UTF-8; files
//!   come only from the rendered site in memory, never from the disk;
//! - live-reload connections are accepted only from the server's own pages;
//! - while the site has errors, every page is the error overlay.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, PoisonError, RwLock};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use tokio::sync::watch;

use crate::site::sink::Files;

/// The live-reload event stream.
pub const EVENTS: &str = "/__lede/events";
/// The live-reload script, added to every HTML page served.
pub const SCRIPT: &str = "/__lede/live-reload.js";

const SCRIPT_JS: &str = include_str!("live-reload.js");
const SCRIPT_TAG: &str = "<script src=\"/__lede/live-reload.js\" defer></script>";

/// What is being served right now.
#[derive(Debug, Default)]
pub struct Served {
    /// The rendered site, by site path.
    pub files: Files,
    /// The path the site is served under (`/` or `/repo/`).
    pub base: String,
    /// The error page shown instead of every page while the site has
    /// errors.
    pub overlay: Option<String>,
}

/// State shared by the request handlers and the rebuild thread.
pub struct Shared {
    /// The site.
    pub served: RwLock<Served>,
    /// Bumped after every rebuild; open pages reload when it changes.
    pub version: watch::Sender<u64>,
    /// Which `Host` headers are this server.
    pub hosts: Hosts,
}

impl Shared {
    /// Reads the served state.
    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Served> {
        self.served.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Serves new explainer pages ahead of the rest of an update (no reload
    /// yet), unless the error overlay is up.
    pub fn early(&self, pages: &Files) {
        let mut served = self.served.write().unwrap_or_else(PoisonError::into_inner);
        if served.overlay.is_none() {
            served
                .files
                .extend(pages.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }

    /// Swaps in a new search bundle (files under `dir/`, the old ones
    /// dropped) without reloading open pages: the index catches up in the
    /// background and nobody's page should jump for it.
    pub fn replace_bundle(&self, dir: &str, bundle: Files) {
        let mut served = self.served.write().unwrap_or_else(PoisonError::into_inner);
        let prefix = format!("{dir}/");
        served.files.retain(|path, _| !path.starts_with(&prefix));
        served.files.extend(bundle);
    }

    /// Changes the served state, then tells open pages to reload.
    pub fn update(&self, change: impl FnOnce(&mut Served)) {
        change(&mut self.served.write().unwrap_or_else(PoisonError::into_inner));
        self.version.send_modify(|v| *v += 1);
    }
}

/// The host names a request may address this server by.
#[derive(Clone, Debug)]
pub struct Hosts {
    port: u16,
    names: Vec<String>,
    any_ip: bool,
}

impl Hosts {
    /// The names of a server bound to `bind:port`: its address, and
    /// `localhost` for loopback; any IP address when bound to all of them.
    pub fn new(bind: IpAddr, port: u16) -> Self {
        let mut names = vec![match bind {
            IpAddr::V4(a) => a.to_string(),
            IpAddr::V6(a) => format!("[{a}]"),
        }];
        if bind.is_loopback() || bind.is_unspecified() {
            names.extend([
                "localhost".to_string(),
                "127.0.0.1".to_string(),
                "[::1]".to_string(),
            ]);
        }
        Self {
            port,
            names,
            any_ip: bind.is_unspecified(),
        }
    }

    /// Is `authority` (`host:port`) this server?
    pub fn allows(&self, authority: &str) -> bool {
        let authority = authority.trim().to_ascii_lowercase();
        let (name, port) = match authority.rsplit_once(':') {
            Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
            _ => (authority.as_str(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        self.names.iter().any(|n| n == name) || (self.any_ip && bare.parse::<IpAddr>().is_ok())
    }
}

/// Answers one request.
pub async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let host_ok = host.is_some_and(|h| shared.hosts.allows(h))
        && parts
            .uri
            .authority()
            .is_none_or(|a| shared.hosts.allows(a.as_str()));
    if !host_ok {
        let text = "lede serve answers only requests addressed to it (check the Host header)\n";
        return plain(StatusCode::FORBIDDEN, text);
    }
    if parts.method != Method::GET && parts.method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    let raw = parts.uri.path();
    match raw {
        EVENTS => events(&shared, &parts.headers, host.unwrap_or_default()),
        SCRIPT => with_type(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            SCRIPT_JS.into(),
        ),
        _ => page(&shared.read(), raw),
    }
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site (`a/index.html`).
    File(String),
    /// The same path with a `/` at the end.
    Slash(String),
    /// Nothing that can be served.
    Missing,
}

/// Maps a raw request path to a site path, refusing anything that could
/// step out of the site however it is encoded.
pub fn target(raw: &str, base: &str) -> Target {
    if raw == base.trim_end_matches('/') && base != "/" {
        return Target::Slash(base.to_string());
    }
    let Some(rest) = raw.strip_prefix(base) else {
        return Target::Missing;
    };
    let Ok(path) = percent_encoding::percent_decode_str(rest).decode_utf8() else {
        return Target::Missing;
    };
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    let bad_segment = segments
        .iter()
        .enumerate()
        .any(|(i, s)| *s == "." || *s == ".." || (s.is_empty() && i != last));
    if bad_segment || path.contains(['\\', '\0']) || path.chars().any(char::is_control) {
        return Target::Missing;
    }
    if path.is_empty() || path.ends_with('/') {
        Target::File(format!("{path}index.html"))
    } else {
        Target::File(path.into_owned())
    }
}

fn page(served: &Served, raw: &str) -> Response {
    let found = match target(raw, &served.base) {
        Target::Slash(to) => return redirect(&to),
        Target::File(path) => match served.files.get(&path) {
            Some(bytes) => Some((path, bytes.clone())),
            None if served.files.contains_key(&format!("{path}/index.html")) => {
                return redirect(&format!("{raw}/"));
            }
            None => None,
        },
        Target::Missing => None,
    };
    let is_html = found.as_ref().is_none_or(|(p, _)| p.ends_with(".html"));
    if let (Some(overlay), true) = (&served.overlay, is_html) {
        return html(StatusCode::INTERNAL_SERVER_ERROR, overlay.as_bytes());
    }
    match found {
        Some((_, bytes)) if is_html => html(StatusCode::OK, &bytes),
        Some((path, bytes)) => {
            let mime = mime_guess::from_path(&path).first_or_octet_stream();
            let mime = match mime.type_() {
                mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
                _ if mime.subtype() == "xml" || mime.subtype() == "javascript" => {
                    format!("{mime}; charset=utf-8")
                }
                _ => mime.to_string(),
            };
            with_type(StatusCode::OK, &mime, Bytes::from_owner(bytes))
        }
        None => match served.files.get("404.html") {
            Some(bytes) => html(StatusCode::NOT_FOUND, bytes),
            None => plain(StatusCode::NOT_FOUND, "not found\n"),
        },
    }
}

/// An HTML page with the live-reload script added before `</body>`.
fn html(status: StatusCode, page: &[u8]) -> Response {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut body = Vec::with_capacity(page.len() + SCRIPT_TAG.len());
    body.extend_from_slice(&page[..at]);
    body.extend_from_slice(SCRIPT_TAG.as_bytes());
    body.extend_from_slice(&page[at..]);
    with_type(status, "text/html; charset=utf-8", body.into())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    with_type(status, "text/plain; charset=utf-8", text.into())
}

fn redirect(to: &str) -> Response {
    let mut response = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn with_type(status: StatusCode, content_type: &str, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The live-reload stream: `hello` with the current version, then
/// `reload` after every rebuild. Only for pages of this server: a request
/// from another origin is refused.
fn events(shared: &Shared, headers: &HeaderMap, host: &str) -> Response {
    let origin_ok = headers
        .get(header::ORIGIN)
        .is_none_or(|o| o.to_str().is_ok_and(|o| o == format!("http://{host}")));
    let site_ok = headers
        .get("sec-fetch-site")
        .is_none_or(|s| s == "same-origin" || s == "none");
    if !origin_ok || !site_ok {
        return plain(
            StatusCode::FORBIDDEN,
            "live reload is for this server's pages only\n",
        );
    }
    let mut rx = shared.version.subscribe();
    let now = *rx.borrow_and_update();
    let hello = Event::default().event("hello").data(now.to_string());
    let updates = stream::unfold(rx, |mut rx| async move {
        rx.changed().await.ok()?;
        let version = *rx.borrow_and_update();
        let event = Event::default().event("reload").data(version.to_string());
        Some((Ok::<_, Infallible>(event), rx))
    });
    let stream = stream::once(async move { Ok::<_, Infallible>(hello) }).chain(updates);
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_any_encoding_names_nothing() {
        for raw in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/.%2e/site.yaml",
            "/a/../../site.yaml",
            "/..\\site.yaml",
            "/..%5csite.yaml",
            "/%c0%ae%c0%ae/site.yaml",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/%00/../x",
            "/./index.html",
            "/a//b",
        ] {
            assert_eq!(target(raw, "/"), Target::Missing, "{raw}");
            let under = format!("/repo{raw}");
            assert_eq!(target(&under, "/repo/"), Target::Missing, "{under}");
        }
        assert_eq!(
            target("/%252e%252e/x", "/"),
            Target::File("%2e%2e/x".into()),
            "decoded once: a harmless name that is not in the site"
        );
    }

    #[test]
    fn paths_map_to_site_files_under_the_base() {
        assert_eq!(target("/", "/"), Target::File("index.html".into()));
        assert_eq!(target("/a/", "/"), Target::File("a/index.html".into()));
        assert_eq!(target("/a%20b.png", "/"), Target::File("a b.png".into()));
        assert_eq!(target("/repo", "/repo/"), Target::Slash("/repo/".into()));
        assert_eq!(
            target("/repo/x/", "/repo/"),
            Target::File("x/index.html".into())
        );
        assert_eq!(target("/x/", "/repo/"), Target::Missing);
    }

    #[test]
    fn only_this_servers_host_names_are_answered() {
        let local = Hosts::new("127.0.0.1".parse().unwrap(), 1111);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "attacker.example:1111",
            "127.0.0.1:80",
            "127.0.0.1",
            "localhost.evil:1111",
            "",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let all = Hosts::new("0.0.0.0".parse().unwrap(), 80);
        assert!(all.allows("192.168.1.9"));
        assert!(all.allows("[fe80::1]:80"));
        assert!(!all.allows("rebind.example"));
    }
}
