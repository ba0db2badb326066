//! Fuzzes the plan on the model of any input (see `common.rs`): every
//! name, the path tree and the tests decided, with no tokens. Never a
//! panic, never a diagnostic that says the generator has a bug.
#![no_main]

#[path = "common.rs"]
mod common;

use generator::config::Options;
use generator::diag::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::default();
    let model = common::model_of(data, &mut diags);
    let _plan = generator::plan::plan(&model, &Options::default(), &mut diags);
    common::no_generator_bug(diags);
});
