//! Linting stores by URL against a real HTTP server on 127.0.0.1 (a small
//! std::net server in a thread): success with the same diagnostics as the
//! files on disk, authentication without leaks, every failure mode, retries,
//! timeouts, size limits, redirects, gzip, batches, --save, --homepage-url.
//! Nothing here reaches beyond 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const TOKEN: &str = "tok-s3cr3t-5f1b9c";
const HEADER_VALUE: &str = "hdr-v4lue-77e0a2";

/// Runs preflight from the repository root, without a token or a proxy
/// unless `env` sets them.
fn preflight(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_preflight"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("PREFLIGHT_TOKEN")
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    for var in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run preflight")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn all_output(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).expect("fixture")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("preflight-fetch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------- the server

#[derive(Debug, Clone)]
struct Req {
    path: String,
    headers: Vec<(String, String)>,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Handler = dyn Fn(&Req, &mut TcpStream) + Send + Sync;

struct Server {
    base: String,
    log: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }

    fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

/// A server on 127.0.0.1 that answers each request with `handler`, one thread per connection.
fn serve(handler: impl Fn(&Req, &mut TcpStream) + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let handler: Arc<Handler> = Arc::new(handler);
    let server_log = log.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let handler = handler.clone();
            let log = server_log.clone();
            thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                if let Some(req) = read_request(&mut stream) {
                    log.lock().unwrap().push(req.clone());
                    handler(&req, &mut stream);
                }
            });
        }
    });
    Server { base, log }
}

fn read_request(stream: &mut TcpStream) -> Option<Req> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    while !data.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        // Not HTTP (a TLS ClientHello): answer as a plain HTTP server does.
        if !data[0].is_ascii_uppercase() {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return None;
        }
    }
    let text = String::from_utf8_lossy(&data);
    let mut lines = text.split("\r\n");
    let path = lines.next()?.split(' ').nth(1)?.to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Req { path, headers })
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn json(stream: &mut TcpStream, body: &[u8]) {
    respond(
        stream,
        "200 OK",
        &[("Content-Type", "application/json")],
        body,
    );
}

/// A server that serves `files` by path (JSON, or HTML for `.html`), 404 otherwise.
fn serve_files(files: Vec<(&'static str, Vec<u8>)>) -> Server {
    serve(
        move |req, s| match files.iter().find(|(p, _)| *p == req.path) {
            Some((p, body)) if p.ends_with(".html") => respond(
                s,
                "200 OK",
                &[("Content-Type", "text/html; charset=utf-8")],
                body,
            ),
            Some((_, body)) => json(s, body),
            None => respond(s, "404 Not Found", &[], b"not found"),
        },
    )
}

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

// ---------------------------------------------------------------- gzip by hand

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn gzip_frame(deflate: Vec<u8>, original: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend(deflate);
    out.extend(crc32(original).to_le_bytes());
    out.extend((original.len() as u32).to_le_bytes());
    out
}

/// gzip with stored (uncompressed) deflate blocks.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut deflate = Vec::new();
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        deflate.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        deflate.extend(len.to_le_bytes());
        deflate.extend((!len).to_le_bytes());
        deflate.extend_from_slice(chunk);
    }
    gzip_frame(deflate, data)
}

/// gzip of `n` zero bytes, a few KiB on the wire: a fixed-Huffman block of a
/// literal 0 and back-references of 258 bytes at distance 1.
fn gzip_zeros(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, n: u32) {
            self.acc |= value << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// A Huffman code: most significant bit first.
        fn code(&mut self, code: u32, n: u32) {
            for i in (0..n).rev() {
                self.put((code >> i) & 1, 1);
            }
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.code(0xC5, 8); // length 258
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7); // flush
    gzip_frame(b.out, &vec![0u8; n])
}

// ---------------------------------------------------------------- success

/// A failing variant of the clean bundle: prepaid recharge on, a product
/// without a price, and an avatar URL (a relative avatar path of a fetched
/// bundle is not on this machine).
fn failing_bundle() -> String {
    let text = String::from_utf8(fixture("fixtures/clean-bundle.json")).unwrap();
    let changed = text
        .replace("\"prepaid_recharge\": false", "\"prepaid_recharge\": true")
        .replacen("\"price\": \"39.90\"", "\"price\": \"\"", 1)
        .replace(
            "\"avatar\": \"clean-store/avatar.png\"",
            "\"avatar\": \"https://img.enisp.cn/avatar.png\"",
        );
    assert_ne!(changed, text);
    changed
}

#[test]
fn a_store_by_url_has_the_same_diagnostics_as_its_file() {
    let failing = failing_bundle();
    let server = serve_files(vec![
        ("/export/store/1", fixture("fixtures/clean-bundle.json")),
        ("/export/store/2", failing.clone().into_bytes()),
    ]);
    let clean_url = server.url("/export/store/1");
    let o = preflight(&["check", &clean_url, "--format", "concise"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let local = preflight(
        &["check", "fixtures/clean-bundle.json", "--format", "concise"],
        &[],
    );
    assert_eq!(
        stdout(&o),
        stdout(&local).replace("fixtures/clean-bundle.json", &clean_url)
    );

    let dir = scratch("same");
    let file = dir.join("failing.bundle.json");
    std::fs::write(&file, &failing).unwrap();
    let file = file.to_str().unwrap();
    let url = server.url("/export/store/2");
    let remote = preflight(&["check", &url, "--format", "concise"], &[]);
    let local = preflight(&["check", file, "--format", "concise"], &[]);
    assert_eq!(remote.status.code(), Some(1), "{}", all_output(&remote));
    assert_eq!(local.status.code(), Some(1));
    let expected = stdout(&local).replace(file, &url);
    assert_eq!(stdout(&remote), expected);
    // The findings point into the fetched document by line and column.
    assert!(
        stdout(&remote).contains(&format!("{url}:458:27: PAY002")),
        "{}",
        stdout(&remote)
    );
    assert!(stdout(&remote).contains("PRD002"), "{}", stdout(&remote));

    // The JSON report names the URL as the file, with lines and columns.
    let o = preflight(&["check", &url, "--format", "json"], &[]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let store = &report["stores"][0];
    assert_eq!(store["path"], url.as_str());
    let pay = store["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PAY002")
        .unwrap();
    assert_eq!(pay["file"], url.as_str());
    assert_eq!(
        (pay["line"].as_u64(), pay["column"].as_u64()),
        (Some(458), Some(27))
    );
}

#[test]
fn a_broken_export_is_input001_at_its_line_in_the_fetched_document() {
    let server = serve_files(vec![("/export", b"{\n  \"store\": {,\n}".to_vec())]);
    let url = server.url("/export");
    let o = preflight(&["check", &url, "--format", "concise"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    assert!(
        stdout(&o).contains(&format!("{url}:2:13: INPUT001")),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------- auth

#[test]
fn the_token_and_headers_reach_the_server_and_are_never_printed() {
    let server = serve(|req, s| {
        let ok = req.header("Authorization") == Some(&format!("Bearer {TOKEN}"))
            && req.header("X-Store-Key") == Some(HEADER_VALUE);
        if ok {
            json(s, &failing_bundle().into_bytes());
        } else {
            respond(s, "401 Unauthorized", &[], b"");
        }
    });
    let url = server.url("/export");
    let header = format!("X-Store-Key: {HEADER_VALUE}");
    for format in ["full", "concise", "json", "sarif", "github", "junit"] {
        let o = preflight(
            &["check", &url, "--header", &header, "--format", format],
            &[("PREFLIGHT_TOKEN", TOKEN)],
        );
        assert_eq!(o.status.code(), Some(1), "{format}: {}", all_output(&o));
        let out = all_output(&o);
        assert!(
            !out.contains(TOKEN) && !out.contains(HEADER_VALUE),
            "{format}: {out}"
        );
    }
    let req = &server.requests()[0];
    assert_eq!(
        req.header("Authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(req.header("X-Store-Key"), Some(HEADER_VALUE));

    // --header Authorization wins over the token.
    let o = preflight(
        &["check", &url, "--header", "Authorization: Basic b3RoZXI="],
        &[("PREFLIGHT_TOKEN", TOKEN)],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        server.requests().last().unwrap().header("Authorization"),
        Some("Basic b3RoZXI=")
    );
}

#[test]
fn a_401_says_the_token_is_missing_or_refused_without_printing_it() {
    let server = serve(|req, s| match req.header("Authorization") {
        Some(v) if v == format!("Bearer {TOKEN}") => json(s, b"{}"),
        Some(_) => respond(s, "403 Forbidden", &[], b""),
        None => respond(
            s,
            "401 Unauthorized",
            &[("WWW-Authenticate", "Bearer")],
            b"",
        ),
    });
    let url = server.url("/export/store/9");

    let o = preflight(&["check", &url], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{url}: the server answered 401 Unauthorized")),
        "{err}"
    );
    assert!(
        err.contains("the token is missing") && err.contains("PREFLIGHT_TOKEN"),
        "{err}"
    );

    let wrong = "tok-wrong-0a9f3e";
    for args in [
        vec!["check", &url],
        vec![
            "check",
            &url,
            "--header",
            "Authorization: Bearer tok-wrong-0a9f3e",
        ],
    ] {
        let env: &[(&str, &str)] = if args.len() == 2 {
            &[("PREFLIGHT_TOKEN", wrong)]
        } else {
            &[]
        };
        let o = preflight(&args, env);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains("403 Forbidden") && err.contains("refused"),
            "{err}"
        );
        assert!(!all_output(&o).contains(wrong), "{}", all_output(&o));
    }
    assert_eq!(
        server.hits("/export/store/9"),
        3,
        "401 and 403 are not retried"
    );
}

#[test]
fn a_bad_header_is_refused_without_showing_its_value() {
    for header in [
        format!("no colon {HEADER_VALUE}"),
        format!("Bad Name: {HEADER_VALUE}"),
        format!("X-Ok: {HEADER_VALUE}\u{7f}"),
    ] {
        let o = preflight(
            &["check", "http://127.0.0.1:9/export", "--header", &header],
            &[],
        );
        assert_eq!(o.status.code(), Some(2), "{header}");
        assert!(stderr(&o).contains("--header"), "{}", stderr(&o));
        assert!(!all_output(&o).contains(HEADER_VALUE), "{}", all_output(&o));
    }
}

#[test]
fn credentials_do_not_follow_a_redirect_to_another_origin() {
    let other = serve(|_, s| json(s, &fixture("fixtures/clean-bundle.json")));
    let target = other.url("/export");
    let server = serve(move |_, s| {
        respond(s, "302 Found", &[("Location", &target)], b"");
    });
    let o = preflight(
        &[
            "check",
            &server.url("/export"),
            "--header",
            &format!("X-Store-Key: {HEADER_VALUE}"),
        ],
        &[("PREFLIGHT_TOKEN", TOKEN)],
    );
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(server.requests()[0].header("Authorization").is_some());
    let there = &other.requests()[0];
    assert_eq!(there.header("Authorization"), None);
    assert_eq!(there.header("X-Store-Key"), None);
}

#[test]
fn a_server_echoing_the_token_does_not_get_it_printed() {
    let server = serve(|req, s| {
        let echo = format!(
            "<html><body>bad token {}</body></html>",
            req.header("Authorization").unwrap_or("")
        );
        respond(
            s,
            "200 OK",
            &[("Content-Type", "text/html")],
            echo.as_bytes(),
        );
    });
    let o = preflight(&["check", &server.url("/x")], &[("PREFLIGHT_TOKEN", TOKEN)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("not JSON") && err.contains("bad token"),
        "{err}"
    );
    assert!(!err.contains(TOKEN), "{err}");
}

// ---------------------------------------------------------------- errors

#[test]
fn an_unreachable_host_is_exit_2_after_3_attempts() {
    let url = format!("http://127.0.0.1:{}/export", closed_port());
    let o = preflight(&["check", &url], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{url}: cannot connect to 127.0.0.1:")),
        "{err}"
    );
    assert!(err.contains("(after 3 attempts)"), "{err}");
}

#[test]
fn a_tls_failure_is_exit_2_with_a_tls_message() {
    // A plain HTTP server spoken to with https://: the handshake fails.
    let server = serve(|_, s| json(s, b"{}"));
    let url = server.url("/export").replace("http://", "https://");
    let o = preflight(&["check", &url], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{url}: the TLS handshake with 127.0.0.1:")),
        "{err}"
    );
    assert!(
        !err.contains("after 3 attempts"),
        "a TLS failure is not retried: {err}"
    );
}

#[test]
fn a_404_is_exit_2() {
    let server = serve_files(vec![]);
    let url = server.url("/export/store/404");
    let o = preflight(&["check", &url], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{url}: the server answered 404 Not Found: nothing at this address"
        )),
        "{err}"
    );
    assert_eq!(server.hits("/export/store/404"), 1);
}

#[test]
fn a_response_that_is_not_json_says_what_came_back() {
    let server = serve(|_, s| {
        respond(
            s,
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            "<!DOCTYPE html>\n<html><head><title>登录\u{1b}[31m</title></head><body>请先登录</body></html>".as_bytes(),
        )
    });
    let o = preflight(&["check", &server.url("/export")], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("the response is not JSON (content type text/html; charset=utf-8; it starts with \"<!DOCTYPE html> <html><head><title>登录 [31m</title>"), "{err}");
    assert!(err.contains("login page"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "escape sequences are removed: {err:?}"
    );
    assert_eq!(o.stdout, b"", "no store was linted");
}

#[test]
fn an_oversize_body_is_refused_with_or_without_a_length() {
    let big = vec![b' '; 300 * 1024];
    let body = big.clone();
    let server = serve(move |req, s| {
        if req.path == "/declared" {
            respond(s, "200 OK", &[("Content-Type", "application/json")], &body);
        } else {
            // No Content-Length: the limit is found while reading.
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            );
            let _ = s.write_all(&body);
        }
    });
    let o = preflight(
        &["check", &server.url("/declared"), "--max-size", "100K"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the response is 300.0 KiB, over the limit of 100.0 KiB (--max-size)"),
        "{}",
        stderr(&o)
    );
    let o = preflight(
        &["check", &server.url("/streamed"), "--max-size", "100K"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the response is larger, over the limit of 100.0 KiB (--max-size)"),
        "{}",
        stderr(&o)
    );
    // Under the limit, the same body is read (and is no bundle: INPUT001).
    let o = preflight(
        &[
            "check",
            &server.url("/streamed"),
            "--max-size",
            "1M",
            "--format",
            "concise",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    assert!(stdout(&o).contains(": INPUT001"), "{}", stdout(&o));
}

#[test]
fn a_slow_response_hits_the_total_timeout() {
    let server = serve(|req, s| {
        if req.path == "/slow-body" {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"store\": ");
        }
        // Headers never come, or the body never ends.
        thread::sleep(Duration::from_secs(20));
    });
    for path in ["/slow-headers", "/slow-body"] {
        let o = preflight(&["check", &server.url(path), "--timeout", "0.5"], &[]);
        assert_eq!(o.status.code(), Some(2), "{path}");
        let err = stderr(&o);
        assert!(
            err.contains("no complete response within 0.5 s (--timeout)"),
            "{path}: {err}"
        );
        assert_eq!(server.hits(path), 1, "a timeout is not retried: {path}");
    }
}

// ---------------------------------------------------------------- retries

#[test]
fn retries_honour_retry_after() {
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    let server = serve(move |req, s| {
        let mut n = seen.lock().unwrap();
        *n += 1;
        match (req.path.as_str(), *n) {
            // An HTTP date in the past: retry at once.
            ("/busy-twice", 1) => respond(
                s,
                "429 Too Many Requests",
                &[("Retry-After", "Sat, 01 Jan 2000 00:00:00 GMT")],
                b"",
            ),
            ("/busy-twice", 2) => {
                respond(s, "503 Service Unavailable", &[("Retry-After", "1")], b"")
            }
            ("/busy-twice", _) => json(s, &fixture("fixtures/clean-bundle.json")),
            _ => respond(s, "502 Bad Gateway", &[], b""),
        }
    });
    let o = preflight(&["check", &server.url("/busy-twice")], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert_eq!(server.hits("/busy-twice"), 3);

    *count.lock().unwrap() = 0;
    let o = preflight(&["check", &server.url("/always-502")], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("502 Bad Gateway (after 3 attempts)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(server.hits("/always-502"), 3, "at most 3 attempts");
}

#[test]
fn a_retry_after_beyond_the_timeout_is_not_waited_for() {
    let server =
        serve(|_, s| respond(s, "503 Service Unavailable", &[("Retry-After", "120")], b""));
    let o = preflight(&["check", &server.url("/export"), "--timeout", "5"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("503 Service Unavailable; it asked to retry after 120 s, beyond the"),
        "{err}"
    );
    assert_eq!(server.hits("/export"), 1);
}

// ---------------------------------------------------------------- redirects, gzip

#[test]
fn redirects_are_followed_up_to_a_limit() {
    let server = serve(|req, s| {
        let n: usize = req.path.trim_start_matches("/hop/").parse().unwrap_or(0);
        if req.path == "/to-ftp" {
            respond(
                s,
                "301 Moved Permanently",
                &[("Location", "ftp://127.0.0.1/x")],
                b"",
            );
        } else if n < 3 || req.path.starts_with("/hop/forever") {
            let next = if req.path.starts_with("/hop/forever") {
                format!("/hop/forever{}", req.path.len())
            } else {
                format!("/hop/{}", n + 1)
            };
            respond(s, "302 Found", &[("Location", &next)], b"");
        } else {
            json(s, &fixture("fixtures/clean-bundle.json"));
        }
    });
    let o = preflight(&["check", &server.url("/hop/0")], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    // The store is named by the URL given, not where it was redirected.
    assert!(stdout(&o).contains(&server.url("/hop/0")), "{}", stdout(&o));

    let o = preflight(&["check", &server.url("/hop/forever")], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("more than 5 redirects"),
        "{}",
        stderr(&o)
    );
    let forever = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/hop/forever"))
        .count();
    assert_eq!(forever, 6, "the first request and 5 redirects");

    let o = preflight(&["check", &server.url("/to-ftp")], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("only http:// and https://"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn gzip_is_accepted_and_the_limit_applies_after_decoding() {
    let server = serve(|req, s| {
        let accepts = req.header("Accept-Encoding").unwrap_or("").contains("gzip");
        assert!(accepts, "gzip is asked for");
        let body = if req.path == "/bomb" {
            gzip_zeros(4 << 20)
        } else {
            gzip_stored(&fixture("fixtures/clean-bundle.json"))
        };
        respond(
            s,
            "200 OK",
            &[
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
            ],
            &body,
        );
    });
    let o = preflight(&["check", &server.url("/export")], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(stdout(&o).contains("ready to submit"), "{}", stdout(&o));

    // A few KiB on the wire, 4 MiB decoded.
    assert!(gzip_zeros(4 << 20).len() < 64 * 1024);
    let o = preflight(&["check", &server.url("/bomb"), "--max-size", "1M"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("larger, over the limit of 1.0 MiB"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn only_http_and_https_urls_are_fetched() {
    let o = preflight(
        &[
            "check",
            "ftp://127.0.0.1/export",
            "fixtures/clean-bundle.json",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("ftp://127.0.0.1/export: only http:// and https:// URLs can be fetched"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("fixtures/clean-bundle.json"),
        "the path is still linted"
    );
}

// ---------------------------------------------------------------- batches, --save, homepage

#[test]
fn a_failed_url_does_not_stop_the_other_stores() {
    let server = serve_files(vec![
        ("/export/store/1", fixture("fixtures/clean-bundle.json")),
        ("/export/store/2", failing_bundle().into_bytes()),
    ]);
    let down = format!("http://127.0.0.1:{}/export/store/3", closed_port());
    let o = preflight(
        &[
            "check",
            &server.url("/export/store/1"),
            &server.url("/export/store/404"),
            "fixtures/rules/PAY002/fires-prepaid-on",
            &down,
            &server.url("/export/store/2"),
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = report["stores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    let (one, two) = (server.url("/export/store/1"), server.url("/export/store/2"));
    assert_eq!(
        paths,
        [
            one.as_str(),
            "fixtures/rules/PAY002/fires-prepaid-on",
            two.as_str()
        ]
    );
    let err = stderr(&o);
    assert!(
        err.contains("/export/store/404: the server answered 404"),
        "{err}"
    );
    assert!(err.contains(&format!("{down}: cannot connect")), "{err}");
}

#[test]
fn save_keeps_the_fetched_files_to_reproduce_offline() {
    let page = fixture("fixtures/rules/HOME002/fires-homepage-html/homepage.html");
    let server = serve_files(vec![
        ("/export/store/2", failing_bundle().into_bytes()),
        ("/h5/index.html", page.clone()),
    ]);
    let dir = scratch("save");
    let saved = dir.join("saved");
    let url = server.url("/export/store/2");
    let home = server.url("/h5/index.html");
    let o = preflight(
        &[
            "check",
            &url,
            "--homepage-url",
            &home,
            "--save",
            saved.to_str().unwrap(),
            "--format",
            "concise",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let bundle_file = saved.join(format!("127.0.0.1_{port}_export_store_2.bundle.json"));
    let page_file = saved.join(format!("127.0.0.1_{port}_h5_index.homepage.html"));
    assert_eq!(
        std::fs::read_to_string(&bundle_file).unwrap(),
        failing_bundle()
    );
    assert_eq!(std::fs::read(&page_file).unwrap(), page);
    let err = stderr(&o);
    assert!(err.contains(&format!("saved {url} as ")), "{err}");

    // Offline, the saved files give the same findings under their own names.
    let (b, p) = (bundle_file.to_str().unwrap(), page_file.to_str().unwrap());
    let again = preflight(
        &[
            "check",
            b,
            "--homepage-url",
            p,
            "--format",
            "concise",
            "--offline",
        ],
        &[],
    );
    assert_eq!(again.status.code(), Some(1), "{}", all_output(&again));
    assert_eq!(
        stdout(&again).replace(b, &url).replace(p, &home),
        stdout(&o)
    );
    assert!(
        stdout(&o).contains(&format!("{home}:11:22: HOME002")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn homepage_url_fetches_the_rendered_homepage() {
    let page = fixture("fixtures/rules/HOME002/fires-homepage-html/homepage.html");
    let server = serve_files(vec![("/h5/index.html", page.clone())]);
    let home = server.url("/h5/index.html");

    // A local store without homepage.html, with --homepage-url: the finding
    // of the fixture's homepage.html, at the URL.
    let dir = scratch("home");
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    let case = root().join("fixtures/rules/HOME002/fires-homepage-html");
    for entry in std::fs::read_dir(&case).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name != "homepage.html" && name != "expected.txt" {
            std::fs::copy(entry.path(), store.join(&name)).unwrap();
        }
    }
    let store_arg = store.to_str().unwrap();
    let local = preflight(
        &[
            "check",
            case.to_str().unwrap(),
            "--format",
            "concise",
            "--select",
            "HOME",
        ],
        &[],
    );
    let o = preflight(
        &[
            "check",
            store_arg,
            "--homepage-url",
            &home,
            "--format",
            "concise",
            "--select",
            "HOME",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    let finding = |out: &str, file: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains(": HOME"))
            .map(|l| l.replace(file, "PAGE"))
            .collect()
    };
    let case_page = format!("{}/homepage.html", case.to_str().unwrap());
    assert_eq!(
        finding(&stdout(&o), &home),
        finding(&stdout(&local), &case_page)
    );
    assert!(
        stdout(&o).contains(&format!("{home}:11:22: HOME002")),
        "{}",
        stdout(&o)
    );

    // homepage_url in store.json does the same, without a flag.
    let text = std::fs::read_to_string(store.join("store.json")).unwrap();
    let with_url = text.replacen('{', &format!("{{\n  \"homepage_url\": \"{home}\","), 1);
    std::fs::write(store.join("store.json"), with_url).unwrap();
    let before = server.hits("/h5/index.html");
    let o = preflight(
        &[
            "check", store_arg, "--format", "concise", "--select", "HOME",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    assert!(
        stdout(&o).contains(&format!("{home}:11:22: HOME002")),
        "{}",
        stdout(&o)
    );
    assert_eq!(server.hits("/h5/index.html"), before + 1);

    // --offline does not fetch it.
    let o = preflight(
        &[
            "check",
            store_arg,
            "--offline",
            "--format",
            "concise",
            "--select",
            "HOME",
        ],
        &[],
    );
    assert_eq!(server.hits("/h5/index.html"), before + 1);
    assert!(!stdout(&o).contains("HOME002"), "{}", stdout(&o));

    // A page that cannot be fetched stops that store's check (exit 2).
    let o = preflight(
        &[
            "check",
            store_arg,
            "--homepage-url",
            &server.url("/h5/gone.html"),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("404 Not Found"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("the homepage of {store_arg}")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn homepage_url_names_one_store_and_offline_refuses_urls() {
    let o = preflight(
        &[
            "check",
            "fixtures/clean-store",
            "fixtures/clean-bundle.json",
            "--homepage-url",
            "http://127.0.0.1:9/h5",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--homepage-url is the homepage of one store"),
        "{}",
        stderr(&o)
    );

    let server = serve_files(vec![("/export", fixture("fixtures/clean-bundle.json"))]);
    let o = preflight(
        &[
            "check",
            &server.url("/export"),
            "fixtures/clean-store",
            "--offline",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not fetched (--offline)"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("fixtures/clean-store"),
        "{}",
        stdout(&o)
    );
    assert_eq!(server.hits("/export"), 0);
}
