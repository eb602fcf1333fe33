//! ACC009 avatar-not-square.

use crate::bundle::image::Avatar;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC009",
    name: "avatar-not-square",
    severity: Severity::Warning,
    area: Area::Account,
    precondition: false,
    summary: Doc {
        zh: "头像不是正方形或小于 144×144",
        en: "The avatar is not square or smaller than 144×144",
    },
    what: Doc {
        zh: "mini_program.avatar 指向包内的 PNG、JPEG、GIF 或 BMP 文件时，读取其宽高：宽高不相等，或任一边小于 144 像素时提示。网址形式的头像、读不出尺寸或不是图片的文件（ACC008）不判断。",
        en: "When mini_program.avatar names a PNG, JPEG, GIF or BMP file in the bundle, reads its width and height and warns when they differ or either is below 144 pixels. URL avatars, files whose size cannot be read and files that are not images (ACC008) are not judged.",
    },
    why: Doc {
        zh: "微信建议头像尺寸为 144px×144px（seed 004），头像以圆形显示，非正方形的图会被裁切或拉伸；过小的图清晰度不够，审核对「头像 logo 清晰度不够」不予通过（常见拒绝情形 1.2.2）。",
        en: "WeChat recommends a 144×144 px avatar (seed 004) and shows it as a circle, so a non-square picture is cropped or stretched; a too small one is blurred, and an avatar that cannot be made out is rejected (常见拒绝情形 1.2.2).",
    },
    fix: Doc {
        zh: "把头像裁成正方形，导出为至少 144×144 像素（可更大，如 512×512）的 PNG，替换导出包中的文件，并在 微信公众平台 → 首页 → 小程序信息 → 小程序头像 重新上传。",
        en: "Crop the avatar to a square and export it as a PNG of at least 144×144 pixels (larger is fine, e.g. 512×512), replace the bundle's file and upload it again under mp.weixin.qq.com → Home → Mini program information → 小程序头像.",
    },
    example: r#"store.json: { "mini_program": { "avatar": "avatar.png" } }   (avatar.png is a 200×100 PNG)"#,
    source: "seed 004 (小程序头像: 建议图片尺寸为144px*144px); 常见拒绝情形 1.2.2",
    check: Check::Native(check),
};

/// WeChat's recommended avatar size.
const MIN_SIDE: u32 = 144;

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(store), Some(Avatar::File(info))) = (cx.bundle.store.get(), &cx.bundle.avatar) else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let (Some(_), Some(w), Some(h)) = (info.format, info.width, info.height) else {
        return;
    };
    let value = store.mini_program.avatar.as_deref().unwrap_or("");
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if w != h {
        zh.push("不是正方形".to_string());
        en.push("not square".to_string());
    }
    if w.min(h) < MIN_SIDE {
        zh.push(format!("小于建议的 {MIN_SIDE}×{MIN_SIDE}"));
        en.push(format!(
            "smaller than the recommended {MIN_SIDE}×{MIN_SIDE}"
        ));
    }
    if zh.is_empty() {
        return;
    }
    out.push(
        RULE.diag(
            origin.at("/mini_program/avatar"),
            format!("头像「{value}」为 {w}×{h} 像素，{}", zh.join("，且")),
            format!(
                "the avatar \"{value}\" is {w}×{h} pixels: {}",
                en.join(", and ")
            ),
        )
        .with_label(format!("{w}×{h}"), format!("{w}×{h}")),
    );
}
