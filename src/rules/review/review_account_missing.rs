//! REV001 review-account-missing.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "REV001",
    name: "review-account-missing",
    severity: Severity::Error,
    area: Area::Review,
    precondition: true,
    summary: Doc {
        zh: "需要登录才能访问，但没有提供审核账号和密码",
        en: "Login is required but no review account and password are given",
    },
    what: Doc {
        zh: "当 access.login_required 为 true 时，检查 access.review_account 是否同时填写了用户名（username）和密码（password）。密码只检查是否存在，不会被输出。",
        en: "When access.login_required is true, checks that access.review_account has both a username and a password. The password is checked for presence only and never printed.",
    },
    why: Doc {
        zh: "审核人员无法登录就看不到商城内容，会直接驳回；未登录不能访问的小程序必须在提审时提供可登录的账号和密码（发布前提⑤）。",
        en: "A reviewer who cannot log in sees nothing and rejects the submission; a mini program that cannot be used without logging in must give the reviewer a working account (publish precondition ⑤).",
    },
    fix: Doc {
        zh: "在提交审核表单中填写一个可登录的测试账号和密码（并确认该账号能完整下单），或允许未登录浏览。",
        en: "Give a working account and password in the review submission form (and check it can place an order), or let visitors browse without logging in.",
    },
    example: r#"{ "access": { "login_required": true, "review_account": { "username": "shenhe01" } } }"#,
    source: "seed 000 §一.4 ⑤",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let access = &store.access;
    if access.login_required != Some(true) {
        return;
    }
    let (field, zh, en) = match (&access.review_username, &access.review_password) {
        (Some(_), Some(_)) => return,
        (None, None) => (
            "/access/review_account",
            "需要登录才能访问，但没有提供审核账号和密码",
            "login is required but no review account is given",
        ),
        (None, Some(_)) => (
            "/access/review_account/username",
            "需要登录才能访问，但审核账号缺少用户名",
            "login is required but the review account has no username",
        ),
        (Some(_), None) => (
            "/access/review_account/password",
            "需要登录才能访问，但审核账号缺少密码",
            "login is required but the review account has no password",
        ),
    };
    out.push(
        RULE.diag(origin.at(field), zh, en)
            .with_label("缺少审核账号", "no review login"),
    );
}
