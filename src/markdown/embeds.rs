//! Embeds without tracking: a video (YouTube, Vimeo) or a chart
//! (Datawrapper, Flourish) becomes a click-to-load facade. The page loads
//! nothing from the other site until the reader asks: a poster drawn by
//! the theme, the title, the host, and a real link to the original (all a
//! reader without JavaScript gets); `lede.js` swaps in the player on click.
//!
//! Accepted URLs (anything else stays a plain link):
//!
//! | provider | URLs | loads |
//! | --- | --- | --- |
//! | YouTube | `youtube.com/watch?v=ID`, `youtu.be/ID`, `/shorts/ID`, `/embed/ID`, `/live/ID` | `www.youtube-nocookie.com/embed/ID` |
//! | Vimeo | `vimeo.com/ID`, `player.vimeo.com/video/ID` | `player.vimeo.com/video/ID?dnt=1` |
//! | Datawrapper | `datawrapper.dwcdn.net/ID/…`, `datawrapper.de/_/ID/` | `datawrapper.dwcdn.net/ID/…` |
//! | Flourish | `public.flourish.studio/visualisation/ID/` (or `/story/ID/`) | `flo.uri.sh/visualisation/ID/embed` |

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

pub use super::EmbedView;
use super::{Ev, State, matching_end, plain_text};

/// A paragraph that is only an accepted URL — bare, `<autolinked>`, or
/// `[a title](url)` — is an embed: the index of the paragraph's end, and
/// the embed.
pub(super) fn paragraph(events: &[Ev<'_>], start: usize) -> Option<(usize, EmbedView)> {
    let end = matching_end(events, start);
    let inner = events.get(start + 1..end)?;
    let (url, title) = match inner {
        [(Event::Text(t), _)] => (t.trim().to_string(), String::new()),
        [
            (Event::Start(Tag::Link { dest_url, .. }), _),
            text @ ..,
            (Event::End(_), _),
        ] => {
            let title = plain_text(text);
            let title = if title.trim() == dest_url.as_ref() {
                String::new()
            } else {
                title.trim().to_string()
            };
            (dest_url.to_string(), title)
        }
        _ => return None,
    };
    let mut embed = recognise(&url)?;
    embed.title = title;
    embed.id = format!("embed-{start}");
    Some((end, embed))
}

/// `> [!EMBED] URL`, then the title on the next lines: the embed, or,
/// for a URL of another site, `None` with a warning (the block is then
/// shown as a link to it).
pub(super) fn callout(
    events: &[Ev<'_>],
    start: usize,
    first_para: usize,
    state: &mut State<'_, '_>,
) -> Result<EmbedView, (String, String)> {
    let para_end = matching_end(events, first_para);
    let text = plain_text(&events[first_para + 1..para_end]);
    let text = text.get("[!EMBED]".len()..).unwrap_or("").trim();
    let (url, title) = text
        .split_once(char::is_whitespace)
        .map_or((text, ""), |(u, t)| (u, t.trim()));
    let range: Range<usize> = events[start].1.clone();
    match recognise(url) {
        Some(mut embed) => {
            embed.title = title.to_string();
            embed.id = format!("embed-{start}");
            Ok(embed)
        }
        None => {
            state
                .warning(
                    range,
                    format!("`{url}` is not a video or chart lede can embed"),
                )
                .set_help(format!("it is shown as a link; embeds come from {HOSTS}"));
            Err((url.to_string(), title.to_string()))
        }
    }
}

/// The hosts an embed may come from, for messages.
pub const HOSTS: &str = "YouTube (youtube.com, youtu.be), Vimeo (vimeo.com), \
    Datawrapper (datawrapper.dwcdn.net, datawrapper.de) and Flourish (public.flourish.studio)";

/// The embed of an absolute URL, if it is one of an accepted provider.
pub fn recognise(url: &str) -> Option<EmbedView> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let host_path = host_path.split('#').next().unwrap_or(host_path);
    let (host, path) = host_path.split_once('/').unwrap_or((host_path, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    };
    let make = |provider, kind, src: String, host| EmbedView {
        provider,
        kind,
        url: url.to_string(),
        src,
        host,
        title: String::new(),
        id: String::new(),
    };
    match (host, segments.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com", ["watch"]) => {
            youtube(param("v")?, param("t")).map(|src| make("YouTube", "video", src, "youtube.com"))
        }
        ("youtube.com" | "youtube-nocookie.com", ["embed" | "shorts" | "live", id]) => {
            youtube(id, param("t").or(param("start")))
                .map(|src| make("YouTube", "video", src, "youtube.com"))
        }
        ("youtu.be", [id]) => {
            youtube(id, param("t")).map(|src| make("YouTube", "video", src, "youtube.com"))
        }
        ("vimeo.com", [id]) | ("player.vimeo.com", ["video", id]) if all_digits(id) => Some(make(
            "Vimeo",
            "video",
            format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"),
            "vimeo.com",
        )),
        ("datawrapper.dwcdn.net", [id, rest @ ..])
            if is_word(id) && rest.iter().all(|s| all_digits(s)) =>
        {
            let version: String = rest.iter().map(|s| format!("{s}/")).collect();
            Some(make(
                "Datawrapper",
                "chart",
                format!("https://datawrapper.dwcdn.net/{id}/{version}"),
                "datawrapper.de",
            ))
        }
        ("datawrapper.de", ["_", id]) if is_word(id) => Some(make(
            "Datawrapper",
            "chart",
            format!("https://datawrapper.dwcdn.net/{id}/"),
            "datawrapper.de",
        )),
        ("public.flourish.studio" | "flo.uri.sh", [what @ ("visualisation" | "story"), id, ..])
            if all_digits(id) =>
        {
            Some(make(
                "Flourish",
                "chart",
                format!("https://flo.uri.sh/{what}/{id}/embed"),
                "flourish.studio",
            ))
        }
        _ => None,
    }
}

/// The player URL of a YouTube video id (11 characters of `[A-Za-z0-9_-]`),
/// starting at `t` seconds when given (`90`, `90s`).
fn youtube(id: &str, t: Option<&str>) -> Option<String> {
    let ok = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !ok {
        return None;
    }
    let start = t
        .map(|t| t.trim_end_matches('s'))
        .filter(|t| all_digits(t))
        .map(|t| format!("&start={t}"))
        .unwrap_or_default();
    Some(format!(
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1{start}"
    ))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_urls_load_their_player_and_nothing_else_is_an_embed() {
        let src = |url: &str| recognise(url).map(|e| e.src);
        assert_eq!(
            src("https://www.youtube.com/watch?v=CwgOHpZlxvc&t=30s").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/CwgOHpZlxvc?autoplay=1&start=30")
        );
        assert_eq!(
            src("https://youtu.be/CwgOHpZlxvc").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/CwgOHpZlxvc?autoplay=1")
        );
        assert_eq!(
            src("https://m.youtube.com/shorts/CwgOHpZlxvc").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/CwgOHpZlxvc?autoplay=1")
        );
        assert_eq!(
            src("https://vimeo.com/76979871").as_deref(),
            Some("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1")
        );
        assert_eq!(
            src("https://datawrapper.dwcdn.net/Ab3dE/2/").as_deref(),
            Some("https://datawrapper.dwcdn.net/Ab3dE/2/")
        );
        assert_eq!(
            src("https://www.datawrapper.de/_/Ab3dE/").as_deref(),
            Some("https://datawrapper.dwcdn.net/Ab3dE/")
        );
        assert_eq!(
            src("https://public.flourish.studio/visualisation/1234567/").as_deref(),
            Some("https://flo.uri.sh/visualisation/1234567/embed")
        );
        for not in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/channel/UC123",
            "https://vimeo.com/channels/staff",
            "https://example.org/watch?v=CwgOHpZlxvc",
            "javascript:alert(1)",
            "https://youtu.be/CwgOHpZlxvc\"><script>",
        ] {
            assert_eq!(recognise(not), None, "{not}");
        }
    }
}
