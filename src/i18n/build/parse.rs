//! Reads one locale file: a flat JSON object of key to text, where a text is a string or an
//! object of plural forms. Keeps the order of the file and refuses a key given twice (plain
//! JSON readers keep the last one silently, which would hide a translator's mistake).
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

pub enum Text {
    Plain(String),
    /// CLDR category ("one", "other", ...) to text, in file order.
    Plural(Vec<(String, String)>),
}

pub struct Entries(pub Vec<(String, Text)>);

/// The entries of one file, or serde_json's message with line and column.
pub fn read(json: &str) -> Result<Entries, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// Pairs of a JSON object in order, refusing a repeated name.
fn pairs<'de, A: MapAccess<'de>, V: Deserialize<'de>>(mut map: A) -> Result<Vec<(String, V)>, A::Error> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while let Some(name) = map.next_key::<String>()? {
        if !seen.insert(name.clone()) {
            return Err(de::Error::custom(format!("\"{name}\" is given twice")));
        }
        out.push((name, map.next_value()?));
    }
    Ok(out)
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("one JSON object of key to text")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entries, A::Error> {
                pairs(map).map(Entries)
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or an object of plural forms such as {\"one\": \"…\", \"other\": \"…\"}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Plain(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                pairs(map).map(Text::Plural)
            }
        }
        d.deserialize_any(V)
    }
}
