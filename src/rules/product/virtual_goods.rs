//! PRD007 virtual-goods.

use super::with_product;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD007",
    name: "virtual-goods",
    severity: Severity::Warning,
    area: Area::Product,
    precondition: false,
    summary: Doc {
        zh: "在售虚拟商品或付费会员（iOS 需要虚拟支付）",
        en: "Virtual goods or a paid membership are on sale (iOS needs 虚拟支付)",
    },
    what: Doc {
        zh: "在售商品的 virtual 为 true（卡密、会员、课程、充值类等虚拟商品）时，对每个这样的商品报告一次；store.json 的 features.paid_membership（付费会员 / SVIP）开启时报告一次。只看这两个开关，不从标题猜测商品是否虚拟；已下架的虚拟商品不报告。",
        en: "Reports every on-sale product whose `virtual` is true (card codes, memberships, courses, top-ups …), and, once, features.paid_membership (付费会员 / SVIP) in store.json when it is on. Only these two flags are read; titles are not guessed from, and virtual goods off the shelf are not reported.",
    },
    why: Doc {
        zh: "在苹果 iOS 上，小程序不得提供虚拟物品的购买支付，也不得引导到外部网页或 App 支付（运营规范 14.6）；需要开通微信的「虚拟支付」能力并按其规则接入，否则审核会驳回，或 iOS 用户无法购买。虚拟商品还常常需要对应的服务类目（如 教育、预付卡）。",
        en: "On Apple iOS a mini program may not sell virtual items with ordinary payment, nor send users to an outside page or app to pay (运营规范 14.6); it needs WeChat's 虚拟支付 (virtual payment) capability and its rules, otherwise review rejects it or iOS users cannot buy. Virtual goods often need their own service category (education, prepaid cards …) too.",
    },
    fix: Doc {
        zh: "确认虚拟商品确实要在小程序中销售：要卖就在微信公众平台开通虚拟支付并按其要求接入，并确认服务类目覆盖这些商品；不需要就在商城后台 商品 → 商品列表 中下架虚拟商品，或关闭付费会员功能后再提交审核。",
        en: "Decide whether the virtual goods must be sold in the mini program: if so, enable 虚拟支付 on mp.weixin.qq.com, integrate it as required and make sure a service category covers them; if not, take them off the shelf in the store backend (Products → Product list) or switch the paid membership off before submitting.",
    },
    example: r#"{ "id": "p2001", "title": "年度会员卡", "status": "on_sale", "price": "99.00", "virtual": true }"#,
    source: "运营规范 14.6",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(products) = cx.bundle.products.get() {
        for p in products
            .items
            .iter()
            .filter(|p| p.on_sale() && p.is_virtual == Some(true))
        {
            out.push(with_product(
                RULE.diag(
                    p.place.field("virtual"),
                    format!("在售商品「{}」是虚拟商品（virtual = true），iOS 上需要通过虚拟支付购买", p.label()),
                    format!(
                        "on-sale product \"{}\" is a virtual good (virtual = true); on iOS it can only be sold through 虚拟支付",
                        p.label()
                    ),
                )
                .with_label("虚拟商品", "virtual good"),
                p,
            ));
        }
    }
    if let Some(store) = cx.bundle.store.get() {
        if store.features.paid_membership == Some(true) {
            if let Some(origin) = &store.origin {
                out.push(
                    RULE.diag(
                        origin.at("/features/paid_membership"),
                        "已开启付费会员（features.paid_membership），会员属于虚拟商品，iOS 上需要通过虚拟支付购买",
                        "the paid membership (features.paid_membership) is on; a membership is a virtual good that iOS users can only buy through 虚拟支付",
                    )
                    .with_label("付费会员", "paid membership"),
                );
            }
        }
    }
}
