//! Fuzzes reading and parsing one page: any bytes must give a page and
//! diagnostics, never a panic.
#![no_main]

use generator::parse::parse_page;
use generator::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("fuzz.md".into(), data.to_vec());
    let (page, _) = parse_page(&source.rel, &source.text);
    // JSON is parsed when first asked for; ask, so it is fuzzed too.
    for block in &page.blocks {
        if let Some(code) = block.code() {
            let _ = code.json();
            if let Some(generator::parse::HttpMessage::Request(generator::parse::HttpRequest {
                body: Some(body),
                ..
            })
            | generator::parse::HttpMessage::Response(generator::parse::HttpResponse {
                body: Some(body),
                ..
            })) = &code.http
            {
                let _ = body.json();
            }
        }
    }
});
