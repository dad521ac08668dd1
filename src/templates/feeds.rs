//! What feeds and the sitemap are made of: each Atom entry's summary as
//! HTML, and the sitemap's URLs with their alternates.

use serde::Serialize;

use super::context::Summary;
use crate::config::{Language, SiteConfig};
use crate::markdown::{escape, inline};

/// A feed entry: the explainer's summary and the HTML of its feed summary.
#[derive(Serialize)]
pub(super) struct FeedEntry<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    /// The dek and the key points, as HTML (the template escapes it once
    /// more for XML, as `<summary type="html">` wants).
    summary_html: String,
}

fn feed_summary(s: &Summary, config: &SiteConfig, lang: &Language) -> String {
    let mut html = String::new();
    if let Some(dek) = &s.dek {
        html.push_str(&format!("<p>{}</p>", escape(dek)));
    }
    if !s.key_points.is_empty() {
        html.push_str("<ul>");
        for point in &s.key_points {
            let item = inline::render(point, &config.base_url);
            html.push_str(&format!("<li>{item}</li>"));
        }
        html.push_str("</ul>");
    }
    // A live story: its update log, with the times.
    if !s.live_updates.is_empty() {
        html.push_str(&format!("<p>{}:</p><ul>", escape(lang.label("updates"))));
        for u in &s.live_updates {
            html.push_str(&format!(
                "<li><time datetime=\"{}\">{}</time> {}</li>",
                u.date.datetime,
                escape(&u.date.human_time),
                u.note
            ));
        }
        html.push_str("</ul>");
    }
    html
}

/// The feed entries of these summaries.
pub(super) fn entries<'a>(
    newest: &'a [Summary],
    config: &SiteConfig,
    lang: &Language,
) -> Vec<FeedEntry<'a>> {
    newest
        .iter()
        .map(|summary| FeedEntry {
            summary,
            summary_html: feed_summary(summary, config, lang),
        })
        .collect()
}

/// One URL of the sitemap, with its alternates in other languages.
#[derive(Clone, Debug, Serialize)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// `2026-02-04`, when known.
    pub lastmod: Option<String>,
    /// Its versions in every language (with `x-default`), when it has
    /// more than one: (`fr`, URL).
    pub alternates: Vec<(String, String)>,
}
