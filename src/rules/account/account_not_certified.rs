//! ACC002 account-not-certified.

use crate::diagnostic::{Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC002",
    name: "account-not-certified",
    severity: Severity::Error,
    area: Area::Account,
    precondition: true,
    summary: Doc {
        zh: "小程序未完成微信认证",
        en: "The mini program has not passed WeChat certification",
    },
    what: Doc {
        zh: "检查 store.json 中 mini_program.certification 是否为 certified（已认证）。pending（认证中）、none（未认证）、expired（已过期）或未填写都会触发。",
        en: "Checks that mini_program.certification in store.json is `certified`. `pending`, `none`, `expired` or a missing value fire.",
    },
    why: Doc {
        zh: "未认证的小程序不能授权给第三方平台发布，也不能开通微信支付；这是提交审核的第一个前提条件（发布前提①）。",
        en: "An uncertified mini program cannot be authorised to a third-party platform or take WeChat Pay, so it cannot be published; certification is the first publish precondition.",
    },
    fix: Doc {
        zh: "登录微信公众平台（mp.weixin.qq.com）→ 设置 → 基本设置 → 微信认证，完成认证（认证费 300 元）后再提交审核。",
        en: "Log in to mp.weixin.qq.com → Settings → Basic settings → WeChat certification and complete it (fee CNY 300) before submitting.",
    },
    example: r#"{ "mini_program": { "certification": "pending" } }"#,
    source: "seed 000 §一.4 ①",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<crate::diagnostic::Diagnostic>) {
    let Some(store) = super::store_or_missing(cx.bundle, &RULE, out) else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let state = store.mini_program.certification.as_deref();
    let (zh, en) = match state {
        Some("certified") => return,
        Some("pending") => (
            "微信认证仍在审核中".to_string(),
            "WeChat certification is still pending".to_string(),
        ),
        Some("expired") => (
            "微信认证已过期，需要年审".to_string(),
            "WeChat certification has expired and must be renewed".to_string(),
        ),
        Some("none") => (
            "小程序未进行微信认证".to_string(),
            "the mini program is not certified".to_string(),
        ),
        Some(other) => (
            format!("微信认证状态为「{other}」，不是 certified"),
            format!("certification is \"{other}\", not \"certified\""),
        ),
        None => (
            "未填写微信认证状态（mini_program.certification）".to_string(),
            "the certification state (mini_program.certification) is not set".to_string(),
        ),
    };
    out.push(
        RULE.diag(origin.at("/mini_program/certification"), zh, en)
            .with_label("未认证", "not certified"),
    );
}
