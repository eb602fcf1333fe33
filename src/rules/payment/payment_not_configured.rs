//! PAY001 payment-not-configured.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PAY001",
    name: "payment-not-configured",
    severity: Severity::Error,
    area: Area::Payment,
    precondition: true,
    summary: Doc {
        zh: "微信支付未配置，无法完成下单",
        en: "WeChat Pay is not configured, so no order can be completed",
    },
    what: Doc {
        zh: "检查 payment.json 是否存在、wechat_pay.enabled 是否为 true、商户号 mch_id 是否填写，以及所选 key_version 对应的密钥（v2：api_key，v3：api_v3_key）是否填写。只检查是否存在；格式错误由 PAY004 / PAY005 检查。密钥内容不会被输出。",
        en: "Checks that payment.json exists, wechat_pay.enabled is true, the merchant id mch_id is set, and the key of the chosen key_version (v2: api_key, v3: api_v3_key) is set. Presence only: malformed values are PAY004 / PAY005. Keys are never printed.",
    },
    why: Doc {
        zh: "审核人员要能完整走完下单流程（发布前提⑥）；没有配置微信支付的商城无法付款，审核会以功能不完整驳回。",
        en: "The reviewer must be able to complete an order (publish precondition ⑥); without WeChat Pay nothing can be paid and review rejects the store as incomplete.",
    },
    fix: Doc {
        zh: "在商城后台 应用 → 小程序 → 支付设置 中开启微信支付，填写商户号和 API 密钥（商户平台 → 账户中心 → API 安全），并在微信公众平台 功能 → 微信支付 中关联该商户号。",
        en: "In the store backend open Apps → Mini program → Payment settings, enable WeChat Pay and enter the merchant id and API key (merchant platform → Account centre → API security), then link the merchant under Features → WeChat Pay on mp.weixin.qq.com.",
    },
    example: r#"{ "wechat_pay": { "enabled": true, "mch_id": "", "key_version": "v3" } }"#,
    source: "seed 000 §一.4 ⑥, seed 001 步骤五/九",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let bundle = cx.bundle;
    if bundle.payment.is_missing() {
        let name = bundle.section_name("payment.json");
        out.push(RULE.diag(
            bundle.missing_location(),
            format!("缺少 {name}，未配置微信支付"),
            format!("{name} is missing, so WeChat Pay is not configured"),
        ));
        return;
    }
    let Some(payment) = bundle.payment.get() else {
        return;
    };
    let at = |p: &str| payment.origin.at(p);
    if !payment.has_wechat_pay {
        out.push(RULE.diag(
            at("/wechat_pay"),
            "未配置微信支付（缺少 wechat_pay）",
            "WeChat Pay is not configured (no wechat_pay)",
        ));
        return;
    }
    let pay = &payment.wechat_pay;
    if pay.enabled != Some(true) {
        let (zh, en) = match pay.enabled {
            Some(_) => ("微信支付未开启", "WeChat Pay is switched off"),
            None => (
                "未填写微信支付开关（wechat_pay.enabled）",
                "wechat_pay.enabled is not set",
            ),
        };
        out.push(
            RULE.diag(at("/wechat_pay/enabled"), zh, en)
                .with_label("未开启", "off"),
        );
        return;
    }
    if pay.mch_id.is_none() {
        out.push(
            RULE.diag(
                at("/wechat_pay/mch_id"),
                "未填写微信支付商户号（mch_id）",
                "the WeChat Pay merchant id (mch_id) is missing",
            )
            .with_label("缺少商户号", "no merchant id"),
        );
    }
    let (key, field, version) = match pay.version() {
        "v3" => (&pay.api_v3_key, "api_v3_key", "APIv3"),
        _ => (&pay.api_key, "api_key", "APIv2"),
    };
    if key.is_none() {
        out.push(
            RULE.diag(
                at(&format!("/wechat_pay/{field}")),
                format!("未填写 {version} 密钥（{field}），无法发起支付"),
                format!("the {version} key ({field}) is missing, so payments cannot be made"),
            )
            .with_label("缺少密钥", "no key"),
        );
    }
}
