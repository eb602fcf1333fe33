//! Runs the selected rules over one bundle: selection, locations,
//! fingerprints, ordering and counts.

use crate::bundle::date::Date;
use crate::bundle::source::{line_col, locate_pointer, FileKind};
use crate::bundle::Bundle;
use crate::diagnostic::{fingerprint, At, Diagnostic, Resolved, Severity};
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
}

impl StoreResult {
    /// Ready to submit: no error.
    pub fn ready(&self) -> bool {
        self.counts.errors == 0
    }
}

/// Lints one bundle with the selected rules; `today` is the date date rules use.
pub fn lint(bundle: Bundle, selection: &Selection, catalog: &Catalog, today: Date) -> StoreResult {
    let mut diagnostics = Vec::new();
    {
        let cx = Context {
            bundle: &bundle,
            knowledge: &catalog.knowledge,
            today,
        };
        for rule in selection.rules() {
            rule.run(&cx, &mut diagnostics);
        }
    }
    for d in &mut diagnostics {
        d.resolved = resolve(&bundle, d);
        d.fingerprint = fingerprint_of(&bundle, d);
    }
    diagnostics.sort_by(|a, b| {
        (&a.resolved.file, a.resolved.start, a.code).cmp(&(
            &b.resolved.file,
            b.resolved.start,
            b.code,
        ))
    });
    let counts = Counts::of(&diagnostics);
    StoreResult {
        bundle,
        diagnostics,
        counts,
    }
}

/// Turns a diagnostic's location into file, pointer, line and column; only
/// here, for the values that got a diagnostic, is a pointer looked up.
fn resolve(bundle: &Bundle, d: &Diagnostic) -> Resolved {
    let file = bundle.sources.get(d.location.file);
    let mut r = Resolved {
        file: file.path.clone(),
        ..Resolved::default()
    };
    let Some(text) = file.text.as_deref() else {
        if let At::Pointer(p) = &d.location.at {
            r.pointer = Some(p.clone());
        }
        return r;
    };
    let span = match &d.location.at {
        At::Pointer(p) => {
            r.pointer = Some(p.clone());
            if file.kind == FileKind::Json {
                locate_pointer(text, p).map(|l| (l.span.start, l.span.end))
            } else {
                None
            }
        }
        At::Range { start, end } => Some((*start, *end)),
        At::Whole => None,
    };
    if let Some((start, end)) = span {
        let s = line_col(text, start);
        let e = line_col(text, end.max(start));
        r.start = Some((s.line, s.column));
        r.end = Some((e.line, e.column));
        r.span = Some((start.min(text.len()), end.min(text.len())));
    }
    r
}

/// Stable across runs and unrelated edits: the rule, the store, the file
/// within the store, and the entity id or pointer (never a line number).
fn fingerprint_of(bundle: &Bundle, d: &Diagnostic) -> String {
    let file = &bundle.sources.get(d.location.file).rel_path;
    let target = match (&d.entity, &d.location.at) {
        (Some(e), _) => format!("{}:{}", e.kind, e.id),
        (None, At::Pointer(p)) => p.clone(),
        (None, _) => d.message.en.clone(),
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
}
