//! PRD001 no-listed-products.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD001",
    name: "no-listed-products",
    severity: Severity::Error,
    area: Area::Product,
    precondition: true,
    summary: Doc {
        zh: "没有可购买的上架商品",
        en: "No product is on sale, priced and in stock",
    },
    what: Doc {
        zh: "检查是否至少有一个商品同时满足：在售（status = on_sale）、有销售价（有规格时每个在售规格都有价格）、库存大于 0（未填写库存按 0 计）。没有 products.json / products.csv 时也会触发。",
        en: "Checks that at least one product is on sale (status = on_sale), priced (every on-sale SKU when it has SKUs) and has stock above zero (a missing stock counts as 0). Also fires when there is no products.json / products.csv.",
    },
    why: Doc {
        zh: "审核人员需要完整体验下单流程；商城没有可买的商品时，审核会以「小程序内容为空 / 功能不完整」驳回（发布前提③）。",
        en: "The reviewer must be able to buy something; a store with nothing to buy is rejected as empty or incomplete (publish precondition ③).",
    },
    fix: Doc {
        zh: "在商城后台 商品 → 商品列表 中上架至少一个商品，并填写销售价、市场价和库存。",
        en: "In the store backend open Products → Product list and put at least one product on sale with a sale price, a market price and stock.",
    },
    example: r#"{ "products": [ { "id": "p1", "status": "off_shelf", "price": "89.00", "stock": 0 } ] }"#,
    source: "seed 000 §一.4 ③",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let bundle = cx.bundle;
    if bundle.products.is_missing() {
        let (zh, en) = if bundle.single_file {
            (
                "单文件包中没有 \"products\"，商城没有商品".to_string(),
                "the bundle has no \"products\" section, so the store has no products".to_string(),
            )
        } else {
            (
                "缺少 products.json（或 products.csv），商城没有商品".to_string(),
                "products.json (or products.csv) is missing, so the store has no products"
                    .to_string(),
            )
        };
        out.push(RULE.diag(bundle.missing_location(), zh, en));
        return;
    }
    let Some(products) = bundle.products.get() else {
        return;
    };
    if products.items.iter().any(|p| p.is_sellable()) {
        return;
    }
    let total = products.items.len();
    let on_sale = products.items.iter().filter(|p| p.on_sale()).count();
    let (zh, en) = if total == 0 {
        (
            "商品列表为空".to_string(),
            "the product list is empty".to_string(),
        )
    } else if on_sale == 0 {
        (
            format!("{total} 个商品中没有在售（上架）的商品"),
            format!("none of the {total} products is on sale"),
        )
    } else {
        (
            format!("{on_sale} 个在售商品都缺少价格或库存，没有可以下单的商品"),
            format!(
                "all {on_sale} on-sale products lack a price or stock, so nothing can be ordered"
            ),
        )
    };
    out.push(
        RULE.diag(products.list.clone(), zh, en)
            .with_label("无可售商品", "nothing to buy"),
    );
}
