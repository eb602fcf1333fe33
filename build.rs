//! Embeds every `rules/*.toml` data file in the binary, so that adding a
//! built-in word list, category file or rule pack is adding a file; with
//! each file that defines no rules, its data as JSON, which the program
//! reads several times faster than TOML at every start; and builds the
//! automaton of all their terms and category keywords once, here, instead
//! of at every start (see `Knowledge::presence`).

use std::fmt::Write;
use std::path::Path;

#[path = "src/rules/terms.rs"]
mod terms;

fn main() {
    // Read at run time: a build script compiled for another checkout must not
    // embed that checkout's files.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/ directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir);
    let tables: Vec<toml::Table> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("a rules/*.toml file");
            toml::from_str(&text).expect("rules/*.toml parses")
        })
        .collect();
    let mut code = String::from("pub const EMBEDDED: &[(&str, &str, Option<&str>)] = &[\n");
    for (f, table) in files.iter().zip(&tables) {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        // Rules keep their TOML: their checks point into the text (spans).
        let json = if table.contains_key("rule") {
            "None".to_string()
        } else {
            let mut json = String::new();
            write_table(&mut json, table);
            let json_file = out.join(format!("{name}.json"));
            std::fs::write(&json_file, json).expect("write a rules/*.toml file as JSON");
            format!("Some(include_str!({:?}))", json_file.display().to_string())
        };
        writeln!(
            code,
            "    ({name:?}, include_str!({:?}), {json}),",
            f.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(out.join("embedded_rules.rs"), code).expect("write embedded_rules.rs");
    let patterns = all_terms(&tables);
    let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
        .build::<_, _, u32>(&patterns)
        .expect("the terms of rules/*.toml make an automaton");
    std::fs::write(out.join("all_terms.txt"), patterns.join("\n")).expect("write all_terms.txt");
    std::fs::write(out.join("all_terms.bin"), automaton.serialize()).expect("write all_terms.bin");
}

/// A TOML value as JSON text. The program checks (a unit test of
/// `Knowledge`) that each file read from its JSON is the same as read from
/// its TOML.
fn write_json(out: &mut String, v: &toml::Value) {
    match v {
        toml::Value::String(s) => write_string(out, s),
        toml::Value::Integer(n) => write!(out, "{n}").unwrap(),
        toml::Value::Float(x) if x.is_finite() => write!(out, "{x:?}").unwrap(),
        toml::Value::Boolean(b) => write!(out, "{b}").unwrap(),
        toml::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        toml::Value::Table(t) => write_table(out, t),
        other => panic!("rules/*.toml: no JSON for {other:?}"),
    }
}

fn write_table(out: &mut String, t: &toml::Table) {
    out.push('{');
    for (i, (k, item)) in t.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, k);
        out.push(':');
        write_json(out, item);
    }
    out.push('}');
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The patterns of the automaton of all terms, as `Knowledge::presence`
/// makes them (`terms::patterns_of` of every list's terms, lists by name and
/// each list's terms in file order, then every category keyword). The
/// program checks that it makes the same list before it uses the automaton
/// built here, and builds its own otherwise.
fn all_terms(tables: &[toml::Table]) -> Vec<String> {
    let mut lists: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut keywords = Vec::new();
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for table in tables {
        if let Some(words) = table.get("words").and_then(toml::Value::as_table) {
            for (name, list) in words {
                lists
                    .entry(name.clone())
                    .or_default()
                    .extend(strings(list.get("terms")));
            }
        }
        for c in table
            .get("category")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            keywords.extend(strings(c.get("keywords")));
        }
    }
    terms::patterns_of(
        lists
            .values()
            .flatten()
            .chain(&keywords)
            .map(String::as_str),
    )
    .0
}
