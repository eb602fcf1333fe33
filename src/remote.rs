//! Stores named by URL, between `cli` and `bundle`: fetches a store's
//! single-file bundle and its rendered homepage with [`crate::fetch`],
//! keeps them with `--save`, and hands the bytes to `bundle`, named by their
//! URL so that diagnostics point into the fetched documents. Rules never
//! fetch: everything is fetched here, before a store is linted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use reqwest::Url;

use crate::bundle::{self, Bundle, Section, Target};
use crate::fetch::{self, check_scheme, display_url, sanitize, Fetched, Fetcher, Options};

/// The options of `check` for fetching.
#[derive(Args, Clone)]
#[command(next_help_heading = "Fetching stores over HTTP(S)")]
pub struct FetchArgs {
    /// Send this header with every request to the URLs given, e.g. 'Authorization: Bearer …' (repeatable; values are never shown). A bearer token can also come from PREFLIGHT_TOKEN.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Fetch the store's rendered homepage (H5) and check it like homepage.html; a page saved by --save works too (default: homepage_url in store.json).
    #[arg(long, value_name = "URL|FILE")]
    pub homepage_url: Option<String>,
    /// Keep every fetched bundle and homepage in DIR, to reproduce a finding offline.
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
    /// Seconds to wait for a connection to be made.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub connect_timeout: Duration,
    /// Seconds for one URL, from connecting to the last byte, retries and redirects included.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    pub timeout: Duration,
    /// The largest response accepted, in bytes or with a unit (K, M, G: KiB, MiB, GiB); larger ones are refused.
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_size: u64,
    /// Never use the network: URL arguments fail and homepage_url in store.json is not fetched.
    #[arg(long)]
    pub offline: bool,
}

impl std::fmt::Debug for FetchArgs {
    // By hand: header values are secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchArgs")
            .field("headers", &format!("[{} hidden]", self.headers.len()))
            .field("homepage_url", &self.homepage_url)
            .field("save", &self.save)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_size", &self.max_size)
            .field("offline", &self.offline)
            .finish()
    }
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 86_400.0 => Ok(Duration::from_secs_f64(x)),
        _ => Err(format!(
            "{s:?} is not a number of seconds (more than 0, at most 86400)"
        )),
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let unit_size: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => 0,
    };
    match n.parse::<u64>().ok().and_then(|n| n.checked_mul(unit_size)) {
        Some(v) if v > 0 => Ok(v),
        _ => Err(format!(
            "{s:?} is not a size: a number of bytes, or with K, M or G (KiB, MiB, GiB)"
        )),
    }
}

/// One store to lint: on disk, or at a URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    Local(Target),
    Url(Url),
}

/// The store's path as messages show it, or its URL.
impl std::fmt::Display for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Input::Local(Target::Dir(p) | Target::File(p)) => {
                f.write_str(&crate::bundle::display_path(p))
            }
            Input::Url(u) => write!(f, "{u}"),
        }
    }
}

/// A command-line argument that is a URL (`scheme://…`): the URL, or why it
/// cannot be fetched. `None` for a path.
pub fn url_arg(arg: &Path) -> Option<Result<Url, String>> {
    let s = arg.to_str()?;
    let scheme_end = s.find("://")?;
    if scheme_end == 0
        || !s[..scheme_end]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    Some(
        Url::parse(s)
            .map_err(|e| format!("{}: not a valid URL ({e})", sanitize(s, 200)))
            .and_then(|u| {
                check_scheme(&u)
                    .map(|()| u.clone())
                    .map_err(|m| format!("{}: {m}", display_url(&u)))
            }),
    )
}

/// Something to tell the user on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    Info(String),
    Warning(String),
    /// Something failed that the user asked for (exit code 2), but the store was linted.
    Error(String),
}

/// Loads stores, fetching what is named by URL.
pub struct Remote {
    args: FetchArgs,
    token: Option<String>,
    /// URLs given on the command line: their origins receive the credentials.
    trusted: Vec<Url>,
    fetcher: Option<Fetcher>,
    saved: HashSet<String>,
    notes: Vec<Note>,
}

impl Remote {
    /// When something is to be fetched, checks the credentials (`--header`,
    /// `PREFLIGHT_TOKEN`) up front; the HTTP client itself is made at the
    /// first fetch (a `homepage_url` in a store.json may need it later).
    pub fn new(args: &FetchArgs, urls: &[Url]) -> Result<Remote, String> {
        let mut trusted = urls.to_vec();
        if let Some(Ok(u)) = args
            .homepage_url
            .as_deref()
            .and_then(|h| url_arg(Path::new(h)))
        {
            trusted.push(u);
        }
        let mut remote = Remote {
            args: args.clone(),
            token: None,
            trusted,
            fetcher: None,
            saved: HashSet::new(),
            notes: Vec::new(),
        };
        if !remote.trusted.is_empty() && !args.offline {
            remote.fetcher()?;
            let credentials = remote
                .fetcher
                .as_ref()
                .is_some_and(Fetcher::has_credentials);
            for u in &remote.trusted {
                if credentials && u.scheme() == "http" && !is_loopback(u) {
                    remote.notes.push(Note::Warning(format!(
                        "the credentials are sent to {} in clear text (http, not https)",
                        display_url(u)
                    )));
                }
            }
        }
        Ok(remote)
    }

    /// What happened since the last call, for stderr.
    pub fn take_notes(&mut self) -> Vec<Note> {
        std::mem::take(&mut self.notes)
    }

    /// The store, loaded (fetched first when it is a URL) with its homepage
    /// attached when `--homepage-url` or its `homepage_url` names one. An
    /// error when the store cannot be checked.
    pub fn load(&mut self, input: &Input) -> Result<Bundle, String> {
        let mut bundle = match input {
            Input::Local(t) => bundle::load(t),
            Input::Url(u) => self.fetch_store(u)?,
        };
        self.homepage(&mut bundle)?;
        Ok(bundle)
    }

    fn fetcher(&mut self) -> Result<&Fetcher, String> {
        if self.fetcher.is_none() {
            self.token = match std::env::var(fetch::TOKEN_VAR) {
                Ok(t) => Some(t),
                Err(std::env::VarError::NotPresent) => None,
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(format!("{} is not valid UTF-8", fetch::TOKEN_VAR))
                }
            };
            let opts = Options {
                connect_timeout: self.args.connect_timeout,
                timeout: self.args.timeout,
                max_bytes: self.args.max_size,
                headers: self.args.headers.clone(),
                token: self.token.clone(),
            };
            self.fetcher = Some(Fetcher::new(opts, &self.trusted)?);
        }
        Ok(self.fetcher.as_ref().expect("made above"))
    }

    fn get(&mut self, url: &Url) -> Result<Fetched, String> {
        if self.args.offline {
            return Err(format!("{}: not fetched (--offline)", display_url(url)));
        }
        self.fetcher()?
            .get(url)
            .map_err(|e| format!("{}: {e}", display_url(url)))
    }

    fn fetch_store(&mut self, url: &Url) -> Result<Bundle, String> {
        let fetched = self.get(url)?;
        if !looks_json(fetched.content_type.as_deref(), &fetched.body) {
            let mut message = format!(
                "{}: the response is not JSON ({})",
                display_url(url),
                self.what_came(&fetched)
            );
            if fetched
                .content_type
                .as_deref()
                .is_some_and(|c| c.to_ascii_lowercase().contains("html"))
            {
                message.push_str(
                    "; an HTML page here is often a login page: is the token missing or wrong, and is this the store's export URL?",
                );
            } else {
                message.push_str("; is this the store's export URL?");
            }
            return Err(message);
        }
        self.save(url, "bundle.json", &fetched.body);
        Ok(bundle::load_file_bytes(
            &display_url(url),
            fetched.body,
            None,
        ))
    }

    /// `content type …; it starts with "…"`, made safe to print.
    fn what_came(&mut self, fetched: &Fetched) -> String {
        let head = &fetched.body[..fetched.body.len().min(240)];
        let ct = match &fetched.content_type {
            Some(c) => format!("content type {}", sanitize(c, 80)),
            None => "no content type".into(),
        };
        let text = if head.is_empty() {
            format!("{ct}; the body is empty")
        } else {
            format!(
                "{ct}; it starts with \"{}\"",
                sanitize(&String::from_utf8_lossy(head), 80)
            )
        };
        match &self.fetcher {
            Some(f) => f.scrub(&text),
            None => text,
        }
    }

    pub fn homepage(&mut self, bundle: &mut Bundle) -> Result<(), String> {
        let (source, from_flag) = match &self.args.homepage_url {
            Some(h) => (h.clone(), true),
            None if self.args.offline => return Ok(()),
            // A homepage.html in the bundle is the page to check.
            None if !matches!(bundle.homepage, Section::Missing) => return Ok(()),
            None => match bundle.store.get().and_then(|s| s.homepage_url.clone()) {
                Some(u) => (u, false),
                None => return Ok(()),
            },
        };
        let url = match url_arg(Path::new(&source)) {
            Some(Ok(u)) => u,
            Some(Err(e)) => return Err(format!("the homepage of {}: {e}", bundle.path)),
            None if from_flag => {
                let path = Path::new(&source);
                if !path.is_file() {
                    return Err(format!(
                        "--homepage-url {}: neither an http(s) URL nor a file",
                        bundle::display_path(path)
                    ));
                }
                bundle.attach_homepage_file(path);
                return Ok(());
            }
            None => {
                return Err(format!(
                    "{}: homepage_url {:?} in store.json is not an http:// or https:// URL",
                    bundle.path,
                    sanitize(&source, 120)
                ))
            }
        };
        let fetched = self
            .get(&url)
            .map_err(|e| format!("{e} (the homepage of {})", bundle.path))?;
        if !looks_html(fetched.content_type.as_deref(), &fetched.body) {
            return Err(format!(
                "{}: the response is not an HTML page ({}) (the homepage of {})",
                display_url(&url),
                self.what_came(&fetched),
                bundle.path
            ));
        }
        self.save(&url, "homepage.html", &fetched.body);
        bundle.attach_homepage(&display_url(&url), fetched.body);
        Ok(())
    }

    /// Keeps a fetched body in the `--save` directory.
    fn save(&mut self, url: &Url, ext: &str, body: &[u8]) {
        let Some(dir) = self.args.save.clone() else {
            return;
        };
        let base = save_name(url);
        let mut name = format!("{base}.{ext}");
        let mut n = 2;
        while !self.saved.insert(name.clone()) {
            name = format!("{base}-{n}.{ext}");
            n += 1;
        }
        let path = dir.join(&name);
        let result = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, body));
        self.notes.push(match result {
            Ok(()) => Note::Info(format!(
                "saved {} as {}",
                display_url(url),
                bundle::display_path(&path)
            )),
            Err(e) => Note::Error(format!(
                "cannot save {} as {}: {e}",
                display_url(url),
                bundle::display_path(&path)
            )),
        });
    }
}

fn is_loopback(u: &Url) -> bool {
    let host = u.host_str().unwrap_or("");
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The body after a BOM and white space.
fn start(body: &[u8]) -> &[u8] {
    let b = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let skip = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[skip..]
}

/// A bundle export: a JSON content type, or a body that opens like JSON
/// (servers mislabel JSON often). Broken JSON is then INPUT001 at its line.
fn looks_json(content_type: Option<&str>, body: &[u8]) -> bool {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let mime = ct.split(';').next().unwrap_or("").trim();
    matches!(start(body).first(), Some(b'{' | b'['))
        || mime == "application/json"
        || mime.ends_with("+json")
}

/// A rendered page: an HTML content type, or a body that opens with a tag.
fn looks_html(content_type: Option<&str>, body: &[u8]) -> bool {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    ct.contains("html") || start(body).first() == Some(&b'<')
}

/// A readable file name for a URL: host, port and path with every other
/// character as `_`; a query adds a short hash (its values may be secrets).
pub fn save_name(url: &Url) -> String {
    let mut raw = url.host_str().unwrap_or("host").to_string();
    if let Some(port) = url.port() {
        raw.push_str(&format!("_{port}"));
    }
    raw.push_str(url.path());
    let mut name = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
            c
        } else {
            '_'
        };
        if !(c == '_' && name.ends_with('_')) {
            name.push(c);
        }
    }
    let mut name = name.trim_matches(|c| c == '_' || c == '.').to_string();
    for ext in [".json", ".html", ".htm"] {
        if name.to_ascii_lowercase().ends_with(ext) {
            name.truncate(name.len() - ext.len());
        }
    }
    name.truncate(100);
    if let Some(q) = url.query() {
        // FNV-1a: stable, and it does not reveal the query.
        let hash = q.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        name.push_str(&format!("-{:08x}", hash as u32));
    }
    if name.is_empty() {
        "store".into()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(url_arg(Path::new("fixtures/clean-store")).is_none());
        assert!(url_arg(Path::new("C:\\stores\\a")).is_none());
        let u = url_arg(Path::new("https://admin.example.com/export/store/123"));
        assert_eq!(
            u.unwrap().unwrap().as_str(),
            "https://admin.example.com/export/store/123"
        );
        let err = url_arg(Path::new("ftp://admin.example.com/x"))
            .unwrap()
            .unwrap_err();
        assert!(err.contains("only http:// and https://"), "{err}");
        let err = url_arg(Path::new("http://")).unwrap().unwrap_err();
        assert!(err.contains("not a valid URL"), "{err}");
    }

    #[test]
    fn loopback_hosts_are_known() {
        for (u, lo) in [
            ("http://127.0.0.1:8080/x", true),
            ("http://localhost/x", true),
            ("http://[::1]:80/", true),
            ("http://10.0.0.1/", false),
            ("http://admin.example.com/", false),
        ] {
            assert_eq!(is_loopback(&Url::parse(u).unwrap()), lo, "{u}");
        }
    }

    #[test]
    fn sizes_and_seconds_parse() {
        assert_eq!(parse_size("64MiB"), Ok(fetch::DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("1 G"), Ok(1 << 30));
        for bad in ["", "0", "-1", "1.5M", "12 parsecs", "99999999999999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_seconds("10"), Ok(fetch::DEFAULT_CONNECT_TIMEOUT));
        assert_eq!(parse_seconds("60"), Ok(fetch::DEFAULT_TIMEOUT));
        assert_eq!(parse_seconds("0.25"), Ok(Duration::from_millis(250)));
        for bad in ["0", "-1", "NaN", "inf", "soon", "100000"] {
            assert!(parse_seconds(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn saved_files_have_readable_names() {
        let name = |s: &str| save_name(&Url::parse(s).unwrap());
        assert_eq!(
            name("https://admin.example.com/export/store/123"),
            "admin.example.com_export_store_123"
        );
        assert_eq!(
            name("http://127.0.0.1:8080/stores/a.json"),
            "127.0.0.1_8080_stores_a"
        );
        assert_eq!(name("https://shop.example.com/"), "shop.example.com");
        let with_query = name("https://a.example/export?token=secret-value");
        assert!(with_query.starts_with("a.example_export-"), "{with_query}");
        assert!(!with_query.contains("secret"), "{with_query}");
        assert_ne!(with_query, name("https://a.example/export?token=other"));
    }

    #[test]
    fn json_and_html_are_told_apart() {
        assert!(looks_json(Some("application/json; charset=utf-8"), b""));
        assert!(looks_json(
            Some("text/plain"),
            b"\xef\xbb\xbf \n{\"store\": {}}"
        ));
        assert!(looks_json(Some("application/vnd.export+json"), b"oops"));
        assert!(!looks_json(Some("text/html"), b"<!DOCTYPE html>"));
        assert!(!looks_json(None, b""));
        assert!(looks_html(Some("text/html"), b""));
        assert!(looks_html(None, b"  <html>"));
        assert!(!looks_html(Some("application/json"), b"{}"));
    }
}
