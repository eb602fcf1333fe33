//! ACC008 avatar-invalid.

use crate::bundle::image::Avatar;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC008",
    name: "avatar-invalid",
    severity: Severity::Error,
    area: Area::Account,
    precondition: false,
    summary: Doc {
        zh: "头像文件缺失、不是 png/bmp/jpeg/gif 图片或超过 2 MB",
        en: "The avatar file is missing, not a png/bmp/jpeg/gif image, or over 2 MB",
    },
    what: Doc {
        zh: "mini_program.avatar 填写了包内文件路径时，检查该文件是否存在，按文件内容（而不是扩展名）判断是否为 PNG、JPEG、GIF 或 BMP（例如名为 avatar.png、实际是 SVG、WebP 或文本的文件会触发），以及大小是否超过 2 MB（2×1024×1024 字节）。填写的是网址（https:// 或 http://）时不下载、不判断；未填写头像是 ACC004 的事。",
        en: "When mini_program.avatar names a file in the bundle, checks that the file exists, that its content (not its extension) is PNG, JPEG, GIF or BMP (a file called avatar.png that is really SVG, WebP or text fires), and that it is at most 2 MB (2×1024×1024 bytes). A URL (https:// or http://) is not fetched and not judged; an avatar that is not set at all is ACC004's finding.",
    },
    why: Doc {
        zh: "微信公众平台上传头像时要求「图片格式必须为：png,bmp,jpeg,jpg,gif；不可大于2M」（seed 004），不符合的文件无法上传，基本信息也就无法完善。",
        en: "WeChat's avatar upload accepts only png, bmp, jpeg, jpg and gif files of at most 2 MB (「图片格式必须为：png,bmp,jpeg,jpg,gif；不可大于2M」, seed 004); any other file cannot be uploaded, so the basic information cannot be completed.",
    },
    fix: Doc {
        zh: "把头像另存为真正的 PNG（推荐）或 JPEG，压缩到 2 MB 以内，放进导出包并在 mini_program.avatar 中填写其路径；然后在 微信公众平台 → 首页 → 小程序信息 → 小程序头像 上传同一张图。",
        en: "Save the avatar as a real PNG (recommended) or JPEG under 2 MB, put it in the bundle and name it in mini_program.avatar; then upload the same picture under mp.weixin.qq.com → Home → Mini program information → 小程序头像.",
    },
    example: r#"store.json: { "mini_program": { "avatar": "avatar.png" } }   (avatar.png holds "<svg xmlns=…>")"#,
    source: "seed 004 (小程序头像)",
    check: Check::Native(check),
};

/// The upload limit of WeChat's avatar form.
const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// A size for messages: "2.5 MB", "812 KB", "97 bytes".
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(store), Some(avatar)) = (cx.bundle.store.get(), &cx.bundle.avatar) else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let value = store.mini_program.avatar.as_deref().unwrap_or("");
    let at = origin.at("/mini_program/avatar");
    match avatar {
        // Not fetched offline: nothing to judge.
        Avatar::Url(_) => {}
        Avatar::Missing { .. } => out.push(
            RULE.diag(
                at,
                format!("头像文件「{value}」在导出包中不存在或无法读取"),
                format!(
                    "the avatar file \"{value}\" does not exist in the bundle or cannot be read"
                ),
            )
            .with_label("找不到文件", "file not found"),
        ),
        Avatar::File(info) => {
            let mut zh = Vec::new();
            let mut en = Vec::new();
            if info.format.is_none() {
                zh.push(format!(
                    "头像文件「{value}」的内容不是 PNG、JPEG、GIF 或 BMP 图片（按文件内容判断，与扩展名无关）"
                ));
                en.push(format!(
                    "the avatar file \"{value}\" is not a PNG, JPEG, GIF or BMP image by its content (whatever its extension says)"
                ));
            }
            if info.bytes > MAX_BYTES {
                zh.push(format!(
                    "头像文件「{value}」有 {}，超过 2 MB 上限",
                    size(info.bytes)
                ));
                en.push(format!(
                    "the avatar file \"{value}\" is {}, over the 2 MB limit",
                    size(info.bytes)
                ));
            }
            if zh.is_empty() {
                return;
            }
            let label = match (info.format.is_none(), info.bytes > MAX_BYTES) {
                (true, true) => ("不是图片且超过 2 MB", "not an image, over 2 MB"),
                (true, false) => ("不是 png/bmp/jpeg/gif", "not png/bmp/jpeg/gif"),
                _ => ("超过 2 MB", "over 2 MB"),
            };
            out.push(
                RULE.diag(at, zh.join("；"), en.join("; "))
                    .with_label(label.0, label.1),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(97), "97 bytes");
        assert_eq!(size(2 * 1024 * 1024 + 512 * 1024), "2.5 MB");
        assert_eq!(size(812 * 1024 + 3), "812 KB");
    }
}
