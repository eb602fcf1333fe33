//! Content policy (CNT): names, descriptions, products and homepage text.

pub mod ad_law_absolute_terms;
pub mod induced_sharing;
pub mod lottery;
pub mod medical_claims;
pub mod multi_level_distribution;

use std::collections::HashSet;

use super::homepage::where_on_homepage;
use crate::bundle::{HomeCoupon, Product};
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::knowledge::{Presence, WordList};
use crate::rules::{Context, Rule};

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &ad_law_absolute_terms::RULE,
    &induced_sharing::RULE,
    &medical_claims::RULE,
    &multi_level_distribution::RULE,
    &lottery::RULE,
];

/// Where a scanned text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// `mini_program.name`.
    Name,
    /// `mini_program.description`.
    Description,
    /// `submission.description` (小程序描述 of the review form).
    Submission,
    ProductTitle,
    ProductDescription,
    /// A decoration component, the decoration's page title, or homepage.html.
    Homepage,
    /// A coupon title (coupons.json or an inline homepage coupon).
    Coupon,
}

/// How a message names the place of a text; spelt out only for a finding.
enum Place<'a> {
    /// `小程序名称` / `mini program name`.
    Fixed(&'static str, &'static str),
    /// A field of a product: `商品「猫粮 (p1)」的标题`.
    Product(&'a Product, &'static str, &'static str),
    /// Text of a homepage component of this type (`html` for homepage.html).
    Homepage(&'a str),
    /// The title of a coupon, by its id.
    Coupon(&'a str),
}

/// Where a text is in its file; made into a [`Location`] only for a finding.
enum At<'a> {
    Location(Location),
    /// A field of a product or coupon.
    Field(&'a crate::bundle::Place, &'static str),
    /// A homepage text as a whole.
    Whole(&'a crate::bundle::Place),
}

/// One text the content rules read, with where it is and how to name it.
pub(crate) struct Scanned<'a> {
    pub text: &'a str,
    at: At<'a>,
    place: Place<'a>,
    pub source: Source,
    /// Whether users see it on the homepage (homepage components, and the
    /// coupons the homepage shows).
    pub on_homepage: bool,
    /// The on-sale product it belongs to.
    pub product: Option<&'a Product>,
    /// `("product", id)` or `("coupon", id)`.
    pub entity: Option<(&'static str, &'a str)>,
    /// Which word lists may have a term in the text, asked once here for
    /// every content rule.
    presence: Presence,
}

impl Scanned<'_> {
    /// How to name the place in a message: `小程序名称`.
    pub fn where_zh(&self) -> String {
        match self.place {
            Place::Fixed(zh, _) => zh.to_string(),
            Place::Product(p, zh, _) => format!("商品「{}」的{zh}", p.label()),
            Place::Homepage(kind) => format!("{}文字", where_on_homepage(kind).0),
            Place::Coupon(id) => format!("优惠券 {id} 的标题"),
        }
    }

    /// How to name the place in a message: `mini program name`.
    pub fn where_en(&self) -> String {
        match self.place {
            Place::Fixed(_, en) => en.to_string(),
            Place::Product(p, _, en) => format!("{en} of product \"{}\"", p.label()),
            Place::Homepage(kind) => format!("{} text", where_on_homepage(kind).1),
            Place::Coupon(id) => format!("title of coupon {id}"),
        }
    }

    /// The mini program's own name or description (信息 the account shows).
    pub fn is_identity(&self) -> bool {
        matches!(self.source, Source::Name | Source::Description)
    }

    /// A diagnostic of `rule` at this text, naming its product or coupon.
    pub fn diag(&self, rule: &Rule, zh: String, en: String) -> Diagnostic {
        let location = match &self.at {
            At::Location(l) => l.clone(),
            At::Field(place, field) => place.field(field),
            At::Whole(place) => place.whole(),
        };
        let d = rule.diag(location, zh, en);
        match &self.entity {
            Some((kind, id)) => d.with_entity(kind, *id),
            None => d,
        }
    }

    /// Every term of `list` in the text ([`WordList::find_all`]).
    pub fn find_all<'l>(&self, list: &'l WordList) -> Vec<&'l str> {
        if self.may_occur(list) {
            list.find_all(self.text)
        } else {
            Vec::new()
        }
    }

    /// Whether `list` may have a term in the text ([`WordList::may_occur`]).
    pub fn may_occur(&self, list: &WordList) -> bool {
        list.may_occur(&self.presence)
    }

    /// The text for a message: whole when short, else the part around `term`.
    pub fn quote(&self, term: &str) -> String {
        excerpt(self.text, term)
    }

    /// `term` as the text spells it (`NO.1` for the term `no.1`).
    pub fn as_written<'t>(&'t self, term: &'t str) -> &'t str {
        as_written(self.text, term)
    }
}

/// Every text the content rules judge, each once: the mini program's name and
/// description, the submission description, on-sale products' titles and
/// descriptions, the homepage (decoration page title, every component's
/// texts — unknown types included —, homepage.html), and the titles of the
/// active coupons and of inline homepage coupons.
pub(crate) fn texts<'a>(cx: &Context<'a>) -> Vec<Scanned<'a>> {
    let bundle = cx.bundle;
    // Most texts are products' titles and descriptions: room for those.
    let products = bundle.products.get().map_or(0, |p| p.items.len());
    let mut out = Vec::with_capacity(2 * products + 16);
    let plain =
        |text: &'a str, location: Location, zh: &'static str, en: &'static str, source: Source| {
            Scanned {
                text,
                at: At::Location(location),
                place: Place::Fixed(zh, en),
                source,
                on_homepage: false,
                product: None,
                entity: None,
                presence: Presence::default(),
            }
        };

    if let Some(store) = bundle.store.get() {
        if let Some(origin) = &store.origin {
            let mp = &store.mini_program;
            if let Some(name) = &mp.name {
                out.push(plain(
                    name,
                    origin.at("/mini_program/name"),
                    "小程序名称",
                    "mini program name",
                    Source::Name,
                ));
            }
            if let Some(desc) = &mp.description {
                out.push(plain(
                    desc,
                    origin.at("/mini_program/description"),
                    "小程序简介",
                    "mini program description",
                    Source::Description,
                ));
            }
            if let Some(desc) = &store.submission.description {
                out.push(plain(
                    desc,
                    origin.at("/submission/description"),
                    "提审表单的小程序描述",
                    "submission description",
                    Source::Submission,
                ));
            }
        }
    }

    if let Some(products) = bundle.products.get() {
        for p in products.items.iter().filter(|p| p.on_sale()) {
            let entity = p.id.as_deref().map(|id| ("product", id));
            for (field, value, source, zh, en) in [
                ("title", &p.title, Source::ProductTitle, "标题", "title"),
                (
                    "description",
                    &p.description,
                    Source::ProductDescription,
                    "描述",
                    "description",
                ),
            ] {
                if let Some(text) = value {
                    out.push(Scanned {
                        text,
                        at: At::Field(&p.place, field),
                        place: Place::Product(p, zh, en),
                        source,
                        on_homepage: false,
                        product: Some(p),
                        entity,
                        presence: Presence::default(),
                    });
                }
            }
        }
    }

    let mut homepage_coupons: HashSet<&str> = HashSet::new();
    if let Some(deco) = bundle.decoration.get() {
        if let Some(title) = &deco.title {
            let mut s = plain(
                title,
                deco.origin.at("/title"),
                "首页页面标题",
                "homepage page title",
                Source::Homepage,
            );
            s.on_homepage = true;
            out.push(s);
        }
        for c in &deco.components {
            for hc in &c.coupons {
                match hc {
                    HomeCoupon::Ref { id, .. } => {
                        homepage_coupons.insert(id.as_str());
                    }
                    HomeCoupon::Inline {
                        title: Some(title),
                        place,
                        ..
                    } => {
                        let mut s = plain(
                            title,
                            place.field("title"),
                            "首页优惠券",
                            "homepage coupon",
                            Source::Coupon,
                        );
                        s.on_homepage = true;
                        out.push(s);
                    }
                    HomeCoupon::Inline { .. } => {}
                }
            }
        }
    }
    for (kind, t) in cx.homepage_texts() {
        out.push(Scanned {
            text: &t.value,
            at: At::Whole(&t.place),
            place: Place::Homepage(kind),
            source: Source::Homepage,
            on_homepage: true,
            product: None,
            entity: None,
            presence: Presence::default(),
        });
    }

    if let Some(coupons) = bundle.coupons.get() {
        for k in coupons.items.iter().filter(|k| k.active()) {
            let Some(title) = &k.title else { continue };
            let id = k.id.as_deref().unwrap_or("?");
            out.push(Scanned {
                text: title,
                at: At::Field(&k.place, "title"),
                place: Place::Coupon(id),
                source: Source::Coupon,
                on_homepage: k
                    .id
                    .as_deref()
                    .is_some_and(|id| homepage_coupons.contains(id)),
                product: None,
                entity: k.id.as_deref().map(|id| ("coupon", id)),
                presence: Presence::default(),
            });
        }
    }
    for s in &mut out {
        s.presence = cx.presence_of(s.text);
    }
    out
}

/// `term` as `text` spells it, ASCII case aside; `term` itself when not found.
pub(crate) fn as_written<'t>(text: &'t str, term: &'t str) -> &'t str {
    text.char_indices()
        .filter_map(|(i, _)| text.get(i..i + term.len()))
        .find(|s| s.eq_ignore_ascii_case(term))
        .unwrap_or(term)
}

/// At most this many characters of a text are quoted whole.
const QUOTE_MAX: usize = 40;
/// Characters quoted on each side of a term in a longer text.
const QUOTE_CONTEXT: usize = 14;

/// `text` when short, else about 30 characters around the first `term`, with
/// `…` where it was cut.
pub(crate) fn excerpt(text: &str, term: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= QUOTE_MAX {
        return text.to_string();
    }
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let needle: Vec<char> = term.to_lowercase().chars().collect();
    // Lower-casing may change the length of exotic characters; then quote the start.
    let at = if lower.len() == chars.len() && !needle.is_empty() {
        lower
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .unwrap_or(0)
    } else {
        0
    };
    let start = at.saturating_sub(QUOTE_CONTEXT);
    let end = (at + needle.len() + QUOTE_CONTEXT).min(chars.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::knowledge::WordList;

    fn list(terms: &[&str], exceptions: &[&str]) -> WordList {
        WordList::new(
            terms.iter().map(|s| s.to_string()).collect(),
            exceptions.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn find_all_reports_each_term_once_in_text_order() {
        let l = list(&["第一", "全国第一", "最佳", "顶级"], &["第一次"]);
        assert_eq!(
            l.find_all("顶级口感，全国第一，第一次购买享最佳价格，顶级"),
            vec!["顶级", "全国第一", "最佳"]
        );
        assert_eq!(l.find_all("第一次下单"), Vec::<&str>::new());
        assert_eq!(l.find_all("第一次下单，销量第一"), vec!["第一"]);
    }

    #[test]
    fn find_all_keeps_terms_that_only_overlap() {
        let l = list(&["根治", "治猫藓"], &[]);
        assert_eq!(l.find_all("7天根治猫藓"), vec!["根治", "治猫藓"]);
    }

    #[test]
    fn find_all_ignores_ascii_case() {
        let l = list(&["No.1"], &[]);
        assert_eq!(l.find_all("品质 NO.1"), vec!["No.1"]);
    }

    #[test]
    fn as_written_keeps_the_text_spelling() {
        assert_eq!(as_written("品质NO.1保证", "no.1"), "NO.1");
        assert_eq!(as_written("全国第一", "第一"), "第一");
        assert_eq!(as_written("无", "第一"), "第一");
    }

    #[test]
    fn excerpt_cuts_long_texts_around_the_term() {
        assert_eq!(excerpt("短文本最佳", "最佳"), "短文本最佳");
        let long = format!("{}全国第一{}", "甲".repeat(30), "乙".repeat(30));
        let e = excerpt(&long, "全国第一");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.contains("全国第一"), "{e}");
        assert_eq!(e.chars().count(), 14 + 4 + 14 + 2);
    }
}
