//! URLs: the site's base URL, and the rules for URLs editors write.
//!
//! Every internal link carries the path of `base_url`, so a site built for
//! `https://user.github.io/repo/` works under `/repo/` and one built for a
//! domain's root works at `/`.

/// The validated `base_url`: absolute, `http` or `https`, ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    full: String,
    path_start: usize,
}

impl BaseUrl {
    /// Parses and normalises (adds the trailing `/`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let s = text.trim();
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or_else(|| {
                format!("`{s}` is not an absolute http(s) URL (e.g. https://user.github.io/repo/)")
            })?;
        if s.contains(['?', '#']) || s.chars().any(char::is_whitespace) {
            return Err(format!(
                "`{s}` must not contain spaces, a query or a fragment"
            ));
        }
        let host_len = rest.find('/').unwrap_or(rest.len());
        if host_len == 0 {
            return Err(format!("`{s}` has no host name"));
        }
        let mut full = s.to_string();
        if !full.ends_with('/') {
            full.push('/');
        }
        let path_start = s.len() - rest.len() + host_len;
        Ok(Self { full, path_start })
    }

    /// The whole URL, ending in `/`: `https://user.github.io/repo/`.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// The path part, starting and ending in `/`: `/repo/` or `/`.
    pub fn path(&self) -> &str {
        &self.full[self.path_start..]
    }

    /// The absolute URL of a site path given without the leading `/`.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.full, site_path.trim_start_matches('/'))
    }

    /// The root-relative URL (with the base path) of a site path.
    pub fn root_relative(&self, site_path: &str) -> String {
        format!("{}{}", self.path(), site_path.trim_start_matches('/'))
    }
}

/// What kind of URL an editor wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlKind {
    /// `https://…`, `mailto:…`: left as written.
    External,
    /// `//host/…`: left as written.
    ProtocolRelative,
    /// `/images/a.png`: resolved under the base path.
    RootRelative,
    /// `#section`: an anchor on the same page.
    Fragment,
    /// `other.md`, `../x.md#h`, `img.png`: relative to the file.
    Relative,
    /// `javascript:`, `data:`, `vbscript:`: refused.
    Dangerous,
}

/// Classifies a URL as written.
pub fn classify(url: &str) -> UrlKind {
    let u = url.trim();
    if u.starts_with("//") {
        return UrlKind::ProtocolRelative;
    }
    if u.starts_with('/') {
        return UrlKind::RootRelative;
    }
    if u.starts_with('#') {
        return UrlKind::Fragment;
    }
    if let Some(scheme) = scheme_of(u) {
        let scheme = scheme.to_ascii_lowercase();
        return match scheme.as_str() {
            "javascript" | "data" | "vbscript" => UrlKind::Dangerous,
            _ => UrlKind::External,
        };
    }
    UrlKind::Relative
}

/// The scheme of a URL, if it has one (`https` of `https://x`). Control
/// characters and spaces that browsers strip are ignored, as browsers do.
fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .take(32)
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| scheme.to_string())
}

/// Checks a URL that front matter requires to be an absolute web address.
pub fn check_http_url(url: &str) -> Result<(), String> {
    let u = url.trim();
    match scheme_of(u).map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("http" | "https") => {
            let rest = &u[u.find("//").map_or(u.len(), |i| i + 2)..];
            if !u.contains("://") || rest.is_empty() || rest.starts_with('/') {
                Err(format!("`{u}` has no host name"))
            } else if u.chars().any(char::is_whitespace) {
                Err(format!("`{u}` contains spaces; encode them as %20"))
            } else if u.chars().any(char::is_control) {
                Err(format!(
                    "`{}` contains a control character",
                    u.escape_debug()
                ))
            } else {
                Ok(())
            }
        }
        Some(other) => Err(format!(
            "`{other}:` URLs are not allowed here; use an http:// or https:// address"
        )),
        None => Err(format!(
            "`{u}` is not an absolute URL; write it in full, starting with https://"
        )),
    }
}

/// Splits `path#frag` into its parts.
pub fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    }
}

/// Joins a relative path to a directory, both with `/` separators, folding
/// `.` and `..`. `None` if `..` climbs above the root.
pub fn join_relative(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Percent-decodes `%XX` sequences (invalid ones are kept as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first link or image URL of a short Markdown text that is refused
/// (`javascript:`, `vbscript:`, `data:`), if any: front matter text never
/// carries one.
pub fn dangerous_url(markdown: &str) -> Option<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    // Every link and image has a `]` (inline, reference) or a `<`
    // (autolink): without either there is nothing to parse for. Most
    // titles, deks and notes have neither.
    memchr::memchr2(b']', b'<', markdown.as_bytes())?;
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(markdown, options).find_map(|e| match e {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
            if classify(&dest_url) == UrlKind::Dangerous =>
        {
            Some(dest_url.into_string())
        }
        _ => None,
    })
}

/// The folders lede writes its own pages in: no page, and no language,
/// may take their names.
pub const RESERVED_DIRS: &[&str] = &["tags", "search", "page", "archive", "authors", "pagefind"];

/// The host name of an absolute URL as readers know it, for link text:
/// `https://www.example.com:8080/a/b` → `example.com`.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    host.trim_start_matches("www.").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dangerous_url_is_found_in_every_kind_of_link_and_only_there() {
        for text in [
            "see [this](javascript:alert(1))",
            "![map](vbscript:x)",
            "[ref]\n\n[ref]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "[x](javascript&#58;alert(1))",
        ] {
            assert!(super::dangerous_url(text).is_some(), "{text:?}");
        }
        for text in [
            "plain javascript:alert(1)",
            "",
            "[ok](https://example.org)",
            "a < b",
        ] {
            assert_eq!(super::dangerous_url(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_host_name_is_what_readers_know() {
        for (url, host) in [
            ("https://www.example.com/a/b?c#d", "example.com"),
            (
                "https://user@Reports.Example.org:8443/x",
                "reports.example.org",
            ),
            ("http://[::1]:8080/", "[::1]"),
            ("https://apnews.com", "apnews.com"),
        ] {
            assert_eq!(super::host_of(url), host, "{url}");
        }
    }

    use super::*;

    #[test]
    fn base_url_path() {
        let b = BaseUrl::parse("https://example.github.io/repo").unwrap();
        assert_eq!(b.as_str(), "https://example.github.io/repo/");
        assert_eq!(b.path(), "/repo/");
        assert_eq!(b.root_relative("/images/a.png"), "/repo/images/a.png");
        assert_eq!(b.absolute("a/"), "https://example.github.io/repo/a/");
        let root = BaseUrl::parse("http://localhost:1111/").unwrap();
        assert_eq!(root.path(), "/");
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://x.org/?a").is_err());
    }

    #[test]
    fn classify_urls() {
        assert_eq!(classify("https://a.org"), UrlKind::External);
        assert_eq!(classify("mailto:a@b.c"), UrlKind::External);
        assert_eq!(classify("//cdn.org/x"), UrlKind::ProtocolRelative);
        assert_eq!(classify("/img/a.png"), UrlKind::RootRelative);
        assert_eq!(classify("#h"), UrlKind::Fragment);
        assert_eq!(classify("../a.md#h"), UrlKind::Relative);
        assert_eq!(classify("JavaScript:alert(1)"), UrlKind::Dangerous);
        assert_eq!(classify(" java\tscript:alert(1)"), UrlKind::Dangerous);
        assert_eq!(classify("data:text/html,x"), UrlKind::Dangerous);
    }

    #[test]
    fn http_urls_only() {
        assert!(check_http_url("https://example.org/a.pdf").is_ok());
        assert!(
            check_http_url("javascript:alert(1)")
                .unwrap_err()
                .contains("`javascript:`")
        );
        assert!(check_http_url("ftp://x.org").is_err());
        assert!(
            check_http_url("example.org")
                .unwrap_err()
                .contains("https://")
        );
        assert!(check_http_url("https://").is_err());
    }

    #[test]
    fn relative_joins() {
        assert_eq!(
            join_relative("content/ai", "../a.md").as_deref(),
            Some("content/a.md")
        );
        assert_eq!(
            join_relative("content", "./b/c.md").as_deref(),
            Some("content/b/c.md")
        );
        assert_eq!(join_relative("", "../x"), None);
        assert_eq!(percent_decode("a%20b%zz%2"), "a b%zz%2");
    }
}
