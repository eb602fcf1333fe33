//! PRD002 product-missing-price.

use super::PriceField;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD002",
    name: "product-missing-price",
    severity: Severity::Error,
    area: Area::Product,
    precondition: true,
    summary: Doc {
        zh: "在售商品或规格没有销售价",
        en: "An on-sale product or SKU has no sale price",
    },
    what: Doc {
        zh: "检查每个在售（status = on_sale）商品的 price；有规格（skus）的商品检查每个在售规格的 price。空值、0、负数或无法解析的值（如「面议」）都算没有价格。",
        en: "Checks `price` of every on-sale product, or of every on-sale SKU when the product has SKUs. Empty, 0, negative or unparseable values (such as 面议) count as no price.",
    },
    why: Doc {
        zh: "审核人员要能完整走完下单流程；没有价格的商品无法下单，审核会以「功能不完整」驳回（发布前提③：有上架的商品，商品有销售价格、市场价）。",
        en: "The reviewer must be able to place an order; a product without a price cannot be bought, and review rejects the store as incomplete.",
    },
    fix: Doc {
        zh: "在商城后台 商品 → 商品列表 中编辑该商品，为商品（或每个规格）填写销售价；暂不销售的商品请下架。",
        en: "In the store backend open Products → Product list, edit the product and set a sale price on it (or on each SKU); take products you do not sell off the shelf.",
    },
    example: r#"{ "id": "p1", "title": "猫粮 2kg", "status": "on_sale", "price": "" }"#,
    source: "seed 000 §一.4 ③",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let field = PriceField {
        key: "price",
        zh: "销售价",
        en: "sale price",
        product: |p| &p.price,
        sku: |s| &s.price,
    };
    super::check_price(cx, &RULE, &field, out);
}
