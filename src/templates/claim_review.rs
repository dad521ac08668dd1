//! Structured data of claim checks: one JSON-LD `ClaimReview` per claim
//! (FORMAT.md §5.4), each a `<script>` of its own, as fact-check tools and
//! search engines read them.

use serde::Serialize;

use super::structured::script_safe;
use crate::config::{Language, SiteConfig, rating_bounds};
use crate::front_matter::{Claim, Meta};
use crate::markdown::inline;

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct ClaimItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Appearance<'a>>,
}

#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<i64>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<i64>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<i64>,
}

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: String,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ClaimItem<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
    author: Named<'a>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
}

/// One `ClaimReview` per claim, each JSON escaped for a `<script>`
/// element. `permalink` is the explainer's URL (a claim's is its anchor).
pub(super) fn claim_reviews(
    meta: &Meta,
    permalink: &str,
    site: &SiteConfig,
    lang: &Language,
) -> Vec<String> {
    let bounds = rating_bounds(&lang.verdicts);
    meta.claims
        .iter()
        .map(|c| {
            let review = review(c, meta, permalink, (site, lang), bounds);
            // Plain structs of strings always serialize; `{}` is the fallback.
            let json = serde_json::to_string(&review).unwrap_or_else(|_| "{}".to_string());
            script_safe(&json)
        })
        .collect()
}

/// Claimants that are bodies, not people: a byline's organization words,
/// and those of parties, governments and groups (judged by the last word,
/// as bylines are: "Cars First, a campaign group").
fn is_organization(name: &str, site: &SiteConfig) -> bool {
    const BODIES: [&str; 18] = [
        "group",
        "party",
        "ministry",
        "government",
        "council",
        "campaign",
        "committee",
        "department",
        "company",
        "organisation",
        "organization",
        "association",
        "union",
        "institute",
        "commission",
        "office",
        "authority",
        "agency",
    ];
    crate::config::is_organization(name, &site.authors)
        || name
            .split_whitespace()
            .last()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .is_some_and(|w| BODIES.contains(&w.as_str()))
}

fn review<'a>(
    c: &'a Claim,
    meta: &Meta,
    permalink: &str,
    (site, lang): (&'a SiteConfig, &'a Language),
    bounds: Option<(i64, i64)>,
) -> ClaimReview<'a> {
    let verdict = lang.verdicts.iter().find(|v| v.key == c.verdict);
    let rating = verdict.and_then(|v| v.rating);
    let claimant = c.claimant.as_deref().map(|name| Named {
        kind: if is_organization(name, site) {
            "Organization"
        } else {
            "Person"
        },
        name,
        url: None,
    });
    ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: format!("{permalink}#claim-{}", c.id),
        claim_reviewed: inline::plain(&c.claim),
        item_reviewed: ClaimItem {
            kind: "Claim",
            author: claimant,
            date_published: c.date.as_ref().map(|d| d.rfc3339()),
            appearance: c.appearance.as_deref().map(|url| Appearance {
                kind: "CreativeWork",
                url,
            }),
        },
        review_rating: Rating {
            kind: "Rating",
            alternate_name: verdict.map_or(c.verdict.as_str(), |v| v.label.as_str()),
            rating_value: rating,
            best_rating: rating.and(bounds.map(|b| b.0)),
            worst_rating: rating.and(bounds.map(|b| b.1)),
        },
        author: Named {
            kind: "Organization",
            name: &site.title,
            url: Some(site.base_url.as_str()),
        },
        date_published: meta.date.as_ref().map(|d| d.rfc3339()),
        in_language: &lang.code,
    }
}
