//! Content policy (CNT): names, descriptions, products and homepage text.

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[];
