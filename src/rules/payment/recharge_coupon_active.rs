//! PAY007 recharge-coupon-active.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{recharge_coupon, Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PAY007",
    name: "recharge-coupon-active",
    severity: Severity::Error,
    area: Area::Payment,
    precondition: true,
    summary: Doc {
        zh: "有进行中的充值类优惠券",
        en: "An active coupon promotes recharge",
    },
    what: Doc {
        zh: "检查 coupons.json 中状态为 active（或未填写状态）的优惠券：kind 为 recharge，或标题含充值、储值、预存等词（词表见 rules/words.toml 的 [recharge]）。",
        en: "Checks active coupons in coupons.json (a coupon without a status counts as active): kind `recharge`, or a title with a recharge word such as 充值, 储值, 预存 (the [recharge] list in rules/words.toml).",
    },
    why: Doc {
        zh: "充值送券、储值卡、预存款属于预付卡业务；商城默认模板常自带这类优惠券，审核会以「涉及充值账户」驳回。",
        en: "Recharge bonuses, stored-value cards and prepaid balances are a prepaid-card business; platforms' default templates often ship such coupons, and review rejects them as a recharge account.",
    },
    fix: Doc {
        zh: "在商城后台 营销 → 优惠券 中停用或删除该优惠券，并检查首页装修中是否还展示它。",
        en: "In the store backend open Marketing → Coupons and disable or delete the coupon; check the homepage decoration no longer shows it.",
    },
    example: r#"{ "coupons": [ { "id": "k9", "title": "充值100送20", "kind": "recharge", "status": "active" } ] }"#,
    source: "seed 000 §四.1",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(coupons) = cx.bundle.coupons.get() else {
        return;
    };
    for c in coupons.items.iter().filter(|c| c.active()) {
        let title = c.title.as_deref().unwrap_or("?");
        let Some(reason) = recharge_coupon(cx, c.kind.as_deref(), c.title.as_deref()) else {
            continue;
        };
        let (location, zh, en) = match reason {
            None => (
                c.place.field("kind"),
                format!("优惠券「{title}」是充值类优惠券（kind = recharge），且正在发放"),
                format!("coupon \"{title}\" is a recharge coupon (kind = recharge) and is active"),
            ),
            Some(word) => (
                c.place.field("title"),
                format!("进行中的优惠券「{title}」标题含「{word}」，属于充值推广"),
                format!("active coupon \"{title}\" promotes recharge (\"{word}\")"),
            ),
        };
        let d = RULE
            .diag(location, zh, en)
            .with_label("充值券", "recharge coupon");
        out.push(match &c.id {
            Some(id) => d.with_entity("coupon", id.clone()),
            None => d,
        });
    }
}
