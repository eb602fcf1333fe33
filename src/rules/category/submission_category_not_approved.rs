//! CAT004 submission-category-not-approved.

use crate::bundle::ServiceCategory;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::{normalize_category, CategoryInfo, Knowledge};
use crate::rules::{Area, Check, Context, Rule};

use super::Coverage;

pub static RULE: Rule = Rule {
    code: "CAT004",
    name: "submission-category-not-approved",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "提审表单选择的小程序分类不是已通过的服务类目",
        en: "The category chosen in the submission form is not an approved service category",
    },
    what: Doc {
        zh: "读取 store.json 中 submission.category（发布新版本表单的「小程序分类」，写作「一级 > 二级」，也接受 ->、-、→ 作分隔，允许带第三级或末尾多余的分隔符；二级名称本身含有 /，所以 / 只在已知一级名称之后才当分隔符），与 categories.json 中 status 为 approved 的服务类目比较。新旧类目名视为同一类目（如 家居/家饰/家纺 = 家居家纺，家电/数码/手机 = 3C数码 或 家用电器）。选中的类目仍在审核中或已被驳回时会在消息中说明。未填写分类（REV004）或没有任何已通过类目（CAT001）时不判断。",
        en: "Reads submission.category in store.json (the 小程序分类 of the 发布新版本 form, written 「一级 > 二级」; ->, -, → also separate, a third level or a trailing separator is allowed; second-level names contain / themselves, so / only separates after a known first-level name) and compares it with the service categories of categories.json whose status is `approved`. Old and new names are the same category (家居/家饰/家纺 = 家居家纺, 家电/数码/手机 = 3C数码 or 家用电器). When the chosen category is pending or was rejected, the message says so. An empty category (REV004) or no approved category at all (CAT001) is not judged.",
    },
    why: Doc {
        zh: "提交审核时表单里的小程序分类只能从已通过的服务类目中选（§一.3 填写样例：小程分类 商家自营->家居/家饰/家纺）；填了未通过或与实际类目不同的分类，提交会失败或被驳回为「服务类目不一致」。",
        en: "The category of the submission form must be one of the approved service categories (§一.3 shows 小程分类 商家自营->家居/家饰/家纺); a category that is not approved, or not the one the store really holds, makes the submission fail or get rejected as 服务类目不一致.",
    },
    fix: Doc {
        zh: "在商城后台的 发布新版本 表单中，把「小程序分类」改为已通过的服务类目之一（与商品相符的那一个）；需要的类目还没有时，先在 微信公众平台 → 设置 → 基本设置 → 服务类目 添加并等待审核通过。",
        en: "In the store backend's 发布新版本 form, set 小程序分类 to one of the approved service categories (the one that fits the goods); if the right one is missing, first add it under mp.weixin.qq.com → Settings → Basic settings → Service categories and wait for approval.",
    },
    example: r#"store.json:      { "submission": { "category": "商家自营->家居/家饰/家纺->" } }
categories.json: { "service_categories": [ { "first": "商家自营", "second": "宠物食品/用品", "status": "approved" } ] }"#,
    source: "seed 000 §一.3",
    check: Check::Native(check),
};

/// The submission's category as normalized (first, second) names; `first`
/// is `None` when only a second-level name was written.
fn split(value: &str, k: &Knowledge) -> Option<(Option<String>, String)> {
    let n = normalize_category(value);
    let parts: Vec<&str> = n.split('>').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [] => None,
        [one] => {
            // 商家自营/宠物食品/用品: a known first level, then a slash.
            let first = k
                .categories
                .iter()
                .map(|c| normalize_category(&c.first))
                .find(|f| {
                    one.strip_prefix(f.as_str())
                        .is_some_and(|rest| rest.len() > 1 && rest.starts_with('/'))
                });
            match first {
                Some(f) => Some((Some(f.clone()), one[f.len() + 1..].to_string())),
                None => Some((None, one.to_string())),
            }
        }
        [first, second, ..] => Some((Some(first.to_string()), second.to_string())),
    }
}

/// The known categories the submission names.
fn known<'k>(k: &'k Knowledge, first: Option<&str>, second: &str) -> Vec<&'k CategoryInfo> {
    match first {
        Some(f) => k.resolve(f, second),
        None => k
            .categories
            .iter()
            .filter(|c| {
                normalize_category(&c.second) == second
                    || c.aliases.iter().any(|a| normalize_category(a) == second)
            })
            .collect(),
    }
}

/// Whether a store's service category is the submission's category.
fn same(
    k: &Knowledge,
    sc: &ServiceCategory,
    wanted: &[&CategoryInfo],
    first: Option<&str>,
    second: &str,
) -> bool {
    let (Some(f), Some(s)) = (&sc.first, &sc.second) else {
        return false;
    };
    let by_text =
        normalize_category(s) == second && first.is_none_or(|first| normalize_category(f) == first);
    by_text
        || k.resolve(f, s)
            .iter()
            .any(|c| wanted.iter().any(|w| std::ptr::eq(*w, *c)))
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let Some(value) = store.submission.category.as_deref() else {
        return;
    };
    let Some(cov) = Coverage::of(cx) else {
        return;
    };
    if !cov.any_approved() {
        return;
    }
    let Some((first, second)) = split(value, cx.knowledge) else {
        return;
    };
    let wanted = known(cx.knowledge, first.as_deref(), &second);
    let matching =
        |sc: &&ServiceCategory| same(cx.knowledge, sc, &wanted, first.as_deref(), &second);
    if cov
        .cats
        .service
        .iter()
        .filter(|sc| sc.approved())
        .any(|sc| matching(&sc))
    {
        return;
    }
    let (approved, approved_en) = cov.approved_list();
    let (nz, ne) = match cov
        .cats
        .service
        .iter()
        .filter(|sc| !sc.approved())
        .find(matching)
    {
        Some(sc) => match sc.status.as_deref() {
            Some("pending") => (
                format!("；「{}」仍在审核中", sc.display()),
                format!("; \"{}\" is still pending", sc.display()),
            ),
            Some("rejected") => (
                format!("；「{}」已被驳回", sc.display()),
                format!("; \"{}\" was rejected", sc.display()),
            ),
            _ => (
                format!("；「{}」未通过审核", sc.display()),
                format!("; \"{}\" is not approved", sc.display()),
            ),
        },
        None => (String::new(), String::new()),
    };
    out.push(
        RULE.diag(
            origin.at("/submission/category"),
            format!("提审表单的小程序分类「{value}」不是已通过的服务类目（已通过：{approved}）{nz}"),
            format!("the submission form's category \"{value}\" is not an approved service category (approved: {approved_en}){ne}"),
        )
        .with_label("未通过的类目", "not approved"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_slashes() {
        let k = Knowledge::embedded().unwrap();
        let s = |v: &str| split(v, &k).unwrap();
        assert_eq!(
            s("商家自营->家居/家饰/家纺->"),
            (Some("商家自营".into()), "家居/家饰/家纺".into())
        );
        assert_eq!(
            s("商家自营 > 宠物食品/用品"),
            (Some("商家自营".into()), "宠物食品/用品".into())
        );
        assert_eq!(
            s("商家自营/宠物食品/用品"),
            (Some("商家自营".into()), "宠物食品/用品".into())
        );
        assert_eq!(
            s("生活服务 → 丽人服务 → 美甲"),
            (Some("生活服务".into()), "丽人服务".into())
        );
        assert_eq!(s("宠物食品/用品"), (None, "宠物食品/用品".into()));
    }
}
