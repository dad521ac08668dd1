//! Links and images: resolve every URL an editor wrote, and check it.
//!
//! - `/images/a.png`: resolved under the base path; the file must exist;
//! - `other.md`, `../x/y.md#h`: another explainer, by its file (as GitHub's
//!   preview resolves it) → that page's URL; the file must be a published
//!   explainer, and `#h` an id on it (checked once every page is rendered);
//! - `#h`: an id on this page;
//! - `https://…`, `mailto:…`: left as written;
//! - `javascript:`, `vbscript:` and `data:` (but for images' `data:image/`)
//!   are errors.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::{Ev, State};
use crate::diagnostics::Diagnostic;
use crate::suggest::did_you_mean;
use crate::urls::{self, UrlKind};

/// Everything a link may point at.
#[derive(Clone, Debug, Default)]
pub struct LinkTargets {
    /// Explainers by path relative to the site root (`content/a.md`).
    pub pages: HashMap<String, PageLink>,
    /// Every file the output will have, by site path (`images/a.png`,
    /// `tags/x/index.html`, `slug/index.html`).
    pub files: HashSet<String>,
}

/// An explainer a link can point at.
#[derive(Clone, Debug)]
pub struct PageLink {
    /// Its slug.
    pub slug: String,
    /// False for a draft, or an explainer dated in the future, left out of
    /// this build.
    pub published: bool,
    /// Left out because it is dated in the future.
    pub scheduled: bool,
    /// Its front matter has errors (reported on their own): links to it
    /// are not errors as well.
    pub broken: bool,
    /// Its translations: (language, slug). A link from a page in one of
    /// these languages goes to the translation.
    pub translations: Vec<(usize, String)>,
}

impl LinkTargets {
    /// Does a link to `dep` (a site path or an explainer's file, as recorded
    /// in [`super::Rendered::link_deps`]) depend on the target `key` (a key of
    /// `files` or `pages`)?
    pub fn depends(dep: &str, key: &str) -> bool {
        dep == key
            || key
                .strip_suffix("/index.html")
                .is_some_and(|dir| dep.trim_end_matches('/') == dir)
    }

    /// Does the output have something at this site path (no leading `/`)?
    pub fn has(&self, path: &str) -> bool {
        if path.is_empty() || self.files.contains(path) {
            return true;
        }
        let dir = path.trim_end_matches('/');
        self.files.contains(&format!("{dir}/index.html"))
    }
}

/// A link to an anchor on another page, checked after every page rendered.
#[derive(Clone, Debug)]
pub struct AnchorCheck {
    /// The slug of the page linked to.
    pub slug: String,
    /// The id wanted there.
    pub anchor: String,
    /// The error to report if it is not there.
    pub error: Diagnostic,
}

/// Resolves and checks every link and image URL; an image without alt text
/// is a warning.
pub fn apply(events: &mut [Ev<'_>], state: &mut State<'_, '_>) {
    let mut local: Vec<(String, Range<usize>)> = Vec::new();
    for i in 0..events.len() {
        if matches!(events[i].0, Event::Start(Tag::Image { .. })) {
            let end = super::matching_end(events, i);
            if super::plain_text(&events[i + 1..end]).trim().is_empty() {
                state
                    .warning(events[i].1.clone(), "this image has no alt text")
                    .set_help("describe it between the brackets, e.g. `![A map of the toll zone](/images/map.png)`, for readers who cannot see it");
            }
        }
        let (event, range) = &mut events[i];
        let (dest, is_image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        if let Some(new) = resolve(dest, is_image, range.clone(), &mut local, state) {
            *dest = CowStr::from(new);
        }
    }
    for (anchor, range) in local {
        if !state.out.facts.has_id(&anchor) {
            let mut ids: Vec<&str> = state.out.body.heading_ids();
            ids.sort_unstable();
            let help = did_you_mean(&anchor, &ids, |b| format!("#{b}")).unwrap_or_else(|| {
                format!(
                    "headings on this page: {}",
                    if ids.is_empty() {
                        "none".into()
                    } else {
                        ids.join(", ")
                    }
                )
            });
            state
                .error(
                    range,
                    format!("no element with the id `{anchor}` on this page"),
                )
                .set_help(help);
        }
    }
}

/// The URL to write instead of `dest`, or `None` to keep it.
fn resolve(
    dest: &str,
    is_image: bool,
    range: Range<usize>,
    local: &mut Vec<(String, Range<usize>)>,
    state: &mut State<'_, '_>,
) -> Option<String> {
    let what = if is_image { "image" } else { "link" };
    match urls::classify(dest) {
        UrlKind::External | UrlKind::ProtocolRelative => None,
        UrlKind::Dangerous
            if is_image
                && dest
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("data:image/") =>
        {
            None
        }
        UrlKind::Dangerous => {
            state.error(range, format!("this {what} uses a `javascript:`, `vbscript:` or `data:` URL, which lede does not allow"));
            Some("#".into())
        }
        UrlKind::Fragment => {
            let anchor = urls::percent_decode(&dest[1..]);
            if !anchor.is_empty() {
                local.push((anchor, range));
            }
            None
        }
        UrlKind::RootRelative => {
            let (path, fragment) = urls::split_fragment(dest);
            let path = path.split('?').next().unwrap_or(path);
            let site_path = urls::percent_decode(path.trim_start_matches('/'));
            state.out.facts.link_deps.push(site_path.clone());
            if !state.ctx.links.has(&site_path) {
                state.error(range, format!("{what} to `{path}`, but the site has no such file or page")).set_help(
                    "files under static/ are published at the site root: static/images/a.png is /images/a.png",
                );
            } else if let Some(anchor) = fragment.filter(|f| !f.is_empty()) {
                let slug = site_path
                    .trim_end_matches('/')
                    .trim_end_matches("/index.html")
                    .to_string();
                push_anchor_check(state, slug, anchor, range);
            }
            Some(state.ctx.base.root_relative(dest))
        }
        UrlKind::Relative => relative(dest, what, range, state),
    }
}

fn relative(
    dest: &str,
    what: &str,
    range: Range<usize>,
    state: &mut State<'_, '_>,
) -> Option<String> {
    let (path, fragment) = urls::split_fragment(dest);
    let decoded = urls::percent_decode(path);
    let dir = state.page.file.rsplit_once('/').map_or("", |(d, _)| d);
    let target = urls::join_relative(dir, &decoded);
    if !decoded.ends_with(".md") {
        return Some(super::files::relative_file(
            dest, &decoded, fragment, what, range, state,
        ));
    }
    if let Some(t) = &target {
        state.out.facts.link_deps.push(t.clone());
    }
    let page = target.as_ref().and_then(|t| state.ctx.links.pages.get(t));
    match page {
        Some(p) if p.published => {
            // A page in another language links to the translation, if any.
            let lang = state.ctx.lang;
            let slug = p
                .translations
                .iter()
                .find(|(l, _)| *l == lang)
                .map_or_else(|| p.slug.clone(), |(_, s)| s.clone());
            if let Some(anchor) = fragment.filter(|f| !f.is_empty()) {
                push_anchor_check(state, slug.clone(), anchor, range);
            }
            let url = state.ctx.base.root_relative(&format!("{slug}/"));
            Some(match fragment {
                Some(f) => format!("{url}#{f}"),
                None => url,
            })
        }
        Some(p) if p.broken => Some("#".into()),
        Some(p) if p.scheduled => {
            state
                .error(
                    range,
                    format!(
                        "{what} to `{dest}`, which is dated in the future and not in this build"
                    ),
                )
                .set_help("link to it once it is published, or build with --future");
            Some("#".into())
        }
        Some(_) => {
            state
                .error(
                    range,
                    format!("{what} to `{dest}`, which is a draft and not in this build"),
                )
                .set_help("publish it (remove `draft: true`) or build with --drafts");
            Some("#".into())
        }
        None => {
            let shown = target.unwrap_or_else(|| decoded.clone());
            state
                .error(
                    range,
                    format!("{what} to `{dest}`, but there is no explainer at `{shown}`"),
                )
                .set_help("the path is relative to this file, as on GitHub");
            Some("#".into())
        }
    }
}

fn push_anchor_check(state: &mut State<'_, '_>, slug: String, anchor: &str, range: Range<usize>) {
    let anchor = urls::percent_decode(anchor);
    let error = state.at(
        Diagnostic::error(format!(
            "no element with the id `{anchor}` on the page `{slug}`"
        )),
        range,
    );
    state.out.facts.anchor_checks.push(AnchorCheck {
        slug,
        anchor,
        error,
    });
}
