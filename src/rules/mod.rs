//! The rule registry. Each rule is one file holding its code, name, default
//! severity, documentation (what it checks, why WeChat cares, how to fix it,
//! an example) and its check, a pure function of a loaded bundle. The
//! documentation is what `preflight explain` prints; there is no other copy.

pub mod knowledge;
pub mod packs;

mod account;
mod category;
mod content;
mod homepage;
pub mod input;
mod payment;
mod product;
mod review;
mod terms;

use std::path::Path;

use crate::bundle::date::Date;
use crate::bundle::{Bundle, DocProducts, Link, Product, Spanned};
use crate::diagnostic::{Diagnostic, Doc, Fingerprint, Location, Resolved, Severity, Text};
use category::Classified;
pub use input::unused_waiver;
pub use knowledge::Knowledge;
use knowledge::{CategoryInfo, Presence, WordList};

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
    pub check: Check,
}

/// How a rule checks a bundle.
pub enum Check {
    /// A Rust function.
    Native(fn(&Context, &mut Vec<Diagnostic>)),
    /// A declarative rule from a rule pack.
    Pack(packs::PackRule),
}

impl Rule {
    /// Runs the rule over one bundle.
    pub fn run(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        match &self.check {
            Check::Native(f) => f(cx, out),
            Check::Pack(p) => packs::run(self, p, cx, out),
        }
    }
}

impl Rule {
    /// A diagnostic of this rule at `location`, with the rule's fix as help.
    pub fn diag(
        &self,
        location: Location,
        zh: impl Into<std::borrow::Cow<'static, str>>,
        en: impl Into<std::borrow::Cow<'static, str>>,
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
            fingerprint: Fingerprint::default(),
        }
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// What a rule sees: one loaded bundle, the data it judges with, and the
/// date that date rules compare against.
pub struct Context<'a> {
    pub bundle: &'a Bundle,
    pub knowledge: &'a Knowledge,
    pub today: Date,
    /// The texts the content rules read, gathered once for all of them.
    content: std::cell::OnceCell<Vec<content::Scanned<'a>>>,
    /// Which word lists have a term in a text of the bundle: one pass over
    /// a text serves every rule, and a description or a notice repeated
    /// across products is scanned once.
    presence: std::cell::RefCell<Presences<'a>>,
    /// The category each product looks like, by the product's position in
    /// the bundle's list.
    categories: Vec<std::cell::OnceCell<Option<Classified<'a>>>>,
}

/// The [`Presence`] of each text asked about, found by where the text is
/// (the same field asked about by several rules: two numbers hashed and
/// compared) and, the first time, by what it says (the same description in
/// several products: scanned once).
#[derive(Default)]
struct Presences<'a> {
    by_address: FastMap<(usize, usize), usize>,
    by_text: FastMap<&'a str, usize>,
    found: Vec<Presence>,
}

/// A map hashed with [`terms::FastHasher`].
type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<terms::FastHasher>>;

impl<'a> Context<'a> {
    pub fn new(bundle: &'a Bundle, knowledge: &'a Knowledge, today: Date) -> Context<'a> {
        // A product's title and description are the texts asked about most.
        let products = bundle.products.get().map_or(0, |p| p.items.len());
        let texts = 2 * products + 64;
        Context {
            bundle,
            knowledge,
            today,
            content: std::cell::OnceCell::new(),
            presence: std::cell::RefCell::new(Presences {
                by_address: FastMap::with_capacity_and_hasher(texts, Default::default()),
                by_text: FastMap::with_capacity_and_hasher(texts, Default::default()),
                found: Vec::with_capacity(texts),
            }),
            categories: (0..products).map(|_| Default::default()).collect(),
        }
    }

    /// The category a product looks like, and why (a keyword of its title,
    /// else of its shop category path); worked out once per product.
    pub(crate) fn product_category(&self, p: &'a Product) -> Option<&Classified<'a>> {
        // The product's position, from its address in the bundle's list.
        let items = self.bundle.products.get().map_or(&[][..], |l| &l.items[..]);
        let offset = (p as *const Product as usize).wrapping_sub(items.as_ptr() as usize);
        let at = offset / std::mem::size_of::<Product>().max(1);
        let cell = self
            .categories
            .get(at)
            .zip(items.get(at))
            .filter(|(_, q)| std::ptr::eq(p, *q))
            .map(|(cell, _)| cell);
        debug_assert!(cell.is_some(), "a product outside the bundle's list");
        cell?
            .get_or_init(|| category::classify_product(self, p))
            .as_ref()
    }

    /// What [`Knowledge::presence`] says of `text`, a text of the bundle,
    /// computed on first use.
    /// (One hash of the text per question; `f` must not ask again.)
    fn presence<T>(&self, text: &'a str, f: impl FnOnce(&Presence) -> T) -> T {
        let mut known = self.presence.borrow_mut();
        let Presences {
            by_address,
            by_text,
            found,
        } = &mut *known;
        let at = *by_address
            .entry((text.as_ptr() as usize, text.len()))
            .or_insert_with(|| {
                *by_text.entry(text).or_insert_with(|| {
                    found.push(self.knowledge.presence(text));
                    found.len() - 1
                })
            });
        f(&found[at])
    }

    /// Whether `list` may have a term in `text`: false when the one pass
    /// over `text` for every list found none of its terms. A rule that
    /// looks at parts of a text asks this of the whole text first.
    pub fn may_occur(&self, list: &WordList, text: &'a str) -> bool {
        self.presence(text, |p| list.may_occur(p))
    }

    /// [`WordList::find`] of a text of the bundle.
    pub fn find<'l>(&self, list: &'l WordList, text: &'a str) -> Option<&'l str> {
        if self.may_occur(list, text) {
            list.find(text)
        } else {
            None
        }
    }

    /// What the one pass over `text` for every list found.
    pub(crate) fn presence_of(&self, text: &'a str) -> Presence {
        self.presence(text, Presence::clone)
    }

    /// [`Knowledge::classify`] of a text of the bundle.
    pub fn classify(&self, text: &'a str) -> Option<(&'a CategoryInfo, &'a str)> {
        self.presence(text, |p| self.knowledge.category_in(p))
    }

    /// Every text the content (CNT) rules judge, gathered on first use.
    pub(crate) fn content_texts(&self) -> &[content::Scanned<'a>] {
        self.content.get_or_init(|| content::texts(self))
    }

    /// Every visible text of the homepage, with the component type it is in
    /// (`notice`, `nav` …, or `html` for homepage.html).
    pub fn homepage_texts(&self) -> impl Iterator<Item = (&'a str, &'a Spanned<String>)> {
        let deco = self.bundle.decoration.get().into_iter().flat_map(|d| {
            d.components
                .iter()
                .flat_map(|c| c.texts.iter().map(move |t| (c.kind.as_str(), t)))
        });
        let html = self
            .bundle
            .homepage
            .get()
            .into_iter()
            .flat_map(|h| h.texts.iter().map(|t| ("html", t)));
        deco.chain(html)
    }

    /// Every link of the homepage (decoration components and homepage.html).
    pub fn homepage_links(&self) -> impl Iterator<Item = (&'a str, &'a Spanned<Link>)> {
        let deco = self.bundle.decoration.get().into_iter().flat_map(|d| {
            d.components
                .iter()
                .flat_map(|c| c.links.iter().map(move |l| (c.kind.as_str(), l)))
        });
        let html = self
            .bundle
            .homepage
            .get()
            .into_iter()
            .flat_map(|h| h.links.iter().map(|l| ("html", l)));
        deco.chain(html)
    }

    /// Every image of the homepage (decoration components and homepage.html).
    pub fn homepage_images(&self) -> impl Iterator<Item = (&'a str, &'a Spanned<String>)> {
        let deco = self.bundle.decoration.get().into_iter().flat_map(|d| {
            d.components
                .iter()
                .flat_map(|c| c.images.iter().map(move |i| (c.kind.as_str(), i)))
        });
        let html = self
            .bundle
            .homepage
            .get()
            .into_iter()
            .flat_map(|h| h.images.iter().map(|i| ("html", i)));
        deco.chain(html)
    }
}

/// The Rust rules of every area.
fn native() -> impl Iterator<Item = &'static Rule> {
    [
        account::RULES,
        category::RULES,
        content::RULES,
        homepage::RULES,
        input::RULES,
        payment::RULES,
        product::RULES,
        review::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Every rule (Rust and declarative) and the data they judge with.
#[derive(Debug)]
pub struct Catalog {
    /// Sorted by code.
    pub rules: Vec<&'static Rule>,
    pub knowledge: Knowledge,
    /// What the rule packs read of each product.
    pub doc_products: DocProducts,
}

impl Catalog {
    /// Builds the automaton of all terms (the largest piece of getting
    /// ready), the normalised category names and the name words (ACC013)
    /// now rather than for the first store. A batch run does this on a
    /// thread of its own while it looks up the stores' configurations.
    pub fn prepare(&self) {
        self.knowledge.prepare_terms();
        self.knowledge.prepare_names();
        account::name_generic_words::prepare(&self.knowledge);
    }

    /// The built-in rules and data only.
    pub fn embedded() -> Result<Catalog, String> {
        Catalog::load(&[])
    }

    /// The built-in rules and data, extended by the data files and rule
    /// packs in `dirs`. An error names the file and line.
    pub fn load(dirs: &[&Path]) -> Result<Catalog, String> {
        let (knowledge, packs) = Knowledge::load_with_packs(dirs)?;
        let mut rules: Vec<&'static Rule> = native().collect();
        let mut known: std::collections::HashSet<String> = rules
            .iter()
            .flat_map(|r| [r.code.to_ascii_lowercase(), r.name.to_ascii_lowercase()])
            .collect();
        for pack in packs {
            rules.extend(packs::compile(
                pack.rules,
                &pack.file,
                &pack.text,
                &mut known,
                &|list| knowledge.has_list(list),
            )?);
        }
        rules.sort_by_key(|r| r.code);
        Ok(Catalog {
            doc_products: packs::doc_products(&rules),
            rules,
            knowledge,
        })
    }

    /// A rule by code or name (case-insensitive).
    pub fn find(&self, code_or_name: &str) -> Option<&'static Rule> {
        self.rules.iter().copied().find(|r| {
            r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
        })
    }
}

/// A CJK unified ideograph of the basic block or extension A: most of the
/// characters of a Chinese store's texts, all of them letters, so that a
/// rule going over texts character by character can tell them apart by
/// range rather than through Unicode's tables.
pub(crate) fn cjk_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
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
    #[test]
    fn cjk_ideographs_are_letters() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if cjk_ideograph(c) {
                assert!(c.is_alphabetic() && !c.is_ascii(), "{c}");
            }
        }
        assert!(cjk_ideograph('名') && cjk_ideograph('㐀') && !cjk_ideograph('ー'));
    }

    use super::*;

    #[test]
    fn codes_and_names_are_unique_sorted_and_well_formed() {
        let catalog = Catalog::embedded().expect("built-in rules");
        let mut seen = std::collections::HashSet::new();
        for pair in catalog.rules.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{:?} before {:?}",
                pair[0],
                pair[1]
            );
        }
        for r in &catalog.rules {
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
