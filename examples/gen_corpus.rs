//! Writes a corpus of realistic store bundles for benchmarks:
//!
//!     cargo run --release --example gen_corpus -- N OUT_DIR [SEED]
//!
//! Sizes are mixed like a SaaS platform's: most stores have tens of
//! products, a quarter hundreds, a few thousands. Every store has a
//! decoration, a third a rendered homepage.html too, and about one in five
//! carries a problem that a rule reports (prepaid recharge on, unpriced
//! products, a recharge coupon, the wrong service category, a login wall).

use std::path::Path;

use serde_json::{json, Value};

/// A small deterministic generator (xorshift64*), so corpora are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const PET: &[&str] = &[
    "全价猫粮",
    "幼犬狗粮",
    "豆腐猫砂",
    "宠物牵引绳",
    "逗猫棒",
    "猫爬架",
    "宠物沐浴露",
    "狗狗磨牙棒",
    "猫咪冻干",
    "宠物饮水机",
];
const HOME: &[&str] = &[
    "纯棉床单",
    "羽绒被",
    "记忆枕",
    "收纳箱",
    "陶瓷餐具",
    "不粘锅",
    "浴巾",
    "窗帘",
    "毛巾",
    "四件套",
];
const FOOD: &[&str] = &[
    "坚果礼盒",
    "手工饼干",
    "红茶",
    "挂耳咖啡",
    "蜂蜜",
    "牛肉干",
    "燕麦片",
    "果干",
    "辣酱",
    "月饼",
];
const ADJ: &[&str] = &[
    "经典款",
    "加厚",
    "家庭装",
    "升级版",
    "大容量",
    "便携",
    "新款",
    "组合装",
];

fn store(rng: &mut Rng, i: usize, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (vocab, category, shop) = match rng.below(3) {
        0 => (PET, ("商家自营", "宠物食品/用品"), "宠物用品"),
        1 => (HOME, ("商家自营", "家居家纺"), "家居家纺"),
        _ => (FOOD, ("商家自营", "食品饮料"), "食品"),
    };
    let problem = rng.below(5) == 0;
    let kind = rng.below(5);
    let n = match rng.below(100) {
        0..=69 => 10 + rng.below(90),
        70..=94 => 100 + rng.below(900),
        _ => 1000 + rng.below(2000),
    } as usize;
    let name = format!("优选{i:05}{shop}");
    let appid = format!("wx{:016x}", rng.next());
    let login = problem && kind == 4;
    let store = json!({
        "mini_program": {
            "name": name, "appid": appid, "original_id": format!("gh_{:012x}", rng.next() >> 16),
            "app_secret": format!("{:016x}{:016x}", rng.next(), rng.next()),
            "description": format!("{name}在线选购{shop}，正品保障，全国配送。"),
            "avatar": "https://img.example.cn/logo.png",
            "principal": { "name": format!("示例贸易{i}有限公司"), "type": "enterprise" },
            "certification": "certified", "filing": "approved", "basic_info": "approved"
        },
        "authorization": { "authorized": true, "platform": "示例平台", "permissions": ["帐号管理权限", "开发管理与数据分析权限"] },
        "customer_service": { "mode": "builtin", "agents": ["kefu_a", "kefu_b"] },
        "domains": { "request": ["https://shop.example.cn"], "business": ["https://shop.example.cn"] },
        "privacy": { "declared": [ { "key": "UserInfo", "purpose": "用于创建会员账号并展示头像和昵称" } ], "used": ["UserInfo"] },
        "features": { "multi_merchant": false, "public_reviews": false, "distribution_levels": 1, "lottery": false },
        "access": { "login_required": login, "review_account": { "username": "shenhe01", "password": "pass1234" } },
        "submission": { "version": "1.0.0", "category": format!("{} > {}", category.0, category.1), "title": name, "tags": [shop], "description": format!("{name}在线商城") }
    });
    let approved = if problem && kind == 3 {
        ("商家自营", "3C数码")
    } else {
        category
    };
    let categories = json!({
        "service_categories": [ { "first": approved.0, "second": approved.1, "status": "approved" } ],
        "qualifications": ["食品经营许可证"],
        "shop_categories": [ { "id": "c1", "name": shop, "parent": null } ]
    });
    let products: Vec<Value> = (0..n)
        .map(|p| {
            let unpriced = problem && kind == 1 && p.is_multiple_of(50);
            let price = 10 + rng.below(500);
            let mut product = json!({
                "id": format!("p{p}"),
                "title": format!("{} {} {}号", rng.pick(vocab), rng.pick(ADJ), p),
                "status": if p.is_multiple_of(17) { "off_shelf" } else { "on_sale" },
                "price": if unpriced { String::new() } else { format!("{price}.00") },
                "market_price": format!("{}.00", price + 10 + rng.below(100)),
                "stock": 1 + rng.below(500),
                "category_id": "c1",
                "images": [format!("https://img.example.cn/{i}/{p}.jpg")],
                "description": format!("{}，精选材料，品质保障，支持七天无理由退货。", rng.pick(vocab)),
            });
            if p.is_multiple_of(5) {
                product["skus"] = json!([
                    { "id": format!("p{p}-a"), "price": format!("{price}.00"), "market_price": format!("{}.00", price + 20), "stock": 10 },
                    { "id": format!("p{p}-b"), "price": format!("{}.00", price + 5), "market_price": format!("{}.00", price + 30), "stock": 5 }
                ]);
            }
            product
        })
        .collect();
    let on_sale: Vec<String> = (0..n.min(8))
        .filter(|p| !p.is_multiple_of(17))
        .map(|p| format!("p{p}"))
        .collect();
    let decoration = json!({
        "title": name, "template": "custom",
        "components": [
            { "type": "search", "placeholder": format!("搜索{shop}") },
            { "type": "banner", "items": [ { "image": format!("https://img.example.cn/{i}/b1.jpg"), "link": { "product": on_sale[0] } } ] },
            { "type": "nav", "items": [ { "text": shop, "image": "https://img.example.cn/n.png", "link": { "page": "pages/category?id=c1" } } ] },
            { "type": "goods", "title": "热销推荐", "products": on_sale },
            { "type": "coupon", "coupons": ["k1"] },
            { "type": "notice", "text": "新店开业，满99包邮" }
        ]
    });
    let payment = json!({
        "wechat_pay": { "enabled": true, "mch_id": format!("{}", 1_600_000_000 + rng.below(99_999_999)), "appid": appid,
            "key_version": "v3", "api_v3_key": format!("{:016x}{:016x}", rng.next(), rng.next()),
            "cert_serial": format!("{:016X}{:016X}{:08X}", rng.next(), rng.next(), rng.below(u32::MAX as u64)), "cert_expires": "2030-01-01" },
        "finance": { "prepaid_recharge": problem && kind == 0, "balance_payment": false }
    });
    let coupons = json!({ "coupons": [
        { "id": "k1", "title": "满199减20", "kind": "discount", "status": "active" },
        { "id": "k2", "title": if problem && kind == 2 { "充值100送20" } else { "新人券" }, "kind": "newcomer", "status": "active" }
    ]});
    let write = |file: &str, v: &Value| -> std::io::Result<()> {
        let mut s = serde_json::to_string_pretty(v).map_err(std::io::Error::other)?;
        s.push('\n');
        std::fs::write(dir.join(file), s)
    };
    write("store.json", &store)?;
    write("categories.json", &categories)?;
    write("products.json", &json!({ "products": products }))?;
    write("decoration.json", &decoration)?;
    write("payment.json", &payment)?;
    write("coupons.json", &coupons)?;
    if i.is_multiple_of(3) {
        let items: String = (0..n.min(40))
            .map(|p| {
                format!(
                    "    <li><a href=\"/pages/goods?id=p{p}\">{} {p}号</a></li>\n",
                    rng.pick(vocab)
                )
            })
            .collect();
        std::fs::write(
            dir.join("homepage.html"),
            format!("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{name}</title></head>\n<body>\n  <h1>{name}</h1>\n  <img src=\"https://img.example.cn/{i}/b1.jpg\">\n  <ul>\n{items}  </ul>\n</body></html>\n"),
        )?;
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus N OUT_DIR [SEED]");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("N is a number");
    let out = Path::new(&args[2]);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20261122);
    let mut rng = Rng(seed | 1);
    for i in 0..n {
        // Stores spread over sub-directories, as platforms keep them.
        let dir = out
            .join(format!("{:03}", i / 100))
            .join(format!("store-{i:05}"));
        if let Err(e) = store(&mut rng, i, &dir) {
            eprintln!("gen_corpus: {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
}
