//! HOME004 broken-product-link.

use super::where_on_homepage;
use crate::bundle::{Link, Product};
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "HOME004",
    name: "broken-product-link",
    severity: Severity::Error,
    area: Area::Homepage,
    precondition: false,
    summary: Doc {
        zh: "首页链接的商品不存在、未上架或没有价格",
        en: "The homepage links to a product that does not exist, is not on sale, or has no price",
    },
    what: Doc {
        zh: "检查首页上每个指向商品的链接：decoration.json 中的 {\"product\": id} 链接和商品列表组件（products）里的商品，以及指向商品详情页的页面链接和 homepage.html 中的相对链接——路径的最后一段是 goods、product 等（或 goods/detail 这样以 detail、index 结尾），并带有 id、goods_id 或 product_id 参数，如 /pages/goods?id=p1001（路径词见 rules/words-content-placeholder.toml 的 [words.product_page]）。商品在 products.json / products.csv 中不存在、不是在售状态，或在售但没有销售价（有规格时任一在售规格没有价格）时触发。库存为 0 不算失效：商品页仍能打开，显示已售罄（没有任何可买商品由 PRD001 检查）。没有商品文件或商品文件无法读取时不检查（由 PRD001 / INPUT001 报告）。",
        en: "Checks every homepage link to a product: {\"product\": id} links and the products of goods components in decoration.json, plus page links and relative homepage.html links to a product page — the last path segment is goods, product … (or goods/detail, ending in detail or index) with an id, goods_id or product_id parameter, e.g. /pages/goods?id=p1001 (the path words are [words.product_page] in rules/words-content-placeholder.toml). Fires when the product does not exist in products.json / products.csv, is not on sale, or is on sale without a sale price (any on-sale SKU unpriced). Zero stock is not broken: the page still opens and shows the product as sold out (a store with nothing to buy is PRD001). Quiet when the products file is missing or unreadable (PRD001 / INPUT001 report that).",
    },
    why: Doc {
        zh: "审核人员会点击首页的轮播图和商品；点开后提示「商品不存在」「商品已下架」或无法下单，属于页面链接不能正常打开、功能不完整（常见拒绝情形 2.2、3.3.1），小程序会被驳回。首页装修引用的商品常在之后被删除或下架，而装修没有同步修改。",
        en: "Reviewers tap the homepage's banners and products; a page saying the product does not exist or is off the shelf, or one that cannot be ordered, is a link that does not open properly and an incomplete feature (常见拒绝情形 2.2, 3.3.1), and the mini program is rejected. Products used in the decoration are often deleted or taken off the shelf later without updating the homepage.",
    },
    fix: Doc {
        zh: "在商城后台 店铺 → 店铺装修 中把失效的商品从轮播图 / 商品组件中移除或换成在售商品；或在 商品 → 商品列表 中把该商品上架并填写销售价。",
        en: "In the store backend open Shop → Shop decoration and remove the broken product from the banner or goods component, or replace it with one on sale; or put the product on sale with a sale price under Products → Product list.",
    },
    example: r#"decoration.json: { "components": [ { "type": "banner", "items": [ { "image": "https://img.enisp.cn/b1.jpg", "link": { "product": "p1012" } } ] } ] }
products.json:   { "products": [ { "id": "p1012", "title": "狗狗互动漏食球", "status": "off_shelf" } ] }"#,
    source: "常见拒绝情形 2.2, 3.3.1; seed 000 §一.4 ③④",
    check: Check::Native(check),
};

/// Query parameters that name the product on a product page.
const ID_PARAMS: &[&str] = &["id", "goods_id", "product_id", "goodsid", "productid"];

/// Last path segments that are the product page's own detail view (goods/detail).
const DETAIL_SEGMENTS: &[&str] = &["detail", "details", "index", "info"];

/// The product a page link or a relative link names, when it is a product
/// page: `pages/goods?id=p1001`, `/pages/goods/detail?goods_id=p1001`.
/// Absolute and protocol-relative URLs are not judged (they leave the store).
fn product_page_id(page_words: &[String], link: &str) -> Option<String> {
    let link = link.trim();
    if link.starts_with("//") || link.contains("://") {
        return None;
    }
    let link = link.split('#').next().unwrap_or("");
    let (path, query) = link.split_once('?')?;
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let stem = s.split('.').next().unwrap_or(s);
            stem.to_ascii_lowercase()
        })
        .collect();
    let is_page = |s: &String| page_words.iter().any(|t| t.eq_ignore_ascii_case(s));
    let product_page = match segments.as_slice() {
        [.., last] if is_page(last) => true,
        [.., page, last] => DETAIL_SEGMENTS.contains(&last.as_str()) && is_page(page),
        _ => false,
    };
    if !product_page {
        return None;
    }
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (ID_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(k.trim())) && !v.trim().is_empty())
            .then(|| v.trim().to_string())
    })
}

/// Why a linked product is broken (zh, en, label zh, label en), if it is.
fn broken(p: Option<&Product>, id: &str) -> Option<(String, String, &'static str, &'static str)> {
    let Some(p) = p else {
        return Some((
            format!("商品 {id}，它不存在（商品列表中没有这个 id）"),
            format!("product {id}, which does not exist (no product has this id)"),
            "商品不存在",
            "no such product",
        ));
    };
    if !p.on_sale() {
        let status = p.status.as_deref().unwrap_or("未填写");
        let status_en = p.status.as_deref().unwrap_or("not set");
        return Some((
            format!("商品「{}」，它不是在售状态（status = {status}）", p.label()),
            format!(
                "product \"{}\", which is not on sale (status = {status_en})",
                p.label()
            ),
            "商品未上架",
            "not on sale",
        ));
    }
    let skus: Vec<_> = p.skus_on_sale().collect();
    let priced = if skus.is_empty() {
        p.price.is_set()
    } else {
        skus.iter().all(|s| s.price.is_set())
    };
    if !priced {
        return Some((
            format!("商品「{}」，它没有销售价，无法下单", p.label()),
            format!(
                "product \"{}\", which has no sale price and cannot be ordered",
                p.label()
            ),
            "商品没有价格",
            "no sale price",
        ));
    }
    None
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(products) = cx.bundle.products.get() else {
        return;
    };
    let page_words = &cx.knowledge.list("product_page").terms;
    for (kind, link) in cx.homepage_links() {
        let id = match &link.value {
            Link::Product(id) => id.clone(),
            Link::Page(path) | Link::Url(path) => match product_page_id(page_words, path) {
                Some(id) => id,
                None => continue,
            },
            Link::MiniProgram(_) => continue,
        };
        let product = products
            .items
            .iter()
            .find(|p| p.id.as_deref() == Some(id.as_str()));
        let Some((zh, en, lz, le)) = broken(product, &id) else {
            continue;
        };
        let (wz, we) = where_on_homepage(kind);
        out.push(
            RULE.diag(
                link.place.whole(),
                format!("{wz}链接到{zh}"),
                format!("the {we} links to {en}"),
            )
            .with_label(lz, le)
            .with_entity("product", id),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Knowledge;

    #[test]
    fn product_pages_are_recognised() {
        let k = Knowledge::embedded().unwrap();
        let words = &k.list("product_page").terms;
        let id = |l: &str| product_page_id(words, l);
        assert_eq!(id("/pages/goods?id=p1001").as_deref(), Some("p1001"));
        assert_eq!(
            id("pages/goods/detail?goods_id=p7#top").as_deref(),
            Some("p7")
        );
        assert_eq!(
            id("/pages/product.html?from=home&productId=p2").as_deref(),
            Some("p2")
        );
        assert_eq!(id("pages/category?id=c11"), None);
        assert_eq!(id("pages/goods/list?id=c11"), None);
        assert_eq!(id("pages/article/detail?id=a1"), None);
        assert_eq!(id("https://other.cn/goods?id=5"), None);
        assert_eq!(id("/pages/goods"), None);
    }
}
