//! CAT001 no-approved-category.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CAT001",
    name: "no-approved-category",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "没有审核通过的服务类目",
        en: "No service category has been approved",
    },
    what: Doc {
        zh: "检查 categories.json 是否存在，且 service_categories 中至少有一个 status 为 approved 的服务类目。审核中（pending）的类目会在消息中列出，但还不能使用。",
        en: "Checks that categories.json exists and that service_categories holds at least one category with status `approved`. Pending categories are listed in the message but cannot be used yet.",
    },
    why: Doc {
        zh: "小程序必须先在微信公众平台添加与所售商品相符的服务类目，才能提交审核（§三）。",
        en: "A mini program must have a service category matching what it sells, added on mp.weixin.qq.com, before it can be submitted.",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 设置 → 基本设置 → 服务类目，按所售商品添加类目（如 商家自营 > 宠物食品/用品）；已有类目但平台读不到时，请重新授权一次。",
        en: "Log in to mp.weixin.qq.com → Settings → Basic settings → Service categories and add the category that matches what the store sells (e.g. 商家自营 > 宠物食品/用品); if one exists but the platform does not see it, authorise the platform again.",
    },
    example: r#"{ "service_categories": [ { "first": "商家自营", "second": "宠物食品/用品", "status": "pending" } ] }"#,
    source: "seed 000 §三",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let bundle = cx.bundle;
    if bundle.categories.is_missing() {
        let name = bundle.section_name("categories.json");
        out.push(RULE.diag(
            bundle.missing_location(),
            format!("缺少 {name}，没有服务类目"),
            format!("{name} is missing, so there is no service category"),
        ));
        return;
    }
    let Some(cats) = bundle.categories.get() else {
        return;
    };
    if cats.service.iter().any(|c| c.approved()) {
        return;
    }
    let pending: Vec<String> = cats
        .service
        .iter()
        .filter(|c| c.status.as_deref() == Some("pending"))
        .map(|c| c.display())
        .collect();
    let (zh, en) = if pending.is_empty() {
        (
            "没有审核通过的服务类目".to_string(),
            "no service category is approved".to_string(),
        )
    } else {
        (
            format!(
                "没有审核通过的服务类目；{} 仍在审核中，暂不能使用",
                pending.join("、")
            ),
            format!(
                "no service category is approved; {} is still pending and cannot be used yet",
                pending.join(", ")
            ),
        )
    };
    out.push(
        RULE.diag(cats.origin.at("/service_categories"), zh, en)
            .with_label("无已通过类目", "none approved"),
    );
}
