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
    /// Where the elements of the file's list start, when reading it noted
    /// them (products.json).
    pub items: Option<Items>,
}

/// Where each element of a file's list starts, noted while the list was
/// read: a pointer below an element is located from the element's start
/// ([`locate_all`]) rather than from the top of the file, which for a
/// store's thousands of products is most of the time of locating its
/// findings.
#[derive(Debug)]
pub struct Items {
    /// The pointer of the list: `/products`, or `` for a bare list.
    pub list: String,
    /// The offset of each element's `{`, `u32::MAX` when not known.
    pub starts: Vec<u32>,
}

impl Items {
    /// The start of the element that `pointer` goes through, and the rest
    /// of the pointer below it.
    fn anchor<'p>(&self, pointer: &'p str) -> Option<(usize, &'p str)> {
        let rest = pointer
            .strip_prefix(self.list.as_str())?
            .strip_prefix('/')?;
        let (index, below) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        // An index as a pointer writes it: digits, no leading zero.
        let canonical = !index.is_empty()
            && index.bytes().all(|b| b.is_ascii_digit())
            && (index == "0" || !index.starts_with('0'));
        if !canonical {
            return None;
        }
        let start = *self.starts.get(index.parse::<usize>().ok()?)?;
        (start != u32::MAX).then_some((start as usize, below))
    }
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

    pub fn set_items(&mut self, id: FileId, items: Items) {
        self.files[id].items = Some(items);
    }

    /// Forgets every file's text (paths stay).
    pub fn drop_texts(&mut self) {
        for f in &mut self.files {
            f.text = None;
        }
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

/// The line and column of a byte offset (clamped to the text, and to a char
/// boundary). Lines end at LF, CRLF or a lone CR (old Mac exports), as
/// editors count them.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let b = text.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &c) in b[..offset].iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

/// Lines longer than this get no excerpt (minified exports).
pub const EXCERPT_MAX_LINE: usize = 400;

/// Where each line of a text starts, for many line:column lookups in one file.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at LF, CRLF or a lone CR, as in [`line_col`].
    pub fn new(text: &str) -> LineIndex {
        LineIndex::up_to(text, text.len())
    }

    /// The index of the lines as far as [`LineIndex::line_col`] and
    /// [`LineIndex::excerpt`] need them for offsets up to `offset`: up to
    /// two lines past the one that holds it. A finding near the top of a
    /// long products.json does not have the whole file indexed.
    pub fn up_to(text: &str, offset: usize) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut past = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
                if i + 1 > offset {
                    past += 1;
                    if past == 2 {
                        break;
                    }
                }
            }
        }
        LineIndex { starts }
    }

    /// The lines `first - 1` to `last + 1` of `text` (same offsets as the
    /// text the index was built from) with `span` made relative to them;
    /// `None` when a line is longer than [`EXCERPT_MAX_LINE`] (minified
    /// files), where an excerpt would help nobody.
    pub fn excerpt(
        &self,
        text: &str,
        first: usize,
        last: usize,
        span: (usize, usize),
    ) -> Option<crate::diagnostic::Excerpt> {
        let from_line = first.saturating_sub(1).max(1);
        let to_line = (last + 1).min(self.starts.len());
        let from = *self.starts.get(from_line - 1)?;
        let to = self.starts.get(to_line).copied().unwrap_or(text.len());
        let body = text.get(from..to)?;
        if body.split('\n').any(|l| l.len() > EXCERPT_MAX_LINE) {
            return None;
        }
        Some(crate::diagnostic::Excerpt {
            first_line: from_line,
            text: body.to_string(),
            span: (
                span.0.saturating_sub(from),
                span.1.saturating_sub(from).min(body.len()),
            ),
        })
    }

    /// The same as [`line_col`], in logarithmic time plus the line's length.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        LineCol {
            line,
            column: text[start..offset].chars().count() + 1,
        }
    }
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

/// Appends an array index to a pointer: `pointer/i`, in one allocation (an
/// index needs no escaping).
pub fn pointer_index(pointer: &str, i: usize) -> String {
    let mut p = String::with_capacity(pointer.len() + 6);
    p.push_str(pointer);
    p.push('/');
    let _ = std::fmt::Write::write_fmt(&mut p, format_args!("{i}"));
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
    locate_below(text, sc.i, pointer)
}

/// [`locate_pointer`] of `below`, a pointer relative to the value that
/// starts at `start` in `text`: an array's element, which has no key of
/// its own (as when the walk from the top reaches it).
fn locate_below(text: &str, start: usize, below: &str) -> Option<Located> {
    let mut sc = Scanner {
        b: text.as_bytes(),
        i: start,
    };
    let mut key_span: Option<Span> = None;
    let tokens = pointer_tokens(below);
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

/// Resolves `pointers` in `text` as [`locate_pointer`] would, each pointer
/// below an element of `items` from that element's start, the others in a
/// single pass ([`locate_many`]) when there are several and `one_pass`.
pub fn locate_all(
    text: &str,
    pointers: &[&str],
    items: Option<&Items>,
    one_pass: bool,
) -> Vec<Option<Located>> {
    let anchors: Vec<Option<(usize, &str)>> = pointers
        .iter()
        .map(|p| items.and_then(|items| items.anchor(p)))
        .collect();
    let others: Vec<&str> = pointers
        .iter()
        .zip(&anchors)
        .filter(|(_, a)| a.is_none())
        .map(|(p, _)| *p)
        .collect();
    let mut others = if one_pass && others.len() > 1 {
        locate_many(text, &others)
    } else {
        others.iter().map(|p| locate_pointer(text, p)).collect()
    }
    .into_iter();
    anchors
        .into_iter()
        .map(|a| match a {
            Some((start, below)) => locate_below(text, start, below),
            None => others.next().flatten(),
        })
        .collect()
}

/// Resolves many pointers into one document in a single pass: only the
/// members on the pointers' paths are entered, everything else is skipped.
/// The results are what [`locate_pointer`] would give for each, in order.
/// Used when a file gets many diagnostics, where one lookup per pointer
/// would rescan the file each time.
pub fn locate_many(text: &str, pointers: &[&str]) -> Vec<Option<Located>> {
    use std::collections::{HashMap, HashSet};
    let mut prefixes: HashSet<String> = HashSet::new();
    for p in pointers {
        let tokens = pointer_tokens(p);
        let mut cur = String::new();
        prefixes.insert(cur.clone());
        for t in tokens {
            cur = pointer_push(&cur, &t);
            prefixes.insert(cur.clone());
        }
    }
    // pointer -> (span to show, whether the value is a container)
    let mut found: HashMap<String, Span> = HashMap::new();
    let mut sc = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    sc.ws();
    visit(&mut sc, String::new(), None, &prefixes, &mut found);

    pointers
        .iter()
        .map(|p| {
            if let Some(span) = found.get(*p) {
                return Some(Located {
                    span: *span,
                    missing: None,
                });
            }
            // The nearest existing parent, and the first token that is missing.
            let tokens = pointer_tokens(p);
            let mut cur = String::new();
            let mut parent = *found.get("")?;
            for t in tokens {
                let next = pointer_push(&cur, &t);
                match found.get(&next) {
                    Some(span) => {
                        parent = *span;
                        cur = next;
                    }
                    None => {
                        return Some(Located {
                            span: parent,
                            missing: Some(t),
                        })
                    }
                }
            }
            None
        })
        .collect()
}

/// Records the span of the value at the scanner (with pointer `ptr`) when it
/// is on a wanted path, and enters it when a wanted pointer lies below.
fn visit(
    sc: &mut Scanner,
    ptr: String,
    key: Option<Span>,
    prefixes: &std::collections::HashSet<String>,
    found: &mut std::collections::HashMap<String, Span>,
) -> Option<()> {
    let start = sc.i;
    let wanted = prefixes.contains(&ptr);
    match sc.peek()? {
        c @ (b'{' | b'[') if wanted => {
            found.insert(
                ptr.clone(),
                key.unwrap_or(Span {
                    start,
                    end: start + 1,
                }),
            );
            sc.i += 1;
            let mut index = 0usize;
            loop {
                sc.ws();
                match sc.peek()? {
                    b'}' | b']' => {
                        sc.i += 1;
                        return Some(());
                    }
                    b',' => {
                        sc.i += 1;
                        continue;
                    }
                    _ => {}
                }
                if c == b'{' {
                    let kstart = sc.i;
                    sc.skip_string()?;
                    let kend = sc.i;
                    let name = decode_string(std::str::from_utf8(&sc.b[kstart..kend]).ok()?)?;
                    sc.ws();
                    if sc.peek()? != b':' {
                        return None;
                    }
                    sc.i += 1;
                    sc.ws();
                    let child = pointer_push(&ptr, &name);
                    let kspan = Span {
                        start: kstart,
                        end: kend,
                    };
                    visit(sc, child, Some(kspan), prefixes, found)?;
                } else {
                    let child = pointer_push(&ptr, &index.to_string());
                    index += 1;
                    visit(sc, child, None, prefixes, found)?;
                }
            }
        }
        _ => {
            sc.skip_value()?;
            if wanted {
                found.insert(ptr, Span { start, end: sc.i });
            }
            Some(())
        }
    }
}

/// Masks the values of the given member names (anywhere in the document)
/// with asterisks, byte for byte, so that offsets and line numbers stay
/// valid. Used before a source excerpt is shown, so it must hold even for a
/// broken file: a structural pass masks whole values (strings, numbers,
/// objects, arrays) of well-formed members, and a line pass then masks the
/// rest of any line where a secret name is followed by `:`, which catches
/// members that a syntax error has thrown the structural pass out of step with.
pub fn redact_members(text: &str, names: &[&str]) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    // Structural pass: every string followed by ':' is a key.
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
            let vstart = sc.i;
            // A key that merely contains a secret's name (`api_key_old`) is masked too.
            let secret = key
                .as_deref()
                .is_some_and(|k| names.iter().any(|n| k.contains(n)));
            if secret && sc.skip_value().is_some() {
                mask(&mut out[vstart..sc.i]);
            }
        }
        i = key_end;
    }
    // Line pass, for a broken document only (a valid one is fully handled above).
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return String::from_utf8(out).unwrap_or_else(|_| "*".repeat(text.len()));
    }
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        for name in names {
            let mut from = 0;
            while let Some(pos) = line[from..].find(name) {
                let at = from + pos;
                from = at + name.len();
                let standalone = !line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                let rest = line[from..].trim_start_matches(|c: char| c == '"' || c.is_whitespace());
                if standalone && rest.starts_with(':') {
                    let colon = line.len() - rest.len();
                    mask(&mut out[line_start + colon + 1..line_start + line.len()]);
                    break;
                }
            }
        }
        line_start += line.len();
    }
    // A syntax error can mangle a secret's key beyond recognition: in a broken
    // document, also mask every token that looks like a key (16 or more
    // letters, digits and +/=_- with both letters and digits).
    let mut run = 0;
    while run < b.len() {
        let token =
            |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'_' | b'-');
        if !token(b[run]) {
            run += 1;
            continue;
        }
        let start = run;
        while run < b.len() && token(b[run]) {
            run += 1;
        }
        let t = &b[start..run];
        if t.len() >= 16
            && t.iter().any(u8::is_ascii_digit)
            && t.iter().any(u8::is_ascii_alphabetic)
        {
            out[start..run].fill(b'*');
        }
    }
    // Only bytes other than structure and whitespace became '*': still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| "*".repeat(text.len()))
}

/// Masks every byte of a value except JSON structure and whitespace.
fn mask(bytes: &mut [u8]) {
    for c in bytes {
        if !matches!(
            c,
            b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"' | b' ' | b'\t' | b'\r' | b'\n'
        ) {
            *c = b'*';
        }
    }
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
            self.i += memchr::memchr2(b'"', b'\\', self.b.get(self.i..)?)?;
            match self.b[self.i] {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                _ => self.i += 2,
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

    /// At '{': finds member `key` and leaves the scanner at its value. With
    /// duplicate keys the last one wins, as it does for the parser.
    /// Returns Some(Some(key span)) when found, Some(None) when absent.
    fn find_member(&mut self, key: &str) -> Option<Option<Span>> {
        self.i += 1;
        let mut found: Option<(Span, usize)> = None;
        loop {
            self.ws();
            match self.peek()? {
                b'}' => {
                    return Some(found.map(|(span, value)| {
                        self.i = value;
                        span
                    }))
                }
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
                found = Some((
                    Span {
                        start: kstart,
                        end: kend,
                    },
                    self.i,
                ));
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
    fn many_pointers_resolve_as_one_by_one() {
        let pointers = [
            "/a/b/1/c",
            "/a/b/2",
            "/k~0~1",
            "/名",
            "/a/b",
            "",
            "/a/zz",
            "/a/b/9",
            "/nope/deeper",
        ];
        let many = locate_many(DOC, &pointers);
        for (p, m) in pointers.iter().zip(many) {
            assert_eq!(m, locate_pointer(DOC, p), "{p}");
        }
        let doc = r#"{"a": false, "a": true}"#;
        assert_eq!(locate_many(doc, &["/a"])[0], locate_pointer(doc, "/a"));
    }

    #[test]
    fn pointers_below_a_noted_element_resolve_from_it_as_from_the_top() {
        let doc = "{\"products\": [\n  {\"id\": \"p0\", \"skus\": [{\"price\": 1}]},\n  {\"id\": \"p1\"},\n  {\"id\": \"p2\", \"x\": {\"y\": [true]}}\n]}";
        let starts: Vec<u32> = ["{\"id\": \"p0\"", "{\"id\": \"p1\"", "{\"id\": \"p2\""]
            .iter()
            .map(|s| doc.find(s).unwrap() as u32)
            .collect();
        let pointers = [
            "/products/0",
            "/products/0/id",
            "/products/0/skus/0/price",
            "/products/0/skus/3",
            "/products/1/missing/deeper",
            "/products/2/x",
            "/products/2/x/y/0",
            "/products/3/id",
            "/products/1x",
            "/products",
            "",
        ];
        for one_pass in [true, false] {
            // Every start noted, and the second one not known.
            for unknown in [None, Some(1)] {
                let mut starts = starts.clone();
                if let Some(i) = unknown {
                    starts[i] = u32::MAX;
                }
                let items = Items {
                    list: "/products".to_string(),
                    starts,
                };
                let all = locate_all(doc, &pointers, Some(&items), one_pass);
                for (p, found) in pointers.iter().zip(all) {
                    assert_eq!(found, locate_pointer(doc, p), "{p}");
                }
            }
        }
        let items = Items {
            list: "/products".to_string(),
            starts,
        };
        assert_eq!(
            items.anchor("/products/2/x"),
            Some((doc.find("{\"id\": \"p2\"").unwrap(), "/x"))
        );
        assert_eq!(items.anchor("/products/01/id"), None);
        assert_eq!(items.anchor("/productsx/1"), None);
        // A bare list.
        let bare = "[{\"a\": 1}, {\"a\": [2]}]";
        let items = Items {
            list: String::new(),
            starts: vec![1, bare.rfind('{').unwrap() as u32],
        };
        for p in ["/1/a/0", "/0/a", "/1", "/2"] {
            assert_eq!(
                locate_all(bare, &[p], Some(&items), true)[0],
                locate_pointer(bare, p),
                "{p}"
            );
        }
    }

    #[test]
    fn a_duplicate_key_resolves_to_the_last_one_like_the_parser() {
        let doc = r#"{"a": false, "a": true}"#;
        let l = locate_pointer(doc, "/a").unwrap();
        assert_eq!(&doc[l.span.start..l.span.end], "true");
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
        // Objects and arrays in a secret member are masked whole.
        let r = redact_members(r#"{"password": {"v": "hunter2"}, "a": [1]}"#, &["password"]);
        assert_eq!(r, r#"{"password": {"*": "*******"}, "a": [1]}"#);
    }

    #[test]
    fn redaction_holds_in_broken_documents() {
        // A lost quote puts the structural pass out of step; the line pass still masks.
        let doc = "{\n  \"original_id\": \"gh_3a7d,\n  \"app_secret\": \"7c4e9a1f\",\n  api_key\": \"Kq7m\"\n}";
        let r = redact_members(doc, &["app_secret", "api_key"]);
        assert_eq!(r.len(), doc.len());
        assert!(!r.contains("7c4e") && !r.contains("Kq7m"), "{r}");
        assert!(r.contains("gh_3a7d"));
        // A key mangled beyond recognition: the token itself gives it away.
        let r = redact_members(
            "{\"api_v3_k \"1608ey\": \"Ht4nW8qE2rY6uI0oP3aS7\",\n}",
            &["api_v3_key"],
        );
        assert!(!r.contains("Ht4nW8qE"), "{r}");
        // An unterminated secret at the end of a truncated (non-UTF-8) file.
        let r = redact_members("{\"app_secret\": \"7c4e9a", &["app_secret"]);
        assert!(!r.contains("7c4e"), "{r}");
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
        assert_eq!(line_col("a\rb\r\nc", 2), LineCol { line: 2, column: 1 });
        assert_eq!(line_col("a\rb\r\nc", 5), LineCol { line: 3, column: 1 });
        let text = "ab\r\n名字x\rq\n\nz";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(text, offset),
                line_col(text, offset),
                "{offset}"
            );
        }
        // An index up to an offset serves every offset up to it, and the
        // excerpts around them, as the whole index does.
        let text = "l1\nl2\r\nl3 名\rl4\n\nl6\nl7\n";
        let whole = LineIndex::new(text);
        for limit in 0..=text.len() {
            let part = LineIndex::up_to(text, limit);
            for offset in 0..=limit {
                let lc = part.line_col(text, offset);
                assert_eq!(lc, line_col(text, offset), "{limit} {offset}");
                for first in 1..=lc.line {
                    assert_eq!(
                        part.excerpt(text, first, lc.line, (offset, offset)),
                        whole.excerpt(text, first, lc.line, (offset, offset)),
                        "{limit} {offset} {first}"
                    );
                }
            }
        }
    }
}
