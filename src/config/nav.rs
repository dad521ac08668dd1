//! The site's structure in `site.yaml`: how many explainers a list page
//! shows (`paginate`), the header menu (`menu`) and the authors' profiles
//! (`authors`).

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::urls::{self, UrlKind};
use crate::yaml::{Seg, Target, Text, UniqueMap};

/// The default number of explainers per list page.
pub(crate) const DEFAULT_PAGINATE: usize = 20;

/// A menu entry as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMenuEntry {
    /// The words shown.
    pub label: Option<Text>,
    /// A page or explainer, by slug.
    pub page: Option<Text>,
    /// Or a URL: root-relative, or absolute http(s).
    pub url: Option<Text>,
}

/// An author's profile as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    /// `Transport reporter`.
    pub role: Option<Text>,
    /// A sentence or two.
    pub bio: Option<Text>,
    /// A photo: root-relative or http(s).
    pub photo: Option<Text>,
    /// Their pages elsewhere (http or https).
    pub links: Option<Vec<Text>>,
    /// `person` (the default) or `organization`: a desk or a team ("World
    /// desk") is an organization in structured data.
    pub kind: Option<Text>,
}

/// One entry of the header (and footer) menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuEntry {
    /// The words shown.
    pub label: String,
    /// Where it goes.
    pub target: MenuTarget,
    /// Its index in `menu:` (to point at it).
    pub index: usize,
}

/// Where a menu entry goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MenuTarget {
    /// A page or explainer of the site, by slug (checked once the pages are
    /// known).
    Page(String),
    /// A URL, root-relative (`/tags/`) or absolute.
    Url(String),
}

/// An author's profile from `site.yaml`.
#[derive(Clone, Debug, Default)]
pub struct AuthorProfile {
    /// Their name, as bylines write it.
    pub name: String,
    /// `Transport reporter`.
    pub role: Option<String>,
    /// A sentence or two.
    pub bio: Option<String>,
    /// A photo.
    pub photo: Option<String>,
    /// Their pages elsewhere.
    pub links: Vec<String>,
    /// A desk or a team, not a person (`kind: organization`).
    pub organization: bool,
    /// `kind:` was written (a person named "… Staff" stays a person).
    pub kind_given: bool,
}

/// The last words of a byline that name a desk or a team, not a person
/// ("World desk", "Health team", "Staff"): such an author is an
/// `Organization` in structured data unless its profile says otherwise.
const ORGANIZATION_WORDS: [&str; 12] = [
    "desk",
    "team",
    "staff",
    "newsroom",
    "bureau",
    "editors",
    "board",
    "unit",
    "service",
    "agency",
    "agencies",
    "reporters",
];

/// Whether a byline names an organization: by its profile's `kind`, or
/// else by its last word ([`ORGANIZATION_WORDS`]).
pub fn is_organization(name: &str, profiles: &[AuthorProfile]) -> bool {
    match profiles.iter().find(|p| p.name == name) {
        Some(p) if p.organization => true,
        Some(p) if p.kind_given => false,
        _ => name
            .split_whitespace()
            .last()
            .is_some_and(|w| ORGANIZATION_WORDS.contains(&w.to_lowercase().as_str())),
    }
}

/// `paginate:` (at least 1).
pub(super) fn paginate(
    doc: &YamlDoc<'_>,
    raw: Option<usize>,
    errors: &mut Vec<Diagnostic>,
) -> usize {
    match raw {
        None => DEFAULT_PAGINATE,
        Some(0) => {
            errors.push(
                doc.error_at(
                    &[Seg::key("paginate")],
                    Target::Value,
                    "`paginate` must be at least 1",
                )
                .help("the number of explainers on each list page; the default is 20"),
            );
            DEFAULT_PAGINATE
        }
        Some(n) => n,
    }
}

/// `menu:`, each entry with a label and either a page or a URL.
pub(super) fn menu(
    doc: &YamlDoc<'_>,
    raw: Vec<RawMenuEntry>,
    under: &[Seg],
    errors: &mut Vec<Diagnostic>,
) -> Vec<MenuEntry> {
    let mut out = Vec::new();
    for (index, entry) in raw.into_iter().enumerate() {
        let item = || {
            let mut p = under.to_vec();
            p.extend([Seg::key("menu"), Seg::Index(index)]);
            p
        };
        let at = |key: &str| {
            let mut p = item();
            p.push(Seg::key(key));
            p
        };
        let label = entry.label.map(|t| t.0).filter(|l| !l.trim().is_empty());
        let Some(label) = label else {
            errors.push(
                doc.error_at(&item(), Target::Value, "a menu entry needs a `label`")
                    .help("write it as `- { label: About, page: about }` or `- { label: Topics, url: /tags/ }`"),
            );
            continue;
        };
        let target = match (entry.page, entry.url) {
            (Some(Text(page)), None) => MenuTarget::Page(page.trim().trim_matches('/').to_string()),
            (None, Some(Text(url))) => {
                let url = url.trim().to_string();
                match urls::classify(&url) {
                    UrlKind::RootRelative => MenuTarget::Url(url),
                    UrlKind::External if urls::check_http_url(&url).is_ok() => MenuTarget::Url(url),
                    _ => {
                        errors.push(
                            doc.error_at(&at("url"), Target::Value, format!("`{url}` cannot be a menu link"))
                                .help("a menu URL is a path of the site from its root (`/tags/`) or an http(s) address; for a page of the site, write `page: its-slug`"),
                        );
                        continue;
                    }
                }
            }
            (Some(_), Some(_)) => {
                errors.push(
                    doc.error_at(
                        &at("url"),
                        Target::Key,
                        "a menu entry has a `page` or a `url`, not both",
                    )
                    .help("keep `page:` for a page of the site, `url:` for anything else"),
                );
                continue;
            }
            (None, None) => {
                errors.push(
                    doc.error_at(
                        &item(),
                        Target::Value,
                        format!("the menu entry `{label}` goes nowhere"),
                    )
                    .help(
                        "add `page: its-slug` (a page or explainer of the site) or `url: /a/path/`",
                    ),
                );
                continue;
            }
        };
        out.push(MenuEntry {
            label,
            target,
            index,
        });
    }
    out
}

/// `authors:`, name → profile.
pub(super) fn authors(
    doc: &YamlDoc<'_>,
    raw: UniqueMap<RawAuthor>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<AuthorProfile> {
    let mut out = Vec::new();
    for (name, a) in raw.0 {
        let at = |key: &str| [Seg::key("authors"), Seg::key(&name), Seg::key(key)];
        let text = |t: Option<Text>| t.map(|t| t.0).filter(|s| !s.trim().is_empty());
        let photo = text(a.photo);
        if let Some(p) = &photo {
            let ok = match urls::classify(p) {
                UrlKind::RootRelative => true,
                UrlKind::External => urls::check_http_url(p).is_ok(),
                _ => false,
            };
            if !ok {
                errors.push(
                    doc.error_at(&at("photo"), Target::Value, format!("`{p}` cannot be a photo's address"))
                        .help("write it from the site root (`/images/jane.jpg`, a file of static/) or as an http(s) URL"),
                );
            }
        }
        let mut links = Vec::new();
        for (i, Text(link)) in a.links.unwrap_or_default().into_iter().enumerate() {
            match urls::check_http_url(&link) {
                Ok(()) => links.push(link),
                Err(msg) => errors.push(doc.error_at(
                    &[
                        Seg::key("authors"),
                        Seg::key(&name),
                        Seg::key("links"),
                        Seg::Index(i),
                    ],
                    Target::Value,
                    msg,
                )),
            }
        }
        let kind = text(a.kind);
        let organization = match kind.as_deref().map(str::trim) {
            None | Some("person") => false,
            Some("organization" | "organisation") => true,
            Some(other) => {
                errors.push(
                    doc.error_at(&at("kind"), Target::Value, format!("`{other}` is not a kind of author"))
                        .help("write `kind: person` (the default) or `kind: organization` (a desk or a team)"),
                );
                false
            }
        };
        out.push(AuthorProfile {
            name,
            role: text(a.role),
            bio: text(a.bio),
            photo,
            links,
            organization,
            kind_given: kind.is_some(),
        });
    }
    out
}
