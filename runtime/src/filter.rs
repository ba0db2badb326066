//! Typed `$filter` and `$orderby`: the generated crate gives each type that
//! collections list an associated constant per filterable property
//! (`User::DISPLAY_NAME`, a [`Property<User, String>`] with the wire name
//! `displayName`), and expressions built from them are written with the
//! OData literal of each value (strings quoted with `'` doubled inside,
//! dates and GUIDs bare, enum members as their wire strings). Raw strings
//! still work: `Request::filter("...")`.

use std::fmt::Write;
use std::marker::PhantomData;

/// A value written into a filter as an OData literal.
pub trait Literal {
    fn literal(&self) -> String;
}

/// A string literal: quoted, with a quote inside written twice.
impl Literal for &str {
    fn literal(&self) -> String {
        format!("'{}'", self.replace('\'', "''"))
    }
}

impl Literal for String {
    fn literal(&self) -> String {
        self.as_str().literal()
    }
}

impl Literal for bool {
    fn literal(&self) -> String {
        self.to_string()
    }
}

macro_rules! bare_literals {
    ($($t:ty),*) => {
        $(impl Literal for $t {
            fn literal(&self) -> String {
                self.to_string()
            }
        })*
    };
}

bare_literals!(u8, i8, i16, i32, i64, f32, f64);

macro_rules! primitive_literals {
    ($($t:ident => $prefix:expr),*) => {
        $(impl Literal for crate::primitives::$t {
            fn literal(&self) -> String {
                match $prefix {
                    "" => self.as_str().to_string(),
                    prefix => format!("{prefix}'{}'", self.as_str()),
                }
            }
        })*
    };
}

// OData v4 URL literals: dates, times and GUIDs bare; durations and bytes
// with their type prefix.
primitive_literals!(
    DateTimeOffset => "",
    Date => "",
    TimeOfDay => "",
    Guid => "",
    Duration => "duration",
    Base64 => "binary"
);

/// A property of `T` holding values of type `V`, by its wire name.
pub struct Property<T, V> {
    wire_name: &'static str,
    owner: PhantomData<fn() -> (T, V)>,
}

impl<T, V> Clone for Property<T, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, V> Copy for Property<T, V> {}

impl<T, V> std::fmt::Debug for Property<T, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Property({})", self.wire_name)
    }
}

impl<T, V> Property<T, V> {
    pub const fn new(wire_name: &'static str) -> Self {
        Property {
            wire_name,
            owner: PhantomData,
        }
    }

    /// The name on the wire (`displayName`).
    pub fn wire_name(&self) -> &'static str {
        self.wire_name
    }

    /// `$orderby` ascending.
    pub fn asc(self) -> OrderBy<T> {
        OrderBy::new(self.wire_name.to_string())
    }

    /// `$orderby` descending.
    pub fn desc(self) -> OrderBy<T> {
        OrderBy::new(format!("{} desc", self.wire_name))
    }

    /// `prop eq null`.
    pub fn is_null(self) -> Filter<T> {
        Filter::new(format!("{} eq null", self.wire_name))
    }
}

impl<T, V: Literal> Property<T, V> {
    fn compare(self, op: &str, value: impl Into<V>) -> Filter<T> {
        Filter::new(format!(
            "{} {op} {}",
            self.wire_name,
            value.into().literal()
        ))
    }

    pub fn eq(self, value: impl Into<V>) -> Filter<T> {
        self.compare("eq", value)
    }

    pub fn ne(self, value: impl Into<V>) -> Filter<T> {
        self.compare("ne", value)
    }

    pub fn gt(self, value: impl Into<V>) -> Filter<T> {
        self.compare("gt", value)
    }

    pub fn ge(self, value: impl Into<V>) -> Filter<T> {
        self.compare("ge", value)
    }

    pub fn lt(self, value: impl Into<V>) -> Filter<T> {
        self.compare("lt", value)
    }

    pub fn le(self, value: impl Into<V>) -> Filter<T> {
        self.compare("le", value)
    }

    /// `prop in (a, b, c)`.
    pub fn is_in<I: IntoIterator<Item = X>, X: Into<V>>(self, values: I) -> Filter<T> {
        let list: Vec<String> = values.into_iter().map(|v| v.into().literal()).collect();
        Filter::new(format!("{} in ({})", self.wire_name, list.join(", ")))
    }
}

impl<T> Property<T, String> {
    /// `startswith(prop, 'value')`.
    pub fn starts_with(self, value: &str) -> Filter<T> {
        Filter::new(format!(
            "startswith({}, {})",
            self.wire_name,
            value.literal()
        ))
    }

    /// `endswith(prop, 'value')`.
    pub fn ends_with(self, value: &str) -> Filter<T> {
        Filter::new(format!("endswith({}, {})", self.wire_name, value.literal()))
    }
}

/// A collection property of `T` whose items are `V`: `any` lambdas.
pub struct CollectionProperty<T, V>(Property<T, V>);

impl<T, V> Clone for CollectionProperty<T, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, V> Copy for CollectionProperty<T, V> {}

impl<T, V> CollectionProperty<T, V> {
    pub const fn new(wire_name: &'static str) -> Self {
        CollectionProperty(Property::new(wire_name))
    }
}

impl<T, V: Literal> CollectionProperty<T, V> {
    /// `prop/any(x: x eq value)`: some item equals `value`.
    pub fn any_eq(self, value: impl Into<V>) -> Filter<T> {
        Filter::new(format!(
            "{}/any(x: x eq {})",
            self.0.wire_name,
            value.into().literal()
        ))
    }
}

/// A `$filter` expression over the properties of `T`.
pub struct Filter<T> {
    expression: String,
    owner: PhantomData<fn() -> T>,
}

impl<T> Clone for Filter<T> {
    fn clone(&self) -> Self {
        Filter::new(self.expression.clone())
    }
}

impl<T> std::fmt::Debug for Filter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.expression)
    }
}

impl<T> Filter<T> {
    fn new(expression: String) -> Self {
        Filter {
            expression,
            owner: PhantomData,
        }
    }

    pub fn and(self, other: Filter<T>) -> Self {
        Filter::new(format!("({}) and ({})", self.expression, other.expression))
    }

    pub fn or(self, other: Filter<T>) -> Self {
        Filter::new(format!("({}) or ({})", self.expression, other.expression))
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Self {
        Filter::new(format!("not ({})", self.expression))
    }

    /// The expression as `$filter` takes it.
    pub fn as_str(&self) -> &str {
        &self.expression
    }
}

/// One `$orderby` key over the properties of `T`.
pub struct OrderBy<T> {
    key: String,
    owner: PhantomData<fn() -> T>,
}

impl<T> OrderBy<T> {
    fn new(key: String) -> Self {
        OrderBy {
            key,
            owner: PhantomData,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.key
    }
}

/// Which properties a collection of `Self` can be filtered by: its own,
/// and for a `...Any` enum its base type's.
pub trait Filters<T> {}

impl<T> Filters<T> for T {}

/// `$orderby` keys joined.
pub(crate) fn join_keys<T>(keys: impl IntoIterator<Item = OrderBy<T>>) -> String {
    let mut out = String::new();
    for (i, k) in keys.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", k.key);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct User;
    const NAME: Property<User, String> = Property::new("displayName");
    const ENABLED: Property<User, bool> = Property::new("accountEnabled");
    const CREATED: Property<User, crate::primitives::DateTimeOffset> =
        Property::new("createdDateTime");
    const ID: Property<User, crate::primitives::Guid> = Property::new("id");
    const MAILS: CollectionProperty<User, String> = CollectionProperty::new("proxyAddresses");

    #[test]
    fn values_are_written_as_odata_literals() {
        let f = NAME.eq("O'Brien").and(ENABLED.eq(true)).or(CREATED
            .ge(crate::primitives::DateTimeOffset::new("2024-01-01T00:00:00Z").unwrap())
            .not());
        assert_eq!(
            f.as_str(),
            "((displayName eq 'O''Brien') and (accountEnabled eq true)) or (not (createdDateTime ge 2024-01-01T00:00:00Z))"
        );
        let id = crate::primitives::Guid::new("d310d35d-72ec-47dd-92f2-fb9c40936555").unwrap();
        assert_eq!(
            ID.eq(id).as_str(),
            "id eq d310d35d-72ec-47dd-92f2-fb9c40936555"
        );
        assert_eq!(
            NAME.starts_with("Ad").as_str(),
            "startswith(displayName, 'Ad')"
        );
        assert_eq!(NAME.is_in(["a", "b"]).as_str(), "displayName in ('a', 'b')");
        assert_eq!(
            MAILS.any_eq("smtp:a@b.c").as_str(),
            "proxyAddresses/any(x: x eq 'smtp:a@b.c')"
        );
        assert_eq!(
            join_keys([NAME.asc(), CREATED.desc()]),
            "displayName,createdDateTime desc"
        );
    }
}
