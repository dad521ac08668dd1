//! Front matter as the editor wrote it: serde shapes with
//! `deny_unknown_fields`. Nothing outside `front_matter` sees these; they are
//! validated into [`super::Meta`].

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};

use crate::yaml::{self, FreeValue, Text, TextList, UniqueMap, YamlError};

/// The front matter of a lede explainer: the YAML between the first two
/// `---` lines of a Markdown file.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "lede explainer front matter")]
pub struct RawFrontMatter {
    /// Headline (required).
    #[schemars(required)]
    pub title: Option<Text>,
    /// Standfirst under the headline; also the meta description.
    pub dek: Option<Text>,
    /// Publication date (required for an explainer, optional for a page):
    /// `2026-02-04`, or RFC 3339 with a UTC offset
    /// (`2026-02-05T14:00:00+13:00`). A date in the future is published
    /// only with `lede build --future`.
    pub date: Option<Text>,
    /// Last substantive update: a date like `date`, not before it.
    pub updated: Option<Text>,
    /// Bylines.
    pub authors: Option<TextList>,
    /// Topics.
    pub tags: Option<TextList>,
    /// URL name; default: the file's name, slugified.
    pub slug: Option<Text>,
    /// Drafts build only with `--drafts`.
    pub draft: Option<bool>,
    /// A table of contents from the h2/h3 headings.
    pub toc: Option<bool>,
    /// Lead image.
    pub hero: Option<RawHero>,
    /// The key points box.
    pub key_points: Option<Vec<RawKeyPoint>>,
    /// The source registry: `id: {publisher, title, url, date, archived}`,
    /// cited from the body as `[^id]`.
    pub sources: Option<UniqueMap<RawSource>>,
    /// Notes on terms of the body: `term: "note"` or
    /// `term: {note, source}`.
    pub annotations: Option<UniqueMap<RawAnnotation>>,
    /// The update log.
    pub updates: Option<Vec<RawDated>>,
    /// Corrections.
    pub corrections: Option<Vec<RawDated>>,
    /// `explainer` (the default) or `page`: a standalone page (About,
    /// Corrections policy) needs no date and is not listed on the home
    /// page, tag pages, feeds or the archive.
    pub kind: Option<Text>,
    /// Old URLs of this page that must keep working (`/old-slug/`): each
    /// gets a page that sends the reader here.
    pub aliases: Option<TextList>,
    /// The series this explainer belongs to: explainers of one series link
    /// to each other, in date order.
    pub series: Option<Text>,
    /// What we know: facts, each a text or `{text, sources}`. Shown with
    /// `unknown` as one block, after the key points or at `<!-- known -->`.
    pub known: Option<Vec<RawFact>>,
    /// What we don't know yet: like `known`.
    pub unknown: Option<Vec<RawFact>>,
    /// Claims checked in this explainer, each shown as a claim card (at
    /// `<!-- claim: ID -->`, `<!-- claims -->`, or before the sources).
    pub claims: Option<Vec<RawClaim>>,
    /// Dated events, in date order (at `<!-- timeline -->`, or before the
    /// sources).
    pub timeline: Option<Vec<RawTimelineEntry>>,
    /// Links translations whose file names differ: files with the same
    /// key are one explainer in several languages. Default: the file's
    /// path in `content/` without its language and `.md`
    /// (`ocean/treaty` for `content/ocean/treaty.fr.md`).
    pub translation_key: Option<Text>,
    /// A developing story: `true` while it is live, `false` once coverage
    /// has ended (it stays a live blog in structured data, with its end).
    pub live: Option<bool>,
    /// Free map for themes.
    pub extra: Option<FreeValue>,
    /// The ids of `sources` when an entry in it was wrong (so the map did
    /// not read): citations of them are not errors too.
    #[serde(skip)]
    #[schemars(skip)]
    pub broken_source_ids: Vec<String>,
}

/// Deserializes one top-level key alone into `raw` (the slow path of error
/// reporting: every key that parses on its own is kept, so the rest of the
/// front matter can still be validated).
pub fn read_field(raw: &mut RawFrontMatter, text: &str, key: &str) -> Result<(), YamlError> {
    fn one<T: de::DeserializeOwned>(text: &str, key: &str) -> Result<Option<T>, YamlError> {
        yaml::field::<Option<T>>(text, key).map(Option::flatten)
    }
    match key {
        "title" => raw.title = one(text, key)?,
        "dek" => raw.dek = one(text, key)?,
        "date" => raw.date = one(text, key)?,
        "updated" => raw.updated = one(text, key)?,
        "authors" => raw.authors = one(text, key)?,
        "tags" => raw.tags = one(text, key)?,
        "slug" => raw.slug = one(text, key)?,
        "draft" => raw.draft = one(text, key)?,
        "toc" => raw.toc = one(text, key)?,
        "hero" => raw.hero = one(text, key)?,
        "key_points" => raw.key_points = one(text, key)?,
        "sources" => match one(text, key) {
            Ok(sources) => raw.sources = sources,
            Err(e) => {
                // Keep the ids, read leniently, so one wrong entry is one
                // error and not one more per citation of it.
                if let Ok(Some(map)) =
                    yaml::field::<std::collections::BTreeMap<Text, de::IgnoredAny>>(text, key)
                {
                    raw.broken_source_ids = map.into_keys().map(|id| id.0).collect();
                }
                return Err(e);
            }
        },
        "annotations" => raw.annotations = one(text, key)?,
        "updates" => raw.updates = one(text, key)?,
        "corrections" => raw.corrections = one(text, key)?,
        "kind" => raw.kind = one(text, key)?,
        "aliases" => raw.aliases = one(text, key)?,
        "series" => raw.series = one(text, key)?,
        "known" => raw.known = one(text, key)?,
        "unknown" => raw.unknown = one(text, key)?,
        "claims" => raw.claims = one(text, key)?,
        "timeline" => raw.timeline = one(text, key)?,
        "live" => raw.live = one(text, key)?,
        "translation_key" => raw.translation_key = one(text, key)?,
        "extra" => raw.extra = one(text, key)?,
        _ => {}
    }
    Ok(())
}

/// `hero:`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Hero")]
pub struct RawHero {
    /// Image URL.
    pub src: Option<Text>,
    /// Text alternative (required with `src`).
    pub alt: Option<Text>,
    /// Caption.
    pub caption: Option<Text>,
    /// Photographer / agency.
    pub credit: Option<Text>,
}

/// A key point: a string, or a mapping with `text`, `sources`, `section`.
#[derive(Debug)]
pub enum RawKeyPoint {
    /// `- "The toll starts on 1 March."`
    Short(String),
    /// `- { text: ..., sources: [...], section: ... }`
    Long(RawKeyPointLong),
}

/// The long form of a key point.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "KeyPointDetails")]
pub struct RawKeyPointLong {
    /// The point.
    pub text: Text,
    /// Source ids, shown as citations.
    #[serde(default)]
    pub sources: Vec<Text>,
    /// Id of the heading that says more.
    pub section: Option<Text>,
}

/// A source of the registry.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource {
    /// Who published it.
    pub publisher: Option<Text>,
    /// Its title.
    pub title: Option<Text>,
    /// Where to read it (http/https).
    pub url: Option<Text>,
    /// Its date.
    pub date: Option<Text>,
    /// An archived copy (http/https).
    pub archived: Option<Text>,
}

/// An annotation: a note string, or `{ note, source }`.
#[derive(Debug)]
pub enum RawAnnotation {
    /// `term: "note"`
    Short(String),
    /// `term: { note: ..., source: id }`
    Long(RawAnnotationLong),
}

/// The long form of an annotation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "AnnotationDetails")]
pub struct RawAnnotationLong {
    /// The note.
    pub note: Text,
    /// A source id, cited after the note.
    pub source: Option<Text>,
}

/// An entry of `updates` or `corrections`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Dated")]
pub struct RawDated {
    /// When.
    pub date: Text,
    /// What changed.
    pub note: Text,
}

/// An item of `known` or `unknown`: a text, or `{ text, sources }`.
#[derive(Debug)]
pub enum RawFact {
    /// `- "The intelligence concerned a plot."`
    Short(String),
    /// `- { text: ..., sources: [...] }`
    Long(RawFactLong),
}

/// The long form of a `known` or `unknown` item.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FactDetails")]
pub struct RawFactLong {
    /// The fact (inline Markdown).
    pub text: Text,
    /// Source ids, shown as citations.
    #[serde(default)]
    pub sources: Vec<Text>,
}

/// A claim checked in the explainer.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Claim")]
pub struct RawClaim {
    /// Its id (`claim-ID` is its anchor; `<!-- claim: ID -->` places it).
    /// Default: its number in the list.
    pub id: Option<Text>,
    /// The claim, as it was made (required).
    #[schemars(required)]
    pub claim: Option<Text>,
    /// Who made it.
    pub claimant: Option<Text>,
    /// When it was made.
    pub date: Option<Text>,
    /// Where it was made (http/https).
    pub appearance: Option<Text>,
    /// The verdict: a key of site.yaml `verdicts` (required).
    #[schemars(required)]
    pub verdict: Option<Text>,
    /// Why (inline Markdown).
    pub note: Option<Text>,
    /// Source ids, shown as citations.
    #[serde(default)]
    pub sources: Vec<Text>,
}

/// A dated event of the timeline.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TimelineEntry")]
pub struct RawTimelineEntry {
    /// A date, or a date and time with its offset (required).
    #[schemars(required)]
    pub date: Option<Text>,
    /// What happened (inline Markdown, required).
    #[schemars(required)]
    pub text: Option<Text>,
    /// Source ids, shown as citations.
    #[serde(default)]
    pub sources: Vec<Text>,
}

/// Implements `Deserialize` for "a string, or a mapping of the long form":
/// a plain untagged enum would hide which key of the long form was wrong.
macro_rules! string_or_struct {
    ($ty:ident, $long:ident, $what:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        Ok($ty::Short(v.to_owned()))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        Ok($ty::Short(v.to_string()))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        Ok($ty::Short(v.to_string()))
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        Ok($ty::Short(v.to_string()))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $long::deserialize(MapAccessDeserializer::new(map)).map($ty::Long)
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

string_or_struct!(
    RawKeyPoint,
    RawKeyPointLong,
    "text, or a mapping with `text`, `sources` and `section`"
);
string_or_struct!(
    RawFact,
    RawFactLong,
    "text, or a mapping with `text` and `sources`"
);
string_or_struct!(
    RawAnnotation,
    RawAnnotationLong,
    "a note, or a mapping with `note` and `source`"
);
