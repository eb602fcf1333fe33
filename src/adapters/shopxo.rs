//! ShopXO (gongfuxiang/shopxo, PHP, MIT): the `sxo_*` tables.
//!
//! - products: `sxo_goods` (`title`, `simple_desc`, `min_price`,
//!   `min_original_price` 原价, `inventory`, `is_shelves` 上架,
//!   `is_delete_time`, `images`, `site_type` 3 = virtual), SKUs in
//!   `sxo_goods_spec_base`, categories through `sxo_goods_category_join`
//!   into `sxo_goods_category`;
//! - decoration: the `sxo_diy` page chosen for WeChat in the config
//!   `common_app_home_data_diy_mode` (`{"weixin": {"diy_id": …}}`), its
//!   `config` JSON `{header, footer, diy_data: [{key, com_data: {content}}]}`;
//!   without a chosen page, the classic homepage: `sxo_slide` and
//!   `sxo_app_home_nav` rows for the `weixin` platform;
//! - payment: the `sxo_payment` row `Weixin`, its `config` JSON;
//! - recharge: the `wallet` row of `sxo_plugins`;
//! - the mini program: `sxo_config` rows by `only_tag`;
//! - coupons: the coupon plugin's `sxo_plugins_coupon`.

use serde_json::{json, Value};

use super::{int_of, text_of, Doc, Export, Here, Table};
use crate::bundle::Section;
use crate::diagnostic::Text;

pub const TABLES: &[&str] = &[
    "sxo_goods",
    "sxo_goods_spec_base",
    "sxo_goods_category",
    "sxo_goods_category_join",
    "sxo_diy",
    "sxo_slide",
    "sxo_app_home_nav",
    "sxo_config",
    "sxo_payment",
    "sxo_plugins",
    "sxo_plugins_coupon",
];

/// The product page of ShopXO's uni-app, as links name it.
const GOODS_PATHS: &[&str] = &["/pages/goods-detail/goods-detail"];

pub fn build(x: &mut Export) {
    let config = x.table("sxo_config");
    let config = config.as_deref();
    store(x, config);
    products(x);
    categories(x);
    let shown_coupons = coupons(x);
    decoration(x, config, &shown_coupons);
    payment(x);
}

/// A row of sxo_config by `only_tag`: its value (plain text) and where it is.
fn conf<'t>(t: Option<&'t Table>, tag: &str) -> Option<(&'t Table, &'t super::Row)> {
    let t = t?;
    Some((t, t.find("only_tag", tag)?))
}

fn store(x: &mut Export, config: Option<&Table>) {
    let mut doc = Doc::object();
    for (tag, ptr, secret) in [
        ("common_app_mini_weixin_appid", "/mini_program/appid", false),
        (
            "common_app_mini_weixin_appsecret",
            "/mini_program/app_secret",
            true,
        ),
        ("common_app_mini_weixin_title", "/mini_program/name", false),
        (
            "common_app_mini_weixin_describe",
            "/mini_program/description",
            false,
        ),
        (
            "common_app_mini_weixin_share_original_id",
            "/mini_program/original_id",
            false,
        ),
        (
            "common_app_is_weixin_force_user_base",
            "/access/login_required",
            false,
        ),
    ] {
        if let Some((t, row)) = conf(config, tag) {
            let v = row.get("value").cloned().unwrap_or(Value::Null);
            let v = if ptr == "/access/login_required" {
                super::flag_value(v)
            } else {
                v
            };
            doc.set(ptr, v, t.loc(row, "value"));
            if secret {
                x.secret(t.loc(row, "value"));
            }
        }
    }
    let root = config.map_or(x.dir_loc(), |t| t.root());
    x.section("store", doc, root);
}

fn products(x: &mut Export) {
    let Some(t) = x.products_table("sxo_goods") else {
        return;
    };
    let specs = x.table("sxo_goods_spec_base");
    let specs_of = specs.as_deref().map(|t| t.rows_by("goods_id"));
    let joins = x.table("sxo_goods_category_join");
    let joins_of = joins.as_deref().map(|t| t.rows_by("goods_id"));
    let mut doc = Doc::array();
    for row in &t.rows {
        let p = format!("/{}", doc.len(""));
        doc.row(
            &p,
            &t,
            row,
            &[
                ("id", "id"),
                ("title", "title"),
                ("description", "simple_desc"),
                ("price", "min_price"),
            ],
        );
        let market = if row.get("min_original_price").is_some() {
            "min_original_price"
        } else {
            "original_price"
        };
        doc.cols(
            &p,
            &t,
            row,
            &[
                ("market_price", market),
                ("stock", "inventory"),
                ("images/0", "images"),
            ],
        );
        let deleted = row.int("is_delete_time").is_some_and(|d| d > 0);
        let status = if deleted {
            Some(("deleted", "is_delete_time"))
        } else {
            x.flag(&t, row, "is_shelves")
                .map(|on| (if on { "on_sale" } else { "off_shelf" }, "is_shelves"))
        };
        if let Some((s, col)) = status {
            doc.set(&format!("{p}/status"), s.into(), t.loc(row, col));
        }
        if let Some(site) = row.int("site_type") {
            doc.set(
                &format!("{p}/virtual"),
                (site == 3).into(),
                t.loc(row, "site_type"),
            );
        }
        let Some(id) = row.text("id") else { continue };
        if let (Some(j), Some(by)) = (joins.as_deref(), &joins_of) {
            if let Some(jrow) = by.get(&id).and_then(|rows| rows.first()) {
                doc.col(&format!("{p}/category_id"), j, jrow, "category_id");
            }
        }
        let Some(specs) = specs.as_deref() else {
            continue;
        };
        let rows = specs_of.as_ref().and_then(|by| by.get(&id));
        for srow in rows.into_iter().flatten() {
            let s = format!("{p}/skus/{}", doc.len(&format!("{p}/skus")));
            doc.row(
                &s,
                specs,
                srow,
                &[
                    ("id", "id"),
                    ("price", "price"),
                    ("market_price", "original_price"),
                    ("stock", "inventory"),
                ],
            );
        }
    }
    x.section("products", doc, t.root());
}

fn categories(x: &mut Export) {
    super::shop_categories(x, "sxo_goods_category", "name");
}

/// Coupons of the coupon plugin; returns the ids users can take (what an
/// automatic coupon component shows).
fn coupons(x: &mut Export) -> Vec<String> {
    let Some(t) = x.coupons_table("sxo_plugins_coupon") else {
        return Vec::new();
    };
    let mut doc = Doc::array();
    let mut shown = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let p = format!("/{i}");
        doc.row(
            &p,
            &t,
            row,
            &[
                ("id", "id"),
                ("title", "name"),
                ("amount", "discount_value"),
                ("min_spend", "where_order_price"),
            ],
        );
        let enabled = x.flag(&t, row, "is_enable");
        if let Some(on) = enabled {
            let s = if on { "active" } else { "inactive" };
            doc.set(&format!("{p}/status"), s.into(), t.loc(row, "is_enable"));
        }
        if row.get("is_regster_send").is_some() {
            let kind = if row.is("is_regster_send", 1) {
                "newcomer"
            } else {
                "discount"
            };
            doc.set(
                &format!("{p}/kind"),
                kind.into(),
                t.loc(row, "is_regster_send"),
            );
        }
        if enabled == Some(true) && row.is("is_user_receive", 1) {
            shown.extend(row.text("id"));
        }
    }
    x.section("coupons", doc, t.root());
    shown
}

/// The id of the DIY page chosen as the WeChat homepage, and where the choice is.
fn home_diy(x: &mut Export, config: Option<&Table>) -> (Option<String>, Option<Here>) {
    let Some((t, row)) = conf(config, "common_app_home_data_diy_mode") else {
        return (None, None);
    };
    let here = Here::of(t, row, "value");
    let Some(mode) = x.json(t, row, "value") else {
        return (None, Some(here));
    };
    let id = match mode.get("weixin") {
        Some(Value::Object(m)) => m.get("diy_id").and_then(text_of),
        Some(v) => text_of(v),
        None => None,
    };
    let at = match mode.get("weixin") {
        Some(Value::Object(_)) => here.push("weixin").push("diy_id"),
        Some(_) => here.push("weixin"),
        None => here,
    };
    (id.filter(|i| i != "0"), Some(at))
}

fn decoration(x: &mut Export, config: Option<&Table>, shown_coupons: &[String]) {
    let (diy_id, choice) = home_diy(x, config);
    let page = match (&diy_id, x.table("sxo_diy")) {
        (Some(id), Some(t)) => {
            let row = t
                .rows
                .iter()
                .position(|r| r.text("id").as_deref() == Some(id.as_str()) && r.is("is_enable", 1));
            row.map(|i| (t, i))
        }
        _ => None,
    };
    if let Some((t, i)) = page {
        let row = &t.rows[i];
        let here = Here::of(&t, row, "config");
        let mut doc = Doc::object();
        doc.set("/template", "custom".into(), here.loc());
        doc.set("/components", json!([]), here.loc());
        if let Some(config) = x.json(&t, row, "config") {
            doc.text(
                "/title",
                config.pointer("/header/com_data/content/title"),
                &here.path("header/com_data/content/title"),
            );
            diy_components(&mut doc, &config, &here, shown_coupons);
        }
        x.section("decoration", doc, t.row_loc(row));
        return;
    }
    classic_home(x, choice);
}

/// The homepage without a DIY page: slides and navigation icons for WeChat.
fn classic_home(x: &mut Export, choice: Option<Here>) {
    let slides = x.table("sxo_slide");
    let navs = x.table("sxo_app_home_nav");
    if slides.is_none() && navs.is_none() && !x.has_file("sxo_slide") {
        let root = x.dir_loc();
        x.section("decoration", Doc::object(), root);
        x.unknown_table(
            "decoration",
            "",
            Text::new("首页装修", "the homepage decoration"),
            "sxo_diy / sxo_slide",
        );
        return;
    }
    let mut doc = Doc::object();
    let root = choice
        .as_ref()
        .map(Here::loc)
        .or_else(|| slides.as_deref().map(|t| t.root()))
        .unwrap_or_else(|| x.dir_loc());
    doc.set("/components", json!([]), root.clone());
    let for_weixin = |x: &mut Export, t: &Table, row: &super::Row| -> bool {
        let platforms = x.json(t, row, "platform");
        row.is("is_enable", 1)
            && match platforms {
                Some(Value::Array(p)) => p.iter().any(|v| v.as_str() == Some("weixin")),
                Some(Value::String(s)) => s.split(',').any(|p| p.trim() == "weixin"),
                _ => true,
            }
    };
    for (t, kind) in [(slides, "banner"), (navs, "nav")] {
        let Some(t) = t else { continue };
        let rows: Vec<&super::Row> = t.rows.iter().filter(|r| for_weixin(x, &t, r)).collect();
        if rows.is_empty() {
            continue;
        }
        let c = doc.component(
            kind,
            &Here {
                file: t.file,
                ptr: t.prefix.clone(),
            },
        );
        for (k, row) in rows.into_iter().enumerate() {
            let ip = format!("{c}/items/{k}");
            doc.row(&ip, &t, row, &[("image", "images_url")]);
            if kind == "nav" {
                doc.col(&format!("{ip}/text"), &t, row, "name");
            }
            let value = row.get("event_value");
            let at = Here::of(&t, row, "event_value");
            match row.int("event_type") {
                Some(0) | Some(1) => doc.link(&ip, value, GOODS_PATHS, &at),
                Some(2) => {
                    let appid = value.and_then(text_of).map(|v| format!("appid://{v}"));
                    doc.link(&ip, appid.map(Value::from).as_ref(), GOODS_PATHS, &at);
                }
                _ => {}
            }
        }
    }
    // The classic homepage counts as the platform's template until a slide
    // or navigation icon is set for WeChat.
    let decorated = doc.len("/components") > 0;
    doc.set(
        "/template",
        if decorated { "custom" } else { "default" }.into(),
        root.clone(),
    );
    x.section("decoration", doc, root);
}

/// The image URL of an upload list (`[{url}]`).
fn upload(v: Option<&Value>) -> Option<(&Value, String)> {
    match v? {
        Value::Array(list) => list.iter().enumerate().find_map(|(i, u)| {
            u.get("url")
                .filter(|u| text_of(u).is_some())
                .map(|u| (u, format!("{i}/url")))
        }),
        Value::String(_) => Some((v?, String::new())),
        _ => None,
    }
}

/// A ShopXO link object (`{id, name, page}`) at `at`: its `page`.
fn link_page(doc: &mut Doc, ip: &str, link: Option<&Value>, at: &Here) {
    match link {
        Some(Value::Object(m)) => doc.link(ip, m.get("page"), GOODS_PATHS, &at.push("page")),
        Some(v @ Value::String(_)) => doc.link(ip, Some(v), GOODS_PATHS, at),
        _ => {}
    }
}

/// The items of a list in a component's content, with where each is.
fn list<'v>(content: &'v Value, at: &Here, key: &str) -> Vec<(&'v Value, Here)> {
    match content.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(k, v)| (v, at.push(key).push(&k.to_string())))
            .collect(),
        _ => Vec::new(),
    }
}

fn diy_components(doc: &mut Doc, config: &Value, here: &Here, shown_coupons: &[String]) {
    let Some(Value::Array(data)) = config.get("diy_data") else {
        return;
    };
    for (n, item) in data.iter().enumerate() {
        let at = here.push("diy_data").push(&n.to_string());
        let Some(key) = item.get("key").and_then(text_of) else {
            continue;
        };
        let empty = json!({});
        let content = item.pointer("/com_data/content").unwrap_or(&empty);
        let ch = at.path("com_data/content");
        match key.as_str() {
            "search" => {
                let c = doc.component("search", &at);
                doc.text(
                    &format!("{c}/placeholder"),
                    content.get("tips"),
                    &ch.push("tips"),
                );
            }
            "carousel" => {
                let c = doc.component("banner", &at);
                for (k, (it, ih)) in list(content, &ch, "carousel_list").into_iter().enumerate() {
                    let ip = format!("{c}/items/{k}");
                    doc.set(&ip, json!({}), ih.loc());
                    if let Some((url, sub)) = upload(it.get("carousel_img")) {
                        doc.text(
                            &format!("{ip}/image"),
                            Some(url),
                            &ih.push("carousel_img").path(&sub),
                        );
                    }
                    link_page(doc, &ip, it.get("carousel_link"), &ih.push("carousel_link"));
                }
            }
            "nav-group" => {
                let c = doc.component("nav", &at);
                for (k, (it, ih)) in list(content, &ch, "nav_content_list")
                    .into_iter()
                    .enumerate()
                {
                    let ip = format!("{c}/items/{k}");
                    doc.set(&ip, json!({}), ih.loc());
                    if let Some((url, sub)) = upload(it.get("img")) {
                        doc.text(
                            &format!("{ip}/image"),
                            Some(url),
                            &ih.push("img").path(&sub),
                        );
                    }
                    doc.text(&format!("{ip}/text"), it.get("title"), &ih.push("title"));
                    link_page(doc, &ip, it.get("link"), &ih.push("link"));
                }
            }
            "notice" => {
                let c = doc.component("notice", &at);
                if content.get("title_type").and_then(text_of).as_deref() == Some("text") {
                    doc.text(
                        &format!("{c}/title"),
                        content.get("title"),
                        &ch.push("title"),
                    );
                }
                let lines: Vec<(&Value, Here)> = list(content, &ch, "notice_list")
                    .into_iter()
                    .filter(|(it, _)| it.get("is_show").and_then(int_of) != Some(0))
                    .collect();
                for (k, (it, ih)) in lines.into_iter().enumerate() {
                    let ip = if k == 0 {
                        c.clone()
                    } else {
                        let ip = format!("{c}/items/{}", k - 1);
                        doc.set(&ip, json!({}), ih.loc());
                        ip
                    };
                    doc.text(
                        &format!("{ip}/text"),
                        it.get("notice_title"),
                        &ih.push("notice_title"),
                    );
                    link_page(doc, &ip, it.get("notice_link"), &ih.push("notice_link"));
                }
            }
            "goods-list" => {
                let manual = content.get("data_type").and_then(int_of).unwrap_or(0) == 0;
                let picked = list(content, &ch, "data_list");
                if !manual || picked.is_empty() {
                    doc.component("goods_auto", &at);
                    continue;
                }
                let c = doc.component("goods", &at);
                for (k, (it, ih)) in picked.into_iter().enumerate() {
                    doc.text(
                        &format!("{c}/products/{k}"),
                        it.pointer("/data/id"),
                        &ih.path("data/id"),
                    );
                }
            }
            "coupon" => {
                let c = doc.component("coupon", &at);
                let manual = content.get("data_type").and_then(int_of).unwrap_or(0) == 0;
                let picked = list(content, &ch, "data_list");
                if manual && !picked.is_empty() {
                    // The page keeps a copy of each chosen coupon.
                    for (k, (it, ih)) in picked.into_iter().enumerate() {
                        let ip = format!("{c}/coupons/{k}");
                        doc.set(&ip, json!({}), ih.loc());
                        doc.text(
                            &format!("{ip}/title"),
                            it.pointer("/data/name"),
                            &ih.path("data/name"),
                        );
                    }
                } else {
                    for (k, id) in shown_coupons.iter().enumerate() {
                        doc.set(&format!("{c}/coupons/{k}"), id.as_str().into(), at.loc());
                    }
                }
            }
            "rich-text" => {
                let c = doc.component("rich_text", &at);
                doc.text(&format!("{c}/html"), content.get("html"), &ch.push("html"));
            }
            "title" => {
                let c = doc.component("title", &at);
                doc.text(
                    &format!("{c}/text"),
                    content.get("title"),
                    &ch.push("title"),
                );
                doc.text(
                    &format!("{c}/subtitle"),
                    content.get("subtitle"),
                    &ch.push("subtitle"),
                );
                link_page(doc, &c, content.get("title_link"), &ch.push("title_link"));
            }
            other => {
                // Kept with its images and links; its texts are labels and
                // settings as often as visible words, so they are not read.
                let c = doc.component(other, &at);
                let mut found = Vec::new();
                scan(content, &ch, 0, &mut found);
                for (k, (kind, v, h)) in found.into_iter().enumerate() {
                    let ip = format!("{c}/items/{k}");
                    doc.set(&ip, json!({}), h.loc());
                    match kind {
                        Scan::Image => doc.text(&format!("{ip}/image"), Some(v), &h),
                        Scan::Link => link_page(doc, &ip, Some(v), &h),
                    }
                }
            }
        }
    }
}

enum Scan {
    Image,
    Link,
}

/// Images (`url` of an upload list) and links (`{page}` objects under a key
/// ending in `link`) anywhere in a component's content.
fn scan<'v>(v: &'v Value, at: &Here, depth: usize, out: &mut Vec<(Scan, &'v Value, Here)>) {
    if depth > 16 {
        return;
    }
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let h = at.push(k);
                if k.ends_with("link") && child.get("page").is_some() {
                    out.push((Scan::Link, child, h));
                } else if k == "url" && text_of(child).is_some_and(|u| u.contains('/')) {
                    out.push((Scan::Image, child, h));
                } else {
                    scan(child, &h, depth + 1, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                scan(child, &at.push(&i.to_string()), depth + 1, out);
            }
        }
        _ => {}
    }
}

fn payment(x: &mut Export) {
    let pay = x.table("sxo_payment");
    let plugins = x.table("sxo_plugins");
    if pay.is_none() && x.has_file("sxo_payment") {
        x.bundle.payment = Section::Invalid;
        return;
    }
    let mut doc = Doc::object();
    let root = pay
        .as_deref()
        .map(|t| t.root())
        .unwrap_or_else(|| x.dir_loc());
    if let Some(t) = pay.as_deref() {
        if let Some(row) = t.find("payment", "Weixin") {
            doc.map("/wechat_pay", t.row_loc(row));
            let enabled = x.flag(t, row, "is_enable");
            // Enabled, and for the WeChat mini program among its terminals.
            let terminals = x.json(t, row, "apply_terminal");
            let for_weixin = match &terminals {
                Some(Value::Array(list)) => list.iter().any(|v| v.as_str() == Some("weixin")),
                _ => true,
            };
            match enabled {
                Some(true) if !for_weixin => doc.set(
                    "/wechat_pay/enabled",
                    false.into(),
                    t.loc(row, "apply_terminal"),
                ),
                Some(on) => doc.set("/wechat_pay/enabled", on.into(), t.loc(row, "is_enable")),
                None => doc.put("/wechat_pay", json!({})),
            }
            let here = Here::of(t, row, "config");
            let config = x.json(t, row, "config").unwrap_or(Value::Null);
            // The Weixin payment plugin signs with the APIv2 key.
            doc.set("/wechat_pay/key_version", "v2".into(), here.loc());
            for (key, ptr) in [
                ("mch_id", "/wechat_pay/mch_id"),
                ("mini_appid", "/wechat_pay/appid"),
                ("key", "/wechat_pay/api_key"),
            ] {
                if let Some(v) = config.get(key) {
                    doc.set(ptr, v.clone(), here.push(key).loc());
                }
            }
            for secret in ["key", "apiclient_key"] {
                if config.get(secret).is_some() {
                    x.secret(here.push(secret).loc());
                }
            }
        }
    }
    // Recharge (钱包充值) is on while the wallet plugin is enabled.
    if let Some(t) = plugins.as_deref() {
        if let Some(row) = t.find("plugins", "wallet") {
            if let Some(on) = x.flag(t, row, "is_enable") {
                doc.set(
                    "/finance/prepaid_recharge",
                    on.into(),
                    t.loc(row, "is_enable"),
                );
            }
        }
    }
    x.section("payment", doc, root);
    if pay.is_none() {
        x.unknown_table(
            "payment",
            "/wechat_pay",
            Text::new("微信支付设置", "the WeChat Pay settings"),
            "sxo_payment",
        );
    }
}
