//! The patterns of the automaton of all terms (see `Knowledge::presence`).
//! build.rs includes this file as well, to build that automaton for the
//! embedded data: both make their list of patterns with this one function,
//! and the program uses the prebuilt automaton only when the lists match.
//! Also the fast hasher of the rules' maps, which that function uses too.

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
    let mut first: HashMap<&str, usize, BuildHasherDefault<FastHasher>> =
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

/// A hash with a multiply per eight bytes, not SipHash: the keys (terms,
/// texts of a store) are not chosen by an attacker, and the lookups are hot.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.write_u64(u64::from_le_bytes(last));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
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
