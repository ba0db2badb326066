//! Step 2, continued: base types named from the other side. A base type's
//! page may list the types derived from it ("the derived types are [a],
//! [b]", "It is an abstract type that is inherited by [a] and [b]",
//! "Supported derived types:" and a list, "[a] and [b] are subclasses of
//! this superclass"). A derived type whose own page names no base takes
//! that one; a derived page that names another base is a contradiction,
//! reported at both places, and its own page wins.

use super::*;

/// Phrases after which a base page's introduction links its derived types.
const DERIVED_AFTER: &[&str] = &[
    "derived types are ",
    "derived types include",
    "derived types:",
    "following derived types",
    "inherited by ",
];

/// Phrases before which a base page's introduction links its derived types.
const DERIVED_BEFORE: &[&str] = &["are subclasses of this", "is a derived type of this"];

/// The links by which a resource page's introduction names the types
/// derived from its type, with the line of each paragraph. It reads the
/// page alone, so it is read with the page ([`super::resources::ResourceRead`]).
pub(super) fn derived_named(info: &PageInfo) -> Vec<(u32, Vec<(String, String)>)> {
    let intro: Vec<&Block> = info
        .blocks
        .iter()
        .take_while(|(h2, _, _)| h2.is_empty())
        .map(|(_, _, b)| *b)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < intro.len() {
        let b = intro[i];
        i += 1;
        let BlockKind::Paragraph(p) = &b.kind else {
            continue;
        };
        let (text, links) = text_and_links(p);
        let lower = text.to_ascii_lowercase();
        let mut named: Vec<(String, String)> = Vec::new();
        if let Some(end) = DERIVED_AFTER
            .iter()
            .filter_map(|ph| lower.find(ph).map(|at| at + ph.len()))
            .min()
        {
            named.extend(
                links
                    .iter()
                    .filter(|(at, _, _)| *at >= end)
                    .map(|(_, t, x)| (t.clone(), x.clone())),
            );
            // "Supported derived types:" introduces a list: each item's
            // first link names one.
            if text.trim_end().ends_with(':') {
                while let Some(BlockKind::Paragraph(item)) = intro.get(i).map(|b| &b.kind) {
                    if let Some(first) = first_link(item) {
                        named.push(first);
                    }
                    i += 1;
                }
            }
        } else if let Some(start) = DERIVED_BEFORE.iter().filter_map(|ph| lower.find(ph)).min() {
            named.extend(
                links
                    .iter()
                    .filter(|(at, _, _)| *at < start)
                    .map(|(_, t, x)| (t.clone(), x.clone())),
            );
        }
        if !named.is_empty() {
            out.push((b.line, named));
        }
    }
    out
}

impl<'d> Builder<'d> {
    /// Records the types a resource page's introduction says derive from
    /// `base` (see [`derived_named`]), for
    /// [`Builder::bases_named_by_base_pages`].
    pub(super) fn derived_types_named(
        &mut self,
        info: &PageInfo,
        base: &QualifiedName,
        named: Vec<(u32, Vec<(String, String)>)>,
    ) {
        for (line, links) in named {
            for (target, link_text) in links {
                let Some((derived, _)) = self.type_of_link(info, &target, &link_text, line) else {
                    continue;
                };
                if derived.key() != base.key() {
                    self.derived_claims
                        .push((derived.key(), base.clone(), info.at(line)));
                }
            }
        }
    }

    /// A type whose own page names no base takes the base whose page lists
    /// it as derived; a page that names a base outside the chain the base
    /// page claims is reported (D120) and keeps its own.
    pub(super) fn bases_named_by_base_pages(&mut self) {
        for (key, base, at) in std::mem::take(&mut self.derived_claims) {
            let Some(ty) = self.model.types.get(&key) else {
                continue;
            };
            if ty.kind == TypeKind::Enum {
                continue;
            }
            match &ty.base {
                None => {
                    if !self.is_ancestor(&base.key(), &key) {
                        self.model.types.get_mut(&key).expect("exists").base = Some(base);
                    }
                }
                Some(_) if self.is_ancestor(&key, &base.key()) => {}
                Some(own) => {
                    let msg = format!(
                        "`{}` is listed as derived from `{}`, but its own page names `{}` as its base; its own page wins",
                        ty.name.full(),
                        base.full(),
                        own.full()
                    );
                    let other = ty.sources[0].clone();
                    self.diags
                        .conflict(Code::BaseTypeConflict, &at, &other, msg);
                }
            }
        }
    }
}

/// A paragraph's plain text and its links, each with the byte offset in the
/// text where it starts.
fn text_and_links(p: &[Inline]) -> (String, Vec<(usize, String, String)>) {
    let mut text = String::new();
    let mut links = Vec::new();
    collect(p, &mut text, &mut links);
    (text, links)
}

fn collect(p: &[Inline], text: &mut String, links: &mut Vec<(usize, String, String)>) {
    for i in p {
        match i {
            Inline::Link { target, content } => {
                links.push((text.len(), target.clone(), plain_text_of(content)));
                text.push_str(&plain_text_of(content));
            }
            Inline::Strong(c) | Inline::Emphasis(c) => collect(c, text, links),
            other => text.push_str(&plain_text_of(std::slice::from_ref(other))),
        }
    }
}
