//! PAY006 payment-certificate-expiring.

use crate::bundle::date::Date;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PAY006",
    name: "payment-certificate-expiring",
    severity: Severity::Error,
    area: Area::Payment,
    precondition: false,
    summary: Doc {
        zh: "微信支付商户 API 证书已过期或即将过期",
        en: "The WeChat Pay merchant API certificate has expired or expires soon",
    },
    what: Doc {
        zh: "把 payment.json 的 wechat_pay.cert_expires（YYYY-MM-DD）与今天（--today 指定的日期，否则系统时钟的 UTC 日期）比较：到期日在今天之前为已过期（错误）；今天到 30 天内到期（含第 30 天、含今天）为即将过期（警告）。cert_expires 无法解析为日期时给出警告，说明无法判断有效期。没有填写 cert_expires 时不检查。",
        en: "Compares wechat_pay.cert_expires (YYYY-MM-DD) in payment.json with today (the --today date, else the system clock's UTC date): a date before today has expired (error); one from today up to 30 days ahead, day 30 included, expires soon (warning). A cert_expires that is not a date gives a warning saying the expiry cannot be checked. Not checked when cert_expires is not set.",
    },
    why: Doc {
        zh: "微信支付的 APIv3 接口（以及 APIv2 的退款等接口）要用商户 API 证书签名；证书过期后调用失败，用户无法支付，审核人员也无法完成下单流程（发布前提⑥）。证书需要在商户平台提前更换（seed 004：设置支付密钥及API证书）。",
        en: "WeChat Pay's APIv3 calls (and APIv2 refunds) are signed with the merchant API certificate; once it expires the calls fail, users cannot pay and the reviewer cannot complete an order (publish precondition ⑥). The certificate must be renewed on the merchant platform in time (seed 004: set the payment key and API certificate).",
    },
    fix: Doc {
        zh: "登录微信支付商户平台 账户中心 → API安全 → 申请证书 / 更换证书，生成新的商户 API 证书，然后在商城后台 应用 → 小程序 → 支付设置 中上传新证书并更新证书序列号和到期日。",
        en: "Log in to the WeChat Pay merchant platform, open Account centre → API security and apply for (or replace) the merchant API certificate, then upload it in the store backend under Apps → Mini program → Payment settings and update the certificate serial and expiry date.",
    },
    example: r#"{ "wechat_pay": { "cert_serial": "3E8B1F47A2C9D065B7E4F12A8C3D9E50F6B1A274", "cert_expires": "2026-11-01" } }"#,
    source: "seed 004; seed 000 §一.4 ⑥",
    check: Check::Native(check),
};

/// A certificate expiring within this many days (inclusive) is reported.
const WARN_DAYS: i64 = 30;

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(payment) = cx.bundle.payment.get() else {
        return;
    };
    let Some(raw) = payment.wechat_pay.cert_expires.as_deref() else {
        return;
    };
    let at = payment.origin.at("/wechat_pay/cert_expires");
    let today = cx.today;
    let Some(expires) = Date::parse(raw) else {
        out.push(
            RULE.diag(
                at,
                format!("证书到期日「{raw}」不是 YYYY-MM-DD 格式的日期，无法判断证书是否过期"),
                format!("the certificate expiry \"{raw}\" is not a YYYY-MM-DD date, so whether it has expired cannot be checked"),
            )
            .with_label("无法解析的日期", "not a date")
            .with_help(
                "在微信支付商户平台 账户中心 → API安全 中查看证书有效期，按 YYYY-MM-DD（如 2027-05-01）填写 cert_expires。",
                "Look up the certificate's validity under Account centre → API security on the WeChat Pay merchant platform and write cert_expires as YYYY-MM-DD (e.g. 2027-05-01).",
            )
            .with_severity(Severity::Warning),
        );
        return;
    };
    let days = today.days_until(expires);
    if days < 0 {
        let ago = -days;
        out.push(
            RULE.diag(
                at,
                format!("商户 API 证书已于 {expires} 过期（{ago} 天前，今天是 {today}）"),
                format!("the merchant API certificate expired on {expires} ({ago} days ago; today is {today})"),
            )
            .with_label("已过期", "expired"),
        );
    } else if days <= WARN_DAYS {
        let (zh, en, lz, le) = if days == 0 {
            (
                format!("商户 API 证书今天（{expires}）到期"),
                format!("the merchant API certificate expires today ({expires})"),
                "今天到期".to_string(),
                "expires today".to_string(),
            )
        } else {
            (
                format!("商户 API 证书将于 {expires} 过期（{days} 天后，今天是 {today}）"),
                format!("the merchant API certificate expires on {expires} (in {days} days; today is {today})"),
                format!("{days} 天后过期"),
                format!("expires in {days} days"),
            )
        };
        out.push(
            RULE.diag(at, zh, en)
                .with_label(lz, le)
                .with_severity(Severity::Warning),
        );
    }
}
