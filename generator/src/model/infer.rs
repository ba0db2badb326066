//! Reading JSON examples: types inferred from values, and samples with the
//! type placeholders (`"Boolean"`, `"String (timestamp)"`) replaced by valid
//! values of the declared type, for the round-trip tests.

use super::typeref::Primitive;
use super::{Model, TypeKind, TypeRef};
use serde_json::Value;

/// What one example value says about its property.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    pub ty: TypeRef,
    pub collection: bool,
    /// The value was the placeholder `"String"` (or a plain string), which
    /// fits every string-like declared type.
    pub placeholder_string: bool,
    /// A nested object's `@odata.type`.
    pub odata_type: Option<String>,
    /// The members of an enum string placeholder, `"summer | fall | winter"`.
    pub members: Vec<String>,
}

/// Whether an example member is an instance annotation, metadata about a
/// value rather than a property of its type: `@odata.type`,
/// `teamsApp@odata.bind`, and the same spelled without `@`
/// (`odata.context`).
pub fn is_annotation(key: &str) -> bool {
    key.contains('@') || key.starts_with("odata.")
}

/// The members of an enum string placeholder: two or more words joined by
/// ` | ` (`"summer | fall | winter | spring"`).
pub fn enum_placeholder(s: &str) -> Option<Vec<String>> {
    let members: Vec<String> = s.split('|').map(|m| m.trim().to_string()).collect();
    let word = |m: &String| !m.is_empty() && m.chars().all(|c| c.is_alphanumeric() || c == '_');
    (members.len() >= 2 && s.contains(" | ") && members.iter().all(word)).then_some(members)
}

/// Infers a property type from an example value; `None` for `null` and
/// empty arrays, which say nothing.
pub fn infer(v: &Value) -> Option<Inferred> {
    let plain = |ty| Inferred {
        ty,
        collection: false,
        placeholder_string: false,
        odata_type: None,
        members: Vec::new(),
    };
    Some(match v {
        // A property shown as `null` exists, of a type the example cannot
        // tell: any JSON value.
        Value::Null => plain(TypeRef::Json),
        Value::Bool(_) => plain(TypeRef::Primitive(Primitive::Boolean)),
        Value::Number(n) if n.is_i64() || n.is_u64() => plain(TypeRef::Primitive(Primitive::Int64)),
        Value::Number(_) => plain(TypeRef::Primitive(Primitive::Double)),
        Value::String(s) if enum_placeholder(s).is_some() => Inferred {
            members: enum_placeholder(s).unwrap_or_default(),
            ..plain(TypeRef::Primitive(Primitive::String))
        },
        Value::String(s) => match Primitive::from_placeholder(s) {
            Some(Primitive::String) => Inferred {
                placeholder_string: true,
                ..plain(TypeRef::Primitive(Primitive::String))
            },
            Some(p) => plain(TypeRef::Primitive(p)),
            None if looks_like_date_time(s) => plain(TypeRef::Primitive(Primitive::DateTimeOffset)),
            None => Inferred {
                placeholder_string: true,
                ..plain(TypeRef::Primitive(Primitive::String))
            },
        },
        Value::Object(o) => Inferred {
            odata_type: o
                .get("@odata.type")
                .and_then(|t| t.as_str())
                .map(str::to_string),
            ..plain(TypeRef::Json)
        },
        // An empty array shows a collection of something the example does
        // not tell: any JSON values.
        Value::Array(items) => match items.iter().find_map(infer) {
            Some(first) => Inferred {
                collection: true,
                ..first
            },
            None => Inferred {
                collection: true,
                ..plain(TypeRef::Json)
            },
        },
    })
}

/// The docs' other placeholder style: `"datetime-value"`, `"skuId-value"`,
/// `"skuId-value-2"` (one of several), `"Name value"`. For a string property
/// it is a valid string and stays; for a typed one it is replaced by a
/// valid value.
pub fn is_value_placeholder(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    // A counter after the placeholder tells several apart.
    let lower = match lower.rsplit_once('-') {
        Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            head.to_string()
        }
        _ => lower,
    };
    let hyphenated = lower.ends_with("-value") && !lower.contains(' ');
    let spaced = lower.ends_with(" value") && s.len() < 40;
    hyphenated || spaced
}

/// `2021-07-16T10:00:00Z` and the like.
fn looks_like_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[..4].iter().all(u8::is_ascii_digit)
        && (s.ends_with('Z') || b[19..].iter().any(|c| *c == b'+' || *c == b'-'))
}

/// The example with placeholders replaced by valid values of the declared
/// type, or why a value does not fit: where in the value
/// (`.values[0]`) and what was expected, for the diagnostic that tells the
/// reader the example gets no test.
pub fn fit(v: &Value, ty: &TypeRef, collection: bool, model: &Model) -> Result<Value, String> {
    if collection {
        return match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| fit(item, ty, false, model).map_err(|e| format!("[{i}]{e}")))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            Value::Null => Ok(Value::Null),
            other => Err(format!(
                ": {} where a collection of {} is declared",
                kind_of(other),
                name_of(ty)
            )),
        };
    }
    let misfit = |v: &Value| {
        Err(format!(
            ": {} where {} is declared",
            kind_of(v),
            name_of(ty)
        ))
    };
    match (ty, v) {
        (_, Value::Null) => Ok(Value::Null),
        (TypeRef::Json, v) => Ok(v.clone()),
        (TypeRef::Primitive(p), Value::String(s)) => {
            match Primitive::from_placeholder(s)
                .or_else(|| (is_value_placeholder(s) || stands_for(s, *p)).then_some(*p))
            {
                Some(_) if *p == Primitive::String && is_value_placeholder(s) => Ok(v.clone()),
                Some(_) => Ok(p.sample()),
                None if p.accepts_str(s) => Ok(v.clone()),
                None => misfit(v),
            }
        }
        (TypeRef::Primitive(Primitive::Boolean), Value::Bool(_)) => Ok(v.clone()),
        (TypeRef::Primitive(p), Value::Number(_))
            if !p.is_string_like() && *p != Primitive::Boolean =>
        {
            Ok(v.clone())
        }
        (TypeRef::Primitive(_), _) => misfit(v),
        (TypeRef::Named(q), v) => {
            let Some(def) = model.get(q) else {
                return Err(format!(": type {} is not in the model", q.full()));
            };
            match (def.kind, v) {
                (TypeKind::Enum, Value::String(s)) => match Primitive::from_placeholder(s) {
                    Some(_) => Ok(def
                        .members
                        .first()
                        .map(|m| Value::String(m.wire_name.clone()))
                        .unwrap_or_else(|| v.clone())),
                    None => Ok(v.clone()),
                },
                (TypeKind::Enum, _) => misfit(v),
                (_, Value::Object(obj)) => {
                    // A derived type named by `@odata.type` has the properties.
                    // Only a derived type: the generated crate reads other
                    // types named there as the declared type.
                    let def = obj
                        .get("@odata.type")
                        .and_then(|t| t.as_str())
                        .and_then(|t| model.family_member(&def.name.key(), t))
                        .unwrap_or(def);
                    let props = model.all_properties(def);
                    let mut out = serde_json::Map::new();
                    for (k, value) in obj {
                        let new = match props.iter().find(|p| &p.wire_name == k) {
                            Some(p) => fit(value, &p.ty, p.collection, model)
                                .map_err(|e| format!(".{k}{e}"))?,
                            // Annotations are metadata; open types keep the rest.
                            None if k.contains('@') || def.open => value.clone(),
                            // Graph wraps only collections in `value`.
                            None if k == "value" && value.is_object() => {
                                return Err(format!(
                                    ": one `{}` wrapped in `value`, which only collections are",
                                    def.name.full()
                                ))
                            }
                            None => {
                                return Err(format!(
                                    ".{k}: {} has no such property",
                                    def.name.full()
                                ))
                            }
                        };
                        out.insert(k.clone(), new);
                    }
                    Ok(Value::Object(out))
                }
                _ => misfit(v),
            }
        }
    }
}

/// Two more ways the docs write a placeholder for a value of a declared
/// type: the type's own name in any case (`"guid"` for a Guid, `"boolean"`),
/// and a value cut short with an ellipsis (`"MIIDYDCCAki..."` for Binary
/// key bytes), which is not the value, only its start. A string is any
/// text, so neither matters for String.
fn stands_for(s: &str, p: Primitive) -> bool {
    let elided = s.ends_with("...") || s.ends_with('\u{2026}');
    p != Primitive::String && (s.eq_ignore_ascii_case(&format!("{p:?}")) || elided)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn name_of(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(q) => q.full(),
        TypeRef::Json => "any JSON".to_string(),
    }
}

/// An action's body with placeholders replaced: an object whose members
/// are the documented parameters. An error when a member is not a parameter
/// or does not fit its type, or a required parameter is missing.
pub fn fit_parameters(
    v: &Value,
    parameters: &[super::Parameter],
    model: &Model,
) -> Result<Value, String> {
    let Value::Object(obj) = v else {
        return Err(format!(": {} where parameters are declared", kind_of(v)));
    };
    // Required parameters must be there, and not `null`.
    if let Some(p) = parameters
        .iter()
        .find(|p| p.required && obj.get(&p.wire_name).is_none_or(Value::is_null))
    {
        return Err(format!(
            ": the required parameter `{}` is missing",
            p.wire_name
        ));
    }
    let mut out = serde_json::Map::new();
    for (k, value) in obj {
        // Instance annotations (`teamsApp@odata.bind`) are not parameters,
        // and may stand beside them; `@odata.type` says the body is an
        // object of a type, which an action's parameters are not.
        if k.contains('@') && k != "@odata.type" {
            out.insert(k.clone(), value.clone());
            continue;
        }
        let Some(p) = parameters.iter().find(|p| &p.wire_name == k) else {
            return Err(format!(".{k}: not a parameter of the action"));
        };
        let value = fit(value, &p.ty, p.collection, model).map_err(|e| format!(".{k}{e}"))?;
        out.insert(k.clone(), value);
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_are_types() {
        assert_eq!(
            infer(&json!("Boolean")).unwrap().ty,
            TypeRef::Primitive(Primitive::Boolean)
        );
        assert_eq!(
            infer(&json!("String (timestamp)")).unwrap().ty,
            TypeRef::Primitive(Primitive::DateTimeOffset)
        );
        let id = infer(&json!("String (identifier)")).unwrap();
        assert_eq!(id.ty, TypeRef::Primitive(Primitive::String));
        let guid = infer(&json!(["d310d35d-72ec-47dd-92f2-fb9c40936555"])).unwrap();
        assert_eq!(
            (guid.ty, guid.collection),
            (TypeRef::Primitive(Primitive::String), true)
        );
        assert_eq!(
            infer(&json!("2021-07-16T10:00:00Z")).unwrap().ty,
            TypeRef::Primitive(Primitive::DateTimeOffset)
        );
        assert_eq!(infer(&json!(null)).unwrap().ty, TypeRef::Json);
    }

    /// Found by the `model` fuzz target: a string shaped like a date-time
    /// with a multi-byte character at byte 19.
    #[test]
    fn date_time_shapes_with_wide_characters() {
        assert!(infer(&json!("2021-07-16T10:00:0\u{fffd}xx")).is_some());
        assert!(!looks_like_date_time("2021-07-16T10:00:0\u{fffd}xx"));
        assert!(looks_like_date_time("2021-07-16T10:00:00+02:00"));
    }

    #[test]
    fn value_placeholders() {
        assert!(is_value_placeholder("datetime-value"));
        assert!(is_value_placeholder("Name value"));
        assert!(is_value_placeholder("skuId-value-2"));
        assert!(!is_value_placeholder("value-2"));
        assert!(stands_for("guid", Primitive::Guid));
        assert!(stands_for("MIIDYDCCAki...", Primitive::Binary));
        assert!(!stands_for("guid", Primitive::String));
        assert!(!stands_for("true", Primitive::Boolean));
        assert!(!is_value_placeholder("value"));
        assert!(!is_value_placeholder("Contoso HR"));
        let model = Model::default();
        let dt = TypeRef::Primitive(Primitive::DateTimeOffset);
        assert_eq!(
            fit(&json!("datetime-value"), &dt, false, &model).ok(),
            Some(json!("2000-01-01T00:00:00Z"))
        );
        let s = TypeRef::Primitive(Primitive::String);
        assert_eq!(
            fit(&json!("Name value"), &s, false, &model).ok(),
            Some(json!("Name value"))
        );
    }

    #[test]
    fn samples_replace_placeholders() {
        let model = Model::default();
        let b = TypeRef::Primitive(Primitive::Boolean);
        assert_eq!(
            fit(&json!("Boolean"), &b, false, &model).ok(),
            Some(json!(true))
        );
        assert_eq!(
            fit(&json!("yes"), &b, false, &model),
            Err(": a string where Boolean is declared".to_string())
        );
        let s = TypeRef::Primitive(Primitive::String);
        assert_eq!(
            fit(&json!("Contoso HR"), &s, false, &model).ok(),
            Some(json!("Contoso HR"))
        );
    }
}
