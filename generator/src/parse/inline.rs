//! Inline content of paragraphs, headings and table cells, without markdown.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Inline content: enough structure for descriptions and type cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Link {
        target: String,
        content: Vec<Inline>,
    },
    /// A line break (`<br>` or a hard break).
    Break,
}

impl Inline {
    /// The inline with no spare capacity in its text: text events are
    /// joined by pushing, which leaves room to grow that is never used.
    fn fitted(mut self) -> Inline {
        if let Inline::Text(t) = &mut self {
            t.shrink_to_fit();
        }
        self
    }
}

/// Builds nested inlines from pulldown-cmark events.
#[derive(Default)]
pub(super) struct Collector {
    stack: Vec<(Frame, Vec<Inline>)>,
    out: Vec<Inline>,
}

enum Frame {
    Strong,
    Emphasis,
    Link(String),
    /// Images and other containers whose content is kept as plain inlines.
    Transparent,
}

impl Collector {
    pub(super) fn reset(&mut self) {
        self.stack.clear();
        self.out.clear();
    }

    /// The inlines collected since the last reset, in a vector of their
    /// exact length. Most cells and paragraphs hold one or two inlines, and
    /// a vector grown by pushing holds room for four: tables and paragraphs
    /// were most of a parsed page's memory. The collector keeps its own
    /// buffer for the next block.
    pub(super) fn take(&mut self) -> Vec<Inline> {
        // Close anything left open so no content is lost.
        while !self.stack.is_empty() {
            self.close();
        }
        self.out.drain(..).map(Inline::fitted).collect()
    }

    fn current(&mut self) -> &mut Vec<Inline> {
        match self.stack.last_mut() {
            Some((_, v)) => v,
            None => &mut self.out,
        }
    }

    fn push_text(&mut self, t: &str) {
        let cur = self.current();
        if let Some(Inline::Text(prev)) = cur.last_mut() {
            prev.push_str(t);
        } else {
            cur.push(Inline::Text(t.to_string()));
        }
    }

    fn close(&mut self) {
        if let Some((frame, mut content)) = self.stack.pop() {
            content.shrink_to_fit();
            let inline = match frame {
                Frame::Strong => Inline::Strong(content),
                Frame::Emphasis => Inline::Emphasis(content),
                Frame::Link(target) => Inline::Link { target, content },
                Frame::Transparent => {
                    for i in content {
                        self.current().push(i);
                    }
                    return;
                }
            };
            self.current().push(inline);
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Text(t) => self.push_text(&t),
            Event::Code(t) => self.current().push(Inline::Code(t.to_string())),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.current().push(Inline::Break),
            Event::InlineHtml(h) | Event::Html(h) => {
                let tag = h.trim_start().as_bytes();
                if tag.len() >= 3 && tag[..3].eq_ignore_ascii_case(b"<br") {
                    self.current().push(Inline::Break);
                }
            }
            Event::Start(Tag::Strong) => self.stack.push((Frame::Strong, vec![])),
            Event::Start(Tag::Emphasis) => self.stack.push((Frame::Emphasis, vec![])),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.stack.push((Frame::Link(dest_url.to_string()), vec![]))
            }
            Event::Start(Tag::Image { .. }) | Event::Start(Tag::Strikethrough) => {
                self.stack.push((Frame::Transparent, vec![]))
            }
            Event::End(TagEnd::Strong)
            | Event::End(TagEnd::Emphasis)
            | Event::End(TagEnd::Link)
            | Event::End(TagEnd::Image)
            | Event::End(TagEnd::Strikethrough) => self.close(),
            _ => {}
        }
    }
}

/// The text of inlines with all markup removed.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    write_plain(inlines, &mut s);
    s
}

fn write_plain(inlines: &[Inline], s: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                write_plain(c, s)
            }
            Inline::Break => s.push(' '),
        }
    }
}

/// Whether inlines hold no text but whitespace, as [`plain_text`] would
/// show them, without building that text.
pub fn is_blank(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) | Inline::Code(t) => t.trim().is_empty(),
        Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => is_blank(c),
        Inline::Break => true,
    })
}

/// Link targets in order of appearance.
pub fn links(inlines: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    for_each_link(inlines, &mut |target| out.push(target.to_string()));
    out
}

/// Calls `f` with each link target in order of appearance, borrowed: a
/// caller that keeps few of them (the links that resolve to no page) copies
/// only those.
pub fn for_each_link<'a>(inlines: &'a [Inline], f: &mut impl FnMut(&'a str)) {
    for i in inlines {
        match i {
            Inline::Link { target, content } => {
                f(target);
                for_each_link(content, f);
            }
            Inline::Strong(c) | Inline::Emphasis(c) => for_each_link(c, f),
            _ => {}
        }
    }
}
