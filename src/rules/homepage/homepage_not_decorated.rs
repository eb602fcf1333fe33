//! HOME001 homepage-not-decorated.

use crate::diagnostic::{At, Diagnostic, Doc, Location, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "HOME001",
    name: "homepage-not-decorated",
    severity: Severity::Error,
    area: Area::Homepage,
    precondition: true,
    summary: Doc {
        zh: "首页未装修",
        en: "The homepage has not been decorated",
    },
    what: Doc {
        zh: "没有 decoration.json 也没有 homepage.html；或 decoration.json 的 template 为 default（平台默认模板，未装修）；或没有一个组件有实际内容（图片、商品、文字——只有搜索框、分隔线不算）。",
        en: "Fires when there is neither decoration.json nor homepage.html; when decoration.json has template `default` (the platform's untouched default template); or when no component shows real content (an image, a product, a text — a bare search bar or divider does not count).",
    },
    why: Doc {
        zh: "审核要求首页装修成正常使用的页面，且内容与服务类目相符（发布前提④）；默认模板带有大量示例内容和充值优惠券，是被驳回的常见原因（§四）。",
        en: "Review expects a homepage decorated as the store really uses it, matching its service category (publish precondition ④); the default template's sample content and recharge coupons are a frequent cause of rejection.",
    },
    fix: Doc {
        zh: "在商城后台 店铺 → 店铺装修 中装修首页：放上真实的轮播图、导航和在售商品，删除默认模板的示例内容后保存发布。",
        en: "In the store backend open Shop → Shop decoration and build the homepage with real banners, navigation and on-sale products; remove the default template's sample content, then save and publish.",
    },
    example: r#"{ "template": "default", "components": [] }"#,
    source: "seed 000 §一.4 ④, §四.2",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let bundle = cx.bundle;
    if bundle.decoration.is_missing() && bundle.homepage.is_missing() {
        let (zh, en) = if bundle.single_file {
            (
                "单文件包中没有 \"decoration\"，首页未装修".to_string(),
                "the bundle has no \"decoration\" section: the homepage is not decorated"
                    .to_string(),
            )
        } else {
            (
                "缺少 decoration.json 和 homepage.html，首页未装修".to_string(),
                "decoration.json and homepage.html are both missing: the homepage is not decorated"
                    .to_string(),
            )
        };
        out.push(RULE.diag(bundle.missing_location(), zh, en));
        return;
    }
    if let Some(deco) = bundle.decoration.get() {
        if deco.template.as_deref() == Some("default") {
            out.push(
                RULE.diag(
                    deco.origin.at("/template"),
                    "首页仍在使用平台默认模板（template = default）",
                    "the homepage still uses the platform's default template (template = default)",
                )
                .with_label("默认模板", "default template"),
            );
        } else if !deco.components.iter().any(|c| c.has_content) {
            let n = deco.components.len();
            let (zh, en) = if n == 0 {
                (
                    "首页没有任何组件".to_string(),
                    "the homepage has no components".to_string(),
                )
            } else {
                (
                    format!("首页的 {n} 个组件都没有实际内容（图片、商品或文字）"),
                    format!("none of the homepage's {n} components shows real content (an image, a product or a text)"),
                )
            };
            out.push(
                RULE.diag(deco.origin.at("/components"), zh, en)
                    .with_label("没有内容", "no content"),
            );
        }
        return;
    }
    if let Some(page) = bundle.homepage.get() {
        if !page.has_content {
            out.push(RULE.diag(
                Location {
                    file: page.file,
                    at: At::Range { start: 0, end: 0 },
                },
                "homepage.html 没有可见的文字或图片",
                "homepage.html shows no visible text or image",
            ));
        }
    }
}
