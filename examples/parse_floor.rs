//! The parse-only floor of the benchmark: reads and parses every JSON file
//! of a corpus with serde_json on one thread, and nothing else.
//!
//!     cargo run --release --example parse_floor -- CORPUS_DIR

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor CORPUS_DIR");
        std::process::exit(2);
    };
    let (mut files, mut bytes) = (0u64, 0u64);
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Ok(text) = std::fs::read(entry.path()) else {
            continue;
        };
        bytes += text.len() as u64;
        files += 1;
        let v: Result<serde_json::Value, _> = serde_json::from_slice(&text);
        std::hint::black_box(v.is_ok());
    }
    println!("{files} files, {bytes} bytes");
}
