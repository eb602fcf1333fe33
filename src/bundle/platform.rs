//! What a bundle read from a mall platform's own export (CRMEB, ShopXO,
//! likeshop: see `src/adapters`) carries besides the model.
//!
//! An adapter builds each section as a canonical JSON document (the shape of
//! store.json, products.json …) held by a *virtual* source file, a file
//! without text that exists only in the bundle. The bundle's own readers turn
//! that document into the typed model, so the rules read the same model as
//! for any bundle and stay platform-agnostic. Beside it the adapter records:
//!
//! - **where each value came from**: a canonical pointer of a virtual file
//!   (`/3/market_price` of the products document) maps to the platform file
//!   and pointer it was read from (`/3/ot_price` of eb_store_product.json).
//!   Before the engine resolves a diagnostic, its location is translated
//!   here, so every finding points into the platform's files. A pointer with
//!   no entry of its own uses its nearest mapped ancestor: a `subtree` entry
//!   (a document copied as it is, such as a store.json beside the export)
//!   takes the rest of the pointer along, any other entry is pointed at as it
//!   is (a table row for a field the platform does not have).
//! - **facts the export cannot provide** (微信认证, 备案, service categories
//!   live on WeChat's side, not in the mall's database): a finding located on
//!   such a fact is restated as "unknown", with how to supply it, instead of
//!   reading as if the store had the fact wrong.
//! - **the platform's menu paths**: per rule code, the fix in the platform's
//!   own admin menu names, used as the finding's help.

use std::collections::BTreeMap;

use super::source::FileId;
use crate::diagnostic::{At, Diagnostic, Location, Text};

/// Where a canonical value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub location: Location,
    /// The rest of a longer pointer continues below `location` (the value was
    /// copied with its shape); otherwise a longer pointer points here.
    pub subtree: bool,
}

/// A fact of the canonical model that the bundle's source does not hold.
#[derive(Debug, Clone)]
pub struct Unknown {
    pub file: FileId,
    /// Canonical pointer of the fact in `file` (everything below it is unknown too).
    pub pointer: String,
    /// What the fact is: "微信认证状态" / "the WeChat certification state".
    pub what: Text,
    /// Why it is unknown.
    pub why: Text,
    /// How to supply it.
    pub help: Text,
    /// Where a finding about it points (no file holds it: the export directory).
    pub location: Location,
}

/// The platform a bundle was read from, and how its model maps back to the
/// platform's files.
#[derive(Debug, Clone)]
pub struct Platform {
    /// `crmeb`, `shopxo`, `likeshop`.
    pub id: &'static str,
    /// `CRMEB`, `ShopXO`, `likeshop`.
    pub name: &'static str,
    maps: BTreeMap<FileId, BTreeMap<String, Target>>,
    unknown: Vec<Unknown>,
    help: BTreeMap<String, Text>,
}

impl Platform {
    pub fn new(id: &'static str, name: &'static str) -> Platform {
        Platform {
            id,
            name,
            maps: BTreeMap::new(),
            unknown: Vec::new(),
            help: BTreeMap::new(),
        }
    }

    /// Records that the value at `pointer` of the virtual file `file` came from `target`.
    pub fn map(&mut self, file: FileId, pointer: &str, target: Location, subtree: bool) {
        self.maps.entry(file).or_default().insert(
            pointer.to_string(),
            Target {
                location: target,
                subtree,
            },
        );
    }

    /// Forgets what was recorded at and below `pointer` (a value replaced as a whole).
    pub fn unmap_below(&mut self, file: FileId, pointer: &str) {
        if let Some(m) = self.maps.get_mut(&file) {
            let below = format!("{pointer}/");
            m.retain(|p, _| p != pointer && !p.starts_with(&below));
        }
    }

    /// Whether `pointer` of `file` has an entry of its own.
    pub fn is_mapped(&self, file: FileId, pointer: &str) -> bool {
        self.maps
            .get(&file)
            .is_some_and(|m| m.contains_key(pointer))
    }

    pub fn add_unknown(&mut self, unknown: Unknown) {
        self.unknown.push(unknown);
    }

    /// The platform's fix for a rule, used as the help of its findings.
    pub fn set_help(&mut self, code: &str, help: Text) {
        self.help.insert(code.to_string(), help);
    }

    /// The unknown fact a location is on (at or below its pointer).
    pub fn unknown_at(&self, location: &Location) -> Option<&Unknown> {
        let At::Pointer(p) = &location.at else {
            return None;
        };
        self.unknown.iter().find(|u| {
            u.file == location.file
                && (p == &u.pointer
                    || p.strip_prefix(u.pointer.as_str())
                        .is_some_and(|rest| rest.starts_with('/')))
        })
    }

    /// Where a location of a virtual file really is; other locations are returned as they are.
    pub fn real_location(&self, location: &Location) -> Location {
        let Some(map) = self.maps.get(&location.file) else {
            return location.clone();
        };
        let pointer = match &location.at {
            At::Pointer(p) => p.as_str(),
            _ => "",
        };
        // The nearest mapped ancestor, the pointer itself first. An escaped
        // token never holds a raw '/', so each '/' ends an ancestor.
        let ends =
            std::iter::once(pointer.len()).chain(pointer.rmatch_indices('/').map(|(i, _)| i));
        for end in ends {
            let Some(t) = map.get(&pointer[..end]) else {
                continue;
            };
            return match (&t.location.at, t.subtree) {
                (At::Pointer(base), true) => Location {
                    file: t.location.file,
                    at: At::Pointer(format!("{base}{}", &pointer[end..])),
                },
                _ => t.location.clone(),
            };
        }
        location.clone()
    }

    /// Restates a finding of the canonical model in the platform's terms: its
    /// location in the platform's files, "unknown" when it is about a fact the
    /// export does not hold, and the platform's menu path as its help.
    pub fn translate(&self, d: &mut Diagnostic) {
        if let Some(u) = self.unknown_at(&d.location) {
            d.message = Text::new(
                format!("无法确认：{}未知——{}", u.what.zh, u.why.zh),
                format!("cannot be confirmed: {} unknown — {}", u.what.en, u.why.en),
            );
            d.label = Some(Text::new("未知", "unknown"));
            d.help = u.help.clone();
            d.location = u.location.clone();
            return;
        }
        if let Some(help) = self.help.get(d.code) {
            d.help = help.clone();
        }
        d.location = self.real_location(&d.location);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(file: FileId, p: &str) -> Location {
        Location {
            file,
            at: At::Pointer(p.to_string()),
        }
    }

    #[test]
    fn locations_map_to_the_nearest_ancestor() {
        let mut p = Platform::new("x", "X");
        p.map(
            7,
            "",
            Location {
                file: 1,
                at: At::Whole,
            },
            false,
        );
        p.map(7, "/0", loc(2, "/3"), false);
        p.map(7, "/0/market_price", loc(2, "/3/ot_price"), false);
        p.map(7, "/store", loc(4, "/a~1b"), true);
        // Exact, ancestor (not subtree: the row), subtree, root, and other files.
        assert_eq!(
            p.real_location(&loc(7, "/0/market_price")),
            loc(2, "/3/ot_price")
        );
        assert_eq!(p.real_location(&loc(7, "/0/skus/1/price")), loc(2, "/3"));
        assert_eq!(
            p.real_location(&loc(7, "/store/x~1y/z")),
            loc(4, "/a~1b/x~1y/z")
        );
        assert_eq!(p.real_location(&loc(7, "/9")).at, At::Whole);
        assert_eq!(p.real_location(&loc(3, "/0")), loc(3, "/0"));
        // "/0" is not an ancestor of "/01".
        p.map(7, "/01", loc(5, ""), false);
        assert_eq!(p.real_location(&loc(7, "/01/x")), loc(5, ""));
        assert_eq!(p.real_location(&loc(7, "/0/x")), loc(2, "/3"));
        p.unmap_below(7, "/0");
        assert_eq!(p.real_location(&loc(7, "/0/market_price")).at, At::Whole);
    }

    #[test]
    fn findings_on_unknown_facts_say_so() {
        let mut p = Platform::new("x", "X");
        p.add_unknown(Unknown {
            file: 7,
            pointer: "/mini_program/certification".into(),
            what: Text::new("微信认证状态", "the WeChat certification"),
            why: Text::new("导出中没有", "not in the export"),
            help: Text::new("放 store.json", "add store.json"),
            location: Location {
                file: 1,
                at: At::Whole,
            },
        });
        assert!(p
            .unknown_at(&loc(7, "/mini_program/certification"))
            .is_some());
        assert!(p
            .unknown_at(&loc(7, "/mini_program/certification_x"))
            .is_none());
        assert!(p.unknown_at(&loc(7, "/mini_program")).is_none());
        assert!(p
            .unknown_at(&loc(6, "/mini_program/certification"))
            .is_none());
    }
}
