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

use proc_macro2::TokenStream;
#[cfg(test)]
use proc_macro2::{Delimiter, TokenTree};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the last run wrote, as its manifest recorded it.
#[derive(Debug, Default)]
pub struct Reuse {
    /// The output folder.
    pub dir: PathBuf,
    /// Relative path to what the manifest records of it.
    pub files: BTreeMap<String, Recorded>,
}

/// A file as the last run's manifest records it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub text: String,
    /// The hash of the tokens it was formatted from.
    pub tokens: String,
    /// The hash of its inputs (see `inputs`), for files that have one.
    pub inputs: Option<String>,
}

/// A file taken from the last run.
pub struct Reused {
    pub text: String,
    /// The hash of `text`, which it was read and checked against.
    pub text_hash: String,
    /// The hash of the tokens it was formatted from.
    pub tokens: String,
}

impl Reuse {
    /// The text of `path` from the last run, if its tokens hashed to
    /// `tokens` and the file on disk is still what was written.
    pub fn text(&self, path: &str, tokens: &str) -> Option<Reused> {
        let recorded = self.files.get(path)?;
        if recorded.tokens != tokens {
            return None;
        }
        self.on_disk(path, recorded)
    }

    /// The text of `path` from the last run, if its inputs hashed to
    /// `inputs` and the file on disk is still what was written.
    pub fn by_inputs(&self, path: &str, inputs: &str) -> Option<Reused> {
        let recorded = self.files.get(path)?;
        if recorded.inputs.as_deref() != Some(inputs) {
            return None;
        }
        self.on_disk(path, recorded)
    }

    fn on_disk(&self, path: &str, recorded: &Recorded) -> Option<Reused> {
        let text = std::fs::read_to_string(self.dir.join(path)).ok()?;
        (text_hash(text.as_bytes()) == recorded.text).then(|| Reused {
            text,
            text_hash: recorded.text.clone(),
            tokens: recorded.tokens.clone(),
        })
    }
}

/// The hash of a file's text, as the manifest records it.
pub fn text_hash(text: &[u8]) -> String {
    blake3::hash(text).to_hex().to_string()
}

/// The hash of a token stream: its text as `Display` writes it (every
/// token, delimiters, and spacing: a joint punctuation mark is written
/// without the space that follows any other token), fed to the hasher as
/// it is written. Walking the stream instead would copy it: proc-macro2
/// has no borrowing iterator, and iterating a shared stream clones every
/// token (a fifth of the format stage's time when it did).
///
/// `Display` writes a group without delimiters (`Delimiter::None`) as its
/// bare tokens, which could parse differently; the printers make no such
/// group (the test below checks what a fixture's printers return).
pub fn tokens_hash(tokens: &TokenStream) -> String {
    let mut feed = super::inputs::Feed::new();
    // Writing to the hasher cannot fail.
    let _ = std::fmt::Write::write_fmt(&mut feed, format_args!("{tokens}"));
    feed.hex()
}

/// Whether a stream holds a group without delimiters, which
/// [`tokens_hash`] does not tell apart from its bare tokens.
#[cfg(test)]
pub fn has_undelimited_group(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Group(g) => {
            g.delimiter() == Delimiter::None || has_undelimited_group(&g.stream())
        }
        _ => false,
    })
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

    #[test]
    fn a_group_without_delimiters_is_found_at_any_depth() {
        let bare = proc_macro2::Group::new(Delimiter::None, quote! { a + b });
        assert!(has_undelimited_group(&quote! { fn f() { (#bare) * c } }));
        assert!(!has_undelimited_group(&quote! { fn f() { (a + b) * c } }));
    }
}
