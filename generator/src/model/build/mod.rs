//! Builds the model from typed pages, in explicit steps.
//!
//! 1. Declare: every resource and enum page declares its type, so that name
//!    resolution does not depend on the order pages are read in.
//! 2. Resource and enum pages: properties, relationships, base types, members.
//! 3. API pages: operations, request body tables, parameters, permissions.
//! 4. Examples: properties that only JSON examples show, and the examples
//!    themselves, attached to their operation.
//! 5. Finish: canonical spellings, kinds, samples for the round-trip tests.
//!
//! Stronger evidence wins (resource page > API table > mention > example);
//! every disagreement between two sources is reported with both locations.

use super::doc::Doc;
use super::infer;
use super::typeref::{parse_type_cell, CellSpec, CellType, Primitive};
use super::*;
use crate::diag::{Code, Diagnostics, Location};
use crate::parse::{
    for_each_link, links_of, plain_text_of, Annotation, Block, BlockKind, CodeBlock, HttpMessage,
    Inline, JsonError, Page, RequestLine, Table,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};

mod api;
mod api_read;
mod declare;
mod derived;
mod examples;
mod finish;
mod links;
mod objects;
mod pages;
mod paths;
mod properties;
mod reach;
mod request;
mod resolve;
mod resources;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
pub(crate) mod tests;
mod text;

use crate::config::Ahead;
use api_read::{
    ApiRead, BodySentence, BodyTable, ParameterRow, RequestRead, ResponseAnnotation, ResponseRead,
    ResponseSentence,
};
use derived::derived_named;
use links::missing_pages;
use pages::{page_area, page_description, PageInfo, PageKind};
use paths::*;
use properties::{member_rows, PropertyRows};
use resolve::TypeCell;
use resources::{json_blocks, ResourceRead};
use text::*;

pub const ROOT_NAMESPACE: &str = "microsoft.graph";

/// Lowercased paths of all pages: every link of every page is looked up
/// in it (foldhash, as in [`crate::model::TypeMap`]).
type FileSet = HashSet<String, foldhash::fast::FixedState>;

/// Builds the model. Diagnostics go to `diags`; the model is always complete
/// for what could be understood.
pub fn build(pages: &[Page], diags: &mut Diagnostics) -> Model {
    let files: FileSet = pages.iter().map(|p| p.file.to_ascii_lowercase()).collect();
    let folders: BTreeSet<String> = pages
        .iter()
        .map(|p| {
            let f = p.file.to_ascii_lowercase();
            f.rsplit_once('/')
                .map_or(String::new(), |(d, _)| d.to_string())
        })
        .collect();
    let mut b = Builder {
        diags,
        model: Model::default(),
        files: &files,
        resource_file_names: pages
            .iter()
            .map(|p| p.file.to_ascii_lowercase())
            .filter(|f| f.contains("resources"))
            .map(|f| f.rsplit('/').next().unwrap_or(&f).to_string())
            .collect(),
        folders: &folders,
        namespaces: BTreeMap::new(),
        declared: BTreeMap::new(),
        spellings: BTreeMap::new(),
        op_index: BTreeMap::new(),
        bare_paths: BTreeMap::new(),
        aliases: BTreeMap::new(),
        page_types: BTreeMap::new(),
        page_type_files: BTreeMap::new(),
        page_files: pages
            .iter()
            .map(|p| (p.file.to_ascii_lowercase(), p.file.clone()))
            .collect(),
        missing_links: BTreeSet::new(),
        inherited_claims: Vec::new(),
        derived_claims: Vec::new(),
        odata_checks: Vec::new(),
        unlisted_properties: Vec::new(),
        spelling_votes: BTreeMap::new(),
        linked_outside: BTreeSet::new(),
        own_pages: BTreeMap::new(),
        family_names: None,
    };
    let read = crate::config::par_map(pages, |p| {
        let mut diags = Diagnostics::default();
        (Builder::page_info(p, &mut diags), diags)
    });
    let mut infos = Vec::with_capacity(read.len());
    for (info, diags) in read {
        b.diags.extend(diags);
        b.namespaces
            .entry(info.namespace.to_ascii_lowercase())
            .or_insert_with(|| info.namespace.clone());
        infos.push(info);
    }
    infos.sort_by(|a, b| a.page.file.cmp(&b.page.file));
    let resource_infos: Vec<&PageInfo> = infos
        .iter()
        .filter(|i| matches!(i.kind, PageKind::Resource | PageKind::Enum))
        .collect();
    let api_infos: Vec<&PageInfo> = infos.iter().filter(|i| i.kind == PageKind::Api).collect();
    // What each page says on its own needs the page and the file list
    // alone, so it is read ahead: the other cores read while this one
    // merges, in the order the merge needs the reads (resource pages, API
    // pages, JSON blocks, then links). Each step takes what is left of its
    // reads.
    let resource_reads = Ahead::new(&resource_infos, |i| ResourceRead::new(i));
    // Each API page's request lines with the path of each, the method and
    // path shape of each line without a query string, whether the page
    // documents a shared pattern, and what the page says on its own
    // (`ApiRead`).
    let api_reads = Ahead::new(&api_infos, |i| {
        let lines = Builder::request_lines(i);
        let paths: Vec<PathTemplate> = lines
            .iter()
            .map(|l| parse_path(&l.target, i.at(l.line)))
            .collect();
        let bare: Vec<(String, Location)> = lines
            .iter()
            .zip(&paths)
            .filter(|(l, _)| !l.target.contains('?'))
            .map(|(l, path)| (format!("{} {}", l.method, path.shape()), i.at(l.line)))
            .collect();
        let pattern = Builder::is_pattern_page(&lines, &paths);
        let page = ApiRead::new(i, &lines);
        (
            lines.into_iter().zip(paths).collect::<Vec<_>>(),
            bare,
            pattern,
            page,
        )
    });
    let json_reads = Ahead::new(&infos, |i| json_blocks(i));
    let link_reads = Ahead::new(&infos, |i| missing_pages(&files, &folders, i));
    std::thread::scope(|s| {
        for _ in 1..crate::config::threads() {
            s.spawn(|| {
                resource_reads.help();
                api_reads.help();
                json_reads.help();
                link_reads.help();
            });
        }
        for info in &infos {
            let key = match info.kind {
                PageKind::Api => "apiPageType",
                PageKind::Resource => "resourcePageType",
                PageKind::Enum => "enumPageType",
                PageKind::Other => "other",
            };
            *b.model
                .pages_by_doc_type
                .entry(key.to_string())
                .or_default() += 1;
        }
        for info in &infos {
            b.count_unread(info);
        }
        for info in &infos {
            b.declare(info);
        }
        for (info, read) in resource_infos.iter().zip(resource_reads.results()) {
            b.resource_page(info, read);
        }
        b.own_pages_first();
        b.bases_named_by_base_pages();
        let mut api_pages = Vec::with_capacity(api_infos.len());
        for (info, (lines, bare, pattern, page)) in api_infos.iter().zip(api_reads.results()) {
            for (key, at) in bare {
                b.bare_paths
                    .entry(key)
                    .or_default()
                    .push((info.page.file.clone(), at));
            }
            api_pages.push((b.page_rank(info, pattern), *info, lines, page));
        }
        // Stable: path order within each rank.
        api_pages.sort_by_key(|(rank, _, _, _)| *rank);
        let mut pending_examples = Vec::new();
        for (rank, info, lines, page) in api_pages {
            pending_examples.extend(b.api_page(info, lines, rank, page));
        }
        for (info, blocks) in infos.iter().zip(json_reads.results()) {
            b.resource_json(info, blocks);
        }
        for (target, example, page_ns) in pending_examples {
            b.attach_pending(target, example, page_ns);
        }
        for (info, links) in infos.iter().zip(link_reads.results()) {
            for (target, line) in links {
                b.report_missing_page(info, target, line);
            }
        }
        b.finish();
    });
    b.model
}

struct Builder<'d> {
    diags: &'d mut Diagnostics,
    model: Model,
    /// Lowercased paths of all pages, to tell missing linked pages (every
    /// link of every page is looked up: a hash set).
    files: &'d FileSet,
    /// Lowercased folders that hold pages: links into them can be checked.
    folders: &'d BTreeSet<String>,
    /// Lowercased file names of pages in a `resources` folder.
    resource_file_names: BTreeSet<String>,
    /// Lowercased namespace to its spelling.
    namespaces: BTreeMap<String, String>,
    /// Lowercased type name to the namespaces that declare it on a page.
    declared: BTreeMap<String, BTreeSet<String>>,
    /// Type key to each spelling and the strongest evidence it came with.
    spellings: BTreeMap<String, BTreeMap<String, Evidence>>,
    /// Lowercased page path to the page's path as written.
    page_files: BTreeMap<String, String>,
    /// Lowercased page path to the type the page declares (its resource
    /// block's `@odata.type`, else its title), for links that name types.
    page_types: BTreeMap<String, QualifiedName>,
    /// The keys of `page_types` by file name (`user.md`), for links in a
    /// flat folder (see [`Builder::linked_type`]).
    page_type_files: BTreeMap<String, BTreeSet<String>>,
    /// Other spellings of a type (`@type.aka`), lowercased, to the type.
    aliases: BTreeMap<String, QualifiedName>,
    /// Method and path shape to the pages that list it without a query
    /// string, with where, in page order.
    bare_paths: BTreeMap<String, Vec<(String, Location)>>,
    /// Method and path shape to the operation's index.
    op_index: BTreeMap<String, usize>,
    /// (page, target) pairs already reported as missing.
    missing_links: BTreeSet<(String, String)>,
    /// "Inherited from x" claims: the type, x, and where.
    inherited_claims: Vec<(String, QualifiedName, Location)>,
    /// Types a base type's page lists as derived from it: the derived
    /// type, the base, and where.
    derived_claims: Vec<(String, QualifiedName, Location)>,
    /// Response examples' `@odata.type` to check against the declared type
    /// once base types are known: the value, declared type, where, page
    /// namespace.
    odata_checks: Vec<(String, QualifiedName, Location, String)>,
    /// Example properties no table listed when the example was read: the
    /// type, the property, where. Checked once base types are known.
    unlisted_properties: Vec<(String, String, Location)>,
    /// Properties whose table and JSON representation spell them with
    /// other case, by type key and lowercased name: the examples vote (see
    /// [`Builder::decide_spellings`]).
    spelling_votes: BTreeMap<String, BTreeMap<String, SpellingVote>>,
    /// Types linked to pages outside the docs folder: not unknown, only
    /// not at hand (an info says so at the link).
    linked_outside: BTreeSet<String>,
    /// Type key to the page named after the type (`resources/user.md` for
    /// `user`), which describes it first when several pages do.
    own_pages: BTreeMap<String, String>,
    /// Built when examples are read, once every table is: per type, the
    /// types derived from it, and the lowercased property names its tables
    /// and its base types' tables list.
    family_names: Option<FamilyNames>,
}

/// See [`Builder::family_names`].
struct FamilyNames {
    derived: BTreeMap<String, Vec<String>>,
    documented: BTreeMap<String, BTreeSet<String>>,
}

/// How many different collections the paths of one method must end in for
/// a page to document a shared pattern; see [`Builder::is_pattern_page`].
/// Specific pages reach three (`chartaxis-get.md`: category, series and
/// value axes); the pattern pages of v1.0 reach four to eleven.
const PATTERN_BREADTH: usize = 4;

/// An example pair waiting for all types to be known.
type PendingExample = (ExampleTarget, RawExample, String);

/// The operation an example belongs to: known when its page is read, or,
/// for an example of a query option another page's operation owns
/// (`GET /users?$expand=manager` on the manager page), the method and path
/// shape to look up once every page is read.
enum ExampleTarget {
    Operation(usize),
    /// The method and path shape, and the page's own operation with the
    /// method for when no page made an operation of that path (a page that
    /// lists it only in an example of a failure).
    Path(String, Option<usize>),
}

/// An example as found on a page, before placeholder handling.
/// A property spelled one way by its type's table and another by the
/// JSON representation, and how often examples spell it each way.
struct SpellingVote {
    table: String,
    table_at: Location,
    json: String,
    json_at: Location,
    examples: BTreeMap<String, usize>,
}

struct RawExample {
    name: Option<String>,
    /// The response shows a failure (`expectError`, or an error status):
    /// the example is not one of the success response.
    error: bool,
    /// The request is an example only when a response pairs with it: the
    /// page's `HTTP request` block, or a request the docs did not annotate.
    needs_response: bool,
    request: ExampleRequest,
    /// The request annotation's `scopes`: the scopes the call needs.
    scopes: Vec<String>,
    /// The response, its annotation's `@odata.type`, and the member that holds
    /// the collection when the annotation says it is one (`isCollection`,
    /// `collectionProperty`, `value` by default).
    response: Option<(ExampleResponse, Option<String>, Option<String>)>,
}
