//! CONF001 unused-waiver.
//!
//! Waivers live in preflight.toml, not in the bundle, so the engine reports
//! this rule after it has applied them (see `engine::apply_config`); the
//! check over the bundle alone has nothing to do.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CONF001",
    name: "unused-waiver",
    severity: Severity::Warning,
    area: Area::Input,
    precondition: false,
    summary: Doc {
        zh: "preflight.toml 中的豁免已不匹配任何问题",
        en: "A waiver in preflight.toml no longer matches any finding",
    },
    what: Doc {
        zh: "preflight.toml 的每条 [[waive]]（rule + target + reason）都应豁免至少一条问题；target 是实体 id（如商品 id）或 JSON 指针。应用豁免后仍未匹配任何问题的豁免会被报告，位置指向该条 [[waive]]。",
        en: "Every [[waive]] entry of preflight.toml (rule + target + reason) should waive at least one finding; target is an entity id (such as a product id) or a JSON pointer. A waiver that matched nothing after the rules ran is reported at its [[waive]] entry.",
    },
    why: Doc {
        zh: "问题修好后留下的豁免会在将来悄悄放过同一位置的新问题；及时删除过期豁免，豁免清单才可信。",
        en: "A waiver left behind after its problem was fixed would silently hide a new problem at the same place later; removing stale waivers keeps the list trustworthy.",
    },
    fix: Doc {
        zh: "删除这条 [[waive]]，或把 target 改成现在的商品 id / JSON 指针。",
        en: "Delete the [[waive]] entry, or point its target at the current entity id / JSON pointer.",
    },
    example: "[[waive]]\nrule = \"PRD007\"\ntarget = \"p9999\"\nreason = \"卡密商品已开通虚拟支付\"",
    source: "preflight.toml",
    check: Check::Native(nothing_in_the_bundle),
};

fn nothing_in_the_bundle(_: &Context, _: &mut Vec<Diagnostic>) {}
