//! What a YAML text may cost, checked before it is parsed for real.
//!
//! The parser already refuses nesting deeper than 128 levels and stops an
//! alias that is expanded again and again (its "repetition limit"). Two
//! costs are left: sheer size, and aliases that each expand a large anchored
//! node (10,000 aliases of a 10,000-item list are 100 million values from a
//! 100 KB text). [`check_limits`] refuses both with a position, so no
//! front matter can make a build hang or run out of memory.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::YamlError;

/// The largest YAML text read (front matter or `site.yaml`): 1 MiB.
pub const MAX_BYTES: usize = 1 << 20;

/// The most values a YAML text may hold once its aliases are expanded.
pub const MAX_NODES: usize = 100_000;

const TOO_MANY: &str = "\u{0}lede-too-many-values";

/// Refuses a text over [`MAX_BYTES`], or whose aliases expand it to more
/// than [`MAX_NODES`] values. Other problems (syntax, types) are left to
/// the real parse, which reports them better.
pub fn check_limits(text: &str) -> Result<(), YamlError> {
    if text.len() > MAX_BYTES {
        let at = floor_boundary(text, MAX_BYTES);
        let (line, col) = line_col(text, at);
        return Err(YamlError {
            message: format!(
                "this YAML is {}, over the limit of {}",
                megabytes(text.len()),
                megabytes(MAX_BYTES)
            ),
            path: None,
            line,
            col,
        });
    }
    // Without both an anchor and an alias, nothing is expanded.
    if !text.contains('&') || !text.contains('*') {
        return Ok(());
    }
    let count = Cell::new(0usize);
    let Some(doc) = serde_yaml::Deserializer::from_str(text).next() else {
        return Ok(());
    };
    match (Counter { count: &count }).deserialize(doc) {
        Err(e) if e.to_string().contains(TOO_MANY) => {
            // The parser is inside the anchored value by then; the alias
            // that started the expansion is the better place to point at.
            let (line, col) = first_alias(text)
                .or_else(|| e.location().map(|l| (l.line(), l.column())))
                .unwrap_or((0, 0));
            Err(YamlError {
                message: format!(
                    "aliases (`*name`) expand this YAML to more than {MAX_NODES} values"
                ),
                path: None,
                line,
                col,
            })
        }
        _ => Ok(()),
    }
}

/// 1-based line and column of the first alias (`*name`) in a YAML text: where
/// an expansion that went wrong starts.
pub fn first_alias(text: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            if c == '#' && prev.is_whitespace() {
                break;
            }
            let opens = prev.is_whitespace() || "[{,:-".contains(prev);
            if c == '*' && opens {
                let next = line.chars().nth(col + 1);
                if next.is_some_and(|n| !n.is_whitespace() && !",]}".contains(n)) {
                    return Some((i + 1, col + 1));
                }
            }
            prev = c;
        }
    }
    None
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1 << 20) as f64)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Counts every value, aliases expanded, and fails past the limit.
struct Counter<'c> {
    count: &'c Cell<usize>,
}

impl Counter<'_> {
    fn one<E: de::Error>(&self) -> Result<(), E> {
        let n = self.count.get() + 1;
        self.count.set(n);
        if n > MAX_NODES {
            Err(E::custom(TOO_MANY))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Counter<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Counter<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.one()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.one()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.one()
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.one()
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.one()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.one()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.one()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.one()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.one()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.one()?;
        while seq
            .next_element_seed(Counter { count: self.count })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.one()?;
        while map.next_key_seed(Counter { count: self.count })?.is_some() {
            map.next_value_seed(Counter { count: self.count })?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        self.one()?;
        let ((), variant) = data.variant_seed(Counter { count: self.count })?;
        variant.newtype_variant_seed(Counter { count: self.count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide_bomb(n: usize) -> String {
        let items = vec!["1"; n].join(",");
        let aliases = vec!["*x"; n].join(",");
        format!("title: x\nextra:\n  a: &x [{items}]\n  b: [{aliases}]\n")
    }

    #[test]
    fn aliases_that_expand_too_far_are_refused_with_a_position() {
        let err = check_limits(&wide_bomb(2_000)).unwrap_err();
        assert!(err.message.contains("expand this YAML"), "{err:?}");
        assert!(err.line >= 3, "{err:?}");
        assert!(check_limits(&wide_bomb(100)).is_ok());
        assert!(check_limits("a: &x 1\nb: *x\n").is_ok());
    }

    #[test]
    fn texts_over_the_size_limit_are_refused_where_they_cross_it() {
        let text = format!("title: x\ndek: {}\n", "é".repeat(MAX_BYTES));
        let err = check_limits(&text).unwrap_err();
        assert!(err.message.contains("over the limit of 1.0 MB"), "{err:?}");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn syntax_errors_are_left_to_the_real_parse() {
        assert!(check_limits("a: &x [1\nb: *x\n").is_ok());
    }

    #[test]
    fn first_alias_skips_comments_and_emphasis() {
        assert_eq!(first_alias("a: \"*bold*\" # *no\nb: [*x]\n"), Some((2, 5)));
        assert_eq!(first_alias("a: 2 * 3\n"), None);
    }
}
