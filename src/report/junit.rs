//! JUnit XML (`--format junit`): a testsuite per store, a testcase per rule
//! checked. Errors and warnings are failures; infos go to system-out.

use std::fmt::Write;

use crate::diagnostic::{Lang, Severity};
use crate::engine::StoreResult;

/// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(results: &[StoreResult], lang: Lang) -> String {
    let mut body = String::new();
    let (mut tests, mut failures) = (0, 0);
    for r in results {
        let store = xml(&r.bundle.path);
        let mut suite = String::new();
        let mut suite_failures = 0;
        for rule in &r.checked {
            let found: Vec<_> = r
                .diagnostics
                .iter()
                .filter(|d| d.code == rule.code)
                .collect();
            let name = xml(&format!("{} {}", rule.code, rule.name));
            let _ = write!(suite, "    <testcase classname=\"{store}\" name=\"{name}\"");
            let failing: Vec<_> = found
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
                .collect();
            let infos: Vec<_> = found
                .iter()
                .filter(|d| d.severity < Severity::Warning)
                .collect();
            if failing.is_empty() && infos.is_empty() {
                suite.push_str("/>\n");
                continue;
            }
            suite.push_str(">\n");
            let line = |d: &&&crate::diagnostic::Diagnostic| {
                let pos = match d.resolved.start {
                    Some((l, c)) => format!("{}:{l}:{c}", d.resolved.file),
                    None => d.resolved.file.to_string(),
                };
                format!("{pos}: [{}] {}\n", d.severity.as_str(), d.message.get(lang))
            };
            if let Some(first) = failing.first() {
                suite_failures += 1;
                let worst = failing
                    .iter()
                    .map(|d| d.severity)
                    .max()
                    .unwrap_or(Severity::Error);
                let text: String = failing.iter().map(line).collect();
                let _ = writeln!(
                    suite,
                    "      <failure type=\"{}\" message=\"{}\">{}{}</failure>",
                    worst.as_str(),
                    xml(first.message.get(lang)),
                    xml(&text),
                    xml(first.help.get(lang)),
                );
            }
            if !infos.is_empty() {
                let text: String = infos.iter().map(line).collect();
                let _ = writeln!(suite, "      <system-out>{}</system-out>", xml(&text));
            }
            suite.push_str("    </testcase>\n");
        }
        tests += r.checked.len();
        failures += suite_failures;
        let _ = write!(
            body,
            "  <testsuite name=\"{store}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"0\">\n{suite}  </testsuite>\n",
            r.checked.len()
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"preflight\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{body}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
