//! The one diagnostic model every rule produces and every renderer reads.

use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

use crate::bundle::source::FileId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// zh for `zh_*` locales (LC_ALL, then LC_MESSAGES, then LANG), en otherwise.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.starts_with("zh") {
                        Lang::Zh
                    } else {
                        Lang::En
                    };
                }
            }
        }
        Lang::En
    }
}

/// A text in both languages. Rules always write both. A rule's own static
/// text (its fix, most labels) is borrowed, not copied into every finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Static documentation text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Doc {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    pub fn text(&self) -> Text {
        Text::new(self.zh, self.en)
    }
}

/// Where a diagnostic points, before it is resolved to a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// An RFC 6901 pointer into a JSON file.
    Pointer(String),
    /// A byte range of a CSV or HTML file, with the CSV row (1-based line) when known.
    Range { start: usize, end: usize },
    /// The file (or directory) as a whole: it is missing or has no position.
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: FileId,
    pub at: At,
}

/// The thing a diagnostic is about, for baselines and dashboards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Entity {
    pub kind: &'static str,
    pub id: String,
}

/// A location resolved for display: file path, pointer, line and column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolved {
    /// Shared by the findings in one file.
    pub file: Arc<str>,
    pub pointer: Option<String>,
    /// 1-based; `None` when the file is missing or has no text.
    pub start: Option<(usize, usize)>,
    pub end: Option<(usize, usize)>,
    /// Byte span in the file's text.
    pub span: Option<(usize, usize)>,
    /// The lines around the span, secrets masked, for renderers that show
    /// source: kept with the diagnostic so the file's text can be dropped.
    /// (Boxed: most reports show none, and every finding has the field.)
    pub excerpt: Option<Box<Excerpt>>,
}

/// A few lines of a file around a finding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt {
    /// The 1-based line number of the first line of `text`.
    pub first_line: usize,
    /// The lines, secrets masked, with their line endings.
    pub text: String,
    /// The finding's byte span within `text`.
    pub span: (usize, usize),
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: Text,
    /// A short label shown under the offending value.
    pub label: Option<Text>,
    pub help: Text,
    pub location: Location,
    pub entity: Option<Entity>,
    /// Filled in by the engine.
    pub resolved: Resolved,
    pub fingerprint: Fingerprint,
}

impl Diagnostic {
    pub fn with_label(
        mut self,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.label = Some(Text::new(zh, en));
        self
    }

    pub fn with_help(
        mut self,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.help = Text::new(zh, en);
        self
    }

    pub fn with_entity(mut self, kind: &'static str, id: impl Into<String>) -> Self {
        self.entity = Some(Entity {
            kind,
            id: id.into(),
        });
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// A stable 64-bit FNV-1a hash of `parts`: the same on every platform and
/// run. Shown as 16 hex digits.
pub fn fingerprint(parts: &[&str]) -> Fingerprint {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    Fingerprint(h)
}

/// A finding's [`fingerprint`], kept as the number and written as its 16
/// hex digits (in reports and baselines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// The fingerprint written as `text`: exactly the 16 lower-case hex
    /// digits [`Display`](std::fmt::Display) writes, else `None`.
    pub fn parse(text: &str) -> Option<Fingerprint> {
        let digit = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if text.len() != 16 || !text.bytes().all(digit) {
            return None;
        }
        u64::from_str_radix(text, 16).ok().map(Fingerprint)
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_fnv1a_of_its_parts_written_as_16_hex_digits() {
        // Each part ends with a NUL byte, so ("ab", "c") and ("a", "bc") differ.
        let f = fingerprint(&["PAY002", "s"]);
        assert_eq!(f.to_string(), "1ca0de3fbcaa56a8");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(Fingerprint(0xab).to_string(), "00000000000000ab");
        assert_eq!(
            serde_json::to_string(&Fingerprint(0xab)).unwrap(),
            "\"00000000000000ab\""
        );
        // Read back only in exactly that form (baselines compare it).
        assert_eq!(Fingerprint::parse("1ca0de3fbcaa56a8"), Some(f));
        for other in [
            "1CA0DE3FBCAA56A8",
            "ab",
            "+ca0de3fbcaa56a8",
            "1ca0de3fbcaa56a80",
        ] {
            assert_eq!(Fingerprint::parse(other), None, "{other}");
        }
    }
}
