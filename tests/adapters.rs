//! The platform adapters (CRMEB, ShopXO, likeshop): a store exported from a
//! mall system's own tables lints with the same findings as the same store in
//! preflight's bundle format, and every finding points into the platform's
//! files, with pointers and lines, also inside JSON-encoded columns.
//!
//! Fixtures: `fixtures/platforms/<platform>/<case>/` (written by
//! `fixtures/platforms/generate.py`): the table export, the store.json and
//! categories.json beside it, `equivalent.bundle.json` (the same store as a
//! canonical bundle, written independently of the adapters) and
//! `expected.txt` (`CODE file:line:column pointer`, one line per finding;
//! regenerate with `PREFLIGHT_BLESS=1 cargo test --test adapters` and review
//! the diff).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use preflight::adapters::{self, Kind, Source};
use preflight::bundle::date::Date;
use preflight::bundle::{self, Target};
use preflight::diagnostic::Diagnostic;
use preflight::engine::{lint, Selection, StoreResult};
use preflight::rules::Catalog;

const TODAY: &str = "2026-11-22";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn platforms() -> PathBuf {
    root().join("fixtures/platforms")
}

fn cases(platform: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(platforms().join(platform))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

fn run(target: Target, source: Source) -> StoreResult {
    let catalog = Catalog::embedded().unwrap();
    lint(
        adapters::load(&target, source, &Default::default()),
        &Selection::all(&catalog),
        &catalog,
        Date::parse(TODAY).unwrap(),
        None,
    )
}

fn export(case: &Path) -> StoreResult {
    let kinds = adapters::detect(case);
    assert_eq!(kinds.len(), 1, "{}: one platform", case.display());
    let target = Target::Dir(case.to_path_buf());
    let source = adapters::source_of(&target, None).unwrap();
    assert_eq!(source, Source::Platform(kinds[0]));
    run(target, source)
}

/// What a finding says, wherever it points.
fn said(d: &Diagnostic) -> String {
    format!(
        "{} {} {} {}",
        d.code,
        d.severity.as_str(),
        d.entity
            .as_ref()
            .map_or("-".to_string(), |e| format!("{}:{}", e.kind, e.id)),
        d.message.en
    )
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_export_lints_like_its_equivalent_bundle() {
    let mut compared = 0;
    for platform in ["crmeb", "shopxo", "likeshop"] {
        for case in cases(platform) {
            let equivalent = case.join("equivalent.bundle.json");
            if !equivalent.is_file() {
                continue;
            }
            let got = export(&case);
            let want = run(Target::File(equivalent), Source::Bundle);
            assert_eq!(
                sorted(got.diagnostics.iter().map(said).collect()),
                sorted(want.diagnostics.iter().map(said).collect()),
                "{platform}/{}",
                case.file_name().unwrap().to_string_lossy()
            );
            // Every finding is in the platform's files (or the store.json
            // and categories.json beside them), never in a model file.
            let dir = bundle::display_path(&case);
            for d in &got.diagnostics {
                let file = &d.resolved.file;
                let name = file.strip_prefix(&format!("{dir}/")).unwrap_or_else(|| {
                    panic!("{platform}: {} points outside the export: {file}", d.code)
                });
                assert!(case.join(name).is_file(), "{}: {file} is a file", d.code);
                assert_ne!(name, "equivalent.bundle.json");
                assert!(d.resolved.start.is_some(), "{} {file} has a line", d.code);
            }
            compared += 1;
        }
    }
    // A passing store and each precondition tripped, on each platform.
    assert_eq!(compared, 3 * 14);
}

#[test]
fn each_precondition_case_trips_its_precondition_and_clean_passes() {
    for platform in ["crmeb", "shopxo", "likeshop"] {
        for case in cases(platform) {
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            let codes: Vec<&str> = export(&case).diagnostics.iter().map(|d| d.code).collect();
            match name.as_str() {
                "clean" => assert!(codes.is_empty(), "{platform}/clean: {codes:?}"),
                "no-store-json" => {}
                code => assert!(codes.contains(&code), "{platform}/{code}: {codes:?}"),
            }
        }
    }
}

fn describe(case: &Path, r: &StoreResult) -> Vec<String> {
    common::expected_lines(case, r)
}

#[test]
fn every_case_reports_exactly_its_expected_locations() {
    let bless = std::env::var("PREFLIGHT_BLESS").is_ok_and(|b| !b.is_empty());
    let mut failures = Vec::new();
    for platform in ["crmeb", "shopxo", "likeshop"] {
        for case in cases(platform) {
            let got = describe(&case, &export(&case));
            let path = case.join("expected.txt");
            let mut text = got.join("\n");
            text.push('\n');
            if bless {
                std::fs::write(&path, &text).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if want != text {
                failures.push(format!(
                    "{}:\n--- expected.txt\n{want}--- reported\n{text}",
                    case.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(PREFLIGHT_BLESS=1 cargo test --test adapters rewrites expected.txt)",
        failures.join("\n")
    );
}

/// The one finding of `code` in a case.
fn finding(platform: &str, case: &str, code: &str) -> (Diagnostic, String) {
    let dir = platforms().join(platform).join(case);
    let r = export(&dir);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("{platform}/{case}: no {code}"))
        .clone();
    let text =
        std::fs::read_to_string(dir.join(d.resolved.file.rsplit('/').next().unwrap())).unwrap();
    (d, text)
}

/// The bytes of a file a finding underlines.
fn underlined<'t>(d: &Diagnostic, text: &'t str) -> &'t str {
    let (s, e) = d.resolved.span.expect("a span");
    &text[s..e]
}

#[test]
fn findings_point_into_platform_files() {
    // A product's market price: eb_store_product_attr_value's ot_price.
    let (d, text) = finding("crmeb", "PRD003", "PRD003");
    assert!(d
        .resolved
        .file
        .ends_with("crmeb/PRD003/eb_store_product_attr_value.json"));
    assert_eq!(d.resolved.pointer.as_deref(), Some("/3/ot_price"));
    assert_eq!(d.resolved.start, Some((95, 17)));
    assert_eq!(underlined(&d, &text), "\"0.00\"");
    assert_eq!(d.entity.as_ref().unwrap().id, "3");

    // ShopXO's phpMyAdmin export: rows under /2/data.
    let (d, text) = finding("shopxo", "PRD002", "PRD002");
    assert!(d
        .resolved
        .file
        .ends_with("shopxo/PRD002/sxo_goods_spec_base.json"));
    assert_eq!(d.resolved.pointer.as_deref(), Some("/2/data/2/price"));
    assert_eq!(d.resolved.start.map(|s| s.0), Some(8));
    assert_eq!(underlined(&d, &text), "\"0.00\"");

    // likeshop: the recharge switch is a row of ls_config.
    let (d, text) = finding("likeshop", "PAY002", "PAY002");
    assert!(d.resolved.file.ends_with("likeshop/PAY002/ls_config.json"));
    assert_eq!(d.resolved.pointer.as_deref(), Some("/5/value"));
    assert_eq!(d.resolved.start.map(|s| s.0), Some(7));
    assert_eq!(underlined(&d, &text), "\"1\"");

    // CRMEB's recharge switch: the JSON-encoded value of its config row.
    let (d, text) = finding("crmeb", "PAY002", "PAY002");
    assert!(d
        .resolved
        .file
        .ends_with("crmeb/PAY002/eb_system_config.json"));
    assert_eq!(d.resolved.pointer.as_deref(), Some("/10/value"));
    assert_eq!(underlined(&d, &text), r#""\"1\"""#);
    // The platform's own menu names in the fix.
    assert!(d.help.zh.contains("recharge_switch"), "{}", d.help.zh);
    assert!(d.help.en.contains("设置 → 系统设置"), "{}", d.help.en);
}

#[test]
fn findings_inside_json_encoded_columns_have_the_export_files_line_and_column() {
    // CRMEB's DIY page: eb_diy.value holds the page as JSON text (PHP's
    // json_encode, so \uXXXX escapes inside an escaped string).
    let (d, text) = finding("crmeb", "HOME002", "HOME002");
    assert!(d.resolved.file.ends_with("crmeb/HOME002/eb_diy.json"));
    assert_eq!(
        d.resolved.pointer.as_deref(),
        Some("/0/value/1700000000004/listConfig/list/0/chiild/0/val")
    );
    let (line, column) = d.resolved.start.unwrap();
    assert_eq!(line, 7);
    let raw = underlined(&d, &text);
    // The underlined bytes are the escaped notice inside the column.
    assert!(raw.starts_with("\\\"\\\\u5145\\\\u503c"), "{raw}");
    let line_text = text.lines().nth(line - 1).unwrap();
    let col_byte = line_text
        .char_indices()
        .nth(column - 1)
        .map(|(i, _)| i)
        .unwrap();
    assert!(line_text[col_byte..].starts_with(raw));

    // ShopXO's DIY page: sxo_diy.config, unescaped unicode.
    let (d, text) = finding("shopxo", "HOME002", "HOME002");
    assert_eq!(
        d.resolved.pointer.as_deref(),
        Some("/2/data/0/config/diy_data/3/com_data/content/notice_list/0/notice_title")
    );
    assert_eq!(d.resolved.start.map(|s| s.0), Some(6));
    assert_eq!(underlined(&d, &text), "\\\"充值100送20，余额支付更优惠\\\"");

    // The homepage links to a product that is not on sale: the product id
    // inside ShopXO's link object.
    let (d, text) = finding("shopxo", "PRD001", "HOME004");
    assert!(d.resolved.file.ends_with("sxo_diy.json"));
    assert!(d.resolved.pointer.as_deref().unwrap().starts_with(
        "/2/data/0/config/diy_data/1/com_data/content/carousel_list/0/carousel_link/page"
    ));
    assert!(underlined(&d, &text).contains("goods-detail?id=1"));

    // ShopXO's WeChat Pay settings: the mch_id inside sxo_payment.config.
    let dir = platforms().join("shopxo/clean");
    let l = preflight::bundle::source::locate_pointer(
        &std::fs::read_to_string(dir.join("sxo_payment.json")).unwrap(),
        "/2/data/0/config/mch_id",
    )
    .unwrap();
    assert_eq!(l.missing, None);
}

#[test]
fn a_broken_json_column_is_input001_at_the_bad_byte() {
    let tmp = scratch("broken-column");
    copy_dir(&platforms().join("crmeb/clean"), &tmp);
    let path = tmp.join("eb_diy.json");
    let text = std::fs::read_to_string(&path).unwrap();
    // Break the DIY page's JSON inside the column: `"name"` loses its colon.
    let broken = text.replacen(
        r#"\"name\":\"headerSerch\""#,
        r#"\"name\" \"headerSerch\""#,
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).unwrap();
    let r = export(&tmp);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "INPUT001")
        .expect("INPUT001");
    let (s, _) = d.resolved.span.unwrap();
    assert!(
        broken[s..].starts_with("\\\"headerSerch"),
        "{}",
        &broken[s..s + 20]
    );
    assert!(d.message.en.contains("eb_diy.value"), "{}", d.message.en);
    // The page could not be read: HOME001 is not reported on top of it.
    assert!(r.diagnostics.iter().all(|d| d.code != "HOME002"));
}

#[test]
fn without_store_json_wechat_facts_are_unknown_not_passed() {
    for platform in ["crmeb", "shopxo", "likeshop"] {
        let case = platforms().join(platform).join("no-store-json");
        let r = export(&case);
        for code in ["ACC002", "ACC004", "ACC010", "CAT002"] {
            let d = r
                .diagnostics
                .iter()
                .find(|d| d.code == code)
                .unwrap_or_else(|| panic!("{platform}: {code} is reported"));
            assert!(
                d.message.en.starts_with("cannot be confirmed:"),
                "{}",
                d.message.en
            );
            assert!(d.message.zh.contains("未知"), "{}", d.message.zh);
            assert!(d.help.en.contains("store.json") || d.help.en.contains("categories.json"));
            // No file holds the fact: the finding is about the export directory.
            assert_eq!(*d.resolved.file, bundle::display_path(&case));
            assert_eq!(d.resolved.start, None);
        }
        // What the export does hold is judged as usual: the store is clean
        // but for the unknown facts.
        assert!(r
            .diagnostics
            .iter()
            .all(|d| d.message.en.starts_with("cannot be confirmed:")
                || (platform == "shopxo" && d.code == "ACC004")));
    }
}

#[test]
fn store_json_beside_the_export_wins_over_it() {
    let tmp = scratch("store-json-wins");
    copy_dir(&platforms().join("likeshop/clean"), &tmp);
    let store = tmp.join("store.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&store).unwrap()).unwrap();
    v["mini_program"]["appid"] = "gh_3a7d91c5e2b8".into();
    std::fs::write(&store, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let r = export(&tmp);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "ACC001")
        .expect("ACC001");
    assert!(d.resolved.file.ends_with("store.json"));
    assert_eq!(d.resolved.pointer.as_deref(), Some("/mini_program/appid"));
}

#[test]
fn declarative_rules_read_platform_exports_too() {
    // REV006 (login-wall) is a rule pack: it reads Bundle::doc, which holds
    // the canonical documents; its finding points into sxo_config.json.
    let (d, text) = finding("shopxo", "REV001", "REV006");
    assert!(d.resolved.file.ends_with("sxo_config.json"));
    assert_eq!(underlined(&d, &text), "\"1\"");
}

#[test]
fn detection_picks_the_platform_from_the_files() {
    for (platform, kind) in [
        ("crmeb", Kind::Crmeb),
        ("shopxo", Kind::Shopxo),
        ("likeshop", Kind::Likeshop),
    ] {
        let dir = platforms().join(platform).join("clean");
        assert_eq!(adapters::detect(&dir), vec![kind]);
        // A table file stands for its export directory.
        let table = dir.join(format!("{}.json", kind.tables()[0]));
        assert_eq!(
            adapters::discover(&table).unwrap(),
            vec![Target::Dir(dir.clone())]
        );
    }
    // A tree: every export is found, the equivalent bundles too.
    let found = adapters::discover(&platforms()).unwrap();
    let dirs = found.iter().filter(|t| matches!(t, Target::Dir(_))).count();
    let files = found
        .iter()
        .filter(|t| matches!(t, Target::File(_)))
        .count();
    assert_eq!((dirs, files), (3 * 15, 3 * 14));
}

fn preflight(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .current_dir(root())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = root()
        .join("target")
        .join("test-scratch")
        .join(format!("adapters-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn the_cli_detects_and_takes_from() {
    // Detected: a clean export passes.
    let o = preflight(&[
        "check",
        "fixtures/platforms/shopxo/clean",
        "--format",
        "concise",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // --from that matches the files.
    let o = preflight(&[
        "check",
        "fixtures/platforms/crmeb/PAY002",
        "--from",
        "crmeb",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &report["stores"][0]["diagnostics"][0];
    assert_eq!(d["code"], "PAY002");
    assert_eq!(
        d["file"],
        "fixtures/platforms/crmeb/PAY002/eb_system_config.json"
    );
    assert_eq!(d["pointer"], "/10/value");
    assert_eq!(report["stores"][0]["name"], "三美仁和商城");
    assert_eq!(report["stores"][0]["appid"], "wx5e3b9c2a71d04f86");
    // --from that does not: exit 2, saying what was expected.
    let o = preflight(&[
        "check",
        "fixtures/platforms/crmeb/clean",
        "--from",
        "likeshop",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no likeshop table here"), "{err}");
    // --from bundle reads the directory as a canonical bundle.
    let o = preflight(&[
        "check",
        "fixtures/platforms/crmeb/clean",
        "--from",
        "bundle",
        "--format",
        "concise",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("PRD001"));
    // A platform needs a directory.
    let o = preflight(&[
        "check",
        "fixtures/platforms/crmeb/clean/equivalent.bundle.json",
        "--from",
        "crmeb",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_ambiguous_or_unknown_directory_is_an_error() {
    // The tables of two platforms.
    let both = scratch("two-platforms");
    copy_dir(&platforms().join("crmeb/clean"), &both);
    std::fs::copy(
        platforms().join("shopxo/clean/sxo_goods.json"),
        both.join("sxo_goods.json"),
    )
    .unwrap();
    let both_s = both.to_string_lossy().to_string();
    let o = preflight(&["check", &both_s]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ambiguous") && err.contains("CRMEB and ShopXO"),
        "{err}"
    );
    assert!(err.contains("--from crmeb|shopxo"), "{err}");
    // --from settles it.
    let o = preflight(&["check", &both_s, "--from", "crmeb", "--format", "concise"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Tables beside a canonical bundle's products.json.
    let mixed = scratch("tables-and-bundle");
    copy_dir(&platforms().join("likeshop/clean"), &mixed);
    std::fs::copy(
        root().join("fixtures/clean-store/products.json"),
        mixed.join("products.json"),
    )
    .unwrap();
    let o = preflight(&["check", &mixed.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ambiguous") && err.contains("--from bundle"),
        "{err}"
    );

    // Nothing preflight knows.
    let unknown = scratch("unknown");
    std::fs::write(unknown.join("wp_posts.json"), "[]").unwrap();
    let o = preflight(&["check", &unknown.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no store bundle") && err.contains("table export"),
        "{err}"
    );
}

#[test]
fn platform_secrets_never_appear_in_any_output() {
    let secrets = [
        "Kq7mR2xV9pL4tN8wB3hF6jD1sZ5cY0aG",
        "Ht4nW8qE2rY6uI0oP3aS7dF1gJ5kL9zX",
        "7c4e9a1f2b8d6035e1a9c7f40b3d8e62",
        "MIIEvQ",
    ];
    for format in ["full", "concise", "json", "sarif", "github"] {
        let o = preflight(&["check", "fixtures/platforms", "--format", format]);
        let out = String::from_utf8_lossy(&o.stdout);
        // Findings on the payment rows show lines that hold the keys.
        assert!(out.contains("ls_dev_pay.json") && out.contains("sxo_payment.json"));
        for s in secrets {
            assert!(!out.contains(s), "{format} shows a secret");
        }
    }
}

#[test]
fn navicat_and_mysqlsh_wrappers_are_read_and_wrong_cells_are_input001() {
    let tmp = scratch("wrappers");
    copy_dir(&platforms().join("likeshop/PAY002"), &tmp);
    // Navicat writes {"RECORDS": [...]}, values as text.
    let config = tmp.join("ls_config.json");
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    let navicat = serde_json::json!({ "RECORDS": rows });
    std::fs::write(&config, serde_json::to_string_pretty(&navicat).unwrap()).unwrap();
    // A stock that is not a number.
    let goods = tmp.join("ls_goods.json");
    let text = std::fs::read_to_string(&goods).unwrap();
    let broken = text.replacen("\"stock\": 320", "\"stock\": \"many\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&goods, broken).unwrap();

    let r = export(&tmp);
    let pay = r
        .diagnostics
        .iter()
        .find(|d| d.code == "PAY002")
        .expect("PAY002");
    assert_eq!(pay.resolved.pointer.as_deref(), Some("/RECORDS/5/value"));
    let bad = r
        .diagnostics
        .iter()
        .find(|d| d.code == "INPUT001")
        .expect("INPUT001");
    assert!(bad.resolved.file.ends_with("ls_goods.json"));
    assert_eq!(bad.resolved.pointer.as_deref(), Some("/0/stock"));
}
