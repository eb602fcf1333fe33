//! products.csv: a header row, then one product per record (RFC 4180
//! quoting, so a description may hold commas, quotes and newlines). Each
//! field keeps its byte range so a diagnostic can point at the cell.

use super::model::{Place, Price, Product, Products};
use super::money::Money;
use super::source::{line_col, FileId};
use super::InputError;
use crate::diagnostic::{At, Location, Text};

/// Columns without which a row cannot describe a product for sale.
const REQUIRED: &[&str] = &["id", "title", "status", "price"];

struct Record {
    /// (start, end) byte range of each field's content in the file.
    fields: Vec<(usize, usize)>,
    values: Vec<String>,
    start: usize,
}

/// Splits CSV text into records, with the byte ranges of any text found
/// after a closing quote (`"狗粮"junk`). `Err(offset)` for a quote that
/// never closes.
/// Byte ranges of text found after a closing quote.
type Junk = Vec<(usize, usize)>;

fn records(text: &str) -> Result<(Vec<Record>, Junk), usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut junk = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut fields = Vec::new();
        let mut values = Vec::new();
        loop {
            if b.get(i) == Some(&b'"') {
                let open = i;
                i += 1;
                let content = i;
                let mut value = Vec::new();
                loop {
                    match b.get(i) {
                        None => return Err(open),
                        Some(b'"') if b.get(i + 1) == Some(&b'"') => {
                            value.push(b'"');
                            i += 2;
                        }
                        Some(b'"') => break,
                        Some(&c) => {
                            value.push(c);
                            i += 1;
                        }
                    }
                }
                fields.push((content, i));
                values.push(String::from_utf8_lossy(&value).into_owned());
                i += 1; // closing quote
                let after = i;
                while i < b.len() && !matches!(b[i], b',' | b'\n' | b'\r') {
                    i += 1;
                }
                if i > after {
                    junk.push((after, i));
                }
            } else {
                let s = i;
                while i < b.len() && !matches!(b[i], b',' | b'\n' | b'\r') {
                    i += 1;
                }
                fields.push((s, i));
                values.push(text[s..i].to_string());
            }
            match b.get(i) {
                Some(b',') => i += 1,
                _ => break,
            }
        }
        if b.get(i) == Some(&b'\r') {
            i += 1;
        }
        if b.get(i) == Some(&b'\n') {
            i += 1;
        }
        let blank = values.len() == 1 && values[0].trim().is_empty();
        if !blank {
            out.push(Record {
                fields,
                values,
                start,
            });
        }
    }
    Ok((out, junk))
}

/// Reads products.csv; `None` when it cannot be parsed at all.
pub fn load(file: FileId, text: &str, errors: &mut Vec<InputError>) -> Option<Products> {
    let mut error = |start: usize, end: usize, zh: String, en: String| {
        errors.push(InputError {
            location: Location {
                file,
                at: At::Range { start, end },
            },
            message: Text::new(zh, en),
        })
    };
    let list = Location {
        file,
        at: At::Range { start: 0, end: 0 },
    };
    let rows = match records(text) {
        Ok((rows, junk)) => {
            for (start, end) in junk {
                error(
                    start,
                    end,
                    "引号之后还有多余的字符，这些字符未读取（字段中的引号应写成两个引号）".into(),
                    "there are characters after a closing quote; they were not read (a quote inside a field is written as two quotes)".into(),
                );
            }
            rows
        }
        Err(offset) => {
            error(
                offset,
                offset + 1,
                "引号没有闭合，无法解析 CSV".into(),
                "a quote is never closed, so the CSV cannot be parsed".into(),
            );
            return None;
        }
    };
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Some(Products {
            list,
            items: Vec::new(),
        });
    };
    let columns: Vec<String> = header
        .values
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|r| !columns.iter().any(|c| c == r))
        .collect();
    if !missing.is_empty() {
        let end = header.fields.last().map_or(0, |f| f.1);
        error(
            header.start,
            end,
            format!("表头缺少列：{}", missing.join(", ")),
            format!("the header lacks the column(s): {}", missing.join(", ")),
        );
    }
    for (i, c) in columns.iter().enumerate() {
        if columns[..i].contains(c) {
            let (start, end) = header.fields[i];
            error(
                start,
                end,
                format!("表头中 {c} 列重复，只读取第一列"),
                format!("the column {c} appears twice in the header; only the first is read"),
            );
        }
    }
    let col = |name: &str| columns.iter().position(|c| c == name);
    let mut items = Vec::new();
    for row in rows {
        if row.values.len() != columns.len() {
            let end = row.fields.last().map_or(row.start, |f| f.1);
            let line = line_col(text, row.start).line;
            let (zh, en) = if row.values.len() < columns.len() {
                ("过少", "too few")
            } else {
                ("过多（未加引号的逗号？）", "too many (an unquoted comma?)")
            };
            error(
                row.start,
                end,
                format!(
                    "第 {line} 行有 {} 列，表头有 {} 列：列数{zh}，此行未读取",
                    row.values.len(),
                    columns.len()
                ),
                format!(
                    "row on line {line} has {} columns but the header has {}: {en} columns; the row was not read",
                    row.values.len(),
                    columns.len()
                ),
            );
            continue;
        }
        let get = |name: &str| -> Option<&str> {
            col(name)
                .map(|i| row.values[i].trim())
                .filter(|s| !s.is_empty())
        };
        let price = |name: &str| -> Price {
            match get(name) {
                Some(raw) => Price {
                    amount: Money::parse(raw),
                    raw: Some(raw.to_string()),
                },
                None => Price::default(),
            }
        };
        let stock = match get("stock") {
            Some(s) => match s.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    let (start, end) = row.fields[col("stock").unwrap_or(0)];
                    error(
                        start,
                        end,
                        "字段 stock 的类型错误：应为整数；该值按未配置处理".into(),
                        "field stock has the wrong type: expected an integer; it is treated as not configured".into(),
                    );
                    None
                }
            },
            None => None,
        };
        items.push(Product {
            id: get("id").map(str::to_string),
            title: get("title").map(str::to_string),
            status: get("status").map(str::to_string),
            price: price("price"),
            market_price: price("market_price"),
            stock,
            category_id: get("category_id").map(str::to_string),
            images: get("images")
                .map(|s| {
                    s.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            description: get("description").map(str::to_string),
            is_virtual: get("virtual").map(|v| matches!(v, "1" | "true")),
            skus: Vec::new(),
            place: Place::Csv {
                file,
                fields: row.fields.clone(),
                columns: columns.clone(),
            },
        });
    }
    Some(Products { list, items })
}

/// The products as JSON objects (the shape of products.json), for rule packs.
pub fn to_json(products: &Products) -> serde_json::Value {
    use serde_json::{json, Value};
    let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
    let price = |p: &Price| p.raw.clone().map_or(Value::Null, Value::String);
    Value::Array(
        products
            .items
            .iter()
            .map(|p| {
                json!({
                    "id": text(&p.id),
                    "title": text(&p.title),
                    "status": text(&p.status),
                    "price": price(&p.price),
                    "market_price": price(&p.market_price),
                    "stock": p.stock,
                    "category_id": text(&p.category_id),
                    "images": p.images,
                    "description": text(&p.description),
                    "virtual": p.is_virtual,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::records;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_newlines() {
        let text = "id,description\np1,\"a, \"\"b\"\"\nc\"\r\np2,x\n\n";
        let (rows, junk) = records(text).unwrap();
        assert!(junk.is_empty());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].values, vec!["p1", "a, \"b\"\nc"]);
        assert_eq!(rows[2].values, vec!["p2", "x"]);
        let (s, e) = rows[2].fields[1];
        assert_eq!(&text[s..e], "x");
    }

    #[test]
    fn an_open_quote_is_an_error() {
        assert_eq!(records("a,b\n1,\"oops\n").err(), Some(6));
    }
}
