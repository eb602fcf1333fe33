//! The patterns of the automaton of all terms (see `Knowledge::presence`).
//! build.rs includes this file as well, to build that automaton for the
//! embedded data: both make their list of patterns with this one function,
//! and the program uses the prebuilt automaton only when the lists match.

/// The patterns for `terms` (every word list's terms, lists by name, then
/// every category keyword): each term ASCII lower-cased (the automaton
/// searches lower-cased texts), once, in order; empty terms left out.
pub fn patterns<'a>(terms: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    terms
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .filter(|t| seen.insert(t.clone()))
        .collect()
}
