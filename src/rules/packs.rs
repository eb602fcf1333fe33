//! Declarative rule packs: rules written as data in `rules/*.toml` (built in)
//! or in a team's `--rules-dir`, in the spirit of Spectral rulesets.
//!
//! ```toml
//! [[rule]]
//! code = "ACC003"
//! name = "filing-incomplete"
//! severity = "error"
//! area = "account"
//! summary = { zh = "…", en = "…" }   # also what, why, fix; example and source are plain strings
//!
//! [[rule.check]]
//! given = "$.store.mini_program"     # JSONPath (RFC 9535) over the bundle document
//! field = "filing"                   # optional: a member of each matched node
//! function = "enum"                  # truthy, falsy, defined, undefined, pattern, not-pattern,
//! values = ["approved"]              # length, max-length, enum, not-enum, words
//! message = { zh = "备案状态为「{value}」", en = "filing is \"{value}\"" }
//! ```
//!
//! The bundle document is the single-file bundle shape (`$.store`,
//! `$.products[*]`, `$.decoration.components[*]`, `$.payment`,
//! `$.categories`, `$.coupons[*]`), whatever shape the store came in; every
//! result is mapped back to its own file, pointer and line.

use std::collections::HashSet;

use regex::Regex;
use serde::Deserialize;
use serde_json::Value;
use serde_json_path::JsonPath;
use toml::Spanned;

use super::{Area, Check, Context, Rule};
use crate::bundle::source::{line_col, pointer_index, pointer_push};
use crate::bundle::{DocProducts, ProductMembers, SECRET_FIELDS};
use crate::diagnostic::{Diagnostic, Doc, Severity};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocDef {
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    code: Spanned<String>,
    name: Spanned<String>,
    severity: Spanned<String>,
    area: Spanned<String>,
    #[serde(default)]
    precondition: bool,
    summary: DocDef,
    what: DocDef,
    why: DocDef,
    fix: DocDef,
    #[serde(default)]
    example: String,
    #[serde(default)]
    source: String,
    check: Spanned<Vec<CheckDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckDef {
    given: Spanned<String>,
    #[serde(default)]
    field: Option<String>,
    function: Spanned<String>,
    #[serde(default)]
    pattern: Option<Spanned<String>>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    min: Option<usize>,
    #[serde(default)]
    max: Option<usize>,
    /// For `length`: count a CJK character as 2 (WeChat's name rule).
    #[serde(default)]
    cjk_double: bool,
    /// For `words`: the word list to look for.
    #[serde(default)]
    list: Option<Spanned<String>>,
    /// Overrides the rule's severity for this check.
    #[serde(default)]
    severity: Option<Spanned<String>>,
    /// Marks findings as about this entity kind, with the matched node's `id`.
    #[serde(default)]
    entity: Option<String>,
    message: DocDef,
    #[serde(default)]
    label: Option<DocDef>,
    #[serde(default)]
    help: Option<DocDef>,
}

#[derive(Debug)]
enum Function {
    Truthy,
    Falsy,
    Defined,
    Undefined,
    Pattern(Regex),
    NotPattern(Regex),
    Length {
        min: Option<usize>,
        max: Option<usize>,
        cjk_double: bool,
    },
    Enum(Vec<String>),
    NotEnum(Vec<String>),
    Words(String),
}

#[derive(Debug)]
pub struct PackCheck {
    given: JsonPath,
    /// What it reads of each product.
    products: ProductUse,
    /// How to answer it from the streamed products' members, when it has
    /// that simple form.
    scan: Option<ProductScan>,
    field: Option<String>,
    function: Function,
    severity: Option<Severity>,
    entity: Option<&'static str>,
    message: Doc,
    label: Option<Doc>,
    help: Option<Doc>,
}

/// The checks of one declarative rule.
#[derive(Debug)]
pub struct PackRule {
    checks: Vec<PackCheck>,
}

/// A leaked string: pack rules live for the whole process, like built-in ones.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn doc(d: DocDef) -> Doc {
    Doc {
        zh: leak(d.zh),
        en: leak(d.en),
    }
}

/// Turns parsed definitions into rules. `file` and `text` name the data file
/// for errors, which point at the offending line and column.
pub(crate) fn compile(
    defs: Vec<RuleDef>,
    file: &str,
    text: &str,
    known_codes: &mut HashSet<String>,
    lists: &dyn Fn(&str) -> bool,
) -> Result<Vec<&'static Rule>, String> {
    let at = |span: std::ops::Range<usize>, msg: String| {
        let lc = line_col(text, span.start);
        format!("{file}:{}:{}: {msg}", lc.line, lc.column)
    };
    let mut out = Vec::new();
    for def in defs {
        let code = def.code.get_ref().clone();
        let well_formed = {
            let letters = code.chars().take_while(|c| c.is_ascii_uppercase()).count();
            letters >= 2
                && code.len() == letters + 3
                && code[letters..].chars().all(|c| c.is_ascii_digit())
        };
        if !well_formed {
            return Err(at(
                def.code.span(),
                format!(
                    "rule code {code:?} must be capital letters and three digits, like TEAM001"
                ),
            ));
        }
        let name = def.name.get_ref().clone();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(at(
                def.name.span(),
                format!("rule name {name:?} must be kebab-case"),
            ));
        }
        for id in [&code, &name] {
            if !known_codes.insert(id.to_ascii_lowercase()) {
                return Err(at(def.code.span(), format!("rule {id} is defined twice")));
            }
        }
        let severity = parse_severity(def.severity.get_ref()).ok_or_else(|| {
            at(
                def.severity.span(),
                "severity must be error, warning or info".into(),
            )
        })?;
        let area = parse_area(def.area.get_ref()).ok_or_else(|| {
            at(
                def.area.span(),
                "area must be one of account, category, product, homepage, payment, review, content".into(),
            )
        })?;
        let check_span = def.check.span();
        let checks_def = def.check.into_inner();
        if checks_def.is_empty() {
            return Err(at(check_span, format!("rule {code} has no [[rule.check]]")));
        }
        let mut checks = Vec::new();
        for c in checks_def {
            let given = JsonPath::parse(c.given.get_ref()).map_err(|e| {
                at(
                    c.given.span(),
                    format!("invalid JSONPath {:?}: {e}", c.given.get_ref()),
                )
            })?;
            let regex = |p: &Option<Spanned<String>>| -> Result<Regex, String> {
                let p = p
                    .as_ref()
                    .ok_or_else(|| at(c.function.span(), "this function needs `pattern`".into()))?;
                Regex::new(p.get_ref()).map_err(|e| at(p.span(), format!("invalid pattern: {e}")))
            };
            let function = match c.function.get_ref().as_str() {
                "truthy" => Function::Truthy,
                "falsy" => Function::Falsy,
                "defined" => Function::Defined,
                "undefined" => Function::Undefined,
                "pattern" => Function::Pattern(regex(&c.pattern)?),
                "not-pattern" => Function::NotPattern(regex(&c.pattern)?),
                "length" | "max-length" => {
                    if c.min.is_none() && c.max.is_none() {
                        return Err(at(c.function.span(), "length needs `min` and/or `max`".into()));
                    }
                    Function::Length {
                        min: c.min,
                        max: c.max,
                        cjk_double: c.cjk_double,
                    }
                }
                "enum" | "not-enum" if c.values.is_empty() => {
                    return Err(at(c.function.span(), "this function needs `values`".into()));
                }
                "enum" => Function::Enum(c.values),
                "not-enum" => Function::NotEnum(c.values),
                "words" => {
                    let list = c
                        .list
                        .as_ref()
                        .ok_or_else(|| at(c.function.span(), "words needs `list`".into()))?;
                    if !lists(list.get_ref()) {
                        return Err(at(list.span(), format!("no word list [words.{}]", list.get_ref())));
                    }
                    Function::Words(list.get_ref().clone())
                }
                other => {
                    return Err(at(
                        c.function.span(),
                        format!(
                            "unknown function {other:?}: use truthy, falsy, defined, undefined, pattern, not-pattern, length, max-length, enum, not-enum or words"
                        ),
                    ))
                }
            };
            // A secret's value must never reach a message.
            let secret = c
                .field
                .as_deref()
                .is_some_and(|f| SECRET_FIELDS.contains(&f))
                || SECRET_FIELDS.iter().any(|f| c.given.get_ref().contains(f));
            if secret && (c.message.zh.contains("{value}") || c.message.en.contains("{value}")) {
                return Err(at(
                    c.given.span(),
                    "a message about a secret field must not use {value}".into(),
                ));
            }
            let check_severity = match &c.severity {
                Some(s) => Some(parse_severity(s.get_ref()).ok_or_else(|| {
                    at(s.span(), "severity must be error, warning or info".into())
                })?),
                None => None,
            };
            checks.push(PackCheck {
                products: product_use(c.given.get_ref(), c.field.as_deref(), c.entity.is_some()),
                scan: product_scan(c.given.get_ref(), c.field.as_deref()),
                given,
                field: c.field,
                function,
                severity: check_severity,
                entity: c.entity.map(leak),
                message: doc(c.message),
                label: c.label.map(doc),
                help: c.help.map(doc),
            });
        }
        let source = if def.source.is_empty() {
            file.to_string()
        } else {
            format!("{} ({file})", def.source)
        };
        out.push(&*Box::leak(Box::new(Rule {
            code: leak(code),
            name: leak(name),
            severity,
            area,
            precondition: def.precondition,
            summary: doc(def.summary),
            what: doc(def.what),
            why: doc(def.why),
            fix: doc(def.fix),
            example: leak(def.example),
            source: leak(source),
            check: Check::Pack(PackRule { checks }),
        })));
    }
    Ok(out)
}

fn parse_severity(s: &str) -> Option<Severity> {
    Severity::parse(s)
}

fn parse_area(s: &str) -> Option<Area> {
    Some(match s {
        "account" => Area::Account,
        "category" => Area::Category,
        "product" => Area::Product,
        "homepage" => Area::Homepage,
        "payment" => Area::Payment,
        "review" => Area::Review,
        "content" => Area::Content,
        _ => return None,
    })
}

/// Whether a value counts as set: not null, false, an empty or blank string,
/// an empty list or object.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

/// A scalar as text (strings as they are, numbers and booleans printed).
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Length in characters, a CJK character counting 2 when asked.
fn text_len(s: &str, cjk_double: bool) -> usize {
    s.chars()
        .map(|c| if cjk_double && is_cjk(c) { 2 } else { 1 })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// What a failing check reports in its message: `{value}`, `{length}`, `{term}` …
struct Failure {
    length: Option<usize>,
    term: Option<String>,
}

impl PackCheck {
    /// Evaluates the function on a target value; `Some` when it fails.
    fn fails(&self, cx: &Context, v: Option<&Value>) -> Option<Failure> {
        let plain = Failure {
            length: None,
            term: None,
        };
        // Shape functions judge only configured values: an empty string or
        // list is "not configured", which is truthy / defined's business.
        let present = v.filter(|v| truthy(Some(v)) || matches!(v, Value::Bool(false)));
        match &self.function {
            Function::Truthy => (!truthy(v)).then_some(plain),
            Function::Falsy => truthy(v).then_some(plain),
            Function::Defined => present.is_none().then_some(plain),
            Function::Undefined => present.is_some().then_some(plain),
            Function::Pattern(re) => {
                let t = as_text(present?)?;
                (!t.is_empty() && !re.is_match(&t)).then_some(plain)
            }
            Function::NotPattern(re) => {
                let t = as_text(present?)?;
                re.is_match(&t).then_some(plain)
            }
            Function::Length {
                min,
                max,
                cjk_double,
            } => {
                let len = match present? {
                    Value::Array(a) => a.len(),
                    Value::Object(o) => o.len(),
                    other => text_len(&as_text(other)?, *cjk_double),
                };
                let bad = min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m);
                bad.then_some(Failure {
                    length: Some(len),
                    term: None,
                })
            }
            Function::Enum(values) => {
                let t = as_text(present?)?;
                (!values.contains(&t)).then_some(plain)
            }
            Function::NotEnum(values) => {
                let t = as_text(present?)?;
                values.contains(&t).then_some(plain)
            }
            Function::Words(list) => {
                let t = as_text(present?)?;
                let term = cx.knowledge.list(list).find(&t)?;
                Some(Failure {
                    length: None,
                    term: Some(term.to_string()),
                })
            }
        }
    }

    fn fill(&self, template: &str, value: Option<&Value>, f: &Failure) -> String {
        let mut s = template.to_string();
        if s.contains("{value}") {
            let v = value.and_then(as_text).unwrap_or_default();
            let v: String = if v.chars().count() > 60 {
                v.chars().take(57).chain("…".chars()).collect()
            } else {
                v
            };
            s = s.replace("{value}", &v);
        }
        if let Some(field) = &self.field {
            s = s.replace("{field}", field);
        }
        if s.contains("{length}") {
            let len = f.length.or_else(|| match value {
                Some(Value::Array(a)) => Some(a.len()),
                Some(v) => as_text(v).map(|t| t.chars().count()),
                None => None,
            });
            s = s.replace("{length}", &len.map(|l| l.to_string()).unwrap_or_default());
        }
        if let Function::Length { min, max, .. } = &self.function {
            s = s.replace("{min}", &min.map(|m| m.to_string()).unwrap_or_default());
            s = s.replace("{max}", &max.map(|m| m.to_string()).unwrap_or_default());
        }
        if let Some(term) = &f.term {
            s = s.replace("{term}", term);
        }
        s
    }
}

/// What a check reads of each product in the bundle document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ProductUse {
    Nothing,
    Members(Vec<String>),
    Whole,
}

/// What the checks of the packs among `rules` read of each product: the
/// loader keeps only that in the document (see [`DocProducts`]).
pub fn doc_products(rules: &[&Rule]) -> DocProducts {
    let mut members = Vec::new();
    for rule in rules {
        let Check::Pack(pack) = &rule.check else {
            continue;
        };
        for check in &pack.checks {
            match &check.products {
                ProductUse::Nothing => {}
                ProductUse::Members(m) => members.extend(m.iter().cloned()),
                ProductUse::Whole => return DocProducts::Whole,
            }
        }
    }
    DocProducts::members(members)
}

/// What a check with this `given` and `field` (and an entity, which reads
/// `id`) reads of each product. Only the plain forms are understood —
/// `$.products[*]`, `[n]` or `[?filter]`, then a member — and for anything
/// else (descendants, wildcards, the root inside a filter) the answer is
/// the whole product.
fn product_use(given: &str, field: Option<&str>, entity: bool) -> ProductUse {
    let Some(rest) = given.trim().strip_prefix('$') else {
        return ProductUse::Whole;
    };
    let Some((top, rest)) = member(rest) else {
        return ProductUse::Whole;
    };
    if top != "products" {
        // Another section: products are out of reach unless a filter reads the root.
        return if rest.contains('$') {
            ProductUse::Whole
        } else {
            ProductUse::Nothing
        };
    }
    let Some((selector, rest)) = rest.strip_prefix('[').and_then(bracketed) else {
        return ProductUse::Whole;
    };
    let mut members = Vec::new();
    match selector.trim().strip_prefix('?') {
        Some(filter) => match filter_members(filter) {
            Some(m) => members.extend(m),
            None => return ProductUse::Whole,
        },
        None if selector.trim() == "*" || selector.trim().parse::<i64>().is_ok() => {}
        None => return ProductUse::Whole,
    }
    if rest.trim().is_empty() {
        // The node is the product itself: only its field is looked at.
        let Some(f) = field else {
            return ProductUse::Whole;
        };
        members.push(f.to_string());
        if entity {
            members.push("id".to_string());
        }
    } else {
        // A member of the product, kept whole whatever is read inside it.
        match member(rest) {
            Some((name, deeper)) if !deeper.contains('$') => members.push(name),
            _ => return ProductUse::Whole,
        }
    }
    ProductUse::Members(members)
}

/// A leading member segment, `.name` or `['name']`, and what follows.
fn member(s: &str) -> Option<(String, &str)> {
    if let Some(rest) = s.strip_prefix('.') {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || !c.is_ascii()))
            .unwrap_or(rest.len());
        return (end > 0).then(|| (rest[..end].to_string(), &rest[end..]));
    }
    let (inner, rest) = bracketed(s.strip_prefix('[')?)?;
    Some((quoted(inner.trim())?.to_string(), rest))
}

/// The text of a quoted JSONPath string, `'…'` or `"…"`, when it holds no
/// escape and not its own quote (so it means what it spells).
fn quoted(s: &str) -> Option<&str> {
    let quote = s.chars().next().filter(|q| matches!(q, '\'' | '"'))?;
    let text = s.strip_prefix(quote)?.strip_suffix(quote)?;
    (!text.contains([quote, '\\'])).then_some(text)
}

/// The inside of a bracket whose `[` is just before `s`, and what follows
/// its `]`: brackets inside quotes (escapes included) and nested ones are
/// skipped.
fn bracketed(s: &str) -> Option<(&str, &str)> {
    let (mut depth, mut quote, mut escaped) = (0usize, None, false);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') if depth == 0 => return Some((&s[..i], &s[i + 1..])),
            (None, ']') => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The product members a filter reads: each `@` must be followed by a
/// member (`@.name`, `@['name']`); `None` when one is not, or when the
/// filter reads the root.
fn filter_members(filter: &str) -> Option<Vec<String>> {
    if filter.contains('$') {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = filter;
    while let Some(at) = rest.find('@') {
        let (name, after) = member(&rest[at + 1..])?;
        out.push(name);
        rest = after;
    }
    Some(out)
}

/// A check of the form `$.products[*]` or `$.products[?@.name == 'text']`
/// with a `field`: what it selects and reads can be taken from the members
/// the products stream kept ([`crate::bundle::ProductMembers`]), one product
/// after another, without an object per product for JSONPath.
#[derive(Debug, PartialEq)]
struct ProductScan {
    /// The filter's member and the text it must equal; `None` for `[*]`.
    equals: Option<(String, String)>,
    field: String,
}

impl ProductScan {
    /// Whether product `i` is selected: as RFC 9535 compares, the member is
    /// there and is a string equal to the text.
    fn selects(&self, members: &ProductMembers, i: usize) -> bool {
        match &self.equals {
            None => true,
            Some((name, text)) => {
                matches!(members.get(i, name), Some(Value::String(s)) if s == text)
            }
        }
    }
}

/// The [`ProductScan`] of a check, when `given` has exactly that form (a
/// plain member name, a quoted text without quotes or escapes inside);
/// anything else is left to JSONPath.
fn product_scan(given: &str, field: Option<&str>) -> Option<ProductScan> {
    let field = field?.to_string();
    let selector = given
        .trim()
        .strip_prefix("$.products[")?
        .strip_suffix(']')?
        .trim();
    if selector == "*" {
        return Some(ProductScan {
            equals: None,
            field,
        });
    }
    let (left, right) = selector.strip_prefix('?')?.split_once("==")?;
    let name = left.trim().strip_prefix("@.")?;
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if !name.chars().all(plain) || !name.starts_with(|c: char| plain(c) && !c.is_ascii_digit()) {
        return None;
    }
    let text = quoted(right.trim())?;
    Some(ProductScan {
        equals: Some((name.to_string(), text.to_string())),
        field,
    })
}

/// Runs a declarative rule over one bundle.
pub fn run(rule: &Rule, pack: &PackRule, cx: &Context, out: &mut Vec<Diagnostic>) {
    for check in &pack.checks {
        // Streamed products, answered from their members.
        if let (Some(scan), Some(members)) = (&check.scan, &cx.bundle.product_members) {
            let kept = |n: &str| members.names.iter().any(|m| m == n);
            let reads_kept = kept(&scan.field)
                && scan.equals.as_ref().is_none_or(|(n, _)| kept(n))
                && (check.entity.is_none() || kept("id"));
            if reads_kept {
                for i in (0..members.count).filter(|&i| scan.selects(members, i)) {
                    let target = members.get(i, &scan.field);
                    let ptr = pointer_push(&pointer_index("/products", i), &scan.field);
                    report(rule, check, cx, target, &ptr, members.get(i, "id"), out);
                }
                continue;
            }
        }
        // A check that cannot reach products needs no object per product.
        let doc = match check.products {
            ProductUse::Nothing => &cx.bundle.doc,
            _ => cx.bundle.full_doc(),
        };
        // Most stores pass: ask first without building every node's path.
        let nodes = check.given.query(doc).all();
        let fails = |node: &Value| {
            let target = match &check.field {
                Some(f) => node.get(f.as_str()),
                None => Some(node),
            };
            check.fails(cx, target).is_some()
        };
        if !nodes.into_iter().any(fails) {
            continue;
        }
        for located in check.given.query_located(doc).iter() {
            let node = located.node();
            let node_ptr = located.location().to_json_pointer();
            let (target, ptr) = match &check.field {
                Some(f) => (node.get(f.as_str()), pointer_push(&node_ptr, f)),
                None => (Some(node), node_ptr),
            };
            report(rule, check, cx, target, &ptr, node.get("id"), out);
        }
    }
}

/// The finding of `check` for the value `target` at `ptr` (a pointer into
/// the bundle document) of a node whose `id` is given, if it fails.
fn report(
    rule: &Rule,
    check: &PackCheck,
    cx: &Context,
    target: Option<&Value>,
    ptr: &str,
    id: Option<&Value>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(failure) = check.fails(cx, target) else {
        return;
    };
    let Some(location) = cx.bundle.doc_location(ptr) else {
        return;
    };
    let message = |d: Doc| {
        (
            check.fill(d.zh, target, &failure),
            check.fill(d.en, target, &failure),
        )
    };
    let (zh, en) = message(check.message);
    let mut d = rule.diag(location, zh, en);
    if let Some(label) = check.label {
        let (lz, le) = message(label);
        d = d.with_label(lz, le);
    }
    if let Some(help) = check.help {
        let (hz, he) = message(help);
        d = d.with_help(hz, he);
    }
    if let Some(sev) = check.severity {
        d = d.with_severity(sev);
    }
    if let Some(kind) = check.entity {
        if let Some(id) = id.and_then(as_text) {
            d = d.with_entity(kind, id);
        }
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_simplest_product_checks_are_scanned_from_members() {
        let scan = |given: &str| product_scan(given, Some("images"));
        let equals = |m: &str, t: &str| ProductScan {
            equals: Some((m.to_string(), t.to_string())),
            field: "images".to_string(),
        };
        assert_eq!(
            scan("$.products[*]"),
            Some(ProductScan {
                equals: None,
                field: "images".to_string()
            })
        );
        assert_eq!(
            scan("$.products[?@.status == 'on_sale']"),
            Some(equals("status", "on_sale"))
        );
        assert_eq!(
            scan(r#" $.products[ ?@.brand=="a b" ] "#),
            Some(equals("brand", "a b"))
        );
        for other in [
            "$.products[?@.status != 'on_sale']",
            "$.products[?@.price == 1]",
            "$.products[?@.a == 'x' || @.b == 'y']",
            "$.products[?@.a == 'x' && @.b == 'y']",
            "$.products[?@.a.b == 'x']",
            "$.products[?@['a'] == 'x']",
            "$.products[?@.a == 'it\\'s']",
            "$.products[?@.a == \"x\\\"y\"]",
            "$.products[?!(@.a == 'x')]",
            "$.products[?@.1a == 'x']",
            "$.products[0]",
            "$.products[*].images",
            "$.products[*][*]",
            "$..products[*]",
            "$.coupons[*]",
        ] {
            assert_eq!(scan(other), None, "{other}");
        }
        assert_eq!(product_scan("$.products[*]", None), None);
    }

    #[test]
    fn product_use_names_the_members_a_check_reads() {
        use ProductUse::*;
        let m = |v: &[&str]| Members(v.iter().map(|s| s.to_string()).collect());
        let cases: &[(&str, Option<&str>, bool, ProductUse)] = &[
            (
                "$.products[?@.status == 'on_sale']",
                Some("images"),
                false,
                m(&["status", "images"]),
            ),
            ("$.products[*]", Some("title"), true, m(&["title", "id"])),
            ("$['products'][3].brand.name", None, false, m(&["brand"])),
            (
                "$.products[?length(@['sub title']) > 2 && @.x]",
                Some("y"),
                false,
                m(&["sub title", "x", "y"]),
            ),
            ("$.products[?@.tags[?@ == 'a']]", Some("y"), false, Whole),
            ("$.store.mini_program", Some("name"), false, Nothing),
            ("$.decoration..link", None, false, Nothing),
            ("$.store[?$.products[0].x]", None, false, Whole),
            ("$.products[*]", None, false, Whole),
            ("$.products", Some("x"), false, Whole),
            ("$.products..price", None, false, Whole),
            ("$.products[*].*", None, false, Whole),
            ("$.products[*]..x", None, false, Whole),
            ("$.products[?@]", Some("x"), false, Whole),
            ("$.products[?@..x]", Some("x"), false, Whole),
            ("$..title", None, false, Whole),
            ("$.*", None, false, Whole),
            ("$[*]", None, false, Whole),
            ("$.products[0,1].x", None, false, Whole),
            // An escaped quote does not end a literal.
            (
                r"$.products[?@.x == '\'].a' || @.b == 'c']",
                Some("t"),
                false,
                m(&["x", "b", "t"]),
            ),
            (
                r#"$.products[?@.x == "\"].a" || @.b == 'c']"#,
                Some("t"),
                false,
                m(&["x", "b", "t"]),
            ),
        ];
        for (given, field, entity, want) in cases {
            assert_eq!(&product_use(given, *field, *entity), want, "{given}");
        }
    }

    #[test]
    fn built_in_packs_read_three_members_of_a_product() {
        // PRD006: status (filter), images (field), id (entity).
        let catalog = crate::rules::Catalog::embedded().unwrap();
        assert_eq!(
            catalog.doc_products,
            DocProducts::Members(vec!["id".into(), "images".into(), "status".into()])
        );
        // Reading SKUs needs them in the document as in the file.
        assert_eq!(
            DocProducts::members(vec!["skus".into()]),
            DocProducts::Whole
        );
    }

    #[test]
    fn cjk_counts_double_for_names() {
        assert_eq!(text_len("三美仁和商城", true), 12);
        assert_eq!(text_len("三美仁和商城", false), 6);
        assert_eq!(text_len("Shop 商城", true), 9);
    }

    #[test]
    fn truthiness_follows_not_configured() {
        assert!(!truthy(None));
        assert!(!truthy(Some(&Value::String("  ".into()))));
        assert!(!truthy(Some(&serde_json::json!([]))));
        assert!(truthy(Some(&serde_json::json!(0))));
        assert!(truthy(Some(&serde_json::json!("x"))));
    }
}
