//! The `full` format: each diagnostic rendered by miette with a source
//! excerpt, the offending value underlined and labelled, and the fix as help.
//! Secret values are masked in every excerpt.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::RenderOptions;
use crate::bundle::source::{redact_members, FileKind};
use crate::bundle::SECRET_FIELDS;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::StoreResult;

struct Shown {
    title: String,
    severity: miette::Severity,
    help: String,
    source: Option<NamedSource<Excerpt>>,
    label: Option<LabeledSpan>,
}

/// The nearest char boundary at or before `i`, within the text.
fn boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A file's (masked) text as miette source, with columns in code points:
/// miette's own `str` source counts bytes in the location it prints.
struct Excerpt(Arc<str>);

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.0.read_span(span, before, after)?;
        if before != 0 || after != 0 {
            return Ok(inner);
        }
        // The header's location: the same contents with a code-point column.
        let text: &str = &self.0;
        let start = boundary(text, span.offset());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = text.get(line_start..start).map_or(0, |s| s.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

pub fn render(results: &[StoreResult], opts: RenderOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_context_lines(1);
    let mut out = String::new();
    for r in results {
        // Each file's text is masked and shared once, however many findings it has.
        let mut sources: HashMap<usize, Arc<str>> = HashMap::new();
        for d in &r.diagnostics {
            let file = r.bundle.sources.get(d.location.file);
            let text = match (&file.text, d.resolved.span) {
                (Some(text), Some(_)) => Some(
                    sources
                        .entry(d.location.file)
                        .or_insert_with(|| {
                            if file.kind == FileKind::Json {
                                redact_members(text, SECRET_FIELDS).into()
                            } else {
                                text.as_str().into()
                            }
                        })
                        .clone(),
                ),
                _ => None,
            };
            let shown = shown(d, text, &file.path, opts);
            let _ = handler.render_report(&mut out, &shown);
            out.push('\n');
        }
    }
    out
}

/// Lines longer than this are not shown as an excerpt (minified exports):
/// the finding keeps its file:line:column in the title instead.
const MAX_EXCERPT_LINE: usize = 400;

/// Whether the lines an excerpt would show (the span's lines and one on each
/// side) are short enough to print.
fn excerpt_fits(text: &str, start: usize, end: usize) -> bool {
    let (start, end) = (boundary(text, start), boundary(text, end.max(start)));
    let before = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let from = text[..before.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut to = end;
    for _ in 0..2 {
        match text[to..].find('\n') {
            Some(i) => to += i + 1,
            None => {
                to = text.len();
                break;
            }
        }
    }
    text[from..to]
        .split('\n')
        .all(|l| l.len() <= MAX_EXCERPT_LINE)
}

fn shown(d: &Diagnostic, text: Option<Arc<str>>, path: &str, opts: RenderOptions) -> Shown {
    let lang = opts.lang;
    let mut title = format!("{} {}: {}", d.code, d.name, d.message.get(lang));
    let (source, label) = match (text, d.resolved.span) {
        (Some(text), Some((start, end))) if excerpt_fits(&text, start, end) => {
            let label = d.label.as_ref().map(|l| l.get(lang).to_string());
            let span = SourceSpan::from((start, end.saturating_sub(start)));
            (
                Some(NamedSource::new(path, Excerpt(text))),
                Some(LabeledSpan::new_with_span(label, span)),
            )
        }
        _ => {
            let at = match d.resolved.start {
                Some((l, c)) => format!("{path}:{l}:{c}"),
                None => path.to_string(),
            };
            title.push_str(&format!("\n    ({at})"));
            (None, None)
        }
    };
    Shown {
        title,
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        help: d.help.get(lang).to_string(),
        source,
        label,
    }
}
