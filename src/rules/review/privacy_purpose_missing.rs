//! REV009 privacy-purpose-missing.

use super::privacy_name;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::Knowledge;
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "REV009",
    name: "privacy-purpose-missing",
    severity: Severity::Error,
    area: Area::Review,
    precondition: false,
    summary: Doc {
        zh: "用户隐私保护指引中某项的用途为空或没有说明任何内容",
        en: "A privacy guide entry has an empty or meaningless purpose",
    },
    what: Doc {
        zh: "检查 store.json 中 privacy.declared 的每个 { key, purpose } 项的用途（purpose）：为空；去掉空白和标点后只剩数字、同一个字符重复（111、aaa）或不超过 2 个字；或整句就是一个空话（不清楚、使用、暂未使用、无、测试、test、获取用户信息、提升用户体验 …，可先去掉开头的「用于」「为了」等，词表见 rules/words-content.toml 的 [words.rev_vague_purposes] 和 [words.rev_purpose_prefixes]，整句比较而不是包含）。只有 key、没有导出用途的项不判断。",
        en: "Checks the purpose of every { key, purpose } entry of privacy.declared in store.json: empty; once spaces and punctuation are removed, only digits, one character repeated (111, aaa) or at most 2 characters; or, as a whole, a phrase that says nothing (不清楚, 使用, 暂未使用, 无, 测试, test, 获取用户信息, 提升用户体验 …, also after a leading 用于 / 为了; the [words.rev_vague_purposes] and [words.rev_purpose_prefixes] lists in rules/words-content.toml, compared with the whole purpose, not as a substring). A bare key (purpose not exported) is not judged.",
    },
    why: Doc {
        zh: "微信把用途显示为「为了【用途】，开发者将在获取你的明示同意后，收集你的……」，要求表述清晰、完整地告知用户处理该信息的目的（《运营规范》15.1.1、《常见拒绝情形》3.4.1）；提审时会核验，用途写「111」「使用」「不清楚」之类的会被驳回，要求完善用户隐私保护指引。种子 001 步骤七给出了合格的写法，如「为了显示就近门店，开发者将……收集你的位置信息」。",
        en: "WeChat shows the purpose as 为了【purpose】，开发者将在获取你的明示同意后，收集你的… (\"to【purpose】, the developer will collect your … with your consent\") and requires it to tell users clearly and completely why the data is processed (operating rules 15.1.1, common rejections 3.4.1); review checks it, and purposes such as 111, 使用 or 不清楚 are rejected with a request to complete the privacy guide. Seed 001 step 7 shows good wording, e.g. 为了显示就近门店 (to show the nearest stores) for location.",
    },
    fix: Doc {
        zh: "登录微信公众平台 → 设置 → 服务内容声明 → 用户隐私保护指引，为该项写明具体用途（不必再写「为了」「用于」），例如 位置信息：显示就近门店并计算配送距离；手机号：订单配送时联系收货人。保存后重新提交审核。",
        en: "At mp.weixin.qq.com → Settings → Service content declarations → User privacy guide, give the entry a concrete purpose (without 为了 / 用于), e.g. location: 显示就近门店并计算配送距离 (show the nearest stores and work out the delivery distance); phone number: 订单配送时联系收货人 (call the recipient about delivery). Save and submit again.",
    },
    example: r#"{ "privacy": { "declared": [ { "key": "Location", "purpose": "111" }, { "key": "PhoneNumber", "purpose": "暂未使用" } ] } }"#,
    source: "seed 001 步骤七; 运营规范 15.1.1; 常见拒绝情形 3.4.1; real rejections",
    check: Check::Native(check),
};

/// A purpose of at most this many characters (spaces and punctuation
/// removed) says nothing.
const MIN_PURPOSE_CHARS: usize = 3;

/// A text's letters and digits, lower-cased: what a purpose is judged by.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The word lists a purpose is judged with, normalised once per run.
struct Vague {
    /// rev_vague_purposes, compacted.
    phrases: std::collections::HashSet<String>,
    /// rev_purpose_prefixes, lower-cased.
    prefixes: Vec<String>,
}

impl Vague {
    fn build(k: &Knowledge) -> Vague {
        Vague {
            phrases: k
                .list("rev_vague_purposes")
                .terms
                .iter()
                .map(|t| compact(t))
                .filter(|t| !t.is_empty())
                .collect(),
            prefixes: k
                .list("rev_purpose_prefixes")
                .terms
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
        }
    }
}

/// Why a purpose says nothing (zh, en), or `None` when it says something.
fn vague(purpose: &str, words: &Vague) -> Option<(&'static str, &'static str)> {
    let compact = compact(purpose);
    if compact.is_empty() {
        return Some(if purpose.trim().is_empty() {
            ("为空", "is empty")
        } else {
            ("只有标点符号", "is only punctuation")
        });
    }
    if compact.chars().all(|c| c.is_ascii_digit()) {
        return Some(("只有数字", "is only digits"));
    }
    let mut chars = compact.chars();
    let first = chars.next();
    if compact.chars().count() > 1 && compact.chars().all(|c| Some(c) == first) {
        return Some(("只是同一个字符的重复", "is one character repeated"));
    }
    let is_phrase = |s: &str| words.phrases.contains(s);
    if is_phrase(&compact) {
        return Some(("没有说明任何具体用途", "says nothing about what it is for"));
    }
    for prefix in &words.prefixes {
        if let Some(rest) = compact.strip_prefix(prefix.as_str()) {
            if rest.is_empty() || is_phrase(rest) {
                return Some(("没有说明任何具体用途", "says nothing about what it is for"));
            }
        }
    }
    if compact.chars().count() < MIN_PURPOSE_CHARS {
        return Some((
            "太短，没有说明具体用途",
            "is too short to say what it is for",
        ));
    }
    None
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let words = cx.knowledge.derived(Vague::build);
    for item in &store.privacy.declared {
        let Some(purpose) = &item.purpose else {
            continue;
        };
        let Some((why_zh, why_en)) = vague(purpose, &words) else {
            continue;
        };
        let location = item.place.field("purpose");
        let (name_zh, name_en) = privacy_name(&item.key);
        let (shown_zh, shown_en) = if purpose.trim().is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("「{}」", purpose.trim()),
                format!(" \"{}\"", purpose.trim()),
            )
        };
        out.push(
            RULE.diag(
                location,
                format!("隐私项 {name_zh}的用途{shown_zh}{why_zh}"),
                format!("the purpose{shown_en} of privacy entry {name_en} {why_en}"),
            )
            .with_label("用途不明确", "no real purpose"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Knowledge;

    fn judged(purpose: &str) -> bool {
        let k = Knowledge::embedded().unwrap();
        vague(purpose, &Vague::build(&k)).is_some()
    }

    #[test]
    fn empty_and_meaningless_purposes_are_found() {
        for p in [
            "",
            "  ",
            "。。",
            "111",
            "aaa",
            "无",
            "使用",
            "不清楚",
            "暂未使用",
            "用于使用",
            "Test",
            "获取用户信息",
            "为了提升用户体验",
        ] {
            assert!(judged(p), "{p:?}");
        }
    }

    #[test]
    fn real_purposes_pass() {
        for p in [
            "用于订单配送时联系收货人",
            "显示就近门店",
            "用于创建会员账号并展示头像和昵称",
            "送外卖",
            "上传作业截图",
        ] {
            assert!(!judged(p), "{p:?}");
        }
    }
}
