pub mod customer_service_permission_delegated;
pub mod privacy_purpose_missing;
pub mod privacy_undeclared;
pub mod review_account_missing;
pub mod submission_title_mismatch;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &review_account_missing::RULE,
    &privacy_undeclared::RULE,
    &submission_title_mismatch::RULE,
    &customer_service_permission_delegated::RULE,
    &privacy_purpose_missing::RULE,
];

use crate::bundle::source::locate_pointer;
use crate::bundle::Origin;
use crate::diagnostic::Location;
use crate::rules::Context;

/// What the loader keeps of a list element of store.json.
#[derive(Clone, Copy)]
pub(crate) enum Kept {
    /// A text: a non-blank string or a number (`privacy.used`, `authorization.permissions`).
    Text,
    /// A text, or an object with a `key` text (`privacy.declared`).
    TextOrKeyed,
}

/// Where the `nth` element that the model kept of the store.json list at
/// `list` (`/privacy/used`) is. The loader drops blank strings, nulls and
/// objects without a key, so the nth kept element can sit at a later index of
/// the file; the file's text is consulted only for this.
pub(crate) fn list_entry(
    cx: &Context,
    origin: &Origin,
    list: &str,
    nth: usize,
    kept: Kept,
) -> Location {
    let fallback = || origin.at(&format!("{list}/{nth}"));
    let Some(text) = cx.bundle.sources.get(origin.file).text.as_deref() else {
        return fallback();
    };
    let is_text = |raw: &str| match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Ok(serde_json::Value::Number(_)) => true,
        _ => false,
    };
    let mut seen = 0;
    for i in 0.. {
        let ptr = format!("{}{list}/{i}", origin.prefix);
        let Some(loc) = locate_pointer(text, &ptr) else {
            break;
        };
        if loc.missing.is_some() {
            break;
        }
        let Some(raw) = text.get(loc.span.start..loc.span.end) else {
            break;
        };
        let keeps = if raw.starts_with('{') {
            matches!(kept, Kept::TextOrKeyed)
                && locate_pointer(text, &format!("{ptr}/key")).is_some_and(|k| {
                    k.missing.is_none() && text.get(k.span.start..k.span.end).is_some_and(is_text)
                })
        } else {
            is_text(raw)
        };
        if keeps {
            if seen == nth {
                return origin.at(&format!("{list}/{i}"));
            }
            seen += 1;
        }
    }
    fallback()
}

/// WeChat's name of a privacy key (用户隐私保护指引 / privacy_desc), as the
/// rejection notice words it, and in English.
pub(crate) fn privacy_label(key: &str) -> Option<(&'static str, &'static str)> {
    let names = match key.to_ascii_lowercase().as_str() {
        "userinfo" => (
            "用户信息（微信昵称、头像）",
            "user info: nickname and avatar",
        ),
        "location" => ("位置信息", "location"),
        "chooselocation" => ("选择的位置信息", "chosen location"),
        "address" => ("地址", "address"),
        "invoice" => ("发票信息", "invoice details"),
        "rundata" => ("微信运动步数", "WeRun step count"),
        "record" => ("麦克风", "microphone"),
        "album" => ("选中的照片或视频信息", "chosen photos or videos"),
        "albumwriteonly" => ("相册（仅写入）权限", "album, write-only"),
        "camera" => ("摄像头", "camera"),
        "phonenumber" => ("手机号", "phone number"),
        "messagefile" => ("选中的文件", "chosen files"),
        "bluetooth" => ("蓝牙", "Bluetooth"),
        "clipboard" => ("剪切板", "clipboard"),
        "contact" => ("通讯录（仅写入）权限", "contacts, write-only"),
        "calendar" | "calendarwriteonly" => ("日历（仅写入）权限", "calendar, write-only"),
        "deviceinfo" => ("设备信息", "device info"),
        "email" => ("邮箱", "email address"),
        "licenseplate" => ("车牌号", "licence plate"),
        "exidnumber" => ("身份证号码", "ID card number"),
        "exorderinfo" => ("订单信息", "order information"),
        "accelerometer" => ("加速传感器", "accelerometer"),
        "compass" => ("磁场传感器", "compass"),
        "devicemotion" => ("方向传感器", "device orientation"),
        "gyroscope" => ("陀螺仪传感器", "gyroscope"),
        _ => return None,
    };
    Some(names)
}

/// `UserInfo「用户信息（微信昵称、头像）」` / `UserInfo (user info: …)` for
/// messages; the bare key when it is not known.
pub(crate) fn privacy_name(key: &str) -> (String, String) {
    match privacy_label(key) {
        Some((zh, en)) => (format!("{key}「{zh}」"), format!("{key} ({en})")),
        None => (key.to_string(), key.to_string()),
    }
}
