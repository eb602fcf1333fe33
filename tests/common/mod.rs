//! What the fixture tests share.

use std::path::Path;

use preflight::bundle;
use preflight::engine::StoreResult;

/// A store's findings as the lines of an `expected.txt`:
/// `CODE file:line:col pointer`, the file relative to the case directory
/// (`.` for the directory itself), `-` without a pointer.
pub fn expected_lines(case: &Path, result: &StoreResult) -> Vec<String> {
    let prefix = bundle::display_path(case);
    result
        .diagnostics
        .iter()
        .map(|d| {
            let r = &d.resolved;
            let file = r
                .file
                .strip_prefix(&prefix)
                .map(|f| f.trim_start_matches('/'))
                .filter(|f| !f.is_empty())
                .unwrap_or(".");
            let pos = match r.start {
                Some((l, c)) => format!("{file}:{l}:{c}"),
                None => file.to_string(),
            };
            format!("{} {pos} {}", d.code, r.pointer.as_deref().unwrap_or("-"))
        })
        .collect()
}
