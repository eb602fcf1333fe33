//! PRD008 product-title-invalid.

use super::with_product;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::WordList;
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "PRD008",
    name: "product-title-invalid",
    severity: Severity::Error,
    area: Area::Product,
    precondition: false,
    summary: Doc {
        zh: "在售商品标题只有数字、字母或符号，或含有非法字符",
        en: "An on-sale product title is only digits, letters or symbols, or holds invalid characters",
    },
    what: Doc {
        zh: "检查每个在售商品的标题：(1) 含有控制字符（含换行、制表符）、替换字符 U+FFFD（乱码）、零宽字符（U+200B 等，emoji 中的连接符除外）、方向控制字符、私用区字符或非字符时触发，并指出是第几个字符；(2) 没有任何文字、只有数字和符号（「12345」「###」）时触发；(3) 只有英文字母和数字、却没有一个像单词的字母串时触发：字母串是连续的英文字母（大小写不分），至少 2 个字母、不是编号用词（sku、item、no 等，见 rules/words-content-placeholder.toml 的 [words.product_code_words]）、也不是键盘或字母表上挨着的字母（asdf、qwer、abc、aaa：相邻字母中至少四分之三是键盘同一行相邻、字母表相邻或相同）才算像单词。所以「SKU-001」「A001」「asdf」「abc」会触发，「iPhone 15 Pro 256GB」「Royal Canin Indoor 27」「LG TV 55」不会。含有中文或其他非英文字母的标题只做第 (1) 项检查。",
        en: "Checks the title of every on-sale product: (1) fires when it holds a control character (newlines and tabs included), the replacement character U+FFFD (mojibake), a zero-width character (U+200B …; the joiner inside an emoji is allowed), a bidirectional control, a private-use character or a noncharacter, naming its position; (2) fires when it has no letter at all, only digits and symbols (\"12345\", \"###\"); (3) fires when it has only Latin letters and digits and no letter run that looks like a word. A letter run is a sequence of ASCII letters (case ignored); it looks like a word when it has at least 2 letters, is not a code word (sku, item, no … — [words.product_code_words] in rules/words-content-placeholder.toml) and is not a run of neighbouring keys or letters (asdf, qwer, abc, aaa: at least three quarters of its adjacent pairs are neighbours on one keyboard row, neighbours in the alphabet, or the same letter). So \"SKU-001\", \"A001\", \"asdf\" and \"abc\" fire, while \"iPhone 15 Pro 256GB\", \"Royal Canin Indoor 27\" and \"LG TV 55\" do not. Titles with Chinese or other non-Latin letters only get check (1).",
    },
    why: Doc {
        zh: "商品标题是审核人员和用户识别商品的依据。只有编号或乱敲的字母说明商品信息不完整，属于「文字表述不完整」（常见拒绝情形 3.3.1），审核人员也无法判断商品是否符合服务类目（发布前提③④）；乱码、零宽或控制字符通常来自复制粘贴或编码错误，会在小程序中显示成方框或空白，并让搜索失效。",
        en: "The title is how reviewers and users tell what a product is. A bare code or keyboard mash means incomplete product information (常见拒绝情形 3.3.1 \"文字表述不完整\") and keeps the reviewer from matching goods to the service category (publish preconditions ③④); mojibake, zero-width and control characters usually come from copy-paste or encoding errors, show as boxes or gaps in the mini program and break search.",
    },
    fix: Doc {
        zh: "在商城后台 商品 → 商品列表 中编辑该商品，写一个说明商品是什么的标题（品牌 + 品名 + 规格，如「室内成猫全价猫粮 2kg」），删除不可见字符和乱码（可在纯文本编辑器中重新输入标题）；商品编号请填在编码 / 货号字段。",
        en: "In the store backend open Products → Product list, edit the product and write a title that says what it is (brand + product + size, e.g. \"Royal Canin Indoor 27, 2 kg\"); remove invisible characters and mojibake (retype the title in a plain-text editor). Put product codes in the code / item-number field.",
    },
    example: r#"{ "id": "p1001", "title": "SKU-001", "status": "on_sale", "price": "89.00" }"#,
    source: "常见拒绝情形 3.3.1; seed 000 §一.4 ③④",
    check: Check::Native(check),
};

/// What is wrong with a title.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// An invalid character: it, its 1-based position, and its kind (zh, en).
    Char(char, usize, &'static str, &'static str),
    /// No letter at all: only digits and symbols.
    NoLetters,
    /// Latin letters that are only codes or single letters, with digits.
    Code,
    /// Latin letters that form no word.
    Gibberish,
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(products) = cx.bundle.products.get() else {
        return;
    };
    let code_words = cx.knowledge.list("product_code_words");
    for p in products.items.iter().filter(|p| p.on_sale()) {
        let Some(title) = p.title.as_deref() else {
            continue;
        };
        let Some(problem) = title_problem(title, code_words) else {
            continue;
        };
        let shown = visible(title);
        let (id_zh, id_en) = match &p.id {
            Some(id) => (format!("（{id}）"), format!(" ({id})")),
            None => (String::new(), String::new()),
        };
        let (zh, en, lz, le) = match problem {
            Problem::Char(c, pos, kz, ke) => {
                let u = format!("U+{:04X}", c as u32);
                (
                    format!("在售商品{id_zh}的标题「{shown}」的第 {pos} 个字符是 {u}（{kz}）"),
                    format!("the title \"{shown}\" of on-sale product{id_en} holds {u} ({ke}) at character {pos}"),
                    format!("{u} {kz}"),
                    format!("{u} {ke}"),
                )
            }
            Problem::NoLetters => (
                format!("在售商品{id_zh}的标题「{shown}」只有数字和符号，看不出是什么商品"),
                format!("the title \"{shown}\" of on-sale product{id_en} is only digits and symbols and does not say what the product is"),
                "只有数字和符号".into(),
                "only digits and symbols".into(),
            ),
            Problem::Code => (
                format!("在售商品{id_zh}的标题「{shown}」只是编号，不是商品名称"),
                format!("the title \"{shown}\" of on-sale product{id_en} is only a code, not a product name"),
                "只是编号".into(),
                "only a code".into(),
            ),
            Problem::Gibberish => (
                format!("在售商品{id_zh}的标题「{shown}」只有无意义的字母，不是商品名称"),
                format!("the title \"{shown}\" of on-sale product{id_en} is only letters that form no word, not a product name"),
                "没有商品名称".into(),
                "no product name".into(),
            ),
        };
        out.push(with_product(
            RULE.diag(p.place.field("title"), zh, en).with_label(lz, le),
            p,
        ));
    }
}

/// The title for a message: invisible and invalid characters as ⟨U+XXXX⟩.
fn visible(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let mut s = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if invalid_char(c, i.checked_sub(1).map(|j| chars[j])).is_some() {
            s.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            s.push(c);
        }
    }
    s
}

/// Whether `c` (after `prev`) is a character a title must not hold, and what kind (zh, en).
fn invalid_char(c: char, prev: Option<char>) -> Option<(&'static str, &'static str)> {
    let u = c as u32;
    let emoji = |p: char| {
        let p = p as u32;
        (0x1F000..=0x1FAFF).contains(&p) || (0x2600..=0x27BF).contains(&p) || p == 0xFE0F
    };
    Some(match u {
        _ if c.is_control() => ("控制字符", "a control character"),
        0xFFFD => (
            "替换字符，多为乱码",
            "the replacement character, usually mojibake",
        ),
        // A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is fine.
        0x200D if prev.is_some_and(emoji) => return None,
        0x200B..=0x200D | 0x2060..=0x2064 | 0xFEFF | 0x180E | 0x00AD => {
            ("零宽字符", "a zero-width character")
        }
        0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069 => {
            ("方向控制字符", "a bidirectional control character")
        }
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => (
            "私用区字符，显示为方框",
            "a private-use character, shown as a box",
        ),
        0xFDD0..=0xFDEF => ("非字符", "a noncharacter"),
        _ if u & 0xFFFE == 0xFFFE => ("非字符", "a noncharacter"),
        _ => return None,
    })
}

fn title_problem(title: &str, code_words: &WordList) -> Option<Problem> {
    // One pass over the title's characters: the first invalid one, and
    // whether it has letters, and letters outside ASCII. Printable ASCII
    // and CJK ideographs (most of every title) are never invalid and are
    // told apart without looking them up.
    let mut previous = None;
    let (mut letters, mut other_letters) = (false, false);
    for (i, c) in title.chars().enumerate() {
        if c.is_ascii_graphic() || c == ' ' {
            letters |= c.is_ascii_alphabetic();
        } else if crate::rules::cjk_ideograph(c) {
            (letters, other_letters) = (true, true);
        } else if let Some((kz, ke)) = invalid_char(c, previous) {
            return Some(Problem::Char(c, i + 1, kz, ke));
        } else if c.is_alphabetic() {
            letters = true;
            other_letters |= !c.is_ascii();
        }
        previous = Some(c);
    }
    if !letters {
        return Some(Problem::NoLetters);
    }
    // Chinese, accented or any other non-ASCII letter: a real title.
    if other_letters {
        return None;
    }
    ascii_title_problem(title, code_words)
}

/// The problem of a title with letters, all of them ASCII: a code, or
/// letters that form no word, or none.
fn ascii_title_problem(title: &str, code_words: &WordList) -> Option<Problem> {
    let lower = title.to_ascii_lowercase();
    let runs: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|r| !r.is_empty())
        .collect();
    let is_code = |r: &str| code_words.terms.iter().any(|w| w.eq_ignore_ascii_case(r));
    if runs
        .iter()
        .any(|r| r.len() >= 2 && !is_code(r) && !neighbour_run(r))
    {
        return None;
    }
    let digits = title.chars().any(|c| c.is_ascii_digit());
    if digits || runs.iter().all(|r| is_code(r)) {
        Some(Problem::Code)
    } else {
        Some(Problem::Gibberish)
    }
}

/// Whether a run of lowercase ASCII letters is mostly neighbouring keys or
/// letters (asdf, qwer, zxcv, abc, aaa): at least 3/4 of its adjacent pairs
/// are the same letter, neighbours on one keyboard row, or neighbours in the
/// alphabet.
fn neighbour_run(run: &str) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let b = run.as_bytes();
    if b.len() < 2 {
        return true;
    }
    let near = |x: u8, y: u8| {
        x == y
            || x.abs_diff(y) == 1
            || ROWS.iter().any(|row| {
                let r = row.as_bytes();
                match (
                    r.iter().position(|&c| c == x),
                    r.iter().position(|&c| c == y),
                ) {
                    (Some(i), Some(j)) => i.abs_diff(j) == 1,
                    _ => false,
                }
            })
    };
    let pairs = b.len() - 1;
    let close = b.windows(2).filter(|w| near(w[0], w[1])).count();
    close * 4 >= pairs * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Knowledge;

    #[test]
    fn the_one_pass_over_a_title_judges_as_three_did() {
        // What the three passes it replaced found, before the ASCII checks.
        let three_passes = |t: &str| -> Option<Option<Problem>> {
            let mut previous = None;
            for (i, c) in t.chars().enumerate() {
                if let Some((kz, ke)) = invalid_char(c, previous) {
                    return Some(Some(Problem::Char(c, i + 1, kz, ke)));
                }
                previous = Some(c);
            }
            if !t.chars().any(char::is_alphabetic) {
                return Some(Some(Problem::NoLetters));
            }
            t.chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii())
                .then_some(None)
        };
        let k = Knowledge::embedded().unwrap();
        let codes = k.list("product_code_words");
        let pool = [
            'a', 'Z', '1', ' ', '-', '名', '㐀', '鿿', 'é', 'Ω', 'ー', '\u{3000}', '\u{200B}',
            '\u{200D}', '🐱', '\u{1}', '\u{7F}', '\u{FFFD}', '\u{E000}', '\u{FDD0}',
        ];
        for a in pool {
            for b in pool {
                for c in pool {
                    for t in [format!("{a}"), format!("{a}{b}"), format!("{a}{b}{c}")] {
                        let expected =
                            three_passes(&t).unwrap_or_else(|| ascii_title_problem(&t, codes));
                        assert_eq!(title_problem(&t, codes), expected, "{t:?}");
                    }
                }
            }
        }
        // The ideographs told apart without a lookup are never invalid.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if crate::rules::cjk_ideograph(c) {
                assert!(invalid_char(c, None).is_none(), "{c}");
            }
        }
    }

    #[test]
    fn titles_are_judged() {
        let k = Knowledge::embedded().unwrap();
        let codes = k.list("product_code_words");
        let p = |t: &str| title_problem(t, codes);
        for t in ["12345", "###", "001-002", "¥99", "🐱🐶"] {
            assert_eq!(p(t), Some(Problem::NoLetters), "{t}");
        }
        for t in [
            "SKU-001", "A001", "p1001", "ABC123", "sku 002", "ITEM", "X 100",
        ] {
            assert_eq!(p(t), Some(Problem::Code), "{t}");
        }
        for t in [
            "asdf", "abc", "aaaa", "qwerty", "zxcv", "dfgsdfg", "A B C", "hjkl",
        ] {
            assert_eq!(p(t), Some(Problem::Gibberish), "{t}");
        }
        for t in [
            "iPhone 15 Pro 256GB",
            "Royal Canin Indoor 27",
            "LG TV 55",
            "Kong Classic XL",
            "Typewriter",
            "室内成猫全价猫粮 2kg",
            "猫砂 123",
            "Crème brûlée",
            "Whiskas",
            "Family 👨\u{200D}👩\u{200D}👧",
        ] {
            assert_eq!(p(t), None, "{t}");
        }
        assert!(matches!(
            p("猫粮\u{200B}2kg"),
            Some(Problem::Char('\u{200B}', 3, _, _))
        ));
        assert!(matches!(
            p("猫砂\u{FFFD}6L"),
            Some(Problem::Char('\u{FFFD}', 3, _, _))
        ));
        assert!(matches!(p("猫砂\t6L"), Some(Problem::Char('\t', 3, _, _))));
        assert!(matches!(p("\u{202E}猫砂"), Some(Problem::Char(_, 1, _, _))));
        assert_eq!(visible("猫粮\u{200B}2kg"), "猫粮⟨U+200B⟩2kg");
    }
}
