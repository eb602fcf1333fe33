pub mod review_account_missing;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[&review_account_missing::RULE];
