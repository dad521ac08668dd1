//! The source registry: ids, publishers and titles, URLs and dates, each
//! checked at its position.

use super::check::{Checker, k, text};
use super::{Date, Source, SourceDate};
use crate::yaml::Target;

pub(super) fn sources(
    c: &mut Checker<'_, '_>,
    raw: Vec<(String, super::raw::RawSource)>,
) -> Vec<Source> {
    let mut out = Vec::with_capacity(raw.len());
    for (id, s) in raw {
        let at = |field: &str| [k("sources"), k(&id), k(field)];
        if let Some(first) = out
            .iter()
            .find(|s: &&Source| s.id.eq_ignore_ascii_case(&id))
        {
            let d = c.doc.error_at(
                &[k("sources"), k(&id)],
                Target::Key,
                format!(
                    "source id `{id}` differs only in letter case from `{}`",
                    first.id
                ),
            );
            c.errors
                .push(d.label("the same id as far as citations go").help(
                    "source ids are matched ignoring case ([^AP] cites `ap`); rename one of them",
                ));
            // Reported once: citations of it cite the first.
            continue;
        }
        if !is_source_id(&id) {
            let d = c.doc.error_at(
                &[k("sources"), k(&id)],
                Target::Key,
                format!("`{id}` cannot be a source id"),
            );
            c.errors.push(
                d.label("letters, digits, `-` and `_` only")
                    .help("the id is what you cite in the text as [^id]"),
            );
            // Reported once: no one can cite it, so no "never cited".
            continue;
        }
        let publisher = text(s.publisher);
        let title = text(s.title);
        if publisher.is_none() && title.is_none() {
            c.errors.push(
                c.doc
                    .error_at(
                        &[k("sources"), k(&id)],
                        Target::Key,
                        format!("source `{id}` needs a `publisher` or a `title`"),
                    )
                    .label("neither is given"),
            );
        }
        let url = s.url.map(|t| t.0);
        if let Some(u) = &url {
            c.http_url(&at("url"), u);
        }
        let archived = s.archived.map(|t| t.0);
        if let Some(u) = &archived {
            c.http_url(&at("archived"), u);
        }
        let date = s.date.and_then(|t| match source_date(&t.0) {
            Ok(d) => Some(d),
            Err(msg) => {
                c.error(&at("date"), msg);
                None
            }
        });
        out.push(Source {
            id,
            publisher,
            title,
            url,
            date,
            archived,
        });
    }
    out
}

/// Source ids are cited as `[^id]`: no spaces or brackets.
fn is_source_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
}

/// A source's date may be a year, a month or a day (documents are often dated
/// only by year).
fn source_date(text: &str) -> Result<SourceDate, String> {
    let s = text.trim();
    let bytes = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        bytes
            .get(r)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    if s.len() == 4 && digits(0..4) {
        return Ok(SourceDate {
            human: s.to_string(),
            machine: s.to_string(),
        });
    }
    if s.len() == 7 && digits(0..4) && bytes[4] == b'-' && digits(5..7) {
        let month: usize = s[5..7].parse().unwrap_or(0);
        if let Some(name) = crate::date::month_name(month) {
            return Ok(SourceDate {
                human: format!("{name} {}", &s[..4]),
                machine: s.to_string(),
            });
        }
    }
    let d = Date::parse(s)
        .map_err(|e| format!("bad date: {e} (a source may also be dated 2022 or 2022-11)"))?;
    Ok(SourceDate {
        human: d.human(),
        machine: d.iso_day(),
    })
}
