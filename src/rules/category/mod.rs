pub mod category_mismatch;
pub mod no_approved_category;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[&no_approved_category::RULE, &category_mismatch::RULE];
