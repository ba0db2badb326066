//! Wire types for the Edm primitives that JSON carries as strings.
//!
//! Each keeps the exact text it was read from, so a value read from the
//! server is sent back unchanged, and checks its shape when it is read, so a
//! value of the wrong kind is an error rather than a silent string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why a string is not a valid primitive value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    /// The Edm type that was expected.
    pub expected: &'static str,
    /// The text that was read.
    pub value: String,
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.value, self.expected)
    }
}

impl std::error::Error for InvalidValue {}

fn digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// `YYYY-MM-DD`.
fn is_date(s: &[u8]) -> bool {
    s.len() == 10
        && digits(&s[0..4])
        && s[4] == b'-'
        && digits(&s[5..7])
        && s[7] == b'-'
        && digits(&s[8..10])
}

/// `hh:mm[:ss[.fffffff]]`.
fn is_time(s: &[u8]) -> bool {
    if s.len() < 5 || !digits(&s[0..2]) || s[2] != b':' || !digits(&s[3..5]) {
        return false;
    }
    match &s[5..] {
        [] => true,
        [b':', rest @ ..] => {
            let (secs, frac) = rest.split_at(rest.len().min(2));
            digits(secs)
                && secs.len() == 2
                && (frac.is_empty() || (frac[0] == b'.' && digits(&frac[1..])))
        }
        _ => false,
    }
}

fn is_date_time_offset(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 16 || !is_date(&b[..10]) || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') {
        return false;
    }
    let rest = &s[11..];
    // The offset: `Z`, `+hh:mm` or `-hh:mm`; the docs sometimes leave it out.
    let time = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
        t
    } else if rest.len() > 6 && matches!(rest.as_bytes()[rest.len() - 6], b'+' | b'-') {
        let (t, offset) = rest.split_at(rest.len() - 6);
        if !is_time(&offset.as_bytes()[1..]) {
            return false;
        }
        t
    } else {
        rest
    };
    is_time(time.as_bytes())
}

fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// ISO 8601 durations such as `PT1H30M` or `P1D`.
fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    !rest.is_empty()
        && rest.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, 'Y' | 'M' | 'W' | 'D' | 'T' | 'H' | 'S' | '.')
        })
}

fn is_base64(s: &str) -> bool {
    s.bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_'))
}

macro_rules! string_primitive {
    ($(#[$meta:meta])* $name:ident, $edm:literal, $check:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks the text and keeps it as it is.
            pub fn new(value: impl Into<String>) -> Result<Self, InvalidValue> {
                let value = value.into();
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok($name(value))
                } else {
                    Err(InvalidValue { expected: $edm, value })
                }
            }

            /// The text as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                $name::new(s).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_primitive!(
    /// `Edm.DateTimeOffset`: an ISO 8601 date and time, such as `2014-01-01T00:00:00Z`.
    DateTimeOffset,
    "DateTimeOffset",
    is_date_time_offset
);
string_primitive!(
    /// `Edm.Date`: a date, such as `2014-01-01`.
    Date,
    "Date",
    |s| is_date(s.as_bytes())
);
string_primitive!(
    /// `Edm.TimeOfDay`: a time, such as `08:30:00.0000000`.
    TimeOfDay,
    "TimeOfDay",
    |s| is_time(s.as_bytes())
);
string_primitive!(
    /// `Edm.Duration`: an ISO 8601 duration, such as `PT1H`.
    Duration,
    "Duration",
    is_duration
);
string_primitive!(
    /// `Edm.Guid`: a GUID, such as `d310d35d-72ec-47dd-92f2-fb9c40936555`.
    Guid,
    "Guid",
    is_guid
);
string_primitive!(
    /// `Edm.Binary`: base64-encoded bytes.
    Base64,
    "Binary",
    is_base64
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for ok in [
            "2014-01-01T00:00:00Z",
            "2017-07-31T18:56:16.1111111Z",
            "2020-01-01T10:00:00+02:00",
            "2020-01-01T10:00:00",
        ] {
            assert!(DateTimeOffset::new(ok).is_ok(), "{ok}");
        }
        for bad in ["String (timestamp)", "2014-01-01", "yesterday"] {
            assert!(DateTimeOffset::new(bad).is_err(), "{bad}");
        }
        assert!(Guid::new("d310d35d-72ec-47dd-92f2-fb9c40936555").is_ok());
        assert!(Guid::new("Authorized Apps value").is_err());
        assert!(Duration::new("PT1H30M").is_ok());
        assert!(TimeOfDay::new("08:30:00.0000000").is_ok());
        assert!(Date::new("2014-01-01").is_ok());
    }
}
