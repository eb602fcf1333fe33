//! `cargo bench`: linting one store of each size class in process, and the
//! parse-only floor of the same files. Whole-batch numbers (parallelism,
//! memory) come from bench/run.sh.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use preflight::bundle::{self, date::Date, Target};
use preflight::engine::{lint, Selection};
use preflight::rules::Catalog;

fn main() {
    divan::main();
}

/// A small corpus written once per run by the generator's logic (the
/// example binary), in the target directory.
fn corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-corpus-30");
        if !dir.exists() {
            let status = std::process::Command::new(env!("CARGO"))
                .args([
                    "run",
                    "--release",
                    "--quiet",
                    "--example",
                    "gen_corpus",
                    "--",
                    "30",
                ])
                .arg(&dir)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .expect("run gen_corpus");
            assert!(status.success());
        }
        dir
    })
}

fn stores() -> Vec<Target> {
    bundle::discover(corpus()).expect("corpus")
}

#[divan::bench(sample_count = 10)]
fn lint_30_stores(bencher: divan::Bencher) {
    let catalog = Catalog::embedded().unwrap();
    let selection = Selection::all(&catalog);
    let today = Date::parse("2026-11-22").unwrap();
    let targets = stores();
    bencher.bench(|| {
        let mut n = 0;
        for t in &targets {
            n += lint(bundle::load(t), &selection, &catalog, today, None)
                .diagnostics
                .len();
        }
        n
    });
}

#[divan::bench(sample_count = 10)]
fn parse_only_floor_30_stores(bencher: divan::Bencher) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(corpus())
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| e.into_path())
        .collect();
    bencher.bench(|| {
        let mut ok = 0;
        for f in &files {
            let text = std::fs::read(f).unwrap();
            ok += usize::from(serde_json::from_slice::<serde_json::Value>(&text).is_ok());
        }
        ok
    });
}
