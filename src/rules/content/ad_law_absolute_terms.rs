//! CNT001 ad-law-absolute-terms.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CNT001",
    name: "ad-law-absolute-terms",
    severity: Severity::Warning,
    area: Area::Content,
    precondition: false,
    summary: Doc {
        zh: "使用了广告法禁止的绝对化用语（国家级、最佳、第一 …）",
        en: "Absolute terms banned by the Advertising Law (国家级, 最佳, 第一 …)",
    },
    what: Doc {
        zh: "在小程序名称、小程序简介、提审表单的小程序描述、在售商品的标题和描述、首页（装修组件的所有文字，包括未知类型的组件，以及 homepage.html 的可见文字）和优惠券标题中查找广告法第九条第（三）项的绝对化用语（国家级、最高级、最佳、第一、唯一、顶级、全网最低、首选、极品、万能 …，词表见 rules/words-content.toml 的 [words.cnt_absolute_terms]）。市场监管总局 2023 年《广告绝对化用语执法指南》认可的客观表述不算，先从文字中去掉再查找（最佳食用期、最佳赏味期、第一次、第一步、第一时间、唯一码、万能胶、最大承重 …，即该词表的 exceptions）；只在更长的词里出现的词不重复报告（「全国第一」不再报「第一」）。每段文字的每个用语报告一次。出现在小程序名称或简介中为错误（error），其他位置为警告（warning）。",
        en: "Looks for the absolute terms of Advertising Law §9(3) (国家级, 最高级, 最佳, 第一, 唯一, 顶级, 全网最低, 首选, 极品, 万能 …; the [words.cnt_absolute_terms] list in rules/words-content.toml) in the mini program's name and description, the submission description, on-sale products' titles and descriptions, the homepage (every text of every decoration component, unknown types included, and the visible text of homepage.html) and coupon titles. Objective wording that SAMR's 2023 enforcement guide allows is removed first (最佳食用期, 最佳赏味期, 第一次, 第一步, 第一时间, 唯一码, 万能胶, 最大承重 …: the list's exceptions), and a term found only inside a longer one is not reported again (全国第一 is not also 第一). Each term is reported once per text. It is an error in the mini program's name or description and a warning elsewhere.",
    },
    why: Doc {
        zh: "广告法第九条第（三）项禁止在广告中使用「国家级」「最高级」「最佳」等用语。微信《常见拒绝情形》1.1（2）和《运营规范》2.5 规定名称、简介不得含有「国家级」「最高级」等新广告法明令禁止的词语，会直接驳回；页面内容中的同类用语（常见拒绝情形 2.2（4））也可能被驳回或被投诉处罚。",
        en: "Advertising Law §9(3) bans terms such as 国家级, 最高级 and 最佳 in advertising. WeChat's common rejection reasons 1.1(2) and operating rules 2.5 reject names and descriptions that contain them; the same words in page content (common rejections 2.2(4)) can also be rejected or draw complaints and penalties.",
    },
    fix: Doc {
        zh: "改用客观、可核实的描述（如把「最佳猫粮」改为「适合室内成猫的猫粮」）。名称和简介在微信公众平台 → 设置 → 基本设置 中修改（每月次数有限）；商品在商城后台 商品 → 商品列表 中编辑；首页在 店铺 → 店铺装修 中修改。",
        en: "Use objective, verifiable wording (e.g. 适合室内成猫的猫粮 instead of 最佳猫粮). Change the name and description at mp.weixin.qq.com → Settings → Basic settings (a limited number of times a month); products in the store backend under Products → Product list; the homepage under Shop → Shop decoration.",
    },
    example: r#"store.json:    { "mini_program": { "name": "全国第一宠物商城" } }
products.json: { "products": [ { "title": "顶级冻干猫粮 2kg", "status": "on_sale" } ] }"#,
    source: "广告法 §9(3); 常见拒绝情形 1.1(2), 2.2(4); 运营规范 2.5",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let list = cx.knowledge.list("cnt_absolute_terms");
    for s in cx.content_texts() {
        for term in s.find_all(list) {
            let term = s.as_written(term);
            let quote = s.quote(term);
            let d = s
                .diag(
                    &RULE,
                    format!("{}「{quote}」含广告法禁止的绝对化用语「{term}」", s.where_zh()),
                    format!(
                        "the {} \"{quote}\" uses the absolute term \"{term}\" that the Advertising Law bans",
                        s.where_en()
                    ),
                )
                .with_label(format!("绝对化用语「{term}」"), format!("absolute term \"{term}\""));
            out.push(if s.is_identity() {
                d.with_severity(Severity::Error).with_help(
                    "在微信公众平台 → 设置 → 基本设置 中修改名称或简介，去掉该用语（名称、简介中出现会被直接驳回）。",
                    "Change the name or description at mp.weixin.qq.com → Settings → Basic settings and drop the term (in the name or description it is rejected outright).",
                )
            } else {
                d
            });
        }
    }
}
