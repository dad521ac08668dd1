//! Scalars and mappings read the way editors mean them: any scalar as
//! text, and mappings that refuse a key written twice.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// What a scalar check fails with when it finds its target: the parser
/// stamps this failure with the scalar's position ([`super::locate`]).
pub(super) const FOUND: &str = "\u{0}lede-found";

/// A mapping key as text, whatever scalar it was written as.
#[allow(non_upper_case_globals)]
pub(super) const KeyText: ScalarText<'static> = ScalarText(Check::Nothing);

/// What to check about a scalar while it is read. A check fails from inside
/// the visitor, so the parser stamps the failure with the scalar's position.
pub(super) enum Check<'a> {
    Nothing,
    /// Fail with [`FOUND`] when the text equals this.
    Target(&'a str),
    /// Fail when the text is already in the set (a duplicate key).
    Unique(&'a mut HashSet<String>),
}

/// Reads a scalar as text, applying a [`Check`].
pub(super) struct ScalarText<'a>(pub(super) Check<'a>);

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

/// The visits of a visitor that reads any scalar (string, boolean,
/// number) as its text, made into the value by `$make`.
macro_rules! scalar_as_text {
    ($value:ty, $make:expr) => {
        fn visit_str<E: de::Error>(self, v: &str) -> Result<$value, E> {
            Ok($make(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<$value, E> {
            Ok($make(v))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<$value, E> {
            Ok($make(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<$value, E> {
            Ok($make(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<$value, E> {
            Ok($make(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<$value, E> {
            Ok($make(v.to_string()))
        }
    };
}

/// A list of texts, or one text where an editor wrote a single item
/// (`tags: Russia`): a one-item list that remembers it was written so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextList {
    /// The items.
    pub items: Vec<Text>,
    /// Written as one scalar rather than a list.
    pub single: bool,
}

impl<'de> de::Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextList, A::Error> {
                let mut items = Vec::new();
                while let Some(t) = seq.next_element::<Text>()? {
                    items.push(t);
                }
                Ok(TextList {
                    items,
                    single: false,
                })
            }
            scalar_as_text!(TextList, |v| TextList {
                items: vec![Text(v)],
                single: true,
            });
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
            scalar_as_text!(Text, Text);
        }
        d.deserialize_any(V)
    }
}
