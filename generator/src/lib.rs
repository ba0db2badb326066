//! Turns Microsoft Graph markdown API reference docs into a typed Rust crate.
//!
//! The stages are `parse` (markdown to typed pages), `model` (one merged
//! intermediate model) and `emit` (Rust tokens and files); see ARCHITECTURE.md.

pub mod bench;
pub mod config;
pub mod coverage;
pub mod diag;
pub mod emit;
pub mod expand;
pub mod model;
pub mod names;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod report;
pub mod source;
