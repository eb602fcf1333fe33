//! PAY005 payment-key-invalid.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PAY005",
    name: "payment-key-invalid",
    severity: Severity::Error,
    area: Area::Payment,
    precondition: false,
    summary: Doc {
        zh: "微信支付密钥格式不对，或 APIv3 缺少证书序列号",
        en: "The WeChat Pay key is malformed, or APIv3 has no certificate serial",
    },
    what: Doc {
        zh: "检查所选 key_version 对应的密钥（v2：api_key，v3：api_v3_key；未填 key_version 时只有 v3 密钥按 v3，否则按 v2）：已填写但不是恰好 32 个字符，或 32 个字符中有字母和数字以外的字符（如空格、全角字符）时触发。key_version 为 v3 时还检查证书序列号 cert_serial：未填写，或不是 40 位十六进制数时触发。密钥没填由 PAY001 报告。消息只给出长度和字符种类，绝不显示密钥；证书序列号不是密钥，会显示。",
        en: "Checks the key of the chosen key_version (v2: api_key, v3: api_v3_key; without key_version, v3 when only the v3 key is set, else v2): fires when it is set but not exactly 32 characters, or when its 32 characters include anything but letters and digits (a space, a full-width character …). With v3 it also checks cert_serial, the merchant certificate serial number: fires when it is missing or not 40 hexadecimal digits. A key that is not set at all is PAY001's finding. Messages give the length and kind of characters only, never the key; the certificate serial is not a secret and is shown.",
    },
    why: Doc {
        zh: "商户平台的 API 密钥（APIv2）和 APIv3 密钥都是 32 位字母和数字。长度不对通常是复制时多了空格或少了字符，签名 / 解密会失败，审核人员无法完成支付（发布前提⑥）。APIv3 接口还要用商户 API 证书签名，没有证书序列号就无法调用（seed 004：设置支付密钥及API证书）。",
        en: "Both the API key (APIv2) and the APIv3 key of the merchant platform are 32 letters and digits. A wrong length usually means a space was copied along or a character was lost; signing or decryption then fails and the reviewer cannot pay (publish precondition ⑥). APIv3 calls are also signed with the merchant API certificate, which cannot be used without its serial number (seed 004: set the payment key and API certificate).",
    },
    fix: Doc {
        zh: "登录微信支付商户平台 账户中心 → API安全，重新设置（或复制）32 位的 API 密钥 / APIv3 密钥，并查看 API 证书的序列号；然后在商城后台 应用 → 小程序 → 支付设置 中重新粘贴，注意不要带空格。",
        en: "Log in to the WeChat Pay merchant platform, open Account centre → API security, set (or copy) the 32-character API key / APIv3 key again and look up the API certificate's serial number; then paste them again in the store backend under Apps → Mini program → Payment settings, without spaces.",
    },
    example: r#"{ "wechat_pay": { "key_version": "v3", "api_v3_key": "(31 characters)", "cert_serial": "" } }"#,
    source: "seed 004; seed 001 步骤五/九",
    check: Check::Native(check),
};

/// The length both key versions must have.
const KEY_LEN: usize = 32;

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(payment) = cx.bundle.payment.get() else {
        return;
    };
    if !payment.has_wechat_pay {
        return;
    }
    let pay = &payment.wechat_pay;
    let at = |p: &str| payment.origin.at(p);
    let v3 = pay.version() == "v3";
    let (key, field, version) = if v3 {
        (&pay.api_v3_key, "api_v3_key", "APIv3")
    } else {
        (&pay.api_key, "api_key", "APIv2")
    };
    // Secret: only its length and the kind of its characters are reported.
    if let Some(key) = key.as_deref() {
        let len = key.chars().count();
        let odd = key.chars().filter(|c| !c.is_ascii_alphanumeric()).count();
        if len != KEY_LEN {
            out.push(
                RULE.diag(
                    at(&format!("/wechat_pay/{field}")),
                    format!("{version} 密钥（{field}）有 {len} 个字符，应为 {KEY_LEN} 个"),
                    format!("the {version} key ({field}) is {len} characters long; it must be {KEY_LEN}"),
                )
                .with_label(format!("{len} 个字符"), format!("{len} characters")),
            );
        } else if odd > 0 {
            out.push(
                RULE.diag(
                    at(&format!("/wechat_pay/{field}")),
                    format!("{version} 密钥（{field}）中有 {odd} 个字符不是字母或数字（如空格或全角字符）"),
                    format!("{odd} of the {KEY_LEN} characters of the {version} key ({field}) are not letters or digits (a space or a full-width character?)"),
                )
                .with_label("含非法字符", "invalid characters"),
            );
        }
    }
    if !v3 {
        return;
    }
    match pay.cert_serial.as_deref() {
        None => out.push(
            RULE.diag(
                at("/wechat_pay/cert_serial"),
                "使用 APIv3 但没有填写商户 API 证书序列号（cert_serial）",
                "APIv3 is used but the merchant API certificate serial number (cert_serial) is missing",
            )
            .with_label("缺少证书序列号", "no certificate serial"),
        ),
        Some(serial) if !(serial.len() == 40 && serial.bytes().all(|b| b.is_ascii_hexdigit())) => {
            let n = serial.chars().count();
            out.push(
                RULE.diag(
                    at("/wechat_pay/cert_serial"),
                    format!("证书序列号「{serial}」不是 40 位十六进制数（共 {n} 个字符）"),
                    format!("the certificate serial \"{serial}\" is not 40 hexadecimal digits ({n} characters)"),
                )
                .with_label("不是 40 位十六进制", "not 40 hex digits"),
            );
        }
        Some(_) => {}
    }
}
