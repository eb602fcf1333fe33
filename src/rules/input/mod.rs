pub mod invalid_input;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[&invalid_input::RULE];
