//! Headings: a unique id for each (its text slugified, or the `{#id}`
//! written after it), an anchor link, and the table of contents.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};

use super::{Ev, State, TocEntry, escape, matching_end, plain_text};
use crate::slug::slugify;

/// Element ids the page template itself uses; headings never take them.
pub const PAGE_IDS: &[&str] = &[
    "top",
    "main",
    "content",
    "key-points",
    "contents",
    "article-body",
    "sources",
    "notes",
    "updates",
    "corrections",
    "tags",
    "site-search",
];

/// Gives every heading a unique id and an anchor link.
pub fn apply(events: &mut [Ev<'_>], state: &mut State<'_, '_>) {
    let mut used: Used = PAGE_IDS.iter().map(|id| (Cow::Borrowed(*id), 1)).collect();
    let meta = state.page.meta;
    for s in &meta.sources {
        used.insert(Cow::Owned(format!("source-{}", s.id)), 1);
    }
    // The blocks' own ids, when the page has them (blocks.rs, templates).
    let blocks = [
        (
            !meta.known.is_empty() || !meta.unknown.is_empty(),
            "what-we-know",
        ),
        (!meta.claims.is_empty(), "claims"),
        (!meta.timeline.is_empty(), "timeline"),
    ];
    let own = blocks
        .iter()
        .filter(|(has, _)| *has)
        .map(|(_, id)| (*id).to_string())
        .chain(meta.claims.iter().map(|c| format!("claim-{}", c.id)))
        .chain(super::live::update_ids(&meta.updates));
    for id in own {
        state.out.facts.ids.insert(id.clone());
        used.insert(Cow::Owned(id), 1);
    }
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &events[i].0
        else {
            i += 1;
            continue;
        };
        let end = matching_end(events, i);
        let title = plain_text(&events[i + 1..end]);
        let wanted = match id {
            Some(id) => id.to_string(),
            None => slugify(&title),
        };
        let wanted = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        let id = unique(&mut used, wanted);
        let level = *level;
        let mut open = format!("<{level} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        for (name, value) in attrs {
            open.push_str(&format!(
                " {}=\"{}\"",
                escape(name),
                escape(value.as_deref().unwrap_or(""))
            ));
        }
        open.push('>');
        let close = format!(
            "<a class=\"heading-anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></{level}>\n",
            escape(&id)
        );
        events[i].0 = Event::Html(CowStr::from(open));
        events[end].0 = Event::Html(CowStr::from(close));
        let title = title.trim().to_string();
        match level {
            HeadingLevel::H2 => state.out.body.toc.push(TocEntry {
                id: id.clone(),
                title,
                children: Vec::new(),
            }),
            HeadingLevel::H3 => {
                let entry = TocEntry {
                    id: id.clone(),
                    title,
                    children: Vec::new(),
                };
                match state.out.body.toc.last_mut() {
                    Some(parent) => parent.children.push(entry),
                    None => state.out.body.toc.push(entry),
                }
            }
            _ => {}
        }
        state.out.facts.ids.insert(id);
        i = end + 1;
    }
}

/// Ids taken so far, with the next number to try for each.
type Used = HashMap<Cow<'static, str>, usize, rustc_hash::FxBuildHasher>;

/// `wanted`, or `wanted-1`, `wanted-2`… if taken.
fn unique(used: &mut Used, wanted: String) -> String {
    let Some(&next) = used.get(wanted.as_str()) else {
        used.insert(Cow::Owned(wanted.clone()), 1);
        return wanted;
    };
    let mut n = next;
    loop {
        let candidate = format!("{wanted}-{n}");
        n += 1;
        if !used.contains_key(candidate.as_str()) {
            used.insert(Cow::Owned(wanted), n);
            used.insert(Cow::Owned(candidate.clone()), 1);
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_ids_get_suffixes() {
        let mut used = Used::default();
        assert_eq!(unique(&mut used, "a".into()), "a");
        assert_eq!(unique(&mut used, "a".into()), "a-1");
        assert_eq!(unique(&mut used, "a-1".into()), "a-1-1");
        assert_eq!(unique(&mut used, "a".into()), "a-2");
    }
}
