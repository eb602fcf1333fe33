//! The patterns of the automaton of all terms (see `Knowledge::presence`).
//! build.rs includes this file as well, to build that automaton for the
//! embedded data: both make their list of patterns with this one function,
//! and the program uses the prebuilt automaton only when the lists match.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The patterns for `terms` (every word list's terms, lists by name, then
/// every category keyword): each term ASCII lower-cased (the automaton
/// searches lower-cased texts), once, in order; empty terms left out. And
/// for each term in the order given, the index of its pattern (`None` for
/// an empty term). Run at every start: each term is lower-cased once and
/// hashed once.
pub fn patterns_of<'a>(
    terms: impl IntoIterator<Item = &'a str>,
) -> (Vec<String>, Vec<Option<usize>>) {
    let lowered: Vec<String> = terms.into_iter().map(str::to_ascii_lowercase).collect();
    let mut first: HashMap<&str, usize, BuildHasherDefault<Fnv>> =
        HashMap::with_capacity_and_hasher(lowered.len(), Default::default());
    // The terms that are a pattern's first spelling, by position.
    let mut kept = Vec::new();
    let pattern_of_term = lowered
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (!t.is_empty()).then(|| {
                *first.entry(t.as_str()).or_insert_with(|| {
                    kept.push(i);
                    kept.len() - 1
                })
            })
        })
        .collect();
    drop(first);
    let mut lowered: Vec<Option<String>> = lowered.into_iter().map(Some).collect();
    let patterns = kept.iter().filter_map(|&i| lowered[i].take()).collect();
    (patterns, pattern_of_term)
}

/// FNV-1a: a few short terms, not chosen by an attacker.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_term_gets_the_pattern_of_its_first_spelling() {
        let (patterns, of) = super::patterns_of(["充值", "Top Up", "", "top up", "余额", "充值"]);
        assert_eq!(patterns, ["充值", "top up", "余额"]);
        assert_eq!(of, [Some(0), Some(1), None, Some(1), Some(2), Some(0)]);
    }
}
