//! The one writer of JSON in this crate, the counterpart of [`super::read`]: serde_json's writer
//! into bytes, with one formatter type for both layouts of the text.
//!
//! serde's derived code is generic over the writer: each serializer that writes a record type
//! carries its own copy of all the model's writing code. serde_json's compact and pretty
//! formatters are two types, and its `to_value` a third serializer; with every write going
//! through [`write_text`] (and [`write_value`] parsing what it wrote) the wasm holds that code
//! once.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value;
use std::io;

/// `v` as JSON text: two-space indented when `pretty`, without whitespace otherwise (the texts
/// of serde_json's `to_string_pretty` and `to_string`).
pub fn write_text<T: Serialize + ?Sized>(v: &T, pretty: bool) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(256);
    let layout = if pretty { Layout::Pretty(PrettyFormatter::new()) } else { Layout::Compact };
    v.serialize(&mut serde_json::Serializer::with_formatter(&mut out, layout))?;
    // serde_json writes only valid UTF-8 (the strings it is given, escaped).
    String::from_utf8(out).map_err(<serde_json::Error as serde::ser::Error>::custom)
}

/// `v` as a parsed value: what serde_json's `to_value` gives, through [`write_text`].
pub fn write_value<T: Serialize + ?Sized>(v: &T) -> Result<Value, serde_json::Error> {
    serde_json::from_str(&write_text(v, false)?)
}

/// Both layouts of the text in one formatter type, which chooses at run time.
enum Layout<'a> {
    Compact,
    Pretty(PrettyFormatter<'a>),
}

/// Each method the layout changes, sent to the formatter of the chosen layout.
macro_rules! by_layout {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            match self {
                Layout::Compact => CompactFormatter.$method(w $(, $arg)*),
                Layout::Pretty(p) => p.$method(w $(, $arg)*),
            }
        }
    )*};
}

/// serde_json's `CompactFormatter` is its `Formatter` defaults; `PrettyFormatter` overrides these
/// nine methods, so they are the ones that choose.
impl Formatter for Layout<'_> {
    by_layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The texts and values of serde_json's own `to_string`, `to_string_pretty` and `to_value`.
    #[test]
    fn the_same_as_serde_jsons_own() {
        let v = json!({ "a": [1, 2.5, -3, { "b": null, "c": "Nguyễn \"x\"\n" }], "d": {}, "e": [], "f": true, "g": u64::MAX });
        assert_eq!(write_text(&v, false).unwrap(), serde_json::to_string(&v).unwrap());
        assert_eq!(write_text(&v, true).unwrap(), serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(write_value(&v).unwrap(), serde_json::to_value(&v).unwrap());
        #[derive(Serialize)]
        enum Kind {
            KhuDanCu,
        }
        assert_eq!(write_value(&Kind::KhuDanCu).unwrap(), json!("KhuDanCu"));
    }
}
