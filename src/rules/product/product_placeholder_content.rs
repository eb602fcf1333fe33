//! PRD005 product-placeholder-content.

use super::{placeholder_term, with_product};
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD005",
    name: "product-placeholder-content",
    severity: Severity::Error,
    area: Area::Product,
    precondition: false,
    summary: Doc {
        zh: "在售商品的标题或描述是测试 / 占位内容",
        en: "An on-sale product's title or description is test or placeholder content",
    },
    what: Doc {
        zh: "检查每个在售商品的标题（title）和描述（description）是否含有测试 / 占位用语：测试、测试商品、请勿购买、示例商品、样例、占位、test、demo、lorem 等（rules/words-content-placeholder.toml 的 [words.placeholder]，与 HOME003 共用）。英文词按整词匹配（前后不能紧挨英文字母）：「test1」「Demo 猫粮」会触发，「Testosterone」「Latest」「Demolux」不会。例外短语先从文字中去掉：真实的检测类商品（pH 测试纸、水质测试笔、检测试剂、test strips）和质量检测说明（经过拉力测试、测试报告）不算。标题和描述各报告一次。",
        en: "Checks the title and description of every on-sale product for test / placeholder wording: 测试, 测试商品, 请勿购买, 示例商品, 样例, 占位, test, demo, lorem … (the [words.placeholder] list of rules/words-content-placeholder.toml, shared with HOME003). Latin terms match whole words only (no ASCII letter right before or after): \"test1\" and \"Demo 猫粮\" fire, \"Testosterone\", \"Latest\" and \"Demolux\" do not. Exception phrases are removed first: real testing products (pH 测试纸, 水质测试笔, 检测试剂, test strips) and statements about quality tests (经过拉力测试, 测试报告) do not count. The title and the description are reported separately.",
    },
    why: Doc {
        zh: "提交审核的小程序必须是完成品，不能是测试版（常见拒绝情形 3.3.1，运营规范 13.1）；「测试商品」「示例商品」等内容会被认为商城尚未真实运营而驳回。平台默认模板和导入的示例数据常带有这类商品（seed 000 §四）。",
        en: "A submitted mini program must be a finished product, not a test version (常见拒绝情形 3.3.1, 运营规范 13.1); goods named 测试商品 or 示例商品 tell the reviewer the store is not really operating, and it is rejected. Default templates and imported sample data often bring such goods (seed 000 §四).",
    },
    fix: Doc {
        zh: "在商城后台 商品 → 商品列表 中把测试 / 示例商品下架或删除，或把标题和描述改成真实的商品信息后再提交审核。",
        en: "In the store backend open Products → Product list and take test or sample products off the shelf (or delete them), or give them their real title and description, before submitting.",
    },
    example: r#"{ "id": "p1010", "title": "测试商品请勿拍", "status": "on_sale", "price": "0.01" }"#,
    source: "常见拒绝情形 3.3.1; 运营规范 13.1, 6.2.3; seed 000 §四",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(products) = cx.bundle.products.get() else {
        return;
    };
    for p in products.items.iter().filter(|p| p.on_sale()) {
        let fields = [
            ("title", "标题", "title", &p.title),
            ("description", "描述", "description", &p.description),
        ];
        for (key, zh, en, value) in fields {
            let Some(text) = value.as_deref() else {
                continue;
            };
            let Some(term) = placeholder_term(cx, text) else {
                continue;
            };
            let (id_zh, id_en) = match &p.id {
                Some(id) => (format!("（{id}）"), format!(" ({id})")),
                None => (String::new(), String::new()),
            };
            out.push(with_product(
                RULE.diag(
                    p.place.field(key),
                    format!("在售商品{id_zh}的{zh}「{}」含测试 / 占位用语「{term}」", clip(text)),
                    format!(
                        "the {en} \"{}\" of on-sale product{id_en} holds the test / placeholder word \"{term}\"",
                        clip(text)
                    ),
                )
                .with_label(format!("占位用语「{term}」"), format!("placeholder \"{term}\"")),
                p,
            ));
        }
    }
}

/// A long text shortened for a message (descriptions can be paragraphs).
pub(crate) fn clip(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}
