//! HOME002 recharge-promotion-on-homepage.

use super::where_on_homepage;
use crate::bundle::{HomeCoupon, Place, Spanned};
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{recharge_coupon, Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "HOME002",
    name: "recharge-promotion-on-homepage",
    severity: Severity::Error,
    area: Area::Homepage,
    precondition: true,
    summary: Doc {
        zh: "首页推广充值 / 储值",
        en: "The homepage promotes recharge or stored value",
    },
    what: Doc {
        zh: "检查首页（decoration.json 的所有组件，包括未知类型，以及 homepage.html 的可见文字）中的优惠券、轮播图、公告、导航和文字：充值类优惠券（kind 为 recharge 或标题含充值词），或含充值、储值、预存、余额充值等词的文字（词表见 rules/words.toml 的 [recharge]）。",
        en: "Checks the homepage (every component of decoration.json, unknown types included, and the visible text of homepage.html): coupons of kind `recharge` or with a recharge word in the title, and banners, notices, nav items and texts with words such as 充值, 储值, 预存, 余额充值 (the [recharge] list in rules/words.toml).",
    },
    why: Doc {
        zh: "充值 / 储值属于预付卡业务，普通商城不具备该类目；平台默认模板自带充值优惠券，审核会以「涉及充值账户」驳回（§四.1）。",
        en: "Recharge and stored value are a prepaid-card business that an ordinary store has no category for; the platforms' default templates carry recharge coupons, and review rejects them as a recharge account.",
    },
    fix: Doc {
        zh: "在商城后台 店铺 → 店铺装修 中删除首页上的充值优惠券、充值轮播图和充值文字，保存发布后再提交审核。",
        en: "In the store backend open Shop → Shop decoration, remove the recharge coupons, banners and texts from the homepage, save and publish, then submit.",
    },
    example: r#"{ "components": [ { "type": "notice", "text": "充值100送20，余额支付更优惠" } ] }"#,
    source: "seed 000 §四.1",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let bundle = cx.bundle;
    let mut text_finding = |kind: &str, t: &Spanned<String>| {
        if let Some(word) = cx.knowledge.list("recharge").find(&t.value) {
            let (wz, we) = where_on_homepage(kind);
            out.push(
                RULE.diag(
                    t.place.whole(),
                    format!("{wz}的文字「{}」含「{word}」，属于充值推广", t.value),
                    format!(
                        "the {we} text \"{}\" promotes recharge (\"{word}\")",
                        t.value
                    ),
                )
                .with_label("充值推广", "recharge promotion"),
            );
        }
    };
    for (kind, t) in cx.homepage_texts() {
        text_finding(kind, t);
    }
    let Some(deco) = bundle.decoration.get() else {
        return;
    };
    let coupons = bundle.coupons.get();
    for c in &deco.components {
        for hc in &c.coupons {
            let (place, title, kind, id): (&Place, Option<&str>, Option<&str>, Option<&str>) =
                match hc {
                    HomeCoupon::Ref { id, place } => {
                        let Some(coupon) = coupons
                            .and_then(|cs| cs.items.iter().find(|k| k.id.as_deref() == Some(id)))
                        else {
                            continue;
                        };
                        (
                            place,
                            coupon.title.as_deref(),
                            coupon.kind.as_deref(),
                            Some(id),
                        )
                    }
                    HomeCoupon::Inline { title, kind, place } => {
                        (place, title.as_deref(), kind.as_deref(), None)
                    }
                };
            if recharge_coupon(cx, kind, title).is_none() {
                continue;
            }
            let name = title.unwrap_or("?");
            let d = RULE
                .diag(
                    place.whole(),
                    format!("首页优惠券组件展示了充值类优惠券「{name}」"),
                    format!("the homepage coupon block shows the recharge coupon \"{name}\""),
                )
                .with_label("充值券", "recharge coupon");
            out.push(match id {
                Some(id) => d.with_entity("coupon", id),
                None => d,
            });
        }
    }
}
