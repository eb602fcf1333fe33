//! The binary, run as a user runs it: exit codes, formats, selection,
//! languages, batches, bad paths, and secrets that must never be printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs preflight from the repository root with a neutral locale.
fn preflight(args: &[&str]) -> Output {
    preflight_env(args, &[])
}

fn preflight_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_preflight"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run preflight")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("valid JSON report")
}

#[test]
fn the_clean_example_is_ready_and_exits_0() {
    for path in ["fixtures/clean-store", "fixtures/clean-bundle.json"] {
        let o = preflight(&["check", path]);
        assert_eq!(o.status.code(), Some(0), "{path}: {}", stdout(&o));
        let out = stdout(&o);
        assert!(
            out.contains("0 errors, 0 warnings, 0 infos — ready to submit"),
            "{out}"
        );
    }
}

#[test]
fn findings_exit_1_and_exit_zero_or_ignore_make_it_0() {
    let case = "fixtures/rules/PAY002/fires-prepaid-on";
    assert_eq!(preflight(&["check", case]).status.code(), Some(1));
    assert_eq!(
        preflight(&["check", case, "--exit-zero"]).status.code(),
        Some(0)
    );
    assert_eq!(
        preflight(&["check", case, "--ignore", "PAY002"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        preflight(&["check", case, "--ignore", "prepaid-recharge-enabled"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        preflight(&["check", case, "--select", "ACC,PRD"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        preflight(&["check", case, "--select", "PAY"]).status.code(),
        Some(1)
    );
}

#[test]
fn fail_on_sets_the_lowest_failing_severity() {
    // An error fails at every threshold.
    let case = "fixtures/rules/PAY002/fires-prepaid-on";
    for level in ["error", "warning", "info"] {
        let o = preflight(&["check", case, "--fail-on", level]);
        assert_eq!(o.status.code(), Some(1), "{level}");
    }
    let o = preflight(&["check", case, "--fail-on", "fatal"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn preflight_could_not_run_exits_2() {
    let o = preflight(&["check", "fixtures/does-not-exist"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("fixtures/does-not-exist"),
        "{}",
        stderr(&o)
    );

    let o = preflight(&["check", "fixtures/clean-store", "--select", "NOPE999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown rule selector"),
        "{}",
        stderr(&o)
    );

    let o = preflight(&["check", "src"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no store bundle"), "{}", stderr(&o));

    assert_eq!(preflight(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(preflight(&["check"]).status.code(), Some(2));
}

#[test]
fn a_missing_path_does_not_stop_the_others() {
    let o = preflight(&[
        "check",
        "fixtures/nope",
        "fixtures/rules/PAY002/fires-prepaid-on",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["summary"]["by_rule"]["PAY002"], 1);
}

#[test]
fn a_tree_is_linted_as_a_batch_and_bad_files_do_not_stop_it() {
    let o = preflight(&["check", "fixtures/rules/INPUT001", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let report = json(&o);
    let stores = report["stores"].as_array().unwrap();
    let paths: Vec<&str> = stores.iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        vec![
            "fixtures/rules/INPUT001/fires-csv-short-row",
            "fixtures/rules/INPUT001/fires-invalid-json",
            "fixtures/rules/INPUT001/fires-invalid-utf8",
            "fixtures/rules/INPUT001/fires-wrong-type",
            "fixtures/rules/INPUT001/quiet-csv-with-bom",
        ]
    );
    assert_eq!(report["summary"]["stores"], 5);
    assert_eq!(report["summary"]["ready"], 1);
    assert_eq!(report["summary"]["by_rule"]["INPUT001"], 4);
    // The store with broken JSON still gets its other files checked.
    let broken = &stores[1]["diagnostics"][0];
    assert_eq!(broken["code"], "INPUT001");
    assert_eq!(
        broken["file"],
        "fixtures/rules/INPUT001/fires-invalid-json/payment.json"
    );
    assert_eq!(
        (broken["line"].as_u64(), broken["column"].as_u64()),
        (Some(13), Some(31))
    );
}

#[test]
fn the_json_report_follows_the_dashboard_contract() {
    let o = preflight(&[
        "check",
        "fixtures/clean-store",
        "fixtures/rules/PAY002/fires-prepaid-on",
        "--format",
        "json",
    ]);
    let r = json(&o);
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["tool"]["name"], "preflight");
    assert_eq!(r["summary"]["stores"], 2);
    assert_eq!(r["summary"]["ready"], 1);
    assert_eq!(r["summary"]["errors"], 1);
    let store = &r["stores"][1];
    assert_eq!(store["name"], "三美仁和商城");
    assert_eq!(store["appid"], "wx5e3b9c2a71d04f86");
    assert_eq!(store["ready"], false);
    assert_eq!(store["counts"]["errors"], 1);
    let d = &store["diagnostics"][0];
    assert_eq!(d["code"], "PAY002");
    assert_eq!(d["name"], "prepaid-recharge-enabled");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["file"],
        "fixtures/rules/PAY002/fires-prepaid-on/payment.json"
    );
    assert_eq!(d["pointer"], "/finance/prepaid_recharge");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(13), Some(25))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(13), Some(29))
    );
    assert_eq!(d["fingerprint"].as_str().map(str::len), Some(16));
    assert!(d["help"].as_str().unwrap().contains("Finance settings"));
}

#[test]
fn fingerprints_are_stable_across_runs_and_line_shifts() {
    let run = |path: &str| {
        let o = preflight(&["check", path, "--format", "json"]);
        json(&o)["stores"][0]["diagnostics"][0]["fingerprint"].clone()
    };
    let case = "fixtures/rules/PAY002/fires-prepaid-on";
    assert_eq!(run(case), run(case));
    // The same finding, moved down by an unrelated edit, keeps its fingerprint.
    let tmp = std::env::temp_dir().join(format!("preflight-fp-{}", std::process::id()));
    let moved = tmp.join("fixtures/rules/PAY002/fires-prepaid-on");
    std::fs::create_dir_all(&moved).unwrap();
    for f in std::fs::read_dir(root().join(case)).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, moved.join(f.file_name().unwrap())).unwrap();
    }
    let payment = std::fs::read_to_string(moved.join("payment.json")).unwrap();
    std::fs::write(moved.join("payment.json"), format!("\n\n\n{payment}")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(&tmp)
        .args([
            "check",
            "fixtures/rules/PAY002/fires-prepaid-on",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let d = &json(&o)["stores"][0]["diagnostics"][0];
    assert_eq!(d["line"], 16);
    assert_eq!(d["fingerprint"], run(case));
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn language_follows_the_flag_then_the_locale() {
    let case = "fixtures/rules/PAY002/fires-prepaid-on";
    let zh = stdout(&preflight(&["check", case, "--lang", "zh"]));
    assert!(zh.contains("预存款充值已开启"), "{zh}");
    assert!(zh.contains("暂不能提交审核"), "{zh}");
    let en = stdout(&preflight(&["check", case, "--lang", "en"]));
    assert!(en.contains("prepaid recharge is switched on"), "{en}");
    let by_locale = stdout(&preflight_env(&["check", case], &[("LANG", "zh_CN.UTF-8")]));
    assert!(by_locale.contains("预存款充值已开启"), "{by_locale}");
    let all_wins = stdout(&preflight_env(
        &["check", case],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    ));
    assert!(
        all_wins.contains("prepaid recharge is switched on"),
        "{all_wins}"
    );
}

#[test]
fn output_writes_the_report_to_a_file() {
    let file = std::env::temp_dir().join(format!("preflight-out-{}.json", std::process::id()));
    let o = preflight(&[
        "check",
        "fixtures/rules/PAY002/fires-prepaid-on",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["summary"]["errors"], 1);
    let _ = std::fs::remove_file(file);
}

#[test]
fn full_format_shows_the_value_underlined_with_help() {
    let o = preflight(&[
        "check",
        "fixtures/rules/PAY002/fires-prepaid-on",
        "--format",
        "full",
        "--lang",
        "zh",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("× PAY002 prepaid-recharge-enabled: 预存款充值已开启"),
        "{out}"
    );
    assert!(out.contains("payment.json:13:25"), "{out}");
    assert!(out.contains("\"prepaid_recharge\": true,"), "{out}");
    assert!(
        out.contains("help: 在商城后台 销售 → 销售设置 → 财务设置"),
        "{out}"
    );
}

#[test]
fn explain_and_rules_come_from_the_registry() {
    let by_code = stdout(&preflight(&["explain", "PAY002", "--lang", "en"]));
    let by_name = stdout(&preflight(&[
        "explain",
        "prepaid-recharge-enabled",
        "--lang",
        "en",
    ]));
    assert_eq!(by_code, by_name);
    for part in [
        "PAY002 prepaid-recharge-enabled",
        "## What it checks",
        "## Why it matters",
        "## How to fix",
        "## Example",
    ] {
        assert!(by_code.contains(part), "{part}: {by_code}");
    }
    assert_eq!(preflight(&["explain", "NOPE001"]).status.code(), Some(2));

    let o = preflight(&["rules", "--format", "json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = list.iter().map(|r| r["code"].as_str().unwrap()).collect();
    let catalog = preflight::rules::Catalog::embedded().unwrap();
    let registry: Vec<&str> = catalog.rules.iter().map(|r| r.code).collect();
    assert_eq!(codes, registry);
}

/// Every value of a secret field in the fixtures.
fn fixture_secrets() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    if preflight::bundle::SECRET_FIELDS.contains(&k.as_str()) {
                        if let Some(s) = v.as_str().filter(|s| s.len() >= 4) {
                            out.push(s.to_string());
                        }
                    }
                    walk(v, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let files: Vec<PathBuf> = walkdir(root().join("fixtures"));
    for f in files {
        if f.extension().is_some_and(|e| e == "json") {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(
                &std::fs::read_to_string(&f).unwrap_or_default(),
            ) {
                walk(&v, &mut out);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walkdir(dir: PathBuf) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn secrets_never_appear_in_any_output() {
    let secrets = fixture_secrets();
    assert!(
        secrets.len() >= 4,
        "the fixtures hold secrets to look for: {secrets:?}"
    );
    for format in [
        "full", "concise", "json", "jsonl", "sarif", "github", "junit", "html",
    ] {
        for lang in ["zh", "en"] {
            let o = preflight(&["check", "fixtures", "--format", format, "--lang", lang]);
            let out = format!("{}{}", stdout(&o), stderr(&o));
            assert!(out.len() > 1000, "{format}: the report covers the fixtures");
            for s in &secrets {
                assert!(!out.contains(s.as_str()), "{format}/{lang} leaks a secret");
            }
        }
    }
}

#[test]
fn a_team_adds_a_rule_and_extends_a_word_list_from_rules_dir() {
    let store = "fixtures/packs/team-store";
    let plain = json(&preflight(&["check", store, "--format", "json"]));
    assert_eq!(plain["summary"]["by_rule"], serde_json::json!({}));

    let o = preflight(&[
        "check",
        store,
        "--format",
        "json",
        "--rules-dir",
        "fixtures/packs/team",
        "--rules-dir",
        "fixtures/packs/words-extension",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let r = json(&o);
    let ds = r["stores"][0]["diagnostics"].as_array().unwrap();
    let found: Vec<(&str, &str, u64)> = ds
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("HOME002", "fixtures/packs/team-store/decoration.json", 81),
            ("TEAM001", "fixtures/packs/team-store/products.json", 68),
        ]
    );
    assert_eq!(ds[1]["severity"], "warning");
    assert_eq!(ds[1]["entity"]["id"], "p1003");

    let rules = stdout(&preflight(&["rules", "--rules-dir", "fixtures/packs/team"]));
    assert!(rules.contains("TEAM001  custom-made-goods"), "{rules}");
    let doc = stdout(&preflight(&[
        "explain",
        "custom-made-goods",
        "--rules-dir",
        "fixtures/packs/team",
        "--lang",
        "en",
    ]));
    assert!(
        doc.contains("Custom-made goods need their own return policy."),
        "{doc}"
    );
}

#[test]
fn a_broken_rule_file_is_exit_2_pointing_at_its_line() {
    for (dir, expect) in [
        (
            "broken-syntax",
            "pack.toml: TOML parse error at line 4, column 20",
        ),
        (
            "unknown-function",
            "pack.toml:14:12: unknown function \"is-nice\"",
        ),
        (
            "duplicate-code",
            "pack.toml:2:8: rule PAY002 is defined twice",
        ),
        ("bad-jsonpath", "pack.toml:12:9: invalid JSONPath"),
    ] {
        let path = format!("fixtures/packs/{dir}");
        let o = preflight(&["check", "fixtures/clean-store", "--rules-dir", &path]);
        assert_eq!(o.status.code(), Some(2), "{dir}");
        assert!(stderr(&o).contains(expect), "{dir}: {}", stderr(&o));
        assert!(
            o.stdout.is_empty(),
            "{dir}: nothing is linted with broken rules"
        );
    }
}

#[test]
fn preflight_toml_is_found_above_each_bundle_and_applied() {
    // fixtures/config/preflight.toml: ignore REV006, fail-on warning,
    // PAY002 as a warning, waivers for PRD006 p1003 and /finance/prepaid_recharge.
    let o = preflight(&["check", "fixtures/config", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let r = json(&o);
    assert_eq!(r["summary"]["ready"], 2);
    assert_eq!(r["summary"]["waived"], 3);
    assert_eq!(r["stores"][0]["waived"], 2);
    assert_eq!(r["summary"]["by_rule"], serde_json::json!({}));

    // Alone, store-b never uses the PRD006 waiver: it is reported at its line,
    // as a warning, and fail-on = warning makes that exit 1.
    let o = preflight(&[
        "check",
        "fixtures/config/stores/store-b",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let d = &json(&o)["stores"][0]["diagnostics"][0];
    assert_eq!(d["code"], "CONF001");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "fixtures/config/preflight.toml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(1))
    );
    // The command line wins over the config.
    let o = preflight(&[
        "check",
        "fixtures/config/stores/store-b",
        "--fail-on",
        "error",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = preflight(&[
        "check",
        "fixtures/config/stores/store-b",
        "--ignore",
        "CONF001",
    ]);
    assert_eq!(o.status.code(), Some(0));

    // --config replaces the search: without the waivers PAY002 is an error again.
    let o = preflight(&[
        "check",
        "fixtures/config/stores/store-b",
        "--config",
        "fixtures/config/strict.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let d = &json(&o)["stores"][0]["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1);
    assert_eq!(d[0]["code"], "PAY002");
    assert_eq!(d[0]["severity"], "error");
}

#[test]
fn a_bad_preflight_toml_is_exit_2_pointing_at_its_line() {
    for (file, expect) in [
        (
            "unknown-key",
            "unknown-key.toml: TOML parse error at line 2, column 1",
        ),
        (
            "unknown-rule",
            "unknown-rule.toml:1:18: unknown rule \"NOPE001\"",
        ),
        ("no-reason", "no-reason.toml:1:1: a waiver needs a `reason`"),
        (
            "bad-severity",
            "bad-severity.toml:2:10: severity must be error, warning or info",
        ),
    ] {
        let path = format!("fixtures/configs-broken/{file}.toml");
        let o = preflight(&["check", "fixtures/clean-store", "--config", &path]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stderr(&o).contains(expect), "{file}: {}", stderr(&o));
    }
}
