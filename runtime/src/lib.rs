//! The runtime every generated crate carries: the client and its transport
//! (`client`), requests as data (`request`), checked primitive values
//! (`primitives`) and the impls generated enums share (`enums`).
//!
//! This crate exists so the runtime is compiled and tested on its own
//! (`cargo test -p client-runtime`); the generator copies each module's
//! source into every crate it writes (`generator/src/emit/mod.rs`), where
//! the modules sit at the crate root as they do here, so `crate::client`
//! names the same module in both places.

pub mod auth;
pub mod batch;
pub mod client;
// The macro is for generated enums; this crate has none outside its tests.
#[allow(unused_macros, unused_imports)]
mod enums;
pub mod error;
pub mod filter;
pub mod json;
pub mod primitives;
pub mod request;
pub mod retry;
pub mod transport;
pub mod upload;
