//! likeshop (likeadmin-likeshop/likeshop, PHP): the `ls_*` tables.
//!
//! - products: `ls_goods` (`name`, `remark`, `status` -1 回收站 / 0 下架 /
//!   1 上架, `del`, `min_price`, `market_price`, `stock`, `image`, the most
//!   specific of `third/second/first_category_id`), SKUs in `ls_goods_item`;
//!   shop categories `ls_goods_category`;
//! - decoration: likeshop has no free-form page builder. Its homepage shows
//!   the banners of the homepage ad positions (`ls_ad` whose `pid` is an
//!   `ls_ad_position` of the mobile client named 首页…; position 1 when the
//!   positions are not exported) and the navigation icons (`ls_menu_decorate`
//!   with `decorate_type` 1). Every install ships the same icons, so the
//!   homepage counts as the untouched template until a banner is set;
//! - payment: the `ls_dev_pay` row `wechat`, its `config` JSON;
//! - recharge and the mini program: `ls_config` rows (`type`, `name`,
//!   `value`): `recharge` / `open_racharge` (spelled so in likeshop), `mnp` /
//!   `app_id`, `secret`, `name`, `original_id`;
//! - coupons: `ls_coupon`.

use serde_json::{json, Value};

use super::{text_of, Doc, Export, Here, Row, Table};
use crate::bundle::Section;
use crate::diagnostic::Text;

pub const TABLES: &[&str] = &[
    "ls_goods",
    "ls_goods_item",
    "ls_goods_category",
    "ls_ad",
    "ls_ad_position",
    "ls_menu_decorate",
    "ls_config",
    "ls_dev_pay",
    "ls_coupon",
];

/// The product page of likeshop's uni-app.
const GOODS_PATHS: &[&str] = &["/pages/goods_details/goods_details"];

pub fn build(x: &mut Export) {
    let config = x.table("ls_config");
    let config = config.as_deref();
    store(x, config);
    products(x);
    categories(x);
    decoration(x);
    payment(x, config);
    coupons(x);
}

/// A row of ls_config by type and name.
fn conf<'t>(t: Option<&'t Table>, kind: &str, name: &str) -> Option<(&'t Table, &'t Row)> {
    let t = t?;
    let row = t.rows.iter().find(|r| {
        r.text("type").as_deref() == Some(kind) && r.text("name").as_deref() == Some(name)
    })?;
    Some((t, row))
}

fn store(x: &mut Export, config: Option<&Table>) {
    let mut doc = Doc::object();
    for (name, ptr, secret) in [
        ("app_id", "/mini_program/appid", false),
        ("secret", "/mini_program/app_secret", true),
        ("name", "/mini_program/name", false),
        ("original_id", "/mini_program/original_id", false),
    ] {
        if let Some((t, row)) = conf(config, "mnp", name) {
            let v = row.get("value").cloned().unwrap_or(Value::Null);
            doc.set(ptr, v, t.loc(row, "value"));
            if secret {
                x.secret(t.loc(row, "value"));
            }
        }
    }
    // likeshop's mini program can be browsed without logging in; a store.json
    // beside the export can say otherwise.
    doc.set("/access/login_required", Value::Bool(false), x.dir_loc());
    let root = config.map_or(x.dir_loc(), |t| t.root());
    x.section("store", doc, root);
}

fn products(x: &mut Export) {
    let Some(t) = x.products_table("ls_goods") else {
        return;
    };
    let items = x.table("ls_goods_item");
    let items_of = items.as_deref().map(|t| t.rows_by("goods_id"));
    let mut doc = Doc::array();
    for row in &t.rows {
        let p = format!("/{}", doc.len(""));
        doc.row(
            &p,
            &t,
            row,
            &[
                ("id", "id"),
                ("title", "name"),
                ("description", "remark"),
                ("price", "min_price"),
                ("market_price", "market_price"),
                ("stock", "stock"),
                ("images/0", "image"),
            ],
        );
        let deleted = x.flag(&t, row, "del") == Some(true);
        let status = match (deleted, row.int("status")) {
            (true, _) => Some(("deleted", "del")),
            (false, Some(1)) => Some(("on_sale", "status")),
            (false, Some(0)) => Some(("off_shelf", "status")),
            (false, Some(-1)) => Some(("deleted", "status")),
            (false, Some(_)) => {
                x.error(
                    t.loc(row, "status"),
                    "ls_goods.status 应为 -1、0 或 1；该值按未配置处理".into(),
                    "ls_goods.status must be -1, 0 or 1; it is treated as not configured".into(),
                );
                None
            }
            (false, None) => None,
        };
        if let Some((s, col)) = status {
            doc.set(&format!("{p}/status"), s.into(), t.loc(row, col));
        }
        if let Some(col) = [
            "third_category_id",
            "second_category_id",
            "first_category_id",
        ]
        .into_iter()
        .find(|c| row.int(c).is_some_and(|v| v > 0))
        {
            doc.col(&format!("{p}/category_id"), &t, row, col);
        }
        let (Some(items), Some(id)) = (items.as_deref(), row.text("id")) else {
            continue;
        };
        let rows = items_of.as_ref().and_then(|by| by.get(&id));
        for irow in rows.into_iter().flatten() {
            let s = format!("{p}/skus/{}", doc.len(&format!("{p}/skus")));
            doc.row(
                &s,
                items,
                irow,
                &[
                    ("id", "id"),
                    ("price", "price"),
                    ("market_price", "market_price"),
                    ("stock", "stock"),
                ],
            );
        }
    }
    x.section("products", doc, t.root());
}

fn categories(x: &mut Export) {
    super::shop_categories(x, "ls_goods_category", "name");
}

/// Whether a row is live: status 1 (where there is one) and not deleted.
fn live(row: &Row, status: &str) -> bool {
    !row.is("del", 1) && (row.get(status).is_none() || row.is(status, 1))
}

fn decoration(x: &mut Export) {
    let Some(ads) = x.table("ls_ad") else {
        if x.has_file("ls_ad") {
            x.bundle.decoration = Section::Invalid;
        } else {
            let root = x.dir_loc();
            x.section("decoration", Doc::object(), root);
            x.unknown_table(
                "decoration",
                "",
                Text::new("首页轮播广告", "the homepage banners"),
                "ls_ad",
            );
        }
        return;
    };
    // The homepage ad positions of the mobile client.
    let homepage_positions: Vec<String> = match x.table("ls_ad_position") {
        Some(pos) => pos
            .rows
            .iter()
            .filter(|r| live(r, "status") && r.is("client", 1))
            .filter(|r| r.text("name").is_some_and(|n| n.starts_with("首页")))
            .filter_map(|r| r.text("id"))
            .collect(),
        None => vec!["1".to_string()],
    };
    let mut doc = Doc::object();
    let root = ads.root();
    doc.set("/components", json!([]), root.clone());
    let banners: Vec<&Row> = ads
        .rows
        .iter()
        .filter(|r| live(r, "status") && (r.get("client").is_none() || r.is("client", 1)))
        .filter(|r| {
            r.text("pid")
                .is_some_and(|p| homepage_positions.contains(&p))
        })
        .collect();
    if !banners.is_empty() {
        let c = doc.component(
            "banner",
            &Here {
                file: ads.file,
                ptr: ads.prefix.clone(),
            },
        );
        for (k, row) in banners.iter().enumerate() {
            let ip = format!("{c}/items/{k}");
            doc.row(&ip, &ads, row, &[("image", "image")]);
            let at = Here::of(&ads, row, "link");
            let link = row.get("link");
            match row.int("link_type") {
                // A goods page: the link is the goods id.
                Some(2) => {
                    if let Some(id) = link.and_then(text_of) {
                        doc.set(&format!("{ip}/link/product"), id.into(), at.loc());
                        doc.map(&format!("{ip}/link"), at.loc());
                    }
                }
                // A mall page (by its id) or a custom link.
                Some(1) => {
                    if let Some(page) = link.and_then(text_of) {
                        doc.set(&format!("{ip}/link/page"), page.into(), at.loc());
                        doc.map(&format!("{ip}/link"), at.loc());
                    }
                }
                Some(3) => doc.link(&ip, link, GOODS_PATHS, &at),
                _ => {}
            }
        }
    }
    if let Some(menus) = x.table("ls_menu_decorate") {
        let icons: Vec<&Row> = menus
            .rows
            .iter()
            .filter(|r| r.is("decorate_type", 1) && !r.is("del", 1) && !r.is("is_show", 0))
            .collect();
        if !icons.is_empty() {
            let c = doc.component(
                "nav",
                &Here {
                    file: menus.file,
                    ptr: menus.prefix.clone(),
                },
            );
            for (k, row) in icons.into_iter().enumerate() {
                let ip = format!("{c}/items/{k}");
                doc.row(&ip, &menus, row, &[("text", "name"), ("image", "image")]);
                let at = Here::of(&menus, row, "link_address");
                match row.int("link_type") {
                    Some(2) => doc.link(&ip, row.get("link_address"), GOODS_PATHS, &at),
                    _ => {
                        if let Some(page) = row.text("link_address") {
                            doc.set(&format!("{ip}/link/page"), page.into(), at.loc());
                            doc.map(&format!("{ip}/link"), at.loc());
                        }
                    }
                }
            }
        }
    }
    let template = if banners.is_empty() {
        "default"
    } else {
        "custom"
    };
    doc.set("/template", template.into(), root.clone());
    x.section("decoration", doc, root);
}

fn payment(x: &mut Export, config: Option<&Table>) {
    let pay = x.table("ls_dev_pay");
    if pay.is_none() && x.has_file("ls_dev_pay") {
        x.bundle.payment = Section::Invalid;
        return;
    }
    let mut doc = Doc::object();
    let root = pay
        .as_deref()
        .map(|t| t.root())
        .unwrap_or_else(|| x.dir_loc());
    if let Some(t) = pay.as_deref() {
        if let Some(row) = t.find("code", "wechat") {
            doc.map("/wechat_pay", t.row_loc(row));
            match x.flag(t, row, "status") {
                Some(on) => doc.set("/wechat_pay/enabled", on.into(), t.loc(row, "status")),
                None => doc.put("/wechat_pay", json!({})),
            }
            let here = Here::of(t, row, "config");
            let config = x.json(t, row, "config").unwrap_or(Value::Null);
            // likeshop signs with the APIv2 key (pay_sign_key).
            doc.set("/wechat_pay/key_version", "v2".into(), here.loc());
            for (key, ptr) in [
                ("mch_id", "/wechat_pay/mch_id"),
                ("pay_sign_key", "/wechat_pay/api_key"),
            ] {
                if let Some(v) = config.get(key) {
                    doc.set(ptr, v.clone(), here.push(key).loc());
                }
            }
            for secret in ["pay_sign_key", "apiclient_key"] {
                if config.get(secret).is_some() {
                    x.secret(here.push(secret).loc());
                }
            }
        }
    }
    if let Some((t, row)) = conf(config, "recharge", "open_racharge") {
        if let Some(on) = x.flag(t, row, "value") {
            doc.set("/finance/prepaid_recharge", on.into(), t.loc(row, "value"));
        }
    }
    x.section("payment", doc, root);
    if pay.is_none() {
        x.unknown_table(
            "payment",
            "/wechat_pay",
            Text::new("微信支付设置", "the WeChat Pay settings"),
            "ls_dev_pay",
        );
    }
}

fn coupons(x: &mut Export) {
    let Some(t) = x.coupons_table("ls_coupon") else {
        return;
    };
    let mut doc = Doc::array();
    for (i, row) in t.rows.iter().enumerate() {
        let p = format!("/{i}");
        doc.row(
            &p,
            &t,
            row,
            &[
                ("id", "id"),
                ("title", "name"),
                ("amount", "money"),
                ("min_spend", "condition_money"),
            ],
        );
        let deleted = x.flag(&t, row, "del") == Some(true);
        let status = match (deleted, row.int("status")) {
            (true, _) => Some(("deleted", "del")),
            (false, Some(1)) => Some(("active", "status")),
            (false, Some(_)) => Some(("inactive", "status")),
            (false, None) => None,
        };
        if let Some((s, col)) = status {
            doc.set(&format!("{p}/status"), s.into(), t.loc(row, col));
        }
    }
    x.section("coupons", doc, t.root());
}
