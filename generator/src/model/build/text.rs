//! Small readers of page text: names after a phrase, links, possible
//! values, status codes, table columns, primitives in prose.

use super::*;

pub(super) fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Whether an inferred example type fits a declared one (a string value for
/// an enum or a date-time, an integer for a double).
pub(super) fn compatible(declared: &TypeRef, inferred: &TypeRef, model: &Model) -> bool {
    match (declared, inferred) {
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::String)) => d.is_string_like(),
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::DateTimeOffset)) => {
            d.is_string_like()
        }
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::Int64)) => {
            !d.is_string_like() && *d != Primitive::Boolean
        }
        (TypeRef::Primitive(d), TypeRef::Primitive(Primitive::Double)) => matches!(
            d,
            Primitive::Double | Primitive::Single | Primitive::Decimal
        ),
        (TypeRef::Named(q), TypeRef::Primitive(Primitive::String | Primitive::DateTimeOffset)) => {
            model.get(q).is_some_and(|t| t.kind == TypeKind::Enum)
        }
        (TypeRef::Named(_), TypeRef::Named(_)) => true,
        (_, TypeRef::Json) | (TypeRef::Json, _) => true,
        _ => false,
    }
}

pub(super) fn describe(ty: &TypeRef, collection: bool) -> String {
    let base = match ty {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(q) => q.full(),
        TypeRef::Json => "any JSON".to_string(),
    };
    if collection {
        format!("{base} collection")
    } else {
        base
    }
}

/// The type name after a phrase such as `Inherits from `, without the
/// sentence's closing period.
pub(super) fn name_after(text: &str, phrase: &str) -> Option<String> {
    let rest = &text[text.find(phrase)? + phrase.len()..];
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    let name = name.trim_end_matches('.');
    (!name.is_empty()).then(|| name.to_string())
}

/// The first link in inline content: (target, text).
pub(super) fn first_link(inlines: &[Inline]) -> Option<(String, String)> {
    for i in inlines {
        match i {
            Inline::Link { target, content } => {
                return Some((target.clone(), plain_text_of(content)))
            }
            Inline::Strong(c) | Inline::Emphasis(c) => {
                if let Some(l) = first_link(c) {
                    return Some(l);
                }
            }
            _ => {}
        }
    }
    None
}

/// The values after `Possible values are:` (each in backticks).
pub(super) fn possible_values(cell: &[Inline]) -> Vec<String> {
    let mut found = false;
    let mut out = Vec::new();
    for i in cell {
        match i {
            Inline::Text(t) => {
                let lower = t.to_ascii_lowercase();
                if lower.contains("possible values") || lower.contains("allowed values") {
                    found = true;
                } else if found
                    && !out.is_empty()
                    && t.contains('.')
                    && !t.trim_start().starts_with(',')
                {
                    break;
                }
            }
            Inline::Code(c) if found => {
                let c = c.trim();
                if !c.is_empty() && !c.contains(' ') && c != "null" {
                    out.push(c.to_string());
                }
            }
            _ => {}
        }
    }
    out
}

/// The first success or redirect status code in a sentence (`201 Created`,
/// `302 Found`); error codes in the same prose say how the call can fail.
pub(super) fn status_code(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|s| (200..400).contains(s))
}

/// Finds columns of a table by header text.
pub(super) struct Columns {
    headers: Vec<String>,
}

impl Columns {
    pub(super) fn new(table: &Table) -> Self {
        Columns {
            headers: table
                .header
                .iter()
                .map(|c| plain_text_of(c).trim().to_ascii_lowercase())
                .collect(),
        }
    }
    pub(super) fn index(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.headers.iter().position(|h| h == n || h.starts_with(n)))
    }
    pub(super) fn cell<'a>(
        &self,
        row: &'a crate::parse::Row,
        names: &[&str],
    ) -> Option<&'a [Inline]> {
        self.index(names)
            .and_then(|i| row.cells.get(i))
            .map(|c| c.as_slice())
    }
    pub(super) fn text(
        &self,
        row: &crate::parse::Row,
        names: &[&str],
        fallback: usize,
    ) -> Option<String> {
        let i = self.index(names).unwrap_or(fallback);
        row.cells.get(i).map(|c| plain_text_of(c))
    }
}

/// A primitive type named in code or bold in a sentence (`String` collection,
/// a `Boolean`), for responses of functions that return primitives.
pub(super) fn primitive_in_text(inlines: &[Inline]) -> Option<(Primitive, bool)> {
    let text = plain_text_of(inlines);
    for (i, inline) in inlines.iter().enumerate() {
        let word = match inline {
            Inline::Code(c) => c.clone(),
            Inline::Strong(c) | Inline::Emphasis(c) => plain_text_of(c),
            _ => continue,
        };
        if let Some(p) = Primitive::from_name(word.trim()) {
            let after = inlines
                .get(i + 1)
                .map(|n| plain_text_of(std::slice::from_ref(n)))
                .unwrap_or_default();
            let collection = after
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("collection")
                || text.contains(&format!("collection of {}", word.trim()));
            return Some((p, collection));
        }
    }
    None
}

/// The member an annotation says holds its collection: `None` for a single
/// object, else `collectionProperty`, `value` by default.
pub(super) fn collection_member(a: &crate::parse::Annotation) -> Option<String> {
    a.bool("isCollection")
        .unwrap_or(false)
        .then(|| a.str("collectionProperty").unwrap_or("value").to_string())
}
