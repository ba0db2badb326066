//! How generated structs are read from and written as JSON objects.
//!
//! A generated struct does not derive `serde::Serialize` and
//! `serde::Deserialize`: for a crate of a thousand structs with up to a
//! hundred fields each, the derives' visitors (a field enum, a `match` per
//! way of naming a field, a sequence form, a duplicate check and an
//! `Option` per field) were most of what `cargo check` type-checked and
//! borrow-checked, and most of its memory. A generated struct instead
//! writes one straight line per field through the two helpers here:
//!
//! ```ignore
//! impl serde::Serialize for User {
//!     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
//!         let mut w = crate::json::Writer::new(s)?;
//!         w.optional("id", &self.id);
//!         w.optional("displayName", &self.display_name);
//!         w.end()
//!     }
//! }
//! impl crate::json::FromObject for User {
//!     fn from_object(r: &mut crate::json::Reader) -> Result<Self, crate::json::Error> {
//!         let value = Self { id: r.optional("id"), display_name: r.optional("displayName") };
//!         match r.finish() { Ok(()) => Ok(value), Err(e) => Err(e) }
//!     }
//! }
//! crate::json::deserialize_via_object!(User);
//! ```
//!
//! Reading goes through `serde_json::Value`: the object is read whole, then
//! each field is taken out of it by name. The per-type code is then not
//! generic, so it is compiled once rather than once per deserializer, at
//! the price of one intermediate tree per response; a response's size is
//! bounded by the server's page size, and the network dominates its time.
//! Errors name the field they come from (`manager: displayName: invalid
//! type: ...`).

use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Map, Value};

/// The error of reading a generated struct from JSON.
pub type Error = serde_json::Error;

/// A JSON object being taken apart into a struct's fields. Each field is
/// removed from the object as it is read; what is left is the properties
/// the struct does not declare. The first error is kept and returned by
/// [`Reader::finish`], so a struct literal of fields reads in one line each.
#[derive(Debug)]
pub struct Reader {
    object: Map<String, Value>,
    error: Option<Error>,
}

impl Reader {
    /// Reads the fields of `object`.
    pub fn new(object: Map<String, Value>) -> Self {
        Reader {
            object,
            error: None,
        }
    }

    /// The field `key`, or `None` when it is absent or `null`. A value of
    /// the wrong shape is `None` here and an error from [`Reader::finish`].
    pub fn optional<T: serde::de::DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        // What does not depend on `T` is in `take` and `fail`, which are
        // compiled once; this body is compiled once per field type.
        let value = self.take(key)?;
        match serde_json::from_value(value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(key, e);
                None
            }
        }
    }

    /// The list `key`, or `None` when it is absent or `null`; as
    /// [`Reader::optional`] for a `Vec<T>`, with each item read on its own
    /// rather than through serde's sequence visitor, which would be
    /// compiled once more per item type.
    pub fn list<T: serde::de::DeserializeOwned>(&mut self, key: &str) -> Option<Vec<T>> {
        let items = self.take_array(key)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match serde_json::from_value(item) {
                Ok(v) => out.push(v),
                Err(e) => {
                    self.fail(key, e);
                    return None;
                }
            }
        }
        Some(out)
    }

    /// The value of `key`, unless it is absent or `null`.
    fn take(&mut self, key: &str) -> Option<Value> {
        match self.object.remove(key) {
            None | Some(Value::Null) => None,
            value => value,
        }
    }

    /// The items of the list `key`; a value of another shape is an error.
    fn take_array(&mut self, key: &str) -> Option<Vec<Value>> {
        match self.take(key)? {
            Value::Array(items) => Some(items),
            other => {
                let e = <Error as serde::de::Error>::invalid_type(unexpected(&other), &"a list");
                self.fail(key, e);
                None
            }
        }
    }

    /// The field `key`, which must be present; `Err` names it when it is
    /// absent or of the wrong shape.
    pub fn required<T: serde::de::DeserializeOwned>(&mut self, key: &str) -> Result<T, Error> {
        let value = self
            .object
            .remove(key)
            .ok_or_else(|| <Error as serde::de::Error>::custom(format!("missing field `{key}`")))?;
        serde_json::from_value(value).map_err(|e| field_error(key, e))
    }

    /// The properties no field has taken, for an open type.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.object)
    }

    /// `Ok` if every field read, else the first field's error. Not generic
    /// over the struct, so it is compiled once.
    pub fn finish(&mut self) -> Result<(), Error> {
        match self.error.take() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    fn fail(&mut self, key: &str, e: Error) {
        if self.error.is_none() {
            self.error = Some(field_error(key, e));
        }
    }
}

/// How a JSON value is named in an error.
fn unexpected(value: &Value) -> serde::de::Unexpected<'_> {
    use serde::de::Unexpected;
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn field_error(key: &str, e: Error) -> Error {
    <Error as serde::de::Error>::custom(format!("{key}: {e}"))
}

/// A generated struct read from the fields of a JSON object.
pub trait FromObject: Sized {
    /// Takes the struct's fields out of `r`; extra properties are left.
    fn from_object(r: &mut Reader) -> Result<Self, Error>;
}

/// Reads a JSON object from any deserializer; generic over the
/// deserializer only, so compiled once per deserializer.
pub fn object<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Reader, D::Error> {
    <Map<String, Value> as serde::Deserialize>::deserialize(deserializer).map(Reader::new)
}

/// Implements `serde::Deserialize` for a type that implements
/// [`FromObject`].
// Used by generated structs; this crate has none outside its tests.
#[allow(unused_macros)]
macro_rules! deserialize_via_object {
    ($name:ty) => {
        impl<'de> serde::Deserialize<'de> for $name {
            // Matches rather than `?` and `map_err`, which would each be
            // one more function compiled per type and deserializer.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut reader = match crate::json::object(deserializer) {
                    Ok(reader) => reader,
                    Err(e) => return Err(e),
                };
                match <$name as crate::json::FromObject>::from_object(&mut reader) {
                    Ok(value) => Ok(value),
                    Err(e) => Err(serde::de::Error::custom(e)),
                }
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use deserialize_via_object;

/// A struct being written as a JSON object, one field per call. Absent
/// optional fields are left out. The first error is kept and returned by
/// [`Writer::end`].
pub struct Writer<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Writer<M> {
    /// Starts an object on `serializer`.
    pub fn new<S>(serializer: S) -> Result<Self, S::Error>
    where
        S: serde::Serializer<SerializeMap = M, Error = M::Error>,
    {
        Ok(Writer {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// Writes `key` when `value` is `Some`.
    pub fn optional<T: Serialize>(&mut self, key: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.required(key, v);
        }
    }

    /// Writes `key` and `value`.
    pub fn required<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if self.error.is_none() {
            if let Err(e) = self.map.serialize_entry(key, value) {
                self.error = Some(e);
            }
        }
    }

    /// Writes each of an open type's extra properties.
    pub fn rest(&mut self, rest: &Map<String, Value>) {
        for (k, v) in rest {
            self.required(k, v);
        }
    }

    /// Ends the object, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            None => self.map.end(),
            Some(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct as the generator writes one: optional fields, a required
    /// one, an open type's extra properties.
    #[derive(Debug, Default, PartialEq)]
    struct Site {
        odata_type: Option<String>,
        name: String,
        size: Option<i64>,
        owner: Option<Box<Site>>,
        tags: Option<Vec<i64>>,
        additional_properties: Map<String, Value>,
    }

    impl Serialize for Site {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut w = Writer::new(s)?;
            w.optional("@odata.type", &self.odata_type);
            w.required("name", &self.name);
            w.optional("size", &self.size);
            w.optional("owner", &self.owner);
            w.optional("tags", &self.tags);
            w.rest(&self.additional_properties);
            w.end()
        }
    }

    impl FromObject for Site {
        fn from_object(r: &mut Reader) -> Result<Self, Error> {
            let value = Site {
                odata_type: r.optional("@odata.type"),
                name: r.required("name")?,
                size: r.optional("size"),
                owner: r.optional("owner"),
                tags: r.list("tags"),
                additional_properties: r.rest(),
            };
            match r.finish() {
                Ok(()) => Ok(value),
                Err(e) => Err(e),
            }
        }
    }

    deserialize_via_object!(Site);

    #[test]
    fn a_struct_reads_and_writes_back_with_its_extra_properties() {
        let text =
            r#"{"name":"a","size":null,"owner":{"name":"b","size":2},"tags":[1,2],"colour":"red"}"#;
        let site: Site = serde_json::from_str(text).unwrap();
        assert_eq!(site.size, None);
        assert_eq!(site.owner.as_ref().unwrap().size, Some(2));
        assert_eq!(site.additional_properties["colour"], "red");
        assert_eq!(site.tags, Some(vec![1, 2]));
        assert_eq!(
            serde_json::to_string(&site).unwrap(),
            r#"{"name":"a","owner":{"name":"b","size":2},"tags":[1,2],"colour":"red"}"#
        );
    }

    #[test]
    fn errors_name_the_field_they_come_from() {
        let err = serde_json::from_str::<Site>(r#"{"name":"a","owner":{"name":"b","size":"big"}}"#)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"owner: size: invalid type: string "big", expected i64"#
        );
        let err = serde_json::from_str::<Site>(r#"{"size":1}"#).unwrap_err();
        assert_eq!(err.to_string(), "missing field `name`");
        let err = serde_json::from_str::<Site>(r#"{"name":"a","tags":[1,"x"]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"tags: invalid type: string "x", expected i64"#
        );
        let err = serde_json::from_str::<Site>(r#"{"name":"a","tags":{"x":1}}"#).unwrap_err();
        assert_eq!(err.to_string(), "tags: invalid type: map, expected a list");
        let err = serde_json::from_str::<Site>(r#"[1]"#).unwrap_err();
        assert!(err.to_string().contains("expected a map"), "{err}");
    }

    #[test]
    fn the_first_error_is_the_one_returned() {
        let err = serde_json::from_str::<Site>(r#"{"name":"a","size":"x","owner":1}"#).unwrap_err();
        assert!(err.to_string().starts_with("size: "), "{err}");
    }
}
