//! The site's languages (`language` and `languages:` in `site.yaml`): for
//! each, its title, its words (the built-in labels of that language, then
//! the site's overrides), its writing direction, and how it writes dates.
//! The default language is served at the site's root, every other one
//! under `/<code>/`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::labels::{DEFAULT_LABELS, built_in};
use super::plural;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::doc::YamlDoc;
use crate::suggest::{as_is, did_you_mean};
use crate::yaml::{Seg, Target, Text, UniqueMap};

/// A language as written under `languages:`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    /// The site's name in this language.
    pub title: Option<Text>,
    /// Its description in this language.
    pub description: Option<Text>,
    /// The language's own name, as its readers write it (`Français`).
    pub name: Option<Text>,
    /// Overrides of the theme's words in this language.
    pub labels: Option<UniqueMap<Text>>,
    /// The menu in this language (default: the site's).
    pub menu: Option<Vec<super::nav::RawMenuEntry>>,
}

/// One language of the site.
#[derive(Clone, Debug)]
pub struct Language {
    /// Its BCP 47 tag, as written (`fr`, `pt-BR`).
    pub code: String,
    /// Where its pages live: `` for the default language, `fr/` for others.
    pub prefix: String,
    /// The site's name in it.
    pub title: String,
    /// The site's description in it.
    pub description: Option<String>,
    /// Its own name (`Français`).
    pub name: String,
    /// Every word of the theme in it.
    pub labels: BTreeMap<String, String>,
    /// Written right to left (Arabic, Hebrew, Persian, Urdu…).
    pub rtl: bool,
    /// The verdict scale of claim checks, in its words.
    pub verdicts: Vec<super::Verdict>,
    /// Its own menu, if `site.yaml` gives one (else the site's).
    pub menu: Option<Vec<super::MenuEntry>>,
}

/// Languages written right to left, by primary subtag.
const RTL: [&str; 8] = ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv"];

/// Languages' own names, by primary subtag.
const NAMES: [(&str, &str); 16] = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("pt", "Português"),
    ("ar", "العربية"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("he", "עברית"),
    ("fa", "فارسی"),
    ("ur", "اردو"),
    ("mi", "Māori"),
    ("zh", "中文"),
    ("ja", "日本語"),
    ("ru", "Русский"),
    ("uk", "Українська"),
];

/// `pattern` with each placeholder of `values` (`{d}`, `{month}`…) put in,
/// in one pass (dates are formatted for every page and list entry); any
/// other brace is kept as written.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        match values.iter().find(|(name, _)| tail.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &tail[name.len()..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn primary(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Language {
    /// `ltr` or `rtl`, for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// A label by key (the key itself if somehow missing).
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).map_or(key, String::as_str)
    }

    /// `4 February 2026`, `4 février 2026`, `4. Februar 2026`.
    pub fn date(&self, d: &Date) -> String {
        let day = d.day();
        fill(
            self.label("date_format"),
            &[
                ("{d}", &day.day().to_string()),
                ("{month}", self.month(day.month())),
                ("{y}", &day.year().to_string()),
            ],
        )
    }

    /// The date with its time and offset when it has one:
    /// `5 February 2026, 14:00 GMT+13`.
    pub fn date_time(&self, d: &Date) -> String {
        let Some((hour, minute, offset)) = d.time_of_day() else {
            return self.date(d);
        };
        let time = fill(
            self.label("time_format"),
            &[
                ("{h}", &format!("{hour:02}")),
                ("{m}", &format!("{minute:02}")),
            ],
        );
        fill(
            self.label("datetime_format"),
            &[
                ("{date}", &self.date(d)),
                ("{time}", &time),
                ("{zone}", &zone(offset)),
            ],
        )
    }

    /// A source's date as written: a year (`2022`), a month (`2022-11` →
    /// `November 2022`) or a day.
    pub fn partial_date(&self, machine: &str) -> String {
        if let Ok(d) = Date::parse(machine) {
            return self.date(&d);
        }
        match machine.split_once('-') {
            Some((year, month)) => match month.parse::<i8>() {
                Ok(m) => fill(
                    self.label("date_format_month"),
                    &[("{month}", self.month(m)), ("{y}", year)],
                ),
                Err(_) => machine.to_string(),
            },
            None => machine.to_string(),
        }
    }

    fn month(&self, m: i8) -> &str {
        const KEYS: [&str; 12] = [
            "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
            "month_9", "month_10", "month_11", "month_12",
        ];
        let key = usize::try_from(m)
            .ok()
            .and_then(|m| KEYS.get(m.wrapping_sub(1)));
        key.and_then(|k| self.labels.get(*k))
            .map_or("", String::as_str)
    }

    /// `n` with the form of the count label `key` (`3 key points`).
    pub fn count(&self, key: &str, n: u64) -> String {
        plural::count(&self.labels, &self.code, key, n)
    }
}

/// A UTC offset as readers know it from news sites and phones: `GMT`,
/// `GMT+13`, `GMT+5:30`, `GMT-3`.
fn zone(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    match (abs / 3600, (abs % 3600) / 60) {
        (0, 0) => "GMT".to_string(),
        (h, 0) => format!("GMT{sign}{h}"),
        (h, m) => format!("GMT{sign}{h}:{m:02}"),
    }
}

/// The words of `code`: its built-in labels over the English ones (a
/// language lede has no words for is English, and says so), then
/// `overrides`. Unknown label keys are errors at `path`.
pub(super) fn labels(
    doc: &YamlDoc<'_>,
    code: &str,
    overrides: Option<UniqueMap<Text>>,
    path: &[Seg],
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut labels: BTreeMap<String, String> = DEFAULT_LABELS
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    if let Some(own) = built_in(code) {
        if primary(code) != "en" {
            // Another language's plural forms replace English's.
            let forms: Vec<String> = labels
                .keys()
                .filter(|k| plural::is_extra_form(&labels, k))
                .cloned()
                .collect();
            for k in forms {
                labels.remove(&k);
            }
        }
        labels.extend(
            own.iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string())),
        );
    }
    let known: Vec<&str> = DEFAULT_LABELS.iter().map(|(k, _)| *k).collect();
    for (key, Text(value)) in overrides.map(|m| m.0).unwrap_or_default() {
        if DEFAULT_LABELS.iter().any(|(k, _)| *k == key) || plural::is_extra_form(&labels, &key) {
            labels.insert(key, value);
        } else {
            let mut at = path.to_vec();
            at.push(Seg::key(&key));
            let d = doc
                .error_at(&at, Target::Key, format!("unknown label `{key}`"))
                .label("the theme has no such label");
            errors.push(
                d.help(
                    did_you_mean(&key, &known, as_is)
                        .unwrap_or_else(|| format!("labels are: {}", known.join(", "))),
                ),
            );
        }
    }
    labels
}

/// The labels a language without built-in words shows in English (those
/// the site did not give), for the warning that names them.
pub fn untranslated(lang: &Language) -> Vec<&'static str> {
    if built_in(&lang.code).is_some() {
        return Vec::new();
    }
    DEFAULT_LABELS
        .iter()
        .filter(|(k, v)| lang.labels.get(*k).is_some_and(|own| own == v))
        .map(|(k, _)| *k)
        .collect()
}

/// A language of the site, from its code and what `site.yaml` says of it.
pub(super) fn language(
    code: &str,
    default: bool,
    title: String,
    description: Option<String>,
    name: Option<String>,
    labels: BTreeMap<String, String>,
) -> Language {
    let p = primary(code);
    Language {
        code: code.to_string(),
        prefix: if default {
            String::new()
        } else {
            format!("{code}/")
        },
        title,
        description,
        name: name.unwrap_or_else(|| {
            NAMES
                .iter()
                .find(|(c, _)| *c == p)
                .map_or_else(|| code.to_string(), |(_, n)| (*n).to_string())
        }),
        labels,
        rtl: RTL.contains(&p.as_str()),
        verdicts: Vec::new(),
        menu: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_filled_in_one_pass_and_other_braces_stay() {
        let values = [("{d}", "4"), ("{month}", "February"), ("{y}", "2026")];
        assert_eq!(fill("{d} {month} {y}", &values), "4 February 2026");
        assert_eq!(fill("{y}年{month}{d}日", &values), "2026年February4日");
        assert_eq!(fill("{x} {d}{", &values), "{x} 4{");
        assert_eq!(fill("", &values), "");
    }

    fn lang(code: &str) -> Language {
        let mut labels: BTreeMap<String, String> = DEFAULT_LABELS
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        if let Some(own) = built_in(code) {
            labels.extend(
                own.iter()
                    .map(|(k, v)| ((*k).to_string(), (*v).to_string())),
            );
        }
        language(code, false, "T".into(), None, None, labels)
    }

    #[test]
    fn dates_in_each_language() {
        let d = Date::parse("2017-05-17").unwrap();
        assert_eq!(lang("en").date(&d), "17 May 2017");
        assert_eq!(lang("fr").date(&d), "17 mai 2017");
        assert_eq!(lang("de").date(&d), "17. Mai 2017");
        assert_eq!(lang("es").date(&d), "17 de mayo de 2017");
        assert_eq!(lang("ar").date(&d), "17 مايو 2017");
        let t = Date::parse("2026-02-05T14:05:00+05:30").unwrap();
        assert_eq!(
            lang("en").date_time(&t),
            "5 February 2026, 14:05\u{a0}GMT+5:30"
        );
        assert_eq!(
            lang("fr").date_time(&t),
            "5 février 2026, 14h05\u{a0}GMT+5:30"
        );
        assert_eq!(lang("fr").partial_date("2022-11"), "novembre 2022");
        assert_eq!(lang("en").partial_date("2022"), "2022");
        assert!(lang("ar").rtl && !lang("fr").rtl);
        assert_eq!(lang("fr").name, "Français");
        assert_eq!(lang("fr").prefix, "fr/");
    }
}
