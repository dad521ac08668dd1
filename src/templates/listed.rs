//! An explainer as list pages show it: its summary, serialized once when
//! its page is rendered, so a list of ten thousand explainers costs no
//! serialization.

use std::collections::BTreeMap;

use tera::Value;
use tera::value::Key;

use super::context::Summary;

/// An explainer as list templates see it, serialized once.
#[derive(Clone, Debug)]
pub struct Listed(Value);

impl Listed {
    /// The list view of an explainer's summary. Every explainer's stays in
    /// memory until the lists are written; `last_modified`, which repeats
    /// the date or the update, is the same value, not a copy (at 100,000
    /// explainers, 60 MB).
    pub fn of(summary: &Summary) -> Self {
        Self(shared_dates(Value::from_serializable(summary)))
    }

    /// Its value.
    pub(crate) fn value(&self) -> &Value {
        &self.0
    }
}

/// `value` with its `last_modified` the very value of the `updated` or
/// `date` it equals.
fn shared_dates(value: Value) -> Value {
    let Some(map) = value.as_map() else {
        return value;
    };
    let last = Key::Str("last_modified");
    let Some(same) = ["updated", "date"]
        .into_iter()
        .filter_map(|k| map.get(&Key::Str(k)))
        .find(|v| !v.is_none() && map.get(&last) == Some(*v))
    else {
        return value;
    };
    let mut out: BTreeMap<Key<'static>, Value> =
        map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    out.insert(last, same.clone());
    Value::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_modified_is_the_date_it_repeats() {
        let value = Value::from_serializable(&serde_json::json!({
            "title": "A", "date": {"iso": "2026-01-01"}, "updated": null,
            "last_modified": {"iso": "2026-01-01"},
        }));
        let shared = shared_dates(value.clone());
        assert_eq!(shared, value);
        let map = shared.as_map().unwrap();
        let (date, last) = (&map[&Key::Str("date")], &map[&Key::Str("last_modified")]);
        let (date, last) = (date.as_map().unwrap(), last.as_map().unwrap());
        assert!(std::ptr::eq(date, last), "one value, not a copy");
    }
}
