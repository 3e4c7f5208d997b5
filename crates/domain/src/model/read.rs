//! The one reader of typed values from JSON in this crate: serde_json's reader over the text,
//! wrapped by [`serde_ignored`] so that a caller can learn of the fields it does not know.
//!
//! serde's derived code is generic over the reader: each reader that reads a record type carries
//! its own copy of all the model's reading code. With every typed read going through here, the
//! wasm holds that code once. Reading straight from a `serde_json::Value` as well (the careful
//! path of the loader did) or with plain `serde_json::from_str` would add a second copy of it,
//! about 45 KB of gzip wasm.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A `T` read from `text`, `passed_over` told each field `T` does not know.
pub fn read_text<T: DeserializeOwned>(text: &str, passed_over: &mut dyn FnMut(serde_ignored::Path)) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_ignored::deserialize(&mut de, passed_over)?;
    de.end()?;
    Ok(value)
}

/// A `T` read from a parsed value (through its text, by [`read_text`]); fields `T` does not
/// know are passed over, as `T::deserialize(v)` would.
pub fn read_value<T: DeserializeOwned>(v: &Value) -> Result<T, serde_json::Error> {
    read_text(&v.to_string(), &mut |_| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Probe {
        n: u32,
        name: String,
        #[serde(default)]
        on: Option<chrono::NaiveDate>,
    }

    /// The same results as reading the value directly, good records and bad ones, and the
    /// same reason for a refusal (its position in the text aside).
    #[test]
    fn a_value_reads_as_serde_json_reads_it() {
        let good = serde_json::json!({ "n": 3, "name": "Chi bộ 1", "on": "2026-02-03", "extra": [1, 2] });
        let direct = Probe::deserialize(&good).map_err(|e| e.to_string());
        let through = read_value::<Probe>(&good).map_err(|e| e.to_string());
        assert!(direct.is_ok());
        assert_eq!(format!("{through:?}"), format!("{direct:?}"));
        for bad in [
            serde_json::json!({ "n": 3 }),
            serde_json::json!({ "n": -1, "name": "x" }),
            serde_json::json!({ "n": 3, "name": 7 }),
            serde_json::json!({ "n": 3, "name": "x", "on": "2026-02-30" }),
            serde_json::json!([1, 2]),
        ] {
            let direct = Probe::deserialize(&bad).unwrap_err().to_string();
            let through = read_value::<Probe>(&bad).unwrap_err().to_string();
            assert_eq!(through.split(" at line ").next(), Some(direct.as_str()), "{bad}");
        }
    }

    #[test]
    fn unknown_fields_are_reported() {
        let mut seen = Vec::new();
        let r: Probe = read_text(r#"{"n":1,"name":"x","new":{"a":1}}"#, &mut |p| seen.push(p.to_string())).unwrap();
        assert_eq!(r.n, 1);
        assert_eq!(seen, ["new"]);
    }
}
