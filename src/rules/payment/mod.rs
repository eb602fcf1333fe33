pub mod payment_appid_mismatch;
pub mod payment_certificate_expiring;
pub mod payment_key_invalid;
pub mod payment_not_configured;
pub mod prepaid_recharge_enabled;
pub mod recharge_coupon_active;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &payment_not_configured::RULE,
    &prepaid_recharge_enabled::RULE,
    &payment_appid_mismatch::RULE,
    &payment_key_invalid::RULE,
    &payment_certificate_expiring::RULE,
    &recharge_coupon_active::RULE,
];
