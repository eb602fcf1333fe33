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
