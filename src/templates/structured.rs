//! Structured data: the JSON-LD `NewsArticle` of an explainer, built with
//! serde_json (never by string templates) and escaped for a `<script>`
//! element, so no field can end the element or open a comment.

use serde::Serialize;

use super::context::{AuthorView, DatedView, Loc, Summary};
use crate::config::SiteConfig;
use crate::markdown::SourceEntry;

/// The parts of a page the article data is made from.
pub struct ArticleData<'a> {
    /// Title, dates, authors, tags, hero, URL.
    pub summary: &'a Summary,
    /// Cited sources, then further reading.
    pub sources: &'a [SourceEntry],
    /// Sources never cited.
    pub further_reading: &'a [SourceEntry],
    /// Corrections.
    pub corrections: &'a [DatedView],
    /// Correction notes as plain text, in the same order.
    pub correction_texts: Vec<String>,
    /// `live:` as written (a developing story: a `LiveBlogPosting`).
    pub live: Option<bool>,
    /// The update log, newest first, with the notes as plain text.
    pub updates: &'a [DatedView],
    /// Update notes as plain text, in the same order.
    pub update_texts: Vec<String>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    /// The author's page on the site.
    url: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Author<'a> {
    Person(Person<'a>),
    Organization(Organization<'a>),
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
}

#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

#[derive(Serialize)]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
}

#[derive(Serialize)]
struct BlogPosting<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: String,
    #[serde(rename = "articleBody")]
    article_body: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    url: String,
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<&'a str>,
    url: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    author: Vec<Author<'a>>,
    publisher: Organization<'a>,
    #[serde(rename = "isAccessibleForFree")]
    free: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<CreativeWork<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
    #[serde(rename = "coverageStartTime", skip_serializing_if = "Option::is_none")]
    coverage_start_time: Option<&'a str>,
    #[serde(rename = "coverageEndTime", skip_serializing_if = "Option::is_none")]
    coverage_end_time: Option<&'a str>,
    #[serde(rename = "liveBlogUpdate", skip_serializing_if = "Vec::is_empty")]
    live_blog_update: Vec<BlogPosting<'a>>,
}

/// The `NewsArticle` (a `WebPage` for a standalone page) as a JSON string
/// safe inside `<script type="application/ld+json">`.
pub fn news_article(data: &ArticleData<'_>, site: &SiteConfig, loc: &Loc<'_>) -> String {
    let s = data.summary;
    let publisher = || Organization {
        kind: "Organization",
        name: &site.title,
        url: Some(site.base_url.as_str().to_string()),
    };
    let author = if s.authors.is_empty() {
        vec![Author::Organization(publisher())]
    } else {
        s.authors
            .iter()
            .map(|a| {
                let url = AuthorView::new(a, loc).permalink;
                if crate::config::is_organization(a, &site.authors) {
                    Author::Organization(Organization {
                        kind: "Organization",
                        name: a,
                        url: Some(url),
                    })
                } else {
                    Author::Person(Person {
                        kind: "Person",
                        name: a,
                        url,
                    })
                }
            })
            .collect()
    };
    let citation = data
        .sources
        .iter()
        .chain(data.further_reading)
        .map(|src| CreativeWork {
            kind: "CreativeWork",
            name: src.title.as_deref().or(src.publisher.as_deref()),
            url: src.url.as_deref(),
            publisher: src.publisher.as_deref().map(|name| Organization {
                kind: "Organization",
                name,
                url: None,
            }),
            date_published: src.date_machine.as_deref(),
        })
        .collect();
    let correction = data
        .corrections
        .iter()
        .zip(&data.correction_texts)
        .map(|(c, text)| Correction {
            kind: "CorrectionComment",
            text,
            date_published: &c.date.rfc3339,
        })
        .collect();
    let live = s.kind != "page" && data.live.is_some();
    let live_blog_update = if live {
        data.updates
            .iter()
            .zip(&data.update_texts)
            .map(|(u, text)| BlogPosting {
                kind: "BlogPosting",
                headline: headline_of(text),
                article_body: text,
                date_published: &u.date.rfc3339,
                url: format!("{}#{}", s.permalink, u.id.as_deref().unwrap_or("updates")),
            })
            .collect()
    } else {
        Vec::new()
    };
    // Coverage ends (`live: false`) at the last update, or the last change.
    let coverage_end = (live && data.live == Some(false))
        .then(|| {
            data.updates
                .first()
                .map(|u| u.date.rfc3339.as_str())
                .or(s.last_modified.as_ref().map(|d| d.rfc3339.as_str()))
        })
        .flatten();
    let article = NewsArticle {
        context: "https://schema.org",
        kind: if s.kind == "page" {
            "WebPage"
        } else if live {
            "LiveBlogPosting"
        } else {
            "NewsArticle"
        },
        headline: &s.title,
        description: s.dek.as_deref(),
        image: s.hero.iter().map(|h| h.absolute.as_str()).collect(),
        url: &s.permalink,
        main_entity_of_page: WebPage {
            kind: "WebPage",
            id: &s.permalink,
        },
        date_published: s.date.as_ref().map(|d| d.rfc3339.as_str()),
        date_modified: s.last_modified.as_ref().map(|d| d.rfc3339.as_str()),
        in_language: &loc.lang.code,
        author,
        publisher: publisher(),
        free: true,
        keywords: s.tags.iter().map(|t| t.name.as_str()).collect(),
        citation,
        correction,
        coverage_start_time: live
            .then_some(s.date.as_ref().map(|d| d.rfc3339.as_str()))
            .flatten(),
        coverage_end_time: coverage_end,
        live_blog_update,
    };
    // Serializing plain structs of strings cannot fail; `{}` is the safe fallback.
    let json = serde_json::to_string(&article).unwrap_or_else(|_| "{}".to_string());
    script_safe(&json)
}

/// An update's headline: its first sentence, at most 110 characters (what
/// search engines show).
fn headline_of(text: &str) -> String {
    let first = text.split_inclusive(". ").next().unwrap_or(text).trim_end();
    if first.chars().count() <= 110 {
        return first.to_string();
    }
    let cut: String = first.chars().take(109).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Escapes JSON for a `<script>` element: `<`, `>` and `&` (so `</script>`
/// and `<!--` cannot occur) and the line separators JavaScript rejects.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    // Copy runs of safe text at once; only `<`, `>`, `&` and U+2028/9
    // (bytes 0xE2 0x80 0xA8/0xA9) are escaped.
    let bytes = json.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => "\\u2028",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => "\\u2029",
            _ => continue,
        };
        out.push_str(&json[from..i]);
        out.push_str(escape);
        from = i + if b == 0xE2 { 3 } else { 1 };
    }
    out.push_str(&json[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_cannot_close_the_element() {
        let json = serde_json::json!({ "t": "</script><script>alert(1)</script><!-- & \u{2028}" })
            .to_string();
        let safe = script_safe(&json);
        assert!(
            !safe.contains('<') && !safe.contains('>') && !safe.contains('&'),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(
            back["t"],
            "</script><script>alert(1)</script><!-- & \u{2028}"
        );
    }
}
