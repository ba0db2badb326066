//! Killing the generator at any moment, mid-write included, leaves the
//! output folder byte for byte as it was (or, once the new folder has been
//! swapped in, complete and new), and keeps the user's own files.

mod common;

use common::{run, snapshot};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Enough resource pages that a run takes a while in a debug build.
fn write_docs(dir: &Path, property_type: &str) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..300 {
        let mut rows = String::new();
        for p in 0..40 {
            rows.push_str(&format!(
                "|property{p}|{property_type}|Property {p} of thing {i}.|\n"
            ));
        }
        let page = format!(
            "---\ntitle: \"thing{i} resource type\"\ndoc_type: resourcePageType\nms.prod: area{a}\n---\n\n# thing{i} resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing{i}\" }} -->\n```json\n{{ \"property0\": \"String\" }}\n```\n",
            a = i % 7
        );
        std::fs::write(dir.join(format!("thing{i}.md")), page).unwrap();
    }
}

fn generator(docs: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args([docs.to_str().unwrap(), out.to_str().unwrap(), "--force"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts")
}

/// What the folder holds after a kill: the old state or the new one, whole.
#[derive(Debug, PartialEq)]
enum State {
    Old,
    New,
}

fn state(out: &Path, old: &BTreeMap<String, Vec<u8>>, new: &BTreeMap<String, Vec<u8>>) -> State {
    let now = snapshot(out);
    if &now == old {
        State::Old
    } else if &now == new {
        State::New
    } else {
        let changed: Vec<_> = now
            .keys()
            .chain(old.keys())
            .filter(|k| now.get(*k) != old.get(*k))
            .take(5)
            .collect();
        panic!("the output folder is neither the old nor the new one; changed: {changed:?}")
    }
}

fn leftovers(out: &Path) -> Vec<String> {
    std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".generator-"))
        .collect()
}

#[test]
fn a_kill_at_any_moment_leaves_the_output_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs_old, docs_new) = (tmp.path().join("docs-old"), tmp.path().join("docs-new"));
    write_docs(&docs_old, "String");
    write_docs(&docs_new, "Int64");
    let out = tmp.path().join("out");
    let reference = tmp.path().join("reference");
    for (docs, dir) in [(&docs_old, &out), (&docs_new, &reference)] {
        let (ok, text) = run(&[docs.to_str().unwrap(), dir.to_str().unwrap()]);
        assert!(ok, "{text}");
    }
    // The user's own files, which every state must keep, and a build
    // folder of many small files, which also makes the write phase long
    // enough to be hit.
    for dir in [&out, &reference] {
        std::fs::write(dir.join("build.rs"), "fn main() {}\n").unwrap();
        std::fs::create_dir_all(dir.join("src/extra")).unwrap();
        std::fs::write(dir.join("src/extra/mine.rs"), "// mine\n").unwrap();
        for d in 0..20 {
            let sub = dir.join(format!("target/debug/deps{d}"));
            std::fs::create_dir_all(&sub).unwrap();
            for f in 0..150 {
                std::fs::write(sub.join(format!("f{f}.o")), format!("{d} {f}")).unwrap();
            }
        }
    }
    let old = snapshot(&out);
    let new = snapshot(&reference);
    assert_ne!(old, new);

    // How long a whole run takes, to kill at moments spread over it.
    let t = Instant::now();
    let scratch = tmp.path().join("scratch");
    assert!(generator(&docs_new, &scratch).wait().unwrap().success());
    let full = t.elapsed();

    // Kills at moments spread over the run.
    let mut seen = Vec::new();
    for k in 1..=6 {
        let mut child = generator(&docs_new, &out);
        std::thread::sleep(full * k / 8);
        let _ = child.kill();
        let _ = child.wait();
        let s = state(&out, &old, &new);
        if s == State::New {
            // The run finished before the kill; start again from the old.
            let (ok, text) = run(&[docs_old.to_str().unwrap(), out.to_str().unwrap()]);
            assert!(ok, "{text}");
            assert_eq!(snapshot(&out), old);
        }
        seen.push(s);
    }

    // Kills while the new folder is being written: as soon as the staging
    // folder appears, and a little after, by SIGKILL and by Ctrl-C.
    let mut mid_write = 0;
    for (delay_us, signal) in [
        (0, "KILL"),
        (500, "KILL"),
        (2000, "KILL"),
        (0, "INT"),
        (1000, "INT"),
    ] {
        let mut child = generator(&docs_new, &out);
        let staging = out.with_file_name(format!(".out.generator-staging-{}", child.id()));
        while !staging.exists() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(100));
        }
        let writing = staging.exists();
        std::thread::sleep(Duration::from_micros(delay_us));
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success() || child.try_wait().unwrap().is_some());
        let _ = child.wait();
        let s = state(&out, &old, &new);
        if writing && s == State::Old {
            mid_write += 1;
        }
        if s == State::New {
            let (ok, text) = run(&[docs_old.to_str().unwrap(), out.to_str().unwrap()]);
            assert!(ok, "{text}");
        }
        seen.push(s);
    }
    assert!(
        mid_write > 0,
        "no kill landed while the new folder was written: {seen:?}"
    );

    // A run to the end: the new crate, the user's files, no leftovers.
    let (ok, text) = run(&[docs_new.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert_eq!(snapshot(&out), new);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    eprintln!("states after kills: {seen:?}; {mid_write} mid-write kill(s) left the old folder");
}
