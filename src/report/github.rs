//! GitHub Actions workflow commands (`--format github`): one annotation per
//! diagnostic, shown on the pull request's files.

use std::fmt::Write;

use crate::diagnostic::{Lang, Severity};
use crate::engine::StoreResult;

/// Escapes a command's data: `%`, CR and LF.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: also `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(results: &[StoreResult], lang: Lang) -> String {
    let mut out = String::new();
    for r in results {
        for d in &r.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!("file={}", property(&d.resolved.file));
            if let (Some((sl, sc)), Some((el, ec))) = (d.resolved.start, d.resolved.end) {
                let _ = write!(props, ",line={sl},col={sc},endLine={el},endColumn={ec}");
            }
            let _ = write!(
                props,
                ",title={}",
                property(&format!("{} {}", d.code, d.name))
            );
            let message = format!("{}\n{}", d.message.get(lang), d.help.get(lang));
            let _ = writeln!(out, "::{command} {props}::{}", data(&message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(data("a%b\r\nc"), "a%25b%0D%0Ac");
        assert_eq!(property("x:y,z"), "x%3Ay%2Cz");
    }
}
