//! Pages as every step sees them: their kind, namespace, title, and blocks
//! with the headings they sit under.

use super::declare::{declarations, page_type_name, Declarations};
use super::*;

/// The kind of page, from front matter `doc_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PageKind {
    Api,
    Resource,
    Enum,
    Other,
}

/// A page with what every step needs to know about it.
pub(super) struct PageInfo<'a> {
    pub(super) page: &'a Page,
    pub(super) kind: PageKind,
    pub(super) namespace: String,
    pub(super) title: String,
    /// Blocks with the section they sit in and the lowercased text of the
    /// nearest heading above them (see [`section_of`]).
    pub(super) blocks: Vec<(String, String, &'a Block)>,
    /// The type the page would describe as a resource page (see
    /// [`page_type_name`]), found once, on all cores: several steps ask.
    pub(super) type_name: Option<QualifiedName>,
    /// The types the page declares (see [`declarations`]).
    pub(super) declares: Declarations,
    /// What of the page no step reads (see [`unread_of`]).
    pub(super) unread: Vec<String>,
}

impl<'a> PageInfo<'a> {
    /// A line of the page, in the file it was written in (a page may
    /// include others).
    pub(super) fn at(&self, line: u32) -> Location {
        let (file, line) = self.page.locate(line);
        Location::new(file.to_string(), line)
    }
    /// Where a JSON error is, for a JSON text that starts on `line`.
    pub(super) fn json_error_at(&self, line: u32, e: &JsonError) -> Location {
        let (file, line) = self.page.locate(line + e.line - 1);
        Location::at(file.to_string(), line, e.column)
    }
    /// Blocks of a section whose heading text starts with one of `names`.
    pub(super) fn section(
        &self,
        names: &[&str],
    ) -> impl Iterator<Item = &(String, String, &'a Block)> + '_ {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        self.blocks
            .iter()
            .filter(move |(h2, _, _)| names.iter().any(|n| h2.starts_with(n.as_str())))
    }
    pub(super) fn first_table(&self, names: &[&str]) -> Option<(&'a Table, u32)> {
        self.section(names).find_map(|(_, _, b)| match &b.kind {
            BlockKind::Table(t) => Some((t, b.line)),
            _ => None,
        })
    }
    /// The paragraphs of the first section whose heading starts with one of
    /// `names`, up to the next heading of another section: a page that
    /// documents a second request further down (`## Upload bytes` with its
    /// own `### Response`) says nothing there of the first.
    pub(super) fn first_paragraphs(&self, names: &[&str]) -> Vec<(&'a [Inline], u32)> {
        let is = |s: &str| names.iter().any(|n| s.starts_with(n));
        self.blocks
            .iter()
            .skip_while(|(s, _, _)| !is(s))
            .take_while(|(s, _, _)| is(s))
            .filter_map(|(_, _, b)| match &b.kind {
                BlockKind::Paragraph(p) => Some((p.as_slice(), b.line)),
                _ => None,
            })
            .collect()
    }
    pub(super) fn paragraphs(&self, names: &[&str]) -> Vec<(&'a [Inline], u32)> {
        self.section(names)
            .filter_map(|(_, _, b)| match &b.kind {
                BlockKind::Paragraph(p) => Some((p.as_slice(), b.line)),
                _ => None,
            })
            .collect()
    }
}

impl<'d> Builder<'d> {
    /// Counts what of a page the model will not use (see [`unread_of`]).
    pub(super) fn count_unread(&mut self, info: &PageInfo) {
        for what in &info.unread {
            *self.model.unread.entry(what.clone()).or_default() += 1;
        }
    }

    /// A page's kind, namespace, title and blocks by section. It reads
    /// one page alone, so pages are read on all threads.
    pub(super) fn page_info<'a>(page: &'a Page, diags: &mut Diagnostics) -> PageInfo<'a> {
        let doc_type = page
            .front_matter
            .get("doc_type")
            .map(|f| f.value.trim().trim_end_matches('_').to_ascii_lowercase())
            .unwrap_or_default();
        let mut kind = match doc_type.as_str() {
            "apipagetype" => PageKind::Api,
            "resourcepagetype" => PageKind::Resource,
            "enumpagetype" => PageKind::Enum,
            _ => PageKind::Other,
        };
        let mut namespace = None;
        let mut title = String::new();
        let mut blocks = Vec::new();
        // The headings above the current block, by level (index 0 is `#`).
        let mut stack: Vec<Option<String>> = Vec::new();
        let (mut section, mut innermost) = (String::new(), String::new());
        for block in &page.blocks {
            match &block.kind {
                BlockKind::Heading { tab: true, .. } => continue,
                BlockKind::Heading { level: 1, text, .. } if title.is_empty() => {
                    title = text.clone();
                    continue;
                }
                BlockKind::Heading { level, text, .. } => {
                    let level = (*level as usize).max(1);
                    stack.truncate(level - 1);
                    stack.resize(level - 1, None);
                    stack.push(Some(text.trim().to_ascii_lowercase()));
                    (section, innermost) = section_of(&stack);
                    continue;
                }
                BlockKind::Paragraph(p) if namespace.is_none() => {
                    let text = plain_text_of(p);
                    if let Some(ns) = text.trim().strip_prefix("Namespace:") {
                        let ns = ns.split_whitespace().next().unwrap_or("").to_string();
                        namespace = Some(ns);
                        continue;
                    }
                }
                _ => {}
            }
            blocks.push((section.clone(), innermost.clone(), block));
        }
        // Pages are known by what they hold as well as by `doc_type`: an
        // HTTP request section or annotated request examples make an API
        // page, a `resource` block a resource page.
        let has = |t: &str| {
            page.blocks.iter().any(|b| {
                matches!(b.code(), Some(CodeBlock { annotation: Some(a), .. })
                    if a.block_type() == Some(t))
            })
        };
        let requests = blocks.iter().any(|(s, _, _)| s == "http request") || has("request");
        if kind == PageKind::Other {
            if requests {
                kind = PageKind::Api;
            } else if has("resource") {
                kind = PageKind::Resource;
            }
        } else if kind == PageKind::Api && !requests && has("resource") {
            // A page whose `doc_type` says API but that documents no request
            // and declares a resource is that resource's page.
            diags.info(
                Code::PageKindFromContent,
                &Location::new(page.file.clone(), 1),
                "`doc_type` says an API page, but the page lists no request and declares a resource; read as a resource page",
            );
            kind = PageKind::Resource;
        }
        if title.is_empty() {
            title = page
                .front_matter
                .get("title")
                .map(|f| f.value.clone())
                .unwrap_or_else(|| page.file.clone());
        }
        // Without a `Namespace:` line, the namespace of the first qualified
        // type an annotation names (docs written for ApiDoctor qualify them).
        let annotated_ns = || {
            page.blocks.iter().find_map(|b| match b.code() {
                Some(CodeBlock {
                    annotation: Some(a),
                    ..
                }) => a
                    .odata_type()
                    .map(|t| t.trim().trim_start_matches('#'))
                    .filter(|t| !t.to_ascii_lowercase().starts_with("collection("))
                    .and_then(|t| t.rsplit_once('.'))
                    .map(|(ns, _)| ns.to_string())
                    .filter(|ns| !ns.is_empty() && !ns.eq_ignore_ascii_case("edm")),
                _ => None,
            })
        };
        let namespace = match namespace.filter(|ns| !ns.is_empty()).or_else(annotated_ns) {
            Some(ns) => ns,
            _ => {
                if kind != PageKind::Other {
                    diags.info(
                        Code::NoNamespace,
                        &Location::new(page.file.clone(), 1),
                        format!("page has no `Namespace:` line; using {ROOT_NAMESPACE}"),
                    );
                }
                ROOT_NAMESPACE.to_string()
            }
        };
        for (key, field) in &page.front_matter.fields {
            if field.value.contains("TODO") {
                diags.warning(
                    Code::TodoPlaceholder,
                    &Location::new(page.file.clone(), field.line),
                    format!("front matter `{key}` is a TODO placeholder"),
                );
            }
        }
        let mut info = PageInfo {
            page,
            kind,
            namespace,
            title,
            blocks,
            type_name: None,
            declares: Declarations::default(),
            unread: Vec::new(),
        };
        info.type_name = page_type_name(&info);
        info.declares = declarations(&info);
        info.unread = unread_of(&info);
        info
    }
}

/// A page's description: its first paragraph of its own prose before any
/// section that is not an include. Callouts (block quotes, `> **Note:**`)
/// above it follow it as paragraphs of their own: they are not what the
/// page is about (every Intune page opens with the same licence note), but
/// what they say stays. A page with only callouts is described by the
/// first. It reads the page alone, so pages are read on all cores.
pub(super) fn page_description(info: &PageInfo) -> Doc {
    let mut callouts = Vec::new();
    for (_, _, b) in info.blocks.iter().take_while(|(h2, _, _)| h2.is_empty()) {
        let BlockKind::Paragraph(p) = &b.kind else {
            continue;
        };
        let (doc, _) = Doc::from_inlines(p);
        let text = doc.plain();
        if doc.is_empty() || text.starts_with("[!INCLUDE") || text.starts_with("!INCLUDE") {
            continue;
        }
        if b.quoted {
            callouts.push(alert_as_label(doc));
            continue;
        }
        let mut doc = doc;
        for callout in callouts {
            doc.spans.push(Span::Break);
            doc.spans.extend(callout.spans);
        }
        return doc;
    }
    callouts.into_iter().next().unwrap_or_default()
}

/// A docfx alert's marker as the word it stands for: `[!NOTE] Text` is
/// `Note: Text`, as `> **Note:** Text` reads.
fn alert_as_label(mut doc: Doc) -> Doc {
    if let Some(Span::Text(first)) = doc.spans.first_mut() {
        let marker = first
            .strip_prefix("[!")
            .and_then(|rest| rest.split_once(']'))
            .filter(|(word, _)| !word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase()));
        if let Some((word, rest)) = marker {
            let mut label = word[..1].to_string();
            label.push_str(&word[1..].to_ascii_lowercase());
            *first = format!("{label}: {}", rest.trim_start());
        }
    }
    doc
}

/// A page's `ms.prod`, when it is a real value (not empty, not a TODO).
pub(super) fn page_area(info: &PageInfo) -> Option<String> {
    let prod = info
        .page
        .front_matter
        .get("ms.prod")?
        .value
        .trim()
        .to_ascii_lowercase();
    (!prod.is_empty() && !prod.contains("todo") && !prod.contains(' ')).then_some(prod)
}

/// Section headings the builder reads, at whatever level a page puts them.
/// A heading with any other text (`Get a user's OneDrive`) only groups the
/// sections below it.
const SECTION_NAMES: &[&str] = &[
    "http request",
    "request headers",
    "optional request headers",
    "request body",
    "response",
    "permissions",
    "prerequisites",
    "properties",
    "relationships",
    "json representation",
    "optional query parameters",
    "query parameters",
    "function parameters",
    "path parameters",
    "parameters",
    "methods",
    "members",
];

/// The section a block sits in, given the headings above it, and the text
/// of the nearest heading. Everything under an `Example...` heading is an
/// example, whatever the headings inside it say (`#### Response`). Else the
/// nearest heading that names a section wins, so `### HTTP request` under
/// `## Get a user's OneDrive` is the HTTP request section, and `### Error
/// responses` under `## Response` is not the response. An enum table's
/// heading (`#### x values`) is a section of its own. Blocks before any
/// section heading are the introduction (`""`).
pub(super) fn section_of(stack: &[Option<String>]) -> (String, String) {
    let headings: Vec<&String> = stack.iter().skip(1).flatten().collect();
    let innermost = headings.last().map(|h| h.to_string()).unwrap_or_default();
    if let Some(example) = headings.iter().find(|h| h.starts_with("example")) {
        return (example.to_string(), innermost);
    }
    let known = |h: &str| {
        h.starts_with("error")
            || h.contains("error response")
            || h.ends_with(" values")
            || SECTION_NAMES.iter().any(|n| h.starts_with(n))
    };
    let section = headings
        .iter()
        .rev()
        .find(|h| known(h))
        .or(headings.first())
        .map(|h| h.to_string())
        .unwrap_or_default();
    (section, innermost)
}

/// What of a page the model will not use, one entry per thing: the page
/// itself when it is neither an API, resource nor enum page, and annotated
/// blocks of kinds no step reads (`example` blocks that name no type,
/// unknown block types).
fn unread_of(info: &PageInfo) -> Vec<String> {
    let mut out = Vec::new();
    if info.kind == PageKind::Other {
        out.push("pages that are not API, resource or enum pages".to_string());
    }
    for (_, _, b) in &info.blocks {
        let kind = match &b.kind {
            BlockKind::Code(c) => match &c.annotation {
                Some(a) if !(a.block_type() == Some("example") && a.odata_type().is_some()) => {
                    a.block_type().unwrap_or("(none)")
                }
                _ => continue,
            },
            BlockKind::StrayAnnotation(a) => a.block_type().unwrap_or("(none)"),
            _ => continue,
        };
        if !matches!(kind, "request" | "response" | "resource" | "ignored") {
            out.push(format!("annotated blocks of blockType `{kind}`"));
        }
    }
    out
}
