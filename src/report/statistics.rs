//! `--statistics`: how often each rule fired, most frequent first.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::engine::StoreResult;

#[derive(Serialize, schemars::JsonSchema)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub count: usize,
    /// How many stores it fired in.
    pub stores: usize,
}

fn counts(results: &[StoreResult]) -> Vec<RuleCount> {
    let mut by: BTreeMap<&'static str, (RuleCount, Severity)> = BTreeMap::new();
    for r in results {
        let mut seen = std::collections::HashSet::new();
        for d in &r.diagnostics {
            let e = by.entry(d.code).or_insert_with(|| {
                (
                    RuleCount {
                        code: d.code,
                        name: d.name,
                        severity: d.severity.as_str(),
                        count: 0,
                        stores: 0,
                    },
                    d.severity,
                )
            });
            e.0.count += 1;
            if seen.insert(d.code) {
                e.0.stores += 1;
            }
            // A rule whose findings differ in severity shows its worst.
            if d.severity > e.1 {
                e.1 = d.severity;
                e.0.severity = d.severity.as_str();
            }
        }
    }
    let mut list: Vec<RuleCount> = by.into_values().map(|(c, _)| c).collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    list
}

/// The statistics as text (`json = false`) or JSON.
pub fn statistics(results: &[StoreResult], json: bool) -> String {
    let list = counts(results);
    if json {
        let doc = serde_json::json!({
            "schema_version": 1,
            "stores": results.len(),
            "statistics": list,
        });
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        return s;
    }
    let mut out = String::new();
    for c in &list {
        let _ = writeln!(
            out,
            "{:>6}  {:<9}{:<36}{:<8} in {} store{}",
            c.count,
            c.code,
            c.name,
            c.severity,
            c.stores,
            if c.stores == 1 { "" } else { "s" }
        );
    }
    let total: usize = list.iter().map(|c| c.count).sum();
    let _ = writeln!(out, "{total:>6}  findings in {} stores", results.len());
    out
}
