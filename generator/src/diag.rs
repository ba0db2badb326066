//! Diagnostics: what the generator has to say about the docs it read.
//!
//! Every diagnostic has a stable code ([`Code`]), names where in the docs it
//! comes from (file, line and, where known, column) and says whose problem it
//! is: the docs (wrong or contradictory), the generator (a construct it does
//! not support yet), or the generator itself (a bug). A second location is
//! kept for conflicts, so both sources are reported. Rendering for people and
//! tools lives in [`crate::report`].

use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is. Only `Error` makes the run fail, unless the
/// user asks for `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whose problem a diagnostic describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The docs are wrong, incomplete or contradict themselves.
    Docs,
    /// The docs use a construct the generator does not understand (yet).
    Unsupported,
    /// The generator reached a state it should never reach.
    GeneratorBug,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Docs => "docs",
            Origin::Unsupported => "unsupported",
            Origin::GeneratorBug => "generator bug",
        }
    }
}

/// Declares the diagnostic codes: the variant, its stable id, its name (the
/// key counted in the coverage summary) and the help line shown under it.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $help:expr;)*) => {
        /// Every kind of diagnostic the generator reports. Ids never change
        /// meaning; new kinds get new ids.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// All codes, in id order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable id, such as `D110`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// The readable name, such as `invalid-json`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// What to do about it, where one thing is known to help.
            pub fn help(self) -> Option<&'static str> {
                match self { $(Code::$variant => $help,)* }
            }
        }
    };
}

codes! {
    // Reading and parsing pages (D0xx).
    /// A page holds bytes that are not UTF-8.
    NotUtf8 = "D001", "not-utf8",
        Some("save the page as UTF-8; the invalid bytes were read as U+FFFD");
    /// A `.md` file that holds binary data.
    BinaryFile = "D002", "binary-file",
        Some("the file holds NUL bytes and is not a markdown page; remove or rename it");
    /// A page larger than the generator reads.
    PageTooLarge = "D003", "page-too-large",
        Some("split the page; pages larger than 16 MiB are not read");
    /// An HTML comment that starts like an annotation but is not a JSON object.
    AnnotationNotJson = "D004", "annotation-not-json",
        Some("annotations are one JSON object: <!-- { \"blockType\": \"request\", \"name\": \"x\" } -->");
    /// Front matter without its closing `---`.
    FrontMatterUnclosed = "D005", "front-matter-unclosed",
        Some("end the front matter with a line holding only `---`");
    /// A code fence that is never closed, so the rest of the page is code.
    UnterminatedFence = "D006", "unterminated-fence",
        Some("close the code block with the same fence it opened with");
    /// A table row with more or fewer cells than the header.
    RaggedTable = "D007", "ragged-table",
        Some("give every row as many `|` cells as the header row");
    /// An `http` block whose first line is neither a request nor a status line.
    HttpUnparsable = "D008", "http-unparsable",
        Some("an http block starts with `METHOD /path` or `HTTP/1.1 STATUS Reason`");

    /// A `[TAGS=...]` section with no `[END]`.
    TagsUnclosed = "D009", "tags-unclosed",
        Some("end the section with a line holding only `[END]`");
    /// An `[INCLUDE [name](path)]` that names no file, or makes a cycle.
    IncludeNotRead = "D010", "include-not-read",
        Some("an include path is relative to the page, or to the docs root when it starts with `/`");

    /// A folder link that leads back to a folder already read.
    SymlinkLoop = "D011", "symlink-loop",
        Some("remove the link, or point it at a folder outside the docs folder");

    // Building the model (D1xx).
    /// A page without a `Namespace:` line.
    NoNamespace = "D101", "no-namespace",
        Some("add a `Namespace: microsoft.graph` line under the title");
    /// A TODO placeholder where content belongs.
    TodoPlaceholder = "D102", "todo-placeholder",
        Some("replace the TODO with the real text");
    /// A link to a page that is not in the docs folder.
    LinkedPageMissing = "D103", "linked-page-missing",
        Some("fix the link, or add the page it points to");
    /// A type name that no page defines and no link explains.
    UnknownType = "D104", "unknown-type",
        Some("link the type to its page, e.g. [user](user.md), or fix its spelling");
    /// A type cell that does not name one type.
    TypeCellNotUnderstood = "D105", "type-cell-not-understood",
        Some("write one type per cell, such as `String`, `[user](user.md)` or `String collection`");
    /// A property given different types on different pages.
    PropertyTypeConflict = "D106", "property-type-conflict", None;
    /// An example value whose type differs from the property table.
    ExampleTypeDiffers = "D107", "example-type-differs", None;
    /// A resource page that names no type.
    ResourcePageWithoutType = "D108", "resource-page-without-type",
        Some("annotate the JSON representation with \"@odata.type\": \"microsoft.graph.x\"");
    /// A type that is an enum on one page and a structure on another.
    EnumKindConflict = "D109", "enum-kind-conflict", None;
    /// A JSON block that does not parse.
    InvalidJson = "D110", "invalid-json",
        Some("examples may elide values only inside strings; `...` is not JSON");
    /// An API page with no request line.
    ApiPageWithoutPaths = "D111", "api-page-without-paths",
        Some("list the request under `## HTTP request` as `METHOD /path` in an http block");
    /// One operation documented on several pages.
    OperationOnSeveralPages = "D112", "operation-on-several-pages", None;
    /// An example whose method the page's `## HTTP request` does not list.
    ExampleMethodUnmatched = "D113", "example-method-unmatched", None;
    /// A response example with no request example before it.
    ResponseWithoutRequest = "D114", "response-without-request",
        Some("put the request example, annotated \"blockType\": \"request\", before the response");
    /// An example annotated request or response that is not HTTP.
    ExampleNotHttp = "D115", "example-not-http",
        Some("annotate only http blocks with \"blockType\": \"request\" or \"response\"");
    /// Request bodies of sibling types widened to their common base.
    RequestBodyWidened = "D116", "request-body-widened", None;
    /// An example property spelt with other case than the table.
    ExamplePropertyCase = "D117", "example-property-case", None;
    /// One type name spelt several ways.
    TypeSpellings = "D118", "type-spellings", None;
    /// A base type chain that loops.
    InheritanceCycle = "D119", "inheritance-cycle", None;
    /// A type given different base types on different pages.
    BaseTypeConflict = "D120", "base-type-conflict", None;
    /// An enum whose values are never listed.
    EnumWithoutMembers = "D121", "enum-without-members",
        Some("add a `### x values` table with Member, Value and Description columns");
    /// A response example whose `@odata.type` is not the declared response type.
    ExampleOdataTypeMismatch = "D122", "example-odata-type-mismatch",
        Some("the example's \"@odata.type\" should name the response type or a type derived from it");
    /// An example property that the type's tables do not list.
    ExamplePropertyUnknown = "D123", "example-property-unknown",
        Some("add the property to the type's table, or fix its name in the example");
    /// An example object of a base type that shows properties only one
    /// derived type documents: it is read as that type.
    ExampleReadAsDerived = "D124", "example-read-as-derived",
        Some("add \"@odata.type\": \"#microsoft.graph.x\" to the example object");
    /// The Response section's prose and the response example's annotation
    /// name different types.
    ResponseEvidenceDisagrees = "D125", "response-evidence-disagrees",
        Some("make the sentence under `## Response` and the response annotation's \"@odata.type\" name the same type");

    /// A link whose text names another type than the page it links to
    /// declares.
    LinkTextNamesOtherType = "D127", "link-text-names-other-type",
        Some("make the link text the type's name, as its page declares it");
    /// An example whose response shows a failure.
    ExampleShowsError = "D126", "example-shows-error", None;
    /// A request annotation's `scopes` that the permissions table does not
    /// list.
    ScopesUnlisted = "D128", "scopes-unlisted",
        Some("list every scope the annotation's \"scopes\" names in the permissions table");
    /// A create whose table was read as parameters, whose example sends an
    /// object of the created type.
    CreateSendsObject = "D129", "create-sends-object", None;
    /// An example annotated as a request that holds a response, or the
    /// reverse: it is read as what it holds.
    ExampleAnnotationDisagrees = "D130", "example-annotation-disagrees",
        Some("make the annotation's \"blockType\" say what the block holds");
    /// A resource's table and JSON representation spell a property with
    /// other case: the JSON's spelling is the wire name.
    PropertySpelling = "D131", "property-spelling",
        Some("spell the property in the table as the JSON representation does");
    /// A page whose `doc_type` disagrees with what it holds.
    PageKindFromContent = "D132", "page-kind-from-content",
        Some("set the front matter's `doc_type` to what the page documents");
    /// A function's argument written in quotes on one path and without on
    /// another: the quoted spelling is used.
    ArgumentQuotingDiffers = "D133", "argument-quoting-differs",
        Some("write a string argument in quotes, `name='{name}'`, as the other pages do");
    /// A request line with a query string whose path another page lists
    /// bare: it is that page's operation with a query, left to it.
    QueryOfAnotherOperation = "D134", "query-of-another-operation", None;

    // Emitting code and example tests (D2xx).
    /// An example path that fits no documented path.
    ExamplePathUnmatched = "D201", "example-path-unmatched", None;
    /// An example body that does not fit its declared type.
    ExampleBodyMismatch = "D202", "example-body-mismatch", None;
    /// An example request without the body its operation takes.
    ExampleWithoutBody = "D203", "example-without-body", None;
    /// A query option written without a value.
    ExampleQueryMalformed = "D204", "example-query-malformed",
        Some("write query options as `$name=value`");
    /// A `204 No Content` response example that shows a body.
    Example204WithBody = "D205", "example-204-with-body", None;
    /// Two operations with the same Rust function name.
    FunctionNameCollision = "D206", "function-name-collision", None;
    /// Two fields or parameters with the same Rust name.
    FieldNameCollision = "D207", "field-name-collision", None;
    /// Two enum members with the same Rust name.
    VariantNameCollision = "D208", "variant-name-collision", None;
    /// Two types with the same Rust name.
    TypeNameCollision = "D209", "type-name-collision", None;
    /// An example path the page does not list that reaches its operation
    /// through another path to the same type: the operation gains it.
    ExamplePathReached = "D210", "example-path-reached",
        Some("list the path under `## HTTP request` too");

    // The generator's own bugs (B0xx).
    /// A property of a type that is not in the model.
    PropertyWithoutType = "B001", "property-without-type", None;
    /// Emitted tokens that are not Rust.
    UnparsableTokens = "B002", "unparsable-tokens", None;
}

impl Code {
    /// Text that marks the place on the line, where a diagnostic of this
    /// code knows only the line.
    pub fn marker(self) -> Option<&'static str> {
        match self {
            Code::TodoPlaceholder => Some("TODO"),
            _ => None,
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.id())
    }
}

/// A place in the docs folder: a file relative to the folder, a 1-based line
/// and a 1-based column counted in characters (0 when only the line is known,
/// in which case the whole line is meant).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub column: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Location {
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line,
            column: 0,
        }
    }

    /// A location with a known column.
    pub fn at(file: impl Into<String>, line: u32, column: u32) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if self.column > 0 {
            write!(f, ":{}", self.column)?;
        }
        Ok(())
    }
}

/// One message about the docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub location: Location,
    pub severity: Severity,
    pub origin: Origin,
    pub code: Code,
    pub message: String,
    /// The other source of a conflict, if any.
    pub related: Option<Location>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {} [{}: {}]",
            self.location,
            self.severity.as_str(),
            self.code.id(),
            self.message,
            self.origin.as_str(),
            self.code.name()
        )?;
        if let Some(related) = &self.related {
            write!(f, " (see also {related})")?;
        }
        Ok(())
    }
}

/// Collects diagnostics during a run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(
        &mut self,
        severity: Severity,
        origin: Origin,
        code: Code,
        location: &Location,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            location: location.clone(),
            severity,
            origin,
            code,
            message: message.into(),
            related: None,
        });
    }

    /// Records a conflict between two sources; both are printed.
    pub fn conflict(
        &mut self,
        code: Code,
        location: &Location,
        related: &Location,
        message: impl Into<String>,
    ) {
        self.related(Severity::Warning, code, location, related, message);
    }

    /// An info about two sources that agree, e.g. one operation on two pages.
    pub fn related_info(
        &mut self,
        code: Code,
        location: &Location,
        related: &Location,
        message: impl Into<String>,
    ) {
        self.related(Severity::Info, code, location, related, message);
    }

    fn related(
        &mut self,
        severity: Severity,
        code: Code,
        location: &Location,
        related: &Location,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            location: location.clone(),
            severity,
            origin: Origin::Docs,
            code,
            message: message.into(),
            related: Some(related.clone()),
        });
    }

    pub fn info(&mut self, code: Code, at: &Location, message: impl Into<String>) {
        self.push(Severity::Info, Origin::Docs, code, at, message);
    }

    pub fn warning(&mut self, code: Code, at: &Location, message: impl Into<String>) {
        self.push(Severity::Warning, Origin::Docs, code, at, message);
    }

    pub fn unsupported(&mut self, code: Code, at: &Location, message: impl Into<String>) {
        self.push(Severity::Warning, Origin::Unsupported, code, at, message);
    }

    pub fn error(&mut self, code: Code, at: &Location, message: impl Into<String>) {
        self.push(Severity::Error, Origin::Docs, code, at, message);
    }

    pub fn bug(&mut self, code: Code, at: &Location, message: impl Into<String>) {
        self.push(Severity::Error, Origin::GeneratorBug, code, at, message);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted, de-duplicated diagnostics, so output is the same on every run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Counts for the summary line printed at the end of a run.
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    format!(
        "{} error(s), {} warning(s), {} info",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}

/// A problem found while reading or parsing a page; the pipeline turns
/// these into diagnostics.
#[derive(Debug, Clone)]
pub struct ParseIssue {
    pub code: Code,
    pub severity: Severity,
    pub line: u32,
    /// 1-based column in characters, or 0 for the whole line.
    pub column: u32,
    pub message: String,
}

impl ParseIssue {
    /// A warning about a whole line.
    pub fn warning(code: Code, line: u32, message: impl Into<String>) -> Self {
        ParseIssue {
            code,
            severity: Severity::Warning,
            line,
            column: 0,
            message: message.into(),
        }
    }

    /// An error about a whole line.
    pub fn error(code: Code, line: u32, message: impl Into<String>) -> Self {
        ParseIssue {
            severity: Severity::Error,
            ..ParseIssue::warning(code, line, message)
        }
    }
}
