//! `preflight schema bundle|report`: JSON Schemas generated from Rust types.
//!
//! The report schema is generated from the very types the JSON renderer
//! serialises, so the two cannot drift. The bundle schema is generated from
//! the types below, which describe the input contract (bundle.md) value by
//! value, including the lenient forms the loader accepts (`"1"` for true,
//! `"39.90"` for an amount); every fixture is validated against it.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

fn pretty(schema: &Schema) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema of `check --format json`.
pub fn report() -> String {
    pretty(&schemars::schema_for!(crate::report::JsonReport<'static>))
}

/// The schema of a store bundle in one file (each section has the shape of
/// the file of that name in a bundle directory).
pub fn bundle() -> String {
    pretty(&schemars::schema_for!(BundleFile))
}

/// A flag: `true`/`false`, or as MySQL clients export it, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`.
pub struct Flag;

impl JsonSchema for Flag {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Flag".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "true/false, or 1/0, \"1\"/\"0\", \"true\"/\"false\" as MySQL clients export them",
            "anyOf": [
                { "type": "boolean" },
                { "enum": [0, 1, "0", "1", "true", "false", ""] },
                { "type": "null" }
            ]
        })
    }
}

/// An amount in yuan: a number or a decimal string (`39.9`, `"39.90"`); empty or null means no price.
pub struct Money;

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "yuan: a number or a decimal string; empty, null, 0, negative or unparseable means no price",
            "type": ["number", "string", "null"]
        })
    }
}

/// A count: an integer, or an integer as a string.
pub struct Count;

impl JsonSchema for Count {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Count".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": "^\\s*-?[0-9]*\\s*$" },
                { "type": "null" }
            ]
        })
    }
}

/// Text; ids may also be numbers (`"mch_id": 1601234567`).
pub struct Text;

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "null"] })
    }
}

#[allow(dead_code)]
#[derive(JsonSchema, Serialize)]
/// A store bundle in one file. Unknown members are allowed and ignored.
pub struct BundleFile {
    /// store.json
    store: Option<StoreFile>,
    /// products.json: `{"products": [...]}` or a bare array
    products: Option<ProductsFile>,
    /// decoration.json
    decoration: Option<DecorationFile>,
    /// payment.json
    payment: Option<PaymentFile>,
    /// categories.json
    categories: Option<CategoriesFile>,
    /// coupons.json: `{"coupons": [...]}` or a bare array
    coupons: Option<CouponsFile>,
}

#[allow(dead_code)]
#[derive(JsonSchema, Serialize)]
#[serde(untagged)]
pub enum ProductsFile {
    Wrapped { products: Vec<Product> },
    Bare(Vec<Product>),
}

#[allow(dead_code)]
#[derive(JsonSchema, Serialize)]
#[serde(untagged)]
pub enum CouponsFile {
    Wrapped { coupons: Vec<Coupon> },
    Bare(Vec<Coupon>),
}

macro_rules! shape {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[allow(dead_code)]
        #[derive(JsonSchema, Serialize)]
        pub struct $name { $($(#[$fm])* #[serde(skip_serializing_if = "Option::is_none")] $field: Option<$ty>,)* }
    };
}

#[derive(JsonSchema, Serialize)]
#[serde(transparent)]
pub struct FlagField(#[schemars(with = "Flag")] ());
#[derive(JsonSchema, Serialize)]
#[serde(transparent)]
pub struct MoneyField(#[schemars(with = "Money")] ());
#[derive(JsonSchema, Serialize)]
#[serde(transparent)]
pub struct CountField(#[schemars(with = "Count")] ());
#[derive(JsonSchema, Serialize)]
#[serde(transparent)]
pub struct TextField(#[schemars(with = "Text")] ());

shape!(
    /// store.json: account, authorisation, review submission, domains, privacy, customer service.
    StoreFile {
        mini_program: MiniProgram,
        authorization: Authorization,
        customer_service: CustomerService,
        domains: Domains,
        privacy: Privacy,
        features: Features,
        access: Access,
        submission: Submission,
        /// the rendered homepage (H5): fetched and checked like homepage.html
        homepage_url: TextField,
    }
);

shape!(MiniProgram {
    /// 小程序名称: 4–30 characters, a CJK character counts 2
    name: TextField,
    /// AppID: wx + 16 hex digits
    appid: TextField,
    /// 原始ID: gh_ + 12 hex digits
    original_id: TextField,
    /// AppSecret configured in the store backend (secret: checked, never printed)
    app_secret: TextField,
    /// 简介: 4–120 characters
    description: TextField,
    /// 头像: a path inside the bundle, or an https URL
    avatar: TextField,
    principal: Principal,
    /// 微信认证: certified, pending, none, expired
    certification: TextField,
    /// 小程序备案: approved, pending, rejected, none
    filing: TextField,
    /// 基本信息 审核: approved, pending, rejected, incomplete
    basic_info: TextField,
});

shape!(Principal {
    name: TextField,
    /// enterprise, individual, government, media, other
    #[serde(rename = "type")]
    kind: TextField,
});

shape!(Authorization {
    /// 已授权给第三方平台
    authorized: FlagField,
    platform: TextField,
    /// 权限集: names, or WeChat's numeric ids (19 = 客服消息管理权限)
    permissions: Vec<TextField>,
});

shape!(CustomerService {
    /// builtin (WeChat's 客服) or platform
    mode: TextField,
    /// bound 客服人员 (at most 100)
    agents: Vec<TextField>,
});

shape!(Domains {
    /// 服务器域名 (https)
    request: Vec<TextField>,
    /// 业务域名 (https)
    business: Vec<TextField>,
});

#[allow(dead_code)]
#[derive(JsonSchema, Serialize)]
#[serde(untagged)]
/// A privacy_key, or {key, purpose}.
pub enum PrivacyItem {
    Key(String),
    WithPurpose {
        key: String,
        purpose: Option<String>,
    },
}

shape!(Privacy {
    /// 用户隐私保护指引 entries
    declared: Vec<PrivacyItem>,
    /// privacy keys the enabled features need
    used: Vec<TextField>,
});

shape!(LiveStreaming {
    enabled: FlagField,
    /// WeChat's official live plugin (小程序直播组件)
    official_plugin: FlagField,
});

#[allow(dead_code)]
#[derive(JsonSchema, Serialize)]
#[serde(untagged)]
pub enum LiveStreamingField {
    Object(LiveStreaming),
    Flag(FlagField),
}

shape!(Features {
    multi_merchant: FlagField,
    store_list: FlagField,
    public_reviews: FlagField,
    community: FlagField,
    article_comments: FlagField,
    live_streaming: LiveStreamingField,
    tipping: FlagField,
    /// 分销 levels (0 = off)
    distribution_levels: CountField,
    lottery: FlagField,
    paid_membership: FlagField,
});

shape!(ReviewAccount {
    username: TextField,
    /// secret: checked, never printed
    password: TextField,
});

shape!(Access {
    login_required: FlagField,
    review_account: ReviewAccount,
});

shape!(Submission {
    version: TextField,
    /// 小程序分类: 一级 > 二级
    category: TextField,
    title: TextField,
    tags: Vec<TextField>,
    description: TextField,
});

shape!(Sku {
    id: TextField,
    status: TextField,
    price: MoneyField,
    market_price: MoneyField,
    stock: CountField,
});

shape!(Product {
    id: TextField,
    title: TextField,
    /// on_sale, off_shelf, draft, deleted
    status: TextField,
    price: MoneyField,
    /// 市场价 / 划线价 / 原价
    market_price: MoneyField,
    stock: CountField,
    category_id: TextField,
    images: Vec<TextField>,
    description: TextField,
    #[serde(rename = "virtual")]
    is_virtual: FlagField,
    skus: Vec<Sku>,
});

shape!(ServiceCategory {
    first: TextField,
    second: TextField,
    /// approved, pending, rejected
    status: TextField,
});

shape!(ShopCategory {
    id: TextField,
    name: TextField,
    parent: TextField,
});

shape!(CategoriesFile {
    /// 服务类目 on the WeChat account
    service_categories: Vec<ServiceCategory>,
    /// licences on file: names, or {name}
    qualifications: Vec<serde_json::Value>,
    /// the store's own product category tree
    shop_categories: Vec<ShopCategory>,
});

shape!(
    /// decoration.json: `template` default (未装修) or custom; components of
    /// any type (search, banner, nav, goods, coupon, notice, rich_text, image, …).
    DecorationFile {
        title: TextField,
        template: TextField,
        components: Vec<Component>,
    }
);

shape!(
    /// A homepage component; unknown types and members are allowed.
    Component {
        #[serde(rename = "type")]
        kind: TextField,
        title: TextField,
        text: TextField,
        html: TextField,
        image: TextField,
        link: Link,
        items: Vec<serde_json::Value>,
        products: Vec<TextField>,
        coupons: Vec<serde_json::Value>,
    }
);

shape!(
    /// One of {"product": id}, {"page": path}, {"url": "https://…"}, {"miniprogram": appid}.
    Link {
        product: TextField,
        page: TextField,
        url: TextField,
        miniprogram: TextField,
    }
);

shape!(WechatPay {
    enabled: FlagField,
    /// 商户号: 8–12 digits
    mch_id: TextField,
    /// the AppID the merchant is bound to (关联 AppID)
    appid: TextField,
    /// v2 or v3
    key_version: TextField,
    /// secret (v2): 32 characters, never printed
    api_key: TextField,
    /// secret (v3): 32 characters, never printed
    api_v3_key: TextField,
    cert_serial: TextField,
    /// YYYY-MM-DD
    cert_expires: TextField,
});

shape!(Finance {
    /// 预存款充值
    prepaid_recharge: FlagField,
    balance_payment: FlagField,
});

shape!(PaymentFile {
    wechat_pay: WechatPay,
    finance: Finance,
});

shape!(Coupon {
    id: TextField,
    title: TextField,
    /// discount, cash, shipping, newcomer, recharge
    kind: TextField,
    /// active, …
    status: TextField,
    amount: MoneyField,
    min_spend: MoneyField,
});
