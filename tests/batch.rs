//! Batches: the parallel run reports exactly what a sequential run reports,
//! in path order; shards split a batch without overlap or loss; a batch ends
//! with a one-line summary on stderr.

use std::path::Path;
use std::process::{Command, Output};

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S], threads: Option<&str>) -> Output {
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

/// The rule fixtures without the stores whose preflight.toml has waivers.
/// Waivers are judged across a batch, so a batch with any is reported at
/// the end; this one is written store by store as each is linted.
fn streamed_batch() -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir("fixtures/rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|rule| {
            !walkdir::WalkDir::new(rule).into_iter().any(|f| {
                let f = f.unwrap();
                f.file_name() == "preflight.toml"
                    && std::fs::read_to_string(f.path())
                        .unwrap()
                        .contains("[[waive]]")
            })
        })
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    dirs.sort();
    assert!(dirs.len() > 50);
    dirs
}

/// `check` with `args` on `paths`.
fn check(paths: &[String], args: &[&str]) -> Vec<String> {
    let mut all = vec!["check".to_string()];
    all.extend(paths.iter().cloned());
    all.extend(args.iter().map(|a| a.to_string()));
    all
}

#[test]
fn parallel_and_sequential_runs_report_the_same_in_path_order() {
    // Kept to the end (waivers in the batch), and written store by store.
    let kept = check(&[BATCH[1].to_string()], &BATCH[2..]);
    for batch in [kept, check(&streamed_batch(), &BATCH[2..])] {
        let parallel = run(&batch, Some("4"));
        let sequential = run(&batch, Some("1"));
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

#[test]
fn every_streamed_format_matches_the_report_written_at_the_end() {
    // --write-baseline needs every finding at the end, so the same report is
    // then rendered in one piece instead of store by store.
    let dir = std::env::temp_dir().join(format!("preflight-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let baseline = dir.join("baseline.json");
    let stores = streamed_batch();
    for format in ["json", "jsonl", "concise", "github", "full"] {
        let args = check(&stores, &["--format", format, "--today", "2026-11-22"]);
        let streamed = run(&args, Some("2"));
        let mut whole_args = args.clone();
        whole_args.extend([
            "--write-baseline".to_string(),
            baseline.display().to_string(),
        ]);
        let whole = run(&whole_args, Some("2"));
        assert!(!streamed.stdout.is_empty(), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&streamed.stdout),
            String::from_utf8_lossy(&whole.stdout),
            "{format}"
        );
        if format == "json" {
            let v: serde_json::Value = serde_json::from_slice(&streamed.stdout).unwrap();
            let stores = v["stores"].as_array().unwrap();
            assert!(stores.len() > 100);
            let errors: u64 = stores
                .iter()
                .map(|s| s["counts"]["errors"].as_u64().unwrap())
                .sum();
            assert_eq!(v["summary"]["errors"].as_u64(), Some(errors));
            assert_eq!(v["summary"]["stores"].as_u64(), Some(stores.len() as u64));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_report_that_cannot_be_written_stops_the_batch_with_exit_2() {
    // Stores are written by whichever thread linted them: a failed write
    // from any of them ends the run with the reason, once.
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: this system has no /dev/full");
        return;
    }
    let stores = streamed_batch();
    for format in ["jsonl", "json", "concise"] {
        let args = ["--format", format, "--output", "/dev/full"];
        let o = run(&check(&stores, &args), Some("2"));
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(2), "{format}: {err}");
        assert_eq!(
            err.matches("cannot write the report").count(),
            1,
            "{format}: {err}"
        );
    }
}
