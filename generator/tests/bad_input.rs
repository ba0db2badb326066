//! Bad input never panics: each case gets a diagnostic that names the file
//! (and line and column where there is one), and a case that makes the run
//! fail leaves the output folder as it was.

mod common;

use common::{copy_dir, has, run, run_json, seeds, snapshot};

/// A docs folder with the seeds and one extra page, and an output folder
/// already generated from the seeds alone.
struct Case {
    _tmp: tempfile::TempDir,
    docs: std::path::PathBuf,
    out: std::path::PathBuf,
}

impl Case {
    fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        let out = tmp.path().join("out");
        copy_dir(&seeds(), &docs);
        let (ok, text) = run(&[docs.to_str().unwrap(), out.to_str().unwrap()]);
        assert!(ok, "{text}");
        Case {
            _tmp: tmp,
            docs,
            out,
        }
    }

    fn page(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.docs.join(name), bytes).unwrap();
        self
    }

    /// Runs the generator on the case; returns success and diagnostics.
    fn run(&self) -> (bool, Vec<serde_json::Value>, String) {
        let (ok, diags, err) = run_json(&[self.docs.to_str().unwrap(), self.out.to_str().unwrap()]);
        assert!(!err.contains("panicked"), "{err}");
        (ok, diags, err)
    }

    /// Runs and expects failure with the output folder untouched.
    fn fails_untouched(&self) -> (Vec<serde_json::Value>, String) {
        let before = snapshot(&self.out);
        let (ok, diags, err) = self.run();
        assert!(!ok, "the run should fail: {err}");
        assert!(err.contains("left unchanged"), "{err}");
        assert_eq!(before, snapshot(&self.out), "output changed");
        (diags, err)
    }
}

fn api_page(body: &str) -> String {
    format!(
        "---\ntitle: \"Get thing\"\ndoc_type: apiPageType\n---\n\n# Get thing\n\nNamespace: microsoft.graph\n\n{body}"
    )
}

#[test]
fn missing_and_empty_docs_folders_are_errors_naming_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-docs");
    let (ok, text) = run(&[
        missing.to_str().unwrap(),
        tmp.path().join("o").to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(text.contains("no-such-docs: error:"), "{text}");
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (ok, text) = run(&[
        empty.to_str().unwrap(),
        tmp.path().join("o").to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(text.contains("empty: error: no `.md` pages"), "{text}");
    assert!(!tmp.path().join("o").exists(), "no output from nothing");
}

#[test]
fn a_page_that_is_not_utf8_is_read_with_a_located_warning() {
    let case = Case::new();
    case.page("latin1.md", b"---\ntitle: caf\xe9\n---\n# x\n");
    let (ok, d, _) = case.run();
    assert!(ok);
    assert!(has(&d, "D001", "latin1.md", 2, "byte 0xe9"), "{d:#?}");
    let d = d.iter().find(|d| d["code"] == "D001").unwrap();
    assert_eq!(d["column"], 11, "points at the byte");
}

#[test]
fn a_binary_file_named_md_fails_the_run_naming_it() {
    let case = Case::new();
    case.page(
        "image.md",
        [
            0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13,
        ],
    );
    let (d, _) = case.fails_untouched();
    assert!(has(&d, "D002", "image.md", 3, "NUL byte"), "{d:#?}");
}

#[test]
fn a_50_mb_page_fails_the_run_naming_it() {
    let case = Case::new();
    let line = "| name | String | A description that goes on. |\n";
    case.page("huge.md", line.repeat(50 * 1024 * 1024 / line.len()));
    let (d, _) = case.fails_untouched();
    assert!(
        has(&d, "D003", "huge.md", 1, "more than the 16 MiB"),
        "{d:#?}"
    );
}

#[test]
fn a_ragged_table_is_located() {
    let case = Case::new();
    case.page(
        "ragged.md",
        api_page("## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|a|String|fine|\n|b|String|one (x | y) too many|\n|c|String|\n"),
    );
    let (ok, d, _) = case.run();
    assert!(ok);
    assert!(
        has(
            &d,
            "D007",
            "ragged.md",
            15,
            "4 cell(s) but the header has 3"
        ),
        "{d:#?}"
    );
}

#[test]
fn an_unterminated_code_fence_is_located() {
    let case = Case::new();
    case.page(
        "fence.md",
        api_page("## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Response\n\n```json\n{\"a\": 1}\n\nAll the rest is code now.\n"),
    );
    let (ok, d, _) = case.run();
    assert!(ok);
    assert!(has(&d, "D006", "fence.md", 18, "never closed"), "{d:#?}");
}

#[test]
fn an_annotation_that_is_not_json_is_located_to_the_column() {
    let case = Case::new();
    case.page(
        "annotation.md",
        api_page("## HTTP request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": get_thing\n} -->\n```http\nGET /things/{id}\n```\n"),
    );
    let (ok, d, _) = case.run();
    assert!(ok);
    assert!(
        has(&d, "D004", "annotation.md", 14, "not valid JSON"),
        "{d:#?}"
    );
    let d = d.iter().find(|d| d["code"] == "D004").unwrap();
    assert_eq!(d["column"], 11);
}

#[test]
fn deeply_nested_json_and_markdown_do_not_overflow() {
    let case = Case::new();
    let deep_json = "[".repeat(10_000) + &"]".repeat(10_000);
    let deep_object = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
    let deep_quote = ">".repeat(10_000) + " text\n";
    let deep_list = (0..2_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>();
    case.page(
        "deep.md",
        api_page(&format!(
            "## HTTP request\n\n```http\nPOST /things\n```\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-type: application/json\n\n{deep_object}\n```\n\n```json\n{deep_json}\n```\n\n{deep_quote}\n{deep_list}\n<!-- {{ \"blockType\": {deep_json} }} -->\n"
        )),
    );
    let (ok, d, err) = case.run();
    assert!(ok, "{err}");
    assert!(has(&d, "D110", "deep.md", 23, "recursion limit"), "{d:#?}");
}

#[test]
fn hostile_names_get_valid_unique_rust_names() {
    // Keywords, digits first, `@ . $ # -`, and names equal after case
    // conversion. The cursed fixture compiles the same names in the
    // workspace; here the point is that nothing breaks and collisions are
    // reported with both sources.
    let case = Case::new();
    case.page(
        "names.md",
        "---\ntitle: \"weird resource type\"\ndoc_type: resourcePageType\n---\n\n# weird resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|type|String|k|\n|self|String|k|\n|Self|String|k|\n|crate|String|k|\n|super|String|k|\n|1st|String|d|\n|odata.count|Int32|d|\n|price$|Double|d|\n|#tag|String|d|\n|user@host|String|d|\n|x-ms-id|String|d|\n|-x|String|d|\n|fooBar|String|c|\n|FooBar|String|c|\n|foo_bar|String|c|\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.weird\" } -->\n```json\n{ \"type\": \"String\" }\n```\n",
    );
    let (ok, d, err) = case.run();
    assert!(ok, "{err}");
    assert!(
        d.iter().all(|d| d["origin"] != "generator bug"),
        "emitted code parses: {d:#?}"
    );
    let collisions: Vec<_> = d.iter().filter(|d| d["code"] == "D207").collect();
    assert!(collisions.len() >= 2, "{d:#?}");
    assert!(
        collisions.iter().all(|c| c["related"]["line"].is_number()),
        "both sources: {collisions:#?}"
    );
    let code = std::fs::read_to_string(case.out.join("src/graph.rs"))
        .or_else(|_| std::fs::read_to_string(case.out.join("src/graph/mod.rs")))
        .unwrap();
    for field in [
        "r#type",
        "self_",
        "self_2",
        "crate_",
        "super_",
        "n1st",
        "odata_count",
        "price",
        "tag",
        "user_host",
        "x_ms_id",
        "x",
        "foo_bar",
        "foo_bar_2",
        "foo_bar_3",
    ] {
        assert!(
            code.contains(&format!("pub {field}:")),
            "{field} in:\n{code}"
        );
    }
}

#[test]
fn a_run_denying_warnings_fails_and_writes_nothing() {
    let case = Case::new();
    case.page("latin1.md", b"---\ntitle: caf\xe9\n---\n# x\n");
    let before = snapshot(&case.out);
    let (ok, text) = run(&[
        case.docs.to_str().unwrap(),
        case.out.to_str().unwrap(),
        "--deny",
        "warnings",
    ]);
    assert!(!ok);
    assert!(text.contains("--deny warnings"), "{text}");
    assert_eq!(before, snapshot(&case.out));
}

#[test]
fn lint_runs_the_checks_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_dir(&seeds(), &docs);
    let (ok, d, err) = run_json(&["lint", docs.to_str().unwrap()]);
    assert!(ok, "warnings alone pass: {err}");
    assert!(
        has(
            &d,
            "D102",
            "000_2eadd6abef98a87b.md",
            18,
            "permissions are TODO"
        ),
        "{d:#?}"
    );
    assert!(
        err.contains("D102 todo-placeholder"),
        "counts by code: {err}"
    );
    let (ok, _, _) = run_json(&["lint", docs.to_str().unwrap(), "--deny", "warnings"]);
    assert!(!ok, "--deny warnings fails on the seeds' TODOs");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "nothing written"
    );
    let (_, text) = run(&["lint", docs.to_str().unwrap(), "--format", "github"]);
    assert!(
        text.lines().any(|l| l.starts_with("::warning file=")
            && l.contains("000_2eadd6abef98a87b.md,line=18,col=")),
        "{text}"
    );
}

/// A docs folder given through a link and holding a linked folder is read
/// through the links; a link back to a folder already read is reported,
/// not followed round.
#[cfg(unix)]
#[test]
fn symlinked_folders_are_read_and_loops_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    copy_dir(&seeds(), &real.join("pages"));
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::os::unix::fs::symlink(real.join("pages"), docs.join("pages")).unwrap();
    std::os::unix::fs::symlink(&docs, real.join("pages").join("back")).unwrap();
    let via = tmp.path().join("via");
    std::os::unix::fs::symlink(&docs, &via).unwrap();
    let (ok, d, text) = run_json(&["lint", via.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(
        has(&d, "D011", "pages/back/", 1, "is already read"),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|x| x["file"].as_str().is_some_and(|f| f.contains("pages/000_"))),
        "the seeds are read through the link: {d:#?}"
    );
}
