//! Incremental regeneration: a file whose tokens are those of the last run
//! is not formatted again; its text is taken from the output folder.
//!
//! A file's input is exactly the token stream its printer returned: the
//! text is `HEADER` plus `prettyplease::unparse` of those tokens, so equal
//! tokens (and an unchanged generator, which the manifest records) give
//! equal text. The tokens' hash is recorded beside each file's text hash in
//! the manifest; the text is reused only when the file on disk still has
//! the recorded text hash, so an edited or damaged file is formatted anew.
//! Building the tokens is cheap beside parsing them into syntax trees and
//! printing them, which is what a reused file saves.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the last run wrote, as its manifest recorded it.
#[derive(Debug, Default)]
pub struct Reuse {
    /// The output folder.
    pub dir: PathBuf,
    /// Relative path to (tokens hash, text hash).
    pub files: BTreeMap<String, (String, String)>,
}

impl Reuse {
    /// The text of `path` from the last run, if its tokens hashed to
    /// `tokens` and the file on disk is still what was written.
    pub fn text(&self, path: &str, tokens: &str) -> Option<String> {
        let (recorded_tokens, recorded_text) = self.files.get(path)?;
        if recorded_tokens != tokens {
            return None;
        }
        let text = std::fs::read_to_string(self.dir.join(path)).ok()?;
        (blake3::hash(text.as_bytes()).to_hex().as_str() == recorded_text).then_some(text)
    }
}

/// The hash of a token stream: every token's kind, text, delimiters and
/// spacing, without building its string.
pub fn tokens_hash(tokens: &TokenStream) -> String {
    let mut h = blake3::Hasher::new();
    feed(&mut h, tokens.clone());
    h.finalize().to_hex().to_string()
}

fn feed(h: &mut blake3::Hasher, tokens: TokenStream) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => (b'(', b')'),
                    Delimiter::Brace => (b'{', b'}'),
                    Delimiter::Bracket => (b'[', b']'),
                    Delimiter::None => (b'<', b'>'),
                };
                h.update(&[open]);
                feed(h, g.stream());
                h.update(&[close]);
            }
            TokenTree::Ident(i) => {
                let s = i.to_string();
                h.update(b"i");
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            TokenTree::Literal(l) => {
                let s = l.to_string();
                h.update(b"l");
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            TokenTree::Punct(p) => {
                let mut buf = [0u8; 4];
                h.update(b"p");
                h.update(p.as_char().encode_utf8(&mut buf).as_bytes());
                h.update(&[u8::from(p.spacing() == Spacing::Joint)]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn the_hash_tells_apart_what_prints_differently() {
        let a = tokens_hash(&quote! { fn a() -> u8 { 1 } });
        assert_eq!(a, tokens_hash(&quote! { fn a() -> u8 { 1 } }));
        for other in [
            quote! { fn a() -> u8 { 2 } },
            quote! { fn b() -> u8 { 1 } },
            quote! { fn a() -> u8 [ 1 ] },
            quote! { fn a() - > u8 { 1 } },
            quote! { fn a() -> u8 { "1" } },
        ] {
            assert_ne!(a, tokens_hash(&other), "{other}");
        }
    }
}
