//! HOME003 homepage-placeholder-content.

use super::where_on_homepage;
use crate::bundle::HomeCoupon;
use crate::diagnostic::{Diagnostic, Doc, Location, Severity};
use crate::rules::product::{find_word, placeholder_term};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "HOME003",
    name: "homepage-placeholder-content",
    severity: Severity::Error,
    area: Area::Homepage,
    precondition: false,
    summary: Doc {
        zh: "首页有测试 / 占位内容",
        en: "The homepage shows test or placeholder content",
    },
    what: Doc {
        zh: "检查首页的所有文字：decoration.json 的标题（title）、每个组件（包括未知类型）的文字、首页优惠券组件展示的优惠券标题，以及 homepage.html 的可见文字。含有测试 / 占位用语（与 PRD005 共用的 [words.placeholder]：测试、示例商品、样例、占位、test、demo、lorem 等）或首页专用的未完成用语（[words.placeholder_homepage]：敬请期待、即将上线、建设中、暂无商品、coming soon、TODO 等）时触发；词表在 rules/words-content-placeholder.toml。英文词按整词匹配（Testosterone、Latest 不算 test），真实的检测类商品（pH 测试纸、水质测试笔）和质量检测说明（经过拉力测试）是例外。",
        en: "Checks every homepage text: the decoration title, the texts of every component (unknown types included), the titles of coupons shown in coupon blocks, and the visible text of homepage.html. Fires on test / placeholder wording (the [words.placeholder] list shared with PRD005: 测试, 示例商品, 样例, 占位, test, demo, lorem …) or homepage wording of unfinished blocks ([words.placeholder_homepage]: 敬请期待, 即将上线, 建设中, 暂无商品, coming soon, TODO …); both lists are in rules/words-content-placeholder.toml. Latin terms match whole words only (Testosterone and Latest are not \"test\"); real testing products (pH 测试纸, 水质测试笔) and statements about quality tests (经过拉力测试) are exceptions.",
    },
    why: Doc {
        zh: "提交审核的小程序必须是可以正常使用的完成品，不能是测试版（常见拒绝情形 3.3.1，运营规范 13.1）；首页是审核人员首先看到的页面，「敬请期待」「即将上线」的空栏目或模板自带的示例文字会被认为功能不完整而驳回。总体原则是「把首页装修成你正常使用的页面」（seed 000 §四.2）。",
        en: "A submitted mini program must be a finished, working product, not a test version (常见拒绝情形 3.3.1, 运营规范 13.1). The homepage is the first thing the reviewer sees: empty \"coming soon\" blocks and a template's sample text are rejected as incomplete. The rule of thumb is to decorate the homepage as the store really uses it (seed 000 §四.2).",
    },
    fix: Doc {
        zh: "在商城后台 店铺 → 店铺装修 中删除或改写含测试 / 占位文字的组件（还没准备好的栏目先删除），检查首页标题和首页展示的优惠券名称，保存发布后再提交审核。",
        en: "In the store backend open Shop → Shop decoration and remove or rewrite the components with test or placeholder text (remove blocks that are not ready yet); check the homepage title and the names of the coupons it shows, then save, publish and submit.",
    },
    example: r#"{ "title": "三美仁和商城", "components": [ { "type": "notice", "text": "新品即将上线，敬请期待" } ] }"#,
    source: "常见拒绝情形 3.3.1; 运营规范 13.1, 6.2.3; seed 000 §四.2",
    check: Check::Native(check),
};

/// The placeholder term in a homepage text: the shared list, then the homepage-only one.
fn homepage_term<'k>(cx: &Context<'k>, text: &'k str) -> Option<&'k str> {
    placeholder_term(cx, text)
        .or_else(|| find_word(cx.knowledge.list("placeholder_homepage"), text))
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut report = |at: Location, wz: &str, we: &str, text: &str, term: &str| {
        out.push(
            RULE.diag(
                at,
                format!("{wz}的文字「{text}」含测试 / 占位用语「{term}」"),
                format!("the {we} text \"{text}\" holds the test / placeholder word \"{term}\""),
            )
            .with_label(
                format!("占位用语「{term}」"),
                format!("placeholder \"{term}\""),
            ),
        );
    };
    let deco = cx.bundle.decoration.get();
    if let Some(d) = deco {
        if let Some(title) = d.title.as_deref() {
            if let Some(term) = homepage_term(cx, title) {
                report(
                    d.origin.at("/title"),
                    "首页标题",
                    "homepage title",
                    title,
                    term,
                );
            }
        }
    }
    for (kind, t) in cx.homepage_texts() {
        if let Some(term) = homepage_term(cx, &t.value) {
            let (wz, we) = where_on_homepage(kind);
            report(t.place.whole(), &wz, &we, &t.value, term);
        }
    }
    // Coupon titles shown by coupon blocks (inline, or looked up in coupons.json).
    let Some(d) = deco else {
        return;
    };
    let coupons = cx.bundle.coupons.get();
    for hc in d.components.iter().flat_map(|c| &c.coupons) {
        let (title, place) = match hc {
            HomeCoupon::Inline { title, place, .. } => (title.as_deref(), place),
            HomeCoupon::Ref { id, place } => (
                coupons
                    .and_then(|cs| cs.items.iter().find(|k| k.id.as_deref() == Some(id)))
                    .and_then(|k| k.title.as_deref()),
                place,
            ),
        };
        let Some(title) = title else {
            continue;
        };
        if let Some(term) = homepage_term(cx, title) {
            report(place.whole(), "首页优惠券", "homepage coupon", title, term);
        }
    }
}
