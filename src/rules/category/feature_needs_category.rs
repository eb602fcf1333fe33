//! CAT008 feature-needs-category.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::CategoryInfo;
use crate::rules::{Area, Check, Context, Rule};

use super::{pending_note, Coverage};

pub static RULE: Rule = Rule {
    code: "CAT008",
    name: "feature-needs-category",
    severity: Severity::Error,
    area: Area::Category,
    precondition: false,
    summary: Doc {
        zh: "直播或打赏功能没有对应的已通过类目",
        en: "Live streaming or tipping is on without the category it needs",
    },
    what: Doc {
        zh: "检查 store.json 的两个功能：features.live_streaming 开启（enabled 为 true，或直接为 true），且没有使用微信官方的小程序直播组件（official_plugin 不为 true），又没有已通过的【社交 > 直播】时触发；features.tipping（用户之间打赏）为 true，而没有任何已通过的 社交 类目（社交 > 直播、笔记、社区/论坛 等，打赏只能作为社交服务的一部分）时触发。没有 categories.json 时不判断。",
        en: "Checks two features of store.json: features.live_streaming switched on (enabled true, or the flag itself true) without WeChat's official live plugin (official_plugin not true) and without an approved 社交 > 直播 fires; features.tipping (打赏 between users) true without any approved 社交 category (社交 > 直播, 笔记, 社区/论坛 …, since tipping is only allowed as part of a social service) fires too. Without categories.json nothing is judged.",
    },
    why: Doc {
        zh: "自建直播属于「提供在线直播等服务」，需要 社交 > 直播 类目和《信息网络传播视听节目许可证》等资质；商家用微信官方直播组件则不需要。用户之间打赏属于社交红包玩法，只能作为社交服务的一部分提供，没有社交类目时审核会以涉及社交红包/打赏为由驳回。",
        en: "A self-built live stream is 「提供在线直播等服务」, which needs 社交 > 直播 and a 信息网络传播视听节目许可证 or equivalent; merchants using WeChat's official live plugin do not. Tipping between users is a 社交红包 (social red packet) play that may only come as part of a social service, and without a social category review rejects it.",
    },
    fix: Doc {
        zh: "直播：改用微信官方小程序直播组件（在商城后台开启官方直播插件），或在 微信公众平台 → 设置 → 基本设置 → 服务类目 添加 社交 > 直播 并上传资质。打赏：在商城后台关闭打赏功能，或先取得相应的 社交 类目。",
        en: "Live streaming: switch to WeChat's official mini program live plugin (in the store backend), or add 社交 > 直播 with its licence under mp.weixin.qq.com → Settings → Basic settings → Service categories. Tipping: switch it off in the store backend, or first obtain a 社交 category.",
    },
    example: r#"store.json: { "features": { "live_streaming": { "enabled": true, "official_plugin": false }, "tipping": true } }"#,
    source: "real rejections; 类目规范 (社交 > 直播)",
    check: Check::Native(check),
};

fn live(c: &CategoryInfo) -> bool {
    c.first == "社交" && c.second == "直播"
}

fn social(c: &CategoryInfo) -> bool {
    c.first == "社交"
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let Some(cov) = Coverage::of(cx) else {
        return;
    };
    let f = &store.features;
    if f.live_streaming == Some(true)
        && f.live_official_plugin != Some(true)
        && !cov.approves_any(live)
    {
        let (nz, ne) = pending_note(cov.pending_where(live));
        out.push(
            RULE.diag(
                origin.at("/features/live_streaming"),
                format!("开启了直播，但没有使用微信官方直播组件，也没有已通过的 社交 > 直播 类目{nz}"),
                format!("live streaming is on without WeChat's official live plugin and without an approved 社交 > 直播{ne}"),
            )
            .with_label("需要 社交 > 直播", "needs 社交 > 直播")
            .with_help(
                "改用微信官方小程序直播组件（商城后台开启官方直播插件，official_plugin），或在 微信公众平台 → 设置 → 基本设置 → 服务类目 添加 社交 > 直播 并上传《信息网络传播视听节目许可证》等资质。",
                "Switch to WeChat's official mini program live plugin (official_plugin, in the store backend), or add 社交 > 直播 with its licence (信息网络传播视听节目许可证 or equivalent) under mp.weixin.qq.com → Settings → Basic settings → Service categories.",
            ),
        );
    }
    if f.tipping == Some(true) && !cov.approves_any(social) {
        let (nz, ne) = pending_note(cov.pending_where(social));
        out.push(
            RULE.diag(
                origin.at("/features/tipping"),
                format!("开启了打赏（用户之间的社交红包玩法），但没有已通过的 社交 类目{nz}"),
                format!("tipping (a 社交红包 play between users) is on, but no 社交 category is approved{ne}"),
            )
            .with_label("打赏需要社交类目", "tipping needs a social category")
            .with_help(
                "在商城后台关闭打赏功能；确实需要时，先在 微信公众平台 → 设置 → 基本设置 → 服务类目 取得 社交 类目（如 社交 > 直播 或 社交 > 笔记）。",
                "Switch tipping off in the store backend; if it is really needed, first obtain a 社交 category (e.g. 社交 > 直播 or 社交 > 笔记) under mp.weixin.qq.com → Settings → Basic settings → Service categories.",
            ),
        );
    }
}
