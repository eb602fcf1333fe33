//! The data the rules judge with: WeChat's service categories (current and
//! old names, licences, keywords) and word lists. It lives in `rules/*.toml`,
//! is embedded in the binary, and can be extended from extra directories.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

// Every rules/*.toml, listed by build.rs.
include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryInfo {
    pub first: String,
    pub second: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub sells_goods: bool,
    #[serde(default)]
    pub covers_all_goods: bool,
    #[serde(default)]
    pub licences: Vec<String>,
    #[serde(default)]
    pub licence_keywords: Vec<String>,
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub keywords: Vec<String>,
}

impl CategoryInfo {
    pub fn display(&self) -> String {
        format!("{} > {}", self.first, self.second)
    }
}

/// A list of terms, minus harmless phrases that contain them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub exceptions: Vec<String>,
}

impl WordList {
    /// The first term found in `text` (ASCII case ignored), once exceptions are removed.
    pub fn find(&self, text: &str) -> Option<&str> {
        let mut t = text.to_lowercase();
        for e in &self.exceptions {
            let e = e.to_lowercase();
            if t.contains(&e) {
                t = t.replace(&e, " ");
            }
        }
        // Longest term first, so a message quotes "余额充值" rather than "充值".
        self.terms
            .iter()
            .filter(|term| t.contains(&term.to_lowercase()))
            .max_by_key(|term| term.chars().count())
            .map(String::as_str)
    }

    fn extend(&mut self, other: WordList) {
        self.terms.extend(other.terms);
        self.exceptions.extend(other.exceptions);
    }
}

/// One data file: any of categories, word lists and rule packs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    #[serde(default)]
    category: Vec<CategoryInfo>,
    #[serde(default)]
    words: BTreeMap<String, WordList>,
}

#[derive(Debug, Default)]
pub struct Knowledge {
    pub categories: Vec<CategoryInfo>,
    lists: BTreeMap<String, WordList>,
}

/// Normalises a category name for comparison: no spaces, ASCII slashes and
/// brackets, `-`/`→`/`>` all as `>`.
pub fn normalize_category(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '／' => '/',
            '（' => '(',
            '）' => ')',
            '→' | '＞' | '-' | '－' | '—' => '>',
            c => c,
        })
        .collect::<String>()
        .replace(">>", ">")
}

impl Knowledge {
    /// The embedded data only.
    pub fn embedded() -> Result<Knowledge, String> {
        let mut k = Knowledge::default();
        for (name, text) in EMBEDDED {
            k.add(name, text)?;
        }
        Ok(k)
    }

    /// The embedded data extended by every `*.toml` data file in `dirs`.
    pub fn load(dirs: &[&Path]) -> Result<Knowledge, String> {
        let mut k = Knowledge::embedded()?;
        for dir in dirs {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for f in files {
                let text =
                    std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
                k.add(&f.display().to_string(), &text)?;
            }
        }
        Ok(k)
    }

    fn add(&mut self, name: &str, text: &str) -> Result<(), String> {
        let file: DataFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        self.categories.extend(file.category);
        for (key, list) in file.words {
            self.lists.entry(key).or_default().extend(list);
        }
        Ok(())
    }

    /// A word list by name; empty when no data file defines it.
    pub fn list(&self, name: &str) -> &WordList {
        static EMPTY: WordList = WordList {
            terms: Vec::new(),
            exceptions: Vec::new(),
        };
        self.lists.get(name).unwrap_or(&EMPTY)
    }

    /// The known categories a service category name (current or old) stands
    /// for. An old name that WeChat split in two yields both.
    pub fn resolve(&self, first: &str, second: &str) -> Vec<&CategoryInfo> {
        let full = normalize_category(&format!("{first}>{second}"));
        let second_n = normalize_category(second);
        self.categories
            .iter()
            .filter(|c| {
                normalize_category(&c.display()) == full
                    || c.aliases.iter().any(|a| {
                        let a = normalize_category(a);
                        a == full || a == second_n
                    })
            })
            .collect()
    }

    /// The category a product or shop text looks like: the match with the
    /// highest priority, then the longest keyword. Returns the keyword too.
    pub fn classify(&self, text: &str) -> Option<(&CategoryInfo, &str)> {
        let lower = text.to_lowercase();
        let mut best: Option<(&CategoryInfo, &str, (i32, usize))> = None;
        for c in &self.categories {
            for kw in &c.keywords {
                if kw.is_empty() || !lower.contains(&kw.to_lowercase()) {
                    continue;
                }
                let score = (c.priority, kw.chars().count());
                if best.as_ref().is_none_or(|b| score > b.2) {
                    best = Some((c, kw, score));
                }
            }
        }
        best.map(|(c, kw, _)| (c, kw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> Knowledge {
        Knowledge::embedded().expect("embedded data parses")
    }

    #[test]
    fn old_and_new_names_resolve_to_the_same_category() {
        let k = k();
        let new = k.resolve("商家自营", "宠物食品/用品");
        assert_eq!(new.len(), 1);
        let old = k.resolve("商家自营", "宠物/宠物食品及用品");
        assert_eq!(old[0].second, "宠物食品/用品");
        let home = k.resolve("商家自营", "家居/家饰/家纺");
        assert_eq!(home[0].second, "家居家纺");
        let split: Vec<&str> = k
            .resolve("商家自营", "家电/数码/手机")
            .iter()
            .map(|c| c.second.as_str())
            .collect();
        assert!(
            split.contains(&"3C数码") && split.contains(&"家用电器"),
            "{split:?}"
        );
    }

    #[test]
    fn pet_food_is_not_human_food() {
        let k = k();
        for title in [
            "室内成猫全价猫粮 鸡肉配方 2kg",
            "猫咪冻干零食 鸡肉粒 100g",
            "狗狗洁齿磨牙棒",
        ] {
            let (c, _) = k.classify(title).expect(title);
            assert_eq!(c.second, "宠物食品/用品", "{title}");
        }
        let (c, _) = k.classify("每日坚果 混合果仁 750g").unwrap();
        assert_eq!(c.second, "食品饮料");
    }

    #[test]
    fn word_lists_honour_exceptions() {
        let k = k();
        let r = k.list("recharge");
        assert_eq!(r.find("会员余额充值送好礼"), Some("余额充值"));
        assert_eq!(r.find("本店无需充值，直接下单"), None);
        assert_eq!(r.find("Top Up now"), Some("top up"));
        assert_eq!(r.find("满199减20"), None);
    }

    #[test]
    fn normalization_ignores_spacing_and_separators() {
        assert_eq!(
            normalize_category("商家自营 -> 宠物食品／用品"),
            normalize_category("商家自营>宠物食品/用品")
        );
    }
}
