//! Edm primitives, type cells (`[x](x.md) collection`, `Int32`,
//! `microsoft.graph.externalConnectors.configuration`) and type placeholders
//! used as JSON example values (`"Boolean"`, `"String (timestamp)"`).

use serde::Serialize;

/// The Edm primitive types of the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
}

impl Primitive {
    /// Reads an Edm type name, as the docs spell it (`Int32`, `string`,
    /// `Edm.Boolean`, `dateTimeOffset`, `bool`).
    pub fn from_name(name: &str) -> Option<Primitive> {
        let lower = name.trim().to_ascii_lowercase();
        let lower = lower.strip_prefix("edm.").unwrap_or(&lower);
        Some(match lower {
            "string" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "int16" => Primitive::Int16,
            "int32" | "int" | "integer" => Primitive::Int32,
            "int64" | "long" => Primitive::Int64,
            "single" | "float" => Primitive::Single,
            "double" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" => Primitive::TimeOfDay,
            "duration" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "binary" => Primitive::Binary,
            "stream" => Primitive::Stream,
            _ => return None,
        })
    }

    /// A placeholder value used in JSON examples in place of a real value:
    /// `"Boolean"`, `"Int32"`, `"String (timestamp)"`, `"String (identifier)"`.
    pub fn from_placeholder(value: &str) -> Option<Primitive> {
        let v = value.trim();
        let paren = v
            .get(..8)
            .filter(|p| p.eq_ignore_ascii_case("string ("))
            .and_then(|_| v[8..].strip_suffix(')'));
        if let Some(rest) = paren {
            return Some(match rest.trim().to_ascii_lowercase().as_str() {
                "timestamp" | "datetime" | "datetimeoffset" => Primitive::DateTimeOffset,
                "date" => Primitive::Date,
                "time" | "timeofday" => Primitive::TimeOfDay,
                "duration" => Primitive::Duration,
                "guid" => Primitive::Guid,
                _ => Primitive::String,
            });
        }
        // Only exact Edm spellings count; "Contoso HR" or a GUID are values.
        const EXACT: &[&str] = &[
            "String",
            "Boolean",
            "Byte",
            "Int16",
            "Int32",
            "Int64",
            "Single",
            "Double",
            "Decimal",
            "DateTimeOffset",
            "Date",
            "TimeOfDay",
            "Duration",
            "Guid",
            "Binary",
            "Stream",
            "Edm.String",
            "Edm.Boolean",
            "Edm.Int32",
            "Edm.Int64",
            "Edm.DateTimeOffset",
            "Edm.Guid",
            "Edm.Double",
        ];
        if EXACT.contains(&v) {
            return Primitive::from_name(v);
        }
        // ApiDoctor's own placeholders for resource JSON (`"url"`,
        // `"datetime"`, `"timestamp"`, `"string"`).
        match v {
            "string" | "url" => Some(Primitive::String),
            "datetime" | "timestamp" => Some(Primitive::DateTimeOffset),
            _ => None,
        }
    }

    /// Whether a value of this type is a JSON string on the wire.
    pub fn is_string_like(self) -> bool {
        !matches!(
            self,
            Primitive::Boolean
                | Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
        )
    }

    /// Whether a JSON string is a valid value of this (string-like) type, by
    /// the same checks the generated crate makes when it reads one.
    pub fn accepts_str(self, s: &str) -> bool {
        use super::shapes::{Base64, Date, DateTimeOffset, Duration, Guid, TimeOfDay};
        match self {
            Primitive::DateTimeOffset => DateTimeOffset::new(s).is_ok(),
            Primitive::Date => Date::new(s).is_ok(),
            Primitive::TimeOfDay => TimeOfDay::new(s).is_ok(),
            Primitive::Duration => Duration::new(s).is_ok(),
            Primitive::Guid => Guid::new(s).is_ok(),
            Primitive::Binary => Base64::new(s).is_ok(),
            p => p.is_string_like(),
        }
    }

    /// A valid value of this type, used in place of placeholders in the
    /// round-trip tests (see ARCHITECTURE.md).
    pub fn sample(self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Primitive::String => json!("String"),
            Primitive::Boolean => json!(true),
            Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64 => json!(0),
            Primitive::Single | Primitive::Double | Primitive::Decimal => json!(0.5),
            Primitive::DateTimeOffset => json!("2000-01-01T00:00:00Z"),
            Primitive::Date => json!("2000-01-01"),
            Primitive::TimeOfDay => json!("00:00:00"),
            Primitive::Duration => json!("PT0S"),
            Primitive::Guid => json!("00000000-0000-0000-0000-000000000000"),
            Primitive::Binary | Primitive::Stream => json!("AA=="),
        }
    }
}

/// What a type cell says, before name resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellType {
    Primitive(Primitive),
    /// `Json` (or `Edm.Untyped`): any JSON value.
    Json,
    /// A named type: optional explicit namespace, the name as written, and the
    /// link target if the cell links to a page.
    Named {
        namespace: Option<String>,
        name: String,
        link: Option<String>,
    },
}

/// A parsed type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSpec {
    pub ty: CellType,
    pub collection: bool,
}

/// Reads a type cell's text and first link target. Returns `Err` with the
/// text for cells that do not name one type (`String or Int32`, empty).
pub fn parse_type_cell(text: &str, link: Option<&str>) -> Result<CellSpec, String> {
    let mut t = text.trim().trim_matches('*').trim().to_string();
    // `(Optional) String`: whether a value is required is not its type.
    if let Some(rest) = strip_prefix_ci(&t, "(optional)") {
        t = rest.trim().to_string();
    }
    // `JSON object`, `Untyped JSON object`: any JSON value.
    let lower_all = t.to_ascii_lowercase();
    if lower_all == "json object" || lower_all == "untyped json object" {
        return Ok(CellSpec {
            ty: CellType::Json,
            collection: false,
        });
    }
    // `itemAnalytics resource`: a type named with the word that says what
    // it is.
    for word in [" resource", " object", " entity"] {
        if let Some(stripped) = strip_suffix_ci(&t, word) {
            if !stripped.trim().contains(' ') {
                t = stripped.trim().to_string();
                break;
            }
        }
    }
    let mut collection = false;
    let lower = t.to_ascii_lowercase();
    if let Some(inner) = lower
        .strip_prefix("collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        collection = true;
        t = t[11..11 + inner.len()].to_string();
    } else if let Some(stripped) = strip_suffix_ci(&t, " collection") {
        collection = true;
        t = stripped.to_string();
    } else if let Some(stripped) = strip_prefix_ci(&t, "collection of ") {
        collection = true;
        t = stripped.to_string();
    } else if t.ends_with("[]") {
        collection = true;
        t.truncate(t.len() - 2);
    }
    let mut t = t.trim().trim_matches('*').trim();
    // A parenthetical says what kind of string it is (`String (enum)`,
    // `string (url)`, `String (timestamp)`); the type is before it.
    if let Some((head, tail)) = t.split_once(" (") {
        if tail.ends_with(')') && !tail[..tail.len() - 1].contains(['(', ')']) {
            let head = head.trim();
            if let Some(p) = Primitive::from_placeholder(t).or_else(|| Primitive::from_name(head)) {
                return Ok(CellSpec {
                    ty: CellType::Primitive(p),
                    collection,
                });
            }
            t = head;
        }
    }
    if t.eq_ignore_ascii_case("json") || t.eq_ignore_ascii_case("edm.untyped") {
        return Ok(CellSpec {
            ty: CellType::Json,
            collection,
        });
    }
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return Err(text.trim().to_string());
    }
    if let Some(p) = Primitive::from_name(t) {
        return Ok(CellSpec {
            ty: CellType::Primitive(p),
            collection,
        });
    }
    let (namespace, name) = match t.rsplit_once('.') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => (Some(ns.to_string()), name),
        _ => (None, t),
    };
    Ok(CellSpec {
        ty: CellType::Named {
            namespace,
            name: name.to_string(),
            link: link.map(str::to_string),
        },
        collection,
    })
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(n) && s[n..].eq_ignore_ascii_case(suffix)).then(|| &s[..n])
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        let named = |ns: Option<&str>, n: &str| CellType::Named {
            namespace: ns.map(str::to_string),
            name: n.to_string(),
            link: None,
        };
        let table = [
            ("String", CellType::Primitive(Primitive::String), false),
            (
                "Int32 collection",
                CellType::Primitive(Primitive::Int32),
                true,
            ),
            (
                "Collection(Edm.Guid)",
                CellType::Primitive(Primitive::Guid),
                true,
            ),
            (
                "dateTimeOffset",
                CellType::Primitive(Primitive::DateTimeOffset),
                false,
            ),
            (
                "cloudPcOnPremisesConnectionStatus",
                named(None, "cloudPcOnPremisesConnectionStatus"),
                false,
            ),
            (
                "microsoft.graph.externalConnectors.configuration",
                named(Some("microsoft.graph.externalConnectors"), "configuration"),
                false,
            ),
            ("modality collection", named(None, "modality"), true),
        ];
        for (text, ty, collection) in table {
            assert_eq!(
                parse_type_cell(text, None),
                Ok(CellSpec { ty, collection }),
                "{text}"
            );
        }
        assert!(parse_type_cell("String or Int32", None).is_err());
        assert!(parse_type_cell("", None).is_err());
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            Primitive::from_placeholder("Boolean"),
            Some(Primitive::Boolean)
        );
        assert_eq!(
            Primitive::from_placeholder("String (timestamp)"),
            Some(Primitive::DateTimeOffset)
        );
        assert_eq!(
            Primitive::from_placeholder("String (identifier)"),
            Some(Primitive::String)
        );
        assert_eq!(Primitive::from_placeholder("Contoso HR"), None);
        assert_eq!(
            Primitive::from_placeholder("d310d35d-72ec-47dd-92f2-fb9c40936555"),
            None
        );
        assert_eq!(Primitive::from_placeholder("boolean"), None);
    }
}
