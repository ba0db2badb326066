//! Step 1: every resource and enum page declares its type before any page
//! is read, so name resolution does not depend on reading order.

use super::*;

/// What a page declares, read from the page alone (with its
/// [`PageInfo`]): the types it names by its resource blocks, its type and
/// its `### x values` sections, and the other spellings `@type.aka` gives.
#[derive(Default)]
pub(super) struct Declarations {
    names: Vec<QualifiedName>,
    /// Another spelling, lowercased, and the type it names.
    aliases: Vec<(String, QualifiedName)>,
}

/// See [`Declarations`].
pub(super) fn declarations(info: &PageInfo) -> Declarations {
    let mut names = Vec::new();
    let mut aliases = Vec::new();
    if matches!(info.kind, PageKind::Resource | PageKind::Enum) {
        if let Some(q) = &info.type_name {
            names.push(q.clone());
        }
        for (_, h3, _) in info.section(&[""]) {
            if let Some(name) = h3.strip_suffix(" values") {
                names.push(QualifiedName::new(info.namespace.clone(), name.trim()));
            }
        }
    }
    // A resource block declares its type on any page, and `@type.aka`
    // names another spelling of it.
    for (_, _, block) in &info.blocks {
        let Some(CodeBlock {
            annotation: Some(a),
            ..
        }) = block.code()
        else {
            continue;
        };
        if a.block_type() != Some("resource") {
            continue;
        }
        let Some(q) = a.odata_type().and_then(|t| split_name(t, &info.namespace)) else {
            continue;
        };
        if let Some(aka) = a
            .str("@type.aka")
            .and_then(|t| split_name(t, &info.namespace))
        {
            aliases.push((aka.key(), q.clone()));
        }
        names.push(q);
    }
    Declarations { names, aliases }
}

impl<'d> Builder<'d> {
    /// Step 1: the type a resource or enum page is about, and the enums its
    /// `### x values` sections define (see [`Declarations`]).
    pub(super) fn declare(&mut self, info: &PageInfo) {
        if matches!(info.kind, PageKind::Resource | PageKind::Enum) {
            if let Some(q) = &info.type_name {
                let file = info.page.file.to_ascii_lowercase();
                let file_name = file.rsplit('/').next().unwrap_or(&file).to_string();
                self.page_type_files
                    .entry(file_name)
                    .or_default()
                    .insert(file.clone());
                self.page_types.insert(file, q.clone());
            }
        }
        let Declarations { names, aliases } = &info.declares;
        for (aka, q) in aliases {
            self.aliases.insert(aka.clone(), q.clone());
        }
        for q in names {
            self.namespaces
                .entry(q.namespace.to_ascii_lowercase())
                .or_insert_with(|| q.namespace.clone());
            self.declared
                .entry(q.name.to_ascii_lowercase())
                .or_default()
                .insert(q.namespace.clone());
        }
    }
}

/// The type a resource page describes: the JSON representation's
/// `@odata.type`, else the title (`user resource type`).
pub(super) fn page_type_name(info: &PageInfo) -> Option<QualifiedName> {
    for (_, _, block) in &info.blocks {
        if let Some(CodeBlock {
            annotation: Some(a),
            ..
        }) = block.code()
        {
            if a.block_type() == Some("resource") {
                if let Some(t) = a.odata_type() {
                    if let Some((ns, name)) = t.trim_start_matches('#').rsplit_once('.') {
                        return Some(QualifiedName::new(ns, name));
                    }
                }
            }
        }
    }
    // A parenthetical after the title (`... resource type (open extensions)`)
    // is commentary.
    let title = info.title.trim();
    let title = match title.rsplit_once(" (") {
        Some((head, tail)) if tail.ends_with(')') => head.trim(),
        _ => title,
    };
    let lower = title.to_ascii_lowercase();
    for suffix in [
        " resource type",
        " enum type",
        " complex type",
        " entity type",
        " enumeration type",
        " resource",
    ] {
        if lower.ends_with(suffix) {
            let name = title[..title.len() - suffix.len()].trim();
            let name = name.rsplit('.').next().unwrap_or(name);
            if !name.is_empty() && !name.contains(' ') {
                return Some(QualifiedName::new(info.namespace.clone(), name));
            }
        }
    }
    None
}

/// A type name as an annotation writes it (`#microsoft.graph.user`, or a
/// bare `user` in the page's namespace).
fn split_name(t: &str, page_ns: &str) -> Option<QualifiedName> {
    let t = t.trim().trim_start_matches('#');
    match t.rsplit_once('.') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
            Some(QualifiedName::new(ns, name))
        }
        _ if !t.is_empty() => Some(QualifiedName::new(page_ns, t)),
        _ => None,
    }
}
