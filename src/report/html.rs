//! `--format html`: one self-contained page for support staff — no network,
//! CSS and script inline, readable on a phone, printable.
//!
//! One store: the verdict (可以提交审核 / 暂不能提交审核) with its counts,
//! the list of what to fix (most severe first), then the findings grouped by
//! area, each with a source excerpt (secrets masked, the value highlighted)
//! and the fix. A batch: totals, a bar chart of the most frequent rules, a
//! sortable and filterable table of the stores, and each store's details in
//! a collapsed `<details>`.
//!
//! Every text that comes from a bundle is escaped by [`esc`]. No data is
//! embedded for the script: it reads the table's `data-*` attributes. The
//! Content-Security-Policy allows no network at all and only the page's own
//! script, by hash, so even a mistake in escaping could not run a script.

use std::collections::HashMap;
use std::fmt::Write;

use super::Run;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::engine::{Counts, StoreResult};
use crate::rules::{Area, Rule};

const CSS: &str = include_str!("html.css");
const JS: &str = include_str!("html.js");

/// Areas in the order the report shows them: an unreadable file first, then
/// the order of the store backend.
const AREAS: [Area; 8] = [
    Area::Input,
    Area::Account,
    Area::Category,
    Area::Product,
    Area::Homepage,
    Area::Payment,
    Area::Review,
    Area::Content,
];

/// Longest excerpt line shown, in characters; longer lines are cut around the value.
const MAX_COLS: usize = 120;
/// Characters kept before the value when a long line is cut.
const LEAD_COLS: usize = 36;
/// Lines of a multi-line value shown before "…".
const MAX_MARKED_LINES: usize = 4;
/// How far the excerpt looks for a line break; beyond it a line counts as cut.
const SCAN_BYTES: usize = 2048;
/// Bars in the batch chart.
const CHART_BARS: usize = 10;

/// The page's words, in the two languages.
struct Ui {
    lang: &'static str,
    title: &'static str,
    ready: &'static str,
    not_ready: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    errors: &'static str,
    warnings: &'static str,
    infos: &'static str,
    /// `{n}` errors.
    must_fix: &'static str,
    /// `{n}` warnings.
    should_fix: &'static str,
    clean: &'static str,
    todo: &'static str,
    fix: &'static str,
    no_name: &'static str,
    store: &'static str,
    status: &'static str,
    top_rules: &'static str,
    /// `{s}` stores, `{n}` findings.
    bar_text: &'static str,
    chart_note: &'static str,
    stores: &'static str,
    all: &'static str,
    all_rules: &'static str,
    search: &'static str,
    search_hint: &'static str,
    /// `{x}` shown of `{n}`.
    shown: &'static str,
    filtered_by: &'static str,
    none_match: &'static str,
    overview: &'static str,
    details: &'static str,
    main_problems: &'static str,
    /// `{n}` findings waived.
    waived: &'static str,
    /// `{file}`, `{known}`, `{fixed}`.
    baseline: &'static str,
    fixed_list: &'static str,
    no_stores: &'static str,
    /// `{n}` stores.
    n_stores: &'static str,
    sort_hint: &'static str,
    generated: &'static str,
}

const ZH: Ui = Ui {
    lang: "zh-CN",
    title: "提审检查报告",
    ready: "可以提交审核",
    not_ready: "暂不能提交审核",
    error: "错误",
    warning: "警告",
    info: "提示",
    errors: "错误",
    warnings: "警告",
    infos: "提示",
    must_fix: "有 {n} 个错误，改完才能提交审核。",
    should_fix: "没有错误；{n} 个警告建议在提交前处理。",
    clean: "没有发现问题。",
    todo: "要改的问题（最严重的在前）",
    fix: "修改方法",
    no_name: "（store.json 中没有名称）",
    store: "店铺",
    status: "状态",
    top_rules: "最常见的问题",
    bar_text: "{s} 个店铺 · {n} 处",
    chart_note: "按涉及的店铺数排列；点击一条规则即可筛选。",
    stores: "店铺",
    all: "全部",
    all_rules: "全部规则",
    search: "搜索",
    search_hint: "店铺名、路径或 AppID",
    shown: "显示 {x} / {n} 个店铺",
    filtered_by: "筛选：",
    none_match: "没有符合条件的店铺。",
    overview: "店铺一览",
    details: "店铺详情",
    main_problems: "主要问题",
    waived: "另有 {n} 个问题已在 preflight.toml 中豁免。",
    baseline: "基线 {file}：{known} 个已知问题未列出，{fixed} 个已修复。",
    fixed_list: "已修复的问题",
    no_stores: "没有找到店铺。",
    n_stores: "{n} 个店铺",
    sort_hint: "点击排序",
    generated: "由 preflight {v} 生成",
};

const EN: Ui = Ui {
    lang: "en",
    title: "Review readiness report",
    ready: "Ready to submit for review",
    not_ready: "Not ready to submit",
    error: "error",
    warning: "warning",
    info: "info",
    errors: "errors",
    warnings: "warnings",
    infos: "infos",
    must_fix: "{n} error(s) must be fixed before submitting for review.",
    should_fix: "No errors; {n} warning(s) are worth fixing before submitting.",
    clean: "No problems found.",
    todo: "What to fix, most severe first",
    fix: "How to fix",
    no_name: "(no name in store.json)",
    store: "Store",
    status: "Status",
    top_rules: "Most frequent problems",
    bar_text: "{s} stores · {n} findings",
    chart_note: "By number of stores affected; click a rule to filter.",
    stores: "stores",
    all: "All",
    all_rules: "All rules",
    search: "Search",
    search_hint: "store name, path or AppID",
    shown: "Showing {x} of {n} stores",
    filtered_by: "filter: ",
    none_match: "No store matches.",
    overview: "Stores",
    details: "Store details",
    main_problems: "Main problems",
    waived: "{n} more finding(s) waived in preflight.toml.",
    baseline: "Baseline {file}: {known} known finding(s) not shown, {fixed} fixed since.",
    fixed_list: "Fixed since the baseline",
    no_stores: "No store found.",
    n_stores: "{n} stores",
    sort_hint: "click to sort",
    generated: "generated by preflight {v}",
};

fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    esc_into(&mut out, s);
    out
}

fn esc_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// The report page.
pub fn render(run: &Run, lang: Lang) -> String {
    let t = ui(lang);
    let rules: HashMap<&str, &Rule> = run.rules.iter().map(|r| (r.code, *r)).collect();
    let batch = run.results.len() != 1;
    let mut body = String::with_capacity(64 * 1024);
    match run.results {
        [] => {
            let _ = write!(body, "<p class=\"empty\">{}</p>", t.no_stores);
        }
        [one] => single(&mut body, one, &rules, t, lang),
        many => overview(&mut body, many, &rules, t, lang),
    }
    if let Some(b) = run.baseline {
        baseline(&mut body, b, t);
    }

    let title = match run.results {
        [one] => format!(
            "{} — {}",
            one.bundle.name().unwrap_or(&one.bundle.path),
            t.title
        ),
        results => format!(
            "{} — {}",
            t.title,
            t.n_stores.replace("{n}", &results.len().to_string())
        ),
    };
    // Only the page's own script may run, and nothing may be fetched.
    let script_src = if batch {
        format!("'sha256-{}'", base64(&sha256(JS.as_bytes())))
    } else {
        "'none'".to_string()
    };
    let mut out = String::with_capacity(body.len() + CSS.len() + JS.len() + 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; script-src {script_src}; \
         base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"generator\" content=\"preflight {}\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body class=\"{}\">\n\
         <header class=\"top\"><span class=\"brand\">preflight</span> <span>{}</span></header>\n\
         <main>\n",
        t.lang,
        env!("CARGO_PKG_VERSION"),
        esc(&title),
        if batch { "batch" } else { "single" },
        t.title,
    );
    out.push_str(&body);
    let _ = write!(
        out,
        "</main>\n<footer>{}</footer>\n",
        t.generated.replace("{v}", env!("CARGO_PKG_VERSION"))
    );
    if batch {
        let _ = writeln!(out, "<script>{JS}</script>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A rule group of one store: the findings of one rule.
struct Group<'a> {
    code: &'static str,
    name: &'static str,
    area: Area,
    summary: Option<&'static str>,
    severity: Severity,
    diags: Vec<&'a Diagnostic>,
}

/// The store's findings by rule, each group's worst first, then by area.
fn groups<'a>(r: &'a StoreResult, rules: &HashMap<&str, &Rule>, lang: Lang) -> Vec<Group<'a>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for d in &r.diagnostics {
        let i = *index.entry(d.code).or_insert_with(|| {
            let rule = rules.get(d.code);
            groups.push(Group {
                code: d.code,
                name: d.name,
                area: rule.map_or(Area::Input, |r| r.area),
                summary: rule.map(|r| r.summary.get(lang)),
                severity: d.severity,
                diags: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.severity = g.severity.max(d.severity);
        g.diags.push(d);
    }
    for g in &mut groups {
        // Stable: the engine's order within one severity.
        g.diags.sort_by_key(|d| std::cmp::Reverse(d.severity));
    }
    groups.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(area_rank(a.area).cmp(&area_rank(b.area)))
            .then(a.code.cmp(b.code))
    });
    groups
}

fn area_rank(a: Area) -> usize {
    AREAS.iter().position(|x| *x == a).unwrap_or(AREAS.len())
}

fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

fn sev_word(s: Severity, t: &Ui) -> &'static str {
    match s {
        Severity::Error => t.error,
        Severity::Warning => t.warning,
        Severity::Info => t.info,
    }
}

fn single(out: &mut String, r: &StoreResult, rules: &HashMap<&str, &Rule>, t: &Ui, lang: Lang) {
    let _ = write!(out, "<section class=\"store-head\"><h1>");
    name_html(out, r, t);
    out.push_str("</h1>");
    meta_html(out, r);
    out.push_str("</section>\n");
    store_body(out, r, 0, rules, t, lang);
}

/// The store's name, or a note that it has none.
fn name_html(out: &mut String, r: &StoreResult, t: &Ui) {
    match r.bundle.name().filter(|n| !n.trim().is_empty()) {
        Some(n) => esc_into(out, n),
        None => {
            let _ = write!(out, "<span class=\"muted\">{}</span>", t.no_name);
        }
    }
}

fn meta_html(out: &mut String, r: &StoreResult) {
    out.push_str("<p class=\"meta\">");
    if let Some(a) = r.bundle.appid().filter(|a| !a.is_empty()) {
        out.push_str("<span>AppID <code>");
        esc_into(out, a);
        out.push_str("</code></span> ");
    }
    out.push_str("<span class=\"path\"><code>");
    esc_into(out, &r.bundle.path);
    out.push_str("</code></span></p>");
}

/// Verdict, what to fix, and the findings by area: the whole report of one store.
fn store_body(
    out: &mut String,
    r: &StoreResult,
    i: usize,
    rules: &HashMap<&str, &Rule>,
    t: &Ui,
    lang: Lang,
) {
    let c = r.counts;
    let (class, icon, word) = if r.ready() {
        ("ok", "✓", t.ready)
    } else {
        ("bad", "✗", t.not_ready)
    };
    let detail = if c.errors > 0 {
        t.must_fix.replace("{n}", &c.errors.to_string())
    } else if c.warnings > 0 {
        t.should_fix.replace("{n}", &c.warnings.to_string())
    } else {
        t.clean.to_string()
    };
    let _ = write!(
        out,
        "<section class=\"verdict {class}\"><div class=\"v-icon\" aria-hidden=\"true\">{icon}</div>\
         <div class=\"v-text\"><p class=\"v-word\">{word}</p><p class=\"v-detail\">{detail}</p>"
    );
    if r.waived > 0 {
        let _ = write!(
            out,
            "<p class=\"v-detail\">{}</p>",
            t.waived.replace("{n}", &r.waived.to_string())
        );
    }
    out.push_str("</div>");
    counts_html(out, c, t);
    out.push_str("</section>\n");

    let groups = groups(r, rules, lang);
    if groups.is_empty() {
        return;
    }
    let _ = write!(out, "<nav class=\"todo\"><h2>{}</h2><ol>", t.todo);
    for g in &groups {
        let _ = write!(
            out,
            "<li class=\"{sev}\"><a href=\"#s{i}-{code}\"><span class=\"sev {sev}\">{word}</span> \
             <code>{code}</code> <span class=\"t\">{summary}</span> \
             <span class=\"area\">{area}</span> <span class=\"n\">{n}{x}</span></a></li>",
            sev = sev_class(g.severity),
            word = sev_word(g.severity, t),
            code = esc(g.code),
            summary = esc(g.summary.unwrap_or(g.name)),
            area = g.area.title().get(lang),
            n = g.diags.len(),
            x = if lang == Lang::Zh { " 处" } else { "×" },
        );
    }
    out.push_str("</ol></nav>\n");

    for area in AREAS {
        let in_area: Vec<&Group> = groups.iter().filter(|g| g.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        let n: usize = in_area.iter().map(|g| g.diags.len()).sum();
        let _ = writeln!(
            out,
            "<section class=\"area\"><h2>{} <span class=\"n\">{n}</span></h2>",
            area.title().get(lang)
        );
        let mut sorted = in_area;
        sorted.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(b.code)));
        for g in sorted {
            group_html(out, i, g, t, lang);
        }
        out.push_str("</section>\n");
    }
}

fn counts_html(out: &mut String, c: Counts, t: &Ui) {
    let _ = write!(
        out,
        "<ul class=\"counts\">\
         <li class=\"error{}\"><b>{}</b> {}</li>\
         <li class=\"warning{}\"><b>{}</b> {}</li>\
         <li class=\"info{}\"><b>{}</b> {}</li></ul>",
        if c.errors == 0 { " zero" } else { "" },
        c.errors,
        t.errors,
        if c.warnings == 0 { " zero" } else { "" },
        c.warnings,
        t.warnings,
        if c.infos == 0 { " zero" } else { "" },
        c.infos,
        t.infos,
    );
}

fn group_html(out: &mut String, i: usize, g: &Group, t: &Ui, lang: Lang) {
    let sev = sev_class(g.severity);
    let _ = write!(
        out,
        "<article class=\"rule {sev}\" id=\"s{i}-{code}\"><header>\
         <span class=\"sev {sev}\">{word}</span> <code class=\"code\">{code}</code> \
         <span class=\"rname\">{name}</span> <span class=\"n\">{n}{x}</span>",
        code = esc(g.code),
        word = sev_word(g.severity, t),
        name = esc(g.name),
        n = g.diags.len(),
        x = if lang == Lang::Zh { " 处" } else { "×" },
    );
    if let Some(s) = g.summary {
        let _ = write!(out, "<p class=\"summary\">{}</p>", esc(s));
    }
    out.push_str("</header>\n");
    // One fix for the group when every finding has the same.
    let help = g.diags[0].help.get(lang);
    let shared = g.diags.iter().all(|d| d.help.get(lang) == help);
    if shared {
        fix_html(out, help, t, lang);
    }
    out.push_str("<ol class=\"finds\">");
    for d in &g.diags {
        out.push_str("<li>");
        if d.severity != g.severity {
            let _ = write!(
                out,
                "<span class=\"sev {}\">{}</span> ",
                sev_class(d.severity),
                sev_word(d.severity, t)
            );
        }
        out.push_str("<p class=\"msg\">");
        esc_into(out, d.message.get(lang));
        out.push_str("</p><p class=\"loc\"><code>");
        esc_into(out, &d.resolved.file);
        if let Some((l, c)) = d.resolved.start {
            let _ = write!(out, ":{l}:{c}");
        }
        out.push_str("</code>");
        if let Some(p) = &d.resolved.pointer {
            out.push_str(" <span class=\"ptr\">");
            esc_into(out, p);
            out.push_str("</span>");
        }
        out.push_str("</p>");
        // The lines the engine kept with the diagnostic, secrets masked
        // (the store's files are no longer in memory when a batch is rendered).
        if let Some(kept) = &d.resolved.excerpt {
            let label = d.label.as_ref().map(|l| l.get(lang));
            let first_line = d.resolved.start.map(|s| s.0);
            if let Some(ex) = excerpt(&kept.text, kept.span, first_line, label, d.severity) {
                out.push_str(&ex);
            }
        }
        if !shared {
            fix_html(out, d.help.get(lang), t, lang);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol></article>\n");
}

/// The fix, with admin menu paths (`销售 → 销售设置 → 财务设置`) set off.
fn fix_html(out: &mut String, help: &str, t: &Ui, lang: Lang) {
    if help.trim().is_empty() {
        return;
    }
    let _ = write!(out, "<div class=\"fix\"><b>{}</b> ", t.fix);
    menu_paths(out, help, lang);
    out.push_str("</div>\n");
}

/// Escapes `help`, wrapping each menu path in `<span class="menu">`. In
/// Chinese the path's steps are separated from the text by spaces or
/// punctuation; in English a step may have spaces, so only the arrows are
/// set off.
fn menu_paths(out: &mut String, help: &str, lang: Lang) {
    const ARROW: &str = " → ";
    let arrow = "<span class=\"arr\">→</span>";
    // Escaped text with its arrows set off.
    let arrows = |out: &mut String, text: &str| {
        for (i, part) in text.split(ARROW).enumerate() {
            if i > 0 {
                let _ = write!(out, " {arrow} ");
            }
            esc_into(out, part);
        }
    };
    if lang == Lang::En || !help.contains(ARROW) {
        arrows(out, help);
        return;
    }
    let is_break =
        |c: char| c.is_whitespace() || "，。、；：（）()【】「」,;:".contains(c) || c == '→';
    let mut rest = help;
    while let Some(pos) = rest.find(ARROW) {
        // The step before the first arrow: back to a break.
        let head = &rest[..pos];
        let start = head
            .char_indices()
            .rev()
            .find(|(_, c)| is_break(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        // "登录微信公众平台 → …", "名称在微信公众平台 → …": the words up to
        // the verb are not part of the path.
        let start = ["登录", "进入", "打开", "在", "以"]
            .iter()
            .filter_map(|v| head[start..].rfind(v).map(|i| start + i + v.len()))
            .filter(|&i| i < head.len())
            .max()
            .unwrap_or(start);
        let mut end = pos;
        // Follow the chain of arrows; each step ends at a break.
        loop {
            let after = end + ARROW.len();
            if !rest[end..].starts_with(ARROW) {
                break;
            }
            let step = rest[after..]
                .char_indices()
                .find(|(_, c)| is_break(*c))
                .map_or(rest.len(), |(i, _)| after + i);
            if step == after {
                break;
            }
            end = step;
        }
        if end == pos {
            // An arrow with nothing after it: plain text.
            esc_into(out, &rest[..pos + ARROW.len()]);
            rest = &rest[pos + ARROW.len()..];
            continue;
        }
        esc_into(out, &rest[..start]);
        out.push_str("<span class=\"menu\">");
        arrows(out, &rest[start..end]);
        out.push_str("</span>");
        rest = &rest[end..];
    }
    esc_into(out, rest);
}

/// Start of the line holding `at`, when a line break is near enough.
fn line_start(text: &str, at: usize) -> (usize, bool) {
    let from = floor_boundary(text, at.saturating_sub(SCAN_BYTES));
    match text[from..at].rfind('\n') {
        Some(i) => (from + i + 1, false),
        None if from == 0 => (0, false),
        None => (from, true),
    }
}

/// End of the line holding `at` (the line break's offset), when near enough.
fn line_end(text: &str, at: usize) -> (usize, bool) {
    let to = ceil_boundary(text, (at + SCAN_BYTES).min(text.len()));
    match text[at..to].find('\n') {
        Some(i) => (at + i, false),
        None if to == text.len() => (to, false),
        None => (to, true),
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A short excerpt of `text` around the byte range `span`: one line of context
/// either side, the value in `<mark>`, long lines cut around the value.
/// `first_line` is the 1-based line of the span's start when known.
fn excerpt(
    text: &str,
    span: (usize, usize),
    first_line: Option<usize>,
    label: Option<&str>,
    severity: Severity,
) -> Option<String> {
    let (s, e) = span;
    if s > e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return None;
    }
    let line_no = first_line
        .unwrap_or_else(|| 1 + text.as_bytes()[..s].iter().filter(|&&b| b == b'\n').count());

    // The lines to show: (start, end, 1-based number, cut on the left, cut on the right).
    let mut lines: Vec<(usize, usize, usize, bool, bool)> = Vec::new();
    let (ls, cut_left) = line_start(text, s);
    // One line of context before, when the line above is short enough to find.
    if ls > 0 && !cut_left {
        let prev_end = ls - 1;
        let (ps, pcut) = line_start(text, prev_end);
        if !pcut {
            lines.push((ps, prev_end, line_no - 1, false, false));
        }
    }
    let mut at = ls;
    let mut left = cut_left;
    let mut more = false;
    for (k, no) in (1..).zip(line_no..) {
        // The first line is searched from the value on: its start may be cut.
        let (le, cut_right) = line_end(text, if k == 1 { s } else { at });
        lines.push((at, le, no, left, cut_right));
        if le + 1 >= e || cut_right || le >= text.len() {
            break;
        }
        if k >= MAX_MARKED_LINES {
            more = true;
            break;
        }
        at = le + 1;
        left = false;
    }
    // One line of context after.
    let &(_, last_end, last_no, _, last_cut) = lines.last()?;
    if !more && !last_cut && last_end < text.len() {
        let ns = last_end + 1;
        let (ne, ncut) = line_end(text, ns);
        if !ncut && ns < text.len() {
            lines.push((ns, ne, last_no + 1, false, false));
        }
    }

    // The part of the value on each line, relative to the line.
    let shown: Vec<(&str, Option<(usize, usize)>)> = lines
        .iter()
        .map(|&(ls, le, ..)| {
            let line = text[ls..le].strip_suffix('\r').unwrap_or(&text[ls..le]);
            let le = ls + line.len();
            let on_line = if s == e {
                (ls..=le).contains(&s)
            } else {
                s < le && e > ls
            };
            (
                line,
                on_line.then(|| (s.max(ls) - ls, e.min(le).max(s.max(ls)) - ls)),
            )
        })
        .collect();
    let last_marked = shown.iter().rposition(|l| l.1.is_some());

    let mut out = format!("<pre class=\"src {}\">", sev_class(severity));
    let width = lines
        .iter()
        .map(|l| l.2)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    for (k, (&(_, _, no, cut_l, cut_r), &(line, mark))) in lines.iter().zip(&shown).enumerate() {
        let _ = write!(out, "<span class=\"ln\">{no:>width$}</span>");
        if mark.is_some() {
            out.push_str("<span class=\"hl\">");
        }
        line_html(&mut out, line, mark, cut_l, cut_r);
        if mark.is_some() {
            out.push_str("</span>");
        }
        // The label goes after the last line of the value.
        if Some(k) == last_marked {
            if let Some(l) = label.filter(|l| !l.is_empty()) {
                out.push_str(" <span class=\"lbl\">");
                esc_into(&mut out, l);
                out.push_str("</span>");
            }
        }
        out.push('\n');
    }
    if more {
        let _ = writeln!(out, "<span class=\"ln\">{:>width$}</span>…", "");
    }
    out.push_str("</pre>");
    Some(out)
}

/// One excerpt line, cut to [`MAX_COLS`] characters around the mark.
fn line_html(
    out: &mut String,
    line: &str,
    mark: Option<(usize, usize)>,
    cut_left: bool,
    cut_right: bool,
) {
    let anchor = mark.map_or(0, |m| m.0);
    // Keep LEAD_COLS characters before the value, then MAX_COLS in all.
    let from = if cut_left || line[..anchor].chars().nth(LEAD_COLS).is_some() {
        line[..anchor]
            .char_indices()
            .rev()
            .nth(LEAD_COLS - 1)
            .map_or(0, |(i, _)| i)
    } else {
        0
    };
    let to = line[from..]
        .char_indices()
        .nth(MAX_COLS)
        .map_or(line.len(), |(i, _)| from + i);
    if from > 0 || cut_left {
        out.push('…');
    }
    match mark {
        Some((a, b)) => {
            let a = a.clamp(from, to);
            let b = b.clamp(a, to);
            esc_into(out, &line[from..a]);
            out.push_str("<mark>");
            esc_into(out, &line[a..b]);
            out.push_str("</mark>");
            esc_into(out, &line[b..to]);
        }
        None => esc_into(out, &line[from..to]),
    }
    if to < line.len() || cut_right {
        out.push('…');
    }
}

/// The batch page: totals, the chart, the table and every store's details.
fn overview(
    out: &mut String,
    results: &[StoreResult],
    rules: &HashMap<&str, &Rule>,
    t: &Ui,
    lang: Lang,
) {
    let mut total = Counts::default();
    let ready = results.iter().filter(|r| r.ready()).count();
    // Per rule: findings, stores, worst severity, name.
    let mut by_rule: HashMap<&str, (usize, usize, Severity, &str)> = HashMap::new();
    for r in results {
        total.add(r.counts);
        let mut seen: Vec<&str> = Vec::new();
        for d in &r.diagnostics {
            let e = by_rule.entry(d.code).or_insert((0, 0, d.severity, d.name));
            e.0 += 1;
            e.2 = e.2.max(d.severity);
            if !seen.contains(&d.code) {
                seen.push(d.code);
                e.1 += 1;
            }
        }
    }
    let mut ranked: Vec<(&str, usize, usize, Severity, &str)> = by_rule
        .iter()
        .map(|(c, &(n, s, sev, name))| (*c, n, s, sev, name))
        .collect();
    ranked.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));

    let _ = write!(
        out,
        "<section class=\"store-head\"><h1>{}</h1></section>\n\
         <section class=\"verdict tiles {}\">\
         <a class=\"tile\" href=\"#filter=all\"><b>{}</b> {}</a>\
         <a class=\"tile bad\" href=\"#filter=not-ready\"><b>{}</b> {}</a>\
         <a class=\"tile ok\" href=\"#filter=ready\"><b>{}</b> {}</a>",
        t.n_stores.replace("{n}", &results.len().to_string()),
        if ready == results.len() { "ok" } else { "bad" },
        results.len(),
        t.stores,
        results.len() - ready,
        t.not_ready,
        ready,
        t.ready,
    );
    counts_html(out, total, t);
    out.push_str("</section>\n");

    chart(out, &ranked, t);

    // Filters.
    let _ = write!(
        out,
        "<section class=\"overview\"><h2>{overview}</h2>\
         <div class=\"controls\" id=\"controls\" hidden>\
         <div class=\"seg\" role=\"group\" aria-label=\"{status}\">\
         <button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">{all}</button>\
         <button type=\"button\" data-filter=\"not-ready\" aria-pressed=\"false\">{nr}</button>\
         <button type=\"button\" data-filter=\"ready\" aria-pressed=\"false\">{r}</button></div>\
         <label><span class=\"sr\">{rule_word}</span><select id=\"rule\"><option value=\"\">{all_rules}</option>",
        overview = t.overview,
        status = t.status,
        all = t.all,
        nr = t.not_ready,
        r = t.ready,
        rule_word = t.main_problems,
        all_rules = t.all_rules,
    );
    let mut by_code = ranked.clone();
    by_code.sort_by(|a, b| a.0.cmp(b.0));
    for (code, n, stores, _, name) in &by_code {
        let _ = write!(
            out,
            "<option value=\"{c}\">{c} {name} ({stores}/{n})</option>",
            c = esc(code),
            name = esc(name),
        );
    }
    let _ = write!(
        out,
        "</select></label>\
         <label><span class=\"sr\">{search}</span><input id=\"q\" type=\"search\" placeholder=\"{hint}\" autocomplete=\"off\"></label>\
         </div>\n<p class=\"status\" id=\"status\" data-tpl=\"{shown}\" data-filtered=\"{fby}\" \
         data-ready=\"{r}\" data-not-ready=\"{nr}\">{all_shown}</p>\n",
        search = t.search,
        hint = t.search_hint,
        shown = t.shown,
        fby = t.filtered_by,
        r = t.ready,
        nr = t.not_ready,
        all_shown = t
            .shown
            .replace("{x}", &results.len().to_string())
            .replace("{n}", &results.len().to_string()),
    );

    // The table: one row per store; the script filters and sorts by data-*.
    // Rows are CSS grids rather than <tr>, so that `content-visibility: auto`
    // lets the browser skip the rows off screen: filtering 1,000 stores
    // stays fast.
    let _ = write!(
        out,
        "<div class=\"grid\" id=\"stores\" role=\"table\" aria-label=\"{overview}\" aria-describedby=\"status\">\
         <div role=\"rowgroup\"><div class=\"row head\" role=\"row\">\
         <div class=\"c-name\" role=\"columnheader\" data-sort=\"name\" aria-sort=\"none\"><button type=\"button\" title=\"{hint}\">{store}</button></div>\
         <div class=\"c-appid\" role=\"columnheader\" data-sort=\"appid\" aria-sort=\"none\"><button type=\"button\" title=\"{hint}\">AppID</button></div>\
         <div class=\"c-status\" role=\"columnheader\" data-sort=\"ready\" aria-sort=\"none\"><button type=\"button\" title=\"{hint}\">{status}</button></div>\
         <div class=\"c-e num\" role=\"columnheader\" data-sort=\"e\" aria-sort=\"none\"><button type=\"button\" title=\"{hint}\">{errors}</button></div>\
         <div class=\"c-w num\" role=\"columnheader\" data-sort=\"w\" aria-sort=\"none\"><button type=\"button\" title=\"{hint}\">{warnings}</button></div>\
         <div class=\"c-n num\" role=\"columnheader\" data-sort=\"n\" aria-sort=\"none\"><button type=\"button\" title=\"{hint}\">{infos}</button></div>\
         <div class=\"c-probs\" role=\"columnheader\">{main}</div></div></div>\n\
         <div role=\"rowgroup\" id=\"rows\">\n",
        overview = t.overview,
        hint = t.sort_hint,
        store = t.store,
        status = t.status,
        errors = t.errors,
        warnings = t.warnings,
        infos = t.infos,
        main = t.main_problems,
    );
    for (i, r) in results.iter().enumerate() {
        let groups = groups(r, rules, lang);
        let codes: Vec<&str> = groups.iter().map(|g| g.code).collect();
        let c = r.counts;
        let _ = write!(
            out,
            "<div class=\"row\" role=\"row\" data-i=\"{i}\" data-ready=\"{}\" data-e=\"{}\" data-w=\"{}\" \
             data-n=\"{}\" data-rules=\"{}\"><div class=\"c-name\" role=\"cell\"><a href=\"#s{i}\">",
            u8::from(r.ready()),
            c.errors,
            c.warnings,
            c.infos,
            esc(&codes.join(" ")),
        );
        name_html(out, r, t);
        out.push_str("</a><small>");
        esc_into(out, &r.bundle.path);
        out.push_str("</small></div><div class=\"c-appid\" role=\"cell\"><code>");
        esc_into(out, r.bundle.appid().unwrap_or(""));
        let _ = write!(
            out,
            "</code></div><div class=\"c-status\" role=\"cell\">{}</div>\
             <div class=\"c-e num{}\" role=\"cell\">{}</div>\
             <div class=\"c-w num{}\" role=\"cell\">{}</div>\
             <div class=\"c-n num{}\" role=\"cell\">{}</div><div class=\"c-probs\" role=\"cell\">",
            if r.ready() {
                format!("<span class=\"pill ok\">{}</span>", t.ready)
            } else {
                format!("<span class=\"pill bad\">{}</span>", t.not_ready)
            },
            if c.errors > 0 { "" } else { " zero" },
            c.errors,
            if c.warnings > 0 { "" } else { " zero" },
            c.warnings,
            if c.infos > 0 { "" } else { " zero" },
            c.infos,
        );
        for g in groups.iter().take(3) {
            let _ = write!(
                out,
                "<span class=\"chip {}\">{}</span>",
                sev_class(g.severity),
                esc(g.code)
            );
        }
        if groups.len() > 3 {
            let _ = write!(out, "<span class=\"more\">+{}</span>", groups.len() - 3);
        }
        out.push_str("</div></div>\n");
    }
    let _ = writeln!(
        out,
        "</div></div><p class=\"none\" id=\"none\" hidden>{}</p></section>",
        t.none_match
    );

    // Each store's details, collapsed.
    let _ = writeln!(out, "<section class=\"details\"><h2>{}</h2>", t.details);
    for (i, r) in results.iter().enumerate() {
        let c = r.counts;
        let _ = write!(
            out,
            "<details class=\"store {}\" id=\"s{i}\"><summary><span class=\"pill {}\">{}</span> <b>",
            if r.ready() { "ok" } else { "bad" },
            if r.ready() { "ok" } else { "bad" },
            if r.ready() { t.ready } else { t.not_ready },
        );
        name_html(out, r, t);
        out.push_str("</b> <small>");
        esc_into(out, &r.bundle.path);
        let _ = writeln!(
            out,
            "</small> <span class=\"sc\"><span class=\"e\">{}</span> {} · <span class=\"w\">{}</span> {} · {} {}</span></summary>",
            c.errors,
            plural(c.errors, t.error, t.errors),
            c.warnings,
            plural(c.warnings, t.warning, t.warnings),
            c.infos,
            plural(c.infos, t.info, t.infos),
        );
        meta_html(out, r);
        store_body(out, r, i, rules, t, lang);
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// The word for `n` things: "1 error", "2 errors" (Chinese has one form).
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A horizontal bar chart of the rules affecting most stores, as inline SVG.
fn chart(out: &mut String, ranked: &[(&str, usize, usize, Severity, &str)], t: &Ui) {
    if ranked.is_empty() {
        return;
    }
    let bars = &ranked[..ranked.len().min(CHART_BARS)];
    let max = bars.iter().map(|b| b.2).max().unwrap_or(1).max(1);
    // Two lines per rule (its code and name, then the bar), so that the
    // chart stays legible when a phone scales it down.
    const ROW: usize = 40;
    const WIDTH: usize = 480;
    const BAR: usize = 330;
    let height = bars.len() * ROW + 4;
    let _ = write!(
        out,
        "<section class=\"chart\"><h2>{}</h2><p class=\"note\">{}</p>\
         <div class=\"chartwrap\"><svg class=\"bars\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         height=\"{height}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        t.top_rules, t.chart_note, t.top_rules,
    );
    for (k, (code, n, stores, sev, name)) in bars.iter().enumerate() {
        let y = k * ROW + 2;
        let len = (stores * BAR / max).max(3);
        let _ = write!(
            out,
            "<a href=\"#rule={c}\" data-rule=\"{c}\"><title>{c} {name}</title>\
             <rect class=\"hit\" x=\"0\" y=\"{y}\" width=\"{WIDTH}\" height=\"{ROW}\"/>\
             <text x=\"2\" y=\"{ty}\"><tspan class=\"code\">{c}</tspan> {short}</text>\
             <rect class=\"bar {sev}\" x=\"2\" y=\"{by}\" width=\"{len}\" height=\"13\" rx=\"3\"/>\
             <text class=\"val\" x=\"{vx}\" y=\"{vy}\">{val}</text></a>",
            c = esc(code),
            name = esc(name),
            short = esc(&shorten(name, 40)),
            ty = y + 14,
            by = y + 20,
            vy = y + 31,
            sev = sev_class(*sev),
            vx = len + 8,
            val = t
                .bar_text
                .replace("{s}", &stores.to_string())
                .replace("{n}", &n.to_string()),
        );
    }
    out.push_str("</svg></div></section>\n");
}

fn shorten(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn baseline(out: &mut String, b: &crate::baseline::Outcome, t: &Ui) {
    let _ = write!(
        out,
        "<section class=\"baseline\"><p>{}</p>",
        t.baseline
            .replace("{file}", &format!("<code>{}</code>", esc(&b.file)))
            .replace("{known}", &b.known.to_string())
            .replace("{fixed}", &b.fixed.len().to_string())
    );
    if !b.fixed.is_empty() {
        let _ = write!(out, "<details><summary>{}</summary><ul>", t.fixed_list);
        for e in &b.fixed {
            out.push_str("<li><code>");
            esc_into(out, &e.code);
            out.push_str("</code> <code>");
            esc_into(out, &e.file);
            if let Some(p) = &e.pointer {
                out.push(' ');
                esc_into(out, p);
            } else if let Some(l) = e.line {
                let _ = write!(out, ":{l}");
            }
            out.push_str("</code> ");
            esc_into(out, &e.message);
            out.push_str("</li>");
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</section>\n");
}

/// SHA-256 (FIPS 180-4), for the script's Content-Security-Policy hash.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                out.push(A[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("猫粮\u{2028}"), "猫粮\u{2028}");
    }

    #[test]
    fn sha256_and_base64_match_the_standard_vectors() {
        let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // The CSP source of `alert(1)`, as browsers compute it.
        assert_eq!(
            base64(&sha256(b"alert(1)")),
            "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn excerpt_marks_the_value_with_a_line_of_context() {
        let text = "{\n  \"a\": {\n    \"on\": true,\n    \"b\": 1\n  }\n}\n";
        let s = text.find("true").unwrap();
        let ex = excerpt(
            text,
            (s, s + 4),
            Some(3),
            Some("开启<状态>"),
            Severity::Error,
        )
        .unwrap();
        assert_eq!(
            ex,
            "<pre class=\"src error\"><span class=\"ln\">2</span>  &quot;a&quot;: {\n\
             <span class=\"ln\">3</span><span class=\"hl\">    &quot;on&quot;: <mark>true</mark>,</span> \
             <span class=\"lbl\">开启&lt;状态&gt;</span>\n\
             <span class=\"ln\">4</span>    &quot;b&quot;: 1\n</pre>"
        );
    }

    #[test]
    fn excerpt_of_a_value_over_many_lines_stops_after_a_few() {
        let text = (1..=20).map(|i| format!("line {i}\n")).collect::<String>();
        let s = text.find("line 3").unwrap();
        let e = text.find("line 15").unwrap();
        let ex = excerpt(&text, (s, e), None, None, Severity::Error).unwrap();
        assert!(ex.contains("<span class=\"ln\">2</span>line 2\n"), "{ex}");
        assert!(ex.contains("<mark>line 3</mark>"), "{ex}");
        assert!(ex.contains("<mark>line 6</mark>"), "{ex}");
        assert!(!ex.contains("line 8"), "{ex}");
        assert!(ex.contains('…'), "{ex}");
    }

    #[test]
    fn excerpt_cuts_a_long_line_around_the_value() {
        let text = format!(
            "{{\"x\": \"{}\", \"price\": \"猫粮<b>\", \"y\": \"{}\"}}",
            "很长".repeat(5000),
            "z".repeat(9000)
        );
        let s = text.find("猫粮").unwrap();
        let ex = excerpt(
            &text,
            (s, s + "猫粮<b>".len()),
            Some(1),
            None,
            Severity::Error,
        )
        .unwrap();
        assert!(ex.contains("<mark>猫粮&lt;b&gt;</mark>"), "{ex}");
        assert!(
            ex.chars().count() < 400,
            "{} chars: {ex}",
            ex.chars().count()
        );
        assert!(ex.contains("<span class=\"ln\">1</span><span class=\"hl\">…"));
        assert!(ex.ends_with("…</span>\n</pre>"), "{ex}");
    }

    #[test]
    fn excerpt_survives_odd_spans() {
        let text = "ab\r\ncd\r\n猫";
        assert!(excerpt(text, (5, 2), None, None, Severity::Error).is_none());
        assert!(excerpt(text, (0, 99), None, None, Severity::Error).is_none());
        // Inside a multi-byte character.
        assert!(excerpt(text, (9, 10), None, None, Severity::Error).is_none());
        // Empty spans, at the end too.
        let ex = excerpt(text, (4, 4), None, Some("here"), Severity::Error).unwrap();
        assert!(
            ex.contains("<mark></mark>cd</span> <span class=\"lbl\">here"),
            "{ex}"
        );
        assert!(!ex.contains('\r'));
        let ex = excerpt(text, (text.len(), text.len()), None, None, Severity::Error).unwrap();
        assert!(ex.contains("猫<mark></mark>"), "{ex}");
        let ex = excerpt("", (0, 0), None, None, Severity::Error).unwrap();
        assert!(ex.contains("<mark></mark>"), "{ex}");
    }

    #[test]
    fn menu_paths_are_set_off_and_escaped() {
        let mut out = String::new();
        menu_paths(
            &mut out,
            "在商城后台 销售 → 销售设置 → 财务设置 中关闭<预存款>。",
            Lang::Zh,
        );
        let a = "<span class=\"arr\">→</span>";
        assert_eq!(
            out,
            format!(
                "在商城后台 <span class=\"menu\">销售 {a} 销售设置 {a} 财务设置</span> 中关闭&lt;预存款&gt;。"
            )
        );
        let mut out = String::new();
        menu_paths(&mut out, "登录微信公众平台 → 设置，添加 → ", Lang::Zh);
        let mut named = String::new();
        menu_paths(
            &mut named,
            "名称和简介在微信公众平台 → 设置 中修改",
            Lang::Zh,
        );
        assert_eq!(
            named,
            format!("名称和简介在<span class=\"menu\">微信公众平台 {a} 设置</span> 中修改")
        );
        assert_eq!(
            out,
            format!("登录<span class=\"menu\">微信公众平台 {a} 设置</span>，添加 → ")
        );
        let mut out = String::new();
        menu_paths(&mut out, "open Sales → Finance & <more>", Lang::En);
        assert_eq!(out, format!("open Sales {a} Finance &amp; &lt;more&gt;"));
    }
}
