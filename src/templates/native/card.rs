//! The built-in `card.html`, in Rust: every card of a list page at once.
//!
//! A list page of twenty explainers runs `card.html` twenty times; on a
//! site of 10,000 explainers that is 50,000 cards (home, tags, authors),
//! 60 % of the time the lists take. The built-in list templates print
//! `cards_html` when it is set, and include `card.html` for each
//! explainer when it is not: it is not when the site has its own
//! `card.html`, or when an explainer's values are not a summary's.

use tera::Value;
use tera::value::Key;

use super::{CARD, Native, esc};

impl Native {
    /// The cards of `explainers` (the list's summaries), as the built-in
    /// `card.html` writes them one after the other.
    pub(in crate::templates) fn cards(&self, lang: usize, explainers: &Value) -> Option<String> {
        if !self.built_in[CARD] {
            return None;
        }
        let (words, language) = self.lang(lang)?;
        let all = explainers.as_array()?;
        let mut out = String::with_capacity(all.len() * 800);
        for e in all {
            let get = |key: &'static str| attr(e, key);
            let text = |key: &'static str| get(key)?.as_str();
            let number = |key: &'static str| {
                let n = get(key)?.as_number()?.as_integer()?;
                u64::try_from(n).ok().or(Some(0))
            };
            let is = |key: &'static str| get(key).is_some_and(Value::is_truthy);
            let (slug, url, title) = (text("slug")?, text("url")?, text("title")?);
            let date = get("date")?;
            let date_text = |key: &'static str| attr(date, key)?.as_str();
            let (datetime, human) = (date_text("datetime")?, date_text("human")?);
            let (points, minutes) = (number("key_points_count")?, number("reading_minutes")?);
            out.push_str("<li class=\"card\">\n  <article aria-labelledby=\"card-");
            esc(&mut out, slug);
            out.push_str("\">\n    ");
            if is("live") {
                out.push_str("<p class=\"live\"><strong class=\"live-label\">");
                out.push_str(&words.live);
                out.push_str("</strong></p>");
            }
            if is("tags") {
                let first = get("tags")?.as_array()?.first()?;
                out.push_str("<p class=\"kicker\">");
                esc(&mut out, attr(first, "name")?.as_str()?);
                out.push_str("</p>");
            }
            out.push_str("\n    <h2 class=\"card-title\" id=\"card-");
            esc(&mut out, slug);
            out.push_str("\"><a href=\"");
            esc(&mut out, url);
            out.push_str("\">");
            esc(&mut out, title);
            out.push_str("</a></h2>\n    ");
            if is("dek") {
                out.push_str("<p class=\"card-dek\">");
                esc(&mut out, text("dek")?);
                out.push_str("</p>");
            }
            out.push_str("\n    <p class=\"card-meta dateline\"><span class=\"dateline-row\"><span><time datetime=\"");
            esc(&mut out, datetime);
            out.push_str("\">");
            esc(&mut out, human);
            out.push_str("</time></span>");
            if points > 0 {
                out.push_str(" <span>");
                esc(&mut out, &language.count("key_points_count", points));
                out.push_str("</span>");
            }
            out.push_str(" <span>");
            esc(&mut out, &language.count("minutes_read", minutes));
            out.push_str("</span></span></p>\n  </article>\n</li>\n");
        }
        Some(out)
    }
}

/// The value of `key` in the map `value`.
fn attr<'v>(value: &'v Value, key: &'static str) -> Option<&'v Value> {
    value.as_map()?.get(&Key::Str(key))
}
