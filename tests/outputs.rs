//! The CI and dashboard outputs: SARIF validated against the official
//! schema, the JSON report and every fixture validated against the schemas
//! preflight prints, JUnit parsed as XML, GitHub annotations, JSONL,
//! statistics and baselines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn preflight(args: &[&str]) -> Output {
    preflight_in(root(), args)
}

fn preflight_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(dir)
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .output()
        .expect("run preflight")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8")
}

/// A batch with findings of many kinds, missing files and broken files.
const BATCH: &[&str] = &[
    "fixtures/clean-store",
    "fixtures/clean-bundle.json",
    "fixtures/rules/ACC004/fires-no-store-json",
    "fixtures/rules/CAT002/fires-pet-store-as-home-textiles",
    "fixtures/rules/HOME002/fires-homepage-html",
    "fixtures/rules/INPUT001/fires-csv-short-row",
    "fixtures/rules/INPUT001/fires-invalid-utf8",
    "fixtures/rules/PRD006/fires-empty-images",
    "fixtures/rules/REV006/fires-login-required",
];

fn check(format: &str) -> Output {
    let mut args = vec![
        "check",
        "--today",
        "2026-11-22",
        "--format",
        format,
        "--lang",
        "en",
    ];
    args.extend(BATCH);
    preflight(&args)
}

/// Compiles a JSON Schema (any draft boon knows) with format assertions on.
fn validator(name: &str, schema: Value) -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let url = format!("file:///schemas/{name}.json");
    compiler.add_resource(&url, schema).expect("schema loads");
    let index = compiler
        .compile(&url, &mut schemas)
        .expect("schema compiles");
    (schemas, index)
}

fn assert_valid(v: &(boon::Schemas, boon::SchemaIndex), instance: &Value, what: &str) {
    if let Err(e) = v.0.validate(instance, v.1) {
        panic!("{what} is not valid:\n{e:#}");
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let v = validator("sarif", schema);
    let o = check("sarif");
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_valid(&v, &log, "the SARIF log");

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "PAY002"
        && r["name"] == "prepaid-recharge-enabled"
        && r["defaultConfiguration"]["level"] == "error"
        && r["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("finance.prepaid_recharge")));
    let results = run["results"].as_array().unwrap();
    let cat = results.iter().find(|r| r["ruleId"] == "CAT002").unwrap();
    let loc = &cat["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "fixtures/rules/CAT002/fires-pet-store-as-home-textiles/products.json"
    );
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], 16);
    assert_eq!(
        cat["partialFingerprints"]["preflight/v1"]
            .as_str()
            .unwrap()
            .len(),
        16
    );
    assert_eq!(
        rules[cat["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "CAT002"
    );
    // A finding about a missing file has no region.
    let missing = results.iter().find(|r| r["ruleId"] == "ACC002").unwrap();
    assert!(missing["locations"][0]["physicalLocation"]
        .get("region")
        .is_none());
    let warning = results.iter().find(|r| r["ruleId"] == "REV006").unwrap();
    assert_eq!(warning["level"], "warning");
}

#[test]
fn the_json_report_and_jsonl_follow_the_printed_report_schema() {
    let schema: Value = serde_json::from_slice(&preflight(&["schema", "report"]).stdout).unwrap();
    let v = validator("report", schema);
    let report: Value = serde_json::from_slice(&check("json").stdout).unwrap();
    assert_valid(&v, &report, "the JSON report");
    let total = report["summary"]["errors"].as_u64().unwrap()
        + report["summary"]["warnings"].as_u64().unwrap()
        + report["summary"]["infos"].as_u64().unwrap();

    let lines = stdout(&check("jsonl"));
    let parsed: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed.len() as u64, total);
    let stores: Vec<&Value> = report["stores"].as_array().unwrap().iter().collect();
    let flat: Vec<(Value, Value)> = stores
        .iter()
        .flat_map(|s| {
            s["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| (s["path"].clone(), d.clone()))
        })
        .collect();
    for (line, (store, d)) in parsed.iter().zip(&flat) {
        assert_eq!(&line["store"], store);
        let mut without_store = line.clone();
        without_store.as_object_mut().unwrap().remove("store");
        assert_eq!(&without_store, d);
    }
}

/// A directory bundle assembled into the single-file shape.
fn as_bundle_file(dir: &Path) -> Option<Value> {
    let mut doc = serde_json::Map::new();
    for (key, file) in [
        ("store", "store.json"),
        ("products", "products.json"),
        ("decoration", "decoration.json"),
        ("payment", "payment.json"),
        ("categories", "categories.json"),
        ("coupons", "coupons.json"),
    ] {
        if let Ok(text) = std::fs::read_to_string(dir.join(file)) {
            doc.insert(key.into(), serde_json::from_str(&text).ok()?);
        }
    }
    Some(Value::Object(doc))
}

fn bundles(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.join("store.json").is_file() || p.join("products.json").is_file() {
                out.push(p.clone());
            }
            bundles(&p, out);
        }
    }
}

#[test]
fn every_valid_fixture_follows_the_printed_bundle_schema() {
    let schema: Value = serde_json::from_slice(&preflight(&["schema", "bundle"]).stdout).unwrap();
    let v = validator("bundle", schema);
    let single: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/clean-bundle.json")).unwrap(),
    )
    .unwrap();
    assert_valid(&v, &single, "fixtures/clean-bundle.json");
    let mut dirs = Vec::new();
    bundles(&root().join("fixtures"), &mut dirs);
    let mut checked = 0;
    for dir in dirs {
        // Cases that exist to be wrongly typed or unreadable are not valid input.
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        if expected.lines().any(|l| l.starts_with("INPUT001 ")) {
            continue;
        }
        if let Some(doc) = as_bundle_file(&dir) {
            assert_valid(&v, &doc, &dir.display().to_string());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} fixtures checked");
    // A wrong type is outside the schema.
    let bad = as_bundle_file(&root().join("fixtures/rules/INPUT001/fires-wrong-type")).unwrap();
    assert!(v.0.validate(&bad, v.1).is_err());
}

#[test]
fn junit_is_well_formed_xml_with_a_suite_per_store_and_a_case_per_rule() {
    let xml = stdout(&check("junit"));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), BATCH.len());
    let rules = preflight::rules::Catalog::embedded().unwrap().rules.len();
    for s in &suites {
        let cases = s.children().filter(|n| n.has_tag_name("testcase")).count();
        assert_eq!(cases, rules);
        assert_eq!(s.attribute("tests"), Some(rules.to_string().as_str()));
    }
    let clean = &suites[0];
    assert_eq!(clean.attribute("name"), Some("fixtures/clean-store"));
    assert_eq!(clean.attribute("failures"), Some("0"));
    let cat = suites[3]
        .children()
        .find(|n| n.attribute("name") == Some("CAT002 category-mismatch"))
        .unwrap();
    let failure = cat.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("error"));
    assert_eq!(
        failure
            .text()
            .unwrap()
            .lines()
            .filter(|l| l.contains("CAT002") || l.contains("products.json"))
            .count(),
        11
    );
}

#[test]
fn github_annotations_carry_file_line_column_and_title() {
    let out = stdout(&check("github"));
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    let report: Value = serde_json::from_slice(&check("json").stdout).unwrap();
    let total = report["summary"]["errors"].as_u64().unwrap()
        + report["summary"]["warnings"].as_u64().unwrap();
    assert_eq!(annotations.len() as u64, total);
    assert!(annotations.contains(&"::warning file=fixtures/rules/REV006/fires-login-required/store.json,line=78,col=23,endLine=78,endColumn=27,title=REV006 login-wall::the store cannot be browsed without logging in (access.login_required = true)%0ASwitch off forced login in the store backend so that users can browse without logging in and are asked only when they order or pay."), "{out}");
    // No annotation spans lines: newlines are escaped.
    assert!(annotations.iter().all(|a| !a.contains('\n')));
    assert!(
        out.trim_end()
            .ends_with("9 stores, 4 ready; 17 errors, 2 warnings, 0 infos"),
        "{out}"
    );
}

#[test]
fn statistics_count_each_rule_as_text_and_json() {
    let mut args = vec![
        "check",
        "--statistics",
        "--format",
        "json",
        "--today",
        "2026-11-22",
    ];
    args.extend(BATCH);
    let o = preflight(&args);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let stats = v["statistics"].as_array().unwrap();
    assert_eq!(stats[0]["code"], "CAT002");
    assert_eq!(stats[0]["count"], 11);
    assert_eq!(stats[0]["stores"], 1);
    assert_eq!(stats[0]["severity"], "error");
    let text = {
        let mut args = vec!["check", "--statistics", "--today", "2026-11-22"];
        args.extend(BATCH);
        stdout(&preflight(&args))
    };
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("11  CAT002   category-mismatch"),
        "{text}"
    );
}

/// Copies a fixture store into a scratch tree.
fn copy_store(from: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in std::fs::read_dir(root().join(from)).unwrap().flatten() {
        std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
    }
}

#[test]
fn a_baseline_written_today_makes_tomorrow_report_only_what_is_new() {
    let tmp = std::env::temp_dir().join(format!("preflight-baseline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_store(
        "fixtures/rules/PRD006/fires-empty-images",
        &tmp.join("stores/a"),
    );
    copy_store(
        "fixtures/rules/PAY002/fires-prepaid-on",
        &tmp.join("stores/b"),
    );

    let o = preflight_in(
        &tmp,
        &["check", "stores", "--write-baseline", "baseline.json"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "writing a baseline accepts the findings"
    );
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 2);

    let o = preflight_in(
        &tmp,
        &[
            "check",
            "stores",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "nothing new");
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["baseline"]["known"], 2);
    assert_eq!(r["summary"]["errors"], 0);

    // Tomorrow: an unrelated edit moves lines, b fixes its finding, and a gets a new one.
    let products = tmp.join("stores/a/products.json");
    let text = std::fs::read_to_string(&products).unwrap();
    std::fs::write(
        &products,
        format!(
            "\n\n{}",
            text.replace("\"price\": \"239.00\"", "\"price\": \"\"")
        ),
    )
    .unwrap();
    let payment = tmp.join("stores/b/payment.json");
    let text = std::fs::read_to_string(&payment).unwrap();
    std::fs::write(
        &payment,
        text.replace("\"prepaid_recharge\": true", "\"prepaid_recharge\": false"),
    )
    .unwrap();

    let o = preflight_in(
        &tmp,
        &[
            "check",
            "stores",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    let new: Vec<&str> = r["stores"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap())
        })
        .collect();
    assert_eq!(new, vec!["PRD002"]);
    assert_eq!(r["baseline"]["known"], 1);
    let fixed = r["baseline"]["fixed"].as_array().unwrap();
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0]["code"], "PAY002");
    assert_eq!(fixed[0]["pointer"], "/finance/prepaid_recharge");

    let human = stdout(&preflight_in(
        &tmp,
        &["check", "stores", "--baseline", "baseline.json"],
    ));
    assert!(
        human.contains("baseline baseline.json: 1 known findings not shown, 1 fixed since"),
        "{human}"
    );
    assert!(
        human.contains("fixed: PAY002 stores/b/payment.json /finance/prepaid_recharge"),
        "{human}"
    );

    let o = preflight_in(&tmp, &["check", "stores", "--baseline", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&tmp);
}
