//! ACC004 basic-info-incomplete.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC004",
    name: "basic-info-incomplete",
    severity: Severity::Error,
    area: Area::Account,
    precondition: true,
    summary: Doc {
        zh: "小程序基本信息未完善或未审核通过",
        en: "The mini program's basic information is incomplete or not approved",
    },
    what: Doc {
        zh: "检查 mini_program.basic_info 是否为 approved（基本信息审核通过），以及名称（name）、头像（avatar）、简介（description）是否都已填写。",
        en: "Checks that mini_program.basic_info is `approved` and that the name, avatar and description are all filled in.",
    },
    why: Doc {
        zh: "基本信息（名称、头像、简介、类目）未完善并审核通过前，小程序不能提交代码审核（发布前提①，开通流程步骤二）。",
        en: "Until the basic information (name, avatar, description, category) is complete and approved, WeChat does not accept the mini program for review.",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 首页 → 小程序信息，补充名称、头像、简介并等待审核通过。",
        en: "Log in to mp.weixin.qq.com → Home → Mini program information, fill in the name, avatar and description and wait for approval.",
    },
    example: r#"{ "mini_program": { "basic_info": "incomplete", "description": "" } }"#,
    source: "seed 000 §一.4 ①, seed 001 步骤二",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = super::store_or_missing(cx.bundle, &RULE, out) else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let mp = &store.mini_program;
    match mp.basic_info.as_deref() {
        Some("approved") => {}
        state => {
            let (zh, en) = match state {
                Some("pending") => (
                    "基本信息仍在审核中".to_string(),
                    "the basic information is still under review".to_string(),
                ),
                Some("rejected") => (
                    "基本信息审核被驳回".to_string(),
                    "the basic information was rejected".to_string(),
                ),
                Some("incomplete") => (
                    "基本信息未完善".to_string(),
                    "the basic information is incomplete".to_string(),
                ),
                Some(other) => (
                    format!("基本信息状态为「{other}」，不是 approved"),
                    format!("basic_info is \"{other}\", not \"approved\""),
                ),
                None => (
                    "未填写基本信息审核状态（mini_program.basic_info）".to_string(),
                    "the basic information state (mini_program.basic_info) is not set".to_string(),
                ),
            };
            out.push(
                RULE.diag(origin.at("/mini_program/basic_info"), zh, en)
                    .with_label("未通过", "not approved"),
            );
        }
    }
    let fields = [
        ("name", "名称", "name", &mp.name),
        ("avatar", "头像", "avatar", &mp.avatar),
        ("description", "简介", "description", &mp.description),
    ];
    for (key, zh, en, value) in fields {
        if value.is_none() {
            out.push(
                RULE.diag(
                    origin.at(&format!("/mini_program/{key}")),
                    format!("小程序{zh}（mini_program.{key}）未填写"),
                    format!("the mini program's {en} (mini_program.{key}) is missing or empty"),
                )
                .with_label("缺失", "missing"),
            );
        }
    }
}
