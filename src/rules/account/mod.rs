pub mod account_not_certified;
pub mod appid_invalid;
pub mod avatar_invalid;
pub mod avatar_not_square;
pub mod basic_info_incomplete;
pub mod individual_principal_selling;
pub mod name_generic_words;
pub mod platform_not_authorized;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &account_not_certified::RULE,
    &appid_invalid::RULE,
    &avatar_invalid::RULE,
    &avatar_not_square::RULE,
    &basic_info_incomplete::RULE,
    &individual_principal_selling::RULE,
    &name_generic_words::RULE,
    &platform_not_authorized::RULE,
];

use crate::bundle::{Bundle, StoreInfo};
use crate::diagnostic::Diagnostic;

/// store.json, or the diagnostic that says it is missing. `None` when it
/// exists but could not be read (INPUT001 already says so).
pub(crate) fn store_or_missing<'b>(
    bundle: &'b Bundle,
    rule: &crate::rules::Rule,
    out: &mut Vec<Diagnostic>,
) -> Option<&'b StoreInfo> {
    if bundle.store.is_missing() {
        let name = bundle.section_name("store.json");
        out.push(rule.diag(
            bundle.missing_location(),
            format!("缺少 {name}，无法确认账号信息"),
            format!("{name} is missing, so the account cannot be confirmed"),
        ));
    }
    bundle.store.get()
}
