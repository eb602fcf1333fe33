//! PRD004 market-price-below-price.

use super::with_product;
use crate::bundle::money::Money;
use crate::bundle::{Place, Price};
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD004",
    name: "market-price-below-price",
    severity: Severity::Warning,
    area: Area::Product,
    precondition: false,
    summary: Doc {
        zh: "市场价低于销售价，或高于销售价的 10 倍",
        en: "The market price is below the sale price, or more than 10× it",
    },
    what: Doc {
        zh: "对每个在售商品（有规格时对每个在售规格）比较市场价 market_price 与销售价 price：市场价低于销售价，或超过销售价的 10 倍（恰好 10 倍不算）时触发。金额按精确小数比较（39.9 与 39.90 相等），不用浮点数。只在两个价格都填写且大于 0 时判断；缺少价格由 PRD002 / PRD003 检查。有规格的商品只看规格上的价格（与 PRD002 / PRD003 一致）。",
        en: "For every on-sale product (every on-sale SKU when it has SKUs) compares market_price with price: fires when the market price is below the sale price, or more than 10 times it (exactly 10 times is fine). Amounts are compared as exact decimals (39.9 equals 39.90), never as floats. Only judged when both prices are set and above zero; missing prices are PRD002 / PRD003. A product with SKUs is judged by its SKUs' prices only (as PRD002 / PRD003 do).",
    },
    why: Doc {
        zh: "市场价在小程序里显示为划线价 / 原价。划线价低于售价会让商品看起来在「涨价促销」，明显是填错；划线价是售价的十几倍则像虚构原价，属于虚假宣传（运营规范 6.1.7「虚假活动、虚假宣传」，《明码标价和禁止价格欺诈规定》第十九条要求划线价是真实的原价）。审核人员会逐个打开商品，价格异常常被认为商品信息不真实而驳回。",
        en: "The market price is shown as the struck-through \"original\" price. One below the sale price makes the product look marked up, which is plainly a data error; one over ten times the sale price looks like an invented original price, which is false advertising (运营规范 6.1.7; the 明码标价和禁止价格欺诈规定 require a struck-through price to be a real earlier price). Reviewers open products and reject stores whose prices look fake.",
    },
    fix: Doc {
        zh: "在商城后台 商品 → 商品列表 中编辑该商品（或规格），把市场价改为真实的原价：不低于销售价，也不要虚高；没有原价时可把市场价设为与销售价相同。",
        en: "In the store backend open Products → Product list, edit the product (or SKU) and set the market price to the real original price: not below the sale price and not inflated; without an original price, set it equal to the sale price.",
    },
    example: r#"{ "id": "p1003", "title": "成犬全价狗粮 10kg", "status": "on_sale", "price": "239.00", "market_price": "199.00" }"#,
    source: "运营规范 6.1.7; 明码标价和禁止价格欺诈规定 §19",
    check: Check::Native(check),
};

/// How many times the sale price a market price may be.
const MAX_RATIO: i128 = 10;

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(products) = cx.bundle.products.get() else {
        return;
    };
    for p in products.items.iter().filter(|p| p.on_sale()) {
        let skus: Vec<_> = p.skus_on_sale().collect();
        // What is judged, as the message names it; spelt out only for a finding.
        let mut judge =
            |place: &Place, price: &Price, market: &Price, what: &dyn Fn() -> (String, String)| {
                let (Some(price), Some(market)) = (price.amount, market.amount) else {
                    return;
                };
                if !price.is_positive() || !market.is_positive() {
                    return;
                }
                let Some((zh, en, lz, le)) = judge_prices(price, market) else {
                    return;
                };
                let (what_zh, what_en) = what();
                out.push(with_product(
                    RULE.diag(
                        place.field("market_price"),
                        format!("在售{what_zh}的{zh}"),
                        format!("on-sale {what_en}: {en}"),
                    )
                    .with_label(lz, le),
                    p,
                ));
            };
        if skus.is_empty() {
            judge(&p.place, &p.price, &p.market_price, &|| {
                let label = p.label();
                (format!("商品「{label}」"), format!("product \"{label}\""))
            });
        } else {
            for s in skus {
                let sku_id = s.id.as_deref().unwrap_or("?");
                judge(&s.place, &s.price, &s.market_price, &|| {
                    let label = p.label();
                    (
                        format!("商品「{label}」规格 {sku_id} "),
                        format!("product \"{label}\" SKU {sku_id}"),
                    )
                });
            }
        }
    }
}

/// What is wrong with a (sale, market) pair of positive prices, if anything:
/// (message zh, en; label zh, en).
fn judge_prices(price: Money, market: Money) -> Option<(String, String, String, String)> {
    if market < price {
        Some((
            format!("市场价 {market} 低于销售价 {price}"),
            format!("the market price {market} is below the sale price {price}"),
            "低于销售价".into(),
            "below the sale price".into(),
        ))
    } else if market > price.times(MAX_RATIO) {
        Some((
            format!("市场价 {market} 超过销售价 {price} 的 {MAX_RATIO} 倍"),
            format!("the market price {market} is more than {MAX_RATIO}× the sale price {price}"),
            format!("超过 {MAX_RATIO} 倍"),
            format!("over {MAX_RATIO}×"),
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn compares_exact_amounts() {
        assert!(judge_prices(m("39.90"), m("39.9")).is_none());
        assert!(judge_prices(m("45"), m("450.00")).is_none());
        assert!(judge_prices(m("45"), m("450.01")).is_some());
        assert!(judge_prices(m("0.1"), m("1.0")).is_none());
        assert!(judge_prices(m("239"), m("199")).is_some());
    }
}
