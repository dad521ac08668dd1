//! Structured data: the JSON-LD `NewsArticle` of an explainer, built with
//! serde_json (never by string templates) and escaped for a `<script>`
//! element, so no field can end the element or open a comment.

use serde_json::{Value, json};

use super::context::{DatedView, Summary};
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
}

/// The `NewsArticle` as a JSON string safe inside `<script type="application/ld+json">`.
pub fn news_article(data: &ArticleData<'_>, site: &SiteConfig) -> String {
    let s = data.summary;
    let publisher = json!({
        "@type": "Organization",
        "name": site.title,
        "url": site.base_url.as_str(),
    });
    let authors: Vec<Value> = if s.authors.is_empty() {
        vec![publisher.clone()]
    } else {
        s.authors
            .iter()
            .map(|a| json!({ "@type": "Person", "name": a }))
            .collect()
    };
    let citations: Vec<Value> = data
        .sources
        .iter()
        .chain(data.further_reading)
        .map(|src| {
            let mut work = json!({ "@type": "CreativeWork" });
            let name = src.title.as_ref().or(src.publisher.as_ref());
            insert(&mut work, "name", name.map(|n| json!(n)));
            insert(&mut work, "url", src.url.as_ref().map(|u| json!(u)));
            insert(
                &mut work,
                "publisher",
                src.publisher
                    .as_ref()
                    .map(|p| json!({ "@type": "Organization", "name": p })),
            );
            insert(
                &mut work,
                "datePublished",
                src.date_machine.as_ref().map(|d| json!(d)),
            );
            work
        })
        .collect();
    let corrections: Vec<Value> = data
        .corrections
        .iter()
        .zip(&data.correction_texts)
        .map(|(c, text)| json!({ "@type": "CorrectionComment", "text": text, "datePublished": c.date.rfc3339 }))
        .collect();
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "url": s.permalink,
        "mainEntityOfPage": { "@type": "WebPage", "@id": s.permalink },
        "datePublished": s.date.rfc3339,
        "dateModified": s.last_modified.rfc3339,
        "inLanguage": site.language,
        "author": authors,
        "publisher": publisher,
        "isAccessibleForFree": true,
    });
    insert(
        &mut article,
        "description",
        s.dek.as_ref().map(|d| json!(d)),
    );
    insert(
        &mut article,
        "image",
        s.hero.as_ref().map(|h| json!([h.absolute])),
    );
    let keywords: Vec<&str> = s.tags.iter().map(|t| t.name.as_str()).collect();
    insert(
        &mut article,
        "keywords",
        (!keywords.is_empty()).then(|| json!(keywords)),
    );
    insert(
        &mut article,
        "citation",
        (!citations.is_empty()).then(|| json!(citations)),
    );
    insert(
        &mut article,
        "correction",
        (!corrections.is_empty()).then(|| json!(corrections)),
    );
    script_safe(&article.to_string())
}

fn insert(object: &mut Value, key: &str, value: Option<Value>) {
    if let (Some(map), Some(v)) = (object.as_object_mut(), value) {
        map.insert(key.to_string(), v);
    }
}

/// Escapes JSON for a `<script>` element: `<`, `>` and `&` (so `</script>`
/// and `<!--` cannot occur) and the line separators JavaScript rejects.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
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
