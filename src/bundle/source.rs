//! Source files of a bundle and the lazy mapping from a location (JSON
//! pointer, CSV row, HTML offset) to a byte span and a line:column.
//!
//! Nothing here parses a whole document again: a JSON pointer is resolved by
//! a small scanner that walks only the members on the pointer's path and skips
//! every other value, and only for the values that get a diagnostic.

/// Index of a file in a bundle's [`SourceMap`].
pub type FileId = usize;

/// What kind of document a file is, which decides how a location in it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Json,
    Csv,
    Html,
    /// A binary file such as the avatar, or a directory.
    Other,
}

#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user (relative to where preflight was run, or the URL).
    pub path: String,
    /// The path relative to the store root, used for stable fingerprints.
    pub rel_path: String,
    pub kind: FileKind,
    /// The text, when the file exists and is valid UTF-8.
    pub text: Option<String>,
}

/// All files of one store bundle.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    pub fn set_text(&mut self, id: FileId, text: String) {
        self.files[id].text = Some(text);
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }
}

/// A byte range in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A 1-based line and column; columns count Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The line and column of a byte offset (clamped to the text, and to a char boundary).
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

/// The byte offset of a 1-based line and a 1-based *byte* column, as parsers report them.
pub fn offset_of(text: &str, line: usize, byte_column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + byte_column.saturating_sub(1)).min(text.len())
}

/// Where a JSON pointer landed in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub span: Span,
    /// The first pointer token that does not exist; `None` when the whole pointer was found.
    pub missing: Option<String>,
}

/// Splits an RFC 6901 pointer into its unescaped tokens.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Appends one token to a pointer, escaping it per RFC 6901.
pub fn pointer_push(pointer: &str, token: &str) -> String {
    let mut p = String::with_capacity(pointer.len() + token.len() + 1);
    p.push_str(pointer);
    p.push('/');
    for c in token.chars() {
        match c {
            '~' => p.push_str("~0"),
            '/' => p.push_str("~1"),
            c => p.push(c),
        }
    }
    p
}

/// Resolves a JSON pointer in `text` (which must be valid JSON) to the span of
/// the value it names. Scalars are spanned whole; an object or array is spanned
/// by its member key when it has one (so a label does not cover many lines).
/// When a token is missing, the nearest existing parent is returned and the
/// missing token is named.
pub fn locate_pointer(text: &str, pointer: &str) -> Option<Located> {
    let mut sc = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    sc.ws();
    let mut key_span: Option<Span> = None;
    let tokens = pointer_tokens(pointer);
    for (n, token) in tokens.iter().enumerate() {
        let parent = sc.i;
        let found = match sc.peek()? {
            b'{' => sc.find_member(token)?.map(Some),
            b'[' => match token.parse::<usize>() {
                Ok(index) => sc.find_element(index)?.map(|()| None),
                Err(_) => None,
            },
            // A string that holds JSON (a column stored as text): the rest of
            // the pointer goes on inside it (see embedded.rs).
            b'"' => {
                let rest = tokens[n..]
                    .iter()
                    .fold(String::new(), |p, t| pointer_push(&p, t));
                if let Some(found) = super::embedded::locate_in_string(text, sc.i, &rest) {
                    return Some(found);
                }
                None
            }
            _ => None,
        };
        match found {
            Some(k) => key_span = k,
            None => {
                let span = key_span.unwrap_or(Span {
                    start: parent,
                    end: parent + 1,
                });
                return Some(Located {
                    span,
                    missing: Some(token.clone()),
                });
            }
        }
        sc.ws();
    }
    let start = sc.i;
    let container = matches!(sc.peek(), Some(b'{' | b'['));
    sc.skip_value()?;
    let span = match (container, key_span) {
        (true, Some(k)) => k,
        (true, None) => Span {
            start,
            end: start + 1,
        },
        (false, _) => Span { start, end: sc.i },
    };
    Some(Located {
        span,
        missing: None,
    })
}

/// Replaces the string values of the given member names (anywhere in the
/// document) with asterisks, byte for byte, so that offsets and line numbers
/// stay valid. Used before a source excerpt is shown.
pub fn redact_members(text: &str, names: &[&str]) -> String {
    let mut out = text.as_bytes().to_vec();
    let b = text.as_bytes();
    let mut i = 0;
    // A linear pass: every string followed by ':' is a key.
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        let mut sc = Scanner { b, i };
        if sc.skip_string().is_none() {
            break;
        }
        let key_end = sc.i;
        sc.ws();
        if sc.peek() == Some(b':') {
            let key = decode_string(&text[start..key_end]);
            sc.i += 1;
            sc.ws();
            if names.iter().any(|n| key.as_deref() == Some(*n)) {
                let vstart = sc.i;
                match sc.peek() {
                    Some(b'"') if sc.skip_string().is_some() => {
                        out[vstart + 1..sc.i - 1].fill(b'*');
                    }
                    // A secret exported as a number is masked too.
                    Some(b'-' | b'0'..=b'9') => {
                        while sc.peek().is_some_and(|c| {
                            matches!(c, b'-' | b'+' | b'.') || c.is_ascii_alphanumeric()
                        }) {
                            sc.i += 1;
                        }
                        out[vstart..sc.i].fill(b'*');
                    }
                    _ => {}
                }
            }
        }
        i = key_end;
    }
    // Whole string contents were replaced by ASCII, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Decodes a JSON string literal including its quotes; `None` when malformed.
fn decode_string(lit: &str) -> Option<String> {
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(inner.to_string());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let hi = u32::from_str_radix(&hex, 16).ok()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    let rest: String = chars.by_ref().take(6).collect();
                    let lo = u32::from_str_radix(rest.strip_prefix("\\u")?, 16).ok()?;
                    0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?)
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            other => out.push(other),
        }
    }
    Some(out)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// At an opening quote: moves past the closing quote.
    fn skip_string(&mut self) -> Option<()> {
        self.i += 1;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => self.i += 2,
                _ => self.i += 1,
            }
        }
    }

    /// Skips one value of any depth, without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'"' => self.skip_string()?,
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                b',' | b':' => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        self.i += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// At '{': finds member `key` and leaves the scanner at its value.
    /// Returns Some(Some(key span)) when found, Some(None) when absent.
    fn find_member(&mut self, key: &str) -> Option<Option<Span>> {
        self.i += 1;
        loop {
            self.ws();
            match self.peek()? {
                b'}' => return Some(None),
                b',' => {
                    self.i += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let kstart = self.i;
            self.skip_string()?;
            let kend = self.i;
            let name = decode_string(std::str::from_utf8(&self.b[kstart..kend]).ok()?)?;
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            self.ws();
            if name == key {
                return Some(Some(Span {
                    start: kstart,
                    end: kend,
                }));
            }
            self.skip_value()?;
        }
    }

    /// At '[': moves to element `index`. Some(Some(())) when found, Some(None) when absent.
    fn find_element(&mut self, index: usize) -> Option<Option<()>> {
        self.i += 1;
        let mut n = 0;
        loop {
            self.ws();
            match self.peek()? {
                b']' => return Some(None),
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            if n == index {
                return Some(Some(()));
            }
            self.skip_value()?;
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "{\n  \"a\": {\"b\": [1, {\"c\": \"x/y\"}, true]},\n  \"k~/\": 3,\n  \"名\": \"值\"\n}";

    fn at(pointer: &str) -> (LineCol, Option<String>, &'static str) {
        let l = locate_pointer(DOC, pointer).unwrap();
        (
            line_col(DOC, l.span.start),
            l.missing,
            &DOC[l.span.start..l.span.end],
        )
    }

    #[test]
    fn scalars_are_spanned_whole() {
        assert_eq!(
            at("/a/b/1/c"),
            (
                LineCol {
                    line: 2,
                    column: 24
                },
                None,
                "\"x/y\""
            )
        );
        assert_eq!(at("/a/b/2").2, "true");
        assert_eq!(at("/k~0~1").2, "3");
        assert_eq!(at("/名"), (LineCol { line: 4, column: 8 }, None, "\"值\""));
    }

    #[test]
    fn containers_are_spanned_by_their_key() {
        assert_eq!(at("/a/b").2, "\"b\"");
        assert_eq!(at("").2, "{");
    }

    #[test]
    fn missing_tokens_point_at_the_parent() {
        assert_eq!(at("/a/zz").2, "\"a\"");
        assert_eq!(at("/a/zz").1.as_deref(), Some("zz"));
        assert_eq!(at("/a/b/9").2, "\"b\"");
        assert_eq!(at("/nope/deeper").1.as_deref(), Some("nope"));
    }

    #[test]
    fn redaction_keeps_offsets() {
        let doc =
            r#"{"app_secret": "abc\"d", "x": "app_secret", "password":"p", "api_key": 12345}"#;
        let r = redact_members(doc, &["app_secret", "password", "api_key"]);
        assert_eq!(r.len(), doc.len());
        assert!(!r.contains("abc"));
        assert!(r.contains("\"x\": \"app_secret\""));
        assert!(r.contains("\"password\":\"*\""));
        assert!(r.contains("\"api_key\": *****"));
    }

    #[test]
    fn pointer_escaping_round_trips() {
        let p = pointer_push("/a", "x/~y");
        assert_eq!(p, "/a/x~1~0y");
        assert_eq!(pointer_tokens(&p), vec!["a", "x/~y"]);
    }

    #[test]
    fn line_col_counts_code_points() {
        assert_eq!(line_col("ab\n名字x", 9), LineCol { line: 2, column: 3 });
        // Inside a character: the character's own column.
        assert_eq!(line_col("ab\n名字x", 8), LineCol { line: 2, column: 2 });
        assert_eq!(offset_of("ab\n名字x", 2, 7), 9);
    }
}
