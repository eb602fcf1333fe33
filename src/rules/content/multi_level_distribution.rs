//! CNT004 multi-level-distribution.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CNT004",
    name: "multi-level-distribution",
    severity: Severity::Warning,
    area: Area::Content,
    precondition: false,
    summary: Doc {
        zh: "多级分销：分销层级超过 2 级，或有拉人头、团队奖励、发展下线等说法",
        en: "Multi-level distribution: more than 2 commission levels, or 拉人头 / 团队奖励 / 发展下线 wording",
    },
    what: Doc {
        zh: "检查 store.json 的 features.distribution_levels（分销层级）是否大于 2；并在小程序名称和简介、提审描述、在售商品的标题和描述、首页（所有装修组件的文字和 homepage.html）以及优惠券标题中查找多级分销的说法（拉人头、人头费、团队奖励、团队分红、发展下线、三级分销、多级分销、无限级分销 …，rules/words-content.toml 的 [words.cnt_multi_level]），每段文字的每个说法报告一次。一级、二级分销不报告。",
        en: "Checks whether features.distribution_levels in store.json is above 2, and looks for multi-level distribution wording (拉人头, 人头费, 团队奖励, 团队分红, 发展下线, 三级分销, 多级分销, 无限级分销 …: [words.cnt_multi_level] in rules/words-content.toml) in the mini program's name and description, the submission description, on-sale products' titles and descriptions, the homepage (every decoration component's text and homepage.html) and coupon titles; each phrase once per text. One or two levels of commission are not reported.",
    },
    why: Doc {
        zh: "《运营规范》5.9：不得通过小程序实施多级分销欺诈行为，发布分销信息诱导用户进行添加、分享或直接参与，一经发现可限制功能直至封禁，并拒绝再向该主体提供服务。按人头或团队层级计酬、三级及以上返佣还可能被认定为传销（《禁止传销条例》第七条）。审核看到三级分销或拉人头文案通常直接驳回。",
        en: "Operating rules 5.9: a mini program must not run multi-level distribution schemes or publish distribution information that induces users to add, share or join; WeChat may restrict or ban it and refuse the principal further service. Paying per recruit or by team level, and commissions over three or more levels, can also count as pyramid selling under Chinese law (禁止传销条例 §7). Review usually rejects three-level distribution or recruiting wording outright.",
    },
    fix: Doc {
        zh: "在商城后台 用户 → 分销商管理 → 基础设置 中把分销层级改为一级或二级，关闭团队分红、股东分红类插件（应用 → 全部应用），并删除商品、首页上的拉人头、团队奖励、发展下线等文案。",
        en: "In the store backend set the distribution levels to one or two (Users → Distributors → Basic settings), switch off team-bonus plug-ins (Apps → All apps), and remove recruiting, team-reward and downline wording from products and the homepage.",
    },
    example: r#"{ "features": { "distribution_levels": 3 } }"#,
    source: "运营规范 5.9",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(store) = cx.bundle.store.get() {
        if let (Some(origin), Some(levels)) = (&store.origin, store.features.distribution_levels) {
            if levels > 2 {
                out.push(
                    RULE.diag(
                        origin.at("/features/distribution_levels"),
                        format!("分销层级为 {levels} 级，超过 2 级属于多级分销"),
                        format!("distribution has {levels} levels; more than 2 is multi-level distribution"),
                    )
                    .with_label(format!("{levels} 级分销"), format!("{levels} levels")),
                );
            }
        }
    }
    let list = cx.knowledge.list("cnt_multi_level");
    for s in cx.content_texts() {
        for term in s.find_all(list) {
            let term = s.as_written(term);
            let quote = s.quote(term);
            out.push(
                s.diag(
                    &RULE,
                    format!("{}「{quote}」含多级分销的说法「{term}」", s.where_zh()),
                    format!(
                        "the {} \"{quote}\" uses multi-level distribution wording (\"{term}\")",
                        s.where_en()
                    ),
                )
                .with_label("多级分销", "multi-level distribution"),
            );
        }
    }
}
