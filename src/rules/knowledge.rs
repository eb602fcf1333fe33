//! The data the rules judge with: WeChat's service categories (current and
//! old names, licences, keywords) and word lists. It lives in `rules/*.toml`,
//! is embedded in the binary, and can be extended from extra directories.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder};
use serde::Deserialize;

// Every rules/*.toml, embedded by build.rs as EMBEDDED: &[(file name, text,
// the same data as JSON for a file without rules)].
include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The patterns of the automaton of all terms of the embedded data, one
/// per line, and that automaton, both made by build.rs (see
/// [`Knowledge::presence`]).
const BUILT_PATTERNS: &str = include_str!(concat!(env!("OUT_DIR"), "/all_terms.txt"));
static BUILT_AUTOMATON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/all_terms.bin"));

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
    /// Automatons over the terms and the exceptions, built on first use: one
    /// pass over a text finds every term, however long the list; and for
    /// each pattern of the terms' automaton, the term it stands for.
    #[serde(skip)]
    matchers: OnceLock<Matchers>,
    /// The list's place among the knowledge's lists (its bit in a
    /// [`Presence`]); `None` for a list made outside a [`Knowledge`].
    #[serde(skip)]
    id: Option<usize>,
}

/// A word list's automatons: (terms, the term of each pattern), exceptions.
type Matchers = (Option<(AhoCorasick, Vec<usize>)>, Option<AhoCorasick>);

/// An automaton that finds every (overlapping) occurrence of any pattern,
/// ignoring ASCII case (search [`folded`] texts); `None` for no patterns.
/// Also returns, for each pattern, the index in `patterns` it came from
/// (empty patterns are left out).
fn automaton(patterns: &[String]) -> Option<(AhoCorasick, Vec<usize>)> {
    let (index, patterns): (Vec<usize>, Vec<String>) = patterns
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| (i, p.to_ascii_lowercase()))
        .unzip();
    if patterns.is_empty() {
        return None;
    }
    Some((compact_automaton(patterns)?, index))
}

/// Whether `patterns` are the lines of `built`, in order. (No pattern
/// holds a line break unless the lists differ: a line of `built` holds none.)
fn same_patterns(patterns: &[String], built: &str) -> bool {
    let mut lines = built.split('\n');
    patterns.iter().all(|p| lines.next() == Some(p.as_str())) && lines.next().is_none()
}

/// `text` with ASCII letters lower-cased, for the automatons of
/// lower-cased patterns: matching it is matching `text` ignoring ASCII
/// case, at the same byte offsets. Borrowed when there is nothing to
/// lower (most texts).
pub(crate) fn folded(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// An Aho-Corasick automaton of `patterns`: a contiguous NFA, which builds
/// in a fraction of a DFA's time and memory (paid at every start) and
/// searches short texts about as fast. Case is matched as is: the word
/// lists ignore ASCII case by lower-casing patterns and [`folded`] texts,
/// because the automaton's own option makes its build 2.5 times slower
/// (5.3 ms instead of 2.2 ms for the 2,390 terms of all lists).
fn compact_automaton<P: AsRef<[u8]>>(patterns: impl IntoIterator<Item = P>) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        // Dense transitions for the start state only: deeper ones cost
        // 5 MB and a third of the build time for ~4,000 CJK terms (UTF-8
        // makes many shallow states), and searched no faster.
        .dense_depth(1)
        .build(patterns)
        .ok()
}

impl WordList {
    pub fn new(terms: Vec<String>, exceptions: Vec<String>) -> WordList {
        WordList {
            terms,
            exceptions,
            matchers: OnceLock::new(),
            id: None,
        }
    }

    /// Every occurrence of a term in `text` (ASCII case ignored, overlaps
    /// included) that does not overlap an exception phrase, as byte ranges
    /// with the term, in text order (by start, then end, then the term's
    /// place in the list). One pass over the text, however many terms the
    /// list has.
    pub fn matches(&self, text: &str) -> Vec<(usize, usize, &str)> {
        let (terms, exceptions) = self.matchers.get_or_init(|| {
            (
                automaton(&self.terms),
                automaton(&self.exceptions).map(|(ac, _)| ac),
            )
        });
        let Some((terms, index)) = terms.as_ref() else {
            return Vec::new();
        };
        let text = folded(text);
        let text = text.as_ref();
        let mut found: Vec<(usize, usize, usize)> = terms
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), index[m.pattern().as_usize()]))
            .collect();
        if found.is_empty() {
            return Vec::new();
        }
        if let Some(ac) = exceptions {
            let excluded: Vec<(usize, usize)> = ac
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            found.retain(|&(s, e, _)| !excluded.iter().any(|&(xs, xe)| s < xe && xs < e));
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(s, e, t)| (s, e, self.terms[t].as_str()))
            .collect()
    }

    /// The term found in `text` (ASCII case ignored) outside every exception
    /// phrase; the longest when several are, so a message quotes "余额充值"
    /// rather than "充值"; among equals the first listed.
    pub fn find(&self, text: &str) -> Option<&str> {
        self.longest(self.matches(text).into_iter().map(|m| m.2))
    }

    /// The longest of some of this list's terms; among equals the first listed.
    pub fn longest<'a>(&'a self, found: impl Iterator<Item = &'a str>) -> Option<&'a str> {
        let rank = |t: &str| self.terms.iter().position(|p| p == t).unwrap_or(usize::MAX);
        found.max_by(|a, b| {
            a.chars()
                .count()
                .cmp(&b.chars().count())
                .then(rank(b).cmp(&rank(a)))
        })
    }

    /// Every term of the list in `text`, each once, in the order they
    /// appear, outside exception phrases; a term found only inside a longer
    /// one that was found (第一 in 全国第一) is not reported again.
    pub fn find_all(&self, text: &str) -> Vec<&str> {
        let matches = self.matches(text);
        let mut found: Vec<(usize, &str)> = Vec::new();
        for &(s, e, term) in &matches {
            let inside_longer = matches
                .iter()
                .any(|&(s2, e2, _)| s2 <= s && e <= e2 && e2 - s2 > e - s);
            if inside_longer || found.iter().any(|(_, f)| f.eq_ignore_ascii_case(term)) {
                continue;
            }
            found.push((s, term));
        }
        found.sort_by_key(|&(s, _)| s);
        found.into_iter().map(|(_, t)| t).collect()
    }

    fn extend(&mut self, other: WordList) {
        self.terms.extend(other.terms);
        self.exceptions.extend(other.exceptions);
        self.matchers = OnceLock::new();
    }

    /// Whether `presence` says this list may have a term in its text: false
    /// only when the one pass over every list found none of its terms.
    pub fn may_occur(&self, presence: &Presence) -> bool {
        match self.id {
            Some(id) => presence.has(id),
            None => !self.terms.is_empty(),
        }
    }
}

/// Which word lists have a term in a text, and the category keyword that
/// classifies it, found by [`Knowledge::presence`] in one pass over the text.
#[derive(Debug, Clone, Default)]
pub struct Presence {
    /// Bit `id` for list `id` < 64; the lists after the first 64 (only
    /// with many added by `--rules-dir`) in `more`, so that a text's
    /// presence allocates nothing.
    lists: u64,
    more: Vec<u64>,
    /// The best category keyword in the text: (category, keyword) indices.
    keyword: Option<(usize, usize)>,
}

impl Presence {
    fn set(&mut self, id: usize) {
        if id < 64 {
            self.lists |= 1 << id;
        } else {
            let (word, bit) = (id / 64 - 1, id % 64);
            if self.more.len() <= word {
                self.more.resize(word + 1, 0);
            }
            self.more[word] |= 1 << bit;
        }
    }

    fn has(&self, id: usize) -> bool {
        if id < 64 {
            self.lists & (1 << id) != 0
        } else {
            self.more
                .get(id / 64 - 1)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        }
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
    #[serde(default)]
    rule: Vec<super::packs::RuleDef>,
}

impl DataFile {
    fn parse(name: &str, text: &str) -> Result<DataFile, String> {
        toml::from_str(text).map_err(|e| format!("{name}: {e}"))
    }
}

/// Rule definitions read from a data file, compiled once all word lists are known.
pub(crate) struct PackSource {
    pub file: String,
    pub text: String,
    pub rules: Vec<super::packs::RuleDef>,
}

#[derive(Debug, Default)]
pub struct Knowledge {
    pub categories: Vec<CategoryInfo>,
    lists: BTreeMap<String, WordList>,
    /// Every category's names normalised for [`Knowledge::resolve`], built
    /// on first use: (`first>second`, aliases).
    names: OnceLock<Vec<(String, Vec<String>)>>,
    /// One automaton over every term of every list and every category
    /// keyword, built on first use, and what each pattern stands for.
    all_terms: OnceLock<Option<AllTerms>>,
    /// What rules derive from this data once per run (see [`Knowledge::derived`]).
    derived: std::sync::Mutex<Vec<Derived>>,
}

type Derived = std::sync::Arc<dyn std::any::Any + Send + Sync>;

/// The automaton of [`Knowledge::presence`] and, for each pattern, what it
/// stands for.
///
/// A character-wise double-array automaton (daachorse): it runs over every
/// product title and description, and on such mostly CJK texts it searches
/// about three times as fast as aho-corasick's contiguous NFA (the titles
/// and descriptions of the 100-store benchmark corpus, 1.9 MB: 3–4 ms
/// instead of 11–12 ms) and builds a little faster (~1.8 ms instead of
/// ~2.5 ms for its ~2,400 patterns).
struct AllTerms {
    ac: CharwiseDoubleArrayAhoCorasick<u32>,
    owners: Vec<Owners>,
    /// Whether `ac` is the automaton build.rs made (the data is the
    /// embedded data's), not one built at start.
    prebuilt: bool,
}

impl std::fmt::Debug for AllTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "AllTerms({} patterns, prebuilt: {})",
            self.owners.len(),
            self.prebuilt
        )
    }
}

/// What a term of the automaton of all terms belongs to: a list (by id),
/// or a category's keywords (category index, keyword index).
#[derive(Clone, Copy)]
enum Owner {
    List(usize),
    Keyword(usize, usize),
}

/// What one pattern of [`AllTerms`] is.
#[derive(Debug, Default)]
struct Owners {
    /// The lists it is a term of.
    lists: Vec<usize>,
    /// The category keywords it is: (category index, keyword index).
    keywords: Vec<(usize, usize)>,
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
        Knowledge::load(&[])
    }

    /// The embedded data extended by every `*.toml` data file in `dirs`.
    pub fn load(dirs: &[&Path]) -> Result<Knowledge, String> {
        Knowledge::load_with_packs(dirs).map(|(k, _)| k)
    }

    /// The data and the rule definitions of the embedded files and of `dirs`.
    pub(crate) fn load_with_packs(dirs: &[&Path]) -> Result<(Knowledge, Vec<PackSource>), String> {
        let mut k = Knowledge::default();
        let mut packs = Vec::new();
        for (name, text, json) in EMBEDDED {
            let name = format!("rules/{name}");
            let file = match json {
                // Several times faster to read than the TOML (about 2 ms of
                // every start), and the same data (a test checks).
                Some(json) => serde_json::from_str(json).map_err(|e| format!("{name}: {e}"))?,
                None => DataFile::parse(&name, text)?,
            };
            packs.extend(k.add(&name, text, file));
        }
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
                let name = f.display().to_string();
                let file = DataFile::parse(&name, &text)?;
                packs.extend(k.add(&name, &text, file));
            }
        }
        for (id, list) in k.lists.values_mut().enumerate() {
            list.id = Some(id);
        }
        Ok((k, packs))
    }

    /// Adds a data file, `file` read from `text`; returns its rule
    /// definitions, if any.
    fn add(&mut self, name: &str, text: &str, file: DataFile) -> Option<PackSource> {
        self.categories.extend(file.category);
        for (key, list) in file.words {
            self.lists.entry(key).or_default().extend(list);
        }
        (!file.rule.is_empty()).then(|| PackSource {
            file: name.to_string(),
            text: text.to_string(),
            rules: file.rule,
        })
    }

    /// Whether a word list of this name exists.
    pub fn has_list(&self, name: &str) -> bool {
        self.lists.contains_key(name)
    }

    /// A word list by name; empty when no data file defines it.
    pub fn list(&self, name: &str) -> &WordList {
        static EMPTY: WordList = WordList {
            terms: Vec::new(),
            exceptions: Vec::new(),
            matchers: OnceLock::new(),
            id: None,
        };
        self.lists.get(name).unwrap_or(&EMPTY)
    }

    /// Builds the automaton of every term (for [`Knowledge::presence`])
    /// now rather than on first use: the largest piece of start-up.
    pub fn prepare_terms(&self) {
        self.presence("");
    }

    /// Normalises the category names now rather than on first use. (Each
    /// word list's own automaton is left to its first use, when a text may
    /// hold one of its terms: linting the benchmark corpus builds 6 of 30.)
    pub fn prepare_names(&self) {
        self.resolve("", "");
    }

    /// What a rule derives from this data (normalised word lists, say):
    /// built by `build` on first use, then shared by every store and thread.
    pub fn derived<T: std::any::Any + Send + Sync>(
        &self,
        build: impl FnOnce(&Knowledge) -> T,
    ) -> std::sync::Arc<T> {
        let mut all = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = all.iter().find_map(|d| d.clone().downcast::<T>().ok()) {
            return t;
        }
        let t = std::sync::Arc::new(build(self));
        all.push(t.clone());
        t
    }

    /// Which lists have a term in `text` and whether a category keyword is
    /// in it: one pass over the text for all of them, so that a rule can
    /// skip a text none of its terms is in.
    pub fn presence(&self, text: &str) -> Presence {
        let mut p = Presence::default();
        let Some(AllTerms { ac, owners, .. }) =
            self.all_terms.get_or_init(|| self.build_all_terms())
        else {
            return p;
        };
        for m in ac.find_overlapping_iter(folded(text).as_ref()) {
            let o = &owners[m.value() as usize];
            for &id in &o.lists {
                p.set(id);
            }
            for &kw in &o.keywords {
                if p.keyword.is_none_or(|best| self.ranks_above(kw, best)) {
                    p.keyword = Some(kw);
                }
            }
        }
        p
    }

    /// Whether category keyword `a` beats `b` (both (category, keyword)
    /// indices): the higher priority, then the longer keyword, then the
    /// first in the data.
    fn ranks_above(&self, (ca, ka): (usize, usize), (cb, kb): (usize, usize)) -> bool {
        let (a, b) = (&self.categories[ca], &self.categories[cb]);
        (a.priority, a.keywords[ka].chars().count())
            .cmp(&(b.priority, b.keywords[kb].chars().count()))
            .then((cb, kb).cmp(&(ca, ka)))
            .is_gt()
    }

    fn build_all_terms(&self) -> Option<AllTerms> {
        // Patterns are matched ignoring ASCII case, so one pattern serves
        // every spelling of a term.
        // Each term with what it belongs to, in the order of the patterns.
        let terms: Vec<(&str, Owner)> = self
            .lists
            .values()
            .enumerate()
            .flat_map(|(id, l)| l.terms.iter().map(move |t| (t.as_str(), Owner::List(id))))
            .chain(self.categories.iter().enumerate().flat_map(|(ci, c)| {
                c.keywords
                    .iter()
                    .enumerate()
                    .map(move |(ki, k)| (k.as_str(), Owner::Keyword(ci, ki)))
            }))
            .collect();
        let (patterns, pattern_of_term) = super::terms::patterns_of(terms.iter().map(|t| t.0));
        if patterns.is_empty() {
            return None;
        }
        let mut owners: Vec<Owners> = std::iter::repeat_with(Owners::default)
            .take(patterns.len())
            .collect();
        for ((_, owner), i) in terms.iter().zip(pattern_of_term) {
            let Some(o) = i.map(|i| &mut owners[i]) else {
                continue;
            };
            match *owner {
                Owner::List(id) if !o.lists.contains(&id) => o.lists.push(id),
                Owner::List(_) => {}
                Owner::Keyword(ci, ki) => o.keywords.push((ci, ki)),
            }
        }
        let prebuilt = same_patterns(&patterns, BUILT_PATTERNS);
        let ac = if prebuilt {
            // SAFETY: the bytes are an automaton that build.rs made with
            // this daachorse (one version in Cargo.lock) and serialised,
            // from these very patterns: the embedded data's, which no data
            // file of --rules-dir changed.
            unsafe { CharwiseDoubleArrayAhoCorasick::deserialize_unchecked(BUILT_AUTOMATON).0 }
        } else {
            // The patterns are distinct and not empty, as the builder
            // requires; each one's value is its index.
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .build(&patterns)
                .ok()?
        };
        Some(AllTerms {
            ac,
            owners,
            prebuilt,
        })
    }

    /// The known categories a service category name (current or old) stands
    /// for. An old name that WeChat split in two yields both.
    pub fn resolve(&self, first: &str, second: &str) -> Vec<&CategoryInfo> {
        let full = normalize_category(&format!("{first}>{second}"));
        let second_n = normalize_category(second);
        let names = self.names.get_or_init(|| {
            self.categories
                .iter()
                .map(|c| {
                    let aliases = c.aliases.iter().map(|a| normalize_category(a)).collect();
                    (normalize_category(&c.display()), aliases)
                })
                .collect()
        });
        self.categories
            .iter()
            .zip(names)
            .filter(|(_, (name, aliases))| {
                *name == full || aliases.iter().any(|a| *a == full || *a == second_n)
            })
            .map(|(c, _)| c)
            .collect()
    }

    /// The category a product or shop text looks like: the match with the
    /// highest priority, then the longest keyword. Returns the keyword too.
    pub fn classify(&self, text: &str) -> Option<(&CategoryInfo, &str)> {
        self.category_in(&self.presence(text))
    }

    /// The category [`Knowledge::classify`] gives the text `presence` was
    /// found in.
    pub fn category_in(&self, presence: &Presence) -> Option<(&CategoryInfo, &str)> {
        let (ci, ki) = presence.keyword?;
        let c = &self.categories[ci];
        Some((c, c.keywords[ki].as_str()))
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
    fn word_lists_ignore_ascii_case_at_the_same_offsets() {
        let list = WordList::new(
            vec!["VIP会员".into(), "Sale".into()],
            vec!["NO sale".into()],
        );
        let text = "vip会员 SALE, no Sale";
        assert_eq!(
            list.matches(text),
            vec![(0, 9, "VIP会员"), (10, 14, "Sale")]
        );
        assert_eq!(&text[10..14], "SALE");
        assert!(list.matches("vip 会员").is_empty());
    }

    #[test]
    fn presence_holds_any_number_of_lists() {
        let mut p = Presence::default();
        for id in [0, 63, 64, 200] {
            p.set(id);
        }
        for id in 0..256 {
            assert_eq!(p.has(id), [0, 63, 64, 200].contains(&id), "{id}");
        }
    }

    #[test]
    fn presence_sees_every_term_of_every_list_and_nothing_else() {
        let k = k();
        for (name, list) in &k.lists {
            for t in list.terms.iter().filter(|t| !t.is_empty()) {
                let text = format!("前文{}后文", t.to_ascii_uppercase());
                let p = k.presence(&text);
                assert!(list.may_occur(&p), "[words.{name}] {t}");
            }
        }
        let p = k.presence("The quiet text 7 8 9");
        assert!(p.keyword.is_none());
        for (name, list) in &k.lists {
            assert!(!list.may_occur(&p), "[words.{name}]");
        }
        assert!(k.presence("室内成猫全价猫粮").keyword.is_some());
        // A list made outside the knowledge is never skipped.
        let own = WordList::new(vec!["x".into()], vec![]);
        assert!(own.may_occur(&p));
    }

    #[test]
    fn the_automaton_of_all_terms_is_prebuilt_unless_the_data_differs() {
        let prebuilt = |k: &Knowledge| {
            k.prepare_terms();
            k.all_terms.get().unwrap().as_ref().unwrap().prebuilt
        };
        let k = k();
        assert!(prebuilt(&k));
        // A data directory that adds a term: built at start, and finds it.
        let dir = std::env::temp_dir().join(format!("preflight-terms-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("extra.toml"),
            "[words.recharge]\nterms = [\"充值卡Xyz\"]\n",
        )
        .unwrap();
        let more = Knowledge::load(&[dir.as_path()]).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(!prebuilt(&more));
        assert!(more
            .list("recharge")
            .may_occur(&more.presence("买充值卡xyz")));
        assert_eq!(more.list("recharge").find("买充值卡XYZ"), Some("充值卡Xyz"));
        assert!(same_patterns(&["a".into(), "b".into()], "a\nb"));
        assert!(!same_patterns(&["a".into()], "a\nb"));
        assert!(!same_patterns(&["a\nb".into()], "a\nb"));
        assert!(!same_patterns(
            &["a".into(), "b".into(), "c".into()],
            "a\nb"
        ));
    }

    #[test]
    fn each_embedded_file_read_from_its_json_is_the_same_as_from_its_toml() {
        let mut as_json = 0;
        for (name, text, json) in EMBEDDED {
            let toml = DataFile::parse(name, text).unwrap();
            match json {
                Some(json) => {
                    let from_json: DataFile = serde_json::from_str(json).unwrap();
                    assert_eq!(format!("{from_json:?}"), format!("{toml:?}"), "{name}");
                    assert!(toml.rule.is_empty());
                    as_json += 1;
                }
                None => assert!(!toml.rule.is_empty(), "{name} has rules"),
            }
        }
        // The category list and the word lists.
        assert!(as_json >= 5, "{as_json} files read from JSON");
    }

    #[test]
    fn normalization_ignores_spacing_and_separators() {
        assert_eq!(
            normalize_category("商家自营 -> 宠物食品／用品"),
            normalize_category("商家自营>宠物食品/用品")
        );
    }
}
