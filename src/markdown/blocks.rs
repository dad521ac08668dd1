//! The explainer blocks of FORMAT.md §5.4 — what we know and what we
//! don't, claim cards and the timeline — and the marker lines that place
//! them (`<!-- known -->`, `<!-- claims -->`, `<!-- claim: ID -->`,
//! `<!-- timeline -->`, and the key points' `<!-- key-points -->`).
//!
//! [`super::scan`] finds the markers; [`super::citations`] renders each
//! block where it stands in reading order (so its citations are numbered
//! there) with the functions here. Without a marker, what we know follows
//! the key points, and the timeline, then the claims, come before the
//! sources list.

use super::{ClaimView, Component, PointView, State, TimelineView, inline};
use crate::front_matter::{Claim, Fact};
use crate::suggest::{as_is, did_you_mean};
use crate::yaml::{Seg, Target};

/// A marker line of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// `<!-- key-points -->`.
    KeyPoints,
    /// `<!-- known -->`.
    Known,
    /// `<!-- claims -->`: every claim not placed on its own.
    Claims,
    /// `<!-- claim: ID -->`.
    Claim(String),
    /// `<!-- timeline -->`.
    Timeline,
}

/// The marker an HTML comment is, if any (spaces inside are free).
pub fn marker(html: &str) -> Option<Marker> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    match inner {
        "key-points" => Some(Marker::KeyPoints),
        "known" => Some(Marker::Known),
        "claims" => Some(Marker::Claims),
        "timeline" => Some(Marker::Timeline),
        _ => {
            let id = inner.strip_prefix("claim:")?.trim();
            (!id.is_empty()).then(|| Marker::Claim(id.to_string()))
        }
    }
}

/// Whether a marker found at `range` places something: a second marker of
/// one block is ignored with a warning; a claim marker naming no claim, or
/// one placed already, is an error.
pub fn accept(
    marker: &Marker,
    before: &[(usize, Marker)],
    range: std::ops::Range<usize>,
    state: &mut State<'_, '_>,
) -> bool {
    let meta = state.page.meta;
    if let Marker::Claim(id) = marker {
        if meta.claim(id).is_none() {
            let ids: Vec<&str> = meta.claims.iter().map(|c| c.id.as_str()).collect();
            let help =
                match crate::suggest::did_you_mean(id, &ids, |c| format!("<!-- claim: {c} -->")) {
                    Some(h) => h,
                    None if ids.is_empty() => {
                        "this explainer has no `claims` in its front matter".into()
                    }
                    None => format!("claims: {}", ids.join(", ")),
                };
            let d = state.error(range, format!("`<!-- claim: {id} -->` names no claim"));
            d.set_label("no claim with this id");
            d.set_help(help);
            return false;
        }
        if before.iter().any(|(_, m)| m == marker) {
            state
                .error(range, format!("the claim `{id}` is placed twice"))
                .set_help("a claim card appears once: remove one of its markers");
            return false;
        }
        return true;
    }
    let (name, empty, key) = match marker {
        Marker::KeyPoints => ("key-points", false, ""),
        Marker::Known => (
            "known",
            meta.known.is_empty() && meta.unknown.is_empty(),
            "`known` or `unknown`",
        ),
        Marker::Claims => ("claims", meta.claims.is_empty(), "`claims`"),
        _ => ("timeline", meta.timeline.is_empty(), "`timeline`"),
    };
    if before.iter().any(|(_, m)| m == marker) {
        state.warning(
            range,
            format!("a second `<!-- {name} -->` marker is ignored"),
        );
        return false;
    }
    if empty {
        state
            .warning(range, format!("`<!-- {name} -->` places nothing"))
            .set_help(format!("this explainer has no {key} in its front matter"));
        return false;
    }
    true
}

/// Renders a block's citations: each source id through the reading-order
/// numbering.
pub type Cite<'f> = dyn FnMut(&str, &mut State<'_, '_>) -> String + 'f;

fn cite_all(ids: &[String], cite: &mut Cite<'_>, state: &mut State<'_, '_>) -> String {
    ids.iter().map(|id| cite(id, state)).collect()
}

/// The key points box.
pub fn key_points(cite: &mut Cite<'_>, state: &mut State<'_, '_>) -> String {
    let meta = state.page.meta;
    let mut views = Vec::with_capacity(meta.key_points.len());
    for (i, point) in meta.key_points.iter().enumerate() {
        let citations = cite_all(&point.sources, cite, state);
        let section = point.section.as_ref().and_then(|s| {
            if state.out.facts.has_id(s) {
                return Some(format!("#{s}"));
            }
            let path = [Seg::key("key_points"), Seg::Index(i), Seg::key("section")];
            let headings: Vec<&str> = state.out.body.heading_ids();
            let mut d = state.page.front.error_at(
                &path,
                Target::Value,
                format!("no heading with the id `{s}` in this explainer"),
            );
            d = d.label("not a heading id");
            d = match did_you_mean(s, &headings, as_is) {
                Some(help) => d.help(help),
                None if headings.is_empty() => d.help(
                    "add a `## Heading` whose text slugifies to this id, or `## Heading {#id}`",
                ),
                None => d.help(format!("heading ids: {}", headings.join(", "))),
            };
            state.out.facts.diagnostics.push(d);
            None
        });
        views.push(PointView {
            html: inline::render(&point.text, state.ctx.base),
            plain: inline::plain(&point.text),
            citations,
            section,
        });
    }
    state.component(&Component::KeyPoints { points: &views })
}

/// What we know and what we don't, as one block.
pub fn known(placed: bool, cite: &mut Cite<'_>, state: &mut State<'_, '_>) -> String {
    let meta = state.page.meta;
    let mut views = |facts: &[Fact], state: &mut State<'_, '_>| -> Vec<PointView> {
        facts
            .iter()
            .map(|f| PointView {
                html: inline::render(&f.text, state.ctx.base),
                plain: inline::plain(&f.text),
                citations: cite_all(&f.sources, cite, state),
                section: None,
            })
            .collect()
    };
    let known = views(&meta.known, state);
    let unknown = views(&meta.unknown, state);
    if state.ctx.lint {
        for (i, f) in meta.known.iter().enumerate() {
            if f.sources.is_empty() {
                let mut d = state.page.front.warning_at(
                    &[Seg::key("known"), Seg::Index(i)],
                    Target::Value,
                    "this item of `known` cites no source",
                );
                d.severity = crate::diagnostics::Severity::Info;
                state.out.facts.diagnostics.push(d.help(
                    "readers trust what they can check: add `sources: [id]` (long form `{ text, sources }`)",
                ));
            }
        }
    }
    state.component(&Component::Known {
        known: &known,
        unknown: &unknown,
        placed,
    })
}

/// The view of claim `index` of the front matter, its citations numbered
/// now; an unknown verdict is reported (listing the scale).
pub fn claim_view(index: usize, cite: &mut Cite<'_>, state: &mut State<'_, '_>) -> ClaimView {
    let meta = state.page.meta;
    let claim: &Claim = &meta.claims[index];
    let scale = &state.ctx.language.verdicts;
    let verdict = scale.iter().find(|v| v.key == claim.verdict);
    if verdict.is_none() && !claim.verdict.is_empty() {
        let keys: Vec<&str> = scale.iter().map(|v| v.key.as_str()).collect();
        let path = [Seg::key("claims"), Seg::Index(index), Seg::key("verdict")];
        let d = state
            .page
            .front
            .error_at(
                &path,
                Target::Value,
                format!("`{}` is not a verdict of this site", claim.verdict),
            )
            .label("not on the verdict scale");
        let list = format!("the scale (site.yaml `verdicts`): {}", keys.join(", "));
        let help = match crate::suggest::did_you_mean(&claim.verdict, &keys, crate::suggest::as_is)
        {
            Some(h) => format!("{h} {list}"),
            None => list,
        };
        state.out.facts.diagnostics.push(d.help(help));
    }
    if claim.sources.is_empty() {
        let path = [Seg::key("claims"), Seg::Index(index)];
        let d = state
            .page
            .front
            .warning_at(
                &path,
                Target::Value,
                format!("claim `{}` cites no source", claim.id),
            )
            .help("a verdict readers can check: add `sources: [id]` with what it rests on");
        state.out.facts.diagnostics.push(d);
    }
    let base = state.ctx.base;
    let citations = cite_all(&claim.sources, cite, state);
    ClaimView {
        id: claim.id.clone(),
        anchor: format!("claim-{}", claim.id),
        claim: inline::render(&claim.claim, base),
        plain: inline::plain(&claim.claim),
        claimant: claim.claimant.clone(),
        date: claim.date.as_ref().map(|d| state.ctx.language.date(d)),
        datetime: claim.date.as_ref().map(|d| {
            if d.has_time() {
                d.rfc3339()
            } else {
                d.iso_day()
            }
        }),
        appearance_host: claim.appearance.as_deref().map(crate::urls::host_of),
        appearance: claim.appearance.clone(),
        verdict: claim.verdict.clone(),
        verdict_label: verdict.map_or_else(|| claim.verdict.clone(), |v| v.label.clone()),
        rating: verdict.and_then(|v| v.rating),
        note: claim.note.as_deref().map(|n| inline::render(n, base)),
        citations,
    }
}

/// One claim card, placed by `<!-- claim: ID -->`.
pub fn claim(index: usize, cite: &mut Cite<'_>, state: &mut State<'_, '_>) -> String {
    let view = claim_view(index, cite, state);
    state.component(&Component::Claim { claim: &view })
}

/// The claims of `indices` as one group (`<!-- claims -->`, or before the
/// sources list).
pub fn claims(
    indices: &[usize],
    placed: bool,
    cite: &mut Cite<'_>,
    state: &mut State<'_, '_>,
) -> String {
    let views: Vec<ClaimView> = indices
        .iter()
        .map(|&i| claim_view(i, cite, state))
        .collect();
    state.component(&Component::Claims {
        claims: &views,
        placed,
    })
}

/// The timeline, in the order written; an entry dated before the one above
/// it is a warning (it is not moved: the editor decides).
pub fn timeline(placed: bool, cite: &mut Cite<'_>, state: &mut State<'_, '_>) -> String {
    let meta = state.page.meta;
    let mut views = Vec::with_capacity(meta.timeline.len());
    for (n, entry) in meta.timeline.iter().enumerate() {
        if let Some(before) = n.checked_sub(1).map(|p| &meta.timeline[p])
            && entry.date < before.date
        {
            let path = [
                Seg::key("timeline"),
                Seg::Index(entry.index),
                Seg::key("date"),
            ];
            let d = state
                .page
                .front
                .warning_at(
                    &path,
                    Target::Value,
                    format!(
                        "this entry ({}) is dated before the one above it ({})",
                        entry.date.iso_day(),
                        before.date.iso_day()
                    ),
                )
                .label("out of date order")
                .help("readers expect a timeline in date order: move the entry to its place");
            state.out.facts.diagnostics.push(d);
        }
        views.push(TimelineView {
            date: state.ctx.language.date_time(&entry.date),
            datetime: if entry.date.has_time() {
                entry.date.rfc3339()
            } else {
                entry.date.iso_day()
            },
            text: inline::render(&entry.text, state.ctx.base),
            citations: cite_all(&entry.sources, cite, state),
        });
    }
    state.component(&Component::Timeline {
        entries: &views,
        placed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_with_free_spaces() {
        assert_eq!(marker("<!-- known -->\n"), Some(Marker::Known));
        assert_eq!(marker("<!--timeline-->"), Some(Marker::Timeline));
        assert_eq!(marker("<!-- key-points -->"), Some(Marker::KeyPoints));
        assert_eq!(
            marker("<!-- claim: source-revealed -->"),
            Some(Marker::Claim("source-revealed".into()))
        );
        assert_eq!(marker("<!-- claim: -->"), None);
        assert_eq!(marker("<!-- a comment -->"), None);
        assert_eq!(marker("<div>"), None);
    }
}
