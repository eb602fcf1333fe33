pub mod invalid_input;
pub mod unused_waiver;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[&invalid_input::RULE, &unused_waiver::RULE];
