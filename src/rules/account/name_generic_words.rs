//! ACC013 name-generic-words.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::{Knowledge, WordList};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC013",
    name: "name-generic-words",
    severity: Severity::Warning,
    area: Area::Account,
    precondition: false,
    summary: Doc {
        zh: "小程序名称只由通用词组成或堆砌关键词",
        en: "The mini program name is made of generic words only, or stuffed with keywords",
    },
    what: Doc {
        zh: "从名称中去掉：行业词（商城、超市、平台、旗舰店 …，列表 name_industry）、描述和营销词（精品、进口、时尚、会员 …，name_modifier）、地名（省份、主要城市、中国、同城 …，name_place）、商品和类目词（name_product，以及 rules/categories.toml 中用来识别商品类目的全部关键词和二级类目名），以及名称末尾的单字行业后缀（店、馆、城 …，name_industry_suffix）；剩下的部分里如果没有连续两个以上的字（即没有品牌或字号），且名称中有行业、描述或商品词，判为通用词命名，如 宠物用品、北京鲜花、水果超市（只有地名的名称如 上海滩 不判断）。名称中出现三个及以上不同的商品关键词时判为关键词堆砌，如 猫粮狗粮猫砂商城，即使另有品牌名也提示。列表在 rules/words-account.toml 中。",
        en: "Removes from the name the industry words (商城, 超市, 平台, 旗舰店 …, list name_industry), descriptive and marketing words (精品, 进口, 时尚, 会员 …, name_modifier), place names (provinces, larger cities, 中国, 同城 …, name_place), product and category words (name_product, plus every keyword and second-level category name that rules/categories.toml uses to recognise product categories) and a one-character industry suffix at the end (店, 馆, 城 …, name_industry_suffix). When what is left holds no run of two or more characters (no brand or shop name) and the name has trade, descriptive or product words, it is generic: 宠物用品, 北京鲜花, 水果超市 (a bare place such as 上海滩 is not judged). Three or more distinct product keywords are keyword stuffing (猫粮狗粮猫砂商城), even beside a brand. The lists live in rules/words-account.toml.",
    },
    why: Doc {
        zh: "运营规范 2.6：名称不得以普遍且不具有识别性的词汇命名；2.5：名称不得关键词堆砌干扰搜索；常见拒绝情形 1.2.1(3)：名称必须具有识别性。真实驳回通知：「你申请的名称涉及以通用词命名，无法通过审核」。",
        en: "Operating rules 2.6: a name may not be a common word without distinguishing power; 2.5: no keyword stuffing to game search; 常见拒绝情形 1.2.1(3). Real rejection notices read 「你申请的名称涉及以通用词命名，无法通过审核」 (the name is a generic term).",
    },
    fix: Doc {
        zh: "在名称中加入品牌或字号（通常取自主体名称或商标，如 三美仁和商城），去掉堆砌的商品词；在 微信公众平台 → 首页 → 小程序信息 → 名称 修改（每年可改次数有限）。",
        en: "Put a brand or shop name into the name (usually from the company name or a trademark, e.g. 三美仁和商城) and drop stuffed product words; change it under mp.weixin.qq.com → Home → Mini program information → 名称 (renames per year are limited).",
    },
    example: r#"{ "mini_program": { "name": "北京鲜花" } }"#,
    source: "real rejections (通用词命名); 运营规范 2.5, 2.6",
    check: Check::Native(check),
};

/// What a name is made of.
#[derive(Debug, Default, PartialEq, Eq)]
struct Analysis {
    /// The place names found.
    places: Vec<String>,
    /// The industry words found (including a final suffix character).
    industry: Vec<String>,
    /// The product and category words found, longest first, without overlaps.
    products: Vec<String>,
    /// The longest run of characters that no generic word covers.
    distinctive: String,
}

/// Letters, digits and CJK characters of the name, ASCII lower-cased.
fn normalize(name: &str) -> Vec<char> {
    name.chars()
        .filter(|&c| alphanumeric(c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `char::is_alphanumeric`, with ASCII and CJK ideographs (most of the
/// ~2,000 words normalised at every start) answered without a table lookup.
fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        crate::rules::cjk_ideograph(c) || c.is_alphanumeric()
    }
}

/// Normalized words, looked up by their first character.
///
/// The rule reads one short name per store, so trying the few words that
/// start with each of its characters is cheap, and building this costs a
/// fraction of an automaton of the ~1,800 product words, which every run
/// would pay before its first store.
struct Matcher {
    /// Each word as characters and as text.
    words: Vec<(Vec<char>, String)>,
    /// The words (indices) that start with a character.
    by_first: HashMap<char, Vec<usize>>,
}

impl Matcher {
    fn new(words: &[String]) -> Matcher {
        let words: Vec<(Vec<char>, String)> = words
            .iter()
            .map(|w| normalize(w))
            .filter(|w| !w.is_empty())
            .map(|w| {
                let s = w.iter().collect();
                (w, s)
            })
            .collect();
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, (w, _)) in words.iter().enumerate() {
            by_first.entry(w[0]).or_default().push(i);
        }
        Matcher { words, by_first }
    }

    /// Every (start, end, word) where a word occurs in `text` (normalized),
    /// overlaps included, in characters.
    fn occurrences(&self, text: &[char]) -> Vec<(usize, usize, &str)> {
        let mut found = Vec::new();
        for (s, c) in text.iter().enumerate() {
            for &i in self.by_first.get(c).into_iter().flatten() {
                let (w, word) = &self.words[i];
                if text[s..].starts_with(w) {
                    found.push((s, s + w.len(), word.as_str()));
                }
            }
        }
        found
    }
}

/// Terms and exceptions, normalized.
struct Words {
    terms: Matcher,
    exceptions: Matcher,
}

impl Words {
    fn of(terms: &[String], exceptions: &[String]) -> Words {
        Words {
            terms: Matcher::new(terms),
            exceptions: Matcher::new(exceptions),
        }
    }

    fn list(list: &WordList) -> Words {
        Words::of(&list.terms, &list.exceptions)
    }

    /// The spans of `text` (in characters) that the terms cover, outside
    /// the exceptions.
    fn spans(&self, text: &[char]) -> Vec<(usize, usize, String)> {
        let mut protected = vec![false; text.len()];
        for (s, e, _) in self.exceptions.occurrences(text) {
            protected[s..e].iter_mut().for_each(|p| *p = true);
        }
        self.terms
            .occurrences(text)
            .into_iter()
            .filter(|&(s, e, _)| !protected[s..e].iter().any(|p| *p))
            .map(|(s, e, w)| (s, e, w.to_string()))
            .collect()
    }
}

/// The word lists this rule reads, normalized once per run.
struct NameWords {
    places: Words,
    industry: Words,
    modifiers: Words,
    /// name_product, and the keywords and second-level names of every
    /// known category.
    products: Words,
    suffixes: Vec<Vec<char>>,
}

impl NameWords {
    fn build(k: &Knowledge) -> NameWords {
        let names = k.list("name_product");
        let mut products: Vec<String> = names.terms.clone();
        for c in &k.categories {
            products.extend(c.keywords.iter().cloned());
            products.extend(
                c.second
                    .split(['/', '（', '）', '(', ')'])
                    .filter(|p| p.chars().count() >= 2)
                    .map(str::to_string),
            );
        }
        NameWords {
            places: Words::list(k.list("name_place")),
            industry: Words::list(k.list("name_industry")),
            modifiers: Words::list(k.list("name_modifier")),
            products: Words::of(&products, &names.exceptions),
            suffixes: k
                .list("name_industry_suffix")
                .terms
                .iter()
                .map(|t| normalize(t))
                .collect(),
        }
    }
}

/// Builds the name words now rather than for the first store.
pub(crate) fn prepare(k: &Knowledge) {
    k.derived(NameWords::build);
}

fn analyse(name: &str, k: &Knowledge) -> Analysis {
    let words = k.derived(NameWords::build);
    let text = normalize(name);
    let mut covered = vec![false; text.len()];
    let mut mark = |spans: &[(usize, usize, String)]| {
        for (s, e, _) in spans {
            covered[*s..*e].iter_mut().for_each(|c| *c = true);
        }
    };
    let places = words.places.spans(&text);
    let mut industry = words.industry.spans(&text);
    industry.extend(words.modifiers.spans(&text));
    let products = words.products.spans(&text);
    mark(&places);
    mark(&industry);
    mark(&products);
    // A one-character suffix at the end (…店, …馆), when nothing else took it.
    if let Some(&last) = text.last() {
        let n = text.len();
        if !covered[n - 1] && words.suffixes.iter().any(|t| *t == [last]) {
            covered[n - 1] = true;
            industry.push((n - 1, n, last.to_string()));
        }
    }
    let mut distinctive = String::new();
    let mut run = String::new();
    for (c, cov) in text.iter().zip(&covered) {
        if *cov {
            run.clear();
        } else {
            run.push(*c);
            if run.chars().count() > distinctive.chars().count() {
                distinctive = run.clone();
            }
        }
    }
    Analysis {
        places: distinct_words(&places),
        industry: distinct_words(&industry),
        products: distinct_words(&products),
        distinctive,
    }
}

/// The words of non-overlapping spans, longest first, each once, in name order.
fn distinct_words(spans: &[(usize, usize, String)]) -> Vec<String> {
    let mut sorted: Vec<&(usize, usize, String)> = spans.iter().collect();
    sorted.sort_by_key(|(s, e, _)| (std::cmp::Reverse(e - s), *s));
    let mut taken: Vec<&(usize, usize, String)> = Vec::new();
    for sp in sorted {
        if taken.iter().all(|t| sp.1 <= t.0 || sp.0 >= t.1) {
            taken.push(sp);
        }
    }
    taken.sort_by_key(|t| t.0);
    let mut words: Vec<String> = Vec::new();
    for (_, _, w) in taken {
        if !words.contains(w) {
            words.push(w.clone());
        }
    }
    words
}

/// Product keywords from this many on are keyword stuffing.
const STUFFED: usize = 3;

/// Why a name is generic, if it is.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Stuffed,
    PlaceAndTrade,
    OnlyGeneric,
}

fn verdict(a: &Analysis) -> Option<Verdict> {
    if a.products.len() >= STUFFED {
        return Some(Verdict::Stuffed);
    }
    // A place alone (上海滩) is not judged: only trade words make a name generic.
    if a.distinctive.chars().count() >= 2 || (a.products.is_empty() && a.industry.is_empty()) {
        return None;
    }
    Some(if a.places.is_empty() {
        Verdict::OnlyGeneric
    } else {
        Verdict::PlaceAndTrade
    })
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let Some(name) = store.mini_program.name.as_deref() else {
        return;
    };
    let a = analyse(name, cx.knowledge);
    let Some(v) = verdict(&a) else {
        return;
    };
    let mut trade = a.products.clone();
    trade.extend(a.industry.iter().cloned());
    let (zh, en, label) = match v {
        Verdict::Stuffed => (
            format!(
                "名称「{name}」堆砌了 {} 个商品关键词（{}），属于关键词堆砌",
                a.products.len(),
                a.products.join("、")
            ),
            format!(
                "the name \"{name}\" is stuffed with {} product keywords ({})",
                a.products.len(),
                a.products.join(", ")
            ),
            ("关键词堆砌", "keyword stuffing"),
        ),
        Verdict::PlaceAndTrade => (
            format!(
                "名称「{name}」只由地名（{}）和通用词（{}）组成，没有品牌或字号，属于通用词命名",
                a.places.join("、"),
                trade.join("、")
            ),
            format!(
                "the name \"{name}\" is only a place ({}) and generic trade words ({}), with no brand or shop name",
                a.places.join(", "),
                trade.join(", ")
            ),
            ("地名 + 通用词", "place + generic words"),
        ),
        Verdict::OnlyGeneric => (
            format!(
                "名称「{name}」只由商品、类目或行业通用词（{}）组成，没有品牌或字号，属于通用词命名",
                trade.join("、")
            ),
            format!(
                "the name \"{name}\" is only generic product, category or trade words ({}), with no brand or shop name",
                trade.join(", ")
            ),
            ("通用词", "generic words"),
        ),
    };
    out.push(
        RULE.diag(origin.at("/mini_program/name"), zh, en)
            .with_label(label.0, label.1),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn alphanumeric_is_char_is_alphanumeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    use super::*;

    fn fires(name: &str) -> bool {
        let k = Knowledge::embedded().unwrap();
        verdict(&analyse(name, &k)).is_some()
    }

    #[test]
    fn generic_names_fire() {
        for name in [
            "宠物用品",
            "北京鲜花",
            "猫粮狗粮猫砂商城",
            "水果超市",
            "广州女装批发",
            "宠物用品商城",
            "母婴用品旗舰店",
            "三美仁和猫粮狗粮猫砂",
            "中国特产网",
            "鲜花店",
            "东北大米",
            "同城鲜花",
            "进口零食",
            "网上商城",
            "精品男装定制",
        ] {
            assert!(
                fires(name),
                "{name}: {:?}",
                analyse(name, &Knowledge::embedded().unwrap())
            );
        }
    }

    #[test]
    fn branded_names_stay_quiet() {
        for name in [
            "三美仁和商城",
            "顺天成商品展示平台",
            "快马批发",
            "网易严选",
            "老王鲜花",
            "小李水果店",
            "三美仁和宠物食品用品",
            "一米阳光花店",
            "上海滩",
        ] {
            assert!(
                !fires(name),
                "{name}: {:?}",
                analyse(name, &Knowledge::embedded().unwrap())
            );
        }
    }

    #[test]
    fn the_analysis_names_the_parts() {
        let k = Knowledge::embedded().unwrap();
        let a = analyse("北京鲜花", &k);
        assert_eq!(a.places, ["北京"]);
        assert_eq!(a.products, ["鲜花"]);
        assert_eq!(analyse("三美仁和商城", &k).distinctive, "三美仁和");
    }

    #[test]
    fn every_occurrence_of_every_word_is_found() {
        let m = Matcher::new(&[
            "鲜花".into(),
            "花店".into(),
            "鲜花店".into(),
            "Shop".into(),
            "鲜花".into(),
            "".into(),
            "·".into(),
        ]);
        for name in ["老王鲜花店鲜花", "花花店shop店", "鲜", "", "店鲜花 Shop"] {
            let text = normalize(name);
            let mut found = m.occurrences(&text);
            // Every substring that is one of the words, once per listing.
            let mut want = Vec::new();
            for s in 0..text.len() {
                for e in s + 1..=text.len() {
                    let sub: String = text[s..e].iter().collect();
                    for (_, w) in m.words.iter().filter(|(_, w)| *w == sub) {
                        want.push((s, e, w.as_str()));
                    }
                }
            }
            found.sort();
            want.sort();
            assert_eq!(found, want, "{name}");
        }
        assert_eq!(m.occurrences(&normalize("鲜花店")).len(), 4);
    }
}
