//! CNT005 lottery.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CNT005",
    name: "lottery",
    severity: Severity::Warning,
    area: Area::Content,
    precondition: false,
    summary: Doc {
        zh: "抽奖玩法：开启了抽奖功能，或首页有抽奖、大转盘、刮刮卡、盲盒",
        en: "Lottery: the lottery feature is on, or the homepage shows 抽奖 / 大转盘 / 刮刮卡 / 盲盒",
    },
    what: Doc {
        zh: "检查 store.json 的 features.lottery（抽奖 / 大转盘 / 刮刮卡 / 盲盒 功能）是否开启；并在首页（装修的页面标题、所有组件的文字，包括未知类型的组件、首页展示的优惠券标题，以及 homepage.html 的可见文字）中查找抽奖玩法的词（抽奖、大转盘、幸运转盘、刮刮卡、盲盒、九宫格抽奖、砸金蛋、有奖竞猜、夺宝 …，rules/words-content.toml 的 [words.cnt_lottery]），每段文字的每个词报告一次。只看首页：商品详情里的说法不在此规则范围内。",
        en: "Checks whether features.lottery (抽奖 / 大转盘 / 刮刮卡 / 盲盒) in store.json is on, and looks for lottery words (抽奖, 大转盘, 幸运转盘, 刮刮卡, 盲盒, 九宫格抽奖, 砸金蛋, 有奖竞猜, 夺宝 …: [words.cnt_lottery] in rules/words-content.toml) on the homepage: the decoration's page title, every component's text (unknown types included), the titles of the coupons it shows, and the visible text of homepage.html; each word once per text. Only the homepage is read, not product details.",
    },
    why: Doc {
        zh: "《常见拒绝情形》3.2.8.9：小程序内容不能包含赌博、有奖竞猜和抽奖的内容；《运营规范》6.1.6 同样禁止赌博、竞猜和抽奖信息，5.1 还禁止以分享换抽奖机会。平台自带的幸运抽奖、九宫格抽奖、刮刮卡插件和盲盒活动是商城被驳回的常见原因。",
        en: "Common rejection reasons 3.2.8.9: mini program content may not include gambling, prize guessing or lotteries; operating rules 6.1.6 forbid the same, and 5.1 forbids lottery chances for sharing. The platforms' lucky-draw, nine-grid draw and scratch-card plug-ins and blind-box campaigns are frequent causes of rejection for stores.",
    },
    fix: Doc {
        zh: "在商城后台 应用 → 全部应用 中关闭幸运抽奖、九宫格抽奖、刮刮卡等插件，并在 店铺 → 店铺装修 中删除首页的抽奖、盲盒入口和文字后再提交审核。",
        en: "In the store backend switch off the lucky-draw, nine-grid draw and scratch-card plug-ins under Apps → All apps, and remove the lottery and blind-box entries and texts from the homepage under Shop → Shop decoration before submitting.",
    },
    example: r#"{ "components": [ { "type": "nav", "items": [ { "text": "幸运大转盘", "link": { "page": "pages/lottery/index" } } ] } ] }"#,
    source: "常见拒绝情形 3.2.8.9; 运营规范 5.1, 6.1.6",
    check: Check::Native(check),
};

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(store) = cx.bundle.store.get() {
        if let (Some(origin), Some(true)) = (&store.origin, store.features.lottery) {
            out.push(
                RULE.diag(
                    origin.at("/features/lottery"),
                    "抽奖功能（抽奖 / 大转盘 / 刮刮卡 / 盲盒）已开启",
                    "the lottery feature (抽奖 / 大转盘 / 刮刮卡 / 盲盒) is switched on",
                )
                .with_label("抽奖已开启", "lottery on"),
            );
        }
    }
    let list = cx.knowledge.list("cnt_lottery");
    for s in cx.content_texts().iter().filter(|s| s.on_homepage) {
        for term in s.find_all(list) {
            let term = s.as_written(term);
            let quote = s.quote(term);
            out.push(
                s.diag(
                    &RULE,
                    format!("{}「{quote}」含抽奖玩法「{term}」", s.where_zh()),
                    format!(
                        "the {} \"{quote}\" offers a lottery (\"{term}\")",
                        s.where_en()
                    ),
                )
                .with_label("抽奖玩法", "lottery"),
            );
        }
    }
}
