//! The only module that names the YAML crate (`serde_yaml`, the YAML
//! organisation's maintained fork).
//!
//! Three services, all over a YAML document held as text:
//! - [`from_str`]: the fast path, one parse straight into typed structs;
//! - [`field`]: deserialize one top-level key only, so that a broken document
//!   can be checked key by key and report every bad field, not just the first;
//! - [`locate`]: the line and column of the node at a path (or of its key).
//!
//! Positions come from the parser itself: a `DeserializeSeed` walks to the
//! node and fails there on purpose, and the parser stamps the failure with the
//! node's mark. Nothing here runs on the happy path except `from_str`.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

mod limits;

pub use limits::{MAX_BYTES, MAX_NODES, check_limits, first_alias};

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};

/// A YAML problem with its position in the YAML text (1-based; 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What went wrong, without the position.
    pub message: String,
    /// Dotted path of the node (`sources.council.url`), when the parser gave one.
    pub path: Option<String>,
    /// 1-based line in the YAML text, 0 when unknown.
    pub line: usize,
    /// 1-based column (characters) in the YAML text, 0 when unknown.
    pub col: usize,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl YamlError {
    fn from_yaml(err: &serde_yaml::Error) -> Self {
        let (line, col) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
        // Display is "path: message at line L column C" (and a scanner's
        // message may hold another "at line L column C" of its own); the
        // position is kept apart, so every copy goes from the text.
        let mut text = strip_positions(&err.to_string());
        let mut path = None;
        if let Some((head, rest)) = text.split_once(": ") {
            let looks_like_path = !head.is_empty()
                && !head.contains(' ')
                && head
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._-[]".contains(c));
            if looks_like_path {
                path = Some(head.to_string());
                text = rest.to_string();
            }
        }
        Self {
            message: text,
            path,
            line,
            col,
        }
    }
}

/// Removes every " at line L column C" from a parser message.
fn strip_positions(message: &str) -> String {
    const AT: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(AT) {
        let after = &rest[i + AT.len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let line_len = digits(after);
        let col_len = after[line_len..]
            .strip_prefix(" column ")
            .map(digits)
            .filter(|&n| n > 0);
        match col_len {
            Some(n) if line_len > 0 => {
                out.push_str(&rest[..i]);
                rest = &after[line_len + " column ".len() + n..];
            }
            _ => {
                out.push_str(&rest[..i + AT.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses a whole document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| YamlError::from_yaml(&e))
}

/// Checks that `text` is well-formed YAML (any shape).
pub fn check_syntax(text: &str) -> Result<(), YamlError> {
    from_str::<IgnoredAny>(text).map(|_| ())
}

/// The keys of the top-level mapping, in document order (empty if the
/// document is not a mapping).
pub fn top_level_keys(text: &str) -> Result<Vec<String>, YamlError> {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key_seed(KeyText)? {
                keys.push(key);
                map.next_value::<IgnoredAny>()?;
            }
            Ok(keys)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    struct Seed;
    impl<'de> DeserializeSeed<'de> for Seed {
        type Value = Vec<String>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Keys)
        }
    }
    seed_from_str(text, Seed)
}

/// Deserializes the value of top-level key `key` only (`None` when absent).
/// Errors carry the position of the offending node inside that value.
pub fn field<T: DeserializeOwned>(text: &str, key: &str) -> Result<Option<T>, YamlError> {
    struct Field<'k, T>(&'k str, PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for Field<'_, T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(k) = map.next_key_seed(KeyText)? {
                if k == self.0 && found.is_none() {
                    found = Some(map.next_value::<T>()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Field<'_, T> {
        type Value = Option<T>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }
    seed_from_str(text, Field(key, PhantomData))
}

/// One step of a path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// The value under a mapping key.
    Key(String),
    /// An item of a sequence.
    Index(usize),
}

impl Seg {
    /// A key step.
    pub fn key(k: impl Into<String>) -> Self {
        Seg::Key(k.into())
    }
}

/// Which part of the node at the end of a path to point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The value.
    Value,
    /// The key of the last [`Seg::Key`] step.
    Key,
}

const FOUND: &str = "\u{0}lede-found";

/// 1-based (line, column) of the node at `path` in `text`, or `None` if the
/// path does not exist. With [`Target::Key`], the position of the mapping key.
pub fn locate(text: &str, path: &[Seg], target: Target) -> Option<(usize, usize)> {
    locate_nth(text, path, target, 0)
}

/// Like [`locate`], for the key at the end of `path` written a second (or
/// later) time in its mapping: `skip` earlier occurrences are passed over.
pub fn locate_nth(text: &str, path: &[Seg], target: Target, skip: usize) -> Option<(usize, usize)> {
    match serde_yaml::Deserializer::from_str(text)
        .next()
        .map(|d| Locate { path, target, skip }.deserialize(d))
    {
        Some(Err(e)) => {
            let err = YamlError::from_yaml(&e);
            (err.message == FOUND && err.line > 0).then_some((err.line, err.col))
        }
        _ => None,
    }
}

fn seed_from_str<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
) -> Result<S::Value, YamlError> {
    let mut docs = serde_yaml::Deserializer::from_str(text);
    let first = docs.next().ok_or_else(|| YamlError {
        message: "empty document".into(),
        path: None,
        line: 0,
        col: 0,
    })?;
    seed.deserialize(first)
        .map_err(|e| YamlError::from_yaml(&e))
}

/// A mapping key as text, whatever scalar it was written as.
#[allow(non_upper_case_globals)]
const KeyText: ScalarText<'static> = ScalarText(Check::Nothing);

/// What to check about a scalar while it is read. A check fails from inside
/// the visitor, so the parser stamps the failure with the scalar's position.
enum Check<'a> {
    Nothing,
    /// Fail with [`FOUND`] when the text equals this.
    Target(&'a str),
    /// Fail when the text is already in the set (a duplicate key).
    Unique(&'a mut HashSet<String>),
}

/// Reads a scalar as text, applying a [`Check`].
struct ScalarText<'a>(Check<'a>);

impl<'de> DeserializeSeed<'de> for ScalarText<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl ScalarText<'_> {
    fn done<E: de::Error>(self, text: String) -> Result<String, E> {
        match self.0 {
            Check::Target(target) if target == text => Err(E::custom(FOUND)),
            Check::Unique(seen) => {
                if seen.insert(text.clone()) {
                    Ok(text)
                } else {
                    Err(E::custom(format!(
                        "duplicate key `{text}`: it is already defined above"
                    )))
                }
            }
            _ => Ok(text),
        }
    }
}

impl<'de> Visitor<'de> for ScalarText<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        self.done(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        self.done(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        self.done(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        self.done(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        self.done(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        self.done(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        self.done("null".to_owned())
    }
}

struct Locate<'p> {
    path: &'p [Seg],
    target: Target,
    /// Occurrences of the last key to pass over (duplicate keys).
    skip: usize,
}

/// A dotted path as serde reports it (`sources.a.url`, `extra.list[0]`)
/// as steps; `None` when it cannot be read back unambiguously.
pub fn parse_path(dotted: &str) -> Option<Vec<Seg>> {
    let mut out = Vec::new();
    for part in dotted.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if key.is_empty() && out.is_empty() {
            return None;
        }
        if !key.is_empty() {
            out.push(Seg::key(key));
        }
        while !rest.is_empty() {
            let (n, after) = rest.split_once(']')?;
            out.push(Seg::Index(n.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(out)
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Seg::Key(want), rest)) = self.path.split_first() else {
            return self.here();
        };
        let key_is_target = rest.is_empty() && self.target == Target::Key;
        let mut skip = if rest.is_empty() { self.skip } else { 0 };
        loop {
            let probe = ScalarText(if key_is_target && skip == 0 {
                Check::Target(want)
            } else {
                Check::Nothing
            });
            let Some(key) = map.next_key_seed(probe)? else {
                break;
            };
            if &key == want && skip > 0 {
                skip -= 1;
            } else if &key == want {
                return map.next_value_seed(Locate {
                    path: rest,
                    target: self.target,
                    skip: self.skip,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Seg::Index(want), rest)) = self.path.split_first() else {
            return self.here();
        };
        let mut i = 0;
        while i < *want {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            i += 1;
        }
        seq.next_element_seed(Locate {
            path: rest,
            target: self.target,
            skip: self.skip,
        })
        .map(|_| ())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.here()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.here()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.here()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.here()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.here()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.here()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.here()
    }
}

impl Locate<'_> {
    fn here<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(FOUND))
        } else {
            Ok(())
        }
    }
}

/// A mapping that refuses a key written twice (serde's maps keep the last one
/// silently). The error is raised while the second key is read, so it carries
/// that key's position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UniqueMap<V>(pub Vec<(String, V)>);

impl<'de, V: de::Deserialize<'de>> de::Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: de::Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = UniqueMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut seen = HashSet::new();
                let mut items = Vec::new();
                while let Some(key) = map.next_key_seed(ScalarText(Check::Unique(&mut seen)))? {
                    items.push((key, map.next_value()?));
                }
                Ok(UniqueMap(items))
            }
        }
        d.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A free-form value (for `extra` maps), like JSON, that also refuses
/// duplicate keys at any depth.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FreeValue(pub serde_json::Value);

impl<'de> de::Deserialize<'de> for FreeValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde_json::Value;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FreeValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::from(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::String(v.to_owned())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<FreeValue, E> {
                Ok(FreeValue(Value::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<FreeValue, D::Error> {
                <FreeValue as de::Deserialize>::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FreeValue, A::Error> {
                let mut items = Vec::new();
                while let Some(FreeValue(v)) = seq.next_element()? {
                    items.push(v);
                }
                Ok(FreeValue(Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FreeValue, A::Error> {
                let mut seen = HashSet::new();
                let mut out = serde_json::Map::new();
                while let Some(key) = map.next_key_seed(ScalarText(Check::Unique(&mut seen)))? {
                    let FreeValue(v) = map.next_value()?;
                    out.insert(key, v);
                }
                Ok(FreeValue(Value::Object(out)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Any scalar (string, number, boolean) as text: `title: 1984` is a title,
/// not a type error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(pub String);

impl<'de> de::Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The field names of a `#[derive(Deserialize)]` struct, read from serde's own
/// description of it (so lists of known keys never drift from the types).
pub fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Option<Text>,
        list: Option<Vec<String>>,
        map: Option<UniqueMap<Text>>,
        extra: Option<FreeValue>,
    }

    const DOC: &str = "title: Hello\nlist:\n  - a\n  - b\nmap:\n  one: 1\n  two: { x: 2 }\n";

    #[test]
    fn locate_values_keys_and_items() {
        assert_eq!(
            locate(DOC, &[Seg::key("title")], Target::Value),
            Some((1, 8))
        );
        assert_eq!(locate(DOC, &[Seg::key("title")], Target::Key), Some((1, 1)));
        let item = [Seg::key("list"), Seg::Index(1)];
        assert_eq!(locate(DOC, &item, Target::Value), Some((4, 5)));
        assert_eq!(
            locate(DOC, &[Seg::key("map"), Seg::key("two")], Target::Key),
            Some((7, 3))
        );
        let deep = [Seg::key("map"), Seg::key("two"), Seg::key("x")];
        assert_eq!(locate(DOC, &deep, Target::Value), Some((7, 13)));
        assert_eq!(locate(DOC, &[Seg::key("nope")], Target::Value), None);
        assert_eq!(
            locate(DOC, &[Seg::key("list"), Seg::Index(9)], Target::Value),
            None
        );
    }

    #[test]
    fn unknown_field_error_points_at_the_key() {
        let err = from_str::<Doc>("title: x\ntitel: y\n").unwrap_err();
        assert!(err.message.starts_with("unknown field `titel`"), "{err:?}");
        assert_eq!((err.line, err.col), (2, 1));
    }

    #[test]
    fn duplicate_map_key_points_at_the_second_key() {
        let err = from_str::<Doc>("map:\n  a: 1\n  b: 2\n  a: 3\n").unwrap_err();
        assert!(err.message.contains("duplicate key `a`"), "{err:?}");
        assert_eq!((err.line, err.col), (4, 3));
        let err = from_str::<Doc>("extra:\n  deep: { k: 1, k: 2 }\n").unwrap_err();
        assert!(err.message.contains("duplicate key `k`"), "{err:?}");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn field_checks_one_key_and_keeps_positions() {
        let text = "titel: y\nlist: nope\ntitle: 1984\n";
        let err = field::<Option<Vec<String>>>(text, "list").unwrap_err();
        assert_eq!((err.line, err.col), (2, 7));
        assert!(err.message.contains("invalid type"), "{err:?}");
        let title = field::<Option<Text>>(text, "title").unwrap();
        assert_eq!(title, Some(Some(Text("1984".into()))));
        assert_eq!(field::<Option<Text>>(text, "absent").unwrap(), None);
        assert_eq!(top_level_keys(text).unwrap(), ["titel", "list", "title"]);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = check_syntax("a: [1, 2\nb: c\n").unwrap_err();
        assert!(err.line > 0, "{err:?}");
    }

    #[test]
    fn second_keys_and_dotted_paths() {
        let text = "hero:\n  src: a\n  alt: b\n  alt: c\n";
        let path = parse_path("hero").unwrap();
        let mut at = path.clone();
        at.push(Seg::key("alt"));
        assert_eq!(locate_nth(text, &at, Target::Key, 1), Some((4, 3)));
        assert_eq!(
            parse_path("extra.list[0][2].k"),
            Some(vec![
                Seg::key("extra"),
                Seg::key("list"),
                Seg::Index(0),
                Seg::Index(2),
                Seg::key("k")
            ])
        );
        assert_eq!(parse_path("[x"), None);
    }

    #[test]
    fn struct_fields_come_from_serde() {
        assert_eq!(struct_fields::<Doc>(), ["title", "list", "map", "extra"]);
    }
}
