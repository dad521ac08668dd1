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

use std::fmt;
use std::marker::PhantomData;

mod errors;
mod limits;
mod locate;
mod scalars;

pub use errors::YamlError;
pub use limits::{MAX_BYTES, MAX_NODES, check_limits, first_alias};
pub use locate::{Seg, Target, locate, locate_nth, parse_path};
use scalars::KeyText;
pub use scalars::{FreeValue, Text, TextList, UniqueMap};

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};

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
