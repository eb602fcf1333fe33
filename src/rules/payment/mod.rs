pub mod payment_not_configured;
pub mod prepaid_recharge_enabled;
pub mod recharge_coupon_active;
