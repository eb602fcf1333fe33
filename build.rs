//! Embeds every `rules/*.toml` data file in the binary, so that adding a
//! built-in word list, category file or rule pack is adding a file; and
//! builds the automaton of all their terms and category keywords once, here,
//! instead of at every start (see `Knowledge::presence`).

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
    let mut code = String::from("pub const EMBEDDED: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir);
    std::fs::write(out.join("embedded_rules.rs"), code).expect("write embedded_rules.rs");

    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("a rules/*.toml file"))
        .collect();
    let patterns = all_terms(&texts);
    let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
        .build::<_, _, u32>(&patterns)
        .expect("the terms of rules/*.toml make an automaton");
    std::fs::write(out.join("all_terms.txt"), patterns.join("\n")).expect("write all_terms.txt");
    std::fs::write(out.join("all_terms.bin"), automaton.serialize()).expect("write all_terms.bin");
}

/// The patterns of the automaton of all terms, as `Knowledge::presence`
/// makes them (`terms::patterns` of every list's terms, lists by name and
/// each list's terms in file order, then every category keyword). The
/// program checks that it makes the same list before it uses the automaton
/// built here, and builds its own otherwise.
fn all_terms(texts: &[String]) -> Vec<String> {
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
    for text in texts {
        let table: toml::Table = toml::from_str(text).expect("rules/*.toml parses");
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
    terms::patterns(
        lists
            .values()
            .flatten()
            .chain(&keywords)
            .map(String::as_str),
    )
}
