//! The HTTP client that fetches a store's export and its rendered homepage.
//!
//! It only moves bytes: what they mean is for `bundle`. Its promises:
//! a connect timeout and a total timeout per URL (retries and redirects
//! included); a maximum response size enforced while the body streams in
//! (refused, never buffered past the limit, also after gzip decoding); at
//! most [`MAX_ATTEMPTS`] attempts on connection errors and on 429 and
//! 502–504, honouring `Retry-After` (seconds or an HTTP date) within the
//! total timeout; at most [`MAX_REDIRECTS`] redirects, never from https to
//! http; only http and https URLs. Credentials (the bearer token and the
//! `--header` values) are sent only to the origins of the URLs given on the
//! command line, and never appear in a message: every message is scrubbed of
//! them before it leaves this module.

use std::io::Read;
use std::time::{Duration, Instant, SystemTime};

use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use reqwest::{StatusCode, Url};

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Attempts per URL, the first one included.
pub const MAX_ATTEMPTS: u32 = 3;
/// Redirects followed per attempt.
pub const MAX_REDIRECTS: usize = 5;
/// The wait before the second attempt when the server says nothing; doubled before the third.
const BACKOFF: Duration = Duration::from_millis(500);
/// The environment variable holding the bearer token.
pub const TOKEN_VAR: &str = "PREFLIGHT_TOKEN";

/// How to fetch.
#[derive(Clone)]
pub struct Options {
    pub connect_timeout: Duration,
    /// For one URL, from the first connection to the last byte, retries included.
    pub timeout: Duration,
    pub max_bytes: u64,
    /// `Name: value` lines of `--header`.
    pub headers: Vec<String>,
    /// The bearer token (`PREFLIGHT_TOKEN`); a `--header Authorization: …` wins over it.
    pub token: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_bytes: DEFAULT_MAX_BYTES,
            headers: Vec::new(),
            token: None,
        }
    }
}

/// The headers that authenticate, and their values, which must never be shown.
pub struct Credentials {
    headers: HeaderMap,
    secrets: Vec<String>,
}

impl Credentials {
    /// Parses `--header` lines and the token. Errors name the header but
    /// never show a value.
    pub fn parse(headers: &[String], token: Option<&str>) -> Result<Credentials, String> {
        let mut map = HeaderMap::new();
        let mut secrets = Vec::new();
        for (i, line) in headers.iter().enumerate() {
            let Some((name, value)) = line.split_once(':') else {
                return Err(format!(
                    "--header number {} is not of the form 'Name: value' (its text is not shown: it may hold a secret)",
                    i + 1
                ));
            };
            let name = name.trim();
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                format!(
                    "--header number {}: {:?} is not a valid header name",
                    i + 1,
                    sanitize(name, 40)
                )
            })?;
            let value = value.trim();
            let mut v = HeaderValue::from_str(value).map_err(|_| {
                format!("--header {header}: the value holds characters that cannot be sent in a header (it is not shown)")
            })?;
            v.set_sensitive(true);
            secrets.push(value.to_string());
            map.append(header, v);
        }
        if let Some(token) = token.map(str::trim).filter(|t| !t.is_empty()) {
            secrets.push(token.to_string());
            if !map.contains_key(AUTHORIZATION) {
                let mut v = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                    format!("{TOKEN_VAR} holds characters that cannot be sent in a header (it is not shown)")
                })?;
                v.set_sensitive(true);
                map.insert(AUTHORIZATION, v);
            }
        }
        // Short values would blank out ordinary words of a message.
        secrets.retain(|s| s.len() >= 4);
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Ok(Credentials {
            headers: map,
            secrets,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
    }

    /// `text` with every credential value replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        let mut s = text.to_string();
        for secret in &self.secrets {
            if s.contains(secret.as_str()) {
                s = s.replace(secret.as_str(), "***");
            }
        }
        s
    }
}

/// A response body that was read in full.
pub struct Fetched {
    /// Where the body came from, after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Why a URL could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadUrl,
    Unreachable,
    Tls,
    Timeout,
    /// The server answered with this status.
    Status(u16),
    TooLarge,
    Redirect,
    /// The connection broke, or another transport problem.
    Transport,
}

#[derive(Debug, Clone)]
pub struct FetchError {
    pub kind: ErrorKind,
    /// Scrubbed of credentials; does not repeat the URL.
    pub message: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// (scheme, host, port): where credentials may go.
type Origin = (String, String, Option<u16>);

fn origin(url: &Url) -> Origin {
    (
        url.scheme().to_string(),
        url.host_str().unwrap_or("").to_ascii_lowercase(),
        url.port_or_known_default(),
    )
}

pub struct Fetcher {
    client: Client,
    credentials: Credentials,
    trusted: Vec<Origin>,
    opts: Options,
}

impl Fetcher {
    /// A client whose credentials go to the origins of `trusted` URLs only.
    pub fn new(opts: Options, trusted: &[Url]) -> Result<Fetcher, String> {
        let credentials = Credentials::parse(&opts.headers, opts.token.as_deref())?;
        let client = Client::builder()
            .connect_timeout(opts.connect_timeout)
            // The total timeout is set per request, from what is left of it.
            .timeout(None)
            // Redirects are followed here, to check each hop and to keep
            // credentials on the origins they were meant for.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("preflight/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {}", innermost(&e)))?;
        Ok(Fetcher {
            client,
            credentials,
            trusted: trusted.iter().map(origin).collect(),
            opts,
        })
    }

    /// Whether there are credentials to send.
    pub fn has_credentials(&self) -> bool {
        !self.credentials.is_empty()
    }

    /// Whether a request to `url` carries the credentials.
    pub fn sends_credentials(&self, url: &Url) -> bool {
        !self.credentials.is_empty() && self.trusted.contains(&origin(url))
    }

    /// `text` with every credential value replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        self.credentials.scrub(text)
    }

    fn error(&self, kind: ErrorKind, message: String) -> FetchError {
        FetchError {
            kind,
            message: self.credentials.scrub(&message),
        }
    }

    /// Fetches `url`: retries, redirects, timeouts and the size limit as the module says.
    pub fn get(&self, url: &Url) -> Result<Fetched, FetchError> {
        check_scheme(url).map_err(|m| self.error(ErrorKind::BadUrl, m))?;
        let start = Instant::now();
        let deadline = start + self.opts.timeout;
        let mut attempt = 1;
        loop {
            let (last, wait) = match self.attempt(url, deadline) {
                Ok((resp, credentials)) => {
                    let status = resp.status();
                    if status.is_success() {
                        return self.read_body(resp, deadline);
                    }
                    let error = self.status_error(&resp, credentials);
                    if !retryable_status(status) || attempt >= MAX_ATTEMPTS {
                        return Err(after(error, attempt));
                    }
                    let asked = resp
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|h| retry_after(h, SystemTime::now()));
                    match asked {
                        Some(wait) if Instant::now() + wait >= deadline => {
                            let message = format!(
                                "{}; it asked to retry after {}, beyond the {} left of --timeout",
                                error.message,
                                seconds(wait),
                                seconds(deadline.saturating_duration_since(Instant::now()))
                            );
                            return Err(after(self.error(error.kind, message), attempt));
                        }
                        Some(wait) => (error, wait),
                        None => (error, backoff(attempt)),
                    }
                }
                Err((error, retry)) => {
                    if !retry || attempt >= MAX_ATTEMPTS {
                        return Err(after(error, attempt));
                    }
                    (error, backoff(attempt))
                }
            };
            if Instant::now() + wait >= deadline {
                let message = format!(
                    "{}; no time is left for another attempt within --timeout {}",
                    last.message,
                    seconds(self.opts.timeout)
                );
                return Err(after(self.error(last.kind, message), attempt));
            }
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// One attempt, redirects followed: the final response and whether it
    /// was sent with credentials; or an error and whether to try again.
    fn attempt(
        &self,
        url: &Url,
        deadline: Instant,
    ) -> Result<(Response, bool), (FetchError, bool)> {
        let mut current = url.clone();
        let mut hops = 0;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err((self.timeout_error(), false));
            }
            let credentials = self.sends_credentials(&current);
            let mut req = self.client.get(current.clone()).timeout(left);
            if credentials {
                req = req.headers(self.credentials.headers.clone());
            }
            let resp = req.send().map_err(|e| self.transport_error(&e, &current))?;
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            match location {
                Some(location) if resp.status().is_redirection() => {
                    hops += 1;
                    current = redirect_target(&current, &location, hops, MAX_REDIRECTS)
                        .map_err(|m| (self.error(ErrorKind::Redirect, m), false))?;
                }
                _ => return Ok((resp, credentials)),
            }
        }
    }

    /// Reads the body, refusing it as soon as it passes the size limit.
    fn read_body(&self, mut resp: Response, deadline: Instant) -> Result<Fetched, FetchError> {
        let max = self.opts.max_bytes;
        let too_large = |what: String| {
            self.error(
                ErrorKind::TooLarge,
                format!(
                    "{what}, over the limit of {} (--max-size); it was not read",
                    bytes(max)
                ),
            )
        };
        if let Some(len) = resp.content_length().filter(|&l| l > max) {
            return Err(too_large(format!("the response is {}", bytes(len))));
        }
        let url = resp.url().clone();
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let mut body = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(if is_timeout_io(&e) || Instant::now() >= deadline {
                        self.timeout_error()
                    } else {
                        self.error(
                            ErrorKind::Transport,
                            format!(
                                "the connection broke while the response was read: {}",
                                innermost(&e)
                            ),
                        )
                    });
                }
            };
            if (body.len() + n) as u64 > max {
                return Err(too_large("the response is larger".into()));
            }
            body.extend_from_slice(&buf[..n]);
            if Instant::now() >= deadline {
                return Err(self.timeout_error());
            }
        }
        Ok(Fetched {
            url,
            content_type,
            body,
        })
    }

    fn timeout_error(&self) -> FetchError {
        self.error(
            ErrorKind::Timeout,
            format!(
                "no complete response within {} (--timeout)",
                seconds(self.opts.timeout)
            ),
        )
    }

    fn status_error(&self, resp: &Response, credentials: bool) -> FetchError {
        let status = resp.status();
        let code = status.as_u16();
        let what = format!(
            "the server answered {} {}",
            code,
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_string();
        let hint = match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN if credentials => format!(
                ": the credentials were refused — the token ({TOKEN_VAR} or --header) is wrong, expired, or not allowed to export this store"
            ),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => format!(
                ": the token is missing — set {TOKEN_VAR} (sent as a bearer token) or pass --header 'Authorization: …'"
            ),
            StatusCode::NOT_FOUND => {
                ": nothing at this address — check the URL (the store id, the export path)".into()
            }
            _ => String::new(),
        };
        self.error(ErrorKind::Status(code), format!("{what}{hint}"))
    }

    /// Classifies an error of sending a request; the flag says whether to retry.
    fn transport_error(&self, e: &reqwest::Error, url: &Url) -> (FetchError, bool) {
        let host = match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => "the host".into(),
        };
        let cause = innermost(e);
        if is_tls(e) {
            return (
                self.error(
                    ErrorKind::Tls,
                    format!("the TLS handshake with {host} failed: {cause} (does the host really speak https, with a valid certificate?)"),
                ),
                false,
            );
        }
        if e.is_connect() {
            let message = if e.is_timeout() {
                format!(
                    "cannot connect to {host}: no answer within {} (--connect-timeout)",
                    seconds(self.opts.connect_timeout)
                )
            } else {
                format!("cannot connect to {host}: {cause}")
            };
            let message = match proxy_var(url.scheme()) {
                Some(var) => format!(
                    "{message} ({var} is set: unless NO_PROXY exempts the host, the connection goes through that proxy)"
                ),
                None => message,
            };
            return (self.error(ErrorKind::Unreachable, message), true);
        }
        if e.is_timeout() {
            return (self.timeout_error(), false);
        }
        let retry = broken_connection(e);
        (
            self.error(
                ErrorKind::Transport,
                format!("the request to {host} failed: {cause}"),
            ),
            retry,
        )
    }
}

/// The proxy variable set for this scheme, if any (its value may hold a
/// password: it is not shown).
fn proxy_var(scheme: &str) -> Option<&'static str> {
    let vars: [&'static str; 4] = if scheme == "https" {
        ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    };
    vars.into_iter()
        .find(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// Only http and https are fetched.
pub fn check_scheme(url: &Url) -> Result<(), String> {
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        "http" | "https" => Err("the URL has no host".into()),
        other => Err(format!(
            "only http:// and https:// URLs can be fetched, not {other}:"
        )),
    }
}

/// Where a redirect leads, or why it is not followed: the `hops`-th
/// redirect from `from` to `location` (relative or absolute).
pub fn redirect_target(from: &Url, location: &str, hops: usize, max: usize) -> Result<Url, String> {
    if hops > max {
        return Err(format!("more than {max} redirects; not followed further"));
    }
    let next = from.join(location.trim()).map_err(|_| {
        format!(
            "a redirect to {:?}, which is not a valid URL",
            sanitize(location, 80)
        )
    })?;
    check_scheme(&next).map_err(|m| format!("a redirect not followed: {m}"))?;
    if from.scheme() == "https" && next.scheme() == "http" {
        return Err(format!(
            "a redirect from https to plain http ({}) was refused",
            display_url(&next)
        ));
    }
    Ok(next)
}

/// The error of the last of `attempts` attempts.
fn after(mut error: FetchError, attempts: u32) -> FetchError {
    if attempts > 1 {
        error
            .message
            .push_str(&format!(" (after {attempts} attempts)"));
    }
    error
}

fn retryable_status(s: StatusCode) -> bool {
    matches!(s.as_u16(), 429 | 502..=504)
}

fn backoff(attempt: u32) -> Duration {
    BACKOFF * 2u32.pow(attempt.saturating_sub(1))
}

/// The wait a `Retry-After` value asks for: delay-seconds, or an HTTP date
/// (a date in the past means now). `None` when it is neither.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(v.parse().unwrap_or(u64::MAX)));
    }
    let when = parse_http_date(v)?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form servers must send.
fn parse_http_date(s: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u32 = day.parse().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<u64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || *h > 23 || *m > 59 || *sec > 60 || year < 1970 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = u64::try_from(days).ok()? * 86_400 + h * 3600 + m * 60 + sec;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// Query parameters whose values are hidden when a URL is shown.
const SENSITIVE_PARAMS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "key",
    "sig",
    "auth",
    "credential",
    "session",
    "ticket",
];

/// A URL as shown to users: a password in it and the values of query
/// parameters that look like credentials (`access_token`, `sign` …) are `***`.
pub fn display_url(url: &Url) -> String {
    let mut u = url.clone();
    if u.password().is_some() {
        let _ = u.set_password(Some("***"));
    }
    let sensitive = |name: &str| {
        let n = name.to_ascii_lowercase();
        SENSITIVE_PARAMS.iter().any(|s| n.contains(s))
    };
    if u.query_pairs().any(|(k, _)| sensitive(&k)) {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let v = if sensitive(&k) {
                    "***".to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

/// Text from the network made safe to print: control characters become
/// spaces, runs of white space one space, cut at `max` characters.
pub fn sanitize(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if space {
                continue;
            }
            space = true;
        } else {
            space = false;
        }
        if count == max {
            out.push('…');
            break;
        }
        out.push(c);
        count += 1;
    }
    out.trim().to_string()
}

/// A size for messages: `123 bytes`, `2.0 MiB`.
pub fn bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    match n {
        n if n >= KIB * KIB * KIB => format!("{:.1} GiB", n as f64 / (KIB * KIB * KIB) as f64),
        n if n >= KIB * KIB => format!("{:.1} MiB", n as f64 / (KIB * KIB) as f64),
        n if n >= KIB => format!("{:.1} KiB", n as f64 / KIB as f64),
        n => format!("{n} bytes"),
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

/// The innermost cause of an error: the part that says what happened
/// (reqwest's own text repeats the URL).
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(next) = last.source() {
        last = next;
    }
    sanitize(&last.to_string(), 200)
}

fn chain<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |e| e.source())
}

/// Whether an error is the TLS layer's: rustls reports through io errors of
/// kind InvalidData whose message names the TLS problem.
fn is_tls(e: &reqwest::Error) -> bool {
    chain(e).any(|c| {
        let text = c.to_string().to_ascii_lowercase();
        let io_invalid = c
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::InvalidData);
        (io_invalid
            && (text.contains("message") || text.contains("certificate") || text.contains("tls")))
            || text.contains("invalid peer certificate")
            || text.contains("handshake")
            || text.contains("received corrupt message")
            || text.contains("tls")
    })
}

fn is_timeout_io(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
        || chain(e).any(|c| {
            c.downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout)
        })
}

/// A connection that broke before the answer: worth another attempt.
fn broken_connection(e: &reqwest::Error) -> bool {
    chain(e).any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::BrokenPipe
            )
        }) || c
            .to_string()
            .contains("connection closed before message completed")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn redirects_follow_relative_and_absolute_locations() {
        let from = url("https://admin.example.com/export/store/1");
        assert_eq!(
            redirect_target(&from, "/export/v2/store/1", 1, 5).unwrap(),
            url("https://admin.example.com/export/v2/store/1")
        );
        assert_eq!(
            redirect_target(&from, "https://cdn.example.com/x.json", 5, 5).unwrap(),
            url("https://cdn.example.com/x.json")
        );
        // http → https is an upgrade, fine.
        assert!(redirect_target(&url("http://a.example/"), "https://a.example/", 1, 5).is_ok());
        assert!(redirect_target(&url("http://a.example/"), "http://b.example/", 1, 5).is_ok());
    }

    #[test]
    fn redirects_from_https_to_http_are_refused() {
        let from = url("https://admin.example.com/export");
        let err = redirect_target(&from, "http://admin.example.com/export", 1, 5).unwrap_err();
        assert!(err.contains("from https to plain http"), "{err}");
        // Also when the location is relative to an http base… it cannot be:
        // a relative location keeps the https scheme.
        assert!(redirect_target(&from, "//other.example/x", 1, 5)
            .unwrap()
            .as_str()
            .starts_with("https://"));
    }

    #[test]
    fn redirects_are_limited_and_only_to_http_schemes() {
        let from = url("http://a.example/");
        let err = redirect_target(&from, "/next", 6, 5).unwrap_err();
        assert!(err.contains("more than 5 redirects"), "{err}");
        for bad in [
            "file:///etc/passwd",
            "ftp://a.example/x",
            "javascript:alert(1)",
        ] {
            let err = redirect_target(&from, bad, 1, 5).unwrap_err();
            assert!(err.contains("only http:// and https://"), "{bad}: {err}");
        }
        assert!(redirect_target(&from, "http://[::1", 1, 5).is_err());
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        // In the past: now.
        assert_eq!(
            retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT"),
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_709_251_199))
        );
        for bad in [
            "",
            "-1",
            "soon",
            "1.5",
            "Sun, 06 Nov 1994 08:49:37 CET",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn credentials_are_parsed_without_showing_values() {
        let c = Credentials::parse(
            &[
                "X-Api-Key: sekrit-value".into(),
                "Accept: application/json".into(),
            ],
            Some("tok-123456"),
        )
        .unwrap();
        assert_eq!(c.headers["x-api-key"], "sekrit-value");
        assert_eq!(c.headers[AUTHORIZATION], "Bearer tok-123456");
        assert_eq!(
            c.scrub("sent sekrit-value and tok-123456"),
            "sent *** and ***"
        );
        // --header Authorization wins over the token.
        let c =
            Credentials::parse(&["Authorization: Basic abcd".into()], Some("tok-123456")).unwrap();
        assert_eq!(c.headers[AUTHORIZATION], "Basic abcd");
        for bad in [
            "no colon sekrit-value",
            "Bad Name: sekrit-value",
            "X-Ok: bad\u{7f}sekrit-value",
        ] {
            let err = Credentials::parse(&[bad.into()], None).err().unwrap();
            assert!(!err.contains("sekrit-value"), "{err}");
        }
        assert!(Credentials::parse(&[], Some("  ")).unwrap().is_empty());
    }

    #[test]
    fn urls_are_shown_without_credentials() {
        assert_eq!(
            display_url(&url(
                "https://u:pw@a.example/export?store=1&access_token=abc"
            )),
            "https://u:***@a.example/export?store=1&access_token=***"
        );
        assert_eq!(
            display_url(&url("https://a.example/export/store/123?page=1%202")),
            "https://a.example/export/store/123?page=1%202"
        );
    }

    #[test]
    fn network_text_is_sanitized() {
        assert_eq!(
            sanitize("<html>\n\t<b>\u{1b}[31mred</b>", 80),
            "<html> <b> [31mred</b>"
        );
        assert_eq!(sanitize("abcdef", 3), "abc…");
    }
}
