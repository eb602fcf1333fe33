//! CAT002 category-mismatch.

use std::collections::BTreeSet;

use super::Coverage;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CAT002",
    name: "category-mismatch",
    severity: Severity::Error,
    area: Area::Category,
    precondition: true,
    summary: Doc {
        zh: "所售商品或首页内容与已通过的服务类目不符",
        en: "Products or homepage content do not fit any approved service category",
    },
    what: Doc {
        zh: "按 rules/categories.toml 中的关键词，从在售商品的标题（标题无法判断时用所属店铺分类及其上级分类）判断它属于哪个微信服务类目，再看已通过（approved）的服务类目是否覆盖它；新旧类目名（如 家居/家饰/家纺 → 家居家纺）都能识别，【电商平台 > 电商平台】覆盖所有商品。不符的商品逐个列出并说明它看起来属于哪个类目。首页文字（导航、标题等）显示了商品中没有的、类目不符的内容时也会触发。识别不出类目的商品不作判断。",
        en: "Using the keywords in rules/categories.toml, works out from each on-sale product's title (or, when the title says nothing, its shop category path) which WeChat service category it belongs to, and whether an approved service category covers it; old and new category names (e.g. 家居/家饰/家纺 → 家居家纺) are both understood, and 电商平台 > 电商平台 covers all goods. Each product that does not fit is named with the category it looks like. Homepage texts (nav items, titles …) that show goods of an uncovered category no product has also fire. Products whose category cannot be recognised are not judged.",
    },
    why: Doc {
        zh: "审核会核对小程序内容与服务类目是否一致，不一致会被驳回并提示「服务类目不一致」（发布前提④，§四.1）。例如宠物用品商城选了 商家自营 > 家居/家饰/家纺。",
        en: "Review checks that what the mini program offers matches its service categories and rejects mismatches (publish precondition ④). A pet-supplies store registered under 商家自营 > 家居/家饰/家纺 is the classic case.",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 设置 → 基本设置 → 服务类目，添加与商品相符的类目（如 商家自营 > 宠物食品/用品，需要资质的类目要上传资质），审核通过后重新提交；或下架不属于已有类目的商品。",
        en: "Log in to mp.weixin.qq.com → Settings → Basic settings → Service categories and add the category the goods belong to (e.g. 商家自营 > 宠物食品/用品, with any licence it needs), then submit again once it is approved; or take the goods that do not fit off the shelf.",
    },
    example: r#"categories.json: { "service_categories": [ { "first": "商家自营", "second": "家居/家饰/家纺", "status": "approved" } ] }
products.json:   { "products": [ { "id": "p1", "title": "全价猫粮 2kg", "status": "on_sale" } ] }"#,
    source: "seed 000 §一.4 ④, §四.1",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(cov) = Coverage::of(cx) else {
        return;
    };
    // No approved category at all is CAT001's finding. When the service
    // categories are unknown (a platform export without categories.json),
    // this precondition cannot be confirmed either: say so.
    if !cov.any_approved() {
        let at = cov.cats.origin.at("/service_categories");
        let selling = cx
            .bundle
            .products
            .get()
            .is_some_and(|p| p.items.iter().any(|p| p.on_sale()));
        if selling && cx.bundle.is_unknown(&at) {
            out.push(RULE.diag(
                at,
                "服务类目未知，无法判断在售商品是否符合服务类目",
                "the service categories are unknown, so whether the goods on sale fit them cannot be judged",
            ));
        }
        return;
    }
    let (approved, approved_en) = cov.approved_list();
    let mut reported: BTreeSet<String> = BTreeSet::new();

    if let Some(products) = cx.bundle.products.get() {
        for p in products.items.iter().filter(|p| p.on_sale()) {
            let Some(found) = cx.product_category(p) else {
                continue;
            };
            let cat = found.category;
            if cov.covers(cat) {
                continue;
            }
            let (why_zh, why_en) = (found.why_zh(), found.why_en());
            reported.insert(cat.display());
            let (nz, ne) = cov.pending_note(cat);
            let d = RULE
                .diag(
                    p.place.field("title"),
                    format!(
                        "商品「{}」看起来属于「{}」（{why_zh}），但已通过的服务类目只有：{approved}{nz}",
                        p.label(),
                        cat.display()
                    ),
                    format!(
                        "product \"{}\" looks like {} ({why_en}), but the approved service categories are only: {approved_en}{ne}",
                        p.label(),
                        cat.display()
                    ),
                )
                .with_label(format!("属于 {}", cat.display()), format!("belongs to {}", cat.display()));
            out.push(match &p.id {
                Some(id) => d.with_entity("product", id.clone()),
                None => d,
            });
        }
    }

    // Homepage texts showing goods of a category no product was reported for.
    for (_, t) in cx.homepage_texts() {
        // Recharge wording is HOME002's finding; it is not reported twice.
        if cx.find(cx.knowledge.list("recharge"), &t.value).is_some() {
            continue;
        }
        let Some((cat, keyword)) = cx.knowledge.classify(&t.value) else {
            continue;
        };
        if !cat.sells_goods || cov.covers(cat) || !reported.insert(cat.display()) {
            continue;
        }
        let (nz, ne) = cov.pending_note(cat);
        out.push(
            RULE.diag(
                t.place.whole(),
                format!(
                    "首页内容「{}」看起来属于「{}」（关键词「{keyword}」），但已通过的服务类目只有：{approved}{nz}",
                    t.value,
                    cat.display()
                ),
                format!(
                    "homepage content \"{}\" looks like {} (keyword \"{keyword}\"), but the approved service categories are only: {approved_en}{ne}",
                    t.value,
                    cat.display()
                ),
            )
            .with_label(format!("属于 {}", cat.display()), format!("belongs to {}", cat.display())),
        );
    }
}
