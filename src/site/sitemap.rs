//! The sitemap's URLs: every page of every language, each explainer with
//! its translations as `hreflang` alternates (and `x-default`), and lede's
//! own sections (home, topics, search, archive, authors) of each language,
//! whose versions in the other languages are alternates of each other.

use super::model::Site;
use crate::templates::feeds::SitemapUrl;

/// Every URL of the site, in the order of the sitemap.
pub(super) fn urls(site: &Site) -> Vec<SitemapUrl> {
    let base = &site.config.base_url;
    let langs = &site.config.languages;
    let many = langs.len() > 1;
    let mut out = Vec::new();
    let section_alternates = |section: &str| -> Vec<(String, String)> {
        if !many {
            return Vec::new();
        }
        let mut alts: Vec<(String, String)> = langs
            .iter()
            .map(|l| {
                (
                    l.code.clone(),
                    base.absolute(&format!("{}{section}", l.prefix)),
                )
            })
            .collect();
        alts.push(("x-default".to_string(), base.absolute(section)));
        alts
    };
    let url = |path: &str, lastmod: Option<String>, alternates: Vec<(String, String)>| SitemapUrl {
        loc: base.absolute(path),
        lastmod,
        alternates,
    };
    for (l, lang) in langs.iter().enumerate() {
        let Some(groups) = site.index.langs.get(l) else {
            continue;
        };
        let prefix = &lang.prefix;
        let newest = groups
            .explainers
            .first()
            .and_then(|&i| site.pages[i].front.meta.last_modified())
            .map(|d| d.iso_day());
        out.push(url(prefix, newest, section_alternates("")));
        let pages = groups.explainers.iter().copied().chain(
            (0..site.pages.len())
                .filter(|&i| !site.pages[i].is_explainer() && site.pages[i].lang == l),
        );
        for i in pages {
            let page = &site.pages[i];
            let translations = site.index.translations_of(page);
            let mut alternates: Vec<(String, String)> = translations
                .iter()
                .map(|&t| {
                    let other = &site.pages[t];
                    let code = langs.get(other.lang).map_or("", |x| x.code.as_str());
                    (code.to_string(), base.absolute(&format!("{}/", other.slug)))
                })
                .collect();
            if let Some(&original) = translations.first().filter(|&&t| site.pages[t].lang == 0) {
                let path = format!("{}/", site.pages[original].slug);
                alternates.push(("x-default".to_string(), base.absolute(&path)));
            }
            let lastmod = page.front.meta.last_modified().map(|d| d.iso_day());
            out.push(url(&format!("{}/", page.slug), lastmod, alternates));
        }
        for section in ["tags/", "search/", "archive/"] {
            out.push(url(
                &format!("{prefix}{section}"),
                None,
                section_alternates(section),
            ));
        }
        for slug in groups.tags.keys() {
            out.push(url(&format!("{prefix}tags/{slug}/"), None, Vec::new()));
        }
        for year in groups.years.keys().rev() {
            out.push(url(&format!("{prefix}archive/{year}/"), None, Vec::new()));
        }
        if !groups.authors.is_empty() {
            out.push(url(&format!("{prefix}authors/"), None, Vec::new()));
        }
        for slug in groups.authors.keys() {
            out.push(url(&format!("{prefix}authors/{slug}/"), None, Vec::new()));
        }
    }
    out
}
