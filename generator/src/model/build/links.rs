//! Links between pages: which are broken, and which leave the docs folder.

use super::*;

impl<'d> Builder<'d> {
    /// Where the page a link points to is (its first line), for diagnostics
    /// that name both places.
    pub(super) fn linked_page_at(&self, page: &PageInfo, target: &str) -> Location {
        let file = resolve_link(&page.page.file, target)
            .and_then(|(resolved, _)| self.page_files.get(&resolved).cloned())
            .unwrap_or_else(|| target.to_string());
        Location::new(file, 1)
    }

    /// The type the page a link points to declares: `[Range](range.md)`
    /// names `workbookRange` when `range.md` declares it, whatever the link
    /// text says. In a flat folder (the seeds), a page of the same file name
    /// anywhere in the folder, when only one declares a type.
    pub(super) fn linked_type(&self, page: &PageInfo, target: &str) -> Option<QualifiedName> {
        let (resolved, _) = resolve_link(&page.page.file, target)?;
        if let Some(q) = self.page_types.get(&resolved) {
            return Some(q.clone());
        }
        let file_name = resolved.rsplit('/').next().unwrap_or(&resolved);
        let mut named = self
            .page_type_files
            .get(file_name)
            .into_iter()
            .flatten()
            .filter_map(|f| self.page_types.get(f));
        match (named.next(), named.next()) {
            (Some(q), None) if !self.files.contains(&resolved) => Some(q.clone()),
            _ => None,
        }
    }

    /// Checks a type's link to another page of the docs. A link that
    /// resolves into a folder holding pages, to a page that is not there,
    /// is a broken link (a warning; the links of prose are found with
    /// [`missing_pages`]). Links that leave the docs folder or point into
    /// folders it does not hold (the corpus has no `concepts/`) cannot be
    /// checked; for a type's link that is worth an info, as the type is
    /// then built only from what the pages show.
    ///
    /// Returns whether the link points outside the pages at hand.
    pub(super) fn note_link(&mut self, page: &PageInfo, target: &str, line: u32) -> bool {
        let Some((resolved, outside)) = resolve_link(&page.page.file, target) else {
            return true;
        };
        let target = without_fragment(target);
        let checkable = checkable(self.folders, &resolved, outside);
        // The seeds are a flat folder: a link is also satisfied by a page of
        // the same file name anywhere in the folder.
        let file_name = resolved.rsplit('/').next().unwrap_or(&resolved);
        let exists = self.files.contains(&resolved)
            || (!checkable && self.resource_file_names.contains(file_name));
        if exists {
            return false;
        }
        if checkable {
            self.report_missing_page(page, target.to_string(), line);
        } else if self
            .missing_links
            .insert((page.page.file.clone(), target.to_string()))
        {
            self.diags.info(
                Code::LinkedPageMissing,
                &page.at(line),
                format!("linked page `{target}` is not in the docs folder; its type is built from what these pages show"),
            );
        }
        !checkable
    }

    /// Reports a link to a page that is not there, in a folder that holds
    /// pages: once per page and target (`target` without its `#` or `?`
    /// part).
    pub(super) fn report_missing_page(&mut self, page: &PageInfo, target: String, line: u32) {
        if self
            .missing_links
            .insert((page.page.file.clone(), target.clone()))
        {
            self.diags.warning(
                Code::LinkedPageMissing,
                &page.at(line),
                format!("link to `{target}`, which is not a page of the docs folder"),
            );
        }
    }
}

/// The links of a page's prose and tables to pages that are not there, in
/// folders that hold pages, with their lines and without their `#` or `?`
/// part: what [`Builder::report_missing_page`] reports of a page's prose
/// (see [`Builder::note_link`]). It reads one page and the page list
/// alone, so pages are read on the second core while the first merges;
/// the links are then reported in page order.
pub(super) fn missing_pages(
    files: &FileSet,
    folders: &BTreeSet<String>,
    info: &PageInfo,
) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut resolved = String::new();
    let mut keep = |target: &str, line: u32| {
        let missing =
            resolve_link_into(&info.page.file, target, &mut resolved).is_some_and(|outside| {
                checkable(folders, &resolved, outside) && !files.contains(&resolved)
            });
        if missing {
            out.push((without_fragment(target).to_string(), line));
        }
    };
    for (_, _, block) in &info.blocks {
        match &block.kind {
            BlockKind::Paragraph(inlines) => {
                for_each_link(inlines, &mut |l| keep(l, block.line));
            }
            BlockKind::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        for_each_link(cell, &mut |l| keep(l, row.line));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A link's target without its `#` or `?` part: the page it names.
fn without_fragment(target: &str) -> &str {
    target.split(['#', '?']).next().unwrap_or(target)
}

/// Whether a link resolved to `resolved` can be checked: it stays in the
/// docs folder and points into a folder that holds pages (the corpus has
/// no `concepts/`, so links there say nothing of a missing page).
fn checkable(folders: &BTreeSet<String>, resolved: &str, outside: bool) -> bool {
    let folder = resolved.rsplit_once('/').map_or("", |(d, _)| d);
    !outside && folders.contains(folder)
}

/// A link to a page of the docs, resolved against the linking page's folder:
/// the lowercased path of the target from the docs root, and whether it
/// climbs out of the docs folder. `None` for links that are not to a page
/// (web addresses, anchors, absolute paths, files that are not markdown).
pub(super) fn resolve_link(page_file: &str, target: &str) -> Option<(String, bool)> {
    let mut resolved = String::new();
    resolve_link_into(page_file, target, &mut resolved).map(|outside| (resolved, outside))
}

/// [`resolve_link`], writing the path into `out` (cleared first) and
/// returning whether it climbs out of the docs folder. Every link of every
/// page comes here, so the path is built in place: a caller that keeps few
/// of the paths (see [`missing_pages`]) reuses one buffer.
fn resolve_link_into(page_file: &str, target: &str, out: &mut String) -> Option<bool> {
    if target.contains("://")
        || target.starts_with('/')
        || target.starts_with('#')
        || target.starts_with("mailto:")
    {
        return None;
    }
    let target = without_fragment(target).trim();
    let ext = target.len().checked_sub(3).map(|i| &target.as_bytes()[i..]);
    if !ext.is_some_and(|e| e.eq_ignore_ascii_case(b".md")) {
        return None;
    }
    // The page's folder, then each segment of the target: `..` takes the
    // last segment off (or climbs out when there is none), `.` and empty
    // segments say nothing.
    out.clear();
    let mut depth = 0;
    if let Some((dir, _)) = page_file.rsplit_once('/') {
        out.push_str(dir);
        depth = dir.split('/').count();
    }
    let mut outside = false;
    for seg in target.split('/') {
        match seg {
            ".." if depth == 0 => outside = true,
            ".." => {
                depth -= 1;
                out.truncate(out.rfind('/').unwrap_or(0));
            }
            "." | "" => {}
            s => {
                if depth > 0 {
                    out.push('/');
                }
                out.push_str(s);
                depth += 1;
            }
        }
    }
    out.make_ascii_lowercase();
    Some(outside)
}

#[cfg(test)]
mod tests {
    use super::resolve_link;

    #[test]
    fn links_resolve_against_the_page_folder() {
        for (page, target, expect) in [
            (
                "api/user-get.md",
                "../resources/User.md",
                Some(("resources/user.md", false)),
            ),
            (
                "api/user-get.md",
                "user-list.md#example",
                Some(("api/user-list.md", false)),
            ),
            (
                "api/user-get.md",
                "./a/./b/../c.MD?x=1",
                Some(("api/a/c.md", false)),
            ),
            (
                "api/user-get.md",
                "../../outside.md",
                Some(("outside.md", true)),
            ),
            ("top.md", "../x.md", Some(("x.md", true))),
            ("top.md", "x//y.md", Some(("x/y.md", false))),
            ("a/b/c.md", "../../../../d.md", Some(("d.md", true))),
            ("api/user-get.md", "https://example.com/a.md", None),
            ("api/user-get.md", "/docs/a.md", None),
            ("api/user-get.md", "#anchor", None),
            ("api/user-get.md", "image.png", None),
        ] {
            let got = resolve_link(page, target);
            assert_eq!(
                got.as_ref().map(|(p, o)| (p.as_str(), *o)),
                expect,
                "{page} -> {target}"
            );
        }
    }
}
