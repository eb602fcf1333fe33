//! `preflight.toml`: per-store (or per-tree) configuration, found by walking
//! up from each bundle, or given with `--config`.
//!
//! ```toml
//! select = ["ALL"]              # rules to run (codes, names, prefixes); default all
//! ignore = ["REV006"]           # rules to skip
//! fail-on = "warning"           # lowest severity that fails (CLI --fail-on wins)
//!
//! [severity]                    # per-rule severity
//! REV003 = "error"
//!
//! [[waive]]                     # accept one finding, with a reason
//! rule = "PRD007"
//! target = "p1009"              # an entity id, or a JSON pointer such as /finance/prepaid_recharge
//! reason = "卡密商品已开通虚拟支付"
//! ```
//!
//! Unknown keys, unknown rules and a waiver without a reason are errors that
//! name the file, line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::bundle::source::line_col;
use crate::diagnostic::Severity;
use crate::rules::Catalog;

pub const FILE_NAME: &str = "preflight.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default, rename = "fail-on")]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    severity: HashMap<String, Spanned<String>>,
    #[serde(default)]
    waive: Vec<Spanned<WaiverDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverDef {
    rule: Spanned<String>,
    target: String,
    #[serde(default)]
    reason: String,
}

/// One accepted finding.
#[derive(Debug, Clone)]
pub struct Waiver {
    /// The rule's code.
    pub code: &'static str,
    pub target: String,
    pub reason: String,
    /// Byte span of the `[[waive]]` entry in the config file.
    pub span: (usize, usize),
}

/// A loaded configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from (as shown to users), and its text.
    pub path: Option<String>,
    pub text: String,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    pub severity: HashMap<&'static str, Severity>,
    pub waivers: Vec<Waiver>,
}

impl Config {
    /// Reads and checks a config file against the rule catalog.
    pub fn load(path: &Path, catalog: &Catalog) -> Result<Config, String> {
        let shown = crate::bundle::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        let file: ConfigFile =
            toml::from_str(&text).map_err(|e| format!("{shown}: {}", e.to_string().trim_end()))?;
        let at = |span: std::ops::Range<usize>, msg: String| {
            let lc = line_col(&text, span.start);
            format!("{shown}:{}:{}: {msg}", lc.line, lc.column)
        };
        let rule_selector = |s: &Spanned<String>| -> Result<String, String> {
            let v = s.get_ref();
            let known = v.eq_ignore_ascii_case("ALL")
                || catalog.rules.iter().any(|r| {
                    r.name.eq_ignore_ascii_case(v)
                        || r.code
                            .get(..v.len())
                            .is_some_and(|p| p.eq_ignore_ascii_case(v))
                });
            if v.is_empty() || !known {
                return Err(at(
                    s.span(),
                    format!("unknown rule {v:?} (see `preflight rules`)"),
                ));
            }
            Ok(v.clone())
        };
        let select = file
            .select
            .iter()
            .map(rule_selector)
            .collect::<Result<_, _>>()?;
        let ignore = file
            .ignore
            .iter()
            .map(rule_selector)
            .collect::<Result<_, _>>()?;
        let parse_sev = |s: &Spanned<String>| {
            Severity::parse(s.get_ref())
                .ok_or_else(|| at(s.span(), "severity must be error, warning or info".into()))
        };
        let fail_on = file.fail_on.as_ref().map(parse_sev).transpose()?;
        let mut severity = HashMap::new();
        for (rule, sev) in &file.severity {
            let r = catalog.find(rule).ok_or_else(|| {
                // The key's own span is not kept by a map; point at its value.
                at(sev.span(), format!("unknown rule {rule:?} in [severity]"))
            })?;
            severity.insert(r.code, parse_sev(sev)?);
        }
        let mut waivers = Vec::new();
        for w in &file.waive {
            let span = w.span();
            let def = w.get_ref();
            let r = catalog.find(def.rule.get_ref()).ok_or_else(|| {
                at(
                    def.rule.span(),
                    format!("unknown rule {:?} in [[waive]]", def.rule.get_ref()),
                )
            })?;
            if def.reason.trim().is_empty() {
                return Err(at(span.clone(), "a waiver needs a `reason`".into()));
            }
            if def.target.trim().is_empty() {
                return Err(at(
                    span.clone(),
                    "a waiver needs a `target` (an entity id or a JSON pointer)".into(),
                ));
            }
            waivers.push(Waiver {
                code: r.code,
                target: def.target.trim().to_string(),
                reason: def.reason.trim().to_string(),
                span: (span.start, span.end),
            });
        }
        Ok(Config {
            path: Some(shown),
            text,
            select,
            ignore,
            fail_on,
            severity,
            waivers,
        })
    }
}

/// Finds the nearest `preflight.toml` for a bundle (its directory, or the
/// bundle file's directory, then each parent), caching by directory.
#[derive(Default)]
pub struct Finder {
    cache: HashMap<PathBuf, Option<PathBuf>>,
    /// Canonical paths of the directories holding bundles, by the path
    /// as given.
    canonical: HashMap<PathBuf, PathBuf>,
}

impl Finder {
    pub fn find(&mut self, bundle: &Path, is_dir: bool) -> Option<PathBuf> {
        let start = if is_dir { bundle } else { bundle.parent()? };
        let start = self.canonicalize(if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        })?;
        let mut visited = Vec::new();
        let mut dir = Some(start.as_path());
        let mut found = None;
        while let Some(d) = dir {
            if let Some(hit) = self.cache.get(d) {
                found = hit.clone();
                break;
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
            dir = d.parent();
        }
        for v in visited {
            self.cache.insert(v, found.clone());
        }
        found
    }

    /// `std::fs::canonicalize(dir)`, for the thousands of store directories
    /// of a batch: a directory that is not a symlink is its canonical
    /// parent (resolved once for all its siblings) joined with its name,
    /// which costs one `lstat` instead of one per component of the path.
    fn canonicalize(&mut self, dir: &Path) -> Option<PathBuf> {
        if let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) {
            let real_dir = || std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
            if !parent.as_os_str().is_empty() && real_dir() {
                if let Some(p) = self.canonical.get(parent) {
                    return Some(p.join(name));
                }
                let p = std::fs::canonicalize(parent).ok()?;
                let joined = p.join(name);
                self.canonical.insert(parent.to_path_buf(), p);
                return Some(joined);
            }
        }
        std::fs::canonicalize(dir).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nearest preflight.toml the plain way: canonicalize, then walk up.
    fn nearest(dir: &Path) -> Option<PathBuf> {
        let start = std::fs::canonicalize(dir).ok()?;
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|c| c.is_file())
    }

    #[test]
    fn the_finder_finds_what_canonicalizing_each_directory_finds() {
        let root = std::env::temp_dir().join(format!("preflight-finder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for d in ["a/s1", "a/b/s2", "c/s3", "d/e"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("a").join(FILE_NAME), "").unwrap();
        std::fs::write(root.join("d/e").join(FILE_NAME), "").unwrap();
        let mut dirs = vec![
            root.join("a/s1"),
            root.join("a/b/s2"),
            root.join("c/s3"),
            root.join("a/b/../s1"),
            root.join("a/b/s2/."),
            root.join("d/e"),
        ];
        // A symlinked store: its own parents count, not the link's.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a/b/s2"), root.join("c/link")).unwrap();
            std::os::unix::fs::symlink(root.join("d"), root.join("c/d-link")).unwrap();
            dirs.push(root.join("c/link"));
            dirs.push(root.join("c/d-link/e"));
        }
        let mut finder = Finder::default();
        for _ in 0..2 {
            for d in &dirs {
                assert_eq!(finder.find(d, true), nearest(d), "{}", d.display());
            }
        }
        assert!(nearest(&root.join("a/b/s2")).is_some());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
