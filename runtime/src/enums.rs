//! The serde and display impls every generated enum shares. Each generated
//! enum has a variant per documented member and `Unknown(String)`, plus
//! `as_str` and `From<&str>`; a value added to the API later is read and
//! written back unchanged instead of failing.

/// Implements `Display`, `Serialize` and `Deserialize` through the enum's
/// `as_str` and `From<&str>`.
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl crate::filter::Literal for $name {
            #[inline]
            fn literal(&self) -> String {
                crate::filter::Literal::literal(&self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from(s.as_ref()))
            }
        }
    };
}

pub(crate) use string_enum_impls;

#[cfg(test)]
mod tests {
    /// An enum as the generator writes one.
    #[derive(Debug, Clone, PartialEq)]
    enum Season {
        Summer,
        Unknown(String),
    }

    impl Season {
        fn as_str(&self) -> &str {
            match self {
                Season::Summer => "summer",
                Season::Unknown(s) => s,
            }
        }
    }

    impl From<&str> for Season {
        fn from(s: &str) -> Self {
            match s {
                "summer" => Season::Summer,
                other => Season::Unknown(other.to_string()),
            }
        }
    }

    super::string_enum_impls!(Season);

    #[test]
    fn a_value_added_later_is_read_and_written_back_unchanged() {
        let read: Vec<Season> = serde_json::from_str(r#"["summer", "monsoon"]"#).unwrap();
        assert_eq!(
            read,
            vec![Season::Summer, Season::Unknown("monsoon".into())]
        );
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"["summer","monsoon"]"#
        );
        assert_eq!(read[1].to_string(), "monsoon");
    }
}
