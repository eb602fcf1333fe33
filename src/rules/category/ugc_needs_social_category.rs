//! CAT007 ugc-needs-social-category.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::CategoryInfo;
use crate::rules::{Area, Check, Context, Rule};

use super::{pending_note, Coverage};

pub static RULE: Rule = Rule {
    code: "CAT007",
    name: "ugc-needs-social-category",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "用户可发布内容（社区、文章评论、公开评价），却没有已通过的 社交 > 笔记 或 社交 > 社区/论坛 类目",
        en: "Users can publish content (community, article comments, public reviews) without an approved 社交 > 笔记 or 社交 > 社区/论坛 category",
    },
    what: Doc {
        zh: "categories.json 中没有已通过的【社交 > 笔记】或【社交 > 社区/论坛】时：store.json 的 features.community（笔记 / 社区 / 论坛 / 种草）或 features.article_comments（资讯文章的用户评论）为 true 报错误；features.public_reviews（评价 / 晒单对其他用户可见）为 true 报警告。每个开启的开关各报告一次；没有 categories.json 时不判断。",
        en: "When categories.json holds no approved 社交 > 笔记 or 社交 > 社区/论坛: features.community (notes / community / forum / 种草) or features.article_comments (user comments on articles) being true is an error; features.public_reviews (reviews and 晒单 visible to other users) being true is a warning. Each switch that is on is reported once; without categories.json nothing is judged.",
    },
    why: Doc {
        zh: "用户发布、他人可见的内容（UGC）属于社交范畴：类目规范要求「如提供传播和公开访问服务，属于社交范畴，需选择【社交-笔记】类目」，「若服务涉及综合性UGC论坛等服务，需选择【社交-社区/论坛】类目」，审核会因此驳回。商品评价一般随商城一起审核，但公开的晒单区也常被要求补充社交类目，所以只作提示。",
        en: "Content users publish for others to see (UGC) is social: the category rules say 「如提供传播和公开访问服务，属于社交范畴，需选择【社交-笔记】类目」 and 「若服务涉及综合性UGC论坛等服务，需选择【社交-社区/论坛】类目」, and review rejects without them. Product reviews usually pass with a store, but a public 晒单 area is often asked for a social category too, hence only a warning.",
    },
    fix: Doc {
        zh: "需要这些功能时，在 微信公众平台 → 设置 → 基本设置 → 服务类目 添加 社交 > 笔记 或 社交 > 社区/论坛（需《非经营性互联网信息服务备案核准》，首次提审另需主管机关审核约 7 天）；不需要时在商城后台关闭社区 / 文章评论 / 公开评价功能。",
        en: "If the store needs these features, add 社交 > 笔记 or 社交 > 社区/论坛 under mp.weixin.qq.com → Settings → Basic settings → Service categories (it needs the 非经营性互联网信息服务备案核准, and the first submission takes about 7 more days of review by the authorities); otherwise switch community / article comments / public reviews off in the store backend.",
    },
    example: r#"store.json: { "features": { "community": true } }   categories.json: only 商家自营 > 宠物食品/用品"#,
    source: "real rejections; 类目规范 (社交 > 笔记, 社交 > 社区/论坛)",
    check: Check::Native(check),
};

/// 社交 > 笔记 and 社交 > 社区/论坛.
fn social_ugc(c: &CategoryInfo) -> bool {
    c.first == "社交" && matches!(c.second.as_str(), "笔记" | "社区/论坛")
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let Some(cov) = Coverage::of(cx) else {
        return;
    };
    if cov.approves_any(social_ugc) {
        return;
    }
    let (nz, ne) = pending_note(cov.pending_where(social_ugc));
    let f = &store.features;
    for (on, key, zh, en, severity) in [
        (
            f.community,
            "community",
            "社区 / 笔记 / 论坛",
            "community (notes / forum)",
            Severity::Error,
        ),
        (
            f.article_comments,
            "article_comments",
            "文章评论",
            "article comments",
            Severity::Error,
        ),
        (
            f.public_reviews,
            "public_reviews",
            "公开评价 / 晒单",
            "public reviews (晒单)",
            Severity::Warning,
        ),
    ] {
        if on != Some(true) {
            continue;
        }
        out.push(
            RULE.diag(
                origin.at(&format!("/features/{key}")),
                format!("开启了{zh}（用户发布、他人可见的内容），但没有已通过的 社交 > 笔记 或 社交 > 社区/论坛 类目{nz}"),
                format!("features.{key} ({en}: content users publish for others) is on, but neither 社交 > 笔记 nor 社交 > 社区/论坛 is approved{ne}"),
            )
            .with_label("需要社交类目", "needs a social category")
            .with_severity(severity),
        );
    }
}
