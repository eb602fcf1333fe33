//! ACC010 platform-not-authorized.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC010",
    name: "platform-not-authorized",
    severity: Severity::Error,
    area: Area::Account,
    precondition: true,
    summary: Doc {
        zh: "小程序未授权给商城平台",
        en: "The mini program is not authorised to the store's platform",
    },
    what: Doc {
        zh: "检查 store.json 中 authorization.authorized 是否为 true。",
        en: "Checks that authorization.authorized in store.json is true.",
    },
    why: Doc {
        zh: "商城平台（第三方平台）要代为上传代码、提交审核和发布，必须先获得小程序授权（发布前提②）。授权失败通常是因为小程序未认证，或已授权给其他第三方平台。",
        en: "The SaaS platform uploads the code, submits it for review and publishes it on the store's behalf, which it can only do once authorised. Authorisation usually fails because the mini program is not certified or is already authorised to another platform.",
    },
    fix: Doc {
        zh: "在商城后台 网站 → 小程序授权 中，用小程序管理员微信扫码授权（取消勾选【微信多客服权限】）；若失败，到微信公众平台 → 设置 → 第三方设置 停止对其他平台的授权后重试。",
        en: "In the store backend open Website → Mini program authorisation and scan the QR code with the administrator's WeChat (untick the multi-agent customer service permission). If it fails, stop any other platform's authorisation under Settings → Third-party settings on mp.weixin.qq.com and retry.",
    },
    example: r#"{ "authorization": { "authorized": false } }"#,
    source: "seed 000 §一.4 ②, §二",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = super::store_or_missing(cx.bundle, &RULE, out) else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let (zh, en) = match store.authorization.authorized {
        Some(true) => return,
        Some(false) => ("小程序尚未授权给商城平台", "the mini program is not authorised to the platform"),
        None => (
            "未填写授权状态（authorization.authorized），无法确认已授权给商城平台",
            "authorization.authorized is not set, so authorisation to the platform cannot be confirmed",
        ),
    };
    out.push(
        RULE.diag(origin.at("/authorization/authorized"), zh, en)
            .with_label("未授权", "not authorised"),
    );
}
