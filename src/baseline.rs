//! Baselines: record today's findings by fingerprint, then report only what
//! is new. A fingerprint is made of the rule, the store, the file within the
//! store and the entity id or JSON pointer — never a line number — so an
//! unrelated edit does not make an old finding look new.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Fingerprint;
use crate::engine::{Counts, StoreResult};

pub const SCHEMA_VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub store: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub schema_version: u32,
    pub tool: String,
    pub findings: Vec<Entry>,
}

/// What applying a baseline did to a run.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// The baseline file.
    pub file: String,
    /// Findings that were already in the baseline (not reported).
    pub known: usize,
    /// Baseline entries that no longer occur: fixed since it was written.
    pub fixed: Vec<Entry>,
}

fn entry(r: &StoreResult, d: &crate::diagnostic::Diagnostic) -> Entry {
    Entry {
        fingerprint: d.fingerprint.to_string(),
        code: d.code.to_string(),
        store: r.bundle.path.clone(),
        file: d.resolved.file.to_string(),
        pointer: d.resolved.pointer.clone(),
        line: d.resolved.start.map(|s| s.0),
        message: d.message.en.to_string(),
    }
}

/// Writes every current finding to `path`.
pub fn write(path: &Path, results: &[StoreResult]) -> Result<usize, String> {
    let findings: Vec<Entry> = results
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| entry(r, d)))
        .collect();
    let n = findings.len();
    let file = BaselineFile {
        schema_version: SCHEMA_VERSION,
        tool: format!("preflight {}", env!("CARGO_PKG_VERSION")),
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(n)
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<BaselineFile, String> {
    let shown = crate::bundle::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{shown}:{}:{}: not a preflight baseline: {e}",
            e.line(),
            e.column()
        )
    })?;
    if file.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "{shown}: baseline schema_version {} is not supported (expected {SCHEMA_VERSION})",
            file.schema_version
        ));
    }
    Ok(file)
}

/// Removes the findings recorded in `baseline` from `results` (each entry
/// accounts for one finding, so a second identical finding is new) and
/// returns what was known and what has been fixed since.
pub fn apply(baseline: BaselineFile, path: &Path, results: &mut [StoreResult]) -> Outcome {
    // By fingerprint; an entry whose fingerprint is not one preflight
    // writes matches nothing (key `None`, never looked up).
    let mut remaining: HashMap<Option<Fingerprint>, Vec<Entry>> = HashMap::new();
    for e in baseline.findings {
        remaining
            .entry(Fingerprint::parse(&e.fingerprint))
            .or_default()
            .push(e);
    }
    let mut known = 0;
    for r in results.iter_mut() {
        r.diagnostics
            .retain(|d| match remaining.get_mut(&Some(d.fingerprint)) {
                Some(list) if !list.is_empty() => {
                    list.pop();
                    known += 1;
                    false
                }
                _ => true,
            });
        r.counts = Counts::of(&r.diagnostics);
    }
    let mut fixed: Vec<Entry> = remaining.into_values().flatten().collect();
    fixed.sort_by(|a, b| {
        (&a.store, &a.file, a.line, &a.code).cmp(&(&b.store, &b.file, b.line, &b.code))
    });
    Outcome {
        file: crate::bundle::display_path(path),
        known,
        fixed,
    }
}
