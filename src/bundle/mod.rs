//! Loading store bundles: a directory, a single JSON file, or a tree of many.
//!
//! Loading never fails on bad input: an unreadable, non-UTF-8, invalid or
//! wrongly typed file becomes an [`InputError`] (reported as INPUT001) and the
//! rest of the bundle is still loaded.

mod csv_products;
pub mod date;
pub mod embedded;
mod html;
pub mod image;
pub mod model;
pub mod money;
pub mod platform;
mod reader;
pub mod source;
mod stream;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::{At, Location, Text};
pub use model::*;
use reader::Reader;
use source::{offset_of, FileId, FileKind, SourceFile, SourceMap};

/// Files larger than this are refused with INPUT001 instead of being read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Member names whose values are secrets: never shown, even in a source excerpt.
pub const SECRET_FIELDS: &[&str] = &["app_secret", "api_key", "api_v3_key", "password"];

/// A problem with the input itself, reported as INPUT001.
#[derive(Debug, Clone)]
pub struct InputError {
    pub location: Location,
    pub message: Text,
}

/// One store, loaded.
#[derive(Debug)]
pub struct Bundle {
    /// The store directory or bundle file, as given.
    pub path: String,
    pub sources: SourceMap,
    /// The directory or bundle file itself, for findings about missing files.
    pub root: usize,
    pub single_file: bool,
    pub store: Section<StoreInfo>,
    pub products: Section<Products>,
    pub categories: Section<Categories>,
    pub decoration: Section<Decoration>,
    pub homepage: Section<Homepage>,
    pub payment: Section<Payment>,
    pub coupons: Section<Coupons>,
    /// The avatar named by store.json, read at load time (`None` when not set).
    pub avatar: Option<image::Avatar>,
    /// The bundle as one JSON document, the shape of a single-file bundle with
    /// `products` and `coupons` unwrapped to their arrays: what declarative
    /// rules query with JSONPath. Each section remembers where it came from.
    /// Streamed products are held apart, in [`Bundle::product_members`]
    /// ([`Bundle::full_doc`] has them too).
    pub doc: Value,
    doc_sources: Vec<(String, DocSource)>,
    /// The members of each product the rule packs read, when products.json
    /// was streamed: no object per product unless a pack needs one.
    pub product_members: Option<ProductMembers>,
    /// [`Bundle::doc`] with the streamed products, built on first use.
    full_doc: std::cell::OnceCell<Value>,
    pub input_errors: Vec<InputError>,
    /// Set when the bundle was read from a mall platform's export (src/adapters).
    pub platform: Option<platform::Platform>,
}

/// The members of each product that the rule packs read, as the products
/// stream kept them (see [`DocProducts::Members`]).
#[derive(Debug, Default)]
pub struct ProductMembers {
    /// The member names.
    pub names: Vec<String>,
    /// How many products.
    pub count: usize,
    /// Product `i`'s value of `names[m]` at `i * names.len() + m`; `None`
    /// when the product has no such member.
    pub values: Vec<Option<Value>>,
}

impl ProductMembers {
    /// Product `i`'s member `name`; `None` when it has none (or `name` is
    /// not one of those kept).
    pub fn get(&self, i: usize, name: &str) -> Option<&Value> {
        let m = self.names.iter().position(|n| n == name)?;
        self.values.get(i * self.names.len() + m)?.as_ref()
    }

    /// The products as the document has them: an object per product with
    /// the members it has.
    fn to_value(&self) -> Value {
        let per = self.names.len();
        Value::Array(
            (0..self.count)
                .map(|i| {
                    Value::Object(
                        self.names
                            .iter()
                            .zip(&self.values[i * per..(i + 1) * per])
                            .filter_map(|(n, v)| Some((n.clone(), v.clone()?)))
                            .collect(),
                    )
                })
                .collect(),
        )
    }
}

/// Where a section of [`Bundle::doc`] was read from.
#[derive(Debug, Clone)]
enum DocSource {
    /// A JSON file, with the pointer prefix of the section in it.
    Json { file: FileId, prefix: String },
    /// products.csv: rows map to the products' CSV places.
    Csv,
}

/// The section keys of a single-file bundle (and of [`Bundle::doc`]).
pub const SECTION_KEYS: &[&str] = &[
    "store",
    "products",
    "categories",
    "decoration",
    "payment",
    "coupons",
];

/// The section files of a directory bundle, in load order.
pub const SECTION_FILES: &[&str] = &[
    "store.json",
    "products.json",
    "products.csv",
    "categories.json",
    "decoration.json",
    "homepage.html",
    "payment.json",
    "coupons.json",
];

impl Bundle {
    fn empty(path: String, single_file: bool) -> Bundle {
        let mut sources = SourceMap::default();
        let root = sources.add(SourceFile {
            path: path.clone(),
            rel_path: String::new(),
            kind: if single_file {
                FileKind::Json
            } else {
                FileKind::Other
            },
            text: None,
            items: None,
        });
        Bundle {
            path,
            sources,
            root,
            single_file,
            store: Section::Missing,
            products: Section::Missing,
            categories: Section::Missing,
            decoration: Section::Missing,
            homepage: Section::Missing,
            payment: Section::Missing,
            coupons: Section::Missing,
            avatar: None,
            doc: Value::Object(Default::default()),
            doc_sources: Vec::new(),
            product_members: None,
            full_doc: std::cell::OnceCell::new(),
            input_errors: Vec::new(),
            platform: None,
        }
    }

    /// Where to point when a section is missing: the store directory, or the
    /// top of the single bundle file.
    pub fn missing_location(&self) -> Location {
        Location {
            file: self.root,
            at: if self.single_file {
                At::Pointer(String::new())
            } else {
                At::Whole
            },
        }
    }

    /// How to name a missing section in a message: `payment.json`, or the
    /// `payment` key of the bundle file.
    pub fn section_name(&self, file: &str) -> String {
        if self.single_file {
            format!("\"{}\"", file.trim_end_matches(".json"))
        } else {
            file.to_string()
        }
    }

    /// Adds a section to the JSON document, unwrapping `{"products": [...]}`.
    fn keep(&mut self, key: &str, mut value: Value, file: FileId, mut prefix: String) {
        if matches!(key, "products" | "coupons") {
            if let Some(inner) = value.get_mut(key).map(Value::take) {
                value = inner;
                prefix = source::pointer_push(&prefix, key);
            }
        }
        if let Value::Object(map) = &mut self.doc {
            map.insert(key.to_string(), value);
        }
        self.doc_sources
            .push((key.to_string(), DocSource::Json { file, prefix }));
    }

    /// Records streamed products' members as the document's `products`,
    /// read from `prefix` in `file`.
    fn keep_members(&mut self, members: ProductMembers, file: FileId, prefix: String) {
        self.product_members = Some(members);
        self.doc_sources
            .push(("products".to_string(), DocSource::Json { file, prefix }));
    }

    /// [`Bundle::doc`] with every section in it, streamed products
    /// included (made into objects on first use).
    pub fn full_doc(&self) -> &Value {
        let Some(members) = &self.product_members else {
            return &self.doc;
        };
        self.full_doc.get_or_init(|| {
            let mut doc = self.doc.clone();
            if let Value::Object(map) = &mut doc {
                map.insert("products".to_string(), members.to_value());
            }
            doc
        })
    }

    /// The location of a pointer into [`Bundle::doc`], in the file it came from.
    pub fn doc_location(&self, pointer: &str) -> Option<Location> {
        let tokens = source::pointer_tokens(pointer);
        let section = tokens.first()?;
        let (_, src) = self.doc_sources.iter().find(|(k, _)| k == section)?;
        match src {
            DocSource::Json { file, prefix } => {
                let rest = &pointer[1 + section.len()..];
                Some(Location {
                    file: *file,
                    at: At::Pointer(format!("{prefix}{rest}")),
                })
            }
            DocSource::Csv => {
                let products = self.products.get()?;
                let item = products.items.get(tokens.get(1)?.parse::<usize>().ok()?)?;
                Some(match tokens.get(2) {
                    Some(field) => item.place.field(field),
                    None => item.place.whole(),
                })
            }
        }
    }

    /// Drops everything linting needed but reporting does not — file texts,
    /// the JSON document, products, decoration … — keeping the paths and
    /// store.json (name, AppID). A batch keeps only this per store, so its
    /// memory does not grow with the stores' sizes.
    pub fn drop_inputs(&mut self) {
        self.sources.drop_texts();
        self.products = Section::Missing;
        self.categories = Section::Missing;
        self.decoration = Section::Missing;
        self.homepage = Section::Missing;
        self.payment = Section::Missing;
        self.coupons = Section::Missing;
        self.avatar = None;
        self.doc = Value::Null;
        self.doc_sources = Vec::new();
        self.product_members = None;
        self.full_doc = std::cell::OnceCell::new();
    }

    // Hooks for the platform adapters (src/adapters), which build a bundle
    // from a mall platform's table export instead of the canonical files.

    /// An empty bundle for the export directory `dir`.
    pub fn for_export(dir: &Path) -> Bundle {
        Bundle::empty(display_path(dir), false)
    }

    /// Reads and parses a JSON file of the bundle; on failure INPUT001 is
    /// reported (with the file registered) and `None` returned.
    pub fn read_json(&mut self, path: &Path, rel: &str) -> Option<(FileId, Value)> {
        let file = read_source(self, path, rel, FileKind::Json)?;
        parse_json(self, file).map(|v| (file, v))
    }

    /// Sets the section `key` (`store`, `products` …) from a document of the
    /// shape of its file, held by `file`: it is read into the model as that
    /// file would be, and kept in [`Bundle::doc`].
    pub fn set_section(&mut self, key: &str, value: Value, file: FileId) {
        let mut r = Reader::new(file, &mut self.input_errors);
        match key {
            "store" => self.store = Section::Present(reader::store(&mut r, &value, "")),
            "products" => self.products = Section::Present(reader::products(&mut r, &value, "")),
            "categories" => {
                self.categories = Section::Present(reader::categories(&mut r, &value, ""))
            }
            "decoration" => {
                self.decoration = Section::Present(reader::decoration(&mut r, &value, ""))
            }
            "payment" => self.payment = Section::Present(reader::payment(&mut r, &value, "")),
            "coupons" => self.coupons = Section::Present(reader::coupons(&mut r, &value, "")),
            _ => return,
        }
        self.keep(key, value, file, String::new());
    }

    /// Whether a location is on a fact the bundle's source does not hold
    /// (see [`platform::Unknown`]).
    pub fn is_unknown(&self, location: &Location) -> bool {
        self.platform
            .as_ref()
            .is_some_and(|p| p.unknown_at(location).is_some())
    }

    /// The store's display name and AppID, when store.json has them.
    pub fn name(&self) -> Option<&str> {
        self.store.get()?.mini_program.name.as_deref()
    }

    pub fn appid(&self) -> Option<&str> {
        self.store.get()?.mini_program.appid.as_deref()
    }

    /// Checks `bytes` as this store's homepage.html, shown as `name` (e.g. the
    /// URL of the fetched H5 page): diagnostics point into it by line and
    /// column. Replaces a homepage.html the bundle had. Invalid UTF-8 or over
    /// [`MAX_FILE_BYTES`] is INPUT001, as for a file.
    pub fn attach_homepage(&mut self, name: &str, bytes: Vec<u8>) {
        let text = bytes_text(bytes);
        self.homepage = match register(
            self,
            name.to_string(),
            "homepage.html",
            FileKind::Html,
            text,
        ) {
            Some(file) => {
                let text = self.sources.get(file).text.as_deref().unwrap_or("");
                Section::Present(html::load(file, text))
            }
            None => Section::Invalid,
        };
    }

    /// Like [`Bundle::attach_homepage`], with a homepage file on disk (a page
    /// saved by `--save`, to reproduce a finding offline).
    pub fn attach_homepage_file(&mut self, path: &Path) {
        self.homepage = match read_source(self, path, "homepage.html", FileKind::Html) {
            Some(file) => {
                let text = self.sources.get(file).text.as_deref().unwrap_or("");
                Section::Present(html::load(file, text))
            }
            None => Section::Invalid,
        };
    }

    fn input_error(&mut self, location: Location, zh: String, en: String) {
        self.input_errors.push(InputError {
            location,
            message: Text::new(zh, en),
        });
    }
}

/// A path as shown to users: forward slashes, no leading `./`, and control
/// characters escaped (a file name with a newline cannot forge a line of output).
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").map(str::to_string).unwrap_or(s);
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        s
    }
}

/// What a command-line path turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Dir(PathBuf),
    File(PathBuf),
}

/// Finds the store bundles under `path`: the path itself when it is a bundle
/// directory or bundle file, else every directory with a `store.json` and
/// every `bundle.json` / `*.bundle.json` below it (symlinks are not followed,
/// so a symlink loop cannot trap the walk; hidden directories and `target`
/// are skipped). Sorted by path. An error when the path does not exist.
pub fn discover(path: &Path) -> Result<Vec<Target>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", display_path(path)))?;
    if meta.is_file() {
        // A file of a directory bundle (store.json, the avatar, … as pre-commit
        // and CI pass changed files) stands for its bundle.
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let bundle_file = name == "bundle.json" || name.ends_with(".bundle.json");
        if !bundle_file && is_bundle_dir(parent) {
            return Ok(vec![Target::Dir(parent.to_path_buf())]);
        }
        return Ok(vec![Target::File(path.to_path_buf())]);
    }
    if is_bundle_dir(path) {
        return Ok(vec![Target::Dir(path.to_path_buf())]);
    }
    Ok(find_stores(path, |listing| listing.has("store.json")))
}

/// Every store under `path`: the directories `is_store` says hold one,
/// judged from the entries the walk already read (each directory comes after
/// everything in it, so no directory is listed twice), and every bundle
/// file. Symlinks are not followed; hidden, `target` and `node_modules`
/// directories are skipped. Sorted by path.
///
/// The directories under `path` are walked in parallel: walking a tree of
/// 10,000 stores on one core took a quarter to half a second, with the
/// other core idle before linting could start.
pub fn find_stores(path: &Path, is_store: impl Fn(&Listing) -> bool + Sync) -> Vec<Target> {
    use rayon::prelude::*;
    let Ok(dir) = std::fs::read_dir(path) else {
        return walk_stores(path, &is_store);
    };
    let entries: Vec<(std::ffi::OsString, std::fs::FileType)> = dir
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
        .collect();
    let mut found: Vec<Target> = entries
        .par_iter()
        .filter(|(name, kind)| kind.is_dir() && !skipped_dir(name))
        .flat_map_iter(|(name, _)| walk_stores(&path.join(name), &is_store))
        .collect();
    found.extend(
        entries
            .iter()
            .filter(|(name, kind)| kind.is_file() && is_bundle_file(name))
            .map(|(name, _)| Target::File(path.join(name))),
    );
    if is_store(&Listing::new(path, entries)) {
        found.push(Target::Dir(path.to_path_buf()));
    }
    found.sort_by(|a, b| target_path(a).cmp(target_path(b)));
    found
}

/// A directory the search for stores does not enter.
fn skipped_dir(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.') || n == "target" || n == "node_modules"
}

/// A single-file bundle's name.
fn is_bundle_file(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n == "bundle.json" || n.ends_with(".bundle.json")
}

/// [`find_stores`] of one tree, walked on this thread.
fn walk_stores(path: &Path, is_store: &impl Fn(&Listing) -> bool) -> Vec<Target> {
    let mut found = Vec::new();
    // The entries seen so far at each depth.
    let mut seen: Vec<Vec<(std::ffi::OsString, std::fs::FileType)>> = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .contents_first(true)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !(e.file_type().is_dir() && skipped_dir(e.file_name())))
        .flatten();
    for entry in walker {
        let depth = entry.depth();
        if seen.len() < depth + 2 {
            seen.resize_with(depth + 2, Vec::new);
        }
        if entry.file_type().is_dir() {
            let entries = std::mem::take(&mut seen[depth + 1]);
            if is_store(&Listing::new(entry.path(), entries)) {
                found.push(Target::Dir(entry.path().to_path_buf()));
            }
        } else if entry.file_type().is_file() && is_bundle_file(entry.file_name()) {
            found.push(Target::File(entry.path().to_path_buf()));
        }
        seen[depth].push((entry.file_name().to_os_string(), entry.file_type()));
    }
    found.sort_by(|a, b| target_path(a).cmp(target_path(b)));
    found
}

fn target_path(t: &Target) -> &Path {
    match t {
        Target::Dir(p) | Target::File(p) => p,
    }
}

pub fn is_bundle_dir(path: &Path) -> bool {
    let listing = Listing::read(path);
    SECTION_FILES.iter().any(|f| listing.has(f))
}

/// The entries of a directory, read once: asking whether a dozen names are
/// there costs one `read_dir` instead of a dozen `stat`s (discovery over
/// 10,000 stores asks this of every directory).
pub struct Listing {
    dir: PathBuf,
    entries: Vec<(std::ffi::OsString, std::fs::FileType)>,
}

impl Listing {
    /// The entries of `dir` as read by someone else.
    pub fn new(dir: &Path, entries: Vec<(std::ffi::OsString, std::fs::FileType)>) -> Listing {
        Listing {
            dir: dir.to_path_buf(),
            entries,
        }
    }

    /// The entries of `dir`; none when it cannot be read.
    pub fn read(dir: &Path) -> Listing {
        let entries = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
                    .collect()
            })
            .unwrap_or_default();
        Listing {
            dir: dir.to_path_buf(),
            entries,
        }
    }

    /// Whether `name` is there, even as a broken or looping symlink or a
    /// special file: such a file is "present but unreadable" (INPUT001), not
    /// "not configured".
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, _)| n == name)
    }

    /// Whether `name` is a regular file itself (not a symlink).
    fn is_regular(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, t)| n == name && t.is_file())
    }

    /// Whether `name` is a regular file, or a symlink to one.
    pub fn has_file(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, t)| {
            n == name && (t.is_file() || (t.is_symlink() && self.dir.join(name).is_file()))
        })
    }
}

/// What of each product the bundle document ([`Bundle::doc`]) holds: what
/// the rule packs read of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DocProducts {
    /// Every member, as in the file.
    #[default]
    Whole,
    /// Only these members (which never include `skus`). A directory
    /// bundle's products.json is then read without a document of the whole
    /// file, which is most of the time spent loading a store.
    Members(Vec<String>),
}

impl DocProducts {
    /// Products' members kept for the document: `members`, or every member
    /// when they include `skus` (the model reads SKUs from the document).
    pub fn members(mut members: Vec<String>) -> DocProducts {
        if members.iter().any(|m| m == "skus") {
            return DocProducts::Whole;
        }
        members.sort();
        members.dedup();
        DocProducts::Members(members)
    }
}

/// Loads a store with every product member in its document.
pub fn load(target: &Target) -> Bundle {
    load_with(target, &DocProducts::Whole)
}

/// Loads a store whose document holds `products` of each product.
pub fn load_with(target: &Target, products: &DocProducts) -> Bundle {
    match target {
        Target::Dir(dir) => load_dir(dir, products),
        Target::File(file) => load_file(file),
    }
}

/// Why a file could not be read as text: an INPUT001 message and, for
/// invalid UTF-8, the valid prefix and the offset of the first bad byte.
struct ReadError {
    zh: String,
    en: String,
    bad_utf8: Option<(String, usize)>,
}

/// Reads a file as UTF-8 text (a leading BOM is dropped). `listed`: a
/// directory listing has just shown it to be a regular file, not a
/// symlink, so it is opened without first asking what it is.
fn read_text(path: &Path, listed: bool) -> Result<String, ReadError> {
    let unreadable = |e: std::io::Error| ReadError {
        zh: format!("无法读取文件：{e}"),
        en: format!("cannot read the file: {e}"),
        bad_utf8: None,
    };
    // Only regular files are read: a FIFO or a device (perhaps behind a
    // symlink) would block or never end, so such a file must not even be
    // opened. What the file opened is, is asked again of the open file.
    if !listed {
        regular(&std::fs::metadata(path).map_err(unreadable)?)?;
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    regular(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // The limit holds even if the file grows while it is read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    decode_text(bytes)
}

/// `Ok` for a regular file, else why it is not read.
fn regular(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if !meta.is_file() {
        let what = if meta.is_dir() {
            ("目录", "a directory")
        } else {
            (
                "特殊文件（管道或设备）",
                "a special file (a pipe or a device)",
            )
        };
        return Err(ReadError {
            zh: format!("这是{}，不是普通文件，未读取", what.0),
            en: format!("this is {}, not a regular file, and was not read", what.1),
            bad_utf8: None,
        });
    }
    Ok(())
}

fn too_large(len: u64) -> ReadError {
    ReadError {
        zh: format!("文件过大（{len} 字节，上限 {MAX_FILE_BYTES}），未读取"),
        en: format!("the file is too large ({len} bytes, limit {MAX_FILE_BYTES}) and was not read"),
        bad_utf8: None,
    }
}

/// Bytes that did not come from a file (a fetched document), checked like a file's.
fn bytes_text(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    decode_text(bytes)
}

/// Decodes UTF-8 text. A BOM is dropped before anything is counted, so
/// every offset is past it.
fn decode_text(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Every byte of every file is checked: simdutf8 does it in a sixth of
    // the time of the standard library's check (the benchmark corpus's
    // 109 MB: 7 ms against 42 ms). Only a file that fails it is checked
    // again, by the standard library, for where it fails.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just found `bytes` to be valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            Err(ReadError {
                zh: format!(
                    "文件不是有效的 UTF-8 编码（第 {} 字节处），请以 UTF-8 重新导出",
                    valid + 1
                ),
                en: format!(
                    "the file is not valid UTF-8 (at byte {}); export it again as UTF-8",
                    valid + 1
                ),
                bad_utf8: Some((prefix, valid)),
            })
        }
    }
}

/// Reads and registers a file; `None` (with an INPUT001) when it cannot be read as text.
fn read_source(bundle: &mut Bundle, path: &Path, rel: &str, kind: FileKind) -> Option<usize> {
    register(
        bundle,
        display_path(path),
        rel,
        kind,
        read_text(path, false),
    )
}

/// [`read_source`] of the file `name` of a listed directory.
fn read_listed(bundle: &mut Bundle, dir: &Listing, name: &str, kind: FileKind) -> Option<usize> {
    let path = dir.dir.join(name);
    let text = read_text(&path, dir.is_regular(name));
    register(bundle, display_path(&path), name, kind, text)
}

/// Registers a file shown as `name` with its text, or reports why it has none.
fn register(
    bundle: &mut Bundle,
    name: String,
    rel: &str,
    kind: FileKind,
    text: Result<String, ReadError>,
) -> Option<usize> {
    let add = |bundle: &mut Bundle, text| {
        bundle.sources.add(SourceFile {
            path: name.clone(),
            rel_path: rel.to_string(),
            kind,
            text,
            items: None,
        })
    };
    match text {
        Ok(text) => Some(add(bundle, Some(text))),
        Err(ReadError { zh, en, bad_utf8 }) => {
            // Keep the valid prefix so the bad byte gets a line and column.
            let (text, at) = match bad_utf8 {
                Some((prefix, offset)) => (
                    Some(prefix),
                    At::Range {
                        start: offset,
                        end: offset,
                    },
                ),
                None => (None, At::Whole),
            };
            let file = add(bundle, text);
            bundle.input_error(Location { file, at }, zh, en);
            None
        }
    }
}

/// Parses JSON text; on a syntax error, reports INPUT001 at its line and column.
fn parse_json(bundle: &mut Bundle, file: usize) -> Option<Value> {
    let text = bundle.sources.get(file).text.as_deref().unwrap_or("");
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let offset = offset_of(text, e.line(), e.column());
            let what = json_error_text(&e);
            bundle.input_error(
                Location {
                    file,
                    at: At::Range {
                        start: offset,
                        end: offset,
                    },
                },
                format!("不是有效的 JSON：{}", what.0),
                format!("not valid JSON: {}", what.1),
            );
            None
        }
    }
}

/// A plain description of a JSON syntax error, without serde's position suffix.
fn json_error_text(e: &serde_json::Error) -> (String, String) {
    let raw = e.to_string();
    let en = raw
        .rsplit_once(" at line ")
        .map(|(msg, _)| msg.to_string())
        .unwrap_or(raw);
    let zh = match e.classify() {
        serde_json::error::Category::Eof => {
            "文件在数据结束前就结束了（缺少括号或引号？）".to_string()
        }
        _ if en.contains("recursion limit") => "嵌套层级过深".to_string(),
        _ if en.contains("trailing comma") => "多余的逗号".to_string(),
        _ if en.contains("trailing characters") => "数据后面还有多余的字符".to_string(),
        _ if en.contains("key must be a string") => "对象的键必须是带引号的字符串".to_string(),
        _ => format!("语法错误（{en}）"),
    };
    (zh, en)
}

fn load_dir(dir: &Path, products: &DocProducts) -> Bundle {
    load_listed(Listing::read(dir), products)
}

/// Loads a directory bundle whose files have been listed (which section
/// files exist: one listing rather than a stat per file).
pub fn load_listed(listing: Listing, products: &DocProducts) -> Bundle {
    let dir = listing.dir.as_path();
    let mut bundle = Bundle::empty(display_path(dir), false);
    let present = |name: &str| listing.has(name);
    bundle.store = json_section(&mut bundle, &listing, "store.json", reader::store);
    bundle.products = if present("products.json") {
        products_section(&mut bundle, &listing, products)
    } else if present("products.csv") {
        match read_listed(&mut bundle, &listing, "products.csv", FileKind::Csv) {
            Some(file) => {
                let text = bundle.sources.get(file).text.as_deref().unwrap_or("");
                match csv_products::load(file, text, &mut bundle.input_errors) {
                    Some(products) => {
                        if let Value::Object(map) = &mut bundle.doc {
                            map.insert("products".into(), csv_products::to_json(&products));
                        }
                        bundle.doc_sources.push(("products".into(), DocSource::Csv));
                        Section::Present(products)
                    }
                    None => Section::Invalid,
                }
            }
            None => Section::Invalid,
        }
    } else {
        Section::Missing
    };
    bundle.categories = json_section(&mut bundle, &listing, "categories.json", reader::categories);
    bundle.decoration = json_section(&mut bundle, &listing, "decoration.json", reader::decoration);
    if present("homepage.html") {
        bundle.homepage = match read_listed(&mut bundle, &listing, "homepage.html", FileKind::Html)
        {
            Some(file) => {
                let text = bundle.sources.get(file).text.as_deref().unwrap_or("");
                Section::Present(html::load(file, text))
            }
            None => Section::Invalid,
        };
    }
    bundle.payment = json_section(&mut bundle, &listing, "payment.json", reader::payment);
    bundle.coupons = json_section(&mut bundle, &listing, "coupons.json", reader::coupons);
    load_avatar(&mut bundle, dir);
    bundle
}

/// Reads the avatar file named in store.json, relative to `base`.
fn load_avatar(bundle: &mut Bundle, base: &Path) {
    let value = bundle
        .store
        .get()
        .and_then(|s| s.mini_program.avatar.clone());
    bundle.avatar = value.map(|v| image::load_avatar(&v, base));
}

/// Loads one section file of a directory bundle with its reader.
fn json_section<T>(
    bundle: &mut Bundle,
    dir: &Listing,
    name: &str,
    build: fn(&mut Reader, &Value, &str) -> T,
) -> Section<T> {
    match section_file(bundle, dir, name) {
        Ok(file) => parsed_section(bundle, file, name, build),
        Err(section) => section,
    }
}

/// Reads a section file of a directory bundle; `Err` with the section
/// when it is missing or cannot be read.
fn section_file<T>(bundle: &mut Bundle, dir: &Listing, name: &str) -> Result<FileId, Section<T>> {
    if !dir.has(name) {
        return Err(Section::Missing);
    }
    read_listed(bundle, dir, name, FileKind::Json).ok_or(Section::Invalid)
}

/// products.json: streamed into the model when the document needs only
/// some members of each product and the file has the usual shape, else
/// parsed like any section.
fn products_section(bundle: &mut Bundle, dir: &Listing, doc: &DocProducts) -> Section<Products> {
    let file = match section_file(bundle, dir, "products.json") {
        Ok(file) => file,
        Err(section) => return section,
    };
    if let DocProducts::Members(members) = doc {
        let text = bundle.sources.get(file).text.as_deref().unwrap_or("");
        if let Some(s) = stream::products(text, file, members) {
            bundle.input_errors.extend(s.errors);
            bundle.sources.set_items(
                file,
                source::Items {
                    list: s.prefix.clone(),
                    starts: s.starts,
                },
            );
            bundle.keep_members(s.members, file, s.prefix);
            return Section::Present(s.products);
        }
    }
    parsed_section(bundle, file, "products.json", reader::products)
}

/// Parses a section file already read and reads it into the model.
fn parsed_section<T>(
    bundle: &mut Bundle,
    file: FileId,
    name: &str,
    build: fn(&mut Reader, &Value, &str) -> T,
) -> Section<T> {
    let Some(v) = parse_json(bundle, file) else {
        return Section::Invalid;
    };
    let key = name.trim_end_matches(".json");
    let section = build_section(&mut bundle.input_errors, file, key, &v, "", build);
    if !matches!(section, Section::Invalid) {
        bundle.keep(key, v, file, String::new());
    }
    section
}

/// Reads one section after checking its overall shape: an object, or for
/// products and coupons an object or a list. A section of the wrong shape is
/// reported once (INPUT001) and is unreadable, so the rules that need it stay
/// quiet instead of reporting every field as missing.
fn build_section<T>(
    errors: &mut Vec<InputError>,
    file: FileId,
    key: &str,
    v: &Value,
    prefix: &str,
    build: fn(&mut Reader, &Value, &str) -> T,
) -> Section<T> {
    let list = matches!(key, "products" | "coupons");
    if !(v.is_object() || (list && v.is_array())) {
        let (zh, en) = if list {
            ("对象或数组", "an object or a list")
        } else {
            ("对象", "an object")
        };
        let name = if prefix.is_empty() {
            format!("{key}.json")
        } else {
            format!("\"{key}\"")
        };
        errors.push(InputError {
            location: Location {
                file,
                at: At::Pointer(prefix.to_string()),
            },
            message: Text::new(
                format!("{name} 必须是{zh}，此部分未读取"),
                format!("{name} must be {en}; it was not read"),
            ),
        });
        return Section::Invalid;
    }
    Section::Present(build(&mut Reader::new(file, errors), v, prefix))
}

/// A single JSON file holding every section under its key.
fn load_file(path: &Path) -> Bundle {
    let base = path.parent().unwrap_or(Path::new("."));
    load_single(display_path(path), read_text(path, false), Some(base))
}

/// A single-file bundle that was not read from disk, such as a fetched
/// export: `name` (the URL) is its file name in diagnostics, which point into
/// `bytes` by line and column. Checked like a file: invalid UTF-8, invalid
/// JSON or over [`MAX_FILE_BYTES`] is INPUT001. A relative avatar path is
/// read below `base_dir`; without one it is not read (nor judged).
pub fn load_file_bytes(name: &str, bytes: Vec<u8>, base_dir: Option<&Path>) -> Bundle {
    load_single(name.to_string(), bytes_text(bytes), base_dir)
}

fn load_single(name: String, text: Result<String, ReadError>, base: Option<&Path>) -> Bundle {
    let mut bundle = Bundle::empty(name, true);
    let file = bundle.root;
    let v = match text {
        Ok(text) => {
            bundle.sources.set_text(file, text);
            parse_json(&mut bundle, file)
        }
        Err(ReadError {
            zh,
            en,
            bad_utf8: bad,
        }) => {
            let at = match bad {
                Some((prefix, offset)) => {
                    bundle.sources.set_text(file, prefix);
                    At::Range {
                        start: offset,
                        end: offset,
                    }
                }
                None => At::Whole,
            };
            bundle.input_error(Location { file, at }, zh, en);
            None
        }
    };
    let Some(v) = v else {
        mark_all_invalid(&mut bundle);
        return bundle;
    };
    let Some(obj) = v.as_object() else {
        bundle.input_error(
            Location {
                file,
                at: At::Pointer(String::new()),
            },
            "单文件包的顶层必须是对象，包含 store、products 等键".into(),
            "a bundle file must hold an object with the keys store, products, …".into(),
        );
        mark_all_invalid(&mut bundle);
        return bundle;
    };
    // A null section is a missing one.
    let section = |key: &str| {
        obj.get(key)
            .filter(|v| !v.is_null())
            .map(|v| (v, format!("/{key}")))
    };
    let errors = &mut bundle.input_errors;
    if let Some((v, p)) = section("store") {
        bundle.store = build_section(errors, file, "store", v, &p, reader::store);
    }
    if let Some((v, p)) = section("products") {
        bundle.products = build_section(errors, file, "products", v, &p, reader::products);
    }
    if let Some((v, p)) = section("categories") {
        bundle.categories = build_section(errors, file, "categories", v, &p, reader::categories);
    }
    if let Some((v, p)) = section("decoration") {
        bundle.decoration = build_section(errors, file, "decoration", v, &p, reader::decoration);
    }
    if let Some((v, p)) = section("payment") {
        bundle.payment = build_section(errors, file, "payment", v, &p, reader::payment);
    }
    if let Some((v, p)) = section("coupons") {
        bundle.coupons = build_section(errors, file, "coupons", v, &p, reader::coupons);
    }
    if let Value::Object(map) = v {
        for (key, value) in map {
            if SECTION_KEYS.contains(&key.as_str()) && (value.is_object() || value.is_array()) {
                let prefix = format!("/{key}");
                bundle.keep(&key, value, file, prefix);
            }
        }
    }
    if let Some(base) = base {
        load_avatar(&mut bundle, base);
    }
    bundle
}

fn mark_all_invalid(bundle: &mut Bundle) {
    bundle.store = Section::Invalid;
    bundle.products = Section::Invalid;
    bundle.categories = Section::Invalid;
    bundle.decoration = Section::Invalid;
    bundle.homepage = Section::Invalid;
    bundle.payment = Section::Invalid;
    bundle.coupons = Section::Invalid;
}
