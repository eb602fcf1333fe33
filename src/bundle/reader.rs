//! Lenient extraction of the typed model from parsed JSON.
//!
//! A field of the wrong type is reported once (INPUT001, at its pointer) and
//! read as "not configured"; everything around it is still read. Values
//! exported by MySQL clients as strings (`"stock": "120"`, `"enabled": "1"`)
//! are accepted where the meaning is unambiguous.

use std::borrow::Cow;
use std::cell::Cell;

use serde_json::Value;

use super::html;
use super::model::*;
use super::money::Money;
use super::source::{pointer_index, pointer_push, FileId};
use super::InputError;
use crate::diagnostic::{At, Location, Text};

pub struct Reader<'e> {
    file: FileId,
    errors: &'e mut Vec<InputError>,
}

/// A JSON object (or any value, read as one) and its pointer.
#[derive(Clone, Copy)]
pub struct Node<'v, 'p> {
    v: Object<'v>,
    ptr: Ptr<'p>,
}

/// Where a node is, for an input error about one of its members: its
/// pointer, or that of a product or SKU of the products stream, which is
/// written out only when an error needs it.
#[derive(Clone, Copy)]
pub enum Ptr<'p> {
    Text(&'p str),
    Item(&'p Pointer),
}

impl Ptr<'_> {
    /// The pointer of the member `key`.
    fn push(self, key: &str) -> String {
        match self {
            Ptr::Text(p) => pointer_push(p, key),
            Ptr::Item(p) => pointer_push(&p.written(), key),
        }
    }
}

/// The members of an object the reader looks up: a parsed JSON value, or
/// the members the products stream kept (see `super::stream`): those of
/// the model's keys, and those of the document's members (names given).
#[derive(Clone, Copy)]
pub enum Object<'v> {
    Json(&'v Value),
    Kept(&'static [&'static str], &'v [String], &'v Kept),
}

/// An object's members kept by the products stream: those of a fixed list
/// of keys, by position, unless the document holds them (then only there,
/// by the position of the member's name).
/// The reader takes each value out as it reads it (see [`Object::take`]),
/// so strings move into the model instead of being copied.
#[derive(Default)]
pub struct Kept {
    pub values: [Cell<Option<Value>>; KEPT],
    pub doc: Vec<Option<Value>>,
    /// The slot after the one read last: `product` and `sku` read in the
    /// order of their keys, so the next key is usually there.
    next: Cell<usize>,
}

impl Kept {
    /// The document's member `key`, the document's members being `names`.
    fn in_doc(&self, names: &[String], key: &str) -> Option<&Value> {
        self.doc.get(slot(names, key)?)?.as_ref()
    }
}

/// The most members of an object the model reads.
pub const KEPT: usize = 10;
const _: () = assert!(PRODUCT_KEYS.len() <= KEPT && SKU_KEYS.len() <= KEPT);

impl<'v> Object<'v> {
    fn get(self, key: &str) -> Option<&'v Value> {
        match self {
            Object::Json(v) => v.get(key),
            Object::Kept(keys, names, kept) => {
                debug_assert!(!keys.contains(&key), "{key} is kept: read it by take");
                kept.in_doc(names, key)
            }
        }
    }

    /// The member `key` to read into the model: a kept value is moved out
    /// (each is read once), anything else borrowed.
    fn take(self, key: &str) -> Option<Cow<'v, Value>> {
        match self {
            Object::Json(v) => v.get(key).map(Cow::Borrowed),
            Object::Kept(keys, names, kept) => {
                let next = kept.next.get();
                let i = match keys.get(next) {
                    Some(k) if same(k, key) => next,
                    _ => {
                        let i = slot(keys, key);
                        debug_assert!(i.is_some(), "{key} is read but not kept");
                        i?
                    }
                };
                kept.next.set(i + 1);
                match kept.values[i].take() {
                    Some(v) => Some(Cow::Owned(v)),
                    None => kept.in_doc(names, key).map(Cow::Borrowed),
                }
            }
        }
    }
}

/// The position of `key` in `keys`. Keys are a few bytes long and looked
/// up for every member of every product: compared inline, byte by byte,
/// rather than through a call to `memcmp`.
pub fn slot<K: AsRef<str>>(keys: &[K], key: &str) -> Option<usize> {
    keys.iter().position(|k| same(k.as_ref(), key))
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `str::trim`, answered from the leading bytes of the first and last
/// characters when neither can be white space, as for nearly every value
/// of a store, instead of decoding both and looking them up (every text
/// and price of every product is trimmed).
pub(super) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let last = b.iter().rev().find(|&&c| c & 0xC0 != 0x80);
    match (b.first(), last) {
        (Some(&first), Some(&last)) if !may_start_space(first) && !may_start_space(last) => s,
        _ => s.trim(),
    }
}

/// Whether a character whose UTF-8 starts with `b` may be white space:
/// ASCII's (tab to carriage return, space), or a character starting like
/// U+0085 and U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+205F (0xE2) or U+3000
/// (0xE3), which are all of Unicode's other white space.
fn may_start_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// A string without its surrounding white space, `None` when blank; an
/// owned string that needs no trimming is moved, not copied.
fn trimmed(s: Cow<str>) -> Option<String> {
    let t = trim(&s);
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s.into_owned())
    } else {
        Some(t.to_string())
    }
}

/// A value's string, owned when the value is.
fn string_of(v: Cow<Value>) -> Result<Cow<str>, Cow<Value>> {
    match v {
        Cow::Owned(Value::String(s)) => Ok(Cow::Owned(s)),
        Cow::Borrowed(Value::String(s)) => Ok(Cow::Borrowed(s)),
        other => Err(other),
    }
}

/// The members of a product the model reads: all the products stream keeps.
pub const PRODUCT_KEYS: &[&str] = &[
    "id",
    "title",
    "status",
    "price",
    "market_price",
    "stock",
    "category_id",
    "images",
    "description",
    "virtual",
];

/// The members of a SKU the model reads.
pub const SKU_KEYS: &[&str] = &["id", "status", "price", "market_price", "stock"];

fn type_name(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("布尔值", "a boolean"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("字符串", "a string"),
        Value::Array(_) => ("数组", "an array"),
        Value::Object(_) => ("对象", "an object"),
    }
}

/// Expected types, named for messages.
#[derive(Clone, Copy)]
enum Want {
    Text,
    Bool,
    Int,
    Money,
    Object,
    List,
}

impl Want {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Want::Text => ("字符串", "a string"),
            Want::Bool => ("布尔值 true/false", "a boolean (true/false)"),
            Want::Int => ("整数", "an integer"),
            Want::Money => (
                "金额（数字或 \"39.90\" 这样的字符串）",
                "an amount (a number or a string like \"39.90\")",
            ),
            Want::Object => ("对象", "an object"),
            Want::List => ("数组", "an array"),
        }
    }
}

impl<'e> Reader<'e> {
    pub fn new(file: FileId, errors: &'e mut Vec<InputError>) -> Self {
        Reader { file, errors }
    }

    /// The file read.
    pub fn file(&self) -> FileId {
        self.file
    }

    fn place(&self, ptr: &str) -> Place {
        Place::Json {
            file: self.file,
            pointer: Pointer::Written(ptr.to_string()),
        }
    }

    /// Reports a structural problem at a pointer (INPUT001).
    fn error(&mut self, ptr: &str, zh: String, en: String) {
        self.errors.push(InputError {
            location: Location {
                file: self.file,
                at: At::Pointer(ptr.to_string()),
            },
            message: Text::new(zh, en),
        });
    }

    fn wrong(&mut self, ptr: &str, want: Want, found: &Value) {
        let (wz, we) = want.names();
        let (fz, fe) = type_name(found);
        let field = field_name(ptr);
        self.errors.push(InputError {
            location: Location {
                file: self.file,
                at: At::Pointer(ptr.to_string()),
            },
            message: Text::new(
                format!("字段 {field} 的类型错误：应为{wz}，实际是{fz}；该值按未配置处理"),
                format!("field {field} has the wrong type: expected {we}, found {fe}; it is treated as not configured"),
            ),
        });
    }

    /// The member `key` of an object node; `None` when absent or null.
    fn member<'v>(&self, n: Node<'v, '_>, key: &str) -> Option<(&'v Value, String)> {
        self.scalar(n, key).map(|v| (v, n.ptr.push(key)))
    }

    /// Like `scalar`, for a value read into the model: a value the
    /// products stream kept is moved out.
    fn taken<'v>(&self, n: Node<'v, '_>, key: &str) -> Option<Cow<'v, Value>> {
        match n.v.take(key) {
            None | Some(Cow::Borrowed(Value::Null)) | Some(Cow::Owned(Value::Null)) => None,
            v => v,
        }
    }

    /// The member `key` of an object node, without building its pointer:
    /// scalars need one only when they are reported.
    fn scalar<'v>(&self, n: Node<'v, '_>, key: &str) -> Option<&'v Value> {
        match n.v.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn text_value(&mut self, v: &Value, ptr: &str) -> Option<String> {
        let s = match v {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Null => return None,
            other => {
                self.wrong(ptr, Want::Text, other);
                return None;
            }
        };
        (!s.is_empty()).then_some(s)
    }

    pub fn text(&mut self, n: Node, key: &str) -> Option<String> {
        match string_of(self.taken(n, key)?) {
            Ok(s) => trimmed(s),
            Err(v) => self.text_value(&v, &n.ptr.push(key)),
        }
    }

    pub fn flag(&mut self, n: Node, key: &str) -> Option<bool> {
        let v = self.taken(n, key)?;
        match &*v {
            Value::Bool(b) => Some(*b),
            Value::Number(x) if x.as_i64() == Some(0) => Some(false),
            Value::Number(x) if x.as_i64() == Some(1) => Some(true),
            Value::String(s) if matches!(s.trim(), "0" | "false") => Some(false),
            Value::String(s) if matches!(s.trim(), "1" | "true") => Some(true),
            Value::String(s) if s.trim().is_empty() => None,
            other => {
                self.wrong(&n.ptr.push(key), Want::Bool, other);
                None
            }
        }
    }

    pub fn int(&mut self, n: Node, key: &str) -> Option<i64> {
        let v = self.taken(n, key)?;
        let parsed = match &*v {
            Value::Number(x) => x.as_i64(),
            Value::String(s) if s.trim().is_empty() => return None,
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong(&n.ptr.push(key), Want::Int, &v);
        }
        parsed
    }

    pub fn price(&mut self, n: Node, key: &str) -> Price {
        let Some(v) = self.taken(n, key) else {
            return Price::default();
        };
        let raw = match string_of(v) {
            Ok(s) => trimmed(s),
            Err(v) => match &*v {
                Value::Number(x) => Some(x.to_string()),
                other => {
                    self.wrong(&n.ptr.push(key), Want::Money, other);
                    return Price::default();
                }
            },
        };
        let Some(raw) = raw else {
            return Price::default();
        };
        Price {
            amount: Money::parse(&raw),
            raw: Some(raw),
        }
    }

    pub fn object<'v>(&mut self, n: Node<'v, '_>, key: &str) -> Option<(&'v Value, String)> {
        let (v, ptr) = self.member(n, key)?;
        if v.is_object() {
            Some((v, ptr))
        } else {
            self.wrong(&ptr, Want::Object, v);
            None
        }
    }

    /// The elements of an array member with their pointers.
    pub fn list<'v>(&mut self, n: Node<'v, '_>, key: &str) -> Vec<(&'v Value, String)> {
        let Some((v, ptr)) = self.member(n, key) else {
            return Vec::new();
        };
        self.elements(v, &ptr)
    }

    fn elements<'v>(&mut self, v: &'v Value, ptr: &str) -> Vec<(&'v Value, String)> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, pointer_index(ptr, i)))
                .collect(),
            other => {
                self.wrong(ptr, Want::List, other);
                Vec::new()
            }
        }
    }

    /// The non-blank texts of list `key`. Pointers are built only for what
    /// is reported (a list of images is read for every product).
    pub fn texts(&mut self, n: Node, key: &str) -> Vec<String> {
        let Some(v) = self.taken(n, key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        match v {
            Cow::Owned(Value::Array(items)) => {
                out.reserve(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    out.extend(self.text_item(n, key, i, Cow::Owned(item)));
                }
            }
            Cow::Borrowed(Value::Array(items)) => {
                out.reserve(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.extend(self.text_item(n, key, i, Cow::Borrowed(item)));
                }
            }
            other => self.wrong(&n.ptr.push(key), Want::List, &other),
        }
        out
    }

    /// Element `i` of list `key` as a text (see `texts`).
    fn text_item(&mut self, n: Node, key: &str, i: usize, item: Cow<Value>) -> Option<String> {
        match string_of(item) {
            Ok(s) => trimmed(s),
            Err(v) => self.text_value(&v, &pointer_index(&n.ptr.push(key), i)),
        }
    }

    /// Like `texts`, keeping where each element is (blank ones are dropped,
    /// so positions in the list may skip).
    pub fn texts_at(&mut self, n: Node, key: &str) -> Vec<Spanned<String>> {
        self.list(n, key)
            .into_iter()
            .filter_map(|(v, p)| {
                self.text_value(v, &p).map(|value| Spanned {
                    value,
                    place: self.place(&p),
                })
            })
            .collect()
    }

    /// A section given either as `{"key": [...]}` or as a bare array.
    fn section_list<'v>(&mut self, v: &'v Value, ptr: &str, key: &str) -> Vec<(&'v Value, String)> {
        match v {
            Value::Array(_) => self.elements(v, ptr),
            Value::Object(_) => self.list(node(v, ptr), key),
            other => {
                self.wrong(ptr, Want::List, other);
                Vec::new()
            }
        }
    }
}

/// A field named for messages: its key, or `list[3]` for a list element.
fn field_name(ptr: &str) -> String {
    let tokens = super::source::pointer_tokens(ptr);
    match tokens.as_slice() {
        [] => "(root)".to_string(),
        [.., parent, last] if last.parse::<usize>().is_ok() => format!("{parent}[{last}]"),
        [.., last] => last.clone(),
    }
}

fn node<'v, 'p>(v: &'v Value, ptr: &'p str) -> Node<'v, 'p> {
    Node {
        v: Object::Json(v),
        ptr: Ptr::Text(ptr),
    }
}

/// Reads a section that must be an object; reports and substitutes an empty one otherwise.
fn section_object<'v>(r: &mut Reader, v: &'v Value, prefix: &str) -> &'v Value {
    static EMPTY: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    if v.is_object() {
        v
    } else {
        r.wrong(prefix, Want::Object, v);
        EMPTY.get_or_init(|| Value::Object(Default::default()))
    }
}

pub fn store(r: &mut Reader, v: &Value, prefix: &str) -> StoreInfo {
    let v = section_object(r, v, prefix);
    let root = node(v, prefix);
    let mut s = StoreInfo {
        origin: Some(Origin {
            file: r.file,
            prefix: prefix.to_string(),
        }),
        ..Default::default()
    };
    if let Some((mv, mp)) = r.object(root, "mini_program") {
        let m = node(mv, &mp);
        let principal = r.object(m, "principal");
        let (principal_name, principal_type) = match &principal {
            Some((pv, pp)) => (r.text(node(pv, pp), "name"), r.text(node(pv, pp), "type")),
            None => (None, None),
        };
        s.mini_program = MiniProgram {
            name: r.text(m, "name"),
            appid: r.text(m, "appid"),
            original_id: r.text(m, "original_id"),
            app_secret: r.text(m, "app_secret"),
            description: r.text(m, "description"),
            avatar: r.text(m, "avatar"),
            principal_name,
            principal_type,
            certification: r.text(m, "certification"),
            filing: r.text(m, "filing"),
            basic_info: r.text(m, "basic_info"),
        };
    }
    if let Some((av, ap)) = r.object(root, "authorization") {
        let a = node(av, &ap);
        s.authorization = Authorization {
            authorized: r.flag(a, "authorized"),
            platform: r.text(a, "platform"),
            permissions: r.texts_at(a, "permissions"),
        };
    }
    if let Some((cv, cp)) = r.object(root, "customer_service") {
        let c = node(cv, &cp);
        s.customer_service = CustomerService {
            mode: r.text(c, "mode"),
            agents: r.texts(c, "agents"),
        };
    }
    if let Some((dv, dp)) = r.object(root, "domains") {
        let d = node(dv, &dp);
        s.domains = Domains {
            request: r.texts(d, "request"),
            business: r.texts(d, "business"),
        };
    }
    if let Some((pv, pp)) = r.object(root, "privacy") {
        let p = node(pv, &pp);
        let mut declared = Vec::new();
        for (item, ip) in r.list(p, "declared") {
            match item {
                Value::String(k) if !k.trim().is_empty() => declared.push(PrivacyItem {
                    place: r.place(&ip),
                    key: k.trim().to_string(),
                    purpose: None,
                }),
                Value::Object(_) => {
                    let n = node(item, &ip);
                    match r.text(n, "key") {
                        Some(key) => declared.push(PrivacyItem {
                            place: r.place(&ip),
                            key,
                            purpose: Some(r.text(n, "purpose").unwrap_or_default()),
                        }),
                        None => r.error(
                            &ip,
                            "隐私保护指引条目缺少 key（隐私接口名，如 UserInfo），该条目未读取".into(),
                            "a privacy guide entry has no key (the privacy key, such as UserInfo); the entry was not read".into(),
                        ),
                    }
                }
                other => r.wrong(&ip, Want::Object, other),
            }
        }
        s.privacy = Privacy {
            declared,
            used: r.texts_at(p, "used"),
        };
    }
    if let Some((fv, fp)) = r.object(root, "features") {
        let f = node(fv, &fp);
        let (live, plugin) = match f.v.get("live_streaming") {
            Some(lv @ Value::Object(_)) => {
                let lp = pointer_push(&fp, "live_streaming");
                let l = node(lv, &lp);
                (r.flag(l, "enabled"), r.flag(l, "official_plugin"))
            }
            _ => (r.flag(f, "live_streaming"), None),
        };
        s.features = Features {
            multi_merchant: r.flag(f, "multi_merchant"),
            store_list: r.flag(f, "store_list"),
            public_reviews: r.flag(f, "public_reviews"),
            community: r.flag(f, "community"),
            article_comments: r.flag(f, "article_comments"),
            live_streaming: live,
            live_official_plugin: plugin,
            tipping: r.flag(f, "tipping"),
            distribution_levels: r.int(f, "distribution_levels"),
            lottery: r.flag(f, "lottery"),
            paid_membership: r.flag(f, "paid_membership"),
        };
    }
    if let Some((av, ap)) = r.object(root, "access") {
        let a = node(av, &ap);
        let (username, password) = match r.object(a, "review_account") {
            Some((rv, rp)) => (
                r.text(node(rv, &rp), "username"),
                r.text(node(rv, &rp), "password"),
            ),
            None => (None, None),
        };
        s.access = Access {
            login_required: r.flag(a, "login_required"),
            review_username: username,
            review_password: password,
        };
    }
    if let Some((sv, sp)) = r.object(root, "submission") {
        let n = node(sv, &sp);
        s.submission = Submission {
            version: r.text(n, "version"),
            category: r.text(n, "category"),
            title: r.text(n, "title"),
            tags: r.texts(n, "tags"),
            description: r.text(n, "description"),
        };
    }
    s.homepage_url = r.text(root, "homepage_url");
    s
}

pub fn products(r: &mut Reader, v: &Value, prefix: &str) -> Products {
    let list_ptr = if v.get("products").is_some() {
        pointer_push(prefix, "products")
    } else {
        prefix.to_string()
    };
    let items = r
        .section_list(v, prefix, "products")
        .into_iter()
        .filter_map(|(pv, pp)| {
            if !pv.is_object() {
                r.wrong(&pp, Want::Object, pv);
                return None;
            }
            let p = node(pv, &pp);
            let skus = r
                .list(p, "skus")
                .into_iter()
                .filter_map(|(sv, sp)| {
                    if !sv.is_object() {
                        r.wrong(&sp, Want::Object, sv);
                        return None;
                    }
                    let place = r.place(&sp);
                    Some(sku(r, Object::Json(sv), Ptr::Text(&sp), place))
                })
                .collect();
            let place = r.place(&pp);
            Some(product(r, Object::Json(pv), skus, Ptr::Text(&pp), place))
        })
        .collect();
    Products {
        list: Location {
            file: r.file,
            at: At::Pointer(list_ptr),
        },
        items,
    }
}

/// A SKU from its object's members ([`SKU_KEYS`]), its pointer (for
/// input errors) and its place.
pub fn sku(r: &mut Reader, v: Object, ptr: Ptr, place: Place) -> Sku {
    let s = Node { v, ptr };
    Sku {
        id: r.text(s, "id"),
        status: r.text(s, "status"),
        price: r.price(s, "price"),
        market_price: r.price(s, "market_price"),
        stock: r.int(s, "stock"),
        place,
    }
}

/// A product from its object's members ([`PRODUCT_KEYS`]), its SKUs, its
/// pointer (for input errors) and its place.
pub fn product(r: &mut Reader, v: Object, skus: Vec<Sku>, ptr: Ptr, place: Place) -> Product {
    let p = Node { v, ptr };
    Product {
        id: r.text(p, "id"),
        title: r.text(p, "title"),
        status: r.text(p, "status"),
        price: r.price(p, "price"),
        market_price: r.price(p, "market_price"),
        stock: r.int(p, "stock"),
        category_id: r.text(p, "category_id"),
        images: r.texts(p, "images"),
        description: r.text(p, "description"),
        is_virtual: r.flag(p, "virtual"),
        skus,
        place,
    }
}

pub fn categories(r: &mut Reader, v: &Value, prefix: &str) -> Categories {
    let v = section_object(r, v, prefix);
    let root = node(v, prefix);
    let service = r
        .list(root, "service_categories")
        .into_iter()
        .filter_map(|(cv, cp)| {
            if !cv.is_object() {
                r.wrong(&cp, Want::Object, cv);
                return None;
            }
            let c = node(cv, &cp);
            Some(ServiceCategory {
                place: r.place(&cp),
                first: r.text(c, "first"),
                second: r.text(c, "second"),
                status: r.text(c, "status"),
            })
        })
        .collect();
    let mut qualifications = Vec::new();
    for (qv, qp) in r.list(root, "qualifications") {
        let name = match qv {
            Value::Object(_) => {
                let q = node(qv, &qp);
                r.text(q, "name").or_else(|| r.text(q, "type"))
            }
            other => r.text_value(other, &qp),
        };
        qualifications.extend(name);
    }
    let shop = r
        .list(root, "shop_categories")
        .into_iter()
        .filter_map(|(cv, cp)| {
            if !cv.is_object() {
                r.wrong(&cp, Want::Object, cv);
                return None;
            }
            let c = node(cv, &cp);
            Some(ShopCategory {
                id: r.text(c, "id"),
                name: r.text(c, "name"),
                parent: r.text(c, "parent"),
            })
        })
        .collect();
    Categories {
        origin: Origin {
            file: r.file,
            prefix: prefix.to_string(),
        },
        service,
        qualifications,
        shop,
    }
}

/// Component types that never count as real content on their own.
const STRUCTURAL_COMPONENTS: &[&str] = &[
    "search",
    "divider",
    "blank",
    "spacer",
    "line",
    "placeholder",
    "tabbar",
];

/// Keys whose string values are not visible text.
const NON_TEXT_KEYS: &[&str] = &[
    "type",
    "id",
    "image",
    "img",
    "icon",
    "src",
    "url",
    "page",
    "product",
    "products",
    "miniprogram",
    "coupons",
    "link",
    "style",
    "color",
    "background",
    "html",
];

/// serde_json refuses documents nested deeper than this anyway.
const MAX_COMPONENT_DEPTH: usize = 128;

pub fn decoration(r: &mut Reader, v: &Value, prefix: &str) -> Decoration {
    let v = section_object(r, v, prefix);
    let root = node(v, prefix);
    let components = r
        .list(root, "components")
        .into_iter()
        .filter_map(|(cv, cp)| {
            if !cv.is_object() {
                r.wrong(&cp, Want::Object, cv);
                return None;
            }
            let kind = r.text(node(cv, &cp), "type").unwrap_or_default();
            let mut c = Component {
                place: r.place(&cp),
                kind: kind.clone(),
                has_content: false,
                texts: Vec::new(),
                links: Vec::new(),
                images: Vec::new(),
                coupons: Vec::new(),
            };
            walk_component(r, cv, &cp, None, 0, &mut c);
            c.has_content = !STRUCTURAL_COMPONENTS.contains(&kind.as_str())
                && (!c.texts.is_empty()
                    || !c.images.is_empty()
                    || !c.coupons.is_empty()
                    || c.links.iter().any(|l| matches!(l.value, Link::Product(_))));
            Some(c)
        })
        .collect();
    Decoration {
        origin: Origin {
            file: r.file,
            prefix: prefix.to_string(),
        },
        title: r.text(root, "title"),
        template: r.text(root, "template"),
        components,
    }
}

/// Collects texts, images, links and coupons from any component shape,
/// known or not.
fn walk_component(
    r: &mut Reader,
    v: &Value,
    ptr: &str,
    key: Option<&str>,
    depth: usize,
    c: &mut Component,
) {
    if depth > MAX_COMPONENT_DEPTH {
        return;
    }
    match (key, v) {
        (Some("link"), Value::Object(map)) => {
            let link = [
                ("product", Link::Product as fn(String) -> Link),
                ("page", Link::Page),
                ("url", Link::Url),
                ("miniprogram", Link::MiniProgram),
            ]
            .into_iter()
            .find_map(|(k, make)| {
                let p = pointer_push(ptr, k);
                map.get(k)
                    .and_then(|x| r.text_value(x, &p))
                    .map(|s| (make(s), p))
            });
            if let Some((value, p)) = link {
                c.links.push(Spanned {
                    value,
                    place: r.place(&p),
                });
            }
        }
        (Some("link"), Value::String(s)) if !s.trim().is_empty() => c.links.push(Spanned {
            value: Link::Url(s.trim().to_string()),
            place: r.place(ptr),
        }),
        (Some("link"), Value::Number(_) | Value::Bool(_) | Value::Array(_)) => {
            r.wrong(ptr, Want::Object, v);
        }
        (Some("products"), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let p = pointer_push(ptr, &i.to_string());
                let id = match item {
                    Value::Object(_) => r.text(node(item, &p), "id"),
                    other => r.text_value(other, &p),
                };
                if let Some(id) = id {
                    c.links.push(Spanned {
                        value: Link::Product(id),
                        place: r.place(&p),
                    });
                }
            }
        }
        (Some("coupons"), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let p = pointer_push(ptr, &i.to_string());
                match item {
                    Value::Object(_) => {
                        let n = node(item, &p);
                        let coupon = HomeCoupon::Inline {
                            title: r.text(n, "title"),
                            kind: r.text(n, "kind"),
                            place: r.place(&p),
                        };
                        c.coupons.push(coupon);
                    }
                    other => {
                        if let Some(id) = r.text_value(other, &p) {
                            c.coupons.push(HomeCoupon::Ref {
                                id,
                                place: r.place(&p),
                            });
                        }
                    }
                }
            }
        }
        (Some("image" | "img" | "icon" | "src"), Value::String(s)) if !s.trim().is_empty() => {
            c.images.push(Spanned {
                value: s.trim().to_string(),
                place: r.place(ptr),
            })
        }
        (Some("html"), Value::String(s)) => {
            let text = html::fragment_text(s);
            if !text.is_empty() {
                c.texts.push(Spanned {
                    value: text,
                    place: r.place(ptr),
                });
            }
        }
        (k, Value::String(s))
            if !k.is_some_and(|k| NON_TEXT_KEYS.contains(&k)) && !s.trim().is_empty() =>
        {
            c.texts.push(Spanned {
                value: s.trim().to_string(),
                place: r.place(ptr),
            });
        }
        (_, Value::Object(map)) => {
            for (k, child) in map {
                walk_component(r, child, &pointer_push(ptr, k), Some(k), depth + 1, c);
            }
        }
        (_, Value::Array(items)) => {
            for (i, child) in items.iter().enumerate() {
                walk_component(
                    r,
                    child,
                    &pointer_push(ptr, &i.to_string()),
                    key,
                    depth + 1,
                    c,
                );
            }
        }
        _ => {}
    }
}

pub fn payment(r: &mut Reader, v: &Value, prefix: &str) -> Payment {
    let v = section_object(r, v, prefix);
    let root = node(v, prefix);
    let mut p = Payment {
        origin: Origin {
            file: r.file,
            prefix: prefix.to_string(),
        },
        has_wechat_pay: false,
        wechat_pay: WechatPay::default(),
        prepaid_recharge: None,
        balance_payment: None,
    };
    if let Some((wv, wp)) = r.object(root, "wechat_pay") {
        let w = node(wv, &wp);
        p.has_wechat_pay = true;
        p.wechat_pay = WechatPay {
            enabled: r.flag(w, "enabled"),
            mch_id: r.text(w, "mch_id"),
            appid: r.text(w, "appid"),
            key_version: r.text(w, "key_version").map(|k| k.to_ascii_lowercase()),
            api_key: r.text(w, "api_key"),
            api_v3_key: r.text(w, "api_v3_key"),
            cert_serial: r.text(w, "cert_serial"),
            cert_expires: r.text(w, "cert_expires"),
        };
    }
    if let Some((fv, fp)) = r.object(root, "finance") {
        let f = node(fv, &fp);
        p.prepaid_recharge = r.flag(f, "prepaid_recharge");
        p.balance_payment = r.flag(f, "balance_payment");
    }
    p
}

pub fn coupons(r: &mut Reader, v: &Value, prefix: &str) -> Coupons {
    let items = r
        .section_list(v, prefix, "coupons")
        .into_iter()
        .filter_map(|(cv, cp)| {
            if !cv.is_object() {
                r.wrong(&cp, Want::Object, cv);
                return None;
            }
            let c = node(cv, &cp);
            Some(Coupon {
                place: r.place(&cp),
                id: r.text(c, "id"),
                title: r.text(c, "title"),
                kind: r.text(c, "kind"),
                status: r.text(c, "status"),
            })
        })
        .collect();
    Coupons {
        origin: Origin {
            file: r.file,
            prefix: prefix.to_string(),
        },
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        // Every character, alone, before and after a letter, and around CJK.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}a"),
                format!("a{c}"),
                format!("{c}名{c}"),
                format!("名{c}字"),
            ] {
                assert_eq!(trim(&s), s.trim(), "{:?}", s);
            }
        }
        for s in [
            "",
            " ",
            "　价格　",
            "\u{a0}x\u{85}",
            "x\u{2028}",
            "\u{1680}",
            "89.00",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
