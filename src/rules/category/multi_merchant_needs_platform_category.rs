//! CAT006 multi-merchant-needs-platform-category.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

use super::{pending_note, Coverage};

pub static RULE: Rule = Rule {
    code: "CAT006",
    name: "multi-merchant-needs-platform-category",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "开启了商家入驻/门店列表，却没有已通过的 电商平台 类目",
        en: "Multi-merchant or store-list features are on without an approved 电商平台 category",
    },
    what: Doc {
        zh: "store.json 中 features.multi_merchant（商家入驻 / 多商户 / 店铺街）或 features.store_list（门店列表）为 true，而 categories.json 中没有已通过的【电商平台 > 电商平台】时触发，每个开启的开关各报告一次。没有 categories.json 时不判断。",
        en: "Fires when features.multi_merchant (商家入驻 / multi-merchant / 店铺街) or features.store_list (门店列表) in store.json is true and categories.json holds no approved 电商平台 > 电商平台; each switch that is on is reported once. Without categories.json nothing is judged.",
    },
    why: Doc {
        zh: "电商平台 类目「用于为企业或个人提供网上交易场所的平台，即为多个经营者提供交易的平台」；小程序出现商家入驻或店铺街入口时，审核会驳回并要求：「你的小程序涉及商家入驻/店铺街入口，请补充选择：电商平台类目」。",
        en: "The 电商平台 category is for platforms that host trade by several merchants (「为多个经营者提供交易的平台」). A mini program with a merchant sign-up or shop-street entry is rejected with 「你的小程序涉及商家入驻/店铺街入口，请补充选择：电商平台类目」.",
    },
    fix: Doc {
        zh: "确实有多个商家时，在 微信公众平台 → 设置 → 基本设置 → 服务类目 添加 电商平台 > 电商平台（需要《增值电信业务经营许可证》等资质）；只有自营商品时，在商城后台关闭商家入驻 / 多商户 / 门店列表功能。",
        en: "If several merchants really sell here, add 电商平台 > 电商平台 under mp.weixin.qq.com → Settings → Basic settings → Service categories (it needs the 增值电信业务经营许可证 or equivalent); if the store sells only its own goods, switch merchant sign-up / multi-merchant / the store list off in the store backend.",
    },
    example: r#"store.json: { "features": { "multi_merchant": true } }   categories.json: only 商家自营 > 宠物食品/用品"#,
    source: "real rejections (商家入驻/店铺街入口 → 电商平台类目); 类目规范 (电商平台)",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let Some(cov) = Coverage::of(cx) else {
        return;
    };
    if cov.approves_any(|c| c.covers_all_goods) {
        return;
    }
    let (nz, ne) = pending_note(cov.pending_where(|c| c.covers_all_goods));
    let (approved, approved_en) = cov.approved_list();
    let f = &store.features;
    for (on, key, zh, en) in [
        (
            f.multi_merchant,
            "multi_merchant",
            "商家入驻 / 多商户",
            "merchant sign-up, 商家入驻",
        ),
        (
            f.store_list,
            "store_list",
            "门店列表 / 店铺街",
            "store list, 门店列表 / 店铺街",
        ),
    ] {
        if on != Some(true) {
            continue;
        }
        out.push(
            RULE.diag(
                origin.at(&format!("/features/{key}")),
                format!("开启了{zh}，但没有已通过的 电商平台 > 电商平台 类目（已通过：{approved}）{nz}"),
                format!("features.{key} ({en}) is on, but 电商平台 > 电商平台 is not approved (approved: {approved_en}){ne}"),
            )
            .with_label("需要电商平台类目", "needs 电商平台"),
        );
    }
}
