//! Code: fenced code highlighted by syntect with CSS classes (`hl-…`), so the
//! theme's stylesheet decides the colours for light and dark.
//!
//! The syntax set is loaded once, the first time a page has code, and shared
//! by every page of the build.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use pulldown_cmark::{CodeBlockKind, Event, Tag};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::{Ev, State, escape, matching_end, replace};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The dark-mode highlighting theme.
pub const DARK_THEME: &str = "base16-ocean.dark";

/// Highlights code; holds the syntax definitions, and the code already
/// highlighted (the same block in several explainers, or in one explainer
/// re-rendered by `serve`, is highlighted once).
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    done: RwLock<HashMap<(String, String), Arc<str>>>,
}

/// Highlighted blocks kept at most (a few MB); past it the cache starts over.
const CACHE_LIMIT: usize = 4096;

impl Highlighter {
    /// A highlighter (nothing is loaded until the first code block).
    pub fn new() -> Self {
        Self::default()
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// Highlighted HTML for `code` in language `lang`, or `None` when the
    /// language is unknown; from the cache when this block was seen before.
    pub fn highlight(&self, lang: &str, code: &str) -> Option<Result<Arc<str>, String>> {
        let key = (lang.to_string(), code.to_string());
        if let Some(html) = self.done.read().ok().and_then(|d| d.get(&key).cloned()) {
            return Some(Ok(html));
        }
        let result = self.highlight_uncached(lang, code)?;
        if let (Ok(html), Ok(mut done)) = (&result, self.done.write()) {
            if done.len() >= CACHE_LIMIT {
                done.clear();
            }
            done.insert(key, Arc::from(html.as_str()));
        }
        Some(result.map(Arc::from))
    }

    fn highlight_uncached(&self, lang: &str, code: &str) -> Option<Result<String, String>> {
        let ss = self.syntaxes();
        let syntax = ss.find_syntax_by_token(lang)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, ss, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if let Err(e) = generator.parse_html_for_line_which_includes_newline(line) {
                return Some(Err(e.to_string()));
            }
        }
        Some(Ok(generator.finalize()))
    }
}

/// Replaces each code block with its highlighted HTML.
pub fn apply(events: &mut [Ev<'_>], state: &mut State<'_, '_>) {
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::CodeBlock(kind)) = &events[i].0 else {
            i += 1;
            continue;
        };
        let lang = match kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().unwrap_or("").to_string()
            }
            CodeBlockKind::Indented => String::new(),
        };
        let end = matching_end(events, i);
        let code: String = events[i + 1..end]
            .iter()
            .filter_map(|(e, _)| {
                if let Event::Text(t) = e {
                    Some(t.as_ref())
                } else {
                    None
                }
            })
            .collect();
        let body = match (lang.as_str(), state.ctx.highlighter.highlight(&lang, &code)) {
            ("" | "text" | "plain" | "txt", _) | (_, None) => escape(&code),
            (_, Some(Ok(html))) => {
                state.out.body.has_code = true;
                html.to_string()
            }
            (_, Some(Err(e))) => {
                let range = events[i].1.clone();
                state.warning(
                    range,
                    format!(
                        "could not highlight this `{lang}` code ({e}); it is shown as plain text"
                    ),
                );
                escape(&code)
            }
        };
        let lang_attr = if lang.is_empty() {
            String::new()
        } else {
            let l = escape(&lang);
            format!(" data-lang=\"{l}\"")
        };
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape(&lang))
        };
        let html = format!(
            "<pre class=\"code\"{lang_attr} tabindex=\"0\"><code{class}>{body}</code></pre>\n"
        );
        replace(events, i..end + 1, html);
        i = end + 1;
    }
}

/// The names of the built-in highlighting themes.
pub fn theme_names() -> Vec<String> {
    ThemeSet::load_defaults().themes.into_keys().collect()
}

/// Why `name` is not a highlight theme, if it is not one (checked when the
/// site loads, so `lede check` reports it too).
pub fn unknown_theme(name: &str) -> Option<String> {
    stylesheet(name, DARK_THEME).err()
}

/// The stylesheet for code: `light` by default, `dark` under
/// `prefers-color-scheme: dark`.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).ok_or_else(|| {
            let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            format!(
                "unknown highlight theme `{name}`; the themes are: {}",
                names.join(", ")
            )
        })
    };
    let light_css =
        css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    let dark_css =
        css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
    Ok(format!(
        "/* Generated by lede from the syntect themes `{light}` and `{dark}`. */\n{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let h = Highlighter::new();
        let html = h.highlight("rust", "fn main() {}\n").unwrap().unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "no inline colours: {html}");
        assert!(h.highlight("no-such-language", "x").is_none());
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet("InspiredGitHub", DARK_THEME).unwrap();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(
            stylesheet("Nope", DARK_THEME)
                .unwrap_err()
                .contains("InspiredGitHub")
        );
    }
}
