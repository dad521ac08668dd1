//! Inline Markdown in front matter text (key points, notes, captions,
//! updates): emphasis, links and code, with root-relative URLs resolved
//! under the base path.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use crate::urls::{BaseUrl, UrlKind, classify};

/// Renders a short Markdown text; a single paragraph loses its `<p>`.
pub fn render(markdown: &str, base: &BaseUrl) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let events = Parser::new_ext(markdown, options).map(|e| match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: resolve(dest_url, base),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: resolve(dest_url, base),
            title,
            id,
        }),
        // Raw HTML in a one-line note is almost always a mistake; show it.
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        e => e,
    });
    let mut html = String::with_capacity(markdown.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// The text of a short Markdown text, without markup.
pub fn plain(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for e in Parser::new_ext(markdown, Options::ENABLE_SMART_PUNCTUATION) {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn resolve<'a>(url: CowStr<'a>, base: &BaseUrl) -> CowStr<'a> {
    match classify(&url) {
        UrlKind::RootRelative => CowStr::from(base.root_relative(&url)),
        UrlKind::Dangerous => CowStr::Borrowed("#"),
        _ => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown() {
        let base = BaseUrl::parse("https://x.org/repo/").unwrap();
        assert_eq!(
            render("The *toll* starts -- soon", &base),
            "The <em>toll</em> starts – soon"
        );
        assert_eq!(
            render("[map](/images/m.png)", &base),
            "<a href=\"/repo/images/m.png\">map</a>"
        );
        assert_eq!(render("a <b>x</b>", &base), "a &lt;b&gt;x&lt;/b&gt;");
        assert_eq!(
            render("[x](javascript:alert(1))", &base),
            "<a href=\"#\">x</a>"
        );
        assert!(render("one\n\ntwo", &base).contains("<p>two</p>"));
    }
}
