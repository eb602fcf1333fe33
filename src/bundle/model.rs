//! The typed store model that rules read. Every value is optional: a missing
//! field, an empty string or an empty list is "not configured" (`None` or an
//! empty Vec). Every entity remembers where it came from so that a rule can
//! point at it without re-reading anything.

use std::borrow::Cow;

use super::money::Money;
use super::source::{pointer_push, FileId};
use crate::diagnostic::{At, Location};

/// Where a section (store, products, …) of the bundle lives: a file, and the
/// pointer prefix of the section inside it (empty for a file of its own,
/// `/payment` in a single-file bundle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    pub prefix: String,
}

impl Origin {
    /// The location of `pointer` (relative to the section).
    pub fn at(&self, pointer: &str) -> Location {
        Location {
            file: self.file,
            at: At::Pointer(format!("{}{}", self.prefix, pointer)),
        }
    }
}

/// Where an entity (product, component, coupon …) lives.
#[derive(Debug, Clone)]
pub enum Place {
    /// A JSON value at a full pointer.
    Json { file: FileId, pointer: Pointer },
    /// A CSV record: the byte offset where the row starts, and the byte
    /// offset of each field (in header order) within the file.
    Csv {
        file: FileId,
        fields: Vec<(usize, usize)>,
        columns: Vec<String>,
    },
    /// A byte range of an HTML file.
    Html {
        file: FileId,
        start: usize,
        end: usize,
    },
}

/// The JSON pointer of a [`Place::Json`].
#[derive(Clone)]
pub enum Pointer {
    Written(String),
    /// Element `index` of the list at pointer `list` (a product of
    /// products.json), or element `sub.1` of its list `sub.0` (one of its
    /// SKUs): written out only when a finding needs it, not for each of a
    /// store's thousands of products.
    Item {
        list: &'static str,
        index: usize,
        sub: Option<(&'static str, usize)>,
    },
}

impl Pointer {
    /// The pointer as text.
    pub fn written(&self) -> Cow<'_, str> {
        match self {
            Pointer::Written(p) => Cow::Borrowed(p),
            item => {
                let mut p = String::new();
                item.write_to(&mut p);
                Cow::Owned(p)
            }
        }
    }

    /// Appends the pointer's text to `out` (the products stream writes
    /// each product's into one reused buffer).
    pub fn write_to(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Pointer::Written(p) => out.push_str(p),
            Pointer::Item { list, index, sub } => {
                // A list's pointer, an index and `skus` need no escaping.
                let _ = write!(out, "{list}/{index}");
                if let Some((name, j)) = sub {
                    let _ = write!(out, "/{name}/{j}");
                }
            }
        }
    }
}

/// A pointer shows as what it says however it is held, so a product read
/// by the stream and one read from the whole document look the same.
impl std::fmt::Debug for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.written().fmt(f)
    }
}

impl Place {
    /// The entity itself.
    pub fn whole(&self) -> Location {
        match self {
            Place::Json { file, pointer } => Location {
                file: *file,
                at: At::Pointer(pointer.written().into_owned()),
            },
            Place::Csv { file, fields, .. } => Location {
                file: *file,
                at: match (fields.first(), fields.last()) {
                    (Some(first), Some(last)) => At::Range {
                        start: first.0,
                        end: last.1,
                    },
                    _ => At::Whole,
                },
            },
            Place::Html { file, start, end } => Location {
                file: *file,
                at: At::Range {
                    start: *start,
                    end: *end,
                },
            },
        }
    }

    /// A field of the entity: a pointer below it, or the CSV cell of that column.
    pub fn field(&self, name: &str) -> Location {
        match self {
            Place::Json { file, pointer } => Location {
                file: *file,
                at: At::Pointer(pointer_push(&pointer.written(), name)),
            },
            Place::Csv {
                file,
                fields,
                columns,
            } => match columns
                .iter()
                .position(|c| c == name)
                .and_then(|i| fields.get(i))
            {
                Some(&(start, end)) => Location {
                    file: *file,
                    at: At::Range { start, end },
                },
                None => self.whole(),
            },
            Place::Html { .. } => self.whole(),
        }
    }

    /// A nested place (JSON only; CSV and HTML entities have no children).
    pub fn child(&self, token: &str) -> Place {
        match self {
            Place::Json { file, pointer } => Place::Json {
                file: *file,
                pointer: Pointer::Written(pointer_push(&pointer.written(), token)),
            },
            other => other.clone(),
        }
    }
}

/// A section that may be missing (file absent), unreadable (INPUT001
/// reported), or present.
#[derive(Debug, Default)]
pub enum Section<T> {
    #[default]
    Missing,
    Invalid,
    Present(T),
}

impl<T> Section<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Section::Present(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_missing(&self) -> bool {
        matches!(self, Section::Missing)
    }
}

/// A text value with where it is.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub place: Place,
}

#[derive(Debug, Default)]
pub struct StoreInfo {
    pub origin: Option<Origin>,
    pub mini_program: MiniProgram,
    pub authorization: Authorization,
    pub customer_service: CustomerService,
    pub domains: Domains,
    pub privacy: Privacy,
    pub features: Features,
    pub access: Access,
    pub submission: Submission,
    /// The rendered homepage (H5) to fetch and check like homepage.html.
    pub homepage_url: Option<String>,
}

#[derive(Debug, Default)]
pub struct MiniProgram {
    pub name: Option<String>,
    pub appid: Option<String>,
    pub original_id: Option<String>,
    /// Secret: only its presence and shape may be reported.
    pub app_secret: Option<String>,
    pub description: Option<String>,
    pub avatar: Option<String>,
    pub principal_name: Option<String>,
    pub principal_type: Option<String>,
    pub certification: Option<String>,
    pub filing: Option<String>,
    pub basic_info: Option<String>,
}

#[derive(Debug, Default)]
pub struct Authorization {
    pub authorized: Option<bool>,
    pub platform: Option<String>,
    /// Names as shown on the authorization page, or WeChat's numeric ids as text.
    pub permissions: Vec<Spanned<String>>,
}

#[derive(Debug, Default)]
pub struct CustomerService {
    pub mode: Option<String>,
    pub agents: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Domains {
    pub request: Vec<String>,
    pub business: Vec<String>,
}

#[derive(Debug)]
pub struct PrivacyItem {
    /// The entry in `privacy.declared`.
    pub place: Place,
    pub key: String,
    /// `None` for a bare key (purpose not exported).
    pub purpose: Option<String>,
}

#[derive(Debug, Default)]
pub struct Privacy {
    pub declared: Vec<PrivacyItem>,
    pub used: Vec<Spanned<String>>,
}

#[derive(Debug, Default)]
pub struct Features {
    pub multi_merchant: Option<bool>,
    pub store_list: Option<bool>,
    pub public_reviews: Option<bool>,
    pub community: Option<bool>,
    pub article_comments: Option<bool>,
    pub live_streaming: Option<bool>,
    pub live_official_plugin: Option<bool>,
    pub tipping: Option<bool>,
    pub distribution_levels: Option<i64>,
    pub lottery: Option<bool>,
    pub paid_membership: Option<bool>,
}

#[derive(Debug, Default)]
pub struct Access {
    pub login_required: Option<bool>,
    pub review_username: Option<String>,
    /// Secret: only its presence may be reported.
    pub review_password: Option<String>,
}

#[derive(Debug, Default)]
pub struct Submission {
    pub version: Option<String>,
    pub category: Option<String>,
    pub title: Option<String>,
    pub tags: Vec<String>,
    pub description: Option<String>,
}

/// A price field: the raw text (for messages) and the parsed amount when it
/// is a positive number.
#[derive(Debug, Clone, Default)]
pub struct Price {
    pub raw: Option<String>,
    pub amount: Option<Money>,
}

impl Price {
    /// Priced: a number above zero.
    pub fn is_set(&self) -> bool {
        self.amount.is_some_and(|m| m.is_positive())
    }
}

#[derive(Debug)]
pub struct Product {
    pub place: Place,
    pub id: Option<String>,
    pub title: Option<String>,
    pub status: Option<String>,
    pub price: Price,
    pub market_price: Price,
    pub stock: Option<i64>,
    pub category_id: Option<String>,
    pub images: Vec<String>,
    pub description: Option<String>,
    pub is_virtual: Option<bool>,
    pub skus: Vec<Sku>,
}

impl Product {
    pub fn on_sale(&self) -> bool {
        self.status.as_deref() == Some("on_sale")
    }

    /// A name for messages: the title, else the id, else the position.
    pub fn label(&self) -> String {
        match (&self.title, &self.id) {
            (Some(t), Some(id)) => format!("{t} ({id})"),
            (Some(t), None) => t.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) => "?".to_string(),
        }
    }

    /// SKUs that are for sale (a SKU without a status follows its product).
    pub fn skus_on_sale(&self) -> impl Iterator<Item = &Sku> {
        self.skus
            .iter()
            .filter(|s| s.status.as_deref().is_none_or(|st| st == "on_sale"))
    }

    /// Sellable: priced (every on-sale SKU, or the product itself) and stock above zero.
    pub fn is_sellable(&self) -> bool {
        if !self.on_sale() {
            return false;
        }
        let skus: Vec<&Sku> = self.skus_on_sale().collect();
        if skus.is_empty() {
            self.price.is_set() && self.stock.unwrap_or(0) > 0
        } else {
            skus.iter().all(|s| s.price.is_set())
                && skus.iter().map(|s| s.stock.unwrap_or(0)).sum::<i64>() > 0
        }
    }
}

#[derive(Debug)]
pub struct Sku {
    pub place: Place,
    pub id: Option<String>,
    pub status: Option<String>,
    pub price: Price,
    pub market_price: Price,
    pub stock: Option<i64>,
}

#[derive(Debug)]
pub struct Products {
    /// Where the list is (for "no product" findings).
    pub list: Location,
    pub items: Vec<Product>,
}

#[derive(Debug)]
pub struct ShopCategory {
    pub id: Option<String>,
    pub name: Option<String>,
    pub parent: Option<String>,
}

#[derive(Debug)]
pub struct ServiceCategory {
    pub place: Place,
    pub first: Option<String>,
    pub second: Option<String>,
    pub status: Option<String>,
}

impl ServiceCategory {
    pub fn approved(&self) -> bool {
        self.status.as_deref() == Some("approved")
    }

    pub fn display(&self) -> String {
        format!(
            "{} > {}",
            self.first.as_deref().unwrap_or("?"),
            self.second.as_deref().unwrap_or("?")
        )
    }
}

#[derive(Debug)]
pub struct Categories {
    pub origin: Origin,
    pub service: Vec<ServiceCategory>,
    pub qualifications: Vec<String>,
    pub shop: Vec<ShopCategory>,
}

impl Categories {
    /// The names of a shop category and its ancestors, outermost first.
    pub fn path_names(&self, id: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut next = Some(id);
        // Bounded: a cycle in `parent` must not loop forever.
        for _ in 0..self.shop.len() {
            let Some(cur) = next else { break };
            let Some(cat) = self.shop.iter().find(|c| c.id.as_deref() == Some(cur)) else {
                break;
            };
            if let Some(n) = cat.name.as_deref() {
                names.push(n);
            }
            next = cat.parent.as_deref();
        }
        names.reverse();
        names
    }
}

/// A link of the homepage: `{"product": id}`, `{"page": path}`, `{"url": …}`, `{"miniprogram": appid}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Product(String),
    Page(String),
    Url(String),
    MiniProgram(String),
}

/// A coupon shown on the homepage: an id into coupons.json, or inline.
#[derive(Debug, Clone)]
pub enum HomeCoupon {
    Ref {
        id: String,
        place: Place,
    },
    Inline {
        title: Option<String>,
        kind: Option<String>,
        place: Place,
    },
}

#[derive(Debug)]
pub struct Component {
    pub place: Place,
    pub kind: String,
    /// Whether it shows something real (an image, a product, a text), as
    /// opposed to a bare search bar or spacer.
    pub has_content: bool,
    /// Every visible text of the component (titles, notices, nav labels, rich text …).
    pub texts: Vec<Spanned<String>>,
    pub links: Vec<Spanned<Link>>,
    pub images: Vec<Spanned<String>>,
    pub coupons: Vec<HomeCoupon>,
}

#[derive(Debug)]
pub struct Decoration {
    pub origin: Origin,
    pub title: Option<String>,
    pub template: Option<String>,
    pub components: Vec<Component>,
}

/// homepage.html, parsed once.
#[derive(Debug)]
pub struct Homepage {
    pub file: FileId,
    pub has_content: bool,
    pub texts: Vec<Spanned<String>>,
    pub links: Vec<Spanned<Link>>,
    pub images: Vec<Spanned<String>>,
}

#[derive(Debug, Default)]
pub struct WechatPay {
    pub enabled: Option<bool>,
    pub mch_id: Option<String>,
    pub appid: Option<String>,
    pub key_version: Option<String>,
    /// Secrets: only presence and shape may be reported.
    pub api_key: Option<String>,
    pub api_v3_key: Option<String>,
    pub cert_serial: Option<String>,
    pub cert_expires: Option<String>,
}

impl WechatPay {
    /// The key version in use: as configured, else v3 when only a v3 key is set, else v2.
    pub fn version(&self) -> &str {
        match self.key_version.as_deref() {
            Some(v) => v,
            None if self.api_v3_key.is_some() && self.api_key.is_none() => "v3",
            None => "v2",
        }
    }
}

#[derive(Debug)]
pub struct Payment {
    pub origin: Origin,
    pub has_wechat_pay: bool,
    pub wechat_pay: WechatPay,
    pub prepaid_recharge: Option<bool>,
    pub balance_payment: Option<bool>,
}

#[derive(Debug)]
pub struct Coupon {
    pub place: Place,
    pub id: Option<String>,
    pub title: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
}

impl Coupon {
    /// A coupon without a status is taken as active: exports usually omit the default.
    pub fn active(&self) -> bool {
        self.status.as_deref().is_none_or(|s| s == "active")
    }
}

#[derive(Debug)]
pub struct Coupons {
    pub origin: Origin,
    pub items: Vec<Coupon>,
}
