//! Runs the selected rules over one bundle: selection, locations,
//! fingerprints, ordering and counts.

use crate::bundle::date::Date;
use std::collections::HashMap;

use crate::bundle::source::{locate_all, redact_members, FileKind, LineIndex, Located, SourceFile};
use crate::bundle::Bundle;
use crate::bundle::SECRET_FIELDS;
use crate::config::Config;
use crate::diagnostic::{fingerprint, At, Diagnostic, Fingerprint, Location, Resolved, Severity};
use crate::rules::unused_waiver;
use crate::rules::{Catalog, Context, Rule};

/// Which rules run: `--select` and `--ignore` by code, name or code prefix
/// (`ACC`, `PRD00`) or `ALL`.
#[derive(Debug, Clone)]
pub struct Selection {
    enabled: Vec<&'static Rule>,
}

/// Whether a selector names a rule.
fn selects(selector: &str, rule: &Rule) -> bool {
    let s = selector.trim();
    s.eq_ignore_ascii_case("ALL")
        || rule.name.eq_ignore_ascii_case(s)
        || rule
            .code
            .get(..s.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(s))
}

impl Selection {
    /// Every rule, or those selected minus those ignored. An error names a
    /// selector that matches no rule.
    pub fn new(
        catalog: &Catalog,
        select: &[String],
        ignore: &[String],
    ) -> Result<Selection, String> {
        for s in select.iter().chain(ignore) {
            if s.trim().is_empty() || !catalog.rules.iter().any(|r| selects(s, r)) {
                return Err(format!(
                    "unknown rule selector: {s:?} (see `preflight rules`)"
                ));
            }
        }
        let enabled = catalog
            .rules
            .iter()
            .copied()
            .filter(|r| select.is_empty() || select.iter().any(|s| selects(s, r)))
            .filter(|r| !ignore.iter().any(|s| selects(s, r)))
            .collect();
        Ok(Selection { enabled })
    }

    pub fn all(catalog: &Catalog) -> Selection {
        Selection {
            enabled: catalog.rules.clone(),
        }
    }

    pub fn rules(&self) -> &[&'static Rule] {
        &self.enabled
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// No error: a store with these counts is ready to submit.
    pub fn ready(self) -> bool {
        self.errors == 0
    }

    pub fn add(&mut self, other: Counts) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// The findings for one store, with the bundle kept for source excerpts.
#[derive(Debug)]
pub struct StoreResult {
    pub bundle: Bundle,
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Counts,
    /// Findings accepted by a waiver in preflight.toml (not in `diagnostics`).
    pub waived: usize,
    /// Which of the config's waivers matched a finding of this store.
    pub waivers_used: Vec<bool>,
    /// The rules that ran.
    pub checked: Vec<&'static Rule>,
}

impl StoreResult {
    /// Ready to submit: no error.
    pub fn ready(&self) -> bool {
        self.counts.ready()
    }

    /// What a batch's closing lines need of this store.
    pub fn summary(&self) -> StoreSummary {
        let mut by_rule: Vec<(&'static str, usize)> = Vec::new();
        for d in &self.diagnostics {
            match by_rule.iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, n)) => *n += 1,
                None => by_rule.push((d.code, 1)),
            }
        }
        StoreSummary {
            path: self.bundle.path.clone(),
            name: self.bundle.name().map(str::to_string),
            counts: self.counts,
            waived: self.waived,
            by_rule,
        }
    }
}

/// A linted store as a batch's closing lines show it: what a store whose
/// findings were already written keeps (a few dozen bytes, so a streamed
/// batch of any size holds little).
#[derive(Debug, Clone)]
pub struct StoreSummary {
    pub path: String,
    pub name: Option<String>,
    pub counts: Counts,
    /// Findings accepted by a waiver.
    pub waived: usize,
    /// How many findings each rule reported (codes in first-seen order).
    pub by_rule: Vec<(&'static str, usize)>,
}

impl StoreSummary {
    /// Ready to submit: no error.
    pub fn ready(&self) -> bool {
        self.counts.ready()
    }
}

/// Lints one bundle with the selected rules; `today` is the date date rules use.
pub fn lint(
    bundle: Bundle,
    selection: &Selection,
    catalog: &Catalog,
    today: Date,
    config: Option<&Config>,
) -> StoreResult {
    lint_with_excerpts(bundle, selection, catalog, today, config, true)
}

/// [`lint`], keeping a source excerpt with each finding only when
/// `excerpts` is set (the `full` and `html` reports show them; cutting them,
/// secrets masked, is a good part of a finding's cost).
pub fn lint_with_excerpts(
    bundle: Bundle,
    selection: &Selection,
    catalog: &Catalog,
    today: Date,
    config: Option<&Config>,
    excerpts: bool,
) -> StoreResult {
    let mut diagnostics = Vec::new();
    {
        let cx = Context::new(&bundle, &catalog.knowledge, today);
        for rule in selection.rules() {
            rule.run(&cx, &mut diagnostics);
        }
    }
    // A platform export's findings point into the platform's own files.
    if let Some(platform) = &bundle.platform {
        for d in &mut diagnostics {
            platform.translate(d);
        }
    }
    resolve_all(&bundle, &mut diagnostics, excerpts);
    for d in &mut diagnostics {
        d.fingerprint = fingerprint_of(&bundle, d);
    }
    let (waived, waivers_used) = match config {
        Some(c) => apply_config(&mut diagnostics, c),
        None => (0, Vec::new()),
    };
    sort(&mut diagnostics);
    let counts = Counts::of(&diagnostics);
    StoreResult {
        bundle,
        diagnostics,
        counts,
        waived,
        waivers_used,
        checked: selection.rules().to_vec(),
    }
}

/// Applies a preflight.toml to a store's findings: per-rule severities, then
/// waivers. Returns how many findings were waived and which waivers matched.
fn apply_config(diagnostics: &mut Vec<Diagnostic>, config: &Config) -> (usize, Vec<bool>) {
    for d in diagnostics.iter_mut() {
        if let Some(sev) = config.severity.get(d.code) {
            d.severity = *sev;
        }
    }
    let mut used = vec![false; config.waivers.len()];
    let before = diagnostics.len();
    diagnostics.retain(|d| {
        let hit = config.waivers.iter().position(|w| {
            w.code == d.code
                && (d.resolved.pointer.as_deref() == Some(w.target.as_str())
                    || d.entity.as_ref().is_some_and(|e| e.id == w.target))
        });
        if let Some(i) = hit {
            used[i] = true;
        }
        hit.is_none()
    });
    (before - diagnostics.len(), used)
}

/// Reports the waivers of `config` that matched no finding in any of the
/// stores it applies to (CONF001), on `store` (the first of them by path), at
/// each waiver's entry in the config file. `used` is the union of the stores'
/// `waivers_used`. Nothing when CONF001 is not selected.
pub fn report_unused_waivers(
    store: &mut StoreResult,
    config: &Config,
    used: &[bool],
    selection: &Selection,
) {
    let selected = selection
        .rules()
        .iter()
        .any(|r| r.code == unused_waiver::RULE.code);
    if !selected || !used.contains(&false) {
        return;
    }
    let bundle = &mut store.bundle;
    let file = bundle.sources.add(SourceFile {
        path: config.path.clone().unwrap_or_default(),
        rel_path: crate::config::FILE_NAME.to_string(),
        kind: FileKind::Other,
        text: Some(config.text.clone()),
        items: None,
    });
    for (w, _) in config.waivers.iter().zip(used).filter(|(_, u)| !**u) {
        let location = Location {
            file,
            at: At::Range {
                start: w.span.0,
                end: w.span.0 + "[[waive]]".len().min(w.span.1 - w.span.0),
            },
        };
        let mut d = unused_waiver::RULE
            .diag(
                location,
                format!("豁免（{} / {}）已不匹配任何问题", w.code, w.target),
                format!(
                    "the waiver for {} at {} no longer matches any finding",
                    w.code, w.target
                ),
            )
            .with_label("未使用的豁免", "unused waiver");
        if let Some(sev) = config.severity.get(d.code) {
            d.severity = *sev;
        }
        d.resolved = resolve(bundle, &d);
        d.fingerprint = fingerprint_of(bundle, &d);
        store.diagnostics.push(d);
    }
    sort(&mut store.diagnostics);
    store.counts = Counts::of(&store.diagnostics);
}

/// Orders findings by file, position and code, keeping the rules' order
/// among equals. The findings are sorted through a list of their positions
/// and then moved into place, so a store with thousands of findings needs no
/// second copy of them (a stable sort's buffer would be as large as the
/// findings themselves).
fn sort(diagnostics: &mut [Diagnostic]) {
    fn key(d: &Diagnostic) -> (&str, Option<(usize, usize)>, &'static str) {
        (&d.resolved.file, d.resolved.start, d.code)
    }
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        key(&diagnostics[a])
            .cmp(&key(&diagnostics[b]))
            .then(a.cmp(&b))
    });
    // Position i takes the finding now at order[i]: follow each cycle of the
    // permutation, marking a position done by pointing it at itself.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != at {
            let from = std::mem::replace(&mut order[at], at);
            if from == start {
                break;
            }
            diagnostics.swap(at, from);
            at = from;
        }
    }
}

/// Turns a diagnostic's location into file, pointer, line and column; only
/// here, for the values that got a diagnostic, is a pointer looked up.
fn resolve(bundle: &Bundle, d: &Diagnostic) -> Resolved {
    let mut one = [d.clone()];
    resolve_all(bundle, &mut one, true);
    let [d] = one;
    d.resolved
}

/// Resolves the diagnostics' locations, file by file: each file with findings
/// gets one line index, and a JSON file with many findings is searched for
/// all its pointers in a single pass (one search per pointer would make a
/// file with thousands of findings quadratic).
fn resolve_all(bundle: &Bundle, diagnostics: &mut [Diagnostic], excerpts: bool) {
    let mut by_file: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        by_file.entry(d.location.file).or_default().push(i);
    }
    for (file_id, indices) in by_file {
        let file = bundle.sources.get(file_id);
        let text = file.text.as_deref();
        let pointers: Vec<&str> = indices
            .iter()
            .filter_map(|&i| match &diagnostics[i].location.at {
                At::Pointer(p) => Some(p.as_str()),
                _ => None,
            })
            .collect();
        // The span of each pointer, in the order of `pointers`.
        let span = |l: Located| (l.span.start, l.span.end);
        let located: Vec<Option<(usize, usize)>> = match text {
            // (A platform export's pointers may go on inside JSON held in a
            // string, which only the one-by-one search follows.)
            Some(text) if file.kind == FileKind::Json => locate_all(
                text,
                &pointers,
                file.items.as_ref(),
                bundle.platform.is_none(),
            )
            .into_iter()
            .map(|l| l.map(span))
            .collect(),
            _ => Vec::new(),
        };
        // Lines are indexed only as far as the last finding.
        let last = located
            .iter()
            .flatten()
            .map(|s| s.1)
            .chain(
                indices
                    .iter()
                    .filter_map(|&i| match &diagnostics[i].location.at {
                        At::Range { end, .. } => Some(*end),
                        _ => None,
                    }),
            )
            .max()
            .unwrap_or(0);
        let mut located = located.into_iter();
        let lines = text.map(|t| LineIndex::up_to(t, last));
        // The text excerpts are cut from: secrets masked, once per file.
        let masked: Option<String> = match text {
            _ if !excerpts => None,
            Some(t) if file.kind == FileKind::Json => Some(redact_members(t, SECRET_FIELDS)),
            Some(t) => Some(t.to_string()),
            None => None,
        };
        let path: std::sync::Arc<str> = file.path.as_str().into();
        let mut resolved = Vec::with_capacity(indices.len());
        for &i in &indices {
            let d = &diagnostics[i];
            let mut r = Resolved {
                file: path.clone(),
                ..Resolved::default()
            };
            let span = match &d.location.at {
                At::Pointer(p) => {
                    r.pointer = Some(p.clone());
                    located.next().flatten()
                }
                At::Range { start, end } => Some((*start, *end)),
                At::Whole => None,
            };
            if let (Some((start, end)), Some(text), Some(lines)) = (span, text, &lines) {
                let (start, end) = (start.min(text.len()), end.max(start).min(text.len()));
                let s = lines.line_col(text, start);
                let e = lines.line_col(text, end);
                r.start = Some((s.line, s.column));
                r.end = Some((e.line, e.column));
                r.span = Some((start, end));
                if let Some(masked) = &masked {
                    r.excerpt = lines
                        .excerpt(masked, s.line, e.line, (start, end))
                        .map(Box::new);
                }
            }
            resolved.push((i, r));
        }
        for (i, r) in resolved {
            diagnostics[i].resolved = r;
        }
    }
}

/// Stable across runs and unrelated edits: the rule, the store, the file
/// within the store, and the entity id or pointer (never a line number).
fn fingerprint_of(bundle: &Bundle, d: &Diagnostic) -> Fingerprint {
    let file = &bundle.sources.get(d.location.file).rel_path;
    let target = match (&d.entity, &d.location.at) {
        (Some(e), _) => format!("{}:{}", e.kind, e.id),
        (None, At::Pointer(p)) => p.clone(),
        (None, _) => d.message.en.to_string(),
    };
    fingerprint(&[d.code, &bundle.path, file, &target])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(sel: &Selection) -> Vec<&str> {
        sel.rules().iter().map(|r| r.code).collect()
    }

    #[test]
    fn selectors_take_codes_names_prefixes_and_all() {
        let catalog = Catalog::embedded().unwrap();
        let s = |sel: &[&str], ign: &[&str]| {
            let sel: Vec<String> = sel.iter().map(|s| s.to_string()).collect();
            let ign: Vec<String> = ign.iter().map(|s| s.to_string()).collect();
            Selection::new(&catalog, &sel, &ign)
        };
        assert_eq!(codes(&s(&["PAY002"], &[]).unwrap()), vec!["PAY002"]);
        assert_eq!(
            codes(&s(&["prepaid-recharge-enabled"], &[]).unwrap()),
            vec!["PAY002"]
        );
        let pay_selection = s(&["pay"], &["PAY001", "PAY007"]).unwrap();
        let pay = codes(&pay_selection);
        assert!(pay.contains(&"PAY002") && pay.iter().all(|c| c.starts_with("PAY")));
        assert!(!pay.contains(&"PAY001") && !pay.contains(&"PAY007"));
        assert_eq!(codes(&s(&["ALL"], &[]).unwrap()).len(), catalog.rules.len());
        assert!(s(&["NOPE"], &[]).is_err());
        assert!(s(&[], &["PAY9"]).is_err());
    }

    #[test]
    fn sort_orders_by_file_position_and_code_and_keeps_ties_in_rule_order() {
        let catalog = Catalog::embedded().unwrap();
        let rules = &catalog.rules[..3];
        // 200 findings over two files, few positions and three codes: many
        // ties, which must keep the order they were made in (the message).
        let mut seed = 7u64;
        let mut found: Vec<Diagnostic> = (0..200)
            .map(|i| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                let r = rules[(seed >> 33) as usize % rules.len()];
                let mut d = r.diag(
                    Location {
                        file: crate::bundle::source::FileId::default(),
                        at: At::Whole,
                    },
                    i.to_string(),
                    i.to_string(),
                );
                d.resolved.file = ["a.json", "b.json"][(seed >> 40) as usize % 2].into();
                d.resolved.start = match (seed >> 45) % 4 {
                    0 => None,
                    n => Some((n as usize, 1)),
                };
                d
            })
            .collect();
        let mut expected = found.clone();
        expected.sort_by(|a, b| {
            (&a.resolved.file, a.resolved.start, a.code).cmp(&(
                &b.resolved.file,
                b.resolved.start,
                b.code,
            ))
        });
        sort(&mut found);
        let seen = |ds: &[Diagnostic]| -> Vec<(&'static str, String, String)> {
            ds.iter()
                .map(|d| {
                    (
                        d.code,
                        d.resolved.file.to_string(),
                        d.message.en.to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(seen(&found), seen(&expected));
    }
}
