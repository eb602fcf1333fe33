//! INPUT001 invalid-input.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "INPUT001",
    name: "invalid-input",
    severity: Severity::Error,
    area: Area::Input,
    precondition: false,
    summary: Doc {
        zh: "输入文件无法读取：不是有效的 UTF-8 / JSON / CSV，或字段类型错误",
        en: "An input file cannot be read: not valid UTF-8 / JSON / CSV, or a field has the wrong type",
    },
    what: Doc {
        zh: "加载店铺包时发现的问题：文件不是 UTF-8 编码、JSON 语法错误、嵌套过深、CSV 行的列数与表头不符、字段类型错误（如 \"stock\": \"many\"）。指向出错的行和列。无法读取的文件中的其它规则不再检查；类型错误的字段按未配置处理，其余字段照常检查。",
        en: "Problems found while loading a bundle: a file that is not UTF-8, a JSON syntax error, nesting too deep, a CSV row whose column count differs from the header, a field of the wrong type (such as \"stock\": \"many\"). Points at the line and column. Rules that need an unreadable file stay quiet; a wrongly typed field is treated as not configured and everything else is still checked.",
    },
    why: Doc {
        zh: "preflight 只能检查它读得懂的数据；读不懂的文件意味着商城后台导出有误，提审前的检查结果不完整。",
        en: "preflight can only judge what it can read; an unreadable file means the export is broken and the check before submission is incomplete.",
    },
    fix: Doc {
        zh: "按提示的行列修正文件（或从商城后台重新导出，保存为 UTF-8），然后重新运行 preflight。",
        en: "Correct the file at the line and column shown (or export it again from the store backend, saved as UTF-8) and run preflight again.",
    },
    example: r#"{ "products": [ { "id": "p1", "stock": "many" } ] }"#,
    source: "bundle.md",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for e in &cx.bundle.input_errors {
        out.push(RULE.diag(
            e.location.clone(),
            e.message.zh.clone(),
            e.message.en.clone(),
        ));
    }
}
