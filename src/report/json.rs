//! The JSON report (`--format json`): the dashboard contract of cli.md,
//! `schema_version` 1. Fields may be added, never renamed or removed.

use std::collections::BTreeMap;
use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;

use crate::baseline::Outcome;
use crate::diagnostic::{Diagnostic, Entity, Fingerprint, Lang};
use crate::engine::{Counts, StoreResult, StoreSummary};

pub const SCHEMA_VERSION: u32 = 1;

/// The whole report. It is written in this field order, a store at a time
/// ([`head`], [`store`], [`tail`]), so that a batch of any size is written
/// without holding its findings: the summary comes after the stores.
#[derive(Serialize, JsonSchema)]
pub struct Report<'a> {
    pub schema_version: u32,
    pub tool: Tool,
    pub stores: Vec<Store<'a>>,
    pub summary: Summary<'a>,
    /// Present with `--baseline`: findings already known (not listed) and
    /// baseline entries that no longer occur.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<&'a Outcome>,
}

#[derive(Serialize, JsonSchema)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize, JsonSchema)]
pub struct Summary<'a> {
    pub stores: usize,
    pub ready: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings accepted by waivers in preflight.toml.
    pub waived: usize,
    pub by_rule: BTreeMap<&'a str, usize>,
}

#[derive(Serialize, JsonSchema)]
pub struct CountsJson {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl From<Counts> for CountsJson {
    fn from(c: Counts) -> Self {
        CountsJson {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
        }
    }
}

#[derive(Serialize, JsonSchema)]
pub struct Store<'a> {
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appid: Option<&'a str>,
    pub ready: bool,
    pub counts: CountsJson,
    pub waived: usize,
    pub diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct DiagnosticJson<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub help: &'a str,
    pub file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<&'a Entity>,
    #[schemars(with = "String")]
    pub fingerprint: Fingerprint,
}

impl<'a> DiagnosticJson<'a> {
    pub fn new(d: &'a Diagnostic, lang: Lang) -> Self {
        DiagnosticJson {
            code: d.code,
            name: d.name,
            severity: d.severity.as_str(),
            message: d.message.get(lang),
            help: d.help.get(lang),
            file: &d.resolved.file,
            pointer: d.resolved.pointer.as_deref(),
            line: d.resolved.start.map(|s| s.0),
            column: d.resolved.start.map(|s| s.1),
            end_line: d.resolved.end.map(|s| s.0),
            end_column: d.resolved.end.map(|s| s.1),
            entity: d.entity.as_ref(),
            fingerprint: d.fingerprint,
        }
    }
}

/// `value` pretty-printed as serde_json does, its lines after the first
/// indented by `indent` (its place in the report).
fn pretty_at(value: &impl Serialize, indent: &str) -> String {
    let mut out = Vec::new();
    match pretty_to(value, indent, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    }
}

/// [`pretty_at`] written to `out` as it is made, so that a large store is
/// held neither whole nor twice (pretty, then indented).
fn pretty_to(value: &impl Serialize, indent: &str, out: &mut dyn Write) -> std::io::Result<()> {
    struct Indented<'w, 'i> {
        out: &'w mut dyn Write,
        indent: &'i [u8],
    }
    impl Write for Indented<'_, '_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            // JSON strings hold no raw line breaks, so every line break is layout.
            let mut rest = buf;
            while let Some(i) = memchr::memchr(b'\n', rest) {
                self.out.write_all(&rest[..=i])?;
                self.out.write_all(self.indent)?;
                rest = &rest[i + 1..];
            }
            self.out.write_all(rest)?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.out.flush()
        }
    }
    let mut w = Indented {
        out,
        indent: indent.as_bytes(),
    };
    serde_json::to_writer_pretty(&mut w, value).map_err(std::io::Error::from)
}

/// The report up to its first store.
pub fn head() -> String {
    let tool = Tool {
        name: "preflight",
        version: env!("CARGO_PKG_VERSION"),
    };
    format!(
        "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"tool\": {},\n  \"stores\": [",
        pretty_at(&tool, "  ")
    )
}

/// What comes before a store of the report: `written` stores came before.
pub fn separator(written: usize) -> &'static str {
    if written == 0 {
        "\n    "
    } else {
        ",\n    "
    }
}

/// One store of the report (after its [`separator`]), written to `out`.
pub fn store(r: &StoreResult, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let store = Store {
        path: &r.bundle.path,
        name: r.bundle.name(),
        appid: r.bundle.appid(),
        ready: r.ready(),
        counts: r.counts.into(),
        waived: r.waived,
        diagnostics: r
            .diagnostics
            .iter()
            .map(|d| DiagnosticJson::new(d, lang))
            .collect(),
    };
    pretty_to(&store, "    ", out)
}

/// The rest of the report after its stores: the summary of `stores`, and
/// the baseline's outcome when there is one.
pub fn tail(stores: &[StoreSummary], baseline: Option<&Outcome>) -> String {
    let mut total = Counts::default();
    let mut by_rule = BTreeMap::new();
    for s in stores {
        total.add(s.counts);
        for (code, n) in &s.by_rule {
            *by_rule.entry(*code).or_insert(0) += n;
        }
    }
    let summary = Summary {
        stores: stores.len(),
        ready: stores.iter().filter(|s| s.ready()).count(),
        errors: total.errors,
        warnings: total.warnings,
        infos: total.infos,
        waived: stores.iter().map(|s| s.waived).sum(),
        by_rule,
    };
    let mut out = String::from(if stores.is_empty() { "]" } else { "\n  ]" });
    out.push_str(&format!(",\n  \"summary\": {}", pretty_at(&summary, "  ")));
    if let Some(b) = baseline {
        out.push_str(&format!(",\n  \"baseline\": {}", pretty_at(&b, "  ")));
    }
    out.push_str("\n}\n");
    out
}

/// One line of `--format jsonl`: a diagnostic with its store.
#[derive(Serialize, JsonSchema)]
pub struct Line<'a> {
    pub store: &'a str,
    #[serde(flatten)]
    pub diagnostic: DiagnosticJson<'a>,
}

/// One diagnostic per line, with its store, for log pipelines, written to
/// `out` line by line.
pub fn jsonl(results: &[StoreResult], lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    for r in results {
        for d in &r.diagnostics {
            let line = Line {
                store: &r.bundle.path,
                diagnostic: DiagnosticJson::new(d, lang),
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
