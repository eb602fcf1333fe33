//! REV003 submission-title-mismatch.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "REV003",
    name: "submission-title-mismatch",
    severity: Severity::Warning,
    area: Area::Review,
    precondition: false,
    summary: Doc {
        zh: "提审表单的首页标题与小程序名称不一致",
        en: "The submission's homepage title differs from the mini program's name",
    },
    what: Doc {
        zh: "当 store.json 中 submission.title（发布新版本表单的「首页标题」）和 mini_program.name（小程序名称）都已填写时，比较两者（去掉首尾空白后逐字比较）；不一致时报告。任一项缺失时不判断（缺失由 REV004 / ACC004 报告）。",
        en: "When both submission.title (首页标题 of the new-version form) and mini_program.name in store.json are set, compares them (trimmed, character for character) and reports a difference. When either is missing nothing is judged (REV004 / ACC004 report that).",
    },
    why: Doc {
        zh: "种子 000 §一.3 的提审说明要求「页面标题：小程序名称」，填写样例中首页标题就是小程序名称。首页标题与名称不一致（旧名称、平台名、门店名或堆砌关键词）会让审核人员认为名称、简介与实际内容不一致（《常见拒绝情形》1.2.1（2）），是常见的驳回原因。",
        en: "Seed 000 §一.3 says the page title is the mini program's name, and its sample form uses the name as the homepage title. A different title (an old name, the platform's or a shop's name, stuffed keywords) makes the reviewer see name, description and content as inconsistent (common rejection reasons 1.2.1(2)), a frequent rejection.",
    },
    fix: Doc {
        zh: "在发布新版本（提交审核）表单中把「首页标题」填写为小程序名称；名称本身已修改的，以微信公众平台 → 设置 → 基本设置 中显示的当前名称为准。",
        en: "In the new-version (submit for review) form set the homepage title to the mini program's name; if the name was changed, use the current name shown at mp.weixin.qq.com → Settings → Basic settings.",
    },
    example: r#"{ "mini_program": { "name": "三美仁和商城" }, "submission": { "title": "快马批发" } }"#,
    source: "seed 000 §一.3; 常见拒绝情形 1.2.1(2)",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let (Some(title), Some(name)) = (&store.submission.title, &store.mini_program.name) else {
        return;
    };
    let (title, name) = (title.trim(), name.trim());
    if title.is_empty() || name.is_empty() || title == name {
        return;
    }
    out.push(
        RULE.diag(
            origin.at("/submission/title"),
            format!("首页标题「{title}」与小程序名称「{name}」不一致"),
            format!("the homepage title \"{title}\" differs from the mini program name \"{name}\""),
        )
        .with_label(format!("应为「{name}」"), format!("should be \"{name}\"")),
    );
}
