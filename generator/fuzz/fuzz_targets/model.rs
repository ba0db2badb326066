//! Fuzzes reading without emitting: expand, parse and model, fast enough
//! (thousands of inputs a second) to find something. The input is split
//! into pages (see `common.rs`). Any bytes must give a model and
//! diagnostics, never a panic, and never a diagnostic that says the
//! generator itself has a bug.
#![no_main]

#[path = "common.rs"]
mod common;

use generator::diag::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::default();
    let _model = common::model_of(data, &mut diags);
    common::no_generator_bug(diags);
});
