//! Descriptions to rustdoc: text escaped so rustdoc reads no markdown or HTML
//! into it, bare URLs in `<>`, links kept, code spans kept.

use crate::diag::Location;
use crate::model::{Doc, Span};
use proc_macro2::TokenStream;

/// Escapes text for rustdoc markdown and wraps bare URLs in `<>`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let next_url = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let (plain, url_part) = match next_url {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        for c in plain.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '!'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        if url_part.is_empty() {
            break;
        }
        let end = url_part
            .find(|c: char| {
                c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | ']' | '`')
            })
            .unwrap_or(url_part.len());
        let (url, after) = url_part.split_at(end);
        let url_trimmed = url.trim_end_matches(['.', ',', ';', ':']);
        out.push('<');
        out.push_str(url_trimmed);
        out.push('>');
        out.push_str(&url[url_trimmed.len()..]);
        rest = after;
    }
    out
}

fn code_span(code: &str) -> String {
    let fence = if code.contains('`') { "``" } else { "`" };
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Renders a description as markdown lines.
pub fn render(doc: &Doc) -> Vec<String> {
    let mut lines = vec![String::new()];
    for span in &doc.spans {
        let current = lines.last_mut().expect("never empty");
        match span {
            Span::Text(t) => current.push_str(&escape_text(&t.replace(['\n', '\r'], " "))),
            Span::Code(c) => current.push_str(&code_span(&c.replace(['\n', '\r'], " "))),
            Span::Link { text, url } => current.push_str(&format!(
                "[{}]({})",
                escape_text(text),
                url.replace(' ', "%20").replace(')', "%29")
            )),
            Span::Break => {
                lines.push(String::new());
                lines.push(String::new());
            }
        }
    }
    let mut out: Vec<String> = lines.into_iter().map(|l| l.trim().to_string()).collect();
    // No more than one blank line in a row, none at the ends.
    out.dedup_by(|a, b| a.is_empty() && b.is_empty());
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// `#[doc]` attributes: the description, extra paragraphs, then the source.
pub fn attrs(doc: &Doc, extra: &[String], sources: &[&Location]) -> TokenStream {
    let mut lines = render(doc);
    for e in extra {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(e.clone());
    }
    if !sources.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let list: Vec<String> = sources
            .iter()
            .map(|s| format!("`{}:{}`", s.file, s.line))
            .collect();
        lines.push(format!("Source: {}.", list.join(", ")));
    }
    lines_to_attrs(&lines)
}

/// `#[doc = " line"]` for each line, built as one stream: the docs are
/// the most frequent tokens of the output, and a `quote!` per line, each
/// interpolated into the next, copies every line's tokens again.
pub fn lines_to_attrs(lines: &[String]) -> TokenStream {
    use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenTree};
    let mut out = TokenStream::new();
    let mut text = String::new();
    for l in lines {
        text.clear();
        if !l.is_empty() {
            text.push(' ');
            text.push_str(l);
        }
        let attr: TokenStream = [
            TokenTree::Ident(Ident::new("doc", Span::call_site())),
            TokenTree::Punct(Punct::new('=', Spacing::Alone)),
            TokenTree::Literal(raw_string(&text, 0)),
        ]
        .into_iter()
        .collect();
        out.extend([
            TokenTree::Punct(Punct::new('#', Spacing::Alone)),
            TokenTree::Group(Group::new(Delimiter::Bracket, attr)),
        ]);
    }
    out
}

/// Text as a raw string literal (`r"..."`, with at least `min_hashes`
/// `#` and as many as the text needs). The printed file is the same as with an escaped literal, but
/// neither side escapes: building an escaped literal runs every character
/// through `escape_debug`, and `syn` reads it back character by character,
/// twice (once to find its suffix, once for its value), where a raw
/// literal's value is a slice.
pub fn raw_string(text: &str, min_hashes: usize) -> proc_macro2::Literal {
    let mut hashes = min_hashes;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let hashes = "#".repeat(hashes);
    // A bare carriage return is the one character no string literal may
    // hold; such text gets the escaped form.
    (!text.contains('\r'))
        .then(|| format!("r{hashes}\"{text}\"{hashes}").parse().ok())
        .flatten()
        .unwrap_or_else(|| proc_macro2::Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The raw literals print as the escaped ones `quote!` writes: the
    /// same file comes out of prettyplease, and each value is the line.
    #[test]
    fn doc_lines_print_as_the_attributes_quote_writes() {
        let lines = [
            "First \"line\".".to_string(),
            String::new(),
            "Quotes and hashes: \"# and \"##, a \\ backslash, a \t tab.".to_string(),
        ];
        let print = |items: TokenStream| {
            let file: syn::File = syn::parse2(quote! { #items struct S; }).unwrap();
            prettyplease::unparse(&file)
        };
        let ours = lines_to_attrs(&lines);
        assert_eq!(
            print(ours.clone()),
            print(quote! {
                #[doc = " First \"line\"."]
                #[doc = ""]
                #[doc = " Quotes and hashes: \"# and \"##, a \\ backslash, a \t tab."]
            })
        );
        let item: syn::ItemStruct = syn::parse2(quote! { #ours struct S; }).unwrap();
        let values: Vec<String> = item
            .attrs
            .iter()
            .map(|a| match &a.meta {
                syn::Meta::NameValue(syn::MetaNameValue {
                    value:
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }),
                    ..
                }) => s.value(),
                _ => panic!("not a doc string"),
            })
            .collect();
        let expected: Vec<String> = lines
            .iter()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!(" {l}")
                }
            })
            .collect();
        assert_eq!(values, expected);
        assert_eq!(raw_string("a", 0).to_string(), "r\"a\"");
        assert_eq!(raw_string("a\"#b", 0).to_string(), "r##\"a\"#b\"##");
        assert_eq!(raw_string("a", 1).to_string(), "r#\"a\"#");
        assert_eq!(raw_string("a\rb", 0).to_string(), "\"a\\rb\"");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_text("a <b> [c] x_y"), "a \\<b\\> \\[c\\] x\\_y");
        assert_eq!(
            escape_text("see https://aka.ms/x. Done"),
            "see <https://aka.ms/x>. Done"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
    }
}
