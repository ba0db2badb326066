//! Paths that examples reach an operation through.
//!
//! An operation is bound to the type its path addresses, and OData lets any
//! path that addresses that type reach it: `/me` and `/users/{id}` are both a
//! `user`, `/me/drive/root` and `/drives/{id}/items/{id}` both a `driveItem`.
//! Pages list some of these paths and their examples often use another
//! (`GET /me/ownedDevices` on a page that lists only
//! `/users/{id}/ownedDevices`). An example path that fits none of its
//! operation's paths, but ends like one of them after a prefix that
//! addresses the same type, is such a path: the operation gains it, with the
//! example as its source, and the run says which type both prefixes address.
//!
//! The type a path addresses comes from the docs only: the response of the
//! `GET` operation that documents the path, else the type of the navigation
//! property its last segment names (or the element type of the collection
//! before a key).

use super::*;
use std::collections::HashMap;

/// The first segment of a template, lowercased, when the template starts
/// with it as a literal (`users` of `/users/{id}`, `me` of `/me`); `None`
/// when it starts otherwise (with a parameter). A concrete path fits the
/// template only if its own first segment ([`first_segment`]) is this one:
/// literals match without regard to ASCII case.
fn template_start(p: &PathTemplate) -> Option<String> {
    let Some(PathSegment::Literal { text }) = p.segments.first() else {
        return None;
    };
    let rest = text.strip_prefix('/')?;
    match rest.split_once('/') {
        Some((first, _)) => Some(first.to_ascii_lowercase()),
        // A path of one literal (`/me`): its segment is the whole path, a
        // trailing slash aside.
        None if p.segments.len() == 1 => Some(rest.to_ascii_lowercase()),
        None => None,
    }
}

/// The first segment of a path, lowercased (see [`template_start`]).
fn first_segment(path: &str) -> Option<String> {
    path.strip_prefix('/')
        .map(|rest| rest.split('/').next().unwrap_or(rest).to_ascii_lowercase())
}

/// What a path addresses: one object of a type, or a collection of them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Addressed {
    key: String,
    collection: bool,
    /// The path holds a key value (`/teams/42`, `/names/add` read as a
    /// name): an example's value, which a reached path must not keep.
    keyed: bool,
}

/// Documented paths of `GET` operations, with what each returns.
type GetPaths<'m> = Vec<(&'m PathTemplate, Addressed)>;

/// The `GET` operations' documented paths by their number of `/`
/// separators (a parameter never holds a `/`, so a concrete path can only
/// fit a template with as many) and their first segment (see
/// [`template_start`]), with what each returns.
struct Addresses<'m> {
    model: &'m Model,
    by_depth: HashMap<(usize, Option<String>), GetPaths<'m>>,
    memo: HashMap<String, Option<Addressed>>,
}

impl<'m> Addresses<'m> {
    fn new(model: &'m Model) -> Self {
        let mut by_depth: HashMap<_, Vec<(&PathTemplate, Addressed)>> = HashMap::new();
        for op in &model.operations {
            if op.method != "GET" || op.facet.is_some() {
                continue;
            }
            let Some((TypeRef::Named(q), collection)) = op.response.body.parts() else {
                continue;
            };
            let addressed = Addressed {
                key: q.key(),
                collection,
                keyed: false,
            };
            for p in &op.paths {
                let depth = p.shape().matches('/').count();
                by_depth
                    .entry((depth, template_start(p)))
                    .or_default()
                    .push((p, addressed.clone()));
            }
        }
        Addresses {
            model,
            by_depth,
            memo: HashMap::new(),
        }
    }

    /// The type `path` (concrete, or a template whose parameters are
    /// written `{x}`) addresses, if the docs say.
    fn of(&mut self, path: &str) -> Option<Addressed> {
        if let Some(known) = self.memo.get(path) {
            return known.clone();
        }
        let found = self.documented(path).or_else(|| self.navigated(path));
        self.memo.insert(path.to_string(), found.clone());
        found
    }

    /// The response of the `GET` whose documented path `path` fits; when
    /// several fit, only if they agree.
    fn documented(&self, path: &str) -> Option<Addressed> {
        let depth = path.trim_end_matches('/').matches('/').count();
        let own = first_segment(path).and_then(|f| self.by_depth.get(&(depth, Some(f))));
        let open = self.by_depth.get(&(depth, None));
        // The documented order within each bucket is kept; the answer does
        // not depend on the order of the buckets, as only an agreement
        // counts.
        let mut found: Option<Addressed> = None;
        for (template, addressed) in own.into_iter().chain(open).flatten() {
            let Some(values) = template.match_path(path) else {
                continue;
            };
            let keyed = values.iter().any(|v| is_value(v));
            match &found {
                Some(f) if (&f.key, f.collection) != (&addressed.key, addressed.collection) => {
                    return None
                }
                // A path some template fits without values is not keyed.
                Some(f) if !f.keyed => {}
                _ => {
                    found = Some(Addressed {
                        keyed,
                        ..addressed.clone()
                    })
                }
            }
        }
        found
    }

    /// The navigation property the last segment names on the type its
    /// parent addresses, or an element of the collection the parent
    /// addresses.
    fn navigated(&mut self, path: &str) -> Option<Addressed> {
        let (parent, last) = path.trim_end_matches('/').rsplit_once('/')?;
        if parent.is_empty() || last.is_empty() {
            return None;
        }
        let owner = self.of(parent)?;
        if owner.collection {
            // A key: a parameter, or any value that is not a cast or a call.
            let is_key = !last.contains(['(', '.', '$']) || last.starts_with('{');
            return is_key.then_some(Addressed {
                key: owner.key,
                collection: false,
                keyed: owner.keyed || is_value(last),
            });
        }
        let ty = self.model.types.get(&owner.key)?;
        let property = self
            .model
            .all_properties(ty)
            .into_iter()
            .find(|p| p.wire_name.eq_ignore_ascii_case(last))?;
        let TypeRef::Named(q) = &property.ty else {
            return None;
        };
        Some(Addressed {
            key: q.key(),
            collection: property.collection,
            keyed: owner.keyed,
        })
    }
}

/// A documented path written with its parameters as `{x}`, split into the
/// URL's segments (the first is empty: the path starts with `/`).
fn template_segments(path: &PathTemplate) -> Vec<String> {
    let mut text = String::new();
    for s in &path.segments {
        match s {
            PathSegment::Literal { text: t } => text.push_str(t),
            PathSegment::Param { placeholder, .. } => {
                text.push('{');
                text.push_str(&placeholder.replace('/', " "));
                text.push('}');
            }
        }
    }
    text.trim_end_matches('/')
        .split('/')
        .map(str::to_string)
        .collect()
}

impl<'d> Builder<'d> {
    /// Gives each operation the paths its examples reach it through (see
    /// the module's documentation).
    pub(super) fn paths_examples_reach(&mut self) {
        let mut found: Vec<(usize, PathTemplate, String)> = Vec::new();
        {
            let listed = ListedPaths::new(&self.model.operations);
            let mut addresses = Addresses::new(&self.model);
            for (i, op) in self.model.operations.iter().enumerate() {
                for ex in &op.examples {
                    let path = ex.request.path.split('?').next().unwrap_or("");
                    let fits = |p: &PathTemplate| p.matches(path);
                    if op.paths.iter().any(fits) || found.iter().any(|(j, p, _)| *j == i && fits(p))
                    {
                        continue;
                    }
                    // Another operation with this method documents the path:
                    // the example is on the wrong page, not on another path.
                    if listed.candidates(op, path).any(fits) {
                        continue;
                    }
                    if let Some((template, why)) =
                        reached_path(&mut addresses, op, path, &ex.request.source)
                    {
                        found.push((i, template, why));
                    }
                }
            }
        }
        for (i, template, why) in found {
            let op = &self.model.operations[i];
            self.diags.related_info(
                Code::ExamplePathReached,
                &template.source,
                &op.sources[0],
                format!(
                    "the example's path `{}` is not listed; {why}, so the operation `{}` gains it",
                    template.raw, op.method
                ),
            );
            self.model.operations[i].paths.push(template);
        }
    }
}

/// An operation's method and facet, and a path's first segment (see
/// [`template_start`]).
type ListedKey<'m> = (&'m str, Option<&'m str>, Option<String>);

/// Every operation's paths by method, facet and the first segment of the
/// path, where the path starts with that segment as a literal: an example's
/// path fits only those of its own first segment, or a path that starts
/// otherwise (with a parameter), which all examples try.
struct ListedPaths<'m> {
    by_start: HashMap<ListedKey<'m>, Vec<&'m PathTemplate>>,
}

impl<'m> ListedPaths<'m> {
    fn new(operations: &'m [Operation]) -> Self {
        let mut by_start: HashMap<_, Vec<&PathTemplate>> = HashMap::new();
        for o in operations {
            for p in &o.paths {
                let start = template_start(p);
                by_start
                    .entry((o.method.as_str(), o.facet.as_deref(), start))
                    .or_default()
                    .push(p);
            }
        }
        ListedPaths { by_start }
    }

    /// The paths of operations with `op`'s method and facet that `path`
    /// may fit.
    fn candidates<'a>(
        &'a self,
        op: &'a Operation,
        path: &str,
    ) -> impl Iterator<Item = &'m PathTemplate> + 'a {
        let key = |start| (op.method.as_str(), op.facet.as_deref(), start);
        let own = first_segment(path).and_then(|f| self.by_start.get(&key(Some(f))));
        let open = self.by_start.get(&key(None));
        own.into_iter().chain(open).flatten().copied()
    }
}

/// The path an example path reaches `op` through: the example's prefix
/// followed by the longest documented suffix after a prefix that addresses
/// the same type, with the reason.
fn reached_path(
    addresses: &mut Addresses,
    op: &Operation,
    path: &str,
    source: &Location,
) -> Option<(PathTemplate, String)> {
    let concrete: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut best: Option<(usize, PathTemplate, String)> = None;
    for documented in &op.paths {
        let segments = template_segments(documented);
        // `k`: where the documented suffix starts; the longest suffix first.
        // The prefix keeps at least one real segment on both sides.
        for k in 2..=segments.len() {
            let suffix = &segments[k..];
            if best.as_ref().is_some_and(|(n, _, _)| *n >= suffix.len()) {
                break;
            }
            let Some(j) = concrete.len().checked_sub(suffix.len()) else {
                continue;
            };
            if j < 2 {
                continue;
            }
            let mut raw = concrete[..j].join("/");
            let mut calls = false;
            for (s, e) in suffix.iter().zip(&concrete[j..]) {
                raw.push('/');
                // A function the docs write without its arguments, or with
                // arguments the example leaves out: the example's form.
                if s != e
                    && call_name(s).eq_ignore_ascii_case(call_name(e))
                    && s.contains('(') != e.contains('(')
                {
                    raw.push_str(e);
                    calls = true;
                } else {
                    raw.push_str(s);
                }
            }
            let candidate = parse_path(&raw, source.clone());
            // A documented parameter never stands for a system segment
            // (`$value`, `$ref`, `$count`): those are other operations.
            if !candidate
                .match_path(path)
                .is_some_and(|values| values.iter().all(|v| !v.starts_with('$')))
            {
                continue;
            }
            let ours = concrete[..j].join("/");
            let theirs = segments[..k].join("/");
            let (Some(a), Some(b)) = (addresses.of(&ours), addresses.of(&theirs)) else {
                continue;
            };
            let same = !a.keyed
                && a.collection == b.collection
                && (a.key == b.key || addresses.model.is_ancestor(&a.key, &b.key));
            if !same {
                continue;
            }
            let name = addresses
                .model
                .types
                .get(&a.key)
                .map_or(a.key.clone(), |t| t.name.full());
            let what = if a.collection {
                format!("a collection of `{name}`")
            } else {
                format!("a `{name}`")
            };
            let mut why = Vec::new();
            if !ours.eq_ignore_ascii_case(&theirs) {
                why.push(format!(
                    "`{ours}` addresses {what}, as `{theirs}` of the documented `{}` does",
                    documented.raw
                ));
            }
            if calls {
                why.push(format!(
                    "it writes a function's arguments where the documented `{}` does not, or the reverse",
                    documented.raw
                ));
            }
            let why = why.join("; ");
            best = Some((suffix.len(), candidate, why));
        }
    }
    best.map(|(_, template, why)| (template, why))
}

/// A key the example writes as a value (`42`, `contoso.com`), not as a
/// placeholder (`{id}`) or a GUID, which a path reads as a parameter.
fn is_value(segment: &str) -> bool {
    !segment.starts_with('{') && !is_guid(segment)
}

/// The name of a function segment without its arguments
/// (`cell(row=5,column=6)` is `cell`).
fn call_name(segment: &str) -> &str {
    segment.split('(').next().unwrap_or(segment)
}
