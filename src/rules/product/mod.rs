pub mod market_price_below_price;
pub mod no_listed_products;
pub mod product_missing_market_price;
pub mod product_missing_price;
pub mod product_placeholder_content;
pub mod product_title_invalid;
pub mod virtual_goods;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &no_listed_products::RULE,
    &product_missing_price::RULE,
    &product_missing_market_price::RULE,
    &market_price_below_price::RULE,
    &product_placeholder_content::RULE,
    &virtual_goods::RULE,
    &product_title_invalid::RULE,
];

use crate::bundle::{Place, Price, Product};
use crate::diagnostic::Diagnostic;
use crate::rules::knowledge::WordList;
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

/// The longest term of `list` found in `text`, like [`WordList::find`] but
/// with whole-word matching for Latin terms: ASCII case is ignored, every
/// exception phrase is removed first, and a term that starts and ends with an
/// ASCII letter only counts when the characters around it are not ASCII
/// letters ("test" matches "Test 1", "test001" and "测试test", not
/// "testosterone" or "latest"). Other terms (Chinese) match anywhere.
///
/// [`WordList::find`]: crate::rules::knowledge::WordList::find
pub(crate) fn find_word<'l>(list: &'l WordList, text: &str) -> Option<&'l str> {
    let whole_word = |s: usize, e: usize, term: &str| {
        let latin = term.starts_with(|c: char| c.is_ascii_alphabetic())
            && term.ends_with(|c: char| c.is_ascii_alphabetic());
        !latin
            || (!text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && !text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic()))
    };
    list.longest(
        list.matches(text)
            .into_iter()
            .filter(|&(s, e, term)| whole_word(s, e, term))
            .map(|m| m.2),
    )
}

/// The test / placeholder term (the shared [words.placeholder] list of
/// rules/words-content-placeholder.toml) in a product or homepage text.
pub(crate) fn placeholder_term<'k>(cx: &Context<'k>, text: &'k str) -> Option<&'k str> {
    let list = cx.knowledge.list("placeholder");
    if !cx.may_occur(list, text) {
        return None;
    }
    find_word(list, text)
}

/// Adds the product entity to a diagnostic when the product has an id.
pub(crate) fn with_product(d: Diagnostic, p: &Product) -> Diagnostic {
    match &p.id {
        Some(id) => d.with_entity("product", id.clone()),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Knowledge;

    #[test]
    fn latin_terms_match_whole_words_only() {
        let k = Knowledge::embedded().unwrap();
        let list = k.list("placeholder");
        for (text, want) in [
            ("测试商品请勿拍", Some("测试商品")),
            ("Test 1", Some("test")),
            ("test001", Some("test")),
            ("DEMO-猫粮", Some("demo")),
            ("Lorem ipsum dolor", Some("lorem")),
            ("Testosterone booster", None),
            ("Latest 猫砂 6L", None),
            ("Demolux 宠物梳", None),
            ("宠物尿液 pH 测试纸 100条", None),
            ("鱼缸水质测试笔 TDS", None),
            ("猫瘟检测试纸", None),
            ("pH test strips for aquariums", None),
            ("每批猫砂均经过结团测试，通过 SGS 拉力测试", None),
            ("测试纸 测试", Some("测试")),
            ("室内成猫全价猫粮 鸡肉配方 2kg", None),
        ] {
            assert_eq!(find_word(list, text), want, "{text}");
        }
        let home = k.list("placeholder_homepage");
        assert_eq!(find_word(home, "新品 Coming Soon!"), Some("coming soon"));
        assert_eq!(find_word(home, "TODO: 活动文案"), Some("todo"));
        assert_eq!(find_word(home, "Todos los productos"), None);
    }
}
