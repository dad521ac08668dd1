//! The verdict scale of claim checks (`verdicts:` in `site.yaml`): each
//! verdict a key (the class `verdict-KEY` and what front matter writes), a
//! label readers see, and an optional rating for structured data.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::slug::{is_slug, slugify};
use crate::yaml::{Seg, Target, Text, UniqueMap};

/// A verdict as written in `site.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVerdict {
    /// What readers see (`Mostly false`).
    pub label: Option<Text>,
    /// A number for structured data: higher is truer (`reviewRating`).
    pub rating: Option<i64>,
}

/// One verdict of the scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// `mostly-false`.
    pub key: String,
    /// `Mostly false`.
    pub label: String,
    /// Its rating, if the scale rates it.
    pub rating: Option<i64>,
}

/// The default scale: key, label key of the theme, rating.
const DEFAULT: [(&str, &str, Option<i64>); 6] = [
    ("true", "verdict_true", Some(5)),
    ("mostly-true", "verdict_mostly_true", Some(4)),
    ("mixed", "verdict_mixed", Some(3)),
    ("mostly-false", "verdict_mostly_false", Some(2)),
    ("false", "verdict_false", Some(1)),
    ("unproven", "verdict_unproven", None),
];

/// The default scale, in the words of `labels`.
pub fn default_scale(labels: &BTreeMap<String, String>) -> Vec<Verdict> {
    DEFAULT
        .iter()
        .map(|(key, label, rating)| Verdict {
            key: (*key).to_string(),
            label: labels
                .get(*label)
                .cloned()
                .unwrap_or_else(|| (*key).to_string()),
            rating: *rating,
        })
        .collect()
}

/// The scale of `site.yaml` (or the default), with its problems.
pub(super) fn scale(
    doc: &YamlDoc<'_>,
    raw: Option<UniqueMap<RawVerdict>>,
    labels: &BTreeMap<String, String>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Verdict> {
    let Some(UniqueMap(raw)) = raw else {
        return default_scale(labels);
    };
    if raw.is_empty() {
        errors.push(
            doc.error_at(
                &[Seg::key("verdicts")],
                Target::Value,
                "`verdicts` is empty",
            )
            .help("list at least one verdict, or remove the key to use the default scale"),
        );
    }
    let mut out = Vec::with_capacity(raw.len());
    for (key, v) in raw {
        let at = |field: &str| [Seg::key("verdicts"), Seg::key(&key), Seg::key(field)];
        if !is_slug(&key) {
            let fixed = slugify(&key);
            let d = doc
                .error_at(
                    &[Seg::key("verdicts"), Seg::key(&key)],
                    Target::Key,
                    format!("`{key}` is not a valid verdict key"),
                )
                .label("lowercase letters, digits and `-` only");
            errors.push(if fixed.is_empty() {
                d
            } else {
                d.help(format!("use `{fixed}`"))
            });
        }
        let label = match v.label {
            Some(Text(l)) if !l.trim().is_empty() => l,
            _ => {
                errors.push(
                    doc.error_at(
                        &[Seg::key("verdicts"), Seg::key(&key)],
                        Target::Value,
                        format!("the verdict `{key}` needs a `label`"),
                    )
                    .help("the words readers see, e.g. `label: \"Mostly false\"`"),
                );
                key.clone()
            }
        };
        if v.rating.is_some_and(|r| r < 0) {
            errors.push(doc.error_at(&at("rating"), Target::Value, "a rating cannot be negative"));
        }
        out.push(Verdict {
            key,
            label,
            rating: v.rating,
        });
    }
    out
}

/// The best and worst ratings of a scale, when it rates any verdict.
pub fn rating_bounds(scale: &[Verdict]) -> Option<(i64, i64)> {
    let ratings = scale.iter().filter_map(|v| v.rating);
    let best = ratings.clone().max()?;
    let worst = ratings.min()?;
    Some((best, worst))
}
