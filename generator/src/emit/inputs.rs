//! What each file is printed from, hashed, so a run whose docs changed in
//! a few pages builds no tokens for a file whose inputs are the last run's.
//!
//! A printer reads two kinds of input: the items its file is about (the
//! types of a module, the operations of an area, a path-builder module, the
//! tests of an area) with everything they print (descriptions, sources,
//! examples), and lookups into the rest of the crate (the Rust path of a
//! referenced type, its `...Any` enum, its kind, feature gates). The
//! lookups all go to tables this module hashes whole, once per run (the
//! *context*): each type's Rust module and name, the `...Any` enums,
//! features and listed types, and each model type's name, kind and base. A
//! file's hash is the context's and its own items', each item hashed whole
//! with the items it reaches (a type with its plan names: fields, variants,
//! filter constants, which only its own file prints; a struct's base types,
//! whose properties it repeats; the operation behind each endpoint, path
//! method and test). An edit to a description, or a property added to a
//! type, reaches the files that print it; an edit that renames or retypes
//! anything changes the context, and every file is built again (and
//! formatted only where its tokens changed, see `reuse`).
//!
//! Files whose printers read more than this (the crate root, the module
//! lists, the example programs) get no inputs hash and are always built;
//! they are small. The test `unchanged_inputs_mean_unchanged_tokens`
//! changes every page of the fixtures and checks that no file whose inputs
//! hash stayed the same printed other tokens.

use super::Job;
use crate::config::par_map;
use crate::model::TypeDef;
use crate::plan::paths::{PathChild, PathNode};
use crate::plan::{Plan, TypeNames};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// A `Hasher` that feeds BLAKE3 in blocks: derived `Hash` impls write a
/// field at a time (and `Display`, for `reuse::tokens_hash`, a token at a
/// time), and the hash is fastest on long inputs.
pub(super) struct Feed {
    hasher: blake3::Hasher,
    block: Vec<u8>,
}

impl Feed {
    pub(super) fn new() -> Self {
        Feed {
            hasher: blake3::Hasher::new(),
            block: Vec::with_capacity(1 << 16),
        }
    }

    fn digest(mut self) -> blake3::Hash {
        self.hasher.update(&self.block);
        self.hasher.finalize()
    }

    pub(super) fn hex(self) -> String {
        self.digest().to_hex().to_string()
    }

    fn of(value: impl Hash) -> blake3::Hash {
        let mut h = Feed::new();
        value.hash(&mut h);
        h.digest()
    }
}

impl Hasher for Feed {
    fn write(&mut self, bytes: &[u8]) {
        if self.block.len() + bytes.len() > self.block.capacity() {
            self.hasher.update(&self.block);
            self.block.clear();
        }
        if bytes.len() > self.block.capacity() {
            self.hasher.update(bytes);
        } else {
            self.block.extend_from_slice(bytes);
        }
    }

    /// Not used: the hash is [`Feed::hex`], 256 bits.
    fn finish(&self) -> u64 {
        0
    }
}

impl std::fmt::Write for Feed {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.write(s.as_bytes());
        Ok(())
    }
}

/// The hashes every file's is made from, computed once per run, on all
/// cores: an item printed in several files (an operation in its area's
/// endpoints, its path builders and its tests; a base type in every
/// derived struct) is hashed once.
pub struct Context<'m> {
    /// The lookup tables every printer may read (see the module doc).
    tables: blake3::Hash,
    /// The whole path-builder tree, which a test's builder chain is found
    /// in.
    paths: blake3::Hash,
    /// Each type, whole, by key.
    types: BTreeMap<&'m str, blake3::Hash>,
    /// Each operation, whole, in model order.
    operations: Vec<blake3::Hash>,
}

/// Hashes the context of a plan's files.
pub fn context<'m>(plan: &Plan<'m>) -> Context<'m> {
    let Plan {
        model,
        crate_name,
        crate_ident,
        format,
        types,
        any_types,
        features,
        listed,
        paths,
        // The items of files: hashed with the files that print them.
        endpoints: _,
        tests: _,
        counts: _,
    } = plan;
    let model: &'m crate::model::Model = model;
    let mut h = Feed::new();
    (crate_name, crate_ident, format).hash(&mut h);
    // Of a type's names, other files read its module and name only: its
    // field, variant and filter names are printed with the type alone, so
    // they are in its own hash, and a property added to one type changes
    // the files that print it, not every file.
    for (key, names) in types {
        let TypeNames {
            module,
            name,
            fields: _,
            variants: _,
            filter_consts: _,
        } = names;
        (key, module, name).hash(&mut h);
    }
    (any_types, features, listed).hash(&mut h);
    for (key, ty) in &model.types {
        (key, &ty.name, ty.kind, &ty.base).hash(&mut h);
    }
    let all: Vec<(&'m String, &'m TypeDef)> = model.types.iter().collect();
    Context {
        tables: h.digest(),
        paths: Feed::of(paths),
        types: par_map(&all, |(key, ty)| {
            (key.as_str(), Feed::of((ty, types.get(key.as_str()))))
        })
        .into_iter()
        .collect(),
        operations: par_map(&model.operations, Feed::of),
    }
}

/// The inputs hash of a job's one file, or `None` for a job that is always
/// built.
pub fn of_job(plan: &Plan, context: &Context, job: &Job) -> Option<String> {
    let mut h = Feed::new();
    let tables = context.tables.as_bytes();
    let operation = |i: usize| context.operations[i].as_bytes();
    match job {
        Job::Namespace {
            path,
            ns,
            types,
            children,
            parts,
        } => {
            (tables, path, ns, children, parts).hash(&mut h);
            hash_types(plan, context, types, &mut h);
        }
        Job::Part { path, types } => {
            (tables, path).hash(&mut h);
            hash_types(plan, context, types, &mut h);
        }
        Job::Endpoints {
            path,
            module,
            endpoints,
            parts,
            part,
        } => {
            (tables, path, module, parts, part).hash(&mut h);
            for f in endpoints.iter().map(|&i| &plan.endpoints[i]) {
                (f, operation(f.op)).hash(&mut h);
            }
        }
        Job::PathModule {
            path,
            index,
            nodes,
            parts,
            part,
        } => {
            let module = &plan.paths[*index];
            let root = &module.root.type_name;
            (
                tables,
                path,
                &module.module,
                &module.text,
                root,
                parts,
                part,
            )
                .hash(&mut h);
            for node in nodes {
                hash_node(plan, context, node, &mut h);
            }
        }
        Job::Tests { area: Some(area) } => {
            // A test's builder chain is found in the whole path tree.
            (tables, area, context.paths.as_bytes()).hash(&mut h);
            for t in &plan.tests {
                let f = &plan.endpoints[t.endpoint];
                if &f.module == area {
                    (t, f, operation(t.op)).hash(&mut h);
                }
            }
        }
        // The runtime's sources are the file's only input.
        Job::Runtime { module, source } => (module, source).hash(&mut h),
        Job::EndpointsMod { .. }
        | Job::Lib { .. }
        | Job::Tests { area: None }
        | Job::Example
        | Job::PathsMod => return None,
    }
    Some(h.hex())
}

/// Each type whole, with its base types, whose properties its struct
/// repeats.
fn hash_types(plan: &Plan, context: &Context, types: &[&TypeDef], h: &mut Feed) {
    for ty in types {
        for t in plan.model.base_chain(ty) {
            context.types.get(t.name.key().as_str()).hash(h);
        }
    }
}

/// What a path-builder node's struct is printed from: its own fields, the
/// endpoint and operation behind each of its methods, and each child's
/// step, accessor, struct name and features (not the child's own methods,
/// which its own struct prints).
fn hash_node(plan: &Plan, context: &Context, node: &PathNode, h: &mut Feed) {
    let PathNode {
        type_name,
        features,
        ops,
        children,
    } = node;
    (type_name, features, ops).hash(h);
    for (i, _) in ops {
        let f = &plan.endpoints[*i];
        (f, context.operations[f.op].as_bytes()).hash(h);
    }
    for child in children {
        let PathChild {
            step,
            accessor,
            node,
        } = child;
        (step, accessor, &node.type_name, &node.features).hash(h);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Options, Timings};
    use crate::diag::Diagnostics;
    use crate::source::SourceFile;
    use std::collections::BTreeMap;

    /// Each Rust file's (inputs hash, tokens hash) after a full run.
    fn hashes(sources: &[SourceFile], options: &Options) -> BTreeMap<String, (String, String)> {
        let mut diags = Diagnostics::default();
        let expanded = crate::expand::expand(sources, &options.tags);
        let pages = crate::parse::parse_all(expanded.as_deref().unwrap_or(sources), &mut diags);
        let model = crate::model::build::build(&pages, &mut diags);
        let plan = crate::plan::plan(&model, options, &mut diags);
        let emitted = super::super::emit(&plan, &Default::default(), &mut Timings::default());
        emitted
            .inputs
            .into_iter()
            .filter_map(|(path, inputs)| {
                let tokens = emitted.tokens.get(&path)?.clone();
                Some((path, (inputs, tokens)))
            })
            .collect()
    }

    /// Changes every line of the pages `edit` picks in turn and checks
    /// that each file whose inputs hash stayed the same printed the same
    /// tokens (else a later run would take it from the last run, stale).
    /// Returns how many files kept their inputs and how many did not.
    fn check_edits(
        sources: &[SourceFile],
        options: &Options,
        edit: impl Fn(&SourceFile) -> bool,
    ) -> (usize, usize) {
        let before = hashes(sources, options);
        let (mut kept, mut rebuilt) = (0, 0);
        for (page, source) in sources.iter().enumerate().filter(|(_, s)| edit(s)) {
            for line in 0..source.text.lines().count() {
                let mut edited = sources.to_vec();
                edited[page].text = crate::bench::edit_line(&source.text, line);
                for (path, (inputs, tokens)) in hashes(&edited, options) {
                    let Some((old_inputs, old_tokens)) = before.get(&path) else {
                        continue;
                    };
                    if *old_inputs != inputs {
                        rebuilt += 1;
                        continue;
                    }
                    kept += 1;
                    assert_eq!(
                        *old_tokens,
                        tokens,
                        "{path}: same inputs, other tokens after changing line {} of {}",
                        line + 1,
                        source.rel
                    );
                }
            }
        }
        (kept, rebuilt)
    }

    /// The inputs hash of a file covers everything its printer reads,
    /// checked by changing every line of every page of the fixtures.
    #[test]
    fn unchanged_inputs_mean_unchanged_tokens() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (mut kept, mut rebuilt) = (0, 0);
        for (docs, crate_name) in [
            ("tests/fixtures/cursed/docs", "cursed-api"),
            ("tests/fixtures/spec/docs", "spec-api"),
            ("tests/fixtures/minimal/docs", "minimal-api"),
        ] {
            let options = Options {
                crate_name: crate_name.into(),
                ..Options::default()
            };
            let sources = crate::source::read_docs(&root.join(docs)).expect("the fixture reads");
            let (k, r) = check_edits(&sources, &options, |_| true);
            kept += k;
            rebuilt += r;
        }
        // Both outcomes happen: the test is not vacuous either way.
        assert!(
            kept > 1000 && rebuilt > 100,
            "{kept} kept, {rebuilt} rebuilt"
        );
    }

    /// A docs folder whose types fill several files: 90 types in the root
    /// namespace (split into parts by initial), each of the last 80
    /// derived from one of the first ten and holding one of another, three
    /// more in a second namespace derived from the root's, and a `GET`
    /// page per base type with an example.
    fn many_files() -> Vec<SourceFile> {
        const WORDS: [&str; 10] = [
            "apple", "banana", "cherry", "date", "elder", "fig", "grape", "hazel", "iris",
            "juniper",
        ];
        let name = |i: usize| format!("{}Item{i}", WORDS[i % 10]);
        let page = |rel: String, text: String| SourceFile::from_bytes(rel, text.into_bytes());
        let resource = |ns: &str, ty: &str, base: Option<String>, link: String| {
            let inherits = base
                .map(|b| format!("Inherits from [{b}]({b}.md).\n\n"))
                .unwrap_or_default();
            format!(
                "# {ty} resource type\n\nNamespace: {ns}\n\nA {ty}.\n\n{inherits}## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n\
                 | id | String | The {ty}'s id. |\n| {ty}Label | String | The {ty}'s label. |\n\
                 | {ty}Link | [{link}]({link}.md) | The {link} it points to. |\n\n\
                 ## JSON representation\n\n\
                 <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{ns}.{ty}\" }} -->\n\
                 ```json\n{{ \"id\": \"String\", \"{ty}Label\": \"String\" }}\n```\n"
            )
        };
        let mut pages = Vec::new();
        for i in 0..90 {
            let base = (i >= 10).then(|| name(i % 10));
            pages.push(page(
                format!("resources/{}.md", name(i).to_ascii_lowercase()),
                resource("microsoft.graph", &name(i), base, name((i + 7) % 90)),
            ));
        }
        for i in 0..3 {
            let ty = format!("kiwiPart{i}");
            pages.push(page(
                format!("resources/{}.md", ty.to_ascii_lowercase()),
                resource("microsoft.graph.orchard", &ty, Some(name(i)), name(i + 1)),
            ));
        }
        for (i, word) in WORDS.iter().enumerate() {
            let ty = name(i);
            let path = format!("{word}s");
            pages.push(page(
                format!("api/{}-get.md", ty.to_ascii_lowercase()),
                format!(
                    "# Get {ty}\n\nRead a {ty}.\n\n## HTTP request\n\n\
                     <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /{path}/{{id}}\n```\n\n\
                     ## Response\n\nIf successful, this method returns a `200 OK` response code and a [{ty}](../resources/{lower}.md) object in the response body.\n\n\
                     ## Example\n\n### Request\n\n\
                     <!-- {{ \"blockType\": \"request\", \"name\": \"get_{ty}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/{path}/42\n```\n\n\
                     ### Response\n\n\
                     <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{ty}\" }} -->\n\
                     ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{ \"id\": \"42\", \"{ty}Label\": \"a\" }}\n```\n",
                    lower = ty.to_ascii_lowercase()
                ),
            ));
        }
        pages
    }

    /// A type's plan names (its fields here) are in the hash of the files
    /// that print it, and only theirs: a field renamed in the plan changes
    /// those files' inputs and leaves the rest (a property added to one
    /// type does not rebuild every file's tokens). The edits above change
    /// names only with the model type, so they cannot tell this apart.
    #[test]
    fn a_types_plan_names_reach_only_the_files_that_print_it() {
        let sources = many_files();
        let options = Options::default();
        let mut diags = Diagnostics::default();
        let pages = crate::parse::parse_all(&sources, &mut diags);
        let model = crate::model::build::build(&pages, &mut diags);
        let mut plan = crate::plan::plan(&model, &options, &mut diags);
        let inputs = |plan: &crate::plan::Plan| -> BTreeMap<String, Option<String>> {
            let context = super::context(plan);
            super::super::jobs(plan)
                .iter()
                .filter_map(|job| Some((job.path()?, super::of_job(plan, &context, job))))
                .collect()
        };
        let before = inputs(&plan);
        let names = plan
            .types
            .values_mut()
            .find(|n| !n.fields.is_empty())
            .expect("a struct");
        names.fields[0].push_str("_renamed");
        let module = names.module.join("/");
        let after = inputs(&plan);
        let changed: Vec<&String> = after
            .iter()
            .filter(|(path, hash)| before.get(*path) != Some(*hash))
            .map(|(path, _)| path)
            .collect();
        assert!(!changed.is_empty(), "no file saw the renamed field");
        assert!(
            changed.len() < before.len() / 2,
            "{} of {} files changed: {changed:?}",
            changed.len(),
            before.len()
        );
        assert!(
            changed
                .iter()
                .all(|p| p.starts_with(&format!("src/{module}"))),
            "{changed:?}"
        );
    }

    /// As above, on a folder where a struct repeats base properties from
    /// another file and another namespace: every line of two base types'
    /// pages, a derived type's, a second namespace's and a `GET` page.
    #[test]
    fn unchanged_inputs_mean_unchanged_tokens_across_files() {
        let sources = many_files();
        let options = Options::default();
        let files = hashes(&sources, &options);
        let parts = files.keys().filter(|p| p.contains("/types_")).count();
        assert!(parts >= 10, "{parts} part files: {:?}", files.keys());
        let picked = [
            "resources/appleitem0.md",
            "resources/cherryitem2.md",
            "resources/dateitem13.md",
            "resources/kiwipart1.md",
            "api/appleitem0-get.md",
        ];
        let (kept, rebuilt) = check_edits(&sources, &options, |s| picked.contains(&s.rel.as_str()));
        assert!(
            kept > 1000 && rebuilt > 100,
            "{kept} kept, {rebuilt} rebuilt"
        );
    }
}
