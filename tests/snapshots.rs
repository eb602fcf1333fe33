//! Snapshot of every output format (insta), on a small batch that covers a
//! clean store, a missing file, an invalid file and several rules.
//! Review changes with `cargo insta review` or `INSTA_UPDATE=always cargo test`.

use std::path::Path;
use std::process::Command;

const BATCH: &[&str] = &[
    "fixtures/clean-store",
    "fixtures/rules/ACC004/fires-no-store-json",
    "fixtures/rules/CAT002/fires-category-pending",
    "fixtures/rules/HOME002/fires-homepage-html",
    "fixtures/rules/INPUT001/fires-csv-short-row",
    "fixtures/rules/INPUT001/fires-invalid-json",
    "fixtures/rules/PAY001/fires-v3-key-and-mch-id-missing",
    "fixtures/rules/PRD002/fires-sku-unparseable",
];

fn run(format: &str, lang: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args([
            "check",
            "--today",
            "2026-11-22",
            "--format",
            format,
            "--lang",
            lang,
        ])
        .args(BATCH)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("run preflight");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn full_zh() {
    insta::assert_snapshot!(run("full", "zh"));
}

#[test]
fn full_en() {
    insta::assert_snapshot!(run("full", "en"));
}

#[test]
fn concise_zh() {
    insta::assert_snapshot!(run("concise", "zh"));
}

#[test]
fn concise_en() {
    insta::assert_snapshot!(run("concise", "en"));
}

#[test]
fn json_en() {
    insta::assert_snapshot!(run("json", "en"));
}

#[test]
fn jsonl_en() {
    insta::assert_snapshot!(run("jsonl", "en"));
}

#[test]
fn sarif_en() {
    insta::assert_snapshot!(run("sarif", "en"));
}

#[test]
fn github_en() {
    insta::assert_snapshot!(run("github", "en"));
}

#[test]
fn junit_zh() {
    insta::assert_snapshot!(run("junit", "zh"));
}

#[test]
fn statistics_text() {
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["check", "--statistics", "--today", "2026-11-22"])
        .args(BATCH)
        .output()
        .expect("run preflight");
    insta::assert_snapshot!(String::from_utf8(out.stdout).expect("utf-8"));
}

#[test]
fn rules_list() {
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["rules", "--lang", "en"])
        .output()
        .expect("run preflight");
    insta::assert_snapshot!(String::from_utf8(out.stdout).expect("utf-8"));
}

#[test]
fn explain_zh() {
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(["explain", "CAT002", "--lang", "zh"])
        .output()
        .expect("run preflight");
    insta::assert_snapshot!(String::from_utf8(out.stdout).expect("utf-8"));
}
