pub mod market_price_below_price;
pub mod no_listed_products;
pub mod product_missing_market_price;
pub mod product_missing_price;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &no_listed_products::RULE,
    &product_missing_price::RULE,
    &product_missing_market_price::RULE,
    &market_price_below_price::RULE,
];

use crate::bundle::{Place, Price, Product};
use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule};

/// Which price a rule checks.
pub(crate) struct PriceField {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub product: fn(&Product) -> &Price,
    pub sku: fn(&crate::bundle::Sku) -> &Price,
}

/// Reports every on-sale product (or, for a product with SKUs, every on-sale
/// SKU) whose `field` is not a number above zero.
pub(crate) fn check_price(
    cx: &Context,
    rule: &Rule,
    field: &PriceField,
    out: &mut Vec<Diagnostic>,
) {
    let Some(products) = cx.bundle.products.get() else {
        return;
    };
    // (message tail zh, en; label zh, en)
    let describe = |price: &Price| -> (String, String, String, String) {
        match &price.raw {
            None => (
                "未填写".into(),
                "is missing".into(),
                format!("缺少{}", field.zh),
                format!("no {}", field.en),
            ),
            Some(raw) if price.amount.is_some() => (
                format!("为 {raw}，必须大于 0"),
                format!("is {raw}; it must be above zero"),
                "必须大于 0".into(),
                "must be above zero".into(),
            ),
            Some(raw) => (
                format!("「{raw}」不是金额"),
                format!("\"{raw}\" is not an amount"),
                "不是金额".into(),
                "not an amount".into(),
            ),
        }
    };
    for p in products.items.iter().filter(|p| p.on_sale()) {
        let id = p.id.clone().unwrap_or_default();
        let skus: Vec<_> = p.skus_on_sale().collect();
        let mut report = |place: &Place, price: &Price, what_zh: String, what_en: String| {
            let (dz, de, lz, le) = describe(price);
            out.push(
                rule.diag(
                    place.field(field.key),
                    format!("在售{what_zh}的{}{dz}", field.zh),
                    format!("the {} of on-sale {what_en} {de}", field.en),
                )
                .with_label(lz, le)
                .with_entity("product", id.clone()),
            );
        };
        if skus.is_empty() {
            let price = (field.product)(p);
            if !price.is_set() {
                report(
                    &p.place,
                    price,
                    format!("商品「{}」", p.label()),
                    format!("product \"{}\"", p.label()),
                );
            }
        } else {
            for sku in skus {
                let price = (field.sku)(sku);
                if !price.is_set() {
                    let sku_id = sku.id.as_deref().unwrap_or("?");
                    report(
                        &sku.place,
                        price,
                        format!("商品「{}」规格 {sku_id} ", p.label()),
                        format!("product \"{}\" SKU {sku_id}", p.label()),
                    );
                }
            }
        }
    }
}

/// Adds the product entity to a diagnostic when the product has an id.
pub(crate) fn with_product(d: Diagnostic, p: &Product) -> Diagnostic {
    match &p.id {
        Some(id) => d.with_entity("product", id.clone()),
        None => d,
    }
}
