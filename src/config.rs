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
}

impl Finder {
    pub fn find(&mut self, bundle: &Path, is_dir: bool) -> Option<PathBuf> {
        let start = if is_dir { bundle } else { bundle.parent()? };
        let start = std::fs::canonicalize(if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        })
        .ok()?;
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
}
