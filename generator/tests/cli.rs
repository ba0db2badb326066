//! The command line as a user runs it: generate, `--check`, `--emit-ir`,
//! and errors that name the file and leave existing output alone.

mod common;

use common::{copy_dir, has, run, run_json, seeds};

#[test]
fn generate_then_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (ok, text) = run(&[seeds().to_str().unwrap(), out.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(text.contains("coverage:"), "{text}");
    assert!(text.contains("error(s),"), "summary line: {text}");
    // A diagnostic names its code, and quotes the line of the docs.
    assert!(
        text.contains("warning[D102/todo-placeholder]: permissions are TODO placeholders"),
        "{text}"
    );
    assert!(text.contains("000_2eadd6abef98a87b.md:18:1\n"), "{text}");
    assert!(
        text.contains("16 warning  D102 todo-placeholder"),
        "count by code: {text}"
    );
    let (ok, text) = run(&[seeds().to_str().unwrap(), out.to_str().unwrap(), "--check"]);
    assert!(ok, "{text}");

    // A hand edit and a removed file are both named by --check.
    let lib = out.join("src/lib.rs");
    let edited = format!("// {}\n// edited\n", generator::emit::HEADER);
    std::fs::write(&lib, &edited).unwrap();
    std::fs::remove_file(out.join("README.md")).unwrap();
    let (ok, text) = run(&[seeds().to_str().unwrap(), out.to_str().unwrap(), "--check"]);
    assert!(!ok);
    assert!(text.contains("src/lib.rs: differs"), "{text}");
    assert!(text.contains("README.md: missing"), "{text}");
    assert!(
        text.contains("run `cargo run -p generator` and commit"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(&lib).unwrap(),
        edited,
        "--check writes nothing"
    );

    // A user's own file in the output folder survives regeneration; a
    // generated file that is no longer generated is removed.
    std::fs::write(out.join("NOTES.md"), "mine\n").unwrap();
    let stale = out.join("src/old.rs");
    std::fs::write(&stale, format!("// {}\n", generator::emit::HEADER)).unwrap();
    let (ok, text) = run(&[seeds().to_str().unwrap(), out.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(out.join("NOTES.md").exists());
    assert!(!stale.exists());
    assert!(std::fs::read_to_string(&lib)
        .unwrap()
        .starts_with("// @generated"));

    // A file without the generated header where the generator would write
    // is the user's: the run refuses and changes nothing.
    std::fs::write(&lib, "// mine\n").unwrap();
    std::fs::remove_file(out.join("README.md")).unwrap();
    let (ok, text) = run(&[seeds().to_str().unwrap(), out.to_str().unwrap()]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("src/lib.rs: error: this file was not written by the generator"),
        "{text}"
    );
    assert!(text.contains("left unchanged"), "{text}");
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), "// mine\n");
    assert!(!out.join("README.md").exists(), "nothing was written");
}

#[test]
fn emit_ir_writes_the_model() {
    let tmp = tempfile::tempdir().unwrap();
    let ir = tmp.path().join("ir.json");
    let (ok, text) = run(&[
        seeds().to_str().unwrap(),
        tmp.path().join("out").to_str().unwrap(),
        "--emit-ir",
        ir.to_str().unwrap(),
    ]);
    assert!(ok, "{text}");
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ir).unwrap()).unwrap();
    assert_eq!(
        model["types"]["microsoft.graph.cloudpconpremisesconnectionstatus"]["kind"],
        "enum"
    );
    assert_eq!(model["operations"].as_array().unwrap().len(), 4);
}

#[test]
fn missing_docs_folder_is_an_error_and_output_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.rs"), "kept\n").unwrap();
    let missing = tmp.path().join("no-such-docs");
    let (ok, text) = run(&[missing.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("no-such-docs"), "{text}");
    assert_eq!(
        std::fs::read_to_string(out.join("keep.rs")).unwrap(),
        "kept\n"
    );
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (ok, text) = run(&[empty.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("no `.md` pages"), "{text}");
}

#[test]
fn broken_pages_get_located_diagnostics_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_dir(&seeds(), &docs);
    // An annotation that is not JSON, a body that is not JSON, a table with
    // an unreadable type, and a page that is not UTF-8.
    let page = docs.join("000_2eadd6abef98a87b.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let text = text
        .replacen("\"blockType\": \"request\",", "\"blockType\": request", 1)
        .replace("|inUse|Boolean|", "|inUse|Boolean or String|")
        .replace("\"inUse\": \"Boolean\"\n}", "\"inUse\": \"Boolean\",,\n}");
    std::fs::write(&page, text).unwrap();
    std::fs::write(docs.join("zz.md"), b"---\ntitle: \xff\xfe\n---\n# x\n").unwrap();
    let (ok, text) = run(&[
        docs.to_str().unwrap(),
        tmp.path().join("out").to_str().unwrap(),
    ]);
    assert!(ok, "docs problems are diagnostics, not failures: {text}");
    assert!(!text.contains("panicked"), "{text}");
    let (_, d, _) = run_json(&[
        docs.to_str().unwrap(),
        tmp.path().join("out2").to_str().unwrap(),
    ]);
    assert!(
        has(
            &d,
            "D004",
            "000_2eadd6abef98a87b.md",
            72,
            "annotation comment is not valid JSON"
        ),
        "{d:#?}"
    );
    assert!(
        has(
            &d,
            "D105",
            "000_2eadd6abef98a87b.md",
            60,
            "type `Boolean or String` does not name one type"
        ),
        "{d:#?}"
    );
    assert!(
        has(
            &d,
            "D110",
            "000_2eadd6abef98a87b.md",
            131,
            "response body is not valid JSON"
        ),
        "{d:#?}"
    );
    assert!(has(&d, "D001", "zz.md", 2, "is not UTF-8"), "{d:#?}");
}
