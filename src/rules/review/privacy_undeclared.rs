//! REV002 privacy-undeclared.

use super::{privacy_label, privacy_name};
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "REV002",
    name: "privacy-undeclared",
    severity: Severity::Error,
    area: Area::Review,
    precondition: false,
    summary: Doc {
        zh: "用到的隐私接口没有在用户隐私保护指引中声明",
        en: "A privacy key the store uses is not declared in the privacy guide",
    },
    what: Doc {
        zh: "对 store.json 中 privacy.used（店铺已开启的功能要调用的隐私接口，如 UserInfo、Location、ChooseLocation、Address、PhoneNumber、Album、Camera、Record）里的每一项，检查 privacy.declared（用户隐私保护指引已声明的项目，可以是单独的 key，也可以是 { key, purpose }）中是否有同一个 key（忽略大小写）。每个没有声明的 key 报告一次，指向 privacy.used 中的那一项，并给出微信对它的中文叫法。",
        en: "For each key in privacy.used of store.json (the privacy APIs the store's enabled features call, e.g. UserInfo, Location, ChooseLocation, Address, PhoneNumber, Album, Camera, Record), checks that privacy.declared (the entries of the user privacy guide, either a bare key or { key, purpose }) has the same key (case ignored). Each undeclared key is reported once, at its entry of privacy.used, with the name WeChat gives it.",
    },
    why: Doc {
        zh: "自 2023 年起，代码中调用了涉及用户个人信息的接口，而【用户隐私保护指引】没有声明对应的信息类型，提审会被驳回，驳回原因如「小程序内涉及收集“选择的位置信息”相关接口或组件，请通过接口完善【用户隐私保护指引】后再重新提审」（种子 001 步骤七要求提审时填写隐私协议；《运营规范》15.1.1、《常见拒绝情形》3.4.1 要求如实告知数据用途）。",
        en: "Since 2023 a submission whose code calls an API that collects personal information not declared in the user privacy guide (用户隐私保护指引) is rejected with a notice such as 小程序内涉及收集\"选择的位置信息\"相关接口或组件，请通过接口完善【用户隐私保护指引】后再重新提审 (\"the mini program collects 'chosen location' through APIs or components; complete the user privacy guide and submit again\"). Seed 001 step 7 has the guide filled in at submission; operating rules 15.1.1 and common rejections 3.4.1 require telling users what data is used for.",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 设置 → 服务内容声明 → 用户隐私保护指引（旧版：设置 → 基本设置 → 用户隐私保护指引），为每个用到的信息类型补充声明并填写具体用途，保存后重新提交审核；第三方平台代开发的小程序也可以由平台通过隐私配置接口补充。用不到的功能可以在商城后台关闭。",
        en: "Log in to mp.weixin.qq.com → Settings → Service content declarations → User privacy guide (older accounts: Settings → Basic settings → User privacy guide), add every information type in use with a concrete purpose, save and submit again; a platform that develops the mini program may set it through the privacy configuration API instead. Features that are not needed can be switched off in the store backend.",
    },
    example: r#"{ "privacy": { "declared": [ { "key": "UserInfo", "purpose": "用于创建会员账号" } ], "used": ["UserInfo", "ChooseLocation"] } }"#,
    source: "seed 001 步骤七; 运营规范 15.1.1; 常见拒绝情形 3.4.1; real rejections",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let privacy = &store.privacy;
    let mut reported: Vec<&str> = Vec::new();
    for used in &privacy.used {
        let key = &used.value;
        let declared = privacy
            .declared
            .iter()
            .any(|d| d.key.eq_ignore_ascii_case(key));
        if declared || reported.iter().any(|r| r.eq_ignore_ascii_case(key)) {
            continue;
        }
        reported.push(key);
        let (name_zh, name_en) = privacy_name(key);
        let notice = privacy_label(key).map(|(zh, _)| zh).unwrap_or(key.as_str());
        out.push(
            RULE.diag(
                used.place.whole(),
                format!(
                    "用到了隐私接口 {name_zh}，但用户隐私保护指引没有声明它；提审会被驳回：「小程序内涉及收集“{notice}”相关接口或组件，请通过接口完善【用户隐私保护指引】后再重新提审」"
                ),
                format!(
                    "the privacy key {name_en} is used but not declared in the user privacy guide; review rejects it (\"the mini program collects '{notice}' through APIs or components; complete the user privacy guide and submit again\")"
                ),
            )
            .with_label("未声明", "not declared"),
        );
    }
}
