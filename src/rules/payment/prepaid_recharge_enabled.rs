//! PAY002 prepaid-recharge-enabled.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PAY002",
    name: "prepaid-recharge-enabled",
    severity: Severity::Error,
    area: Area::Payment,
    precondition: true,
    summary: Doc {
        zh: "预存款充值已开启",
        en: "Prepaid recharge is switched on",
    },
    what: Doc {
        zh: "检查 payment.json 中 finance.prepaid_recharge（预存款充值）是否为 true。",
        en: "Checks whether finance.prepaid_recharge (预存款充值) in payment.json is true.",
    },
    why: Doc {
        zh: "向用户收取预存款 / 储值属于预付卡业务，需要【商家自营 > 预付卡】类目和发行备案；普通商城开启后审核会以「涉及充值账户」驳回（发布前提⑦）。",
        en: "Taking prepaid balances is a prepaid-card business that needs the 预付卡 category and a filing; an ordinary store with it on is rejected for involving a recharge account (publish precondition ⑦).",
    },
    fix: Doc {
        zh: "在商城后台 销售 → 销售设置 → 财务设置 中关闭预存款充值后再提交审核。",
        en: "In the store backend open Sales → Sales settings → Finance settings and switch prepaid recharge off before submitting.",
    },
    example: r#"{ "finance": { "prepaid_recharge": true } }"#,
    source: "seed 000 §一.4 ⑦",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(payment) = cx.bundle.payment.get() else {
        return;
    };
    if payment.prepaid_recharge == Some(true) {
        out.push(
            RULE.diag(
                payment.origin.at("/finance/prepaid_recharge"),
                "预存款充值已开启",
                "prepaid recharge is switched on",
            )
            .with_label("开启状态", "switched on"),
        );
    }
}
