//! The path-builder tree: all documented paths as one tree of named nodes.
//!
//! A node is a struct holding the client and the encoded path so far; a
//! literal segment is a method, a parameter segment is `by_id`, a
//! function-style segment (`getEmailActivityCounts(period='{period}')`) is
//! a method taking its parameters, and an operation at a node is a method
//! named after its HTTP verb. Each first segment gets a module of its own.
//! Operations are named before children at each node, so `get` and friends
//! keep their names. Names that the steps of one node share are told apart
//! by what each URL adds (see [`step_names`], [`op_names`]), not numbered.

use super::endpoints::EndpointFn;
use super::features::op_feature;
use crate::model::{Model, PathSegment};
use crate::names;
use std::collections::{BTreeMap, BTreeSet};

/// A piece of one URL segment.
#[derive(Hash, Debug, Clone)]
pub enum Piece {
    Lit(String),
    /// A parameter: its Rust name.
    Param(String),
}

/// How a node is reached from its parent.
#[derive(Hash, Debug, Clone)]
pub enum Step {
    /// A literal segment, as the URL spells it.
    Literal(String),
    /// A key segment: `by_id(id)`.
    Param,
    /// A function-style segment: literal text and named parameters.
    Call(Vec<Piece>),
}

/// The module of one first segment: `client.users()`.
#[derive(Hash, Debug)]
pub struct PathModule {
    /// The module's name, also the `Client` method's.
    pub module: String,
    /// The first segment, as the URL spells it.
    pub text: String,
    pub root: PathNode,
}

/// One node of the tree: a struct and its methods.
#[derive(Hash, Debug)]
pub struct PathNode {
    pub type_name: String,
    /// The features of the operations below it.
    pub features: BTreeSet<String>,
    /// Operations at this node: the index into the plan's endpoints and the
    /// method's name (`get`, `post`).
    pub ops: Vec<(usize, String)>,
    pub children: Vec<PathChild>,
}

impl PathNode {
    /// This node and every node below it, parent before children, in the
    /// children's order: the order the nodes' structs are printed in.
    pub fn preorder(&self) -> Vec<&PathNode> {
        let mut nodes = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            nodes.push(node);
            stack.extend(node.children.iter().rev().map(|c| &c.node));
        }
        nodes
    }

    /// What the node's own struct adds to its file: the struct, a method
    /// per operation and per child.
    pub fn weight(&self) -> usize {
        1 + self.ops.len() + self.children.len()
    }

    /// The node's methods and structs, with those below it.
    pub fn size(&self) -> usize {
        1 + self.ops.len()
            + self
                .children
                .iter()
                .map(|c| 1 + c.node.size())
                .sum::<usize>()
    }
}

/// The step from a node to a child and the child.
#[derive(Hash, Debug)]
pub struct PathChild {
    pub step: Step,
    /// The parent's method that takes the step.
    pub accessor: String,
    pub node: PathNode,
}

/// The tree before naming: children by a key that merges segments that
/// differ only in case.
#[derive(Default)]
struct Node {
    step: Option<Vec<RawPiece>>,
    children: BTreeMap<String, Node>,
    /// Endpoint indexes, with the operation's HTTP method in lower case.
    ops: Vec<(usize, String)>,
    features: BTreeSet<String>,
}

/// A piece before naming: a parameter keeps its wire-style name.
#[derive(Clone)]
enum RawPiece {
    Lit(String),
    Param(String),
}

/// Splits a path template into URL segments of pieces.
fn url_segments(segments: &[PathSegment]) -> Vec<Vec<RawPiece>> {
    let mut out: Vec<Vec<RawPiece>> = vec![Vec::new()];
    for seg in segments {
        match seg {
            PathSegment::Literal { text } => {
                for (i, part) in text.split('/').enumerate() {
                    if i > 0 {
                        out.push(Vec::new());
                    }
                    if !part.is_empty() {
                        out.last_mut()
                            .expect("never empty")
                            .push(RawPiece::Lit(part.to_string()));
                    }
                }
            }
            PathSegment::Param { name, .. } => out
                .last_mut()
                .expect("never empty")
                .push(RawPiece::Param(name.clone())),
        }
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// The key of a segment among its siblings.
fn key_of(pieces: &[RawPiece]) -> String {
    match pieces {
        [RawPiece::Lit(t)] => format!("L:{}", t.to_ascii_lowercase()),
        [RawPiece::Param(_)] => "P".to_string(),
        _ => {
            let key: String = pieces
                .iter()
                .map(|p| match p {
                    RawPiece::Lit(t) => t.to_ascii_lowercase(),
                    RawPiece::Param(_) => "{}".to_string(),
                })
                .collect();
            format!("C:{key}")
        }
    }
}

fn tree(model: &Model, endpoints: &[EndpointFn]) -> Node {
    let mut root = Node::default();
    for (i, f) in endpoints.iter().enumerate() {
        let op = &model.operations[f.op];
        let feature = op_feature(op);
        let mut node = &mut root;
        node.features.insert(feature.clone());
        for pieces in url_segments(&op.paths[f.path].segments) {
            node = node.children.entry(key_of(&pieces)).or_default();
            if node.step.is_none() {
                node.step = Some(pieces);
            }
            node.features.insert(feature.clone());
        }
        node.ops.push((i, op.method.to_ascii_lowercase()));
    }
    root
}

/// Names the tree: a module per first segment that is a literal, a struct
/// per node (unique within its module), a method per operation and child.
pub fn plan(model: &Model, endpoints: &[EndpointFn]) -> Vec<PathModule> {
    let root = tree(model, endpoints);
    let words = |i: usize| OpWords::of(model, &endpoints[i]);
    let mut modules: names::Scope<()> = names::Scope::new();
    // The names the client already has.
    for taken in ["root", "builder", "base_url", "execute"] {
        modules.reserve(taken, ());
    }
    let mut out = Vec::new();
    for child in root.children.into_values() {
        // A documented path starts with a literal segment; one that starts
        // with a parameter has no first segment to name a module after.
        let Some([RawPiece::Lit(text)]) = child.step.as_deref() else {
            continue;
        };
        let text = text.clone();
        let module = modules.assign(&names::module_name(&text), ()).name;
        let mut scope: names::Scope<()> = names::Scope::pascal();
        let accessor = names::fn_name(&text);
        let type_name = scope
            .assign(&names::type_name(names::unraw(&accessor)), ())
            .name;
        out.push(PathModule {
            module,
            text,
            root: name_node(child, type_name, &mut scope, &words),
        });
    }
    out
}

/// A node's methods, then its children's names, in the order the printer
/// writes them.
fn name_node(
    node: Node,
    type_name: String,
    scope: &mut names::Scope<()>,
    words: &dyn Fn(usize) -> OpWords,
) -> PathNode {
    let mut method_names: names::Scope<()> = names::Scope::new();
    let ops = op_names(&node.ops, words)
        .into_iter()
        .zip(&node.ops)
        .map(|(natural, (i, _))| (*i, method_names.assign(&natural, ()).name))
        .collect::<Vec<_>>();
    let mut steps = Vec::new();
    for child in node.children.into_values() {
        let Some(pieces) = child.step.clone() else {
            continue;
        };
        steps.push((step_of(&pieces), child));
    }
    let naturals = step_names(steps.iter().map(|(step, _)| step));
    let mut named = Vec::new();
    for ((step, child), natural) in steps.into_iter().zip(naturals) {
        let accessor = method_names.assign(&natural, ()).name;
        let suffix = match step {
            Step::Param => "Item".to_string(),
            _ => names::type_name(names::unraw(&accessor)),
        };
        let child_type = scope.assign(&format!("{type_name}{suffix}"), ()).name;
        named.push((step, accessor, child, child_type));
    }
    let children = named
        .into_iter()
        .map(|(step, accessor, child, child_type)| PathChild {
            step,
            accessor,
            node: name_node(child, child_type, scope, words),
        })
        .collect();
    PathNode {
        type_name,
        features: node.features,
        ops,
        children,
    }
}

/// A segment's step, its parameters named.
fn step_of(pieces: &[RawPiece]) -> Step {
    match pieces {
        [RawPiece::Lit(t)] => Step::Literal(t.clone()),
        [RawPiece::Param(_)] => Step::Param,
        _ => {
            let mut pscope: names::Scope<()> = names::Scope::new();
            Step::Call(
                pieces
                    .iter()
                    .map(|p| match p {
                        RawPiece::Lit(t) => Piece::Lit(t.clone()),
                        RawPiece::Param(n) => {
                            Piece::Param(pscope.assign(&names::field_name(n), ()).name)
                        }
                    })
                    .collect(),
            )
        }
    }
}

/// The natural method names of a node's children, in order.
///
/// A literal is named after its text and a key segment is `by_id`. A
/// function-style segment is named after its function
/// (`getEmailActivityCounts(period='{period}')` is
/// `get_email_activity_counts`); one with no function name, only a
/// parameter (`/items/{parent-id}:/...`, OData's path-based addressing), is
/// `by_` and its parameters, as a key segment is `by_id`.
///
/// Where several children of a node share a name, the name alone does not
/// tell them apart, and numbers (`range_2`) would tell a user nothing: each
/// is named by what the URL adds. A function's overloads are named by their
/// parameters (`range` and `range_with_address`, `get_email_activity_user_detail_with_date`
/// and `..._with_period`), the one without parameters keeping the bare
/// name; a literal that ends in `:` opens path-based addressing
/// (`root:/{path}:`) and is `root_by_path` beside `root`.
fn step_names<'s>(steps: impl Iterator<Item = &'s Step>) -> Vec<String> {
    let named: Vec<(String, Option<String>)> = steps
        .map(|step| match step {
            Step::Literal(text) => {
                let name = names::fn_name(text.trim_end_matches(':'));
                let by_path = text
                    .ends_with(':')
                    .then(|| format!("{}_by_path", names::unraw(&name)));
                (name, by_path)
            }
            Step::Param => ("by_id".to_string(), None),
            Step::Call(pieces) => {
                let params = call_parameters(pieces);
                let function = pieces.iter().find_map(|p| match p {
                    Piece::Lit(t) => Some(t.split(['(', ':', '=']).next().unwrap_or(t)),
                    Piece::Param(_) => None,
                });
                match function.filter(|f| !f.is_empty()) {
                    Some(f) => {
                        let name = names::fn_name(f);
                        let with = (!params.is_empty()).then(|| {
                            format!("{}_with_{}", names::unraw(&name), params.join("_and_"))
                        });
                        (name, with)
                    }
                    None if params.is_empty() => (names::fn_name("call"), None),
                    None => (format!("by_{}", params.join("_and_")), None),
                }
            }
        })
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, _) in &named {
        *count.entry(name.as_str()).or_default() += 1;
    }
    named
        .iter()
        .map(|(name, distinct)| match distinct {
            Some(distinct) if count[name.as_str()] > 1 => distinct.clone(),
            _ => name.clone(),
        })
        .collect()
}

/// The names of a function-style segment's parameters, as a method name
/// reads them: the function's own name for each (`period` in
/// `getEmailActivityCounts(period='{period_value}')`), else the
/// placeholder's (`{parent-id}:` has only that).
fn call_parameters(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let Piece::Param(rust) = p else {
                return None;
            };
            let before = match i.checked_sub(1).map(|b| &pieces[b]) {
                Some(Piece::Lit(t)) => t.as_str(),
                _ => "",
            };
            // The name before the last `=`; a typed value may stand between
            // it and the placeholder (`TimeZoneStandard=microsoft.graph.timeZoneStandard'{x}'`).
            let own = before.rsplit_once('=').and_then(|(b, value)| {
                if value.contains([',', '(', ')']) {
                    return None;
                }
                let start = b
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(0, |i| i + 1);
                Some(&b[start..])
            });
            Some(match own.filter(|o| !o.is_empty()) {
                Some(own) => names::unraw(&names::field_name(own)).to_string(),
                None => names::unraw(rust).to_string(),
            })
        })
        .collect()
}

/// The words that can tell an operation from another with its verb at one
/// node: those of its function's name, and the names of the query
/// parameters its path fixes (`/x?includeHidden=true`). Since a path's
/// shape ignores its query, one operation keeps no second path that differs
/// only by one, so the query's words name only what the function's words
/// leave the same.
struct OpWords {
    function: Vec<String>,
    query: Vec<String>,
}

impl OpWords {
    fn of(model: &Model, f: &EndpointFn) -> OpWords {
        let name = names::unraw(&f.impl_name);
        let raw = &model.operations[f.op].paths[f.path].raw;
        OpWords {
            function: names::split_words(name.strip_suffix("_at").unwrap_or(name)),
            query: raw
                .split_once('?')
                .map(|(_, q)| {
                    q.split('&')
                        .flat_map(|kv| names::split_words(kv.split('=').next().unwrap_or(kv)))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// The natural method names of a node's operations: the HTTP verb. Where
/// several operations share a verb (`POST .../messages` with a JSON body
/// and with a MIME one), the first keeps the verb and each other adds the
/// words of its function's name that the first's lacks (`post_plain_text`
/// beside `create_message_plain_text_at`), else the names of the query
/// parameters its path fixes; the scope numbers what is still the same.
fn op_names(ops: &[(usize, String)], words: &dyn Fn(usize) -> OpWords) -> Vec<String> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    ops.iter()
        .map(|(i, verb)| match first.get(verb.as_str()) {
            None => {
                first.insert(verb, *i);
                verb.clone()
            }
            Some(&f) => {
                // Found only here: most verbs are alone at their node.
                let (theirs, ours) = (words(f), words(*i));
                let extra = |ours: &[String], theirs: &[String]| -> Vec<String> {
                    ours.iter()
                        .filter(|w| !theirs.contains(w))
                        .cloned()
                        .collect()
                };
                let mut distinct = extra(&ours.function, &theirs.function);
                if distinct.is_empty() {
                    distinct = extra(&ours.query, &theirs.query);
                }
                if distinct.is_empty() {
                    verb.clone()
                } else {
                    format!("{verb}_{}", distinct.join("_"))
                }
            }
        })
        .collect()
}

/// The endpoints (indexes into the plan's) that some node of the tree holds.
pub fn reached(modules: &[PathModule]) -> BTreeSet<usize> {
    fn walk(node: &PathNode, out: &mut BTreeSet<usize>) {
        out.extend(node.ops.iter().map(|(i, _)| *i));
        for child in &node.children {
            walk(&child.node, out);
        }
    }
    let mut out = BTreeSet::new();
    for m in modules {
        walk(&m.root, &mut out);
    }
    out
}

/// The steps from the client to the operation of an endpoint: the module
/// (the `Client` method), each child's accessor and step, and the
/// operation's method name. `None` when no node holds the endpoint.
pub fn chain_to(modules: &[PathModule], endpoint: usize) -> Option<Chain<'_>> {
    chains(modules, &BTreeSet::from([endpoint])).remove(&endpoint)
}

/// The chain of each endpoint in `wanted` that the path builders reach:
/// the first in module order, then in a walk that looks at a node's methods
/// before its children, from one walk of the tree for all of them.
pub fn chains<'p>(
    modules: &'p [PathModule],
    wanted: &BTreeSet<usize>,
) -> BTreeMap<usize, Chain<'p>> {
    fn walk<'p>(
        module: &'p str,
        node: &'p PathNode,
        steps: &mut Vec<&'p PathChild>,
        wanted: &BTreeSet<usize>,
        out: &mut BTreeMap<usize, Chain<'p>>,
    ) {
        for (endpoint, verb) in &node.ops {
            if wanted.contains(endpoint) {
                out.entry(*endpoint).or_insert_with(|| Chain {
                    module,
                    steps: steps.clone(),
                    verb,
                });
            }
        }
        for child in &node.children {
            steps.push(child);
            walk(module, &child.node, steps, wanted, out);
            steps.pop();
        }
    }
    let mut out = BTreeMap::new();
    for m in modules {
        walk(&m.module, &m.root, &mut Vec::new(), wanted, &mut out);
    }
    out
}

/// The calls that reach an operation through the path builders.
#[derive(Debug)]
pub struct Chain<'p> {
    pub module: &'p str,
    pub steps: Vec<&'p PathChild>,
    pub verb: &'p str,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `chains` for all endpoints at once finds the chain it finds for each
    /// alone (`chain_to`), for every endpoint of the seeds and the fixtures
    /// (paths shared by several modules, casts, functions with parameters),
    /// and only for the endpoints wanted.
    #[test]
    fn chains_are_the_chains_chain_to_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut compared = 0;
        for docs in [
            "docs-input",
            "tests/fixtures/cursed/docs",
            "tests/fixtures/spec/docs",
            "tests/fixtures/minimal/docs",
        ] {
            let sources = crate::source::read_docs(&root.join(docs)).expect("the docs read");
            let mut diags = crate::diag::Diagnostics::default();
            let pages = crate::parse::parse_all(&sources, &mut diags);
            let model = crate::model::build::build(&pages, &mut diags);
            let plan = super::super::plan(&model, &crate::config::Options::default(), &mut diags);
            let all: BTreeSet<usize> = (0..plan.endpoints.len()).collect();
            let found = chains(&plan.paths, &all);
            for endpoint in all {
                let one = chain_to(&plan.paths, endpoint);
                let many = found.get(&endpoint);
                assert_eq!(
                    format!("{one:?}"),
                    format!("{many:?}"),
                    "{docs}: endpoint {endpoint}"
                );
                compared += usize::from(one.is_some());
            }
            let odd: BTreeSet<usize> = (0..plan.endpoints.len()).filter(|e| e % 2 == 1).collect();
            assert!(chains(&plan.paths, &odd).keys().all(|e| odd.contains(e)));
        }
        assert!(compared >= 10, "only {compared} chains compared");
    }

    /// Children of one node, as URL segments, and the methods that reach
    /// them: overloads named by their parameters, the one without keeping
    /// the bare name; path-based addressing beside the plain segment;
    /// segments with only a parameter named by it; numbers only where the
    /// URL tells nothing apart.
    #[test]
    fn children_are_named_by_what_their_url_adds() {
        let check = |segments: &[&str], expect: &[&str]| {
            let steps: Vec<Step> = segments
                .iter()
                .map(|text| {
                    // `{name}` is a parameter, the rest literal text.
                    let mut pieces = Vec::new();
                    for (i, part) in text.split(['{', '}']).enumerate() {
                        if i % 2 == 1 {
                            pieces.push(RawPiece::Param(part.to_string()));
                        } else if !part.is_empty() {
                            pieces.push(RawPiece::Lit(part.to_string()));
                        }
                    }
                    step_of(&pieces)
                })
                .collect();
            let mut scope: names::Scope<()> = names::Scope::new();
            let named: Vec<String> = step_names(steps.iter())
                .iter()
                .map(|n| scope.assign(n, ()).name)
                .collect();
            assert_eq!(named, expect, "{segments:?}");
        };
        check(
            &["getEmailActivityCounts(period='{period_value}')"],
            &["get_email_activity_counts"],
        );
        check(
            &[
                "getEmailActivityUserDetail(date={date_value})",
                "getEmailActivityUserDetail(period='{period_value}')",
            ],
            &[
                "get_email_activity_user_detail_with_date",
                "get_email_activity_user_detail_with_period",
            ],
        );
        check(
            &[
                "image",
                "image(width={width})",
                "image(width={width},height={height},fittingMode={fittingMode})",
            ],
            &[
                "image",
                "image_with_width",
                "image_with_width_and_height_and_fitting_mode",
            ],
        );
        check(
            &[
                "supportedTimeZones",
                "supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{format}')",
            ],
            &[
                "supported_time_zones",
                "supported_time_zones_with_time_zone_standard",
            ],
        );
        check(&["root", "root:"], &["root", "root_by_path"]);
        check(&["root:"], &["root"]);
        check(&["{parent-id}:", "{id}"], &["by_parent_id", "by_id"]);
        check(
            &["range(address='{address}')", "range(address={address})"],
            &["range_with_address", "range_with_address_2"],
        );
    }

    /// Operations of one verb at one node: the first keeps the verb, the
    /// others add what their function's name, else their query, adds.
    #[test]
    fn operations_of_one_verb_are_named_by_what_their_names_add() {
        let check = |ops: &[(&str, &str, &str)], expect: &[&str]| {
            let words: Vec<OpWords> = ops
                .iter()
                .map(|(_, function, path)| OpWords {
                    function: names::split_words(function),
                    query: path
                        .split_once('?')
                        .map(|(_, q)| names::split_words(q.split('=').next().unwrap_or(q)))
                        .unwrap_or_default(),
                })
                .collect();
            let ops: Vec<(usize, String)> = ops
                .iter()
                .enumerate()
                .map(|(i, (verb, _, _))| (i, verb.to_string()))
                .collect();
            let words = |i: usize| OpWords {
                function: words[i].function.clone(),
                query: words[i].query.clone(),
            };
            assert_eq!(op_names(&ops, &words), expect);
        };
        check(
            &[
                ("get", "list_messages", "/me/messages"),
                ("post", "create_message", "/me/messages"),
                ("post", "create_message_plain_text", "/me/messages"),
            ],
            &["get", "post", "post_plain_text"],
        );
        check(
            &[
                ("get", "list_mail_folders", "/me/mailFolders"),
                (
                    "get",
                    "list_mail_folders",
                    "/me/mailFolders/?includeHiddenFolders=true",
                ),
            ],
            &["get", "get_include_hidden_folders"],
        );
        check(
            &[
                ("delete", "delete_event", "/groups/{id}/events/{id}"),
                ("delete", "delete_event", "/groups/{id}/events/{id}/"),
            ],
            &["delete", "delete"],
        );
    }

    /// The same on a tree made by hand: an endpoint reached from two
    /// modules, one reached twice in one module (the walk's first wins: a
    /// node's methods before its children, children in order, so a deeper
    /// first child wins over a shallower second), and one reached from none.
    #[test]
    fn chains_take_the_first_module_and_the_first_in_the_walk() {
        let node = |ops: &[(usize, &str)], children: Vec<PathChild>| PathNode {
            type_name: String::new(),
            features: BTreeSet::new(),
            ops: ops.iter().map(|(e, v)| (*e, v.to_string())).collect(),
            children,
        };
        let child = |name: &str, node: PathNode| PathChild {
            step: Step::Literal(name.into()),
            accessor: name.into(),
            node,
        };
        let module = |name: &str, root: PathNode| PathModule {
            module: name.into(),
            text: name.into(),
            root,
        };
        let modules = vec![
            module(
                "a",
                node(
                    &[(0, "get")],
                    vec![
                        child(
                            "deep",
                            node(&[], vec![child("er", node(&[(1, "get")], vec![]))]),
                        ),
                        child("flat", node(&[(1, "post"), (2, "get")], vec![])),
                    ],
                ),
            ),
            module("b", node(&[(2, "patch"), (3, "get")], vec![])),
        ];
        let all: BTreeSet<usize> = (0..5).collect();
        let found = chains(&modules, &all);
        for endpoint in all {
            assert_eq!(
                format!("{:?}", chain_to(&modules, endpoint)),
                format!("{:?}", found.get(&endpoint)),
                "endpoint {endpoint}"
            );
        }
        let shown = |e: usize| {
            found.get(&e).map(|c| {
                let steps: Vec<&str> = c.steps.iter().map(|s| s.accessor.as_str()).collect();
                format!("{}.{}.{}", c.module, steps.join("."), c.verb)
            })
        };
        assert_eq!(shown(1).as_deref(), Some("a.deep.er.get"));
        assert_eq!(shown(2).as_deref(), Some("a.flat.get"));
        assert_eq!(shown(3).as_deref(), Some("b..get"));
        assert_eq!(shown(4), None);
    }
}
