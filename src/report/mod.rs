//! Renderers: one diagnostic model, many formats. Nothing below this module
//! prints; every renderer returns the report as a string.

mod full;
mod json;

use std::fmt::Write;

use crate::diagnostic::Lang;
use crate::engine::{Counts, StoreResult};

pub use json::json_report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the offending value underlined, and help (miette).
    Full,
    /// One line per diagnostic: `file:line:col: CODE name message`.
    Concise,
    /// The versioned JSON report for dashboards.
    Json,
}

/// Options every renderer may use.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub lang: Lang,
    pub color: bool,
    pub width: usize,
}

pub fn render(format: Format, results: &[StoreResult], opts: RenderOptions) -> String {
    match format {
        Format::Full => {
            let mut out = full::render(results, opts);
            out.push_str(&summary(results, opts.lang));
            out
        }
        Format::Concise => {
            let mut out = concise(results, opts.lang);
            out.push_str(&summary(results, opts.lang));
            out
        }
        Format::Json => json_report(results, opts.lang),
    }
}

/// `file:line:col: CODE name message`, or `file: CODE …` without a position.
fn concise(results: &[StoreResult], lang: Lang) -> String {
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            let pos = match d.resolved.start {
                Some((l, c)) => format!("{}:{l}:{c}", d.resolved.file),
                None => d.resolved.file.clone(),
            };
            let _ = writeln!(
                out,
                "{pos}: {} [{}] {} {}",
                d.code,
                d.severity.as_str(),
                d.name,
                d.message.get(lang)
            );
        }
    }
    out
}

/// "1 error, 2 warnings, 0 infos".
fn counts_en(c: Counts) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        n(c.errors, "error", "errors"),
        n(c.warnings, "warning", "warnings"),
        n(c.infos, "info", "infos")
    )
}

/// Per-store verdicts and totals, for the human formats.
pub fn summary(results: &[StoreResult], lang: Lang) -> String {
    let mut out = String::new();
    let mut total = Counts::default();
    let mut ready = 0;
    if !results.is_empty() {
        out.push('\n');
    }
    for r in results {
        total.add(r.counts);
        ready += usize::from(r.ready());
        let name = r
            .bundle
            .name()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let c = r.counts;
        let line = match lang {
            Lang::Zh => format!(
                "{}{name}：{} 个错误，{} 个警告，{} 个提示 — {}",
                r.bundle.path,
                c.errors,
                c.warnings,
                c.infos,
                if r.ready() {
                    "可以提交审核"
                } else {
                    "暂不能提交审核"
                }
            ),
            Lang::En => format!(
                "{}{name}: {} — {}",
                r.bundle.path,
                counts_en(c),
                if r.ready() {
                    "ready to submit"
                } else {
                    "not ready to submit"
                }
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    if results.len() > 1 {
        let line = match lang {
            Lang::Zh => format!(
                "共 {} 个店铺，{ready} 个可以提交；{} 个错误，{} 个警告，{} 个提示",
                results.len(),
                total.errors,
                total.warnings,
                total.infos
            ),
            Lang::En => format!(
                "{} stores, {ready} ready; {}",
                results.len(),
                counts_en(total)
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
