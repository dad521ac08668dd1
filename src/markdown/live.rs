//! Live coverage: the element ids of the update log's entries, and the
//! `lede check` lint on a live story left without updates.

use super::State;
use crate::yaml::{Seg, Target};

/// `lede check`: a live story whose last change is over a week old is a
/// warning naming that change (readers are told it is developing).
pub fn stale_live(state: &mut State<'_, '_>) {
    let meta = state.page.meta;
    let Some(last) = meta.last_modified().filter(|_| meta.is_live()) else {
        return;
    };
    let days = (jiff::Timestamp::now().as_second() - last.unix_seconds()) / 86_400;
    if days < 7 {
        return;
    }
    let d = state
        .page
        .front
        .warning_at(
            &[Seg::key("live")],
            Target::Value,
            format!(
                "this live explainer was last updated over a week ago, on {}",
                last.human()
            ),
        )
        .label("still shown as live")
        .help("add an entry to `updates`, or set `live: false` when coverage has ended");
    state.out.facts.diagnostics.push(d);
}

/// The element ids of the update log's entries, in its order: the
/// entry's date (`update-2026-02-05`), its time when it has one
/// (`update-2026-02-05-1400`), so a link to an update stays right when
/// others are added; a second entry of the same minute gets `-2`.
pub fn update_ids(updates: &[crate::front_matter::Dated]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(updates.len());
    for u in updates {
        let mut id = format!("update-{}", u.date.iso_day());
        if let Some(hhmm) = u.date.rfc3339().get(11..16)
            && u.date.has_time()
        {
            id.push('-');
            id.push_str(&hhmm.replace(':', ""));
        }
        let mut unique = id.clone();
        let mut n = 1;
        while ids.contains(&unique) {
            n += 1;
            unique = format!("{id}-{n}");
        }
        ids.push(unique);
    }
    ids
}
