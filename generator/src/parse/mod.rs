//! Stage 1: markdown pages to typed pages.
//!
//! This is the only module that sees pulldown-cmark. A page comes out as its
//! front matter and a flat list of blocks (headings, paragraphs, tables, code
//! blocks with the annotation comment in front of them), each with the line it
//! starts on. HTTP code blocks are split into request lines, headers and
//! bodies here, so later stages never look at raw markdown or raw HTTP text.

mod all;
pub use all::parse_all;
mod http;
mod inline;
mod json;

use json::LazyJson;
pub use json::{parse_lenient_json, JsonError};

pub use http::{Body, HttpMessage, HttpRequest, HttpResponse, RequestLine};

pub use inline::{for_each_link, links as links_of, plain_text as plain_text_of, Inline};

use crate::diag::Code;
pub use crate::diag::ParseIssue;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// One markdown page of the docs folder.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the docs folder, with `/` separators.
    pub file: String,
    pub front_matter: FrontMatter,
    pub blocks: Vec<Block>,
    /// Where lines of a page expanded by [`crate::expand`] came from; empty
    /// when every line is the page's own.
    pub origins: Vec<crate::source::LineOrigin>,
}

impl Page {
    /// The file and line a line of this page was written at: itself, or a
    /// file it includes.
    pub fn locate(&self, line: u32) -> (&str, u32) {
        crate::expand::locate(&self.origins, &self.file, line)
    }
}

/// The `---` delimited `key: value` header of a page.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Keys as written; values with surrounding quotes and blanks removed.
    pub fields: BTreeMap<String, Field>,
}

/// A front matter value and its line.
#[derive(Debug, Clone)]
pub struct Field {
    pub value: String,
    pub line: u32,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.get(key)
    }
}

/// A block of the page, in document order.
#[derive(Debug, Clone)]
pub struct Block {
    pub line: u32,
    pub kind: BlockKind,
    /// Inside a block quote: a docfx callout (`> **Note:** ...`,
    /// `> [!NOTE]`) rather than the page's own prose.
    pub quoted: bool,
}

impl Block {
    /// The block's code block, if it is one.
    pub fn code(&self) -> Option<&CodeBlock> {
        match &self.kind {
            BlockKind::Code(c) => Some(c),
            _ => None,
        }
    }
}

// The code block and the annotation are boxed: inline, they made every block
// (most are paragraphs) hundreds of bytes, and growing and moving the block
// vectors was a measurable share of parsing.
#[derive(Debug, Clone)]
pub enum BlockKind {
    /// A heading. `tab` marks docfx tab headings such as `# [HTTP](#tab/http)`,
    /// which are not sections of the page.
    Heading {
        level: u8,
        text: String,
        tab: bool,
    },
    /// A paragraph or list item.
    Paragraph(Vec<Inline>),
    Table(Table),
    Code(Box<CodeBlock>),
    /// An annotation comment that no code block followed.
    StrayAnnotation(Box<Annotation>),
}

/// A table: header cells and rows of cells.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<Vec<Inline>>,
}

/// A fenced or indented code block.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// Lowercased first word of the info string (`http`, `json`,
    /// `msgraph-interactive`), if any.
    pub lang: Option<String>,
    /// The `<!-- { ... } -->` comment right before the block.
    pub annotation: Option<Annotation>,
    /// Line of the first line of content.
    pub content_line: u32,
    pub text: String,
    /// For `http` and `msgraph-interactive` blocks: the parsed message.
    pub http: Option<HttpMessage>,
    /// For `json` blocks: the value or the parse error, parsed from
    /// `text` when first asked for ([`CodeBlock::json`]).
    lazy_json: Option<LazyJson>,
}

impl CodeBlock {
    /// For `json` blocks: the parsed value or the parse error.
    pub fn json(&self) -> Option<&Result<serde_json::Value, JsonError>> {
        self.lazy_json.as_ref().map(|j| j.get(&self.text))
    }
}

/// A docs annotation comment: `<!-- { "blockType": ..., ... } -->`.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    pub line: u32,
    /// All keys as written (not changed after parsing); the common ones
    /// have accessors.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// `blockType`, found once: every step of the model asks each block
    /// for it, and a lookup in `fields` hashes the key (6 ms of a v1.0
    /// run when it was looked up each time).
    block_type: Option<String>,
}

impl Annotation {
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(|v| v.as_str())
    }
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.fields.get(key)? {
            serde_json::Value::Bool(b) => Some(*b),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }
    /// The type the block is about: `@odata.type`, or `@type`, the older
    /// spelling (OneDrive's docs).
    pub fn odata_type(&self) -> Option<&str> {
        self.str("@odata.type").or_else(|| self.str("@type"))
    }
    pub fn block_type(&self) -> Option<&str> {
        self.block_type.as_deref()
    }
    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.fields.get(key) {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
}

/// Maps byte offsets to 1-based line numbers.
///
/// The markdown parser's events come in reading order, and an end event
/// starts where its element did, so almost every lookup lands on the line
/// of the one before or a few lines after it: the line found last is kept
/// and walked forward from, and a binary search is left for the rest.
/// (A binary search per event and a `char` search for line ends took an
/// eighth of the parse stage's time on v1.0.)
struct Lines {
    starts: Vec<usize>,
    last: std::cell::Cell<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Lines {
            starts,
            last: std::cell::Cell::new(0),
        }
    }

    fn line(&self, offset: usize) -> u32 {
        // `i` is the index of the last line start at or before `offset`.
        let starts = &self.starts;
        let last = self.last.get();
        let i = if starts[last] <= offset {
            let mut i = last;
            let near = (last + 8).min(starts.len() - 1);
            while i < near && starts[i + 1] <= offset {
                i += 1;
            }
            if i == near && i + 1 < starts.len() && starts[i + 1] <= offset {
                i + starts[i..].partition_point(|&s| s <= offset) - 1
            } else {
                i
            }
        } else {
            starts[..last].partition_point(|&s| s <= offset) - 1
        };
        self.last.set(i);
        (i + 1) as u32
    }
}

/// Parses one page. Never fails: what cannot be understood is reported in the
/// returned issues and the rest of the page is still read.
pub fn parse_page(file: &str, text: &str) -> (Page, Vec<ParseIssue>) {
    let text = &*table_tabs_as_spaces(text);
    let mut issues = Vec::new();
    let lines = Lines::new(text);
    let front_matter = parse_front_matter(text, &mut issues);

    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let parser = Parser::new_ext(text, options).into_offset_iter();

    let mut blocks = Vec::new();
    let mut pending: Option<Annotation> = None;
    // State of the element being collected.
    let mut inlines = inline::Collector::default();
    let mut heading: Option<(u8, u32)> = None;
    let mut paragraph_line: Option<u32> = None;
    let mut table: Option<(u32, Table)> = None;
    let mut row: Option<Row> = None;
    let mut in_cell = false;
    let mut code: Option<(u32, Option<String>, String)> = None;
    let mut html: Option<(u32, String)> = None;
    let mut in_metadata = false;
    let mut header_cells = 0;
    let mut ragged_reported = false;
    // How many block quotes the current event is inside.
    let mut quote_depth = 0usize;

    for (event, range) in parser {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, line));
                inlines.reset();
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, line) = heading.take().unwrap_or((1, line));
                let content = inlines.take();
                let tab = content.iter().any(
                    |i| matches!(i, Inline::Link { target, .. } if target.starts_with("#tab/")),
                );
                blocks.push(Block {
                    line,
                    kind: BlockKind::Heading {
                        level,
                        text: inline::plain_text(&content).trim().to_string(),
                        tab,
                    },
                    quoted: false,
                });
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if table.is_none() => {
                if paragraph_line.is_none() {
                    paragraph_line = Some(line);
                    inlines.reset();
                }
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) if table.is_none() => {
                if let Some(line) = paragraph_line.take() {
                    let content = inlines.take();
                    if !inline::is_blank(&content) {
                        blocks.push(Block {
                            line,
                            kind: BlockKind::Paragraph(content),
                            quoted: quote_depth > 0,
                        });
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some((
                    line,
                    Table {
                        header: vec![],
                        rows: vec![],
                    },
                ))
            }
            Event::End(TagEnd::Table) => {
                if let Some((line, mut t)) = table.take() {
                    // Rows and cells were pushed one at a time; the room
                    // they grew is let go (see `Collector::take`).
                    t.rows.shrink_to_fit();
                    blocks.push(Block {
                        line,
                        kind: BlockKind::Table(t),
                        quoted: false,
                    });
                }
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                // Cells beyond the header's are dropped and missing ones read
                // as empty by the markdown parser; both are slips worth one
                // diagnostic per table.
                let cells = count_cells(&text[range.clone()]);
                if let Some((_, t)) = table.as_mut() {
                    if t.header.is_empty() {
                        header_cells = cells;
                        ragged_reported = false;
                    } else if cells != header_cells && !ragged_reported {
                        ragged_reported = true;
                        issues.push(ParseIssue::warning(
                            Code::RaggedTable,
                            line,
                            format!(
                                "table row has {cells} cell(s) but the header has {header_cells}; {}",
                                if cells > header_cells {
                                    "the extra cells are dropped"
                                } else {
                                    "the missing cells are read as empty"
                                }
                            ),
                        ));
                    }
                }
                row = Some(Row {
                    line,
                    cells: vec![],
                })
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(mut r), Some((_, t))) = (row.take(), table.as_mut()) {
                    r.cells.shrink_to_fit();
                    t.header = r.cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(mut r), Some((_, t))) = (row.take(), table.as_mut()) {
                    r.cells.shrink_to_fit();
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                inlines.reset();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if let Some(r) = row.as_mut() {
                    r.cells.push(inlines.take());
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                if let CodeBlockKind::Fenced(_) = &kind {
                    if !fence_is_closed(&text[range.clone()]) {
                        issues.push(ParseIssue::warning(
                            Code::UnterminatedFence,
                            line,
                            "code block is never closed; everything after it is read as code",
                        ));
                    }
                }
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(|w| w.to_ascii_lowercase()),
                    CodeBlockKind::Indented => None,
                };
                let content_line = match lang {
                    Some(_) => line + 1,
                    None => line,
                };
                code = Some((content_line, lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((content_line, lang, text)) = code.take() {
                    blocks.push(Block {
                        line: content_line.saturating_sub(1).max(1),
                        kind: BlockKind::Code(Box::new(code_block(
                            content_line,
                            lang,
                            text,
                            pending.take(),
                            &mut issues,
                        ))),
                        quoted: false,
                    });
                }
            }
            Event::Start(Tag::HtmlBlock) => html = Some((line, String::new())),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((line, text)) = html.take() {
                    html_comment(line, &text, &mut pending, &mut blocks, &mut issues);
                }
            }
            Event::Html(t) if html.is_some() => {
                if let Some((_, buf)) = html.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, _, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::InlineHtml(t) if t.trim_start().starts_with("<!--") => {
                html_comment(line, &t, &mut pending, &mut blocks, &mut issues);
            }
            other => {
                if heading.is_some() || paragraph_line.is_some() || in_cell {
                    inlines.event(other);
                }
            }
        }
    }
    if let Some(annotation) = pending.take() {
        blocks.push(Block {
            line: annotation.line,
            kind: BlockKind::StrayAnnotation(Box::new(annotation)),
            quoted: false,
        });
    }
    blocks.shrink_to_fit();
    (
        Page {
            file: file.to_string(),
            front_matter,
            blocks,
            origins: Vec::new(),
        },
        issues,
    )
}

/// Table lines with tabs, spaces instead: a delimiter row that pads its
/// cells with tabs (`|-----\t\t|`) is a delimiter row, which pulldown-cmark
/// only sees with spaces. Line numbers stay.
fn table_tabs_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let is_table_line = |l: &str| l.trim_start().starts_with('|') && l.contains('\t');
    // Most pages have no tab in a table row, which a search for the tabs
    // and a look at the line of each says.
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut tab_in_table = false;
    while let Some(tab) = memchr::memchr(b'\t', &bytes[from..]).map(|i| from + i) {
        let start = memchr::memrchr(b'\n', &bytes[..tab]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[tab..]).map_or(bytes.len(), |i| tab + i);
        if text[start..end].trim_start().starts_with('|') {
            tab_in_table = true;
            break;
        }
        // The other tabs of this line say nothing more.
        from = end;
    }
    if !tab_in_table {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_table_line(line) {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a fenced code block's source ends with a closing fence: a line
/// of at least as many of the same fence characters as it opened with.
fn fence_is_closed(block: &str) -> bool {
    let mut lines = block.lines();
    let Some(open) = lines.next().map(str::trim_start) else {
        return true;
    };
    let Some(ch) = open.chars().next().filter(|c| *c == '`' || *c == '~') else {
        return true;
    };
    let width = open.chars().take_while(|c| *c == ch).count();
    lines.last().is_some_and(|last| {
        let last = last.trim();
        last.chars().all(|c| c == ch) && last.chars().count() >= width
    })
}

/// The cells of a table row as written: `|` separators outside code spans
/// and not escaped, less the optional outer pipes.
fn count_cells(row: &str) -> usize {
    let row = row.lines().next().unwrap_or("").trim();
    let mut cells = 1;
    let mut in_code = false;
    let mut escaped = false;
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = match inner.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => inner,
    };
    // Every byte looked for is ASCII, which no byte of a multi-byte
    // character is.
    for b in inner.bytes() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'`' => in_code = !in_code,
            b'|' if !in_code => cells += 1,
            _ => {}
        }
    }
    cells
}

/// Handles an HTML block or inline comment: annotation comments are kept for
/// the next code block, other comments (markdownlint switches, uuids) are not
/// content.
fn html_comment(
    line: u32,
    text: &str,
    pending: &mut Option<Annotation>,
    blocks: &mut Vec<Block>,
    issues: &mut Vec<ParseIssue>,
) {
    let trimmed = text.trim();
    let Some(inner) = trimmed.strip_prefix("<!--") else {
        return;
    };
    let inner = inner.trim_end().strip_suffix("-->").unwrap_or(inner).trim();
    if !inner.starts_with('{') {
        return;
    }
    match parse_lenient_json(inner) {
        Ok(serde_json::Value::Object(fields)) => {
            // Page annotations (`"type": "#page.annotation"`) describe the
            // page for the docs site and are not attached to code blocks.
            if fields.contains_key("type") && !fields.contains_key("blockType") {
                return;
            }
            let block_type = fields
                .get("blockType")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            let annotation = Annotation {
                line,
                fields,
                block_type,
            };
            if let Some(previous) = pending.replace(annotation) {
                blocks.push(Block {
                    line: previous.line,
                    kind: BlockKind::StrayAnnotation(Box::new(previous)),
                    quoted: false,
                });
            }
        }
        Ok(_) => issues.push(ParseIssue::warning(
            Code::AnnotationNotJson,
            line,
            "annotation comment is not a JSON object",
        )),
        Err(e) => issues.push(ParseIssue {
            column: if e.line == 1 { 0 } else { e.column },
            line: line + e.line.saturating_sub(1),
            ..ParseIssue::warning(
                Code::AnnotationNotJson,
                line,
                format!("annotation comment is not valid JSON: {}", e.message),
            )
        }),
    }
}

fn code_block(
    content_line: u32,
    lang: Option<String>,
    text: String,
    annotation: Option<Annotation>,
    issues: &mut Vec<ParseIssue>,
) -> CodeBlock {
    // A fence with no language that is annotated as a request or response
    // holds HTTP too: the annotation says what the block is.
    let annotated_http = lang.is_none()
        && annotation
            .as_ref()
            .and_then(|a| a.block_type())
            .is_some_and(|t| matches!(t, "request" | "response"));
    let is_http = annotated_http || matches!(lang.as_deref(), Some("http" | "msgraph-interactive"));
    let http = is_http.then(|| http::parse_http(content_line, &text, issues));
    let lazy_json = (lang.as_deref() == Some("json")).then(LazyJson::default);
    CodeBlock {
        lang,
        annotation,
        content_line,
        text,
        http,
        lazy_json,
    }
}

/// Reads the `---` front matter: flat `key: value` lines, as the docs use it.
fn parse_front_matter(text: &str, issues: &mut Vec<ParseIssue>) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return fm,
    }
    for (i, line) in lines {
        let n = i as u32 + 1;
        if line.trim_end() == "---" {
            return fm;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        match line.split_once(':') {
            Some((key, value)) if !key.starts_with(' ') => {
                let value = value.trim();
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                    .unwrap_or(value);
                fm.fields.insert(
                    key.trim().to_string(),
                    Field {
                        value: value.trim().to_string(),
                        line: n,
                    },
                );
            }
            // Continuation lines (YAML lists, folded values) carry nothing the
            // generator uses.
            _ => {}
        }
    }
    issues.push(ParseIssue::warning(
        Code::FrontMatterUnclosed,
        1,
        "front matter is not closed by a `---` line",
    ));
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let l = Lines::new("a\nb\n\nc");
        assert_eq!(l.line(0), 1);
        assert_eq!(l.line(2), 2);
        assert_eq!(l.line(4), 3);
        assert_eq!(l.line(5), 4);
    }

    #[test]
    fn tabs_become_spaces_only_in_table_lines() {
        let check = |text: &str, expect: &str| {
            let out = table_tabs_as_spaces(text);
            assert_eq!(out, expect, "{text:?}");
            // A page with no tab in a table line is not copied.
            if text == expect {
                assert!(matches!(out, std::borrow::Cow::Borrowed(_)));
            }
        };
        check("no tabs\n|a|b|\n", "no tabs\n|a|b|\n");
        check("a\tb\n|a|b|\n", "a\tb\n|a|b|\n");
        check("a\tb\tc\n|a|\tb|\n", "a\tb\tc\n|a| b|\n");
        check("\t|a|b|\r\nx\t", " |a|b|\r\nx\t");
        check("|a|\n|-|\t\t|", "|a|\n|-|  |");
    }

    #[test]
    fn cells_as_written() {
        for (row, cells) in [
            ("|a|b|", 2),
            ("a|b", 2),
            ("|`a|b`|c|", 2),
            ("|a\\|b|c|", 2),
            ("|é|ü|日本|", 3),
            ("|a|b\\|", 2),
        ] {
            assert_eq!(count_cells(row), cells, "{row}");
        }
    }

    #[test]
    fn lines_in_any_order_of_lookup() {
        // Forward, backward, far jumps and repeats must all agree with a
        // plain count of the line ends before the offset.
        let text: String = (0..40).map(|i| "x".repeat(i % 3) + "\n").collect();
        let l = Lines::new(&text);
        let expect = |o: usize| text[..o].matches('\n').count() as u32 + 1;
        for o in (0..text.len())
            .chain((0..text.len()).rev())
            .chain([0, 70, 3, 3, 69, 1])
        {
            assert_eq!(l.line(o), expect(o), "offset {o}");
        }
    }

    #[test]
    fn annotation_spellings() {
        for text in [
            "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}\n-->\n```http\nGET /me\n```\n",
            "<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n\n```http\nGET /me\n```\n",
            "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}-->\n\n```http\nGET /me\n```\n",
            "<!--{\"blockType\": \"request\", \"name\": \"x\",}-->\n```http\nGET /me\n```\n",
        ] {
            let (page, issues) = parse_page("t.md", text);
            assert!(issues.is_empty(), "{issues:?}");
            let BlockKind::Code(code) = &page.blocks[0].kind else {
                panic!("no code block in {text:?}: {:?}", page.blocks)
            };
            let ann = code.annotation.as_ref().expect("annotation attached");
            assert_eq!(ann.block_type(), Some("request"));
            assert_eq!(ann.str("name"), Some("x"));
            assert_eq!(ann.line, 1);
        }
    }

    #[test]
    fn front_matter_and_lines() {
        let text = "---\ntitle: \"Create x\"\ndoc_type: apiPageType\n---\n\n# Create x\nNamespace: microsoft.graph\n\n|a|b|\n|-|-|\n|1|[t](t.md)|\n";
        let (page, _) = parse_page("t.md", text);
        assert_eq!(page.front_matter.get("title").unwrap().value, "Create x");
        assert_eq!(page.front_matter.get("doc_type").unwrap().line, 3);
        let kinds: Vec<u32> = page.blocks.iter().map(|b| b.line).collect();
        assert_eq!(kinds, vec![6, 7, 9]);
        let BlockKind::Table(t) = &page.blocks[2].kind else {
            panic!()
        };
        assert_eq!(t.rows[0].line, 11);
        assert_eq!(inline::links(&t.rows[0].cells[1]), vec!["t.md".to_string()]);
    }
}
