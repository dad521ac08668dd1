//! The explainer components of FORMAT.md §5.4 as front matter: what we
//! know and what we don't (`known`, `unknown`), claim checks (`claims`) and
//! the `timeline`. Validated here as far as the file alone can tell; the
//! verdicts are checked against the site's scale, and the order of the
//! timeline is warned about, by the Markdown stage that renders them.

use super::Date;
use super::check::{Checker, k, text};
use super::raw::{RawClaim, RawFact, RawTimelineEntry};
use crate::slug::{is_slug, slugify};
use crate::yaml::{Seg, Text};

/// An item of `known` or `unknown`.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The fact (inline Markdown).
    pub text: String,
    /// Source ids cited for it.
    pub sources: Vec<String>,
}

/// A claim checked in the explainer.
#[derive(Clone, Debug)]
pub struct Claim {
    /// Its id (`claim-ID` is its element id).
    pub id: String,
    /// The claim as it was made (inline Markdown).
    pub claim: String,
    /// Who made it.
    pub claimant: Option<String>,
    /// When.
    pub date: Option<Date>,
    /// Where it was made (http/https).
    pub appearance: Option<String>,
    /// A key of the site's verdict scale (checked when rendered).
    pub verdict: String,
    /// Why (inline Markdown).
    pub note: Option<String>,
    /// Source ids cited for it.
    pub sources: Vec<String>,
}

/// A dated event of the timeline.
#[derive(Clone, Debug)]
pub struct TimelineEntry {
    /// When.
    pub date: Date,
    /// What happened (inline Markdown).
    pub text: String,
    /// Source ids cited for it.
    pub sources: Vec<String>,
    /// Its index in the front matter's list (entries with errors are left
    /// out, so it can differ from its index here).
    pub index: usize,
}

fn ids(list: Vec<Text>) -> Vec<String> {
    list.into_iter().map(|t| t.0).collect()
}

/// `known` or `unknown`.
pub(super) fn facts(
    c: &mut Checker<'_, '_>,
    key: &str,
    raw: Vec<RawFact>,
    known_ids: &[&str],
) -> Vec<Fact> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, item) in raw.into_iter().enumerate() {
        let (text, sources) = match item {
            RawFact::Short(t) => (t, Vec::new()),
            RawFact::Long(l) => (l.text.0, ids(l.sources)),
        };
        let at = [k(key), Seg::Index(i)];
        if text.trim().is_empty() {
            c.error(&at, format!("an item of `{key}` has no text"));
        }
        c.inline(&at, &text);
        let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
        c.source_ids(&[k(key), Seg::Index(i), k("sources")], &refs, known_ids);
        out.push(Fact { text, sources });
    }
    out
}

/// `claims`: each needs its `claim` and its `verdict`; ids are unique
/// slugs (a claim without one is known by its number).
pub(super) fn claims(
    c: &mut Checker<'_, '_>,
    raw: Vec<RawClaim>,
    known_ids: &[&str],
) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let at = |key: &str| [k("claims"), Seg::Index(i), k(key)];
        let id = match text(r.id) {
            Some(id) if is_slug(&id) => id,
            Some(id) => {
                let d = c.error(&at("id"), format!("`{id}` is not a valid claim id"));
                d.set_label("lowercase letters, digits and `-` only");
                let fixed = slugify(&id);
                if !fixed.is_empty() {
                    d.set_help(format!("use `{fixed}`"));
                }
                fixed
            }
            None => (i + 1).to_string(),
        };
        if out.iter().any(|o| o.id == id) {
            c.error(
                &at("id"),
                format!("two claims have the id `{id}`: each needs its own"),
            );
        }
        let claim = text(r.claim);
        if claim.is_none() {
            c.error(&[k("claims"), Seg::Index(i)], "a claim needs `claim`")
                .set_help(
                    "the claim as it was made, e.g. `claim: \"The toll will raise $40m a year.\"`",
                );
        }
        let verdict = text(r.verdict).map(|v| v.trim().to_string());
        if verdict.is_none() {
            c.error(&[k("claims"), Seg::Index(i)], "a claim needs a `verdict`")
                .set_help("a key of the verdict scale, e.g. `verdict: mostly-false`");
        }
        let claim = claim.unwrap_or_default();
        c.inline(&at("claim"), &claim);
        let date = r.date.and_then(|t| c.date(&at("date"), &t.0));
        let appearance = text(r.appearance);
        if let Some(url) = &appearance {
            c.http_url(&at("appearance"), url);
        }
        let note = text(r.note);
        if let Some(n) = &note {
            c.inline(&at("note"), n);
        }
        let sources = ids(r.sources);
        let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
        c.source_ids(&at("sources"), &refs, known_ids);
        out.push(Claim {
            id,
            claim,
            claimant: text(r.claimant),
            date,
            appearance,
            verdict: verdict.unwrap_or_default(),
            note,
            sources,
        });
    }
    out
}

/// `timeline`: each entry needs a date and a text. Kept in the order
/// written (an entry out of date order is warned about, not moved).
pub(super) fn timeline(
    c: &mut Checker<'_, '_>,
    raw: Vec<RawTimelineEntry>,
    known_ids: &[&str],
) -> Vec<TimelineEntry> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let at = |key: &str| [k("timeline"), Seg::Index(i), k(key)];
        let date = match r.date {
            Some(t) => c.date(&at("date"), &t.0),
            None => {
                c.error(
                    &[k("timeline"), Seg::Index(i)],
                    "a timeline entry needs a `date`",
                );
                None
            }
        };
        let entry_text = text(r.text);
        match &entry_text {
            Some(t) => c.inline(&at("text"), t),
            None => {
                c.error(
                    &[k("timeline"), Seg::Index(i)],
                    "a timeline entry needs a `text`",
                )
                .set_help("what happened that day, e.g. `text: \"The council votes the toll.\"`");
            }
        }
        let sources = ids(r.sources);
        let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
        c.source_ids(&at("sources"), &refs, known_ids);
        if let (Some(date), Some(text)) = (date, entry_text) {
            out.push(TimelineEntry {
                date,
                text,
                sources,
                index: i,
            });
        }
    }
    out
}
