//! Every rule's fixtures: `fixtures/rules/<CODE>/<fires|quiet>-<what>/` is a
//! store bundle, and its `expected.txt` lists every diagnostic preflight must
//! report for it, as `CODE file:line:column pointer`, nothing more or less.
//! A `fires-` case must report its rule, a `quiet-` case must not.
//!
//! After an intended change, regenerate with `PREFLIGHT_BLESS=1 cargo test
//! --test rule_fixtures` and review the diff of the expected.txt files.

mod common;

use std::path::{Path, PathBuf};

use preflight::bundle::date::Date;
use preflight::bundle::{self, Target};
use preflight::config::{Config, Finder};
use preflight::engine::{lint, report_unused_waivers, Selection};
use preflight::rules::Catalog;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// What preflight reports for one case, one line per diagnostic.
/// The fixtures' fixed "today", so date rules do not change with the clock.
pub const TODAY: &str = "2026-11-22";

fn actual(case: &Path, catalog: &Catalog) -> Vec<String> {
    // A case may carry a preflight.toml (severities, waivers).
    let config = Finder::default()
        .find(case, true)
        .map(|p| Config::load(&p, catalog).expect("valid preflight.toml"));
    let selection = Selection::all(catalog);
    let mut result = lint(
        bundle::load_with(&Target::Dir(case.to_path_buf()), &catalog.doc_products),
        &selection,
        catalog,
        Date::parse(TODAY).unwrap(),
        config.as_ref(),
    );
    if let Some(config) = &config {
        let used = result.waivers_used.clone();
        report_unused_waivers(&mut result, config, &used, &selection);
    }
    common::expected_lines(case, &result)
}

#[test]
fn every_case_reports_exactly_its_expected_diagnostics() {
    let catalog = Catalog::embedded().expect("built-in rules and data");
    // PREFLIGHT_BLESS=1 rewrites every case; PREFLIGHT_BLESS=PAY002,HOME only those rules.
    let bless = std::env::var("PREFLIGHT_BLESS").ok();
    let blessed = |code: &str| match bless.as_deref() {
        None | Some("") => false,
        Some("1") | Some("all") => true,
        Some(list) => list.split(',').any(|p| code.starts_with(p.trim())),
    };
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule_dir in sorted_dirs(&fixtures()) {
        let code = rule_dir.file_name().unwrap().to_string_lossy().to_string();
        for case in sorted_dirs(&rule_dir) {
            cases += 1;
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            let got = actual(&case, &catalog);
            let expected_path = case.join("expected.txt");
            let text = std::fs::read_to_string(&expected_path).unwrap_or_default();
            let comments: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
            let want: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .collect();
            if blessed(&code) {
                let mut out = comments.join("\n");
                out.push('\n');
                for line in &got {
                    out.push_str(line);
                    out.push('\n');
                }
                std::fs::write(&expected_path, out).unwrap();
            } else if got != want {
                failures.push(format!(
                    "{code}/{name}:\n  expected:\n    {}\n  actual:\n    {}",
                    want.join("\n    "),
                    got.join("\n    ")
                ));
            }
            let fired = got
                .iter()
                .any(|l| l.split(' ').next() == Some(code.as_str()));
            if name.starts_with("fires-") && !fired {
                failures.push(format!("{code}/{name}: {code} did not fire"));
            }
            if name.starts_with("quiet-") && fired {
                failures.push(format!("{code}/{name}: {code} fired"));
            }
        }
    }
    assert!(cases > 0, "no fixture cases found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_cases_that_fire_and_cases_that_stay_quiet() {
    for rule in Catalog::embedded().unwrap().rules {
        let dir = fixtures().join(rule.code);
        let names: Vec<String> = if dir.is_dir() {
            sorted_dirs(&dir)
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
                .collect()
        } else {
            Vec::new()
        };
        assert!(
            names.iter().any(|n| n.starts_with("fires-")),
            "{} has no fires- fixture",
            rule.code
        );
        assert!(
            names.iter().any(|n| n.starts_with("quiet-")),
            "{} has no quiet- fixture",
            rule.code
        );
    }
}
