//! The `full` format: each diagnostic rendered by miette with a source
//! excerpt, the offending value underlined and labelled, and the fix as help.
//! The excerpt is the one the engine kept with the diagnostic: secrets are
//! already masked in it, and the file's text is no longer needed.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, Excerpt, Severity};
use crate::engine::StoreResult;

struct Shown {
    title: String,
    severity: miette::Severity,
    help: String,
    source: Option<NamedSource<Lines>>,
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

/// An excerpt as miette source: line numbers are the file's (the excerpt
/// starts at `first_line`), and the location printed in the header counts
/// columns in code points (miette's own `str` source counts bytes).
struct Lines(Excerpt);

impl miette::SourceCode for Lines {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text: &str = &self.0.text;
        let inner = text.read_span(span, before, after)?;
        let column = if before == 0 && after == 0 {
            let start = boundary(text, span.offset());
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..start].chars().count()
        } else {
            inner.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line() + self.0.first_line - 1,
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
        for d in &r.diagnostics {
            let _ = handler.render_report(&mut out, &shown(d, opts));
            out.push('\n');
        }
    }
    out
}

fn shown(d: &Diagnostic, opts: RenderOptions) -> Shown {
    let lang = opts.lang;
    let path = &d.resolved.file;
    let mut title = format!("{} {}: {}", d.code, d.name, d.message.get(lang));
    let (source, label) = match &d.resolved.excerpt {
        Some(excerpt) => {
            let label = d.label.as_ref().map(|l| l.get(lang).to_string());
            let (start, end) = excerpt.span;
            let span = SourceSpan::from((start, end.saturating_sub(start)));
            (
                Some(NamedSource::new(path, Lines(Excerpt::clone(excerpt)))),
                Some(LabeledSpan::new_with_span(label, span)),
            )
        }
        None => {
            // A missing file, or a line too long to show (minified exports).
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
