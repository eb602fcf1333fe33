//! CRMEB (crmeb/CRMEB, PHP + uni-app): the `eb_*` tables.
//!
//! - products: `eb_store_product` (`store_name`, `price`, `ot_price` 原价,
//!   `stock`, `is_show` 上架, `is_del`, `cate_id` comma list, `image`,
//!   `slider_image` JSON array, `virtual_type`), SKUs in
//!   `eb_store_product_attr_value` (`type` 0 = the product itself, not an
//!   activity's copy);
//! - shop categories: `eb_store_category` (`id`, `pid`, `cate_name`);
//! - decoration: the `eb_diy` row in use (`status` 1, not `is_del`), its
//!   `value` a JSON object of components keyed by timestamp, each with `name`;
//!   the page is the untouched template when `value` equals `default_value`;
//! - payment, recharge and the mini program: `eb_system_config` rows by
//!   `menu_name`, each `value` JSON-encoded (`"\"1\""`);
//! - coupons: `eb_store_coupon_issue`; the DIY `coupon` component shows the
//!   coupons users can take (`receive_type` 1 or 4, `status` 1, not deleted).

use serde_json::{json, Value};

use super::{int_of, text_of, Doc, Export, Here, Table};
use crate::bundle::Section;
use crate::diagnostic::Text;

pub const TABLES: &[&str] = &[
    "eb_store_product",
    "eb_store_product_attr_value",
    "eb_store_category",
    "eb_diy",
    "eb_system_config",
    "eb_store_coupon_issue",
];

/// The product page of CRMEB's uni-app, as DIY links name it.
const GOODS_PATHS: &[&str] = &["/pages/goods_details/index"];

pub fn build(x: &mut Export) {
    let config = x.table("eb_system_config");
    let config = config.as_deref();
    store(x, config);
    products(x);
    categories(x);
    let shown_coupons = coupons(x);
    decoration(x, &shown_coupons);
    payment(x, config);
}

/// A row of eb_system_config by `menu_name`: its decoded value (null when
/// blank or not valid JSON, which INPUT001 reports) and where the value is.
fn conf(x: &mut Export, t: Option<&Table>, name: &str) -> Option<(Value, Here)> {
    let t = t?;
    let row = t.find("menu_name", name)?;
    let v = x.json(t, row, "value").unwrap_or(Value::Null);
    Some((v, Here::of(t, row, "value")))
}

/// A decoded 0/1 config value.
fn on(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => match text_of(v).as_deref() {
            Some("1") | Some("true") => Some(true),
            Some("0") | Some("false") => Some(false),
            _ => None,
        },
    }
}

fn store(x: &mut Export, config: Option<&Table>) {
    let mut doc = Doc::object();
    for (name, ptr, secret) in [
        ("routine_appId", "/mini_program/appid", false),
        ("routine_appsecret", "/mini_program/app_secret", true),
        ("routine_name", "/mini_program/name", false),
    ] {
        if let Some((v, here)) = conf(x, config, name) {
            doc.set(ptr, v, here.loc());
            if secret {
                x.secret(here.loc());
            }
        }
    }
    // CRMEB's mini program can be browsed without logging in (login is asked
    // for at checkout); a store.json beside the export can say otherwise.
    doc.set("/access/login_required", Value::Bool(false), x.dir_loc());
    let root = config.map_or(x.dir_loc(), |t| t.root());
    x.section("store", doc, root);
}

fn products(x: &mut Export) {
    let Some(t) = x.products_table("eb_store_product") else {
        return;
    };
    let skus = x.table("eb_store_product_attr_value");
    let skus_of = skus.as_deref().map(|t| t.rows_by("product_id"));
    let mut doc = Doc::array();
    for row in &t.rows {
        let p = format!("/{}", doc.len(""));
        doc.row(
            &p,
            &t,
            row,
            &[
                ("id", "id"),
                ("title", "store_name"),
                ("description", "store_info"),
                ("price", "price"),
                ("market_price", "ot_price"),
                ("stock", "stock"),
            ],
        );
        let deleted = x.flag(&t, row, "is_del") == Some(true);
        let shown = x.flag(&t, row, "is_show");
        let status = match (deleted, shown) {
            (true, _) => Some(("deleted", "is_del")),
            (false, Some(true)) => Some(("on_sale", "is_show")),
            (false, Some(false)) => Some(("off_shelf", "is_show")),
            (false, None) => None,
        };
        if let Some((s, col)) = status {
            doc.set(&format!("{p}/status"), s.into(), t.loc(row, col));
        }
        // cate_id is a comma list; the first category stands for the product.
        if let Some(first) = row.text("cate_id").and_then(|c| {
            c.split(',')
                .map(str::trim)
                .find(|c| !c.is_empty())
                .map(String::from)
        }) {
            doc.set(
                &format!("{p}/category_id"),
                first.into(),
                t.loc(row, "cate_id"),
            );
        }
        let mut images = Vec::new();
        if let Some(img) = row.text("image") {
            images.push((img, t.loc(row, "image")));
        }
        if let Some(Value::Array(slider)) = x.json(&t, row, "slider_image") {
            let here = Here::of(&t, row, "slider_image");
            for (k, v) in slider.iter().enumerate() {
                if let Some(s) = text_of(v) {
                    images.push((s, here.push(&k.to_string()).loc()));
                }
            }
        }
        for (k, (img, at)) in images.into_iter().enumerate() {
            doc.set(&format!("{p}/images/{k}"), img.into(), at);
        }
        let virtual_type = row.int("virtual_type").unwrap_or(0);
        if row.get("virtual_type").is_some() || row.get("is_virtual").is_some() {
            let is_virtual = virtual_type != 0 || row.is("is_virtual", 1);
            doc.set(
                &format!("{p}/virtual"),
                is_virtual.into(),
                t.loc(row, "virtual_type"),
            );
        }
        let (Some(skus), Some(id)) = (skus.as_deref(), row.text("id")) else {
            continue;
        };
        // Activity copies (seckill, bargain, group buying) have type 1–3.
        let rows = skus_of.as_ref().and_then(|by| by.get(&id));
        for srow in rows
            .into_iter()
            .flatten()
            .filter(|s| s.int("type").unwrap_or(0) == 0)
        {
            let s = format!("{p}/skus/{}", doc.len(&format!("{p}/skus")));
            doc.row(&s, skus, srow, &[]);
            if srow.get("unique").is_some() {
                doc.col(&format!("{s}/id"), skus, srow, "unique");
            } else {
                doc.col(&format!("{s}/id"), skus, srow, "id");
            }
            doc.cols(
                &s,
                skus,
                srow,
                &[
                    ("price", "price"),
                    ("market_price", "ot_price"),
                    ("stock", "stock"),
                ],
            );
            if let Some(shown) = x.flag(skus, srow, "is_show") {
                let st = if shown { "on_sale" } else { "off_shelf" };
                doc.set(&format!("{s}/status"), st.into(), skus.loc(srow, "is_show"));
            }
        }
    }
    x.section("products", doc, t.root());
}

fn categories(x: &mut Export) {
    super::shop_categories(x, "eb_store_category", "cate_name");
}

/// Coupons; returns the ids the DIY coupon component shows.
fn coupons(x: &mut Export) -> Vec<String> {
    let Some(t) = x.coupons_table("eb_store_coupon_issue") else {
        return Vec::new();
    };
    let mut doc = Doc::array();
    let mut shown = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let p = format!("/{i}");
        doc.row(&p, &t, row, &[("id", "id")]);
        let title = if row.text("coupon_title").is_some() {
            "coupon_title"
        } else {
            "title"
        };
        doc.cols(
            &p,
            &t,
            row,
            &[
                ("title", title),
                ("amount", "coupon_price"),
                ("min_spend", "use_min_price"),
            ],
        );
        let deleted = x.flag(&t, row, "is_del") == Some(true);
        let status = match (deleted, row.int("status")) {
            (true, _) => Some(("deleted", "is_del")),
            (false, Some(1)) => Some(("active", "status")),
            (false, Some(0)) => Some(("inactive", "status")),
            (false, Some(_)) => Some(("expired", "status")),
            (false, None) => None,
        };
        if let Some((s, col)) = status {
            doc.set(&format!("{p}/status"), s.into(), t.loc(row, col));
        }
        let receive = row.int("receive_type");
        if let Some(r) = receive {
            let kind = if r == 2 { "newcomer" } else { "discount" };
            doc.set(
                &format!("{p}/kind"),
                kind.into(),
                t.loc(row, "receive_type"),
            );
        }
        if !deleted && row.is("status", 1) && matches!(receive, Some(1) | Some(4)) {
            shown.extend(row.text("id"));
        }
    }
    x.section("coupons", doc, t.root());
    shown
}

fn decoration(x: &mut Export, shown_coupons: &[String]) {
    let Some(t) = x.table("eb_diy") else {
        if x.has_file("eb_diy") {
            x.bundle.decoration = Section::Invalid;
        } else {
            let root = x.dir_loc();
            x.section("decoration", Doc::object(), root);
            x.unknown_table(
                "decoration",
                "",
                Text::new("首页装修", "the homepage decoration"),
                "eb_diy",
            );
        }
        return;
    };
    let mut doc = Doc::object();
    let Some(row) = t
        .rows
        .iter()
        .find(|r| r.is("status", 1) && !r.is("is_del", 1))
    else {
        // No page is in use as the homepage.
        doc.set("/components", json!([]), t.root());
        x.section("decoration", doc, t.root());
        return;
    };
    let here = Here::of(&t, row, "value");
    doc.col("/title", &t, row, "title");
    let value = x.json(&t, row, "value");
    let default = x.json(&t, row, "default_value");
    let template = if value.is_some() && value == default {
        "default"
    } else {
        "custom"
    };
    doc.set("/template", template.into(), here.loc());
    doc.set("/components", json!([]), here.loc());
    if let Some(value) = &value {
        components(&mut doc, value, &here, shown_coupons);
    }
    x.section("decoration", doc, t.row_loc(row));
}

/// The items of a list inside a component, with where each is.
fn items<'v>(comp: &'v Value, at: &Here, path: &str) -> Vec<(&'v Value, Here)> {
    let ptr = format!("/{path}");
    match comp.pointer(&ptr) {
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(k, v)| (v, at.path(path).push(&k.to_string())))
            .collect(),
        _ => Vec::new(),
    }
}

/// A banner / menu / notice item's fields: `info` entries titled 链接 are
/// the link, the others are visible text (CRMEB's form items); `chiild`
/// entries (the notice's) are text then link.
fn item_fields(doc: &mut Doc, ip: &str, item: &Value, ih: &Here, text_key: &str) {
    for (m, (entry, eh)) in items(item, ih, "info").into_iter().enumerate() {
        let is_link = entry
            .get("title")
            .and_then(text_of)
            .is_some_and(|t| t.contains("链接"));
        let vh = eh.push("value");
        if is_link {
            doc.link(ip, entry.get("value"), GOODS_PATHS, &vh);
        } else if m == 0 {
            doc.text(&format!("{ip}/{text_key}"), entry.get("value"), &vh);
        } else {
            doc.text(&format!("{ip}/{text_key}_{m}"), entry.get("value"), &vh);
        }
    }
    for (m, (entry, eh)) in items(item, ih, "chiild").into_iter().enumerate() {
        let vh = eh.push("val");
        match m {
            0 => doc.text(&format!("{ip}/{text_key}"), entry.get("val"), &vh),
            1 => doc.link(ip, entry.get("val"), GOODS_PATHS, &vh),
            _ => {}
        }
    }
}

fn components(doc: &mut Doc, value: &Value, here: &Here, shown_coupons: &[String]) {
    let mut entries: Vec<(String, &Value)> = match value {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    // The page shows its components in timestamp order.
    entries.sort_by_key(|(_, v)| v.get("timestamp").and_then(int_of).unwrap_or(i64::MAX));
    for (key, comp) in entries {
        let Some(name) = comp.get("name").and_then(text_of) else {
            continue;
        };
        if comp.get("isHide") == Some(&Value::Bool(true)) {
            continue;
        }
        let at = here.push(&key);
        match name.as_str() {
            "headerSerch" => {
                doc.component("search", &at);
            }
            "swiperBg" | "swipers" => {
                let c = doc.component("banner", &at);
                for (k, (item, ih)) in items(comp, &at, "swiperConfig/list")
                    .into_iter()
                    .enumerate()
                {
                    let ip = format!("{c}/items/{k}");
                    doc.set(&ip, json!({}), ih.loc());
                    doc.text(&format!("{ip}/image"), item.get("img"), &ih.push("img"));
                    item_fields(doc, &ip, item, &ih, "title");
                }
            }
            "menus" => {
                let c = doc.component("nav", &at);
                for (k, (item, ih)) in items(comp, &at, "menuConfig/list").into_iter().enumerate() {
                    let ip = format!("{c}/items/{k}");
                    doc.set(&ip, json!({}), ih.loc());
                    doc.text(&format!("{ip}/image"), item.get("img"), &ih.push("img"));
                    item_fields(doc, &ip, item, &ih, "text");
                }
            }
            "news" => {
                let c = doc.component("notice", &at);
                for (k, (item, ih)) in items(comp, &at, "listConfig/list").into_iter().enumerate() {
                    // The first line is the notice's text, the others its items.
                    let ip = if k == 0 {
                        c.clone()
                    } else {
                        let ip = format!("{c}/items/{}", k - 1);
                        doc.set(&ip, json!({}), ih.loc());
                        ip
                    };
                    item_fields(doc, &ip, item, &ih, "text");
                }
            }
            "goodList" => {
                let ids = items(comp, &at, "goodsList/ids");
                let listed = items(comp, &at, "goodsList/list");
                if ids.is_empty() && listed.is_empty() {
                    // Filled by category or sort order: nothing to judge.
                    doc.component("goods_auto", &at);
                    continue;
                }
                let c = doc.component("goods", &at);
                let refs: Vec<(Option<&Value>, Here)> = if ids.is_empty() {
                    listed
                        .into_iter()
                        .map(|(v, h)| (v.get("id"), h.push("id")))
                        .collect()
                } else {
                    ids.into_iter().map(|(v, h)| (Some(v), h)).collect()
                };
                for (k, (id, h)) in refs.into_iter().enumerate() {
                    doc.text(&format!("{c}/products/{k}"), id, &h);
                }
            }
            "coupon" => {
                let c = doc.component("coupon", &at);
                for (k, id) in shown_coupons.iter().enumerate() {
                    doc.set(&format!("{c}/coupons/{k}"), id.as_str().into(), at.loc());
                }
            }
            "richText" => {
                let c = doc.component("rich_text", &at);
                let h = at.path("richText/val");
                doc.text(&format!("{c}/html"), comp.pointer("/richText/val"), &h);
            }
            "titles" => {
                let c = doc.component("title", &at);
                doc.text(
                    &format!("{c}/text"),
                    comp.pointer("/titleConfig/value"),
                    &at.path("titleConfig/value"),
                );
                doc.link(
                    &c,
                    comp.pointer("/linkConfig/value"),
                    GOODS_PATHS,
                    &at.path("linkConfig/value"),
                );
            }
            "pictureCube" => {
                let c = doc.component("image", &at);
                for (k, (item, ih)) in items(comp, &at, "picStyle/picList").into_iter().enumerate()
                {
                    let ip = format!("{c}/items/{k}");
                    doc.set(&ip, json!({}), ih.loc());
                    doc.text(&format!("{ip}/image"), item.get("image"), &ih.push("image"));
                    doc.link(&ip, item.get("link"), GOODS_PATHS, &ih.push("link"));
                }
            }
            "blankPage" => {
                doc.component("spacer", &at);
            }
            "guide" => {
                doc.component("divider", &at);
            }
            // Activity and service blocks fill themselves: kept, nothing to read.
            other => {
                doc.component(other, &at);
            }
        }
    }
}

fn payment(x: &mut Export, config: Option<&Table>) {
    let Some(t) = config else {
        if x.has_file("eb_system_config") {
            x.bundle.payment = Section::Invalid;
        } else {
            let root = x.dir_loc();
            x.section("payment", Doc::object(), root);
            x.unknown_table(
                "payment",
                "",
                Text::new("微信支付和充值设置", "the WeChat Pay and recharge settings"),
                "eb_system_config",
            );
        }
        return;
    };
    let mut doc = Doc::object();
    let mut any_pay = false;
    for (name, ptr, secret) in [
        ("pay_weixin_open", "/wechat_pay/enabled", false),
        ("pay_weixin_mchid", "/wechat_pay/mch_id", false),
        ("pay_weixin_key", "/wechat_pay/api_key", true),
        ("pay_weixin_key_v3", "/wechat_pay/api_v3_key", true),
        ("pay_weixin_serial_no", "/wechat_pay/cert_serial", false),
    ] {
        if let Some((v, here)) = conf(x, Some(t), name) {
            if !any_pay {
                doc.map("/wechat_pay", here.loc());
                any_pay = true;
            }
            let v = if ptr.ends_with("/enabled") {
                super::flag_value(v)
            } else {
                v
            };
            doc.set(ptr, v, here.loc());
            if secret {
                x.secret(here.loc());
            }
        }
    }
    if any_pay {
        if let Some((v, here)) = conf(x, Some(t), "pay_wechat_type") {
            let version = match text_of(&v).as_deref() {
                Some("1") => Value::from("v3"),
                Some("0") => Value::from("v2"),
                _ => v,
            };
            doc.set("/wechat_pay/key_version", version, here.loc());
        }
    }
    // Recharge (预存款) is possible when the balance function is on and its
    // recharge switch is on.
    let balance = conf(x, Some(t), "balance_func_status");
    let recharge = conf(x, Some(t), "recharge_switch");
    let recharge_on = match (&balance, &recharge) {
        (Some((b, bh)), _) if on(b) == Some(false) => Some((false, bh.clone())),
        (_, Some((r, rh))) => on(r).map(|r| (r, rh.clone())),
        _ => None,
    };
    if let Some((v, h)) = recharge_on {
        doc.set("/finance/prepaid_recharge", v.into(), h.loc());
    }
    let yue = conf(x, Some(t), "yue_pay_status");
    if let (Some((b, bh)), Some((y, yh))) = (&balance, &yue) {
        let (v, h) = if on(b) == Some(false) {
            (false, bh)
        } else {
            (int_of(y) == Some(1), yh)
        };
        doc.set("/finance/balance_payment", v.into(), h.loc());
    }
    x.section("payment", doc, t.root());
}
