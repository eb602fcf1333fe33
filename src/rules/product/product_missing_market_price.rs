//! PRD003 product-missing-market-price.

use super::PriceField;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD003",
    name: "product-missing-market-price",
    severity: Severity::Error,
    area: Area::Product,
    precondition: true,
    summary: Doc {
        zh: "在售商品或规格没有市场价",
        en: "An on-sale product or SKU has no market price",
    },
    what: Doc {
        zh: "检查每个在售商品（或其每个在售规格）的 market_price（市场价 / 划线价 / 原价）是否为大于 0 的金额。",
        en: "Checks that every on-sale product (or each of its on-sale SKUs) has a market_price (市场价 / 划线价 / 原价) above zero.",
    },
    why: Doc {
        zh: "发布前提③要求上架商品同时有销售价和市场价；缺少市场价的商品在商品页显示不完整，审核常以信息不完整驳回。",
        en: "Publish precondition ③ requires on-sale products to carry both a sale price and a market price; without it the product page is incomplete and review rejects it.",
    },
    fix: Doc {
        zh: "在商城后台 商品 → 商品列表 中编辑该商品，填写市场价（划线价/原价），有规格的商品每个规格都要填写。",
        en: "In the store backend open Products → Product list, edit the product and fill in the market price, on every SKU when it has SKUs.",
    },
    example: r#"{ "id": "p1", "title": "猫粮 2kg", "status": "on_sale", "price": "89.00" }"#,
    source: "seed 000 §一.4 ③",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let field = PriceField {
        key: "market_price",
        zh: "市场价",
        en: "market price",
        product: |p| &p.market_price,
        sku: |s| &s.market_price,
    };
    super::check_price(cx, &RULE, &field, out);
}
