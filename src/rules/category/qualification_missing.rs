//! CAT003 qualification-missing.

use crate::bundle::Product;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::CategoryInfo;
use crate::rules::{Area, Check, Context, Rule};

use super::{name_products, Coverage};

pub static RULE: Rule = Rule {
    code: "CAT003",
    name: "qualification-missing",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "在售商品需要有资质要求的类目，但类目或资质缺失",
        en: "On-sale products need a category that requires a licence, and the category or the licence is missing",
    },
    what: Doc {
        zh: "按 rules/categories.toml 的关键词（同 CAT002）判断每个在售商品属于哪个类目；该类目有资质要求（licences：食品饮料、酒类、保健品、母婴食品、医疗器械、药品、图书报刊/音像、预付卡、种子 …）时：类目未通过审核，逐个商品报告并说明需要的类目和资质；类目已通过，但 categories.json 的 qualifications 中没有任何一项匹配它的资质（licence_keywords，如「食品经营」），按类目报告一次并列出商品。已通过【电商平台 > 电商平台】时，入驻商品的类目资质由平台类目承担，不再逐类要求，但医疗服务类（药品、医疗器械）仍需补充对应类目（列表 platform_needs_category）。宠物食品/用品 不需要资质，宠物店不会触发。可能与 CAT002 同时出现。",
        en: "Works out each on-sale product's category from the keywords of rules/categories.toml (as CAT002 does). When that category requires a licence (licences: 食品饮料, 酒类, 保健品, 母婴食品, medical devices, medicines, 图书报刊/音像, 预付卡, seeds …): if the category is not approved, each product is reported with the category and licence it needs; if it is approved but nothing in categories.json `qualifications` matches its licences (licence_keywords such as 食品经营), the category is reported once, naming the products. With 电商平台 > 电商平台 approved the platform category stands in for the goods categories, except for the 医疗服务 ones (medicines, medical devices), which a platform must still add (list platform_needs_category). Pet food (宠物食品/用品) needs no licence, so a pet store stays quiet. May fire together with CAT002.",
    },
    why: Doc {
        zh: "类目规范为每个需要资质的类目列出了必须上传的证照（如 食品饮料 需要《食品经营许可证》等之一），没有对应类目和资质就销售这类商品，审核会驳回，已上线的也会被下架。",
        en: "WeChat's category rules list, for every licensed category, the licence that must be uploaded (食品饮料 needs a 《食品经营许可证》 or one of its alternatives …); selling such goods without the category and its licence gets the version rejected, and a live store taken down.",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 设置 → 基本设置 → 服务类目 → 添加类目，选择商品所属的类目并上传消息中列出的资质之一，审核通过后在商城后台同步类目与资质；或下架这些商品。",
        en: "Log in to mp.weixin.qq.com → Settings → Basic settings → Service categories → add the category the goods belong to and upload one of the licences named in the message; once approved, sync categories and licences in the store backend. Or take the goods off the shelf.",
    },
    example: r#"categories.json: { "service_categories": [ { "first": "商家自营", "second": "宠物食品/用品", "status": "approved" } ], "qualifications": [] }
products.json:   { "products": [ { "id": "p9", "title": "每日坚果 混合果仁 750g", "status": "on_sale" } ] }"#,
    source: "类目规范 (service-categories-enterprise: 资质要求)",
    check: Check::Native(check),
};

/// Whether one of the licences on file satisfies the category.
fn licensed(qualifications: &[String], c: &CategoryInfo) -> bool {
    qualifications.iter().any(|q| {
        let q = q.to_lowercase();
        c.licence_keywords
            .iter()
            .chain(&c.licences)
            .any(|k| !k.is_empty() && q.contains(&k.to_lowercase()))
    })
}

/// The licences of a category for messages, "A / B / C".
fn licences(c: &CategoryInfo) -> String {
    c.licences
        .iter()
        .map(|l| format!("《{l}》"))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(cov), Some(products)) = (Coverage::of(cx), cx.bundle.products.get()) else {
        return;
    };
    // Categories that are approved but whose licence is not on file.
    let mut unlicensed: Vec<(&CategoryInfo, Vec<&Product>)> = Vec::new();
    // Per category, judged once (a store sells many products of few
    // categories): whether a licence on file satisfies it, and whether the
    // platform category is enough for it.
    let mut judged: Vec<(&CategoryInfo, bool, bool)> = Vec::new();
    for p in products.items.iter().filter(|p| p.on_sale()) {
        let Some(found) = cx.product_category(p) else {
            continue;
        };
        let cat = found.category;
        if cat.licences.is_empty() {
            continue;
        }
        let (is_licensed, platform_is_enough) =
            match judged.iter().find(|(c, ..)| std::ptr::eq(*c, cat)) {
                Some(&(_, l, p)) => (l, p),
                None => {
                    let l = licensed(&cov.cats.qualifications, cat);
                    let p = cov.all_goods
                        && cat.sells_goods
                        && cx
                            .knowledge
                            .list("platform_needs_category")
                            .find(&cat.display())
                            .is_none();
                    judged.push((cat, l, p));
                    (l, p)
                }
            };
        if cov.approves(cat) {
            if !is_licensed {
                match unlicensed.iter_mut().find(|(c, _)| std::ptr::eq(*c, cat)) {
                    Some((_, ps)) => ps.push(p),
                    None => unlicensed.push((cat, vec![p])),
                }
            }
            continue;
        }
        if platform_is_enough {
            continue;
        }
        let (nz, ne) = cov.pending_note(cat);
        let (why_zh, why_en) = (found.why_zh(), found.why_en());
        let d = RULE
            .diag(
                p.place.field("title"),
                format!(
                    "商品「{}」属于需要资质的类目「{}」（{why_zh}），但该类目未通过审核{nz}；需要添加该类目并上传以下资质之一：{}",
                    p.label(),
                    cat.display(),
                    licences(cat)
                ),
                format!(
                    "product \"{}\" belongs to {} ({why_en}), a category that needs a licence, but that category is not approved{ne}; add it with one of: {}",
                    p.label(),
                    cat.display(),
                    licences(cat)
                ),
            )
            .with_label(
                format!("需要 {}", cat.display()),
                format!("needs {}", cat.display()),
            );
        out.push(match &p.id {
            Some(id) => d.with_entity("product", id.clone()),
            None => d,
        });
    }
    for (cat, ps) in unlicensed {
        let (names, names_en) = name_products(&ps, 3);
        out.push(
            RULE.diag(
                cov.cats.origin.at("/qualifications"),
                format!(
                    "已通过类目「{}」，但资质（qualifications）中没有它要求的 {}（任一即可）；涉及在售商品：{names}",
                    cat.display(),
                    licences(cat)
                ),
                format!(
                    "{} is approved, but qualifications holds none of the licences it needs ({}, any one); on-sale products concerned: {names_en}",
                    cat.display(),
                    licences(cat)
                ),
            )
            .with_label("缺少资质", "licence missing")
            .with_help(
                format!(
                    "在 微信公众平台 → 设置 → 基本设置 → 服务类目 → 详情 中补充「{}」的资质（{}），再在商城后台同步资质信息。",
                    cat.display(),
                    licences(cat)
                ),
                format!(
                    "Upload the licence of {} ({}) under mp.weixin.qq.com → Settings → Basic settings → Service categories → Details, then sync the licences in the store backend.",
                    cat.display(),
                    licences(cat)
                ),
            ),
        );
    }
}
