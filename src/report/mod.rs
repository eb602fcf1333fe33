//! Renderers: one diagnostic model, many formats. Nothing below this module
//! prints: a renderer returns the report as a string, or writes a streamed
//! store's part to the writer it is given.

mod full;
mod github;
mod html;
mod json;
mod junit;
mod sarif;
mod statistics;

use std::fmt::Write;

use crate::baseline::Outcome;
use crate::diagnostic::Lang;
use crate::engine::{Counts, StoreResult, StoreSummary};
use crate::rules::Rule;

pub use json::Report as JsonReport;
pub use statistics::statistics;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the offending value underlined, and help (miette).
    Full,
    /// One line per diagnostic: `file:line:col: CODE [severity] name message`.
    Concise,
    /// The versioned JSON report for dashboards.
    Json,
    /// One JSON diagnostic per line, with its store, for log pipelines.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: a testsuite per store, a testcase per rule.
    Junit,
    /// One self-contained HTML page: the verdict, what to fix, source excerpts; a batch overview.
    Html,
}

/// Everything a renderer may show about one run.
pub struct Run<'a> {
    pub results: &'a [StoreResult],
    /// Every rule of the catalog (SARIF lists them all).
    pub rules: &'a [&'static Rule],
    pub baseline: Option<&'a Outcome>,
}

/// Options every renderer may use.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub lang: Lang,
    pub color: bool,
    pub width: usize,
}

pub fn render(format: Format, run: &Run, opts: RenderOptions) -> String {
    match format {
        Format::Sarif => sarif::render(run, opts.lang),
        Format::Junit => junit::render(run.results, opts.lang),
        Format::Html => html::render(run, opts.lang),
        // A streamed format in one piece: the same parts the CLI writes
        // store by store.
        Format::Json | Format::Full | Format::Concise | Format::Jsonl | Format::Github => {
            let mut out = stream_head(format).into_bytes();
            for (i, r) in run.results.iter().enumerate() {
                out.extend_from_slice(stream_separator(format, i).as_bytes());
                // Writing to memory fails only if serialising does, which
                // these plain structures cannot.
                let _ = stream_store(format, r, opts, &mut out);
            }
            let stores: Vec<StoreSummary> = run.results.iter().map(StoreResult::summary).collect();
            out.extend_from_slice(stream_tail(format, &stores, run.baseline, opts).as_bytes());
            // Every part is UTF-8.
            String::from_utf8(out).unwrap_or_default()
        }
    }
}

/// Whether a format shows source excerpts (so the engine must keep them).
pub fn shows_excerpts(format: Format) -> bool {
    matches!(format, Format::Full | Format::Html)
}

/// Whether a format is a head, a part per store and a tail, so that a batch
/// can be written store by store (`stream_head`, then `stream_separator` and
/// `stream_store` for each store, then `stream_tail`) without holding every
/// finding until the end.
pub fn streams(format: Format) -> bool {
    matches!(
        format,
        Format::Full | Format::Concise | Format::Jsonl | Format::Github | Format::Json
    )
}

/// What a streamed format writes before the first store.
pub fn stream_head(format: Format) -> String {
    match format {
        Format::Json => json::head(),
        _ => String::new(),
    }
}

/// What a streamed format writes between stores: `written` came before.
pub fn stream_separator(format: Format, written: usize) -> &'static str {
    match format {
        Format::Json => json::separator(written),
        _ => "",
    }
}

/// Writes the part of a streamed format for one store to `out`. The
/// machine formats are written as they are made, so a store with thousands
/// of findings is never held as one text.
pub fn stream_store(
    format: Format,
    r: &StoreResult,
    opts: RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let one = std::slice::from_ref(r);
    match format {
        Format::Full => out.write_all(full::render(one, opts).as_bytes()),
        Format::Concise => out.write_all(concise(one, opts.lang).as_bytes()),
        Format::Jsonl => json::jsonl(one, opts.lang, out),
        Format::Github => out.write_all(github::render(one, opts.lang).as_bytes()),
        Format::Json => json::store(r, opts.lang, out),
        Format::Sarif | Format::Junit | Format::Html => Ok(()),
    }
}

/// What a streaming format writes after every store: the verdicts and totals
/// (the stores' counts are all it reads).
pub fn stream_tail(
    format: Format,
    stores: &[StoreSummary],
    baseline: Option<&Outcome>,
    opts: RenderOptions,
) -> String {
    match format {
        Format::Full | Format::Concise => summary(stores, baseline, opts.lang),
        Format::Github => summary(stores, baseline, opts.lang)
            .trim_start()
            .to_string(),
        Format::Json => json::tail(stores, baseline),
        _ => String::new(),
    }
}

/// `file:line:col: CODE name message`, or `file: CODE …` without a position.
fn concise(results: &[StoreResult], lang: Lang) -> String {
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            let pos = match d.resolved.start {
                Some((l, c)) => format!("{}:{l}:{c}", d.resolved.file),
                None => d.resolved.file.to_string(),
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

/// Per-store verdicts and totals, for the human formats; what a baseline
/// hid and what has been fixed since it was written.
pub fn summary(results: &[StoreSummary], baseline: Option<&Outcome>, lang: Lang) -> String {
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
            .name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let c = r.counts;
        let line = match lang {
            Lang::Zh => format!(
                "{}{name}：{} 个错误，{} 个警告，{} 个提示 — {}",
                r.path,
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
                r.path,
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
    if let Some(b) = baseline {
        let line = match lang {
            Lang::Zh => format!(
                "基线 {}：{} 个已知问题未列出，{} 个已修复",
                b.file,
                b.known,
                b.fixed.len()
            ),
            Lang::En => format!(
                "baseline {}: {} known findings not shown, {} fixed since",
                b.file,
                b.known,
                b.fixed.len()
            ),
        };
        out.push_str(&line);
        out.push('\n');
        for e in &b.fixed {
            let at = match (&e.pointer, e.line) {
                (Some(p), _) => format!("{} {p}", e.file),
                (None, Some(l)) => format!("{}:{l}", e.file),
                (None, None) => e.file.clone(),
            };
            let _ = writeln!(out, "  fixed: {} {at}", e.code);
        }
    }
    out
}
