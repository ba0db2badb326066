//! Descriptions as structured text, free of markdown.
//!
//! The parse stage hands over inline content; here it becomes spans of text,
//! code and resolved links. TODO placeholders are removed (the caller warns),
//! so they never become documentation.

use crate::parse::Inline;
use serde::Serialize;

/// A description: a sequence of spans, with `Break` between lines.
#[derive(Hash, Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Doc {
    pub spans: Vec<Span>,
}

#[derive(Hash, Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Span {
    Text(String),
    Code(String),
    /// A link with an absolute URL.
    Link {
        text: String,
        url: String,
    },
    Break,
}

/// The site that relative `/graph/...` links point into.
const DOCS_SITE: &str = "https://learn.microsoft.com";

impl Doc {
    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| match s {
            Span::Text(t) => t.trim().is_empty(),
            Span::Break => true,
            _ => false,
        })
    }

    /// Converts inlines. Returns the doc and whether a TODO placeholder was
    /// removed from it.
    pub fn from_inlines(inlines: &[Inline]) -> (Doc, bool) {
        let mut doc = Doc::default();
        let mut todo = false;
        push_inlines(inlines, &mut doc.spans, &mut todo);
        doc.tidy(todo);
        (doc, todo)
    }

    /// Plain text, for plain-text uses (summaries, matching).
    pub fn plain(&self) -> String {
        let mut s = String::new();
        for span in &self.spans {
            match span {
                Span::Text(t) | Span::Code(t) => s.push_str(t),
                Span::Link { text, .. } => s.push_str(text),
                Span::Break => s.push(' '),
            }
        }
        s
    }

    /// Merges adjacent text, trims the ends, and after a removed TODO drops
    /// the punctuation it leaves behind (`**TODO**. Possible values...`).
    fn tidy(&mut self, after_todo: bool) {
        let mut out: Vec<Span> = Vec::new();
        for span in self.spans.drain(..) {
            match (out.last_mut(), span) {
                (Some(Span::Text(prev)), Span::Text(t)) => prev.push_str(&t),
                (_, s) => out.push(s),
            }
        }
        while matches!(out.first(), Some(Span::Break)) {
            out.remove(0);
        }
        while matches!(out.last(), Some(Span::Break)) {
            out.pop();
        }
        if let Some(Span::Text(t)) = out.first_mut() {
            let trimmed = if after_todo {
                t.trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == ':')
            } else {
                t.trim_start()
            };
            *t = trimmed.to_string();
        }
        if let Some(Span::Text(t)) = out.last_mut() {
            *t = t.trim_end().to_string();
        }
        out.retain(|s| !matches!(s, Span::Text(t) if t.is_empty()));
        self.spans = out;
    }
}

fn is_todo(inlines: &[Inline]) -> bool {
    crate::parse::plain_text_of(inlines)
        .trim_start()
        .starts_with("TODO")
}

fn push_inlines(inlines: &[Inline], out: &mut Vec<Span>, todo: &mut bool) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                if t.trim_start().starts_with("TODO:") {
                    *todo = true;
                } else {
                    out.push(Span::Text(t.clone()));
                }
            }
            Inline::Code(c) => out.push(Span::Code(c.clone())),
            Inline::Strong(c) | Inline::Emphasis(c) => {
                if is_todo(c) {
                    *todo = true;
                } else {
                    push_inlines(c, out, todo);
                }
            }
            Inline::Link { target, content } => {
                let text = crate::parse::plain_text_of(content);
                match resolve_url(target) {
                    Some(url) if !text.trim().is_empty() => out.push(Span::Link { text, url }),
                    _ => out.push(Span::Text(text)),
                }
            }
            Inline::Break => out.push(Span::Break),
        }
    }
}

/// Absolute URLs stay; site-relative docs links get the docs site; links to
/// other pages of the folder and anchors are kept as text by the caller.
fn resolve_url(target: &str) -> Option<String> {
    if target.starts_with("https://") || target.starts_with("http://") {
        Some(target.to_string())
    } else if target.starts_with("/graph/") || target.starts_with("/azure/") {
        Some(format!("{DOCS_SITE}{target}"))
    } else {
        target
            .strip_prefix("/concepts/")
            .map(|rest| format!("{DOCS_SITE}/graph/{}", rest.trim_end_matches(".md")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todo_is_removed() {
        let inlines = vec![
            Inline::Strong(vec![Inline::Text("TODO: Add Description".into())]),
            Inline::Text(". Possible values are: ".into()),
            Inline::Code("Pending".into()),
        ];
        let (doc, todo) = Doc::from_inlines(&inlines);
        assert!(todo);
        assert_eq!(doc.plain(), "Possible values are: Pending");
    }

    #[test]
    fn links() {
        let inlines = vec![
            Inline::Link {
                target: "../resources/entity.md".into(),
                content: vec![Inline::Text("entity".into())],
            },
            Inline::Text(" and ".into()),
            Inline::Link {
                target: "/graph/permissions-reference".into(),
                content: vec![Inline::Text("Permissions".into())],
            },
        ];
        let (doc, _) = Doc::from_inlines(&inlines);
        assert_eq!(doc.spans[0], Span::Text("entity and ".into()));
        assert_eq!(
            doc.spans[1],
            Span::Link {
                text: "Permissions".into(),
                url: "https://learn.microsoft.com/graph/permissions-reference".into()
            }
        );
    }
}
