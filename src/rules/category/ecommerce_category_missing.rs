//! CAT005 ecommerce-category-missing.

use crate::bundle::Product;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

use super::{name_products, pending_note, Coverage};

pub static RULE: Rule = Rule {
    code: "CAT005",
    name: "ecommerce-category-missing",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "在线销售实物商品，却没有已通过的 商家自营 或 电商平台 类目",
        en: "Physical goods are sold online without an approved 商家自营 or 电商平台 category",
    },
    what: Doc {
        zh: "有已通过的服务类目，但其中没有一个允许线上销售商品（rules/categories.toml 中 sells_goods = true 的类目：商家自营 下的商品类目、电商平台 > 电商平台 等；categories.toml 不认识的 商家自营 / 电商平台 类目也算，见列表 goods_first_level），而在售商品中有实物商品时触发，例如只有 生活服务 > 百货/超市/便利店。实物商品指：在售、未标记为虚拟商品（virtual），且按关键词（同 CAT002）识别为商品类目的商品；识别为服务类目的商品（如 交通服务 > 骑车 下的电池租赁、换电套餐，家政 …）是服务，不算；识别不出类目的商品不判断。没有任何已通过类目时由 CAT001 报告。",
        en: "Fires when there are approved service categories but none of them allows selling goods online (categories with sells_goods = true in rules/categories.toml: the goods categories under 商家自营, 电商平台 > 电商平台 …; an approved 商家自营 / 电商平台 category unknown to categories.toml counts too, see list goods_first_level) while physical goods are on sale, e.g. a store holding only 生活服务 > 百货/超市/便利店. Physical goods are on-sale products not marked `virtual` whose keywords (as in CAT002) point at a goods category; products that look like a service category (battery rental and swap plans under 交通服务 > 骑车, housekeeping …) are services, not goods, and unrecognised products are not judged. No approved category at all is CAT001's finding.",
    },
    why: Doc {
        zh: "类目规范写明 百货/超市/便利店 等类目只用于「货品展示、线上预定线下自提」，「如提供商品线上支付及配送服务，需选择【电商平台】或【商家自营】相关类目」；商城在线下单配送却没有这类类目，审核会以类目不符驳回（seed 000 §三 的截图正是只有 生活服务 > 线下超市/便利店）。",
        en: "The category rules say 百货/超市/便利店 and similar categories are for showing goods and reserve-online, pick-up-in-store only: 「如提供商品线上支付及配送服务，需选择【电商平台】或【商家自营】相关类目」. A store that takes paid orders and delivers without such a category is rejected (seed 000 §三's screenshot shows exactly a store holding only 生活服务 > 线下超市/便利店).",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 设置 → 基本设置 → 服务类目，添加与商品相符的 商家自营 类目（如 商家自营 > 宠物食品/用品），多商家平台则添加 电商平台 > 电商平台，审核通过后再提交。",
        en: "Log in to mp.weixin.qq.com → Settings → Basic settings → Service categories and add the 商家自营 category that fits the goods (e.g. 商家自营 > 宠物食品/用品), or 电商平台 > 电商平台 for a multi-merchant platform; submit again once it is approved.",
    },
    example: r#"categories.json: { "service_categories": [ { "first": "生活服务", "second": "线下超市/便利店", "status": "approved" } ] }
products.json:   { "products": [ { "id": "p1", "title": "全价猫粮 2kg", "status": "on_sale" } ] }"#,
    source: "类目规范 (生活服务 > 百货/超市/便利店 注); seed 000 §三",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(cov), Some(products)) = (Coverage::of(cx), cx.bundle.products.get()) else {
        return;
    };
    // No approved category at all is CAT001's finding.
    if !cov.any_approved() {
        return;
    }
    if cov.approves_any(|c| c.sells_goods) {
        return;
    }
    // An approved category unknown to the data, under a goods first level.
    let goods_first = cx.knowledge.list("goods_first_level");
    let unknown_goods = cov.cats.service.iter().any(|sc| {
        sc.approved()
            && sc
                .first
                .as_deref()
                .is_some_and(|f| goods_first.find(f).is_some())
            && cx
                .knowledge
                .resolve(
                    sc.first.as_deref().unwrap_or(""),
                    sc.second.as_deref().unwrap_or(""),
                )
                .is_empty()
    });
    if unknown_goods {
        return;
    }
    let goods: Vec<&Product> = products
        .items
        .iter()
        .filter(|p| p.on_sale() && p.is_virtual != Some(true))
        .filter(|p| {
            cx.product_category(p)
                .is_some_and(|c| c.category.sells_goods)
        })
        .collect();
    if goods.is_empty() {
        return;
    }
    let (names, names_en) = name_products(&goods, 3);
    let (approved, approved_en) = cov.approved_list();
    let (nz, ne) = pending_note(cov.pending_where(|c| c.sells_goods));
    out.push(
        RULE.diag(
            cov.cats.origin.at("/service_categories"),
            format!(
                "在线销售实物商品（{names}），但已通过的服务类目（{approved}）都不允许线上销售商品，需要 商家自营 或 电商平台 类目{nz}"
            ),
            format!(
                "physical goods are sold online ({names_en}), but none of the approved service categories ({approved_en}) allows selling goods online; a 商家自营 or 电商平台 category is needed{ne}"
            ),
        )
        .with_label("没有电商类目", "no e-commerce category"),
    );
}
