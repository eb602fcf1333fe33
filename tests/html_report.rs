//! `--format html`: snapshots, escaping of hostile store text, and the page
//! in headless Chromium (the verdict and counts in the rendered DOM, the
//! filter, screenshots under target/html-report/).
//!
//! The Chromium tests need Debian's `chromium` (`.ci/run` installs it); set
//! PREFLIGHT_CHROMIUM to use another binary. Without one they print SKIPPED.
//! `cargo test --test html_report -- --ignored` measures a batch of 1,000
//! stores (render time, page load and filter times in Chromium).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};

const HOSTILE: &str = "fixtures/html/hostile-store";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where screenshots and reports are kept for people to look at.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("html-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "html-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The HTML report of `paths`, as the binary writes it.
fn report(paths: &[&str], lang: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .current_dir(root())
        .args(["check", "--today", "2026-11-22", "--format", "html"])
        .args(["--lang", lang])
        .args(paths)
        .output()
        .expect("run preflight");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>()
}

fn one_in(e: ElementRef, s: &str) -> String {
    let all: Vec<String> = e.select(&sel(s)).map(text).collect();
    assert_eq!(all.len(), 1, "{s}: {all:?}");
    all[0].trim().to_string()
}

fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s)).map(text).collect()
}

fn one(doc: &Html, s: &str) -> String {
    let all = texts(doc, s);
    assert_eq!(all.len(), 1, "{s}: {all:?}");
    all[0].trim().to_string()
}

/// The page without its stylesheet and script, which other tests pin.
fn without_assets(html: &str) -> String {
    let css = include_str!("../src/report/html.css");
    let js = include_str!("../src/report/html.js");
    html.replace(css, "/* src/report/html.css */\n")
        .replace(js, "/* src/report/html.js */")
}

#[test]
fn snapshot_of_a_failing_store() {
    insta::assert_snapshot!(report(&[HOSTILE], "zh"));
}

#[test]
fn snapshot_of_a_batch() {
    let html = report(
        &[
            "fixtures/clean-store",
            "fixtures/rules/PAY002/fires-prepaid-on",
            "fixtures/rules/CNT001/fires-product-title",
            "fixtures/rules/ACC004/fires-no-store-json",
        ],
        "en",
    );
    insta::assert_snapshot!(without_assets(&html));
}

/// The strings the hostile store's texts hold, as the page must show them.
const HOSTILE_TEXTS: &[&str] = &[
    "三美<script>alert(1)</script>商城",
    "</style><script>document.body.setAttribute(\"data-pwned\",\"title\")</script>",
    "</script><script>alert('coupon')</script> 充值送",
    "全网第一 <img src=x on",
    "<b onmouseover=\"alert(1)\">特价</b>",
];

/// Elements and attributes a report may contain: anything else came from a store.
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "script", "body", "header", "main", "footer",
    "section", "nav", "article", "details", "summary", "div", "p", "span", "b", "small", "code",
    "pre", "mark", "h1", "h2", "ol", "ul", "li", "a", "button", "label", "select", "option",
    "input", "svg", "rect", "text", "tspan",
];

fn check_structure(doc: &Html, scripts: usize) {
    let js = include_str!("../src/report/html.js");
    let css = include_str!("../src/report/html.css");
    let all: Vec<ElementRef> = doc.select(&sel("*")).collect();
    assert!(all.len() > 50);
    for e in &all {
        let name = e.value().name();
        assert!(ELEMENTS.contains(&name), "unexpected element <{name}>");
        for (attr, _) in e.value().attrs() {
            assert!(!attr.starts_with("on"), "event handler {attr} on <{name}>");
            assert!(!["src", "srcdoc", "formaction", "style"].contains(&attr));
        }
    }
    let found: Vec<String> = texts(doc, "script");
    assert_eq!(found.len(), scripts, "scripts: {found:?}");
    for s in found {
        assert_eq!(s, js, "the only script is the report's own");
    }
    assert_eq!(texts(doc, "style"), vec![format!("\n{css}")]);
}

#[test]
fn hostile_store_text_is_shown_as_text_and_cannot_run() {
    let html = report(&[HOSTILE], "en");
    // Secrets: neither raw nor escaped.
    for s in [
        "5d1f8b3a9e7c2046a1b8d3f6e9c04a27",
        "Xq9</script>pw",
        "Xq9&lt;/script&gt;pw",
    ] {
        assert!(!html.contains(s), "secret {s} in the report");
    }
    // ACC012 shows the malformed secret's line: masked.
    assert!(html.contains(
        "&quot;app_secret&quot;: <mark>&quot;*****************************************&quot;</mark>"
    ));
    // A raw U+2028 in a store text is harmless in HTML text; it stays as it is.
    assert!(html.contains('\u{2028}'));
    let doc = Html::parse_document(&html);
    check_structure(&doc, 0);
    assert_eq!(one(&doc, "h1"), HOSTILE_TEXTS[0]);
    assert!(one(&doc, "title").starts_with(HOSTILE_TEXTS[0]));
    let body = text(doc.select(&sel("main")).next().unwrap());
    for t in HOSTILE_TEXTS {
        assert!(body.contains(t), "{t} is not shown as text");
    }
    // Only the page's own policy: nothing may be fetched, no inline script runs.
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .unwrap();
    let csp = csp.value().attr("content").unwrap();
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(csp.contains("script-src 'none';"), "{csp}");
}

#[test]
fn hostile_paths_and_names_in_a_batch_are_escaped() {
    let dir = scratch("hostile-batch");
    let evil = dir.join("a&b\"<i>x</i>'");
    copy_dir(&root().join(HOSTILE), &evil);
    copy_dir(&root().join("fixtures/clean-store"), &dir.join("clean"));
    let html = report(&[dir.to_str().unwrap()], "zh");
    let doc = Html::parse_document(&html);
    check_structure(&doc, 1);
    let rows: Vec<ElementRef> = doc.select(&sel("#rows > .row")).collect();
    assert_eq!(rows.len(), 2);
    let paths: Vec<String> = doc.select(&sel(".row .c-name small")).map(text).collect();
    assert!(
        paths.iter().any(|p| p.ends_with("/a&b\"<i>x</i>'")),
        "{paths:?}"
    );
    let summaries: Vec<String> = doc
        .select(&sel("details.store summary small"))
        .map(text)
        .collect();
    assert_eq!(paths, summaries);
    assert!(texts(&doc, ".row .c-name a").contains(&HOSTILE_TEXTS[0].to_string()));
    // The script's CSP hash is the script's.
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .unwrap();
    assert!(csp
        .value()
        .attr("content")
        .unwrap()
        .contains("script-src 'sha256-"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_single_store_shows_the_verdict_then_what_to_fix_by_area() {
    // The store of the README's screenshot.
    let html = report(&["fixtures/html/failing-store"], "zh");
    let doc = Html::parse_document(&html);
    assert_eq!(one(&doc, ".verdict .v-word"), "暂不能提交审核");
    assert_eq!(
        one(&doc, ".verdict .v-detail"),
        "有 4 个错误，改完才能提交审核。"
    );
    assert_eq!(one(&doc, ".counts .error b"), "4");
    assert_eq!(one(&doc, ".counts .warning b"), "2");
    assert_eq!(one(&doc, ".counts .info b"), "0");
    // What to fix: errors first, then by area; each line links to its rule's findings.
    let todo: Vec<(String, String)> = doc
        .select(&sel(".todo li a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                text(a.select(&sel("code")).next().unwrap()),
            )
        })
        .collect();
    let codes: Vec<&str> = todo.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(
        codes,
        ["PRD002", "HOME004", "PAY002", "REV001", "REV006", "CNT001"]
    );
    for (href, code) in &todo {
        assert_eq!(href, &format!("#s0-{code}"));
        assert_eq!(doc.select(&sel(&format!("article{href}"))).count(), 1);
    }
    let areas: Vec<String> = texts(&doc, ".area > h2")
        .iter()
        .map(|a| a.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(areas, ["商品", "首页装修", "支付", "提审信息", "内容"]);
    // A finding: message, file:line:column, the value marked in an excerpt, the fix.
    let pay = doc.select(&sel("article#s0-PAY002")).next().unwrap();
    assert_eq!(one_in(pay, ".msg"), "预存款充值已开启");
    assert_eq!(
        one_in(pay, ".loc code"),
        "fixtures/html/failing-store/payment.json:13:25"
    );
    assert_eq!(one_in(pay, "pre.src mark"), "true");
    assert_eq!(one_in(pay, "pre.src .lbl"), "开启状态");
    assert_eq!(one_in(pay, ".fix .menu"), "销售 → 销售设置 → 财务设置");

    let ok = Html::parse_document(&report(&["fixtures/clean-store"], "en"));
    assert_eq!(one(&ok, ".verdict .v-word"), "Ready to submit for review");
    assert_eq!(one(&ok, ".counts .error b"), "0");
    assert_eq!(ok.select(&sel(".rule")).count(), 0);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

// ---- Headless Chromium ----

fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("PREFLIGHT_CHROMIUM") {
        Some(p) => vec![PathBuf::from(p)],
        None => ["chromium", "chromium-browser"]
            .iter()
            .map(PathBuf::from)
            .collect(),
    };
    candidates.into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs headless Chromium on `url` with `args` (`--dump-dom`, `--screenshot=…`),
/// offline, in a fresh profile; its standard output.
fn headless(chrome: &Path, url: &str, args: &[&str]) -> String {
    let profile = scratch("profile");
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            // No name resolves: nothing can reach the network.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = reader.join().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    out
}

fn file_url(p: &Path) -> String {
    let p = p.canonicalize().unwrap();
    let mut url = String::from("file://");
    for b in p.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Rows of the batch table in the rendered DOM: (store path, ready, shown).
fn rows(dom: &Html) -> Vec<(String, bool, bool)> {
    dom.select(&sel("#rows > .row"))
        .map(|r| {
            let path = text(r.select(&sel(".c-name small")).next().unwrap());
            let ready = r.value().attr("data-ready") == Some("1");
            let shown = !r.value().classes().any(|c| c == "off");
            (path, ready, shown)
        })
        .collect()
}

#[test]
fn the_report_in_headless_chromium() {
    let Some(chrome) = chromium() else {
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install -y chromium), \
             the HTML report's browser test did not run"
        );
        return;
    };
    let dir = artifacts();

    // One failing store: the verdict and counts as the browser renders them.
    let single = dir.join("report.html");
    std::fs::write(
        &single,
        report(
            &["fixtures/rules/CAT002/fires-pet-store-as-home-textiles"],
            "zh",
        ),
    )
    .unwrap();
    let dom = Html::parse_document(&headless(&chrome, &file_url(&single), &["--dump-dom"]));
    assert_eq!(one(&dom, ".verdict .v-word"), "暂不能提交审核");
    assert_eq!(one(&dom, ".counts .error b"), "11");
    assert_eq!(one(&dom, ".counts .warning b"), "0");
    assert_eq!(one(&dom, ".todo li code"), "CAT002");
    let png = dir.join("report.png");
    let _ = std::fs::remove_file(&png);
    headless(
        &chrome,
        &file_url(&single),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,900",
        ],
    );
    assert!(png.metadata().is_ok_and(|m| m.len() > 10_000), "{png:?}");

    // The hostile store: nothing it holds runs in a browser.
    let hostile = dir.join("hostile.html");
    std::fs::write(&hostile, report(&[HOSTILE], "en")).unwrap();
    let raw = headless(&chrome, &file_url(&hostile), &["--dump-dom"]);
    let dom = Html::parse_document(&raw);
    assert!(
        raw.contains("data-pwned"),
        "the payload is on the page, as text"
    );
    assert_eq!(
        dom.select(&sel("[data-pwned]")).count(),
        0,
        "a store text ran as script"
    );
    assert_eq!(one(&dom, "h1"), HOSTILE_TEXTS[0]);
    assert_eq!(one(&dom, ".verdict .v-word"), "Not ready to submit");

    // A batch: the script filters by the URL fragment, which --dump-dom shows.
    let batch = dir.join("batch.html");
    let stores = [
        "fixtures/clean-store",
        "fixtures/rules/CAT002/fires-pet-store-as-home-textiles",
        "fixtures/rules/PAY002/fires-prepaid-on",
        "fixtures/rules/PAY002/fires-mysql-flag",
        "fixtures/rules/CNT001/fires-product-title",
        HOSTILE,
    ];
    std::fs::write(&batch, report(&stores, "zh")).unwrap();
    let url = file_url(&batch);

    let dom = Html::parse_document(&headless(&chrome, &url, &["--dump-dom"]));
    let html_el = dom.select(&sel("html")).next().unwrap();
    assert_eq!(
        html_el.value().attr("data-ready"),
        Some("1"),
        "the page's script ran (under its CSP hash)"
    );
    assert!(dom.select(&sel("#controls[hidden]")).next().is_none());
    assert_eq!(one(&dom, "#status"), "显示 6 / 6 个店铺");
    let tiles = texts(&dom, ".tile b");
    assert_eq!(tiles, ["6", "4", "2"], "stores, not ready, ready");
    assert_eq!(rows(&dom).iter().filter(|r| r.2).count(), 6);

    let dom = Html::parse_document(&headless(
        &chrome,
        &format!("{url}#filter=not-ready"),
        &["--dump-dom"],
    ));
    let shown = rows(&dom);
    assert_eq!(shown.len(), 6);
    for (path, ready, visible) in &shown {
        assert_eq!(*visible, !ready, "{path}");
    }
    assert_eq!(
        one(&dom, "#status"),
        "显示 4 / 6 个店铺 · 筛选：暂不能提交审核"
    );
    assert_eq!(
        one(&dom, "[data-filter][aria-pressed=true]"),
        "暂不能提交审核"
    );
    // The store details follow the filter too.
    let details_shown = dom
        .select(&sel("details.store"))
        .filter(|d| !d.value().classes().any(|c| c == "off"))
        .count();
    assert_eq!(details_shown, 4);

    let dom = Html::parse_document(&headless(
        &chrome,
        &format!("{url}#rule=PAY002&sort=-e"),
        &["--dump-dom"],
    ));
    let visible: Vec<String> = rows(&dom)
        .into_iter()
        .filter(|r| r.2)
        .map(|r| r.0)
        .collect();
    assert_eq!(
        visible,
        [
            "fixtures/rules/PAY002/fires-prepaid-on",
            "fixtures/rules/PAY002/fires-mysql-flag"
        ]
    );
    // Sorted by errors, most first: CAT002's 11 errors lead the table.
    assert_eq!(rows(&dom)[0].0, stores[1]);
    let sorted = dom.select(&sel("[aria-sort=descending]")).next().unwrap();
    assert_eq!(sorted.value().attr("data-sort"), Some("e"));

    // Opening a store from its link.
    let dom = Html::parse_document(&headless(&chrome, &format!("{url}#s1"), &["--dump-dom"]));
    assert_eq!(dom.select(&sel("details#s1[open]")).count(), 1);
    assert_eq!(dom.select(&sel("details[open]")).count(), 1);

    for (name, size, fragment) in [
        ("batch.png", "1280,1100", "#filter=not-ready"),
        ("phone.png", "390,844", ""),
    ] {
        let png = dir.join(name);
        let _ = std::fs::remove_file(&png);
        headless(
            &chrome,
            &format!("{url}{fragment}"),
            &[
                &format!("--screenshot={}", png.display()),
                &format!("--window-size={size}"),
            ],
        );
        assert!(png.metadata().is_ok_and(|m| m.len() > 10_000), "{png:?}");
    }
    eprintln!("screenshots and reports in {}", dir.display());
}

/// A measurement, not a check: `cargo test --test html_report -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_batch_of_a_thousand_stores() {
    let dir = scratch("thousand");
    let mut sources: Vec<PathBuf> = Vec::new();
    for rule in std::fs::read_dir(root().join("fixtures/rules"))
        .unwrap()
        .flatten()
    {
        for case in std::fs::read_dir(rule.path()).unwrap().flatten() {
            if case.path().join("store.json").is_file() {
                sources.push(case.path());
            }
        }
    }
    sources.sort();
    sources.push(root().join("fixtures/clean-store"));
    sources.push(root().join(HOSTILE));
    for i in 0..1000 {
        let s = &sources[i % sources.len()];
        let name = format!("{i:04}-{}", s.file_name().unwrap().to_string_lossy());
        copy_dir(s, &dir.join(name));
    }
    // Lint once, then time the renderers alone, in this process.
    let catalog = preflight::rules::Catalog::embedded().unwrap();
    let selection = preflight::engine::Selection::all(&catalog);
    let today = preflight::bundle::date::Date::parse("2026-11-22").unwrap();
    let start = Instant::now();
    let results: Vec<_> = preflight::bundle::discover(&dir)
        .unwrap()
        .iter()
        .map(|t| {
            preflight::engine::lint(
                preflight::bundle::load(t),
                &selection,
                &catalog,
                today,
                None,
            )
        })
        .collect();
    let lint = start.elapsed();
    assert_eq!(results.len(), 1000);
    let run = preflight::report::Run {
        results: &results,
        rules: &catalog.rules,
        baseline: None,
    };
    let opts = preflight::report::RenderOptions {
        lang: preflight::diagnostic::Lang::Zh,
        color: false,
        width: 100,
    };
    let render = |format| {
        let start = Instant::now();
        let out = preflight::report::render(format, &run, opts);
        (start.elapsed(), out)
    };
    let (json, _) = render(preflight::report::Format::Json);
    let (html, text) = render(preflight::report::Format::Html);
    let page = artifacts().join("batch-1000.html");
    std::fs::write(&page, &text).unwrap();
    eprintln!(
        "1000 stores ({} build): lint {:.2} s; render --format json {} ms, --format html {} ms ({:.1} MB)",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        lint.as_secs_f64(),
        json.as_millis(),
        html.as_millis(),
        text.len() as f64 / 1e6
    );

    let Some(chrome) = chromium() else {
        eprintln!("SKIPPED: chromium is not installed, the page was not timed");
        return;
    };
    // The page with a probe that times the filter through its own controls.
    // The probe is not the page's script, so the CSP (hash) is left out.
    let probe = r#"<script>
window.addEventListener("load", function () { setTimeout(function () {
  var nav = performance.getEntriesByType("navigation")[0], d = document;
  var res = { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventStart),
              elements: d.getElementsByTagName("*").length };
  performance.getEntriesByType("paint").forEach(function (p) { res[p.name] = Math.round(p.startTime); });
  function time(name, fn) { var a = performance.now(); fn(); d.body.offsetHeight; res[name] = Math.round(performance.now() - a); }
  function seg(x) { return function () { d.querySelector('[data-filter="' + x + '"]').click(); }; }
  var sel = d.getElementById("rule"), q = d.getElementById("q");
  time("filter not-ready", seg("not-ready"));
  time("filter all", seg("all"));
  time("filter ready", seg("ready"));
  time("filter all again", seg("all"));
  time("filter rule", function () { sel.value = sel.options[1].value; sel.dispatchEvent(new Event("change")); });
  time("clear rule", function () { sel.value = ""; sel.dispatchEvent(new Event("change")); });
  time("search", function () { q.value = "pay"; q.dispatchEvent(new Event("input")); });
  time("clear search", function () { q.value = ""; q.dispatchEvent(new Event("input")); });
  time("sort errors", function () { d.querySelector('[data-sort="e"]').click(); });
  time("sort name", function () { d.querySelector('[data-sort="name"]').click(); });
  time("open a store", function () { d.getElementById("s500").open = true; });
  d.documentElement.setAttribute("data-perf", JSON.stringify(res));
}, 0); });
</script></body>"#;
    let text = std::fs::read_to_string(&page).unwrap();
    let start = text
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let end = start + text[start..].find('>').unwrap() + 1;
    let probed = format!("{}{}", &text[..start], &text[end..]).replace("</body>", probe);
    let probed_path = dir.join("probed.html");
    std::fs::write(&probed_path, probed).unwrap();
    for _ in 0..3 {
        let dom = headless(&chrome, &file_url(&probed_path), &["--dump-dom"]);
        let doc = Html::parse_document(&dom);
        let perf = doc
            .select(&sel("html"))
            .next()
            .and_then(|h| h.value().attr("data-perf").map(str::to_string))
            .unwrap_or_default();
        eprintln!("chromium, ms: {perf}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
