//! ACC001 appid-invalid.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC001",
    name: "appid-invalid",
    severity: Severity::Error,
    area: Area::Account,
    precondition: false,
    summary: Doc {
        zh: "AppID 缺失或格式不对",
        en: "The AppID is missing or malformed",
    },
    what: Doc {
        zh: "检查 store.json 的 mini_program.appid 是否已填写，且为 wx 加 16 位小写十六进制字符（共 18 位，如 wx5e3b9c2a71d04f86）。形如 gh_ 加 12 位十六进制的值是原始ID 而不是 AppID，会单独说明；wx 开头但位数不对、含有 0-9a-f 以外的字符、或写成大写（微信签发的 AppID 一律小写，而接口按原样比对）时也会触发。没有 store.json 时不判断。",
        en: "Checks that mini_program.appid in store.json is set and is `wx` followed by 16 lowercase hexadecimal digits (18 characters, e.g. wx5e3b9c2a71d04f86). A value shaped like `gh_` + 12 hex digits is the 原始ID (original ID), not the AppID, and is called out as such; a `wx` value of the wrong length, with characters outside 0-9a-f, or in upper case (WeChat issues AppIDs in lower case and its APIs compare them as given) fires too. Without store.json nothing is judged.",
    },
    why: Doc {
        zh: "商城后台、微信支付商户号关联（经营场景 → 小程序APPID）和代码上传都以 AppID 识别小程序；填错后授权、支付关联都会失败，商户平台会直接提示「格式不正确，appid为18位数字和字母的组合」。最常见的错误是把 gh_ 开头的原始ID 当成 AppID（seed 004）。",
        en: "The store backend, the WeChat Pay merchant binding (经营场景 → 小程序APPID) and code upload all identify the mini program by its AppID; a wrong one makes authorisation and payment binding fail, and the merchant platform answers 「格式不正确，appid为18位数字和字母的组合」. The classic mistake is entering the gh_ 原始ID instead of the AppID (seed 004).",
    },
    fix: Doc {
        zh: "登录微信公众平台（mp.weixin.qq.com）→ 开发 → 开发管理 → 开发设置 → 开发者ID，复制「AppID(小程序ID)」（wx 开头，18 位），原样填入商城后台。",
        en: "Log in to mp.weixin.qq.com → 开发 (Development) → 开发管理 → 开发设置 → 开发者ID, copy 「AppID(小程序ID)」 (starts with wx, 18 characters) and paste it unchanged into the store backend.",
    },
    example: r#"{ "mini_program": { "appid": "gh_76c6e080b9c6" } }"#,
    source: "seed 004 (申请商户号 → 小程序APPID; 查看小程序AppID及密钥)",
    check: Check::Native(check),
};

/// What is wrong with an AppID value, or `None` when it is well formed.
fn problem(v: &str) -> Option<(String, String)> {
    let is_hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    let lower = v.to_ascii_lowercase();
    let chars = v.chars().count();
    if let Some(rest) = lower.strip_prefix("gh_") {
        if rest.len() == 12 && is_hex(rest) {
            return Some((
                format!("「{v}」是原始ID（gh_ 开头），不是 AppID；AppID 在 开发管理 → 开发设置 中，以 wx 开头"),
                format!("\"{v}\" is the 原始ID (original ID, gh_…), not the AppID; find the AppID (starting with wx) under 开发管理 → 开发设置"),
            ));
        }
        return Some((
            format!("「{v}」以 gh_ 开头，像是原始ID 而不是 AppID；AppID 在 开发管理 → 开发设置 中，为 wx 加 16 位十六进制字符"),
            format!("\"{v}\" starts with gh_ like a 原始ID (original ID), not an AppID; the AppID, under 开发管理 → 开发设置, is wx + 16 hex digits"),
        ));
    }
    let Some(rest) = lower.strip_prefix("wx") else {
        return Some((
            format!("AppID「{v}」不是以 wx 开头；小程序 AppID 为 wx 加 16 位十六进制字符"),
            format!(
                "AppID \"{v}\" does not start with wx; a mini program AppID is wx + 16 hex digits"
            ),
        ));
    };
    if let Some(bad) = rest.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Some((
            format!("AppID「{v}」含有非十六进制字符「{bad}」；AppID 为 wx 加 16 位 0-9、a-f"),
            format!("AppID \"{v}\" contains the non-hexadecimal character '{bad}'; an AppID is wx + 16 characters of 0-9, a-f"),
        ));
    }
    if rest.len() != 16 {
        return Some((
            format!("AppID「{v}」有 {chars} 位，应为 18 位（wx 加 16 位十六进制），可能复制时多了或少了字符"),
            format!("AppID \"{v}\" is {chars} characters long, expected 18 (wx + 16 hex digits); characters were probably lost or added when copying"),
        ));
    }
    if v != lower {
        return Some((
            format!("AppID「{v}」含大写字母；微信 AppID 一律为小写（应为「{lower}」）"),
            format!(
                "AppID \"{v}\" has upper-case letters; WeChat AppIDs are lower case (\"{lower}\")"
            ),
        ));
    }
    None
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let at = origin.at("/mini_program/appid");
    match store.mini_program.appid.as_deref() {
        None => out.push(
            RULE.diag(
                at,
                "未填写小程序 AppID（mini_program.appid）",
                "the mini program's AppID (mini_program.appid) is missing",
            )
            .with_label("缺少 AppID", "no AppID"),
        ),
        Some(v) => {
            if let Some((zh, en)) = problem(v) {
                let label = if v.to_ascii_lowercase().starts_with("gh_") {
                    ("这是原始ID", "this is the 原始ID")
                } else {
                    ("格式不对", "malformed")
                };
                out.push(RULE.diag(at, zh, en).with_label(label.0, label.1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn shapes() {
        assert!(problem("wx5e3b9c2a71d04f86").is_none());
        assert!(problem("gh_76c6e080b9c6").unwrap().1.contains("原始ID"));
        assert!(problem("gh_123").unwrap().1.contains("原始ID"));
        assert!(problem("wx1225721055000af")
            .unwrap()
            .1
            .contains("17 characters"));
        assert!(problem("WX5E3B9C2A71D04F86")
            .unwrap()
            .1
            .contains("upper-case"));
        assert!(problem("wx5e3b9c2a71d04g86").unwrap().1.contains("'g'"));
        assert!(problem("5e3b9c2a71d04f86ab")
            .unwrap()
            .1
            .contains("start with wx"));
    }
}
