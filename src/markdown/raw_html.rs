//! Raw HTML that leaves an element open.
//!
//! CommonMark passes raw HTML through as it is, so a `<div>` never closed
//! pulls the rest of the page (the site's footer too) inside it, and an
//! unclosed `<style>` turns everything after it into CSS. This pass reads
//! the body's raw HTML with an HTML5 tokenizer (html5gum, which switches to
//! raw text inside `<style>`, `<script>`, `<textarea>` and `<title>` as a
//! browser does) and reports, at the tag that opened it:
//!
//! - an error for an element whose content swallows what follows (`<style>`,
//!   `<script>`, `<textarea>`, `<title>`, … and comments) left open at the
//!   end of its HTML block or paragraph;
//! - a warning for any other element left open at the end of the body (or
//!   of the block quote, list item or paragraph it was opened in), and for
//!   a closing tag in an HTML block that closes nothing the body opened
//!   (it would close part of the page around the article).
//!
//! Elements whose end tag HTML makes optional (`<p>`, `<li>`, `<td>`, …)
//! and void elements (`<br>`, `<img>`, …) are never reported.

use std::ops::Range;

use html5gum::{DefaultEmitter, Error as HtmlError, Token, Tokenizer};
use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, State};

/// Elements whose content the tokenizer reads as raw text to their end tag.
const SWALLOWING: [(&str, &str); 9] = [
    ("style", "as CSS"),
    ("script", "as a script"),
    ("textarea", "as the text of a form field"),
    ("title", "as the page's title"),
    ("xmp", "as plain text"),
    ("iframe", "as the iframe's fallback"),
    ("noembed", "as fallback text"),
    ("noframes", "as fallback text"),
    ("plaintext", "as plain text"),
];

/// Void elements, and elements whose end tag may be left out.
const NEVER_REPORTED: [&str; 34] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp",
    "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "body",
];

/// An element the body opened and has not closed yet.
struct Open {
    name: String,
    /// The opening tag, in body offsets.
    at: Range<usize>,
    /// Opened in inline HTML (closed by the end of its paragraph).
    inline: bool,
    /// How many block quotes and list items it was opened inside.
    depth: usize,
}

/// Reports raw HTML left open (see the module docs).
pub(super) fn check(events: &[Ev<'_>], body_len: usize, state: &mut State<'_, '_>) {
    let mut open: Vec<Open> = Vec::new();
    let mut depth = 0usize;
    let mut block: Option<Range<usize>> = None;
    for (e, range) in events {
        if range.start >= body_len {
            break;
        }
        match e {
            Event::Start(Tag::HtmlBlock) => block = Some(range.start..range.end.min(body_len)),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(b) = block.take() {
                    html_block(b, depth, &mut open, state);
                }
            }
            Event::InlineHtml(_) => inline_tag(range.clone(), depth, &mut open, state),
            Event::Start(Tag::BlockQuote(_) | Tag::Item | Tag::FootnoteDefinition(_)) => {
                depth += 1;
            }
            Event::End(
                end @ (TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition),
            ) => {
                let within = match end {
                    TagEnd::Item => "list item",
                    TagEnd::FootnoteDefinition => "note",
                    _ => "block quote",
                };
                close_deeper(&mut open, depth, within, state);
                depth = depth.saturating_sub(1);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::TableHead,
            ) => {
                while open.last().is_some_and(|o| o.inline) {
                    if let Some(o) = open.pop() {
                        left_open(&o, "is not closed in the paragraph it is in", state);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(b) = block {
        html_block(b, depth, &mut open, state);
    }
    while let Some(o) = open.pop() {
        left_open(
            &o,
            "is never closed: the rest of the page, the site's footer too, would be inside it",
            state,
        );
    }
}

/// Reads one HTML block whole: what it leaves open that swallows the
/// page is an error now; other elements stay open for later blocks.
fn html_block(block: Range<usize>, depth: usize, open: &mut Vec<Open>, state: &mut State<'_, '_>) {
    let page = state.page;
    let text = &page.body()[block.clone()];
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut swallowing: Option<(String, Range<usize>)> = None;
    let mut comment_at: Option<Range<usize>> = None;
    let mut unclosed_comment = false;
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag_name(&tag.name);
                let at = block.start + tag.span.start..block.start + tag.span.end;
                if tag.self_closing && !is_swallowing(&name) {
                    continue;
                }
                if is_swallowing(&name) {
                    swallowing = Some((name, at));
                } else if !NEVER_REPORTED.contains(&name.as_str()) {
                    open.push(Open {
                        name,
                        at,
                        inline: false,
                        depth,
                    });
                }
            }
            Token::EndTag(tag) => {
                let name = tag_name(&tag.name);
                let at = block.start + tag.span.start..block.start + tag.span.end;
                if swallowing.as_ref().is_some_and(|(n, _)| *n == name) {
                    swallowing = None;
                } else if !close(open, &name, depth) && !NEVER_REPORTED.contains(&name.as_str()) {
                    stray_close(&name, at, state);
                }
            }
            Token::Comment(c) => {
                comment_at = Some(block.start + c.span.start..block.start + c.span.end);
            }
            Token::Error(e) if e.value == HtmlError::EofInComment => unclosed_comment = true,
            _ => {}
        }
    }
    if let Some((name, at)) = swallowing {
        swallowed(&name, at, state);
    }
    if unclosed_comment {
        let at = comment_at.map_or(block.start..block.start + 4, |c| c.start..c.start + 4);
        state
            .error(
                at,
                "this comment is never closed: the rest of the page would be hidden inside it",
            )
            .set_help("end the comment with `-->`");
    }
}

/// One inline tag (pulldown-cmark gives each its own event).
fn inline_tag(range: Range<usize>, depth: usize, open: &mut Vec<Open>, state: &mut State<'_, '_>) {
    let page = state.page;
    let text = &page.body()[range.clone()];
    let emitter = DefaultEmitter::<usize>::new_with_span();
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) if !tag.self_closing => {
                let name = tag_name(&tag.name);
                if !NEVER_REPORTED.contains(&name.as_str()) {
                    open.push(Open {
                        name,
                        at: range.clone(),
                        inline: true,
                        depth,
                    });
                }
            }
            Token::EndTag(tag) => {
                let name = tag_name(&tag.name);
                if let Some(i) = open.iter().rposition(|o| o.inline && o.name == name) {
                    open.truncate(i);
                }
            }
            _ => {}
        }
    }
}

/// Closes the innermost open `name` opened at this depth or deeper (and
/// whatever was opened inside it); false when there is none.
fn close(open: &mut Vec<Open>, name: &str, depth: usize) -> bool {
    match open
        .iter()
        .rposition(|o| !o.inline && o.name == name && o.depth <= depth)
    {
        Some(i) => {
            open.truncate(i);
            true
        }
        None => false,
    }
}

/// What was opened inside a block quote or list item that just ended.
fn close_deeper(open: &mut Vec<Open>, depth: usize, within: &str, state: &mut State<'_, '_>) {
    while open.last().is_some_and(|o| o.depth >= depth) {
        if let Some(o) = open.pop() {
            let message = format!("is not closed inside the {within} it is in");
            left_open(&o, &message, state);
        }
    }
}

fn left_open(o: &Open, why: &str, state: &mut State<'_, '_>) {
    let name = &o.name;
    let where_ = if o.inline {
        "before the paragraph ends"
    } else {
        "on a line of its own, after a blank line, where it should end"
    };
    let swallows = SWALLOWING.iter().find(|(n, _)| n == name);
    if let Some((_, how)) = swallows {
        let message = format!("`<{name}>` {why}, and everything after it would be read {how}");
        state
            .error(o.at.clone(), message)
            .set_help(format!("add `</{name}>` {where_}"));
    } else {
        state
            .warning(o.at.clone(), format!("`<{name}>` {why}"))
            .set_help(format!("add `</{name}>` {where_}"));
    }
}

fn swallowed(name: &str, at: Range<usize>, state: &mut State<'_, '_>) {
    let how = SWALLOWING
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("as text", |(_, how)| how);
    state
        .error(
            at,
            format!("`<{name}>` is never closed: everything after it, to the end of the page, would be read {how}"),
        )
        .set_help(format!(
            "add `</{name}>` where its content ends, in the same HTML block (no blank line before it)"
        ));
}

fn stray_close(name: &str, at: Range<usize>, state: &mut State<'_, '_>) {
    state
        .warning(
            at,
            format!("`</{name}>` closes an element this explainer did not open: it would close part of the page around the article"),
        )
        .set_help(format!("remove it, or open `<{name}>` before it"));
}

fn is_swallowing(name: &str) -> bool {
    SWALLOWING.iter().any(|(n, _)| *n == name)
}

fn tag_name(name: &[u8]) -> String {
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Severity;
    use crate::markdown::test_support::render_md;

    /// (severity, message) of each finding.
    fn findings(body: &str) -> Vec<(Severity, String)> {
        render_md("", body)
            .facts
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.message.to_string()))
            .collect()
    }

    #[test]
    fn closed_html_is_fine_across_blocks() {
        for body in [
            "<div class=\"box\">\n\n*Markdown* inside.\n\n</div>\n",
            "<details>\n<summary>More</summary>\n\nText.\n\n</details>\n",
            "A <span>short</span> span, a <br> and <img src=\"/images/a.png\" alt=\"a\">.\n",
            "<style>\np { color: red }\n</style>\n\nText.\n",
            "<!-- a note\nover lines -->\n\nText.\n",
            "<table><tr><td>1<td>2</table>\n",
            "<p>An unclosed p is HTML's own shorthand.\n\nText.\n",
            "`<div>` in code and\n\n```html\n<div>\n```\n",
        ] {
            assert_eq!(findings(body), [], "{body}");
        }
    }

    #[test]
    fn what_swallows_the_page_is_an_error() {
        for (body, what) in [
            (
                "<style>\np { color: red }\n\nText.\n",
                "`<style>` is never closed",
            ),
            ("<script>\nlet x = 1;\n", "`<script>` is never closed"),
            ("<!-- an aside\n\nText.\n", "comment is never closed"),
            (
                "Some <textarea> text.\n\nMore.\n",
                "`<textarea>` is not closed in the paragraph",
            ),
        ] {
            let f = findings(body);
            assert!(
                f.iter()
                    .any(|(s, m)| *s == Severity::Error && m.contains(what)),
                "{body}: {f:?}"
            );
        }
    }

    #[test]
    fn other_elements_left_open_are_warnings() {
        for (body, what) in [
            ("<div>\n\nText.\n", "`<div>` is never closed"),
            (
                "A <span>span.\n\nMore.\n",
                "`<span>` is not closed in the paragraph",
            ),
            (
                "> <div>\n> quoted\n\nAfter.\n",
                "`<div>` is not closed inside the block quote",
            ),
            ("Text.\n\n</section>\n", "`</section>` closes an element"),
        ] {
            let f = findings(body);
            assert_eq!(f.len(), 1, "{body}: {f:?}");
            assert_eq!(f[0].0, Severity::Warning, "{body}: {f:?}");
            assert!(f[0].1.contains(what), "{body}: {f:?}");
        }
    }
}
