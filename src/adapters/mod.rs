//! Platform adapters: lint a store as its mall system stores it.
//!
//! Most stores run on a mall system rather than on preflight's canonical
//! bundle. An adapter reads a directory of JSON table exports of one of the
//! widely used open-source mall systems that publish WeChat mini programs —
//! CRMEB (`eb_*`), ShopXO (`sxo_*`), likeshop (`ls_*`) — one file per table,
//! each an array of row objects as a MySQL client or phpMyAdmin writes them,
//! and produces a [`Bundle`] of the same typed model every rule reads.
//!
//! How (see also `bundle::platform`):
//!
//! 1. Each table file is a real source file of the bundle; every row is
//!    addressed by its pointer in the file (`/3` of eb_store_product.json, or
//!    `/2/data/3` in phpMyAdmin's wrapped export).
//! 2. The adapter writes each section as a canonical document (the shape of
//!    products.json, decoration.json …) held by a virtual file, and records
//!    for each canonical value the platform location it came from
//!    (`/3/market_price` ← `/3/ot_price` of eb_store_product.json). Values
//!    JSON-encoded inside a column (CRMEB's `eb_diy.value`, ShopXO's
//!    `sxo_diy.config` …) are decoded; their locations are pointers that go
//!    on inside the column (`/0/value/1643…/swiperConfig/list/0/img`), which
//!    the source map resolves to the exact bytes inside the escaped string,
//!    so a finding has the line and column of the export file itself.
//! 3. The bundle's readers turn the documents into the model, so wrongly
//!    typed values are INPUT001 at the platform value; [`Bundle::doc`] holds
//!    the canonical documents, so declarative rule packs work unchanged.
//! 4. A `store.json` (and a `categories.json`) beside the export, in the
//!    canonical format, is merged over what the export provides: it supplies
//!    what lives on WeChat's side (微信认证, 备案, service categories …).
//!    Without it those facts are *unknown*, and every finding about them says
//!    so. A table the adapter needs that is not in the export makes its facts
//!    unknown in the same way.
//! 5. The platform's own admin menu paths replace the rules' generic fixes
//!    (`rules/platforms/<platform>.toml`).

mod crmeb;
mod likeshop;
mod shopxo;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::{Map, Value};

use crate::bundle::platform::{Platform, Unknown};
use crate::bundle::source::FileId;
use crate::bundle::source::{locate_pointer, offset_of, pointer_push, FileKind, SourceFile};
use crate::bundle::{self, display_path, image, Bundle, DocProducts, InputError, Listing, Target};
use crate::diagnostic::{At, Location, Text};

/// A mall platform preflight can read the export of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Crmeb,
    Shopxo,
    Likeshop,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Crmeb, Kind::Shopxo, Kind::Likeshop];

    /// `crmeb`, as `--from` takes it.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Crmeb => "crmeb",
            Kind::Shopxo => "shopxo",
            Kind::Likeshop => "likeshop",
        }
    }

    /// `CRMEB`, as messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Crmeb => "CRMEB",
            Kind::Shopxo => "ShopXO",
            Kind::Likeshop => "likeshop",
        }
    }

    /// The tables the adapter reads (file names without `.json`).
    pub fn tables(self) -> &'static [&'static str] {
        match self {
            Kind::Crmeb => crmeb::TABLES,
            Kind::Shopxo => shopxo::TABLES,
            Kind::Likeshop => likeshop::TABLES,
        }
    }

    fn build(self, x: &mut Export) {
        match self {
            Kind::Crmeb => crmeb::build(x),
            Kind::Shopxo => shopxo::build(x),
            Kind::Likeshop => likeshop::build(x),
        }
    }

    /// The platform's fixes in its own menu names.
    fn help_data(self) -> &'static str {
        match self {
            Kind::Crmeb => include_str!("../../rules/platforms/crmeb.toml"),
            Kind::Shopxo => include_str!("../../rules/platforms/shopxo.toml"),
            Kind::Likeshop => include_str!("../../rules/platforms/likeshop.toml"),
        }
    }
}

/// What a store directory holds: a canonical bundle or a platform's export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Bundle,
    Platform(Kind),
}

impl Source {
    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "bundle" => Some(Source::Bundle),
            _ => Kind::ALL
                .into_iter()
                .find(|k| k.id() == s)
                .map(Source::Platform),
        }
    }
}

/// Canonical files that make a directory a canonical bundle. store.json and
/// categories.json may sit beside an export (they supply WeChat's facts).
const CANONICAL_CONTENT: &[&str] = &[
    "products.json",
    "products.csv",
    "decoration.json",
    "homepage.html",
    "payment.json",
    "coupons.json",
];

/// The platforms whose tables are in `dir`.
pub fn detect(dir: &Path) -> Vec<Kind> {
    detect_in(&Listing::read(dir))
}

fn detect_in(listing: &Listing) -> Vec<Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| {
            k.tables()
                .iter()
                .any(|t| listing.has_file(&format!("{t}.json")))
        })
        .collect()
}

fn has_canonical_content(listing: &Listing) -> bool {
    CANONICAL_CONTENT.iter().any(|f| listing.has_file(f))
}

fn table_list(kind: Kind) -> String {
    kind.tables()
        .iter()
        .take(3)
        .map(|t| format!("{t}.json"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a target holds: `from` when given (checked against the files
/// present), else detected from the files. An error (exit 2) when a
/// directory holds the tables of several platforms, or tables and a
/// canonical bundle, or not what `from` says.
pub fn source_of(target: &Target, from: Option<Source>) -> Result<Source, String> {
    match target {
        Target::File(f) => match from {
            Some(Source::Platform(k)) => Err(format!(
                "{}: a {} export is a directory of table files ({} …), not one file",
                display_path(f),
                k.name(),
                table_list(k)
            )),
            _ => Ok(Source::Bundle),
        },
        Target::Dir(dir) => source_in(dir, &Listing::read(dir), from),
    }
}

/// [`source_of`] a directory, from its listing.
fn source_in(dir: &Path, listing: &Listing, from: Option<Source>) -> Result<Source, String> {
    let found = detect_in(listing);
    match from {
        Some(Source::Bundle) => Ok(Source::Bundle),
        Some(Source::Platform(k)) if found.contains(&k) => Ok(Source::Platform(k)),
        Some(Source::Platform(k)) => Err(format!(
            "{}: no {} table here (expected {} …); is it a {} export?",
            display_path(dir),
            k.name(),
            table_list(k),
            k.name()
        )),
        None => match (found.as_slice(), has_canonical_content(listing)) {
            ([], _) => Ok(Source::Bundle),
            ([k], false) => Ok(Source::Platform(*k)),
            ([k], true) => Err(format!(
                "{}: ambiguous: it holds both a canonical bundle (products.json, decoration.json …) and {} tables; choose with --from bundle or --from {}",
                display_path(dir),
                k.name(),
                k.id()
            )),
            (several, _) => Err(format!(
                "{}: ambiguous: it holds the tables of {}; choose with --from {}",
                display_path(dir),
                several
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" and "),
                several
                    .iter()
                    .map(|k| k.id())
                    .collect::<Vec<_>>()
                    .join("|")
            )),
        },
    }
}

/// Finds the stores under `path` like [`bundle::discover`], and also the
/// directories that hold a platform's table export. A table file (or the
/// store.json beside it) stands for its export directory.
pub fn discover(path: &Path) -> Result<Vec<Target>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", display_path(path)))?;
    if meta.is_file() {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let kinds = detect(parent);
        let is_table = kinds.iter().any(|k| {
            name.strip_suffix(".json")
                .is_some_and(|stem| k.tables().contains(&stem))
        });
        if is_table || (!kinds.is_empty() && (name == "store.json" || name == "categories.json")) {
            return Ok(vec![Target::Dir(parent.to_path_buf())]);
        }
        return bundle::discover(path);
    }
    if !detect(path).is_empty() || bundle::is_bundle_dir(path) {
        return Ok(vec![Target::Dir(path.to_path_buf())]);
    }
    // A directory is a store when it has a store.json or a platform's tables.
    Ok(bundle::find_stores(path, |listing| {
        listing.has("store.json") || !detect_in(listing).is_empty()
    }))
}

/// Tells what `target` holds, as [`source_of`] does, and loads it, listing
/// a directory once for both.
pub fn detect_and_load(
    target: &Target,
    from: Option<Source>,
    products: &DocProducts,
) -> Result<Bundle, String> {
    match target {
        Target::Dir(dir) => {
            let listing = Listing::read(dir);
            Ok(match source_in(dir, &listing, from)? {
                Source::Platform(kind) => load_export(dir, kind),
                Source::Bundle => bundle::load_listed(listing, products),
            })
        }
        Target::File(_) => Ok(load(target, source_of(target, from)?, products)),
    }
}

/// Loads a store as `source` says, its document holding `products` of
/// each product.
pub fn load(target: &Target, source: Source, products: &DocProducts) -> Bundle {
    match (source, target) {
        (Source::Platform(kind), Target::Dir(dir)) => load_export(dir, kind),
        _ => bundle::load_with(target, products),
    }
}

/// Loads a platform's export directory.
pub fn load_export(dir: &Path, kind: Kind) -> Bundle {
    let mut x = Export {
        bundle: Bundle::for_export(dir),
        dir: dir.to_path_buf(),
        kind,
        platform: Platform::new(kind.id(), kind.name()),
        tables: BTreeMap::new(),
        pending: Vec::new(),
        secrets: Vec::new(),
    };
    for (code, help) in help_table(kind) {
        x.platform.set_help(&code, help);
    }
    kind.build(&mut x);
    x.finish()
}

/// The platform's `[help.CODE]` entries.
fn help_table(kind: Kind) -> Vec<(String, Text)> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        help: BTreeMap<String, Entry>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        zh: String,
        en: String,
    }
    // Embedded data, checked by a test: a broken file only loses the overrides.
    toml::from_str::<File>(kind.help_data())
        .map(|f| {
            f.help
                .into_iter()
                .map(|(code, e)| (code, Text::new(e.zh, e.en)))
                .collect()
        })
        .unwrap_or_default()
}

/// The store's own category tree (`shop_categories`) from a platform's
/// category table: `id`, a name column, and `pid` (0 for a top category).
pub(crate) fn shop_categories(x: &mut Export, table: &'static str, name_col: &str) {
    let mut doc = Doc::object();
    let root = match x.table(table) {
        Some(t) => {
            for (i, row) in t.rows.iter().enumerate() {
                let p = format!("/shop_categories/{i}");
                doc.row(&p, &t, row, &[("id", "id")]);
                doc.col(&format!("{p}/name"), &t, row, name_col);
                if row.text("pid").is_some_and(|p| p != "0") {
                    doc.col(&format!("{p}/parent"), &t, row, "pid");
                }
            }
            t.root()
        }
        None => x.dir_loc(),
    };
    x.section("categories", doc, root);
}

/// One exported table: its file and its rows (objects), each with its pointer.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    pub file: FileId,
    /// The pointer of the array of rows (empty, or `/2/data` in a phpMyAdmin export).
    pub prefix: String,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub(crate) struct Row {
    /// The row's pointer in the table file (`/3`, or `/2/data/3` in a phpMyAdmin export).
    pub ptr: String,
    pub cols: Map<String, Value>,
}

impl Row {
    /// A column's value; `None` when absent or null.
    pub fn get(&self, col: &str) -> Option<&Value> {
        self.cols.get(col).filter(|v| !v.is_null())
    }

    /// A column as text (numbers as written), trimmed; `None` when absent or blank.
    pub fn text(&self, col: &str) -> Option<String> {
        let s = match self.get(col)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => u8::from(*b).to_string(),
            _ => return None,
        };
        (!s.is_empty()).then_some(s)
    }

    /// Whether a column holds this integer (`1`, `"1"`), for filtering rows.
    pub fn is(&self, col: &str, n: i64) -> bool {
        self.text(col)
            .and_then(|t| t.parse::<i64>().ok())
            .is_some_and(|v| v == n)
    }

    /// A column as an integer, when it is one.
    pub fn int(&self, col: &str) -> Option<i64> {
        self.text(col)?.parse::<i64>().ok()
    }

    /// The pointer of a column of this row.
    pub fn at(&self, col: &str) -> String {
        pointer_push(&self.ptr, col)
    }
}

impl Table {
    /// The rows grouped by a column's text (a SKU table by its product id),
    /// built once: looking rows up per product would scan the table each time.
    pub fn rows_by(&self, col: &str) -> HashMap<String, Vec<&Row>> {
        let mut by: HashMap<String, Vec<&Row>> = HashMap::new();
        for row in &self.rows {
            if let Some(key) = row.text(col) {
                by.entry(key).or_default().push(row);
            }
        }
        by
    }

    /// The location of a column of a row.
    pub fn loc(&self, row: &Row, col: &str) -> Location {
        self.ptr_loc(&row.at(col))
    }

    /// The location of a row.
    pub fn row_loc(&self, row: &Row) -> Location {
        self.ptr_loc(&row.ptr)
    }

    /// The table's rows as a whole.
    pub fn root(&self) -> Location {
        self.ptr_loc(&self.prefix)
    }

    pub fn ptr_loc(&self, ptr: &str) -> Location {
        Location {
            file: self.file,
            at: At::Pointer(ptr.to_string()),
        }
    }

    /// The first row whose column holds `value` (as text).
    pub fn find(&self, col: &str, value: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.text(col).as_deref() == Some(value))
    }
}

/// A canonical section under construction: the document and where each of
/// its values came from.
pub(crate) struct Doc {
    pub value: Value,
    maps: Vec<(String, Location)>,
}

impl Doc {
    pub fn object() -> Doc {
        Doc {
            value: Value::Object(Map::new()),
            maps: Vec::new(),
        }
    }

    pub fn array() -> Doc {
        Doc {
            value: Value::Array(Vec::new()),
            maps: Vec::new(),
        }
    }

    /// Writes `v` at `ptr` (creating objects and array elements on the way)
    /// and records where it came from.
    pub fn set(&mut self, ptr: &str, v: Value, from: Location) {
        *slot(&mut self.value, ptr) = v;
        self.maps.push((ptr.to_string(), from));
    }

    /// Writes `v` at `ptr` without a location of its own (it points where its parent does).
    pub fn put(&mut self, ptr: &str, v: Value) {
        *slot(&mut self.value, ptr) = v;
    }

    /// Records where the value at `ptr` came from.
    pub fn map(&mut self, ptr: &str, from: Location) {
        self.maps.push((ptr.to_string(), from));
    }

    /// Copies a column of a row as it is (when it is set), pointing at it.
    pub fn col(&mut self, ptr: &str, t: &Table, row: &Row, col: &str) {
        if let Some(v) = row.get(col) {
            self.set(ptr, v.clone(), t.loc(row, col));
        }
    }

    /// A new object at `ptr` for a row (pointing at the row), with the
    /// [`Doc::cols`] `fields` of it.
    pub fn row(&mut self, ptr: &str, t: &Table, row: &Row, fields: &[(&str, &str)]) {
        self.set(ptr, Value::Object(Default::default()), t.row_loc(row));
        self.cols(ptr, t, row, fields);
    }

    /// [`Doc::col`] for several members of `prefix`: `(member, column)` pairs,
    /// the member a path below `prefix` (`images/0`).
    pub fn cols(&mut self, prefix: &str, t: &Table, row: &Row, fields: &[(&str, &str)]) {
        for (member, col) in fields {
            self.col(&format!("{prefix}/{member}"), t, row, col);
        }
    }

    /// Sets a text member from a platform value (when it holds text).
    pub fn text(&mut self, ptr: &str, v: Option<&Value>, at: &Here) {
        if let Some(t) = v.and_then(text_of) {
            self.set(ptr, Value::String(t), at.loc());
        }
    }

    /// Sets `ptr/link` from a platform link (a path, an URL, `appid://…`).
    pub fn link(&mut self, ptr: &str, raw: Option<&Value>, product_paths: &[&str], at: &Here) {
        let Some((key, value)) = raw.and_then(text_of).and_then(|r| link(&r, product_paths)) else {
            return;
        };
        let l = pointer_push(ptr, "link");
        self.set(&pointer_push(&l, key), Value::String(value), at.loc());
        self.map(&l, at.loc());
    }

    /// Appends a component of `kind` to a decoration document; returns its pointer.
    pub fn component(&mut self, kind: &str, at: &Here) -> String {
        let base = format!("/components/{}", self.len("/components"));
        self.set(&format!("{base}/type"), Value::from(kind), at.loc());
        self.map(&base, at.loc());
        base
    }

    /// The length of the array at `ptr` (0 when there is none yet).
    pub fn len(&self, ptr: &str) -> usize {
        self.value
            .pointer(ptr)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }
}

/// The value at `ptr`, created when missing: an element one past the end of
/// an array is appended; a missing member is created as an object, or as an
/// array when the next token is an index.
fn slot<'v>(root: &'v mut Value, ptr: &str) -> &'v mut Value {
    let tokens = crate::bundle::source::pointer_tokens(ptr);
    let mut cur = root;
    for (i, t) in tokens.iter().enumerate() {
        let next_is_index = tokens
            .get(i + 1)
            .is_some_and(|n| n.parse::<usize>().is_ok());
        let fresh = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        if cur.is_null() {
            *cur = if t.parse::<usize>().is_ok() {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            };
        }
        cur = match cur {
            Value::Array(items) => {
                let idx = t.parse::<usize>().unwrap_or(items.len()).min(items.len());
                if idx == items.len() {
                    items.push(fresh());
                }
                &mut items[idx]
            }
            Value::Object(map) => map.entry(t.clone()).or_insert_with(fresh),
            other => {
                *other = Value::Object(Map::new());
                match other {
                    Value::Object(map) => map.entry(t.clone()).or_insert_with(fresh),
                    _ => unreachable!("just made an object"),
                }
            }
        };
    }
    cur
}

/// A place inside a table file, possibly inside a JSON column: the pointer
/// goes on inside the decoded column (`/0/value/1643…/swiperConfig`).
#[derive(Debug, Clone)]
pub(crate) struct Here {
    pub file: FileId,
    pub ptr: String,
}

impl Here {
    pub fn of(t: &Table, row: &Row, col: &str) -> Here {
        Here {
            file: t.file,
            ptr: row.at(col),
        }
    }

    /// One token deeper.
    pub fn push(&self, token: &str) -> Here {
        Here {
            file: self.file,
            ptr: pointer_push(&self.ptr, token),
        }
    }

    /// Several tokens deeper (`"swiperConfig/list/0"`, tokens without `/` or `~`).
    pub fn path(&self, path: &str) -> Here {
        path.split('/')
            .filter(|t| !t.is_empty())
            .fold(self.clone(), |h, t| h.push(t))
    }

    pub fn loc(&self) -> Location {
        Location {
            file: self.file,
            at: At::Pointer(self.ptr.clone()),
        }
    }
}

/// A JSON value as text (numbers as written), trimmed; `None` when blank or not a scalar.
pub(crate) fn text_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A 0/1 value as a JSON boolean, as the canonical documents hold flags (a
/// value that is not one is kept, and the reader reports it).
pub(crate) fn flag_value(v: Value) -> Value {
    match text_of(&v).as_deref() {
        Some("1") | Some("true") => Value::Bool(true),
        Some("0") | Some("false") => Value::Bool(false),
        _ => v,
    }
}

/// A JSON value as an integer (`1`, `"1"`).
pub(crate) fn int_of(v: &Value) -> Option<i64> {
    text_of(v)?.parse().ok()
}

/// What the adapters share while reading one export.
pub(crate) struct Export {
    pub bundle: Bundle,
    pub dir: PathBuf,
    pub kind: Kind,
    pub platform: Platform,
    tables: BTreeMap<&'static str, Option<Rc<Table>>>,
    /// Sections built so far: key, canonical document, virtual file.
    pending: Vec<(String, Value, FileId)>,
    /// Secret values in the platform's files, masked in the text that
    /// excerpts show (the model keeps the values, for shape checks).
    secrets: Vec<Location>,
}

impl Export {
    /// A table of the export, read once; `None` when its file is absent or
    /// unreadable (INPUT001 then says why).
    pub fn table(&mut self, name: &'static str) -> Option<Rc<Table>> {
        if let Some(t) = self.tables.get(name) {
            return t.clone();
        }
        let t = self.read_table(name).map(Rc::new);
        self.tables.insert(name, t.clone());
        t
    }

    /// Whether the export has the file of a table (even if unreadable).
    /// The platform's product table. Without it the products are unknown
    /// (an empty list stands for them); with an unreadable one they are
    /// invalid (INPUT001 says why).
    pub fn products_table(&mut self, name: &'static str) -> Option<Rc<Table>> {
        if let Some(t) = self.table(name) {
            return Some(t);
        }
        if self.has_file(name) {
            self.bundle.products = crate::bundle::Section::Invalid;
        } else {
            let root = self.dir_loc();
            self.section("products", Doc::array(), root);
            self.unknown_table("products", "", Text::new("商品", "the products"), name);
        }
        None
    }

    /// The platform's coupon table; an unreadable one makes the coupons
    /// invalid, an absent one leaves them missing (coupons are optional).
    pub fn coupons_table(&mut self, name: &'static str) -> Option<Rc<Table>> {
        let t = self.table(name);
        if t.is_none() && self.has_file(name) {
            self.bundle.coupons = crate::bundle::Section::Invalid;
        }
        t
    }

    pub fn has_file(&self, name: &str) -> bool {
        self.dir.join(format!("{name}.json")).is_file()
    }

    fn read_table(&mut self, name: &'static str) -> Option<Table> {
        let rel = format!("{name}.json");
        let path = self.dir.join(&rel);
        if !path.is_file() {
            return None;
        }
        let (file, v) = self.bundle.read_json(&path, &rel)?;
        // A bare array of rows (mysqlsh --result-format=json/array, most
        // scripts); phpMyAdmin's export: an array of header, database and
        // table objects, the table's rows under "data"; Navicat's
        // {"RECORDS": [...]}; mysqlsh --json's {"rows": [...]}.
        let wrapped = ["RECORDS", "rows", "data"]
            .into_iter()
            .find(|k| v.get(k).is_some_and(Value::is_array));
        let (prefix, rows) = match &v {
            Value::Object(m) if wrapped.is_some() => {
                let key = wrapped.unwrap_or_default();
                (
                    pointer_push("", key),
                    m.get(key)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default(),
                )
            }
            Value::Array(items) => match items.iter().position(|i| {
                i.get("type").and_then(Value::as_str) == Some("table") && i.get("data").is_some()
            }) {
                Some(at) => (
                    format!("/{at}/data"),
                    items[at]
                        .get("data")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default(),
                ),
                None => (String::new(), items.clone()),
            },
            _ => {
                self.error(
                    Location {
                        file,
                        at: At::Pointer(String::new()),
                    },
                    format!("{rel} 应为表的行组成的数组（SELECT * FROM {name} 导出的 JSON），该表未读取"),
                    format!("{rel} must be an array of the table's rows (SELECT * FROM {name} as JSON); the table was not read"),
                );
                return None;
            }
        };
        let mut out = Vec::new();
        for (i, row) in rows.into_iter().enumerate() {
            let ptr = format!("{prefix}/{i}");
            match row {
                Value::Object(cols) => out.push(Row { ptr, cols }),
                _ => self.error(
                    Location {
                        file,
                        at: At::Pointer(ptr),
                    },
                    format!("{rel} 的这一行不是对象，已跳过"),
                    format!("this row of {rel} is not an object and was skipped"),
                ),
            }
        }
        Some(Table {
            name,
            file,
            prefix,
            rows: out,
        })
    }

    /// Reports a problem with the input (INPUT001).
    pub fn error(&mut self, location: Location, zh: String, en: String) {
        self.bundle.input_errors.push(InputError {
            location,
            message: Text::new(zh, en),
        });
    }

    /// A 0/1 column as a boolean; INPUT001 when it is something else.
    pub fn flag(&mut self, t: &Table, row: &Row, col: &str) -> Option<bool> {
        let v = row.get(col)?;
        let parsed = match v {
            Value::Bool(b) => Some(*b),
            _ => match row.text(col).as_deref() {
                None => return None,
                Some("1") | Some("true") => Some(true),
                Some("0") | Some("false") => Some(false),
                Some(_) => None,
            },
        };
        if parsed.is_none() {
            self.error(
                t.loc(row, col),
                format!("{}.{col} 应为 0 或 1；该值按未配置处理", t.name),
                format!(
                    "{}.{col} must be 0 or 1; it is treated as not configured",
                    t.name
                ),
            );
        }
        parsed
    }

    /// A column that holds JSON as text (or, from exporters that keep JSON
    /// columns as JSON, the value itself), decoded. INPUT001 at the exact
    /// place inside the column when it is not valid JSON.
    pub fn json(&mut self, t: &Table, row: &Row, col: &str) -> Option<Value> {
        match row.get(col)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => match serde_json::from_str::<Value>(s) {
                Ok(v) => Some(v),
                Err(e) => {
                    let inner = offset_of(s, e.line(), e.column());
                    let text = self.bundle.sources.get(t.file).text.clone();
                    let at = text
                        .as_deref()
                        .and_then(|text| {
                            let lit = locate_pointer(text, &row.at(col))?.span.start;
                            crate::bundle::embedded::offset_in_string(text, lit, inner)
                        })
                        .map_or(At::Pointer(row.at(col)), |o| At::Range { start: o, end: o });
                    self.error(
                        Location { file: t.file, at },
                        format!("{}.{col} 中的 JSON 无效：{e}；该值未读取", t.name),
                        format!(
                            "the JSON in {}.{col} is not valid: {e}; it was not read",
                            t.name
                        ),
                    );
                    None
                }
            },
            other => Some(other.clone()),
        }
    }

    /// Marks a platform value as a secret: excerpts never show it.
    pub fn secret(&mut self, location: Location) {
        self.secrets.push(location);
    }

    /// A virtual file holding the canonical document of a section.
    fn virtual_file(&mut self, section: &str) -> FileId {
        self.bundle.sources.add(SourceFile {
            path: format!("{}/({} {section})", self.bundle.path, self.kind.id()),
            rel_path: format!("({} {section})", self.kind.id()),
            kind: FileKind::Other,
            text: None,
            items: None,
        })
    }

    /// The export directory itself, for facts no file holds.
    pub fn dir_loc(&self) -> Location {
        Location {
            file: self.bundle.root,
            at: At::Whole,
        }
    }

    /// Sets a section from its canonical document. `root` is where a finding
    /// about the section as a whole points (its main table, or the export
    /// directory).
    pub fn section(&mut self, key: &str, doc: Doc, root: Location) {
        let file = self.virtual_file(key);
        self.platform.map(file, "", root, false);
        for (ptr, from) in doc.maps {
            self.platform.map(file, &ptr, from, false);
        }
        self.pending.push((key.to_string(), doc.value, file));
    }

    /// Declares that a section's facts (at and below `pointer`) are unknown
    /// because the table that holds them is not in the export.
    pub fn unknown_table(&mut self, key: &str, pointer: &str, what: Text, table: &str) {
        let file = self.pending_file(key);
        if let Some(file) = file {
            self.platform.add_unknown(Unknown {
                file,
                pointer: pointer.to_string(),
                what,
                why: Text::new(
                    format!("导出中没有 {table}.json"),
                    format!("the export has no {table}.json"),
                ),
                help: Text::new(
                    format!(
                        "导出 {table} 表（SELECT * FROM {table}，JSON 格式）并放入导出目录后重新检查，见 docs/adapters.md。"
                    ),
                    format!(
                        "Export the {table} table (SELECT * FROM {table}, as JSON) into the export directory and check again; see docs/adapters.md."
                    ),
                ),
                location: self.dir_loc(),
            });
        }
    }

    fn pending_file(&self, key: &str) -> Option<FileId> {
        self.pending
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, f)| *f)
    }

    /// Merges a canonical file beside the export (store.json,
    /// categories.json) over the section the export provides; without it,
    /// the facts that only it can supply are unknown.
    fn overlay(&mut self, key: &str, canonical: &str, wechat_facts: &[Fact]) {
        let Some(file) = self.pending_file(key) else {
            return;
        };
        let path = self.dir.join(canonical);
        if path.exists() {
            let Some((real, over)) = self.bundle.read_json(&path, canonical) else {
                return;
            };
            let Some(entry) = self.pending.iter_mut().find(|(k, _, _)| k == key) else {
                return;
            };
            merge(&mut entry.1, &over, "", file, real, &mut self.platform);
            return;
        }
        let name = self.kind.name();
        let value = self.pending_value(key).cloned().unwrap_or(Value::Null);
        for fact in wechat_facts {
            if self.platform.is_mapped(file, fact.pointer) || value.pointer(fact.pointer).is_some()
            {
                continue;
            }
            let field = fact.pointer.trim_start_matches('/').replace('/', ".");
            self.platform.add_unknown(Unknown {
                file,
                pointer: fact.pointer.to_string(),
                what: Text::new(fact.zh, fact.en),
                why: Text::new(
                    format!("{name} 导出中没有这项信息（它在微信公众平台上），导出目录中也没有 {canonical}"),
                    format!("the {name} export does not hold it (it lives on WeChat's side) and there is no {canonical} beside the export"),
                ),
                help: Text::new(
                    format!("在导出目录中放一个 {canonical}（格式同 preflight 的 {canonical}，见 docs/adapters.md），填写 {field} 后重新检查。"),
                    format!("Put a {canonical} beside the export (preflight's {canonical} format; see docs/adapters.md) with {field}, and check again."),
                ),
                location: self.dir_loc(),
            });
        }
    }

    fn pending_value(&self, key: &str) -> Option<&Value> {
        self.pending
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v)
    }

    /// Builds the bundle: canonical files merged, sections read into the
    /// model, secrets masked.
    fn finish(mut self) -> Bundle {
        self.overlay("store", "store.json", STORE_FACTS);
        self.overlay("categories", "categories.json", CATEGORY_FACTS);
        for (key, value, file) in std::mem::take(&mut self.pending) {
            self.bundle.set_section(&key, value, file);
        }
        let avatar = self
            .bundle
            .store
            .get()
            .and_then(|s| s.mini_program.avatar.clone());
        self.bundle.avatar = avatar.map(|v| image::load_avatar(&v, &self.dir));
        self.mask_secrets();
        self.bundle.platform = Some(self.platform);
        self.bundle
    }

    fn mask_secrets(&mut self) {
        let mut by_file: BTreeMap<FileId, Vec<String>> = BTreeMap::new();
        for s in &self.secrets {
            if let At::Pointer(p) = &s.at {
                by_file.entry(s.file).or_default().push(p.clone());
            }
        }
        for (file, pointers) in by_file {
            let Some(text) = self.bundle.sources.get(file).text.clone() else {
                continue;
            };
            let mut bytes = text.clone().into_bytes();
            for p in pointers {
                let Some(l) = locate_pointer(&text, &p).filter(|l| l.missing.is_none()) else {
                    continue;
                };
                // Every character but quotes and backslashes becomes '*', byte
                // for byte, so offsets, lines and the JSON structure hold.
                for (i, c) in text[l.span.start..l.span.end].char_indices() {
                    if c != '"' && c != '\\' {
                        let at = l.span.start + i;
                        bytes[at..at + c.len_utf8()].fill(b'*');
                    }
                }
            }
            if let Ok(masked) = String::from_utf8(bytes) {
                self.bundle.sources.set_text(file, masked);
            }
        }
    }
}

/// Deep-merges `over` (a canonical file, `file`) into `target`; what it sets
/// points into it.
fn merge(
    target: &mut Value,
    over: &Value,
    ptr: &str,
    vfile: FileId,
    file: FileId,
    platform: &mut Platform,
) {
    let here = |p: &str| Location {
        file,
        at: At::Pointer(p.to_string()),
    };
    match (target, over) {
        (Value::Object(t), Value::Object(o)) => {
            platform.map(vfile, ptr, here(ptr), true);
            for (k, ov) in o {
                let p = pointer_push(ptr, k);
                match t.get_mut(k) {
                    Some(tv) if tv.is_object() && ov.is_object() => {
                        merge(tv, ov, &p, vfile, file, platform)
                    }
                    _ => {
                        t.insert(k.clone(), ov.clone());
                        platform.unmap_below(vfile, &p);
                        platform.map(vfile, &p, here(&p), true);
                    }
                }
            }
        }
        (t, o) => {
            *t = o.clone();
            platform.unmap_below(vfile, ptr);
            platform.map(vfile, ptr, here(ptr), true);
        }
    }
}

/// A fact only a canonical file beside the export can supply.
struct Fact {
    pointer: &'static str,
    zh: &'static str,
    en: &'static str,
}

const fn fact(pointer: &'static str, zh: &'static str, en: &'static str) -> Fact {
    Fact { pointer, zh, en }
}

/// What store.json supplies that lives on WeChat's side (or that the
/// platforms do not store), in the order rules are likely to ask.
const STORE_FACTS: &[Fact] = &[
    fact(
        "/mini_program/name",
        "小程序名称",
        "the mini program's name",
    ),
    fact(
        "/mini_program/appid",
        "小程序 AppID",
        "the mini program's AppID",
    ),
    fact(
        "/mini_program/certification",
        "微信认证状态",
        "the WeChat certification state",
    ),
    fact(
        "/mini_program/filing",
        "小程序备案状态",
        "the filing (备案) state",
    ),
    fact(
        "/mini_program/basic_info",
        "基本信息审核状态",
        "the basic information review state",
    ),
    fact(
        "/mini_program/avatar",
        "小程序头像",
        "the mini program's avatar",
    ),
    fact(
        "/mini_program/description",
        "小程序简介",
        "the mini program's description",
    ),
    fact(
        "/mini_program/principal",
        "小程序主体",
        "the mini program's principal",
    ),
    fact(
        "/authorization",
        "第三方平台授权状态",
        "the platform authorisation",
    ),
    fact(
        "/customer_service",
        "客服设置",
        "the customer service setup",
    ),
    fact(
        "/domains",
        "服务器域名和业务域名",
        "the request and business domains",
    ),
    fact("/privacy", "用户隐私保护指引", "the privacy guide"),
    fact("/access/review_account", "审核账号", "the review account"),
    fact("/submission", "提审表单", "the review submission form"),
];

const CATEGORY_FACTS: &[Fact] = &[
    fact("/service_categories", "服务类目", "the service categories"),
    fact("/qualifications", "类目资质", "the category qualifications"),
];

/// A link on a platform's homepage, in canonical form: the member of a
/// canonical link object (`product`, `page`, `url`, `miniprogram`) and its value.
pub(crate) fn link(raw: &str, product_paths: &[&str]) -> Option<(&'static str, String)> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(rest) = s.strip_prefix("appid://") {
        let appid = rest.split('|').next().unwrap_or(rest).trim();
        return Some(("miniprogram", appid.to_string()));
    }
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(("url", s.to_string()));
    }
    for path in product_paths {
        let bare = s.trim_start_matches('/');
        if let Some(query) = bare
            .strip_prefix(path.trim_start_matches('/'))
            .and_then(|r| r.strip_prefix('?'))
        {
            if let Some(id) = query
                .split('&')
                .find_map(|kv| {
                    kv.strip_prefix("id=")
                        .or_else(|| kv.strip_prefix("goods_id="))
                })
                .filter(|id| !id.is_empty())
            {
                return Some(("product", id.to_string()));
            }
        }
    }
    Some(("page", s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_grow_where_they_are_written() {
        let mut d = Doc::array();
        d.put("/0/id", Value::from("1"));
        d.put("/0/skus/0/price", Value::from("9.90"));
        d.put("/1/title", Value::from("b"));
        assert_eq!(
            d.value,
            serde_json::json!([{ "id": "1", "skus": [{ "price": "9.90" }] }, { "title": "b" }])
        );
        assert_eq!(d.len("/0/skus"), 1);
    }

    #[test]
    fn links_become_canonical() {
        let goods = ["/pages/goods_details/index"];
        assert_eq!(
            link("/pages/goods_details/index?id=12&x=1", &goods),
            Some(("product", "12".into()))
        );
        assert_eq!(
            link("https://shop.example.cn/a", &goods),
            Some(("url", "https://shop.example.cn/a".into()))
        );
        assert_eq!(
            link("appid://wx88888888|/pages/a", &goods),
            Some(("miniprogram", "wx88888888".into()))
        );
        assert_eq!(
            link("/pages/user/index", &goods),
            Some(("page", "/pages/user/index".into()))
        );
        assert_eq!(link("  ", &goods), None);
    }

    #[test]
    fn platform_help_tables_parse() {
        for k in Kind::ALL {
            let help = help_table(k);
            assert!(!help.is_empty(), "{k:?}: rules/platforms/{}.toml", k.id());
            let catalog = crate::rules::Catalog::embedded().unwrap();
            for (code, _) in help {
                assert!(catalog.find(&code).is_some(), "{k:?}: unknown rule {code}");
            }
        }
    }
}
