//! CNT002 induced-sharing.

use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::knowledge::WordList;
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "CNT002",
    name: "induced-sharing",
    severity: Severity::Error,
    area: Area::Content,
    precondition: false,
    summary: Doc {
        zh: "诱导分享：分享后解锁 / 分享领奖励，或要求分享朋友圈",
        en: "Induced sharing: share to unlock or for a reward, or share-to-Moments wording",
    },
    what: Doc {
        zh: "在小程序名称和简介、提审描述、在售商品的标题和描述、首页（所有装修组件的文字和 homepage.html）以及优惠券标题中查找：① 本身就是诱导分享的说法（分享朋友圈、转发朋友圈、朋友圈集赞、集赞、分享解锁、分享领取、转发领红包、好友助力、邀请有礼 …，rules/words-content.toml 的 [words.cnt_induced_sharing]）；② 同一句话（以。！？；或换行分句）中先出现分享动作（分享、转发、邀请好友、发给好友 …，[words.cnt_share_actions]），其后 12 个字以内出现奖励或解锁（领取、即可领、红包、现金、返现、解锁、奖励、抽奖机会 …，[words.cnt_share_rewards]），如「分享到3个群即可领取」「转发给好友领红包」「邀请好友助力解锁」。好物分享、晒单分享等名词用法先被去掉。每段文字的每个说法报告一次；同一段文字已命中①时不再按②报告。",
        en: "Looks in the mini program's name and description, the submission description, on-sale products' titles and descriptions, the homepage (every decoration component's text and homepage.html) and coupon titles for (1) phrases that are induced sharing by themselves (分享朋友圈, 转发朋友圈, 朋友圈集赞, 集赞, 分享解锁, 分享领取, 转发领红包, 好友助力, 邀请有礼 …: [words.cnt_induced_sharing] in rules/words-content.toml), and (2) a sentence (split at 。！？； and line breaks) in which a sharing action (分享, 转发, 邀请好友, 发给好友 …: [words.cnt_share_actions]) is followed, at most 12 characters later, by a reward or an unlock (领取, 即可领, 红包, 现金, 返现, 解锁, 奖励, 抽奖机会 …: [words.cnt_share_rewards]), as in 分享到3个群即可领取, 转发给好友领红包, 邀请好友助力解锁. Noun uses such as 好物分享 and 晒单分享 are removed first. Each phrase is reported once per text; a text that already has a phrase of (1) is not also reported for (2).",
    },
    why: Doc {
        zh: "《运营规范》5.1 禁止诱导分享：不得要求用户分享后才可操作（5.1.1 强制分享，如分享后解锁），不得以利益诱导分享（5.1.2 利诱分享，如分享后获得现金、红包、实物或抽奖机会），也不得含有明示或暗示用户分享的文案；《常见拒绝情形》3.2.1 对诱导分享、含明示或暗示分享文案的小程序一律拒绝。朋友圈集赞、分享到群领奖是最常见的驳回原因之一，上线后被发现还会被限制分享能力甚至封禁。",
        en: "Operating rules 5.1 forbid induced sharing: no action may require sharing first (5.1.1, e.g. share to unlock), no reward may be offered for sharing (5.1.2: cash, red packets, goods or lottery chances), and no text may tell or hint users to share; common rejection reasons 3.2.1 reject any mini program with such wording or buttons. Collecting likes on Moments and share-to-a-group-for-a-reward are among the most frequent rejections, and after launch they lead to restricted sharing or a ban.",
    },
    fix: Doc {
        zh: "删除分享换奖励、分享后解锁和分享朋友圈的文案与活动（分享按钮可以保留，但不能与奖励或解锁挂钩）：商品在商城后台 商品 → 商品列表 中编辑，首页在 店铺 → 店铺装修 中修改，相关营销插件（裂变拆红包、社交送礼、一键发圈等）在 应用 中关闭。",
        en: "Remove the share-for-reward, share-to-unlock and share-to-Moments wording and campaigns (a share button may stay, but must not be tied to a reward or an unlock): edit products in the store backend under Products → Product list, the homepage under Shop → Shop decoration, and switch off the marketing plug-ins concerned (裂变拆红包, 社交送礼, 一键发圈 …) under Apps.",
    },
    example: r#"{ "components": [ { "type": "notice", "text": "分享到3个群即可领取10元无门槛券" } ] }"#,
    source: "运营规范 5.1; 常见拒绝情形 3.2.1",
    check: Check::Native(check),
};

/// Characters allowed between the end of a sharing action and its reward.
const MAX_GAP: usize = 12;

/// Where sentences end.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '；', ';', '\n'];

/// A sharing action followed closely by a reward in one sentence of `text`.
fn share_for_reward<'l>(
    actions: &'l WordList,
    rewards: &'l WordList,
    text: &str,
) -> Option<(&'l str, &'l str)> {
    for sentence in text.split(SENTENCE_ENDS) {
        // Every occurrence of an action, the earliest (then longest) first:
        // 转发给好友 is 转发, not 发给好友.
        let mut hits = actions.matches(sentence);
        if hits.is_empty() {
            continue;
        }
        hits.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end - start)));
        let found_rewards = rewards.matches(sentence);
        for (_, end, action) in hits {
            let reward = rewards.longest(
                found_rewards
                    .iter()
                    .filter(|&&(s, _, _)| s >= end && sentence[end..s].chars().count() <= MAX_GAP)
                    .map(|m| m.2),
            );
            if let Some(reward) = reward {
                return Some((action, reward));
            }
        }
    }
    None
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let phrases = cx.knowledge.list("cnt_induced_sharing");
    let actions = cx.knowledge.list("cnt_share_actions");
    let rewards = cx.knowledge.list("cnt_share_rewards");
    for s in cx.content_texts() {
        let found = s.find_all(phrases);
        for term in &found {
            let term = s.as_written(term);
            let quote = s.quote(term);
            out.push(
                s.diag(
                    &RULE,
                    format!("{}「{quote}」含诱导分享的说法「{term}」", s.where_zh()),
                    format!(
                        "the {} \"{quote}\" induces sharing (\"{term}\")",
                        s.where_en()
                    ),
                )
                .with_label("诱导分享", "induced sharing"),
            );
        }
        if !found.is_empty() {
            continue;
        }
        if !s.may_occur(actions) {
            continue;
        }
        if let Some((action, reward)) = share_for_reward(actions, rewards, s.text) {
            let quote = s.quote(action);
            out.push(
                s.diag(
                    &RULE,
                    format!(
                        "{}「{quote}」以奖励或解锁诱导分享（「{action}」…「{reward}」）",
                        s.where_zh()
                    ),
                    format!(
                        "the {} \"{quote}\" offers a reward or an unlock for sharing (\"{action}\" … \"{reward}\")",
                        s.where_en()
                    ),
                )
                .with_label("分享换奖励", "reward for sharing"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Knowledge;

    fn hit(text: &str) -> Option<(String, String)> {
        let k = Knowledge::embedded().unwrap();
        share_for_reward(
            k.list("cnt_share_actions"),
            k.list("cnt_share_rewards"),
            text,
        )
        .map(|(a, r)| (a.to_string(), r.to_string()))
    }

    #[test]
    fn sharing_for_a_reward_is_found() {
        assert!(hit("分享到3个群即可领取10元券").is_some());
        assert_eq!(
            hit("转发给好友，好友下单你领现金"),
            Some(("转发".to_string(), "领现金".to_string()))
        );
        assert!(hit("邀请3位好友注册，即可免费领取猫粮一袋").is_some());
    }

    #[test]
    fn sharing_without_a_reward_is_not() {
        assert_eq!(hit("点击右上角可分享给好友"), None);
        // The reward is in another sentence.
        assert_eq!(hit("欢迎分享给好友。新人下单可领取优惠券"), None);
        // A noun use of 分享.
        assert_eq!(hit("好物分享：下单即可领取赠品"), None);
        // Too far apart.
        assert_eq!(
            hit("欢迎转发本店商品链接给身边养猫养狗的朋友们，新人下单领取优惠券"),
            None
        );
    }
}
