//! The path-builder tree: all documented paths as one tree of named nodes.
//!
//! A node is a struct holding the client and the encoded path so far; a
//! literal segment is a method, a parameter segment is `by_id`, a
//! function-style segment (`getEmailActivityCounts(period='{period}')`) is
//! a method taking its parameters, and an operation at a node is a method
//! named after its HTTP verb. Each first segment gets a module of its own.
//! Operations are named before children at each node, so `get` and friends
//! keep their names.

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
            root: name_node(child, type_name, &mut scope),
        });
    }
    out
}

/// A node's methods, then its children's names, in the order the printer
/// writes them.
fn name_node(node: Node, type_name: String, scope: &mut names::Scope<()>) -> PathNode {
    let mut method_names: names::Scope<()> = names::Scope::new();
    let ops = node
        .ops
        .iter()
        .map(|(i, verb)| (*i, method_names.assign(verb, ()).name))
        .collect::<Vec<_>>();
    let mut named = Vec::new();
    for child in node.children.into_values() {
        let Some(pieces) = child.step.clone() else {
            continue;
        };
        let step = match pieces.as_slice() {
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
        };
        let natural = match &step {
            Step::Literal(text) => names::fn_name(text.trim_end_matches(':')),
            Step::Param => "by_id".to_string(),
            Step::Call(pieces) => {
                let prefix = pieces.iter().find_map(|p| match p {
                    Piece::Lit(t) => Some(t.split(['(', ':', '=']).next().unwrap_or(t).to_string()),
                    Piece::Param(_) => None,
                });
                names::fn_name(prefix.as_deref().unwrap_or("call"))
            }
        };
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
            node: name_node(child, child_type, scope),
        })
        .collect();
    PathNode {
        type_name,
        features: node.features,
        ops,
        children,
    }
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
