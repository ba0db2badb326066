//! Every Rust name the generator writes comes from this module.
//!
//! Names go through fixed steps: split the wire name into words, convert the
//! case, make the result a valid identifier (keywords, invalid starts, empty
//! names), then make it unique in its scope. The wire name is always kept
//! beside the Rust name by the callers, so `#[serde(rename)]` can be emitted
//! exactly where the two differ.

use std::collections::BTreeMap;

/// Keywords that may be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; these get a trailing underscore.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that would shadow prelude or std items used by generated code.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option", "Result", "Vec", "String", "Box", "Some", "None", "Ok", "Err", "Value", "Map",
    "Default", "Self",
];

/// Splits a wire name into lowercase words: camelCase, PascalCase, acronyms
/// (`HTMLBody` is `html`, `body`), digits, and any non-alphanumeric separator
/// (`_ - . @ $ #` and spaces).
pub fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(name, &mut String::new(), |w| words.push(w.to_string()));
    words
}

/// Calls `f` with each word of `name` as [`split_words`] finds it, built
/// in `buf`: the vocabulary walks every property name of the model this
/// way, most of whose words it already has.
fn for_each_word(name: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    let mut prev: Option<char> = None;
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            if !buf.is_empty() {
                f(buf);
                buf.clear();
            }
            prev = Some(c);
            continue;
        }
        // Compare with the original previous character: `buf` is lowercased.
        if let (false, Some(prev)) = (buf.is_empty(), prev) {
            let next = chars.peek().copied();
            let boundary = (c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit()))
                || (c.is_uppercase()
                    && prev.is_uppercase()
                    && next.is_some_and(|n| n.is_lowercase()));
            if boundary {
                f(buf);
                buf.clear();
            }
        }
        buf.extend(c.to_lowercase());
        prev = Some(c);
    }
    if !buf.is_empty() {
        f(buf);
    }
}

/// `snake_case` of the words, without any identifier fix-up.
pub fn snake_case(name: &str) -> String {
    split_words(name).join("_")
}

/// `PascalCase` of the words, without any identifier fix-up.
pub fn pascal_case(name: &str) -> String {
    split_words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// Words the docs spell with humps elsewhere (`consentRequest`,
/// `filterByCurrentUser`), to split a name the docs write in one lowercase
/// run (`consentrequestfilterbycurrentuseroptions`) into the same words.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Only looked up, never iterated (see ARCHITECTURE.md, "Invariants").
    words: std::collections::HashSet<String, foldhash::fast::FixedState>,
}

impl Vocabulary {
    /// The words of every name with humps among `names`, and the names
    /// without humps that are one word of their own where they appear
    /// (`website`): a run that is itself a word stays whole.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words = std::collections::HashSet::default();
        // Most names recur (`id`, `displayName` on many types): each is
        // split once.
        let mut seen: std::collections::HashSet<&str, foldhash::fast::FixedState> =
            std::collections::HashSet::default();
        let mut buf = String::new();
        for name in names {
            if !seen.insert(name) {
                continue;
            }
            for_each_word(name, &mut buf, |w| {
                if w.len() >= 2
                    && w.bytes().all(|b| b.is_ascii_alphanumeric())
                    && !words.contains(w)
                {
                    words.insert(w.to_string());
                }
            });
        }
        Vocabulary { words }
    }

    /// `text` with each of its space-separated words that is one lowercase
    /// run split as [`Vocabulary::split_run`] splits it (a title's
    /// `Update localized organizationalbrandingproperties`).
    pub fn split_runs(&self, text: &str) -> String {
        text.split(' ')
            .map(|w| self.split_run(w).unwrap_or_else(|| w.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `run` in camelCase when it is one lowercase run that the vocabulary
    /// splits into two or more words, with the fewest words; else `None`.
    pub fn split_run(&self, run: &str) -> Option<String> {
        if run.len() < 6
            || !run
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return None;
        }
        // best[i]: the fewest words that make `run[..i]`, and where the last
        // word starts.
        let n = run.len();
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for end in 1..=n {
            for start in 0..end {
                let Some((count, _)) = best[start] else {
                    continue;
                };
                if self.words.contains(&run[start..end])
                    && best[end].is_none_or(|(c, _)| count + 1 < c)
                {
                    best[end] = Some((count + 1, start));
                }
            }
        }
        let (count, _) = best[n]?;
        if count < 2 {
            return None;
        }
        let mut words = Vec::new();
        let mut end = n;
        while end > 0 {
            let (_, start) = best[end]?;
            words.push(&run[start..end]);
            end = start;
        }
        words.reverse();
        let mut out = words[0].to_string();
        for w in &words[1..] {
            let mut cs = w.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase().chain(cs));
            }
        }
        Some(out)
    }
}

/// Makes `candidate` a valid Rust identifier: keywords become raw identifiers
/// (or get a `_` suffix where raw identifiers are not allowed), names that do
/// not start with a letter or `_` get `prefix`, empty names become `prefix`.
fn fix_ident(candidate: String, prefix: &str) -> String {
    if candidate.is_empty() {
        return prefix.trim_end_matches('_').to_string();
    }
    if NON_RAW_KEYWORDS.contains(&candidate.as_str()) {
        return format!("{candidate}_");
    }
    if RAW_KEYWORDS.contains(&candidate.as_str()) {
        return format!("r#{candidate}");
    }
    let first = candidate.chars().next().unwrap_or('_');
    if !(first.is_alphabetic() || first == '_') {
        return format!("{prefix}{candidate}");
    }
    candidate
}

/// The Rust name of a struct field or function parameter for a wire name.
pub fn field_name(wire: &str) -> String {
    fix_ident(snake_case(wire), "n")
}

/// The name of an associated constant for a field (`display_name` is
/// `DISPLAY_NAME`): the field's name is unique in its struct and never a
/// keyword once in upper case.
pub fn const_name(field: &str) -> String {
    unraw(field).to_ascii_uppercase()
}

/// The Rust name of a function (an operation) for a title or path.
pub fn fn_name(wire: &str) -> String {
    fix_ident(snake_case(wire), "op_")
}

/// The Rust name of a module for a namespace segment or area.
pub fn module_name(wire: &str) -> String {
    fix_ident(snake_case(wire), "m_")
}

/// A cargo feature name for an area: lowercase words joined by `-`
/// (`deviceManagement` is `device-management`).
pub fn feature_name(area: &str) -> String {
    let words = split_words(area);
    if words.is_empty() {
        "misc".to_string()
    } else {
        words.join("-")
    }
}

/// The Rust name of a type for a wire name.
pub fn type_name(wire: &str) -> String {
    let name = fix_ident(pascal_case(wire), "T");
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// The Rust name of an enum variant for a member's wire value.
pub fn variant_name(wire: &str) -> String {
    let name = fix_ident(pascal_case(wire), "V");
    // `Unknown` is the catch-all variant every generated enum carries.
    if name == "Unknown" {
        "UnknownValue".to_string()
    } else {
        name
    }
}

/// The identifier text without a raw prefix, for use in derived names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique names within one scope (the fields of a struct, the
/// variants of an enum, the items of a module). A clash is not silent: the
/// caller gets back the name that was taken first, to report both sources.
#[derive(Debug)]
pub struct Scope<K> {
    taken: BTreeMap<String, K>,
    /// Between a name and its number: `_` for snake case, none for Pascal case.
    separator: &'static str,
}

impl<K> Default for Scope<K> {
    fn default() -> Self {
        Scope {
            taken: BTreeMap::new(),
            separator: "_",
        }
    }
}

/// The outcome of asking a scope for a name.
#[derive(Debug, PartialEq, Eq)]
pub struct Assigned<K> {
    pub name: String,
    /// When the natural name was already taken: by whom.
    pub collided_with: Option<K>,
}

impl<K: Clone> Scope<K> {
    pub fn new() -> Self {
        Scope::default()
    }

    /// A scope of Pascal case names (types, variants): `Name2`, not `Name_2`.
    pub fn pascal() -> Self {
        Scope {
            taken: BTreeMap::new(),
            separator: "",
        }
    }

    /// Reserves a name without an owner that can collide (e.g. `odata_type`).
    pub fn reserve(&mut self, name: &str, owner: K) {
        self.taken.insert(name.to_string(), owner);
    }

    /// Whether a name is taken in this scope.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains_key(name)
    }

    /// Assigns `natural`, or `natural_2`, `natural_3`, ... when it is taken.
    pub fn assign(&mut self, natural: &str, owner: K) -> Assigned<K> {
        if !self.taken.contains_key(natural) {
            self.taken.insert(natural.to_string(), owner);
            return Assigned {
                name: natural.to_string(),
                collided_with: None,
            };
        }
        let collided_with = self.taken.get(natural).cloned();
        // `self_` becomes `self_2`, not `self__2`.
        let base = unraw(natural).trim_end_matches('_');
        let sep = self.separator;
        let mut n = 2;
        loop {
            let candidate = format!("{base}{sep}{n}");
            if !self.taken.contains_key(&candidate) {
                self.taken.insert(candidate.clone(), owner);
                return Assigned {
                    name: candidate,
                    collided_with,
                };
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let table: &[(&str, &[&str])] = &[
            ("displayName", &["display", "name"]),
            ("AzureConnection", &["azure", "connection"]),
            ("HTMLBody", &["html", "body"]),
            ("@odata.type", &["odata", "type"]),
            ("subNetId", &["sub", "net", "id"]),
            (
                "id | userPrincipalName",
                &["id", "user", "principal", "name"],
            ),
            ("x509Certificate", &["x509", "certificate"]),
            ("sha256Hash", &["sha256", "hash"]),
            ("$value", &["value"]),
            ("", &[]),
        ];
        for (input, want) in table {
            assert_eq!(&split_words(input), want, "input {input:?}");
        }
    }

    #[test]
    fn fields() {
        let table = [
            ("type", "r#type"),
            ("ref", "r#ref"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("request", "request"),
            ("url", "url"),
            ("async", "r#async"),
            ("1stPlace", "n1st_place"),
            ("365Days", "n365_days"),
            ("@odata.type", "odata_type"),
            ("@odata.nextLink", "odata_next_link"),
            ("foo$bar", "foo_bar"),
            ("#hash", "hash"),
            ("displayName", "display_name"),
            ("DisplayName", "display_name"),
            ("$", "n"),
        ];
        for (input, want) in table {
            assert_eq!(field_name(input), want, "input {input:?}");
        }
    }

    #[test]
    fn types_and_variants() {
        let table = [
            ("azureConnection", "AzureConnection"),
            ("AzureConnection", "AzureConnection"),
            (
                "cloudPcOnPremisesConnectionStatus",
                "CloudPcOnPremisesConnectionStatus",
            ),
            ("self", "Self_"),
            ("string", "StringType"),
            ("option", "OptionType"),
            ("3dModel", "T3dModel"),
        ];
        for (input, want) in table {
            assert_eq!(type_name(input), want, "input {input:?}");
        }
        assert_eq!(variant_name("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(variant_name("unknown"), "UnknownValue");
        assert_eq!(variant_name("1080p"), "V1080p");
        assert_eq!(variant_name("Self"), "Self_");
    }

    #[test]
    fn features() {
        assert_eq!(feature_name("deviceManagement"), "device-management");
        assert_eq!(feature_name("identity-and-sign-in"), "identity-and-sign-in");
        assert_eq!(feature_name(""), "misc");
    }

    #[test]
    fn uniqueness_reports_the_first_owner() {
        let mut scope = Scope::new();
        assert_eq!(
            scope.assign("display_name", "displayName").collided_with,
            None
        );
        let second = scope.assign("display_name", "DisplayName");
        assert_eq!(second.name, "display_name_2");
        assert_eq!(second.collided_with, Some("displayName"));
        let third = scope.assign("display_name", "display_name");
        assert_eq!(third.name, "display_name_3");
        // Raw identifiers get a plain suffix, since `r#type_2` is pointless.
        scope.assign("r#type", "type");
        assert_eq!(scope.assign("r#type", "Type").name, "type_2");
        scope.assign("self_", "self");
        assert_eq!(scope.assign("self_", "Self").name, "self_2");
        let mut pascal = Scope::pascal();
        pascal.assign("UnknownValue", "unknown");
        assert_eq!(
            pascal.assign("UnknownValue", "Unknown").name,
            "UnknownValue2"
        );
    }

    /// A name in one lowercase run takes the words the docs spell with
    /// humps elsewhere; a run that is a word of its own, or that the words
    /// do not cover, stays.
    #[test]
    fn lowercase_runs_split_into_the_docs_words() {
        let vocabulary = Vocabulary::from_names([
            "consentRequest",
            "filterByCurrentUser",
            "userOptions",
            "attachmentName",
            "contentType",
            "website",
            "web",
            "siteId",
            "fido2Key",
            "restrictionEnforcement",
        ]);
        let table = [
            (
                "consentrequestfilterbycurrentuseroptions",
                Some("consentRequestFilterByCurrentUserOptions"),
            ),
            ("attachmenttype", Some("attachmentType")),
            (
                "fido2restrictionenforcementtype",
                Some("fido2RestrictionEnforcementType"),
            ),
            // A word of its own stays whole, though `web` + `site` cover it.
            ("website", None),
            // Not covered by the words.
            ("attachmentzzz", None),
            // Already has humps, or too short to be a run of words.
            ("attachmentType", None),
            ("webby", None),
        ];
        for (run, expected) in table {
            assert_eq!(vocabulary.split_run(run).as_deref(), expected, "{run}");
        }
        // In a title, each word on its own; words with humps, short words
        // and words of their own stay as written.
        for (title, expected) in [
            (
                "Update consentrequestfilterbycurrentuseroptions",
                "Update consentRequestFilterByCurrentUserOptions",
            ),
            ("Get attachmenttype website", "Get attachmentType website"),
            (
                "List attachmentType of a webby",
                "List attachmentType of a webby",
            ),
        ] {
            assert_eq!(vocabulary.split_runs(title), expected, "{title}");
        }
    }
}
