//! Documented paths: removing the base URL, and parsing a path template
//! into literal text and named parameters.

use super::*;

/// Removes the scheme, host and version from an example URL.
pub(super) fn strip_base(target: &str) -> (&str, Option<String>) {
    let mut rest = target;
    for scheme in ["https://", "http://"] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r.find('/').map(|i| &r[i..]).unwrap_or("/");
        }
    }
    // The version is the first segment when it is `beta` or `v` and a
    // number (`v1.0`, and `v1` as some examples write it), matched without
    // regard to case (`/V1.0/teams`).
    let Some(tail) = rest.strip_prefix('/') else {
        return (rest, None);
    };
    let end = tail.find(['/', '?']).unwrap_or(tail.len());
    let v = &tail[..end];
    if is_version(v) {
        let r = &tail[end..];
        return (
            if r.is_empty() { "/" } else { r },
            Some(v.to_ascii_lowercase()),
        );
    }
    (rest, None)
}

/// `beta`, `v1.0`, `V1`.
fn is_version(segment: &str) -> bool {
    let number = segment
        .strip_prefix(['v', 'V'])
        .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    segment.eq_ignore_ascii_case("beta")
        || number.is_some_and(|n| {
            n.split('.')
                .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// An example path with OData's key syntax written as a path segment:
/// `/me/messages('AAMk...')` addresses what `/me/messages/AAMk...` does.
/// Only a quoted key (`''` is a quote inside it) is read so: `range()` and
/// `range(address='A1')` are a function and its arguments.
pub(super) fn keys_as_segments(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            let Some((name, key)) = seg
                .strip_suffix("')")
                .and_then(|s| s.split_once("('"))
                .filter(|(name, key)| {
                    !name.is_empty() && !name.contains('(') && !key.replace("''", "").contains('\'')
                })
            else {
                return seg.to_string();
            };
            format!("{name}/{}", key.replace("''", "'"))
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses a documented path into literal text and parameters, naming each
/// parameter after the segment before it (`/users/{id}` is `userId`).
pub(super) fn parse_path(raw: &str, source: Location) -> PathTemplate {
    let (path, _) = strip_base(raw);
    let path = path.split('?').next().unwrap_or(path);
    // `GET policies/x` is the path `/policies/x`.
    let rooted = format!("/{}", path.trim_start_matches('/'));
    let rooted = values_as_parameters(&rooted);
    let path = rooted.as_str();
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut chars = path.chars().peekable();
    let mut names: Vec<String> = Vec::new();
    while let Some(c) = chars.next() {
        if c == '{' {
            let mut placeholder = String::new();
            for n in chars.by_ref() {
                if n == '}' {
                    break;
                }
                placeholder.push(n);
            }
            let name = param_name(&literal, &placeholder, &names);
            names.push(name.clone());
            if !literal.is_empty() {
                segments.push(PathSegment::Literal {
                    text: std::mem::take(&mut literal),
                });
            }
            segments.push(PathSegment::Param { name, placeholder });
        } else {
            literal.push(c);
        }
    }
    if !literal.is_empty() {
        segments.push(PathSegment::Literal { text: literal });
    }
    PathTemplate::new(raw.to_string(), segments, source)
}

/// Values the docs write where a path has a parameter, as parameters: a
/// function's argument values (`getActivitiesByInterval(interval='day')`,
/// `filterByCurrentUser(on='parameterValue')`) and segments that are GUIDs
/// (`/education/classes/acdefc6b-.../assignments`). An example path then
/// fits the documented one whatever values it shows.
fn values_as_parameters(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            if is_guid(seg) {
                return "{id}".to_string();
            }
            // A whole segment in parentheses is a placeholder written
            // another way: `/teams/(team-id)/channels`.
            if let Some(name) = seg
                .strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .filter(|n| {
                    !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || "-_ ".contains(c))
                })
            {
                return format!("{{{name}}}");
            }
            // Alternatives written after the braces instead of inside them
            // (`{user-id} | user-principal-name`, where other pages write
            // `{id | userPrincipalName}`) are one placeholder.
            if let Some((name, others)) = seg
                .strip_prefix('{')
                .and_then(|s| s.split_once('}'))
                .and_then(|(name, rest)| Some((name, rest.trim_start().strip_prefix('|')?)))
                .filter(|(name, _)| !name.contains(['{', '}']))
            {
                return format!("{{{name} | {}}}", others.trim().trim_matches(['{', '}']));
            }
            let (Some(open), true) = (seg.find('('), seg.ends_with(')')) else {
                return seg.to_string();
            };
            let inner = &seg[open + 1..seg.len() - 1];
            if !inner.contains('=') || inner.contains(['{', '(']) {
                return seg.to_string();
            }
            let args: Vec<String> = inner
                .split(',')
                .map(|arg| match arg.split_once('=') {
                    Some((k, v)) => {
                        let k = k.trim();
                        let v = v.trim();
                        if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
                            format!("{k}='{{{k}}}'")
                        } else {
                            format!("{k}={{{k}}}")
                        }
                    }
                    None => arg.to_string(),
                })
                .collect();
            format!("{}({})", &seg[..open], args.join(","))
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`.
pub(super) fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

pub(super) fn param_name(before: &str, placeholder: &str, taken: &[String]) -> String {
    let first = placeholder.split('|').next().unwrap_or("").trim();
    let first = first.trim_start_matches(['-', '_']);
    let generic = first.is_empty() || first.eq_ignore_ascii_case("id");
    let mut name = if generic {
        // The segment before: `/users/` or `/users(` or `items(id='`.
        let seg = before
            .trim_end_matches(['/', '(', '\'', '='])
            .rsplit(['/', '('])
            .next()
            .unwrap_or("")
            .trim_end_matches("(id");
        let seg: String = seg.chars().filter(|c| c.is_alphanumeric()).collect();
        let singular = seg
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| seg.strip_suffix('s').map(str::to_string))
            .unwrap_or(seg);
        if singular.is_empty() {
            "id".to_string()
        } else {
            format!("{singular}Id")
        }
    } else {
        first.to_string()
    };
    let base = name.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// Where a parameter sits in a function call of a path (`range(address=
/// '{address}')`): the function's and the argument's names, lowercased,
/// and whether the parameter is written in quotes.
fn call_argument(segments: &[PathSegment], i: usize) -> Option<((String, String), bool)> {
    let before = match i.checked_sub(1).map(|j| &segments[j]) {
        Some(PathSegment::Literal { text }) => text,
        _ => return None,
    };
    let after = match segments.get(i + 1) {
        Some(PathSegment::Literal { text }) => text.as_str(),
        _ => "",
    };
    let quoted = before.ends_with('\'');
    // A quote on one side only is not an argument's spelling but a typo;
    // it is left as written.
    if quoted != after.starts_with('\'') {
        return None;
    }
    let call = before.trim_end_matches('\'').strip_suffix('=')?;
    // The text of the URL segment before the parameter, which a parameter
    // before it in the same call may cut: `f(a='{a}',b=` reads back to `,`.
    let (function, argument) = match call.rfind(['(', ',']) {
        Some(at) if call.as_bytes()[at] == b'(' => {
            let function = call[..at].rsplit('/').next().unwrap_or("");
            (function.to_string(), &call[at + 1..])
        }
        Some(at) => {
            // An argument after the first: the function is named by the
            // nearest literal that opens the call.
            let function = segments[..i - 1]
                .iter()
                .rev()
                .find_map(|s| match s {
                    PathSegment::Literal { text } => text.rfind('(').map(|o| &text[..o]),
                    PathSegment::Param { .. } => None,
                })?
                .rsplit('/')
                .next()
                .unwrap_or("");
            (function.to_string(), &call[at + 1..])
        }
        None => return None,
    };
    if function.is_empty() || argument.is_empty() {
        return None;
    }
    Some((
        (
            function.to_ascii_lowercase(),
            argument.trim().to_ascii_lowercase(),
        ),
        quoted,
    ))
}

impl Builder<'_> {
    /// A function's argument that one documented path writes in quotes
    /// (`range(address='{address}')`) and another without
    /// (`range(address={address})`) is a string, which OData writes in
    /// quotes: every path takes the quoted spelling, and each unquoted one
    /// is reported with the first quoted one. The path's text as written
    /// stays (`raw`); its shape was already the same (see
    /// [`PathTemplate::shape`]).
    pub(super) fn quote_string_arguments(&mut self) {
        let mut quoted: BTreeMap<(String, String), Location> = BTreeMap::new();
        for op in &self.model.operations {
            for path in &op.paths {
                for i in 0..path.segments.len() {
                    if let Some((key, true)) = call_argument(&path.segments, i) {
                        quoted.entry(key).or_insert_with(|| path.source.clone());
                    }
                }
            }
        }
        if quoted.is_empty() {
            return;
        }
        for op in &mut self.model.operations {
            for path in &mut op.paths {
                let mut segments = path.segments.clone();
                let mut changed = false;
                let mut i = 0;
                while i < segments.len() {
                    let Some((key, false)) = call_argument(&segments, i) else {
                        i += 1;
                        continue;
                    };
                    let Some(other) = quoted.get(&key) else {
                        i += 1;
                        continue;
                    };
                    if let PathSegment::Literal { text } = &mut segments[i - 1] {
                        text.push('\'');
                    }
                    match segments.get_mut(i + 1) {
                        Some(PathSegment::Literal { text }) => text.insert(0, '\''),
                        _ => segments.insert(
                            i + 1,
                            PathSegment::Literal {
                                text: "'".to_string(),
                            },
                        ),
                    }
                    self.diags.conflict(
                        Code::ArgumentQuotingDiffers,
                        &path.source,
                        other,
                        format!(
                            "`{}` writes the argument `{}` of `{}` without quotes, another page in quotes; it is a string, written in quotes",
                            path.raw, key.1, key.0
                        ),
                    );
                    changed = true;
                    i += 1;
                }
                if changed {
                    *path = PathTemplate::new(path.raw.clone(), segments, path.source.clone());
                }
            }
        }
    }
}
