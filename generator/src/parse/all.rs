//! Parsing every page of a run, on all cores.

use super::{parse_page, Page};

/// Parses all pages, on all cores; page order is kept.
pub fn parse_all(
    sources: &[crate::source::SourceFile],
    diags: &mut crate::diag::Diagnostics,
) -> Vec<Page> {
    let results = crate::config::par_map(sources, |f| {
        let (mut page, mut issues) = parse_page(&f.rel, &f.text);
        issues.splice(0..0, f.issues.iter().cloned());
        page.origins = f.origins.clone();
        (page, issues)
    });
    let mut pages = Vec::with_capacity(sources.len());
    for (page, issues) in results {
        for issue in issues {
            let (file, line) = page.locate(issue.line);
            diags.push(
                issue.severity,
                crate::diag::Origin::Docs,
                issue.code,
                &crate::diag::Location::at(file.to_string(), line, issue.column),
                issue.message,
            );
        }
        pages.push(page);
    }
    pages
}
