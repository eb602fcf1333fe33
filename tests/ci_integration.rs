//! The README's CI integration, run as far as this machine allows: the
//! workflow's script on a real git repository (a pull request that breaks a
//! store fails, one that keeps it good passes), and the pre-commit hook's
//! entry on the files its pattern selects.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("preflight-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs ci/preflight-changed.sh in `repo` against `base`.
fn changed(repo: &Path, base: &str) -> (Option<i32>, String) {
    let o = Command::new("bash")
        .arg(root().join("ci/preflight-changed.sh"))
        .args([base, "stores", "preflight.sarif"])
        .current_dir(repo)
        .env("PREFLIGHT", env!("CARGO_BIN_EXE_preflight"))
        .env("LANG", "C.UTF-8")
        .output()
        .expect("bash");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn the_workflow_script_fails_a_pull_request_that_breaks_a_store() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("SKIPPED: git is not installed, the CI workflow test cannot run");
        return;
    }
    let repo = scratch("workflow");
    assert!(git(&repo, &["init", "-q", "-b", "main"]));
    copy_dir(
        &root().join("fixtures/clean-store"),
        &repo.join("stores/sanmei"),
    );
    copy_dir(
        &root().join("fixtures/clean-store"),
        &repo.join("stores/other"),
    );
    assert!(git(&repo, &["add", "."]) && git(&repo, &["commit", "-qm", "stores"]));

    // A change that keeps the store good passes and still writes SARIF.
    assert!(git(&repo, &["checkout", "-qb", "good"]));
    let coupons = repo.join("stores/sanmei/coupons.json");
    let text = std::fs::read_to_string(&coupons).unwrap();
    std::fs::write(&coupons, text.replace("满199减20", "满299减30")).unwrap();
    assert!(git(&repo, &["commit", "-qam", "better coupon"]));
    let (code, out) = changed(&repo, "main");
    assert_eq!(code, Some(0), "{out}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("preflight.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);

    // A change that switches prepaid recharge on fails with an annotation.
    assert!(git(&repo, &["checkout", "-qb", "bad", "main"]));
    let payment = repo.join("stores/sanmei/payment.json");
    let text = std::fs::read_to_string(&payment).unwrap();
    std::fs::write(
        &payment,
        text.replace("\"prepaid_recharge\": false", "\"prepaid_recharge\": true"),
    )
    .unwrap();
    assert!(git(&repo, &["commit", "-qam", "recharge"]));
    let (code, out) = changed(&repo, "main");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("::error file=stores/sanmei/payment.json,line=13,col=25"),
        "{out}"
    );
    assert!(
        !out.contains("stores/other"),
        "only changed stores are linted: {out}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("preflight.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "PAY002");

    // Nothing changed under stores/: nothing to lint.
    assert!(git(&repo, &["checkout", "-q", "main"]));
    let (code, out) = changed(&repo, "main");
    assert_eq!(code, Some(0), "{out}");
    let _ = std::fs::remove_dir_all(&repo);
}

/// The value of a top-level key of the single hook in .pre-commit-hooks.yaml.
fn hook_key(yaml: &str, key: &str) -> String {
    yaml.lines()
        .filter_map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .strip_prefix(&format!("{key}:"))
        })
        .map(|v| v.trim().to_string())
        .next()
        .unwrap_or_else(|| panic!("no {key} in .pre-commit-hooks.yaml"))
}

#[test]
fn the_pre_commit_hook_lints_the_bundles_of_the_files_it_selects() {
    let yaml = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert_eq!(hook_key(&yaml, "id"), "preflight");
    assert_eq!(hook_key(&yaml, "language"), "rust");
    assert_eq!(hook_key(&yaml, "pass_filenames"), "true");
    let files = regex::Regex::new(&hook_key(&yaml, "files")).expect("files is a regex");
    let entry = hook_key(&yaml, "entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("preflight"));
    let args: Vec<&str> = words.collect();

    let staged = |store: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(root().join(store))
            .unwrap()
            .flatten()
            .map(|e| format!("{store}/{}", e.file_name().to_string_lossy()))
            .filter(|f| files.is_match(f))
            .collect();
        v.sort();
        v
    };
    let good = staged("fixtures/clean-store");
    assert!(good.contains(&"fixtures/clean-store/payment.json".to_string()));
    assert!(!good
        .iter()
        .any(|f| f.ends_with("avatar.png") || f.ends_with("expected.txt")));
    let run = |files: &[String]| {
        Command::new(env!("CARGO_BIN_EXE_preflight"))
            .current_dir(root())
            .args(&args)
            .args(files)
            .output()
            .unwrap()
    };
    let o = run(&good);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out.matches("ready to submit").count(),
        1,
        "one store, linted once: {out}"
    );
    let bad = staged("fixtures/rules/PAY002/fires-prepaid-on");
    assert_eq!(run(&bad).status.code(), Some(1));
}
