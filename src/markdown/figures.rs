//! Figures: an image alone in its paragraph becomes a `<figure>`, with the
//! image's title as its caption and, after the title's last ` | `, its
//! credit (`![Alt](/images/map.png "The new route | Map: City Archive")`).

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
        let (caption, credit) = caption_and_credit(title);
        let range = events[i + 1].1.clone();
        let picture = picture(dest_url, range, state);
        let html = state.component(&Component::Figure {
            src: dest_url,
            picture: picture.as_ref(),
            caption,
            credit,
            alt: &alt,
        });
        replace(events, i..image_end + 2, html);
        i = image_end + 2;
    }
}

/// The `<picture>` of an image of the site at `url` (root-relative, as the
/// links pass left it); an image that cannot be published is an error at
/// `range`.
fn picture(
    url: &str,
    range: std::ops::Range<usize>,
    state: &mut State<'_, '_>,
) -> Option<super::Picture> {
    let site_path = url.strip_prefix(state.ctx.base.path())?;
    let site_path = crate::urls::percent_decode(site_path.split(['?', '#']).next()?);
    let facts = (state.ctx.image)(&site_path);
    if let Some(why) = facts.problem {
        state
            .error(range, format!("the image `{site_path}` {why}"))
            .set_help("replace the file with a JPEG, PNG or WebP image");
        return None;
    }
    if facts.picture.is_some() || facts.pending {
        state.out.facts.images.push(site_path);
    }
    facts.picture
}

/// A title's caption and credit: the credit is what follows the last
/// ` | ` (a bar with a space on each side), so a caption may hold a bar
/// written without spaces.
pub fn caption_and_credit(title: &str) -> (&str, &str) {
    match title.rsplit_once(" | ") {
        Some((caption, credit)) => (caption.trim(), credit.trim()),
        None => match title.strip_prefix("| ") {
            Some(credit) => ("", credit.trim()),
            None => (title.trim(), ""),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::caption_and_credit;

    #[test]
    fn the_credit_follows_the_last_spaced_bar() {
        for (title, want) in [
            ("The map", ("The map", "")),
            (
                "The map | Map: City Archive",
                ("The map", "Map: City Archive"),
            ),
            ("A | B | Photo: AP", ("A | B", "Photo: AP")),
            ("| Photo: AP", ("", "Photo: AP")),
            ("Either/or|both", ("Either/or|both", "")),
            ("", ("", "")),
        ] {
            assert_eq!(caption_and_credit(title), want, "{title}");
        }
    }
}
