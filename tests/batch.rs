//! Batches: the parallel run reports exactly what a sequential run reports,
//! in path order; shards split a batch without overlap or loss; a batch ends
//! with a one-line summary on stderr.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], threads: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_preflight"));
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .env("LANG", "C.UTF-8");
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    cmd.output().expect("run preflight")
}

const BATCH: &[&str] = &[
    "check",
    "fixtures/rules",
    "--format",
    "jsonl",
    "--today",
    "2026-11-22",
];

#[test]
fn parallel_and_sequential_runs_report_the_same_in_path_order() {
    let parallel = run(BATCH, Some("4"));
    let sequential = run(BATCH, Some("1"));
    assert_eq!(parallel.stdout, sequential.stdout);
    let stores: Vec<String> = String::from_utf8(parallel.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["store"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = stores.clone();
    sorted.sort();
    assert_eq!(stores, sorted);
    assert!(stores.len() > 100);
}

#[test]
fn shards_split_a_batch_without_overlap_or_loss() {
    let all = String::from_utf8(run(BATCH, None).stdout).unwrap();
    let mut merged: Vec<String> = Vec::new();
    let mut sizes = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let mut args = BATCH.to_vec();
        args.extend(["--shard", &shard]);
        let out = String::from_utf8(run(&args, None).stdout).unwrap();
        sizes.push(out.lines().count());
        merged.extend(out.lines().map(str::to_string));
    }
    let mut expected: Vec<String> = all.lines().map(str::to_string).collect();
    expected.sort();
    merged.sort();
    assert_eq!(merged, expected);
    assert!(
        sizes.iter().all(|&n| n > 0),
        "every shard gets stores: {sizes:?}"
    );
    for bad in ["0/3", "4/3", "1/0", "x"] {
        let mut args = BATCH.to_vec();
        args.extend(["--shard", bad]);
        assert_eq!(run(&args, None).status.code(), Some(2), "{bad}");
    }
}

#[test]
fn a_batch_ends_with_a_one_line_summary_on_stderr_and_no_progress_when_piped() {
    let o = run(
        &["check", "fixtures/rules/PAY002", "--format", "json"],
        None,
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("preflight: 3 stores, 1 ready, 2 errors, 0 warnings, 0 infos in "),
        "{err}"
    );
    assert!(
        !err.contains('\r'),
        "no progress bar when stderr is not a terminal"
    );
    let o = run(
        &[
            "check",
            "fixtures/rules/PAY002",
            "--format",
            "json",
            "--progress",
            "always",
        ],
        None,
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("3/3 stores"), "{err}");
}
