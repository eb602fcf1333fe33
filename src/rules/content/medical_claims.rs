//! CNT003 medical-claims.

use super::Scanned;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::CategoryInfo;
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CNT003",
    name: "medical-claims",
    severity: Severity::Error,
    area: Area::Content,
    precondition: false,
    summary: Doc {
        zh: "非药品宣称治疗功效（治愈、根治、药到病除 …）",
        en: "Cure or treatment claims on goods that are not medicines",
    },
    what: Doc {
        zh: "在在售商品的标题和描述、首页（所有装修组件的文字和 homepage.html）、小程序名称和简介、提审描述以及优惠券标题中查找治疗功效用语（治愈、根治、药到病除、包治、治疗、消炎、抗癌、降血压 …，rules/words-content.toml 的 [words.cnt_medical_claims]；「不能代替药物治疗」之类的声明先被去掉）。药品和医疗器械可以说明适应症，因此豁免：商品按 rules/categories.toml 的关键词（标题，其次店铺分类）识别为医疗服务类目或兽药（[words.cnt_medical_categories]），且店铺已通过该服务类目、资质（qualifications）中有该类目要求的许可证时，不报告；非商品文字在店铺有任一这样已通过且有许可证的药品 / 医疗器械类目时不报告。宠物食品、宠物用品（沐浴露、零食 …）不是兽药，照样报告；宠物驱虫药等兽药只有在【生活服务 > 兽药】已通过并有兽药经营许可证时才豁免。每段文字的每个用语报告一次。",
        en: "Looks for cure and treatment claims (治愈, 根治, 药到病除, 包治, 治疗, 消炎, 抗癌, 降血压 …: [words.cnt_medical_claims] in rules/words-content.toml; disclaimers such as 不能代替药物治疗 are removed first) in on-sale products' titles and descriptions, the homepage (every decoration component's text and homepage.html), the mini program's name and description, the submission description and coupon titles. Medicines and medical devices may state what they treat, so they are exempt: a product that the keywords of rules/categories.toml (its title, else its shop category) place in a 医疗服务 category or 兽药 ([words.cnt_medical_categories]) is not reported when that service category is approved and the qualifications hold the licence it needs; other texts are not reported when the store has any such approved and licensed medicine or medical device category. Pet food and pet supplies (shampoo, treats …) are not veterinary drugs and are reported; a pet dewormer is only exempt when 生活服务 > 兽药 is approved with a veterinary drug licence. Each claim is reported once per text.",
    },
    why: Doc {
        zh: "广告法第十七条规定除医疗、药品、医疗器械广告外，禁止其他任何广告涉及疾病治疗功能，并不得使用医疗用语或易使推销的商品与药品、医疗器械相混淆的用语；第十六条还禁止对功效作断言或保证（治愈率、有效率）。微信审核按《常见拒绝情形》3.2.5 / 3.2.8.2（虚假、欺诈内容）和类目规范处理：食品、保健品、化妆品、宠物用品宣称治疗会被驳回，并可能被要求补充药品类目和资质。",
        en: "Advertising Law §17 forbids any advertisement other than for medical services, medicines and medical devices from claiming to treat disease or using medical terms that confuse goods with medicines; §16 also forbids guaranteed efficacy (cure rates). WeChat review treats such claims as false content (common rejection reasons 3.2.5 / 3.2.8.2) and under its category rules: food, supplements, cosmetics and pet supplies claiming to cure are rejected, or the store is asked for a medicine category and licence.",
    },
    fix: Doc {
        zh: "删除治疗、治愈、消炎等功效宣称，只描述商品本身（成分、规格、用法）。商品在商城后台 商品 → 商品列表 中编辑，首页在 店铺 → 店铺装修 中修改。确实销售药品或医疗器械的，先在微信公众平台 → 设置 → 基本设置 → 服务类目 中添加对应的医疗服务类目并上传许可证。",
        en: "Remove the treat / cure / anti-inflammatory claims and describe the goods themselves (ingredients, size, use). Edit products in the store backend under Products → Product list and the homepage under Shop → Shop decoration. A store that really sells medicines or medical devices first adds the matching 医疗服务 category with its licence at mp.weixin.qq.com → Settings → Basic settings → Service categories.",
    },
    example: r#"{ "products": [ { "title": "宠物温和沐浴露 500ml", "status": "on_sale", "description": "消炎止痒，7天根治猫藓" } ] }"#,
    source: "广告法 §16, §17; 常见拒绝情形 3.2.5, 3.2.8.2",
    check: Check::Native(check),
};

/// The medicine / medical device categories the store may sell under: those
/// approved whose licence is on file.
fn licensed_medical<'k>(cx: &Context<'k>) -> Vec<&'k CategoryInfo> {
    let Some(cats) = cx.bundle.categories.get() else {
        return Vec::new();
    };
    let medical = cx.knowledge.list("cnt_medical_categories");
    let mut out = Vec::new();
    for sc in cats.service.iter().filter(|s| s.approved()) {
        let (Some(first), Some(second)) = (&sc.first, &sc.second) else {
            continue;
        };
        for c in cx.knowledge.resolve(first, second) {
            let licensed = c.licences.is_empty()
                || cats.qualifications.iter().any(|q| {
                    c.licence_keywords.iter().any(|k| q.contains(k.as_str()))
                        || c.licences.iter().any(|l| q.contains(l.as_str()))
                });
            if licensed && medical.find(&c.display()).is_some() {
                out.push(c);
            }
        }
    }
    out
}

/// Whether a text may make medical claims.
fn exempt<'k>(cx: &Context<'k>, licensed: &[&CategoryInfo], s: &Scanned<'k>) -> bool {
    if licensed.is_empty() {
        return false;
    }
    match s.product {
        Some(p) => cx
            .product_category(p)
            .map(|c| c.category)
            .is_some_and(|c| licensed.iter().any(|l| std::ptr::eq(*l, c))),
        None => true,
    }
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let list = cx.knowledge.list("cnt_medical_claims");
    let licensed = licensed_medical(cx);
    let medical = cx.knowledge.list("cnt_medical_categories");
    for s in cx.content_texts() {
        let found = s.find_all(list);
        if found.is_empty() || exempt(cx, &licensed, s) {
            continue;
        }
        // A medicine the store may not sell yet: say what it lacks.
        let unlicensed = s
            .product
            .and_then(|p| cx.product_category(p).map(|c| c.category))
            .filter(|c| medical.find(&c.display()).is_some());
        for term in found {
            let term = s.as_written(term);
            let quote = s.quote(term);
            let d = s.diag(
                    &RULE,
                    format!(
                        "{}「{quote}」宣称治疗功效「{term}」，只有取得资质的药品、医疗器械才能这样说",
                        s.where_zh()
                    ),
                    format!(
                        "the {} \"{quote}\" makes the medical claim \"{term}\", which only licensed medicines and medical devices may make",
                        s.where_en()
                    ),
                )
                .with_label(format!("功效宣称「{term}」"), format!("medical claim \"{term}\""));
            out.push(match unlicensed {
                Some(c) => {
                    let (licences, licences_en) = (c.licences.join("、"), c.licences.join(", "));
                    d.with_help(
                        format!("该商品看起来属于「{}」，但店铺没有已通过的该服务类目，或资质中没有所需许可证（{licences}）。在微信公众平台 → 设置 → 基本设置 → 服务类目 中添加该类目并上传许可证，或删除功效宣称。", c.display()),
                        format!("The product looks like {}, but the store has no approved service category for it or lacks its licence ({licences_en}). Add the category with its licence at mp.weixin.qq.com → Settings → Basic settings → Service categories, or remove the claim.", c.display()),
                    )
                }
                None => d,
            });
        }
    }
}
