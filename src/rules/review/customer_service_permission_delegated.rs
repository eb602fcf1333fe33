//! REV007 customer-service-permission-delegated.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "REV007",
    name: "customer-service-permission-delegated",
    severity: Severity::Warning,
    area: Area::Review,
    precondition: false,
    summary: Doc {
        zh: "使用微信自带客服，却把客服消息管理权限授权给了第三方平台",
        en: "WeChat's own customer service is used, but the customer-service message permission is granted to the platform",
    },
    what: Doc {
        zh: "当 store.json 中 customer_service.mode 为 builtin（使用微信官方的网页版客服 / 客服小助手）时，检查 authorization.permissions（授权给第三方平台的权限集）中是否有客服消息管理权限：数字 id 19，或名称（去掉空格后）含 客服消息管理、多客服 等（如「客服消息管理权限」「客服消息管理权限（小程序）」「微信多客服权限」，词表见 rules/words-content.toml 的 [words.rev_cs_permission]）。指向该权限项。",
        en: "When customer_service.mode in store.json is builtin (WeChat's own web customer-service tool / 客服小助手), looks in authorization.permissions (the permission sets granted to the third-party platform) for the customer-service message permission: the numeric id 19, or a name that (without spaces) contains 客服消息管理, 多客服 … (客服消息管理权限, 客服消息管理权限（小程序）, 微信多客服权限; the [words.rev_cs_permission] list in rules/words-content.toml). Points at that permission.",
    },
    why: Doc {
        zh: "微信文档（种子 002 §二）：如小程序的客服消息权限集已授权给第三方平台，则所有的客服消息将推送到第三方平台的服务器，不再推送到网页版客服工具。结果是用户发来的消息客服人员收不到，审核人员测试客服时无人回复。种子 000 §一.2 和 §五 因此要求授权时取消【微信多客服权限】的勾选，已授权的要检查权限集中有无【客服消息管理权限（小程序）】，有则重新授权。",
        en: "WeChat's documentation (seed 002 §二): once the customer-service message permission set is granted to a third-party platform, every customer-service message goes to the platform's server and no longer to the web customer-service tool. Agents never see users' messages, and a reviewer testing customer service gets no answer. Seed 000 §一.2 and §五 therefore have the administrator untick 微信多客服权限 when authorizing, and re-authorize when 客服消息管理权限（小程序） is in the granted permission sets.",
    },
    fix: Doc {
        zh: "在商城后台 网站 → 小程序授权 中点击【重新授权】，管理员扫码时取消【微信多客服权限 / 客服消息管理权限】的勾选；之后在微信公众平台 功能 → 客服 中绑定客服人员。若确实要用平台的客服系统，把 customer_service.mode 设为 platform。",
        en: "In the store backend open Website → Mini program authorization, click Re-authorize, and untick 微信多客服权限 / 客服消息管理权限 when the administrator scans; then bind the agents at mp.weixin.qq.com → Features → Customer service. If the platform's own customer-service system is meant to be used, set customer_service.mode to platform.",
    },
    example: r#"{ "authorization": { "permissions": ["帐号管理权限", "客服消息管理权限（小程序）"] }, "customer_service": { "mode": "builtin" } }"#,
    source: "seed 000 §一.2, §五; seed 002 §二",
    check: Check::Native(check),
};

/// WeChat's id of the permission set 客服消息管理权限.
const CUSTOMER_SERVICE_PERMISSION_ID: &str = "19";

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    if !store
        .customer_service
        .mode
        .as_deref()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("builtin"))
    {
        return;
    }
    let names = cx.knowledge.list("rev_cs_permission");
    for entry in &store.authorization.permissions {
        let p = &entry.value;
        let compact: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        if compact != CUSTOMER_SERVICE_PERMISSION_ID && names.find(&compact).is_none() {
            continue;
        }
        let shown = if compact == CUSTOMER_SERVICE_PERMISSION_ID {
            (
                "权限集 19（客服消息管理权限）".to_string(),
                "permission set 19 (客服消息管理权限)".to_string(),
            )
        } else {
            (format!("「{p}」"), format!("\"{p}\""))
        };
        out.push(
            RULE.diag(
                entry.place.whole(),
                format!(
                    "客服使用微信自带客服（builtin），但{}已授权给第三方平台，用户的客服消息会被推送到平台，网页版客服和客服小助手收不到",
                    shown.0
                ),
                format!(
                    "customer service uses WeChat's own tools (builtin), but {} is granted to the platform, so users' messages go to the platform and never reach the web customer-service tool",
                    shown.1
                ),
            )
            .with_label("应取消授权", "untick when re-authorizing"),
        );
    }
}
