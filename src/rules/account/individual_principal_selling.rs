//! ACC011 individual-principal-selling.

use crate::bundle::Product;
use crate::diagnostic::{Diagnostic, Doc, Severity};
use crate::rules::category::{is_service, name_products};
use crate::rules::{Area, Check, Context, Rule};

pub static RULE: Rule = Rule {
    code: "ACC011",
    name: "individual-principal-selling",
    severity: Severity::Error,
    area: Area::Account,
    precondition: false,
    summary: Doc {
        zh: "个人主体的小程序在卖商品",
        en: "A mini program of an individual (个人主体) sells goods",
    },
    what: Doc {
        zh: "mini_program.principal.type 为 individual（个人）时，检查商城是否在卖商品：有在售商品即触发；没有在售商品但已开启微信支付且有其他（草稿、下架）商品时也触发。按 rules/categories.toml 关键词判断为服务类目的商品（如 家政、丽人 预约）不算商品，因为个人主体可以选这类服务类目。",
        en: "When mini_program.principal.type is `individual`, checks whether the store sells goods: any on-sale product fires; with nothing on sale, WeChat Pay switched on together with other (draft, off-shelf) products fires too. Products that the keywords of rules/categories.toml place in a service category (家政, 丽人 bookings …) are not goods, since an individual may hold such service categories.",
    },
    why: Doc {
        zh: "个人主体小程序开放的服务类目只有查件、教育、代驾、丽人、婚庆、家政、餐厅排队等少数服务，没有任何 商家自营 或 电商平台 类目（个人主体服务类目表），也开不了微信支付；个人主体的商城无法选到与商品相符的类目，审核必然驳回。",
        en: "The service categories open to individuals are a handful of services (parcel tracking, education, chauffeur, beauty, weddings, housekeeping, restaurant queueing …) with no 商家自营 or 电商平台 category at all (类目规范, individual list), and individuals cannot get WeChat Pay; a store of an individual can never hold a category that fits its goods, so review rejects it.",
    },
    fix: Doc {
        zh: "用企业或个体工商户主体开店：注册企业主体的小程序（或通过 微信公众平台 → 设置 → 基本设置 → 主体信息 → 小程序迁移 把小程序迁移到企业/个体工商户主体），完成微信认证后再添加 商家自营 类目；个人主体只能提供个人类目表中的服务。",
        en: "Open the store under a company or 个体工商户 (sole trader): register a mini program for that subject (or move this one under mp.weixin.qq.com → Settings → Basic settings → 主体信息 → 小程序迁移), get it certified, then add a 商家自营 category; an individual's mini program can only offer the services of the individual category list.",
    },
    example: r#"store.json:    { "mini_program": { "principal": { "name": "张三", "type": "individual" } } }
products.json: { "products": [ { "id": "p1", "title": "全价猫粮 2kg", "status": "on_sale" } ] }"#,
    source: "类目规范 (个人主体小程序开放的服务类目)",
    check: Check::Native(check),
};

fn is_individual(t: &str) -> bool {
    t.eq_ignore_ascii_case("individual") || t == "个人"
}

fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(store) = cx.bundle.store.get() else {
        return;
    };
    let Some(origin) = &store.origin else { return };
    let Some(kind) = store.mini_program.principal_type.as_deref() else {
        return;
    };
    if !is_individual(kind) {
        return;
    }
    let Some(products) = cx.bundle.products.get() else {
        return;
    };
    let on_sale: Vec<&Product> = products
        .items
        .iter()
        .filter(|p| p.on_sale() && !is_service(cx, p))
        .collect();
    let pay_on = cx
        .bundle
        .payment
        .get()
        .is_some_and(|p| p.wechat_pay.enabled == Some(true));
    let (zh, en) = if !on_sale.is_empty() {
        let (names, names_en) = name_products(&on_sale, 3);
        let (pz, pe) = if pay_on {
            ("，并已开启微信支付", ", with WeChat Pay switched on")
        } else {
            ("", "")
        };
        (
            format!("小程序主体为个人（individual），却在售商品：{names}{pz}；个人主体没有可售卖商品的服务类目"),
            format!("the mini program belongs to an individual, yet it sells {names_en}{pe}; no service category open to individuals allows selling goods"),
        )
    } else {
        let listed: Vec<&Product> = products
            .items
            .iter()
            .filter(|p| p.status.as_deref() != Some("deleted") && !is_service(cx, p))
            .collect();
        if !pay_on || listed.is_empty() {
            return;
        }
        let (names, names_en) = name_products(&listed, 3);
        (
            format!("小程序主体为个人（individual），却开启了微信支付并上传了商品：{names}；个人主体没有可售卖商品的服务类目"),
            format!("the mini program belongs to an individual, yet WeChat Pay is on and the store holds products: {names_en}; no service category open to individuals allows selling goods"),
        )
    };
    out.push(
        RULE.diag(origin.at("/mini_program/principal/type"), zh, en)
            .with_label("个人主体", "individual"),
    );
}
