//! JSON documents held inside a JSON string (a database column that stores
//! JSON as text, such as CRMEB's `eb_diy.value` or ShopXO's `sxo_diy.config`,
//! exported as `"value": "{\"a\":1}"`).
//!
//! A JSON pointer that reaches such a string and goes on (`/0/value/a`)
//! continues inside the decoded document. The string literal is decoded with
//! the byte offset in the file of every decoded byte, so a span found in the
//! decoded document maps back to the exact bytes of the file, and a
//! diagnostic inside the embedded document gets the line and column of the
//! export file itself (a real file an editor can open, as SARIF and GitHub
//! annotations need).

use super::source::{locate_pointer, Located, Span};

/// Decodes the JSON string literal starting at byte `start` of `text` (at its
/// opening quote). Returns the decoded text and, for each decoded byte and
/// one past the end, the byte offset in `text` it came from; `None` when the
/// literal is malformed.
pub fn decode_literal(text: &str, start: usize) -> Option<(String, Vec<usize>)> {
    let b = text.as_bytes();
    if b.get(start) != Some(&b'"') {
        return None;
    }
    let mut out = String::new();
    let mut map = Vec::new();
    let mut i = start + 1;
    loop {
        let c = *b.get(i)?;
        match c {
            b'"' => {
                map.push(i);
                return Some((out, map));
            }
            b'\\' => {
                let esc = *b.get(i + 1)?;
                let (ch, len) = match esc {
                    b'n' => ('\n', 2),
                    b't' => ('\t', 2),
                    b'r' => ('\r', 2),
                    b'b' => ('\u{8}', 2),
                    b'f' => ('\u{c}', 2),
                    b'u' => {
                        let hi = hex4(b, i + 2)?;
                        if (0xD800..0xDC00).contains(&hi)
                            && b.get(i + 6) == Some(&b'\\')
                            && b.get(i + 7) == Some(&b'u')
                        {
                            let lo = hex4(b, i + 8)?;
                            let code = 0x10000 + ((hi - 0xD800) << 10) + lo.checked_sub(0xDC00)?;
                            (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                        } else {
                            (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6)
                        }
                    }
                    // \" \\ \/ and anything else stand for themselves.
                    other if other.is_ascii() => (other as char, 2),
                    _ => return None,
                };
                let mut buf = [0u8; 4];
                let s = ch.encode_utf8(&mut buf);
                out.push_str(s);
                map.extend(std::iter::repeat_n(i, s.len()));
                i += len;
            }
            _ => {
                // A whole UTF-8 character, byte for byte.
                let len = utf8_len(c);
                let s = text.get(i..i + len)?;
                out.push_str(s);
                map.extend(i..i + len);
                i += len;
            }
        }
    }
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let s = std::str::from_utf8(b.get(at..at + 4)?).ok()?;
    u32::from_str_radix(s, 16).ok()
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Resolves `pointer` inside the JSON document held by the string literal at
/// byte `start` of `text`, with the span mapped back to `text`. `None` when the
/// string does not hold JSON.
pub fn locate_in_string(text: &str, start: usize, pointer: &str) -> Option<Located> {
    let (inner, map) = decode_literal(text, start)?;
    let trimmed = inner.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with('"')) {
        return None;
    }
    let found = locate_pointer(&inner, pointer)?;
    let at = |i: usize| map.get(i).copied().unwrap_or(*map.last().unwrap_or(&start));
    let start_raw = at(found.span.start);
    // The end is exclusive: map the last byte and step past it.
    let end_raw = if found.span.end > found.span.start {
        let last = at(found.span.end - 1);
        last + raw_len(text, last)
    } else {
        start_raw
    };
    Some(Located {
        span: Span {
            start: start_raw,
            end: end_raw,
        },
        missing: found.missing,
    })
}

/// The length in `text` of the escape or character at `at`.
fn raw_len(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    match b.get(at) {
        Some(b'\\') => match b.get(at + 1) {
            Some(b'u') => 6,
            _ => 2,
        },
        Some(&c) => utf8_len(c),
        None => 0,
    }
}

/// The byte offset in `text` of byte `inner` of the document held by the
/// string literal at `start` (for an error the decoded document reports).
pub fn offset_in_string(text: &str, start: usize, inner: usize) -> Option<usize> {
    let (_, map) = decode_literal(text, start)?;
    map.get(inner.min(map.len().saturating_sub(1))).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::source::line_col;

    #[test]
    fn decoded_bytes_know_where_they_came_from() {
        let text = r#"{"v": "a\"名\u0041\\"}"#;
        let start = text.find(": \"").unwrap() + 2;
        let (s, map) = decode_literal(text, start).unwrap();
        assert_eq!(s, "a\"名A\\");
        assert_eq!(map.len(), s.len() + 1);
        assert_eq!(&text[map[1]..map[1] + 2], "\\\"");
        assert_eq!(&text[map[2]..map[2] + 3], "名");
        assert_eq!(&text[map[5]..map[5] + 6], "\\u0041");
        assert_eq!(text.as_bytes()[*map.last().unwrap()], b'"');
        assert!(decode_literal(text, 0).is_none());
        assert!(decode_literal("\"abc", 0).is_none());
    }

    #[test]
    fn pointers_continue_inside_json_held_by_a_string() {
        let text =
            "[\n  {\"id\": \"1\", \"value\": \"{\\\"a\\\": [1, {\\\"b\\\": \\\"充值\\\"}]}\"}\n]";
        let l = locate_pointer(text, "/0/value/a/1/b").unwrap();
        assert_eq!(l.missing, None);
        assert_eq!(&text[l.span.start..l.span.end], "\\\"充值\\\"");
        let lc = line_col(text, l.span.start);
        assert_eq!(lc.line, 2);
        assert_eq!(
            lc.column,
            text.lines().nth(1).unwrap()[..].find("\\\"充").unwrap() + 1
        );
        // A missing member inside: the nearest parent inside, and the token named.
        let l = locate_pointer(text, "/0/value/a/1/zz").unwrap();
        assert_eq!(l.missing.as_deref(), Some("zz"));
        assert_eq!(&text[l.span.start..l.span.end], "{");
        let l = locate_pointer(text, "/0/value/zz").unwrap();
        assert_eq!(l.missing.as_deref(), Some("zz"));
        assert_eq!(&text[l.span.start - 1..l.span.end], "\"{");
        // A string that holds no JSON: the string's key, the token named.
        let plain = r#"{"name": "abc"}"#;
        let l = locate_pointer(plain, "/name/x").unwrap();
        assert_eq!(l.missing.as_deref(), Some("x"));
        assert_eq!(&plain[l.span.start..l.span.end], "\"name\"");
    }

    #[test]
    fn offsets_of_errors_inside_map_back() {
        let text = r#"{"value": "{\"a\": tru}"}"#;
        let start = text.find(": \"").unwrap() + 2;
        let (inner, _) = decode_literal(text, start).unwrap();
        let bad = inner.find("tru").unwrap();
        let at = offset_in_string(text, start, bad).unwrap();
        assert_eq!(&text[at..at + 3], "tru");
    }
}
