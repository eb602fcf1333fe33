//! PAY003 payment-appid-mismatch.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PAY003",
    name: "payment-appid-mismatch",
    severity: Severity::Error,
    area: Area::Payment,
    precondition: false,
    summary: Doc {
        zh: "商户号关联的 AppID 与小程序的 AppID 不一致",
        en: "The AppID bound to the merchant differs from the mini program's AppID",
    },
    what: Doc {
        zh: "比较 payment.json 的 wechat_pay.appid（商户号关联的 AppID）与 store.json 的 mini_program.appid，两者都填写且不完全相同时触发；关联 AppID 填的是小程序的原始ID（gh_ 开头）时会特别说明。小程序自己的 AppID 格式不对（不是 wx 加 16 位十六进制）时不比较，由 ACC001 报告。AppID 不是密钥，消息中会显示。",
        en: "Compares wechat_pay.appid in payment.json (the AppID the merchant account is bound to) with mini_program.appid in store.json and fires when both are set and differ; says so specially when the bound AppID is the mini program's 原始ID (gh_…). Not compared when the mini program's own AppID is malformed (not wx + 16 hex), which is ACC001's finding. AppIDs are not secrets and are shown.",
    },
    why: Doc {
        zh: "微信支付只能为商户号已关联的 AppID 下单：申请商户号时填写的「小程序APPID」必须是这个小程序的 AppID，并在小程序后台 功能 → 微信支付 中完成关联（seed 001 步骤九，seed 004）。不一致时下单报「appid 和 mch_id 不匹配」，审核人员无法完成支付（发布前提⑥）。",
        en: "WeChat Pay only takes orders for an AppID bound to the merchant account: the 小程序APPID given when applying for the merchant account must be this mini program's, and the binding must be accepted under Features → WeChat Pay in the mini program's console (seed 001 step 9, seed 004). Otherwise ordering fails with \"appid and mch_id do not match\" and the reviewer cannot pay (publish precondition ⑥).",
    },
    fix: Doc {
        zh: "在微信支付商户平台 产品中心 → AppID账号管理 中关联本小程序的 AppID，并在小程序后台 功能 → 微信支付 中确认关联；然后在商城后台 应用 → 小程序 → 支付设置 中填写正确的 AppID。",
        en: "In the WeChat Pay merchant platform bind this mini program's AppID (产品中心 → AppID账号管理) and accept the binding under Features → WeChat Pay on mp.weixin.qq.com; then enter the right AppID in the store backend under Apps → Mini program → Payment settings.",
    },
    example: r#"store.json:   { "mini_program": { "appid": "wx5e3b9c2a71d04f86" } }
payment.json: { "wechat_pay": { "appid": "wx1225721055000af0" } }"#,
    source: "seed 001 步骤九; seed 004",
    check: Check::Native(check),
};

/// `wx` followed by 16 hex digits.
fn valid_appid(s: &str) -> bool {
    s.len() == 18 && s.starts_with("wx") && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(payment), Some(store)) = (cx.bundle.payment.get(), cx.bundle.store.get()) else {
        return;
    };
    let (Some(bound), Some(own)) = (
        payment.wechat_pay.appid.as_deref(),
        store.mini_program.appid.as_deref(),
    ) else {
        return;
    };
    if bound == own || !valid_appid(own) {
        return;
    }
    let original = store.mini_program.original_id.as_deref() == Some(bound)
        || bound.to_ascii_lowercase().starts_with("gh_");
    let d = if original {
        RULE.diag(
            payment.origin.at("/wechat_pay/appid"),
            format!("商户号关联的 AppID 填的是原始ID {bound}，应为小程序的 AppID {own}"),
            format!("the AppID bound to the merchant is the 原始ID {bound}; it must be the mini program's AppID {own}"),
        )
        .with_label("原始ID，不是 AppID", "原始ID, not the AppID")
    } else {
        RULE.diag(
            payment.origin.at("/wechat_pay/appid"),
            format!("商户号关联的 AppID {bound} 与小程序的 AppID {own} 不一致"),
            format!("the AppID bound to the merchant, {bound}, differs from the mini program's AppID {own}"),
        )
        .with_label(format!("应为 {own}"), format!("should be {own}"))
    };
    out.push(d);
}
