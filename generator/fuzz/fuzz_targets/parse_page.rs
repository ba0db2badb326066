//! Fuzzes reading and parsing one page: any bytes must give a page and
//! diagnostics, never a panic.
#![no_main]

use generator::parse::parse_page;
use generator::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("fuzz.md".into(), data.to_vec());
    let _ = parse_page(&source.rel, &source.text);
});
