//! The rule registry. Each rule is one file holding its code, name, default
//! severity, documentation (what it checks, why WeChat cares, how to fix it,
//! an example) and its check, a pure function of a loaded bundle. The
//! documentation is what `preflight explain` prints; there is no other copy.

pub mod knowledge;

mod account;
mod category;
mod homepage;
mod input;
mod payment;
mod product;
mod review;

use crate::bundle::Bundle;
use crate::diagnostic::{Diagnostic, Doc, Location, Resolved, Severity, Text};
pub use knowledge::Knowledge;

/// The area of the store a rule is about (the first letters of its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Account,
    Category,
    Product,
    Homepage,
    Payment,
    Review,
    Content,
    Input,
}

impl Area {
    pub fn title(self) -> Doc {
        let (zh, en) = match self {
            Area::Account => ("账号", "Account"),
            Area::Category => ("类目", "Category"),
            Area::Product => ("商品", "Products"),
            Area::Homepage => ("首页装修", "Homepage"),
            Area::Payment => ("支付", "Payment"),
            Area::Review => ("提审信息", "Review submission"),
            Area::Content => ("内容", "Content"),
            Area::Input => ("输入", "Input"),
        };
        Doc { zh, en }
    }
}

/// A rule: its identity, its documentation and its check.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub area: Area,
    /// Whether it is one of the publish preconditions of seed 000 §一.4.
    pub precondition: bool,
    /// One line: what is wrong when it fires.
    pub summary: Doc,
    /// What it checks, precisely.
    pub what: Doc,
    /// Why WeChat review (or a working store) cares.
    pub why: Doc,
    /// How to fix it, with the admin menu path where one is known. Also the
    /// default `help` of its diagnostics.
    pub fix: Doc,
    /// A bundle excerpt that makes it fire.
    pub example: &'static str,
    /// Where the requirement comes from (seed and section, or WeChat's rules).
    pub source: &'static str,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A diagnostic of this rule at `location`, with the rule's fix as help.
    pub fn diag(
        &self,
        location: Location,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: self.code,
            name: self.name,
            severity: self.severity,
            message: Text::new(zh, en),
            label: None,
            help: self.fix.text(),
            location,
            entity: None,
            resolved: Resolved::default(),
            fingerprint: String::new(),
        }
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// What a rule sees: one loaded bundle and the data it judges with.
pub struct Context<'a> {
    pub bundle: &'a Bundle,
    pub knowledge: &'a Knowledge,
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &account::account_not_certified::RULE,
    &account::basic_info_incomplete::RULE,
    &account::platform_not_authorized::RULE,
    &category::no_approved_category::RULE,
    &category::category_mismatch::RULE,
    &homepage::homepage_not_decorated::RULE,
    &homepage::recharge_promotion_on_homepage::RULE,
    &input::invalid_input::RULE,
    &payment::payment_not_configured::RULE,
    &payment::prepaid_recharge_enabled::RULE,
    &payment::recharge_coupon_active::RULE,
    &product::no_listed_products::RULE,
    &product::product_missing_price::RULE,
    &product::product_missing_market_price::RULE,
    &review::review_account_missing::RULE,
];

/// A rule by code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Why a coupon is a recharge coupon (充值送券, 储值卡, 预存款): its kind says
/// so (`None` inside), or its title holds a recharge word (that word).
/// `None` when it is not one.
pub fn recharge_coupon<'k>(
    cx: &'k Context,
    kind: Option<&str>,
    title: Option<&str>,
) -> Option<Option<&'k str>> {
    if kind == Some("recharge") {
        return Some(None);
    }
    title
        .and_then(|t| cx.knowledge.list("recharge").find(t))
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_sorted_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for pair in RULES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for r in RULES {
            assert!(seen.insert(r.code) && seen.insert(r.name), "{r:?}");
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{r:?}"
            );
            let prefix: String = r
                .code
                .chars()
                .take_while(|c| c.is_ascii_uppercase())
                .collect();
            assert_eq!(r.code.len(), prefix.len() + 3, "{r:?}");
            for doc in [r.summary, r.what, r.why, r.fix] {
                assert!(!doc.zh.is_empty() && !doc.en.is_empty(), "{r:?}");
            }
        }
    }
}
