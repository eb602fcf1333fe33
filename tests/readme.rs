//! The README's rule table is generated from the registry; this keeps them in step.
//! `PREFLIGHT_BLESS=1 cargo test --test readme` rewrites the table.

use preflight::rules::Catalog;

const BEGIN: &str = "<!-- rules:begin -->\n";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let mut t = String::from(
        "| code | name | severity | publish precondition | what it reports |\n|---|---|---|---|---|\n",
    );
    for r in Catalog::embedded().expect("built-in rules").rules {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.code,
            r.name,
            r.severity.as_str(),
            if r.precondition { "yes" } else { "" },
            r.summary.en
        ));
    }
    t
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(BEGIN).expect("rules:begin marker") + BEGIN.len();
    let end = readme.find(END).expect("rules:end marker");
    let want = table();
    if std::env::var_os("PREFLIGHT_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], want, &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        readme[start..end],
        want,
        "run PREFLIGHT_BLESS=1 cargo test --test readme"
    );
}

#[test]
fn readme_first_screen_has_the_two_setup_commands_ci_runs() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let first_screen: String = readme.lines().take(30).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo run -- check fixtures/clean-store"));
    assert!(first_screen.contains("cargo test"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs the README's test command"
    );
}
