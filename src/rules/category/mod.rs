pub mod category_mismatch;
pub mod ecommerce_category_missing;
pub mod feature_needs_category;
pub mod multi_merchant_needs_platform_category;
pub mod no_approved_category;
pub mod qualification_missing;
pub mod submission_category_not_approved;
pub mod ugc_needs_social_category;

/// The native rules of this area (the registry sorts them by code).
pub static RULES: &[&crate::rules::Rule] = &[
    &no_approved_category::RULE,
    &category_mismatch::RULE,
    &qualification_missing::RULE,
    &submission_category_not_approved::RULE,
    &ecommerce_category_missing::RULE,
    &multi_merchant_needs_platform_category::RULE,
    &ugc_needs_social_category::RULE,
    &feature_needs_category::RULE,
];

use crate::bundle::{Categories, Product};
use crate::rules::knowledge::CategoryInfo;
use crate::rules::Context;

/// Which known categories the store's service categories stand for.
pub(crate) struct Coverage<'k> {
    pub cats: &'k Categories,
    /// The known categories of the approved service categories (an old
    /// name that WeChat split yields all of its successors).
    pub approved: Vec<&'k CategoryInfo>,
    /// The approved service categories as the store wrote them.
    pub approved_names: Vec<String>,
    /// Known categories of pending service categories, with the name written.
    pub pending: Vec<(&'k CategoryInfo, String)>,
    /// An approved category covers every kind of goods (电商平台 > 电商平台).
    pub all_goods: bool,
}

impl<'k> Coverage<'k> {
    /// The coverage of the store's categories.json; `None` when it is
    /// missing or unreadable (nothing to judge).
    pub fn of(cx: &Context<'k>) -> Option<Coverage<'k>> {
        let cats = cx.bundle.categories.get()?;
        let mut cov = Coverage {
            cats,
            approved: Vec::new(),
            approved_names: Vec::new(),
            pending: Vec::new(),
            all_goods: false,
        };
        for sc in &cats.service {
            let (Some(first), Some(second)) = (&sc.first, &sc.second) else {
                continue;
            };
            let known = cx.knowledge.resolve(first, second);
            if sc.approved() {
                cov.approved_names.push(sc.display());
                cov.all_goods |= known.iter().any(|c| c.covers_all_goods);
                cov.approved.extend(known);
            } else if sc.status.as_deref() == Some("pending") {
                cov.pending
                    .extend(known.into_iter().map(|c| (c, sc.display())));
            }
        }
        Some(cov)
    }

    /// Whether any service category is approved.
    pub fn any_approved(&self) -> bool {
        !self.approved_names.is_empty()
    }

    /// Whether an approved category allows selling goods of category `c`.
    pub fn covers(&self, c: &CategoryInfo) -> bool {
        (self.all_goods && c.sells_goods) || self.approves(c)
    }

    /// Whether `c` itself is approved (not merely covered by 电商平台).
    pub fn approves(&self, c: &CategoryInfo) -> bool {
        self.approved.iter().any(|a| std::ptr::eq(*a, c))
    }

    /// Whether an approved category satisfies `pred`.
    pub fn approves_any(&self, pred: impl Fn(&CategoryInfo) -> bool) -> bool {
        self.approved.iter().any(|c| pred(c))
    }

    /// The name of a pending service category that satisfies `pred`.
    pub fn pending_where(&self, pred: impl Fn(&CategoryInfo) -> bool) -> Option<&str> {
        self.pending
            .iter()
            .find(|(c, _)| pred(c))
            .map(|(_, name)| name.as_str())
    }

    /// A note for messages when `c` is only pending.
    pub fn pending_note(&self, c: &CategoryInfo) -> (String, String) {
        pending_note(self.pending_where(|p| std::ptr::eq(p, c)))
    }

    /// The approved categories for messages (zh, en).
    pub fn approved_list(&self) -> (String, String) {
        if self.approved_names.is_empty() {
            ("（无）".to_string(), "(none)".to_string())
        } else {
            (
                self.approved_names.join("、"),
                self.approved_names.join(", "),
            )
        }
    }
}

/// "（「…」仍在审核中，暂不能使用）", or nothing.
pub(crate) fn pending_note(pending: Option<&str>) -> (String, String) {
    match pending {
        Some(name) => (
            format!("（「{name}」仍在审核中，暂不能使用）"),
            format!(" (\"{name}\" is still pending and cannot be used yet)"),
        ),
        None => (String::new(), String::new()),
    }
}

/// The category a product looks like, and the evidence for it.
#[derive(Debug, Clone)]
pub(crate) struct Classified<'k> {
    pub category: &'k CategoryInfo,
    /// The keyword found.
    pub keyword: &'k str,
    /// The shop category path (`宠物食品 > 猫粮`) the keyword is in; `None`
    /// when it is in the product's title.
    pub path: Option<String>,
}

impl Classified<'_> {
    /// The evidence as a message quotes it: `关键词「猫粮」`.
    pub fn why_zh(&self) -> String {
        let kw = self.keyword;
        match &self.path {
            None => format!("关键词「{kw}」"),
            Some(path) => format!("店铺分类「{path}」中的「{kw}」"),
        }
    }

    pub fn why_en(&self) -> String {
        let kw = self.keyword;
        match &self.path {
            None => format!("keyword \"{kw}\""),
            Some(path) => format!("\"{kw}\" in its shop category {path}"),
        }
    }
}

/// The category a product looks like ([`Context::product_category`], which
/// remembers it): a keyword of its title, else of its shop category path.
pub(crate) fn classify_product<'k>(cx: &Context<'k>, p: &'k Product) -> Option<Classified<'k>> {
    let title = p.title.as_deref().unwrap_or("");
    if let Some((category, keyword)) = cx.classify(title) {
        return Some(Classified {
            category,
            keyword,
            path: None,
        });
    }
    let (Some(cats), Some(id)) = (cx.bundle.categories.get(), &p.category_id) else {
        return None;
    };
    let path = cats.path_names(id).join(" > ");
    let (category, keyword) = cx.knowledge.classify(&path)?;
    Some(Classified {
        category,
        keyword,
        path: Some(path),
    })
}

/// Whether a product is a service: it looks like a category under which
/// nothing is sold as goods (battery rental under 交通服务 > 骑车, 家政 …).
pub(crate) fn is_service<'k>(cx: &Context<'k>, p: &'k Product) -> bool {
    cx.product_category(p)
        .is_some_and(|c| !c.category.sells_goods)
}

/// Product names for a message: the first `max`, then "等 N 件" / "and N more".
pub(crate) fn name_products(products: &[&Product], max: usize) -> (String, String) {
    let shown: Vec<String> = products
        .iter()
        .take(max)
        .map(|p| format!("「{}」", p.label()))
        .collect();
    let shown_en: Vec<String> = products
        .iter()
        .take(max)
        .map(|p| format!("\"{}\"", p.label()))
        .collect();
    let rest = products.len().saturating_sub(max);
    if rest == 0 {
        (shown.join("、"), shown_en.join(", "))
    } else {
        (
            format!("{}等 {} 件", shown.join("、"), products.len()),
            format!("{} and {rest} more", shown_en.join(", ")),
        )
    }
}
