pub mod broken_product_link;
pub mod homepage_not_decorated;
pub mod homepage_placeholder_content;
pub mod link_outside_business_domain;
pub mod recharge_promotion_on_homepage;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &homepage_not_decorated::RULE,
    &recharge_promotion_on_homepage::RULE,
    &homepage_placeholder_content::RULE,
    &broken_product_link::RULE,
    &link_outside_business_domain::RULE,
];

/// Where on the homepage a text sits, for messages: `首页公告` / `homepage notice`.
pub(crate) fn where_on_homepage(kind: &str) -> (String, String) {
    let (zh, en) = component_name(kind);
    if zh.is_empty() {
        ("首页".to_string(), "homepage".to_string())
    } else {
        (format!("首页{zh}"), format!("homepage {en}"))
    }
}

/// A component type named for messages (empty for the rendered HTML page).
fn component_name(kind: &str) -> (&str, &str) {
    match kind {
        "banner" => ("轮播图", "banner"),
        "nav" => ("导航", "navigation"),
        "goods" => ("商品列表", "goods list"),
        "coupon" => ("优惠券", "coupon block"),
        "notice" => ("公告", "notice"),
        "rich_text" => ("富文本", "rich text"),
        "image" => ("图片", "image"),
        "search" => ("搜索框", "search bar"),
        "html" | "" => ("", ""),
        other => (other, other),
    }
}
