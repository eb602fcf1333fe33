//! SARIF 2.1.0 (`--format sarif`) for code scanning: every rule of the
//! catalog with its documentation, and one result per diagnostic with its
//! physical location and a partial fingerprint.

use serde_json::{json, Value};

use super::Run;
use crate::diagnostic::{Lang, Severity};
use crate::rules::{Area, Rule};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// WeChat's documentation for each area, as the rules' help link.
fn help_uri(area: Area) -> &'static str {
    match area {
        Area::Category => "https://developers.weixin.qq.com/miniprogram/product/material/",
        Area::Payment => "https://pay.weixin.qq.com/doc/v3/merchant/4012062524",
        Area::Review | Area::Account => {
            "https://developers.weixin.qq.com/miniprogram/product/reject.html"
        }
        _ => "https://developers.weixin.qq.com/miniprogram/product/",
    }
}

/// A path as a relative URI reference (percent-encoded), or a file: URI
/// for an absolute path.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else if path.contains("://") {
        path.to_string()
    } else {
        out
    }
}

fn rule_descriptor(r: &Rule, lang: Lang) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary.get(lang) },
        "fullDescription": { "text": format!("{}\n\n{}", r.what.get(lang), r.why.get(lang)) },
        "help": { "text": r.fix.get(lang) },
        "helpUri": help_uri(r.area),
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "tags": [r.area.title().en.to_lowercase()],
            "precondition": r.precondition,
        },
    })
}

pub fn render(run: &Run, lang: Lang) -> String {
    let rules: Vec<Value> = run.rules.iter().map(|r| rule_descriptor(r, lang)).collect();
    let mut results = Vec::new();
    for r in run.results {
        for d in &r.diagnostics {
            let mut physical = json!({ "artifactLocation": { "uri": uri(&d.resolved.file) } });
            if let (Some((sl, sc)), Some((el, ec))) = (d.resolved.start, d.resolved.end) {
                physical["region"] = json!({
                    "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                });
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": d.message.get(lang) },
                "locations": [{ "physicalLocation": physical }],
                "partialFingerprints": { "preflight/v1": d.fingerprint },
                "properties": { "store": r.bundle.path, "help": d.help.get(lang) },
            });
            if let Some(i) = run.rules.iter().position(|x| x.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(p) = &d.resolved.pointer {
                result["properties"]["pointer"] = json!(p);
            }
            if let Some(e) = &d.entity {
                result["properties"]["entity"] = json!({ "kind": e.kind, "id": e.id });
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "preflight",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://developers.weixin.qq.com/miniprogram/product/",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("stores/a b/payment.json"), "stores/a%20b/payment.json");
        assert_eq!(uri("店铺/x.json"), "%E5%BA%97%E9%93%BA/x.json");
        assert_eq!(uri("/tmp/x.json"), "file:///tmp/x.json");
    }
}
