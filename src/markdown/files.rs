//! Files an explainer refers to that are not other explainers: the files
//! of its page bundle (`![Map](map.png)`, `hero.src: photo.jpg`), the
//! site's files from its root (`/images/map.png`), and the hero image,
//! which must exist like any other. When a path is wrong, the hint names
//! one that would work, checked against the site's files.

use std::ops::Range;

use super::State;
use crate::urls::{self, UrlKind};
use crate::yaml::{Seg, Target};

/// A relative link or image that is not an explainer (`map.png`): a file
/// of this page's bundle, or an error with the path that would work.
pub(super) fn relative_file(
    dest: &str,
    decoded: &str,
    fragment: Option<&str>,
    what: &str,
    range: Range<usize>,
    state: &mut State<'_, '_>,
) -> String {
    let name = decoded.trim_start_matches("./");
    if let Some((slug, bundle)) = state.page.bundle
        && bundle.file(name).is_some()
    {
        state.out.facts.link_deps.push(format!("{slug}/{name}"));
        let url = state.ctx.base.root_relative(&format!("{slug}/{name}"));
        return match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url,
        };
    }
    let help = hint(decoded, state);
    let d = match state.page.bundle {
        Some((_, bundle)) => state.error(
            range,
            format!("the {what} `{dest}` is not a file of this page's bundle ({}/)", bundle.dir),
        ),
        None => state.error(
            range,
            format!("the {what} `{dest}` is a relative path, but this explainer is not a page bundle, so no file sits beside it"),
        ),
    };
    d.set_help(help);
    "#".into()
}

/// What to write instead of a relative path that names no file: the
/// explainer `x.md` for `x`, the site's file for `../static/images/x.png`
/// or `images/x.png`, or how to make a bundle.
fn hint(decoded: &str, state: &State<'_, '_>) -> String {
    let dir = state.page.file.rsplit_once('/').map_or("", |(d, _)| d);
    // `other` for `other.md`.
    if let Some(md) = urls::join_relative(dir, &format!("{}.md", decoded.trim_end_matches('/')))
        && state.ctx.links.pages.contains_key(&md)
    {
        return format!(
            "to link to that explainer, write its file: `{}.md`",
            decoded.trim_end_matches('/')
        );
    }
    // A file of static/, written from this file or from the site root
    // without its leading `/`.
    let site_path = static_path(dir, decoded);
    if let Some(p) = site_path.filter(|p| state.ctx.links.has(p)) {
        return format!(
            "files of static/ are published at the site root: write `/{p}` (resolved under base_url)"
        );
    }
    match state.page.bundle {
        Some((_, b)) => format!("put the file in {}/, beside the explainer", b.dir),
        None => format!(
            "put the file in static/ and write `/{}`, or make this explainer a page bundle \
             (a folder with the explainer as index.md and its files beside it)",
            decoded.trim_start_matches("./").trim_start_matches("../")
        ),
    }
}

/// The site path a relative path may have meant: `../static/images/x.png`
/// from `content/` → `images/x.png`; `images/x.png` → itself.
fn static_path(dir: &str, decoded: &str) -> Option<String> {
    let joined = urls::join_relative(dir, decoded);
    if let Some(rest) = joined.as_deref().and_then(|j| j.strip_prefix("static/")) {
        return Some(rest.to_string());
    }
    let bare = decoded.trim_start_matches("./");
    (!bare.starts_with("../")).then(|| bare.to_string())
}

/// The hero image must exist: a file of the site from its root, or of the
/// page's bundle when relative.
pub(super) fn hero(state: &mut State<'_, '_>) {
    let Some(hero) = state.page.meta.hero.as_ref() else {
        return;
    };
    let src = hero.src.as_str();
    let path = [Seg::key("hero"), Seg::key("src")];
    let problem = match urls::classify(src) {
        UrlKind::RootRelative => {
            let site_path = urls::percent_decode(
                src.split(['?', '#'])
                    .next()
                    .unwrap_or(src)
                    .trim_start_matches('/'),
            );
            state.out.facts.link_deps.push(site_path.clone());
            if state.ctx.links.has(&site_path) {
                hero_size(&site_path, state);
            }
            (!state.ctx.links.has(&site_path)).then(|| {
                (
                    format!("the hero image `{src}` is not a file of the site"),
                    "files of static/ are published at the site root: static/images/a.jpg is /images/a.jpg"
                        .to_string(),
                )
            })
        }
        UrlKind::Relative => {
            let name = urls::percent_decode(src.trim_start_matches("./"));
            match state.page.bundle {
                Some((slug, b)) if b.file(&name).is_some() => {
                    let site_path = format!("{slug}/{name}");
                    hero_size(&site_path, state);
                    state.out.facts.link_deps.push(site_path);
                    None
                }
                Some((_, b)) => Some((
                    format!(
                        "the hero image `{src}` is not in this page's bundle ({}/)",
                        b.dir
                    ),
                    hint(&name, state),
                )),
                None => Some((
                    format!(
                        "the hero image `{src}` is a relative path, but this explainer is not a page bundle"
                    ),
                    hint(&name, state),
                )),
            }
        }
        _ => None,
    };
    if let Some((message, help)) = problem {
        let d = state
            .page
            .front
            .error_at(&path, Target::Value, message)
            .label("no such file")
            .help(help);
        state.out.facts.diagnostics.push(d);
    }
}

/// The widest the built-in theme shows the hero (CSS px, at 1280 px and
/// wider): narrower images are shown at their own size, not across.
pub(super) const HERO_COLUMN_PX: u32 = 960;

/// Keeps the hero's size (for `width`/`height`: no layout shift) and warns
/// when it is narrower than the column it fills.
fn hero_size(site_path: &str, state: &mut State<'_, '_>) {
    let facts = (state.ctx.image)(site_path);
    if let Some(why) = &facts.problem {
        let path = [Seg::key("hero"), Seg::key("src")];
        let d = state
            .page
            .front
            .error_at(
                &path,
                Target::Value,
                format!("the hero image `{site_path}` {why}"),
            )
            .label("cannot be published")
            .help("replace the file with a JPEG, PNG or WebP image");
        state.out.facts.diagnostics.push(d);
        return;
    }
    if facts.pending {
        state.out.facts.images.push(site_path.to_string());
    }
    if let Some(picture) = facts.picture {
        state.out.facts.images.push(site_path.to_string());
        state.out.body.hero_size = Some((picture.width, picture.height));
        state.out.body.hero_picture = Some(picture);
    }
    let Some((width, height)) = facts.size else {
        return;
    };
    if state.out.body.hero_size.is_none() {
        state.out.body.hero_size = Some((width, height));
    }
    let scalable = site_path.to_ascii_lowercase().ends_with(".svg");
    if width < HERO_COLUMN_PX && !scalable {
        let path = [Seg::key("hero"), Seg::key("src")];
        let d = state
            .page
            .front
            .warning_at(
                &path,
                Target::Value,
                format!(
                    "the hero image is {width} px wide, narrower than the {HERO_COLUMN_PX} px it fills on wide screens"
                ),
            )
            .label("too small to fill the column")
            .help(format!(
                "it is shown at its own size, not across the page; use an image at least {HERO_COLUMN_PX} px wide ({} px for sharp screens)",
                HERO_COLUMN_PX * 2
            ));
        state.out.facts.diagnostics.push(d);
    }
}
