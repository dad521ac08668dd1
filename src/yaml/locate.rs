//! Where a node is: a seed walks to the node at a path and fails there on
//! purpose, so the parser stamps the failure with the node's position.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::YamlError;
use super::scalars::{Check, FOUND, ScalarText};

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
