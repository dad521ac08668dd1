//! Figures: an image alone in its paragraph becomes a `<figure>`, with the
//! image's title as its caption.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Component, Ev, State, matching_end, plain_text, replace};

/// Turns lone images into figures.
pub fn apply(events: &mut [Ev<'_>], state: &mut State<'_, '_>) {
    let mut i = 0;
    while i + 1 < events.len() {
        let is_lone_image = matches!(events[i].0, Event::Start(Tag::Paragraph))
            && matches!(events[i + 1].0, Event::Start(Tag::Image { .. }));
        if !is_lone_image {
            i += 1;
            continue;
        }
        let image_end = matching_end(events, i + 1);
        if !matches!(
            events.get(image_end + 1),
            Some((Event::End(TagEnd::Paragraph), _))
        ) {
            i += 1;
            continue;
        }
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &events[i + 1].0
        else {
            i += 1;
            continue;
        };
        let alt = plain_text(&events[i + 2..image_end]);
        let html = state.component(&Component::Figure {
            src: dest_url,
            caption: title,
            alt: &alt,
        });
        replace(events, i..image_end + 2, html);
        i = image_end + 2;
    }
}
