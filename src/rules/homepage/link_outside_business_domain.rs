//! HOME005 link-outside-business-domain.

use super::where_on_homepage;
use crate::bundle::Link;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "HOME005",
    name: "link-outside-business-domain",
    severity: Severity::Error,
    area: Area::Homepage,
    precondition: false,
    summary: Doc {
        zh: "首页链接或图片使用 http://，或链接到业务域名以外的网址",
        en: "A homepage link or image uses http://, or a link leaves the business domains",
    },
    what: Doc {
        zh: "检查首页（decoration.json 的所有组件和 homepage.html）的网址链接和图片：(1) 以 http:// 开头的链接或图片触发；(2) https:// 链接（包括 //host 开头的）的主机名不等于 store.json 中 domains.business（业务域名）任何一个的主机名时触发——只比较主机名，不看路径和端口，不区分大小写，子域名不算匹配（img.enisp.cn 不匹配 shop.enisp.cn）。图片可以放在任何 https 主机上；相对链接（如 homepage.html 中的 /pages/goods?id=p1001）按第一个业务域名解析，不触发；页面链接、商品链接、小程序链接是小程序内部跳转，不检查；tel:、mailto: 等其他协议不检查。store.json 缺失或无法读取时只做第 (1) 项；store.json 存在但没有配置业务域名时，每个 https 链接都在业务域名之外（业务域名本身的问题由 REV005 检查）。",
        en: "Checks the URL links and images of the homepage (every decoration.json component and homepage.html): (1) a link or image starting with http:// fires; (2) an https:// link (or one starting with //host) fires when its host is not the host of any entry of domains.business (业务域名) in store.json — hosts only, ignoring path and port and ASCII case; a subdomain does not match (img.enisp.cn is not shop.enisp.cn). Images may be on any https host; relative links (such as /pages/goods?id=p1001 in homepage.html) resolve against the first business domain and do not fire; page, product and mini-program links stay inside the mini program and are not judged, nor are other schemes (tel:, mailto: …). Without a readable store.json only check (1) runs; with a store.json that configures no business domain every https link is outside the business domains (the domains themselves are REV005's business).",
    },
    why: Doc {
        zh: "小程序只能用 web-view 打开已在 开发管理 → 开发设置 → 业务域名 中配置的 https 网址（seed 001 步骤六，运营规范 8 内嵌网页规范）；其他网址在小程序里打不开，审核人员点击后看到空白或报错，属于功能不可用（常见拒绝情形 3.3.1）。http:// 的链接和图片在 iOS 上无法加载。",
        en: "A mini program can only open, in a web-view, https addresses whose domain is configured under 开发管理 → 开发设置 → 业务域名 (seed 001 step 6; 运营规范 8 on embedded web pages). Any other address does not open: the reviewer taps it and gets a blank page or an error, an unusable feature (常见拒绝情形 3.3.1). http:// links and images do not load on iOS.",
    },
    fix: Doc {
        zh: "在商城后台 店铺 → 店铺装修 中把链接改成 https 的业务域名下的网址或小程序内的页面，把图片改为 https 地址；若确实要打开该网站，先在微信公众平台 开发管理 → 开发设置 → 业务域名 中添加该域名（需上传校验文件），并同步到 store.json 的 domains.business。",
        en: "In the store backend open Shop → Shop decoration and point the link at an https page on a business domain or at a page inside the mini program, and load images over https; if the site really must be opened, first add its domain under 开发管理 → 开发设置 → 业务域名 on mp.weixin.qq.com (it needs the verification file) and in domains.business.",
    },
    example: r#"store.json:      { "domains": { "business": ["https://shop.enisp.cn"] } }
decoration.json: { "components": [ { "type": "image", "image": "https://img.enisp.cn/a.jpg", "link": { "url": "https://www.taobao.com/shop/123" } } ] }"#,
    source: "seed 001 步骤六; 运营规范 8; 常见拒绝情形 3.3.1",
    check: Check::Native(check),
};

/// How a link or image address is reached.
#[derive(Debug, PartialEq, Eq)]
enum Target<'a> {
    Http,
    /// An https (or protocol-relative) address on this host (lowercase, no port).
    Https(String),
    /// A path on the page's own domain.
    Relative,
    /// Another scheme (tel:, mailto:, data: …).
    Other(&'a str),
}

fn target(url: &str) -> Target<'_> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") {
        return Target::Http;
    }
    let rest = if lower.starts_with("https://") {
        &url["https://".len()..]
    } else if let Some(rest) = url.strip_prefix("//") {
        rest
    } else {
        let scheme_end = url.find(':');
        let path_start = url.find(['/', '?', '#']);
        return match (scheme_end, path_start) {
            (Some(c), Some(p)) if c < p => Target::Other(&url[..c]),
            (Some(c), None) => Target::Other(&url[..c]),
            _ => Target::Relative,
        };
    };
    Target::Https(host(rest))
}

/// The host of `authority[/path…]`: no user info, no port, lowercase, no trailing dot.
fn host(rest: &str) -> String {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if authority.starts_with('[') {
        authority
            .split(']')
            .next()
            .map_or(authority.to_string(), |h| format!("{h}]"))
    } else {
        authority.split(':').next().unwrap_or("").to_string()
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// The host of a configured business domain (`https://shop.enisp.cn`, or a bare host).
fn business_host(domain: &str) -> String {
    let d = domain.trim();
    let rest = match d.find("://") {
        Some(i) => &d[i + 3..],
        None => d,
    };
    host(rest)
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // None: store.json missing or unreadable, or the domains unknown (a
    // platform export without store.json: REV005 says so), hosts cannot be judged.
    let known = |s: &&crate::bundle::StoreInfo| {
        !s.origin
            .as_ref()
            .is_some_and(|o| cx.bundle.is_unknown(&o.at("/domains/business")))
    };
    let business: Option<Vec<String>> = cx.bundle.store.get().filter(known).map(|s| {
        s.domains
            .business
            .iter()
            .map(|d| business_host(d))
            .filter(|h| !h.is_empty())
            .collect()
    });
    for (kind, link) in cx.homepage_links() {
        let Link::Url(url) = &link.value else {
            continue;
        };
        let (wz, we) = where_on_homepage(kind);
        match target(url) {
            Target::Http => out.push(
                RULE.diag(
                    link.place.whole(),
                    format!("{wz}的链接 {url} 使用了不安全的 http://，小程序中无法打开"),
                    format!("the {we} link {url} uses insecure http:// and cannot be opened in the mini program"),
                )
                .with_label("http 链接", "http link"),
            ),
            Target::Https(host) => {
                let Some(business) = &business else {
                    continue;
                };
                if business.contains(&host) {
                    continue;
                }
                let (nz, ne) = if business.is_empty() {
                    (
                        "，但没有配置任何业务域名（domains.business）".to_string(),
                        "but no business domain is configured (domains.business)".to_string(),
                    )
                } else {
                    (
                        format!("，不是业务域名（{}）", business.join("、")),
                        format!("which is not a business domain ({})", business.join(", ")),
                    )
                };
                out.push(
                    RULE.diag(
                        link.place.whole(),
                        format!("{wz}的链接 {url} 的域名是 {host}{nz}，小程序中无法打开"),
                        format!("the {we} link {url} goes to {host}, {ne}, so the mini program cannot open it"),
                    )
                    .with_label("业务域名之外", "outside the business domains"),
                );
            }
            Target::Relative | Target::Other(_) => {}
        }
    }
    for (kind, image) in cx.homepage_images() {
        if target(&image.value) == Target::Http {
            let (wz, we) = where_on_homepage(kind);
            out.push(
                RULE.diag(
                    image.place.whole(),
                    format!("{wz}的图片 {} 使用了不安全的 http://，iOS 上无法显示", image.value),
                    format!("the {we} image {} is loaded over insecure http:// and does not show on iOS", image.value),
                )
                .with_label("http 图片", "http image"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_classified() {
        assert_eq!(target("http://shop.enisp.cn/a"), Target::Http);
        assert_eq!(target("HTTP://x.cn"), Target::Http);
        assert_eq!(
            target("https://User@Shop.Enisp.cn:8443/about?x=1"),
            Target::Https("shop.enisp.cn".into())
        );
        assert_eq!(
            target("//img.enisp.cn/a.jpg"),
            Target::Https("img.enisp.cn".into())
        );
        assert_eq!(
            target("https://shop.enisp.cn."),
            Target::Https("shop.enisp.cn".into())
        );
        assert_eq!(target("/pages/goods?id=p1001"), Target::Relative);
        assert_eq!(target("about.html?a=b:c"), Target::Relative);
        assert_eq!(target("tel:4008001234"), Target::Other("tel"));
        assert_eq!(target("mailto:a@b.cn"), Target::Other("mailto"));
        assert_eq!(business_host("https://shop.enisp.cn/"), "shop.enisp.cn");
        assert_eq!(business_host("shop.enisp.cn"), "shop.enisp.cn");
    }
}
