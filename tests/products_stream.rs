//! products.json is streamed into the model when the rule packs read only
//! some members of each product (`DocProducts::Members`). These tests hold
//! the stream to the general path (`DocProducts::Whole`, the file parsed
//! whole): the same products, the same input errors, the same findings,
//! for every fixture and for files of unusual shapes.

mod common;

use std::path::{Path, PathBuf};

use preflight::bundle::date::Date;
use preflight::bundle::{self, DocProducts, Target};
use preflight::engine::{lint, Selection};
use preflight::rules::Catalog;

/// Products, input errors and findings of a store, as text to compare.
fn outcome(dir: &Path, catalog: &Catalog, doc: &DocProducts) -> (String, String, Vec<String>) {
    let b = bundle::load_with(&Target::Dir(dir.to_path_buf()), doc);
    let products = format!("{:?}", b.products);
    let errors = format!("{:?}", b.input_errors);
    let result = lint(
        b,
        &Selection::all(catalog),
        catalog,
        Date::parse("2026-11-22").unwrap(),
        None,
    );
    (products, errors, common::expected_lines(dir, &result))
}

fn assert_same(dir: &Path, catalog: &Catalog) {
    assert!(matches!(catalog.doc_products, DocProducts::Members(_)));
    let whole = outcome(dir, catalog, &DocProducts::Whole);
    let streamed = outcome(dir, catalog, &catalog.doc_products);
    assert_eq!(whole.0, streamed.0, "products of {}", dir.display());
    assert_eq!(whole.1, streamed.1, "input errors of {}", dir.display());
    assert_eq!(whole.2, streamed.2, "findings of {}", dir.display());
}

#[test]
fn every_fixture_reads_the_same_streamed() {
    let catalog = Catalog::embedded().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "products.json")
        .filter_map(|e| e.path().parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    assert!(
        dirs.len() > 50,
        "only {} fixtures with products.json",
        dirs.len()
    );
    for dir in dirs {
        assert_same(&dir, &catalog);
    }
}

/// A store whose products.json is `products`.
fn store(products: &str) -> tempdir::Dir {
    let d = tempdir::Dir::new();
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean-store");
    for e in std::fs::read_dir(&clean).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), d.path().join(e.file_name())).unwrap();
    }
    std::fs::write(d.path().join("products.json"), products).unwrap();
    d
}

mod tempdir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A directory under the target dir, removed when dropped.
    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
                "products-stream-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn unusual_files_read_the_same_as_parsed_whole() {
    let catalog = Catalog::embedded().unwrap();
    let p = r#"{"id": "p1", "title": "猫粮", "status": "on_sale", "price": "9.90", "stock": 3, "images": ["a.jpg"]}"#;
    let cases = [
        // Usual shapes, with wrong types and odd members inside.
        format!("[{p}]"),
        format!(r#"{{"total": 1, "products": [{p}], "page": 1}}"#),
        format!(r#"{{"products": [{{"price": {{}}}}], "products": [{p}]}}"#),
        r#"[{"id": "p1", "id": "p2", "title": "  ", "status": "on_sale", "images": []}]"#.into(),
        r#"[{"id": 7, "title": ["x"], "status": "on_sale", "price": {"v": 1}, "market_price": true, "stock": "12a", "images": "a.jpg", "virtual": "maybe", "category_id": null}]"#.into(),
        r#"[{"id": "p1", "status": "on_sale", "images": [" ", 3, null, {}], "skus": null}]"#.into(),
        r#"[{"id": "p1", "status": "on_sale", "skus": [{"id": "s", "price": "x", "stock": -1, "extra": [1, {"a": [2]}]}, {}]}]"#.into(),
        r#"[{"id": "p1", "status": "off_shelf", "description": "\u6700\u4f73 \"quoted\"", "unknown": {"deep": [[[[1]]]]}}]"#.into(),
        "[]".into(),
        "{\"products\": []}".into(),
        // Invalid only once decoded, in members nothing reads: still invalid.
        format!(r#"[{p}, {{"id": "p2", "note": 1e400}}]"#),
        r#"[{"id": "p1", "note": "\ud800"}]"#.into(),
        format!(r#"{{"products": [{p}], "total": 1e999}}"#),
        r#"[{"id": "p1", "skus": [{"id": "s", "x": "\udc00"}]}]"#.into(),
        format!(r#"[{{"id": "p1", "x": {}1{}}}]"#, "[".repeat(200), "]".repeat(200)),
        // Unusual shapes: read the general way, which reports them.
        format!(r#"{{"items": [{p}]}}"#),
        r#"{"products": null}"#.into(),
        r#"{"products": {"id": "p1"}}"#.into(),
        format!("[{p}, 3, null, [1]]"),
        format!(r#"[{p}, {{"id": "p2", "skus": "none"}}]"#),
        format!(r#"[{p}, {{"id": "p2", "skus": [1, {{"id": "s"}}]}}]"#),
        format!("[{p}] trailing"),
        format!("[{p},]"),
        format!("[{p}"),
        "\"products\"".into(),
        "".into(),
    ];
    for case in &cases {
        let d = store(case);
        assert_same(d.path(), &catalog);
    }
}

#[test]
fn a_pack_reading_other_members_sees_them() {
    let rules = tempdir::Dir::new();
    std::fs::write(
        rules.path().join("pack-brand.toml"),
        r#"
[[rule]]
code = "BRD001"
name = "brand-named"
severity = "warning"
area = "product"
summary = { zh = "品牌", en = "brand" }
what = { zh = "品牌", en = "brand" }
why = { zh = "品牌", en = "brand" }
fix = { zh = "品牌", en = "brand" }

[[rule.check]]
given = "$.products[?@.brand == 'acme']"
field = "title"
function = "pattern"
pattern = "^Acme"
entity = "product"
message = { zh = "标题 {value}", en = "title {value}" }
"#,
    )
    .unwrap();
    let catalog = Catalog::load(&[rules.path()]).unwrap();
    assert_eq!(
        catalog.doc_products,
        DocProducts::Members(
            ["brand", "id", "images", "status", "title"]
                .map(String::from)
                .to_vec()
        )
    );
    let d = store(
        r#"[{"id": "p1", "title": "Cat food", "brand": "acme", "status": "on_sale", "images": ["a"]},
            {"id": "p2", "title": "Acme food", "brand": "acme", "status": "on_sale", "images": ["a"]},
            {"id": "p3", "title": "Dog food", "brand": "other", "status": "on_sale", "images": ["a"]}]"#,
    );
    assert_same(d.path(), &catalog);
    let (_, _, findings) = outcome(d.path(), &catalog, &catalog.doc_products);
    let x: Vec<_> = findings
        .iter()
        .filter(|l| l.starts_with("BRD001"))
        .collect();
    assert_eq!(x.len(), 1, "{findings:?}");
    assert_eq!(x[0], "BRD001 products.json:1:24 /0/title");
}

/// Team pack checks over products in the forms answered from the streamed
/// members (`[*]`, `[?@.m == 'text']`) and in forms only JSONPath answers,
/// over products whose members are missing, null or of other types.
#[test]
fn product_checks_of_every_form_find_the_same_streamed() {
    let rules = tempdir::Dir::new();
    let rule = |code: &str, name: &str, given: &str, field: &str, function: &str| {
        format!(
            r#"
[[rule]]
code = "{code}"
name = "{name}"
severity = "warning"
area = "product"
summary = {{ zh = "x", en = "x" }}
what = {{ zh = "x", en = "x" }}
why = {{ zh = "x", en = "x" }}
fix = {{ zh = "x", en = "x" }}

[[rule.check]]
given = '''{given}'''
field = "{field}"
function = "{function}"
pattern = "^A"
entity = "product"
message = {{ zh = "值 {{value}}", en = "value {{value}}" }}
"#
        )
    };
    let pack = [
        rule("FRM001", "all-images", "$.products[*]", "images", "truthy"),
        rule(
            "FRM002",
            "on-sale-titles",
            r#"$.products[?@.status == "on_sale"]"#,
            "title",
            "pattern",
        ),
        rule(
            "FRM003",
            "spaced-filter",
            "$.products[ ?@.brand=='acme' ]",
            "title",
            "truthy",
        ),
        rule(
            "FRM004",
            "not-on-sale",
            "$.products[?@.status != 'on_sale']",
            "title",
            "truthy",
        ),
        rule(
            "FRM005",
            "priced",
            "$.products[?@.price > 1]",
            "title",
            "pattern",
        ),
        rule(
            "FRM006",
            "both",
            "$.products[?@.status == 'on_sale' && @.brand == 'acme']",
            "title",
            "pattern",
        ),
    ]
    .concat();
    std::fs::write(rules.path().join("pack-forms.toml"), pack).unwrap();
    let catalog = Catalog::load(&[rules.path()]).unwrap();
    assert!(matches!(catalog.doc_products, DocProducts::Members(_)));
    let d = store(
        r#"[{"id": "p1", "title": "Cat", "status": "on_sale", "images": []},
            {"id": 2, "title": "Acme", "status": "on_sale", "brand": "acme", "price": 5},
            {"title": "Dog", "status": 1, "images": ["x"], "price": "3"},
            {"id": "p4", "title": null, "status": null, "brand": "acme", "price": 0},
            {"id": "p5", "status": "off_shelf", "images": null, "brand": "acme"},
            {"id": "p6", "title": "Bird", "status": "on_sale ", "images": ["y"], "price": 2},
            {"id": "p7", "title": "Zed", "status": "on_sale", "brand": "acme", "images": ["z"]}]"#,
    );
    assert_same(d.path(), &catalog);
    let (_, _, findings) = outcome(d.path(), &catalog, &catalog.doc_products);
    for code in ["FRM001", "FRM002", "FRM003", "FRM004", "FRM005", "FRM006"] {
        assert!(
            findings.iter().any(|l| l.starts_with(code)),
            "{code} found nothing: {findings:?}"
        );
    }
}
