//! Reads products.json straight into the model, without building a JSON
//! document of the whole file.
//!
//! products.json is most of a store's bytes. Parsing it into a
//! `serde_json::Value` builds a map (and a `String` per key) for every
//! product and SKU, only for the reader to look each member up again and
//! copy it. Here each product's members are parsed one by one: the members
//! the model reads ([`PRODUCT_KEYS`], [`SKU_KEYS`]) go to the same reader
//! functions the general path uses, so every value means the same and every
//! wrong type is reported the same; the members the rule packs read (see
//! [`super::DocProducts`]) are kept for the bundle document; the rest is
//! skipped.
//!
//! Only the usual shape is read this way: a list of product objects, bare
//! or under `"products"`, whose `skus` (when given) is a list of objects.
//! Anything else — invalid JSON included — returns `None`, and the caller
//! reads the file the general way, which reports it.

use std::cell::Cell;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::model::{Place, Pointer};
use super::reader::{self, Kept, Object, Ptr, Reader, PRODUCT_KEYS, SKU_KEYS};
use super::source::FileId;
use super::{InputError, ProductMembers, Products};
use crate::diagnostic::{At, Location};

/// products.json read into the model.
pub struct Streamed {
    pub products: Products,
    /// The products as the rule packs see them: per product, the members
    /// they read.
    pub members: ProductMembers,
    /// Where that list is in the file: `/products`, or `` for a bare list.
    pub prefix: String,
    /// Where each product's object starts in the text ([`super::Items`]).
    pub starts: Vec<u32>,
    pub errors: Vec<InputError>,
}

/// Reads `text`, the products.json of `file`, keeping `members` of each
/// product for the bundle document. `None` when it is not of the usual
/// shape.
pub fn products(text: &str, file: FileId, members: &[String]) -> Option<Streamed> {
    let mut errors = Vec::new();
    // Room for the products a file this long usually holds (a few hundred
    // bytes each), so the lists rarely grow: growing copies every product
    // made so far. Room not written to costs no memory.
    let expected = (text.len() / BYTES_PER_PRODUCT).min(1 << 20);
    let mut out = List {
        reader: Reader::new(file, &mut errors),
        members,
        text,
        items: Vec::with_capacity(expected),
        values: Vec::with_capacity(expected * members.len()),
        starts: Vec::with_capacity(expected),
        prefix: "",
    };
    let mut de = serde_json::Deserializer::from_str(text);
    Top {
        list: &mut out,
        top: true,
    }
    .deserialize(&mut de)
    .ok()?;
    de.end().ok()?;
    let List {
        items,
        values,
        starts,
        prefix,
        ..
    } = out;
    let count = items.len();
    Some(Streamed {
        products: Products {
            list: Location {
                file,
                at: At::Pointer(prefix.to_string()),
            },
            items,
        },
        members: ProductMembers {
            names: members.to_vec(),
            count,
            values,
        },
        prefix: prefix.to_string(),
        starts,
        errors,
    })
}

/// Fewer bytes than a product of products.json usually takes, even
/// without white space.
const BYTES_PER_PRODUCT: usize = 200;

/// What is being built: the products (and the members the packs read) so far.
struct List<'m, 'e> {
    reader: Reader<'e>,
    members: &'m [String],
    /// The text parsed: where a product starts is found from where its
    /// first key is in it.
    text: &'m str,
    items: Vec<crate::bundle::Product>,
    /// Each product's values of `members`, one after another.
    values: Vec<Option<Value>>,
    /// Where each product's object starts, `u32::MAX` when not known.
    starts: Vec<u32>,
    prefix: &'static str,
}

/// Not the usual shape: the file is read the general way instead.
fn unusual<E: Error>() -> E {
    E::custom("not the usual shape of products.json")
}

/// A list of products; at the top of the file (`top`), also an object with
/// one under `products`.
struct Top<'a, 'm, 'e> {
    list: &'a mut List<'m, 'e>,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of products")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        read_list(self.list, seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if !self.top {
            return Err(unusual());
        }
        let mut found = false;
        while let Some(is_products) = map.next_key_seed(KeyIs("products"))? {
            if !is_products {
                map.next_value::<Skipped>()?;
                continue;
            }
            // The key twice (the parser keeps the last): the general way.
            if found {
                return Err(unusual());
            }
            self.list.prefix = "/products";
            map.next_value_seed(Top {
                list: &mut *self.list,
                top: false,
            })?;
            found = true;
        }
        if found {
            Ok(())
        } else {
            Err(unusual())
        }
    }
}

/// A member nothing reads, parsed and dropped as it goes. Unlike serde's
/// `IgnoredAny`, which serde_json skips by syntax alone, its numbers and
/// escapes are decoded and its nesting counted, so that a file is valid
/// JSON here exactly when the parser takes it (a number out of range, a
/// lone surrogate or nesting past 128 is reported the general way).
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skipped, D::Error> {
        d.deserialize_any(Skipped)
    }
}

impl<'de> Visitor<'de> for Skipped {
    type Value = Skipped;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: Error>(self, _: bool) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_i64<E: Error>(self, _: i64) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_u64<E: Error>(self, _: u64) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_f64<E: Error>(self, _: f64) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_str<E: Error>(self, _: &str) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_unit<E: Error>(self) -> Result<Skipped, E> {
        Ok(Skipped)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skipped, A::Error> {
        while seq.next_element::<Skipped>()?.is_some() {}
        Ok(Skipped)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skipped, A::Error> {
        while map.next_entry::<Skipped, Skipped>()?.is_some() {}
        Ok(Skipped)
    }
}

/// Whether a key is the given one.
struct KeyIs(&'static str);

impl<'de> DeserializeSeed<'de> for KeyIs {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}

/// Reads each product of the list into the model as it is parsed.
fn read_list<'de, A: SeqAccess<'de>>(list: &mut List, mut seq: A) -> Result<(), A::Error> {
    let members = list.members;
    let file = list.reader.file();
    let text = list.text;
    while let Some(raw) = seq.next_element_seed(Fields {
        keys: PRODUCT_KEYS,
        members,
        nested: true,
        first_key: Cell::new(None),
    })? {
        list.starts
            .push(object_start(text, raw.first_key).unwrap_or(u32::MAX));
        // A product's (`sub` None) or SKU's place holds its position, not
        // a pointer of its own; the pointer is written out only for an
        // input error or a finding.
        let pointer = |sub: Option<(&'static str, usize)>| Pointer::Item {
            list: list.prefix,
            index: list.items.len(),
            sub,
        };
        let skus = match raw.skus {
            Some(skus) => skus
                .iter()
                .enumerate()
                .map(|(j, kept)| {
                    let pointer = pointer(Some(("skus", j)));
                    reader::sku(
                        &mut list.reader,
                        Object::Kept(SKU_KEYS, &[], kept),
                        Ptr::Item(&pointer),
                        Place::Json {
                            file,
                            pointer: pointer.clone(),
                        },
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        let pointer = pointer(None);
        let p = reader::product(
            &mut list.reader,
            Object::Kept(PRODUCT_KEYS, members, &raw.kept),
            skus,
            Ptr::Item(&pointer),
            Place::Json {
                file,
                pointer: pointer.clone(),
            },
        );
        list.items.push(p);
        list.values.extend(raw.kept.doc);
    }
    Ok(())
}

/// Where the object whose first key starts at address `key` (inside
/// `text`) starts: its `{`, before the key's opening quote and any white
/// space.
fn object_start(text: &str, key: Option<usize>) -> Option<u32> {
    let at = key?.checked_sub(text.as_ptr() as usize)?;
    let before = text.get(..at)?.strip_suffix('"')?.trim_end();
    before.strip_suffix('{')?;
    u32::try_from(before.len() - 1).ok()
}

/// An object's members as parsed: those the model or the packs read and,
/// for a product, its SKUs' members.
struct Raw {
    kept: Kept,
    skus: Option<Vec<Kept>>,
    /// The address of the object's first key, when the parser lent it
    /// from the text.
    first_key: Option<usize>,
}

/// Parses an object of the usual shape: a product (`nested`, with SKUs)
/// or a SKU.
struct Fields<'m> {
    keys: &'static [&'static str],
    members: &'m [String],
    nested: bool,
    /// The address of the first key, when the parser lent it from the text
    /// (a key without escapes): `Some(None)` once a first key was copied.
    first_key: Cell<Option<Option<usize>>>,
}

/// What a key of the object is to the reader.
enum Key {
    Kept(usize),
    Skus,
    Doc(usize),
    Skip,
}

impl<'de> DeserializeSeed<'de> for &Fields<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for &Fields<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key, E> {
        if self.first_key.get().is_none() {
            self.first_key.set(Some(Some(v.as_ptr() as usize)));
        }
        self.visit_str(v)
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Key, E> {
        if self.first_key.get().is_none() {
            self.first_key.set(Some(None));
        }
        if let Some(at) = reader::slot(self.members, v) {
            return Ok(Key::Doc(at));
        }
        Ok(match reader::slot(self.keys, v) {
            Some(at) => Key::Kept(at),
            None if self.nested && v == "skus" => Key::Skus,
            None => Key::Skip,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Fields<'_> {
    type Value = Raw;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut raw = Raw {
            kept: Kept::default(),
            skus: None,
            first_key: None,
        };
        raw.kept.doc.resize(self.members.len(), None);
        // With a key twice the last wins, as for the parser.
        while let Some(key) = map.next_key_seed(&self)? {
            match key {
                Key::Kept(at) => raw.kept.values[at].set(Some(map.next_value()?)),
                Key::Skus => raw.skus = map.next_value_seed(Skus)?,
                // A member both read: only in the document, where the model
                // finds it too.
                Key::Doc(at) => raw.kept.doc[at] = Some(map.next_value()?),
                Key::Skip => {
                    map.next_value::<Skipped>()?;
                }
            }
        }
        raw.first_key = self.first_key.get().flatten();
        Ok(raw)
    }
}

/// A product's `skus`: a list of objects, or null (no SKUs).
struct Skus;

impl<'de> DeserializeSeed<'de> for Skus {
    type Value = Option<Vec<Kept>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skus {
    type Value = Option<Vec<Kept>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of SKUs")
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut skus = Vec::new();
        while let Some(raw) = seq.next_element_seed(Fields {
            keys: SKU_KEYS,
            members: &[],
            nested: false,
            first_key: Cell::new(None),
        })? {
            skus.push(raw.kept);
        }
        Ok(Some(skus))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streams(text: &str) -> bool {
        products(text, 0, &["status".to_string()]).is_some()
    }

    #[test]
    fn the_usual_shapes_are_streamed_and_the_rest_left_to_the_parser() {
        let p = r#"{"id": "p1", "status": "on_sale", "skus": [{"id": "s"}], "x": {"y": [1]}}"#;
        for usual in [
            format!("[{p}]"),
            format!(r#"{{"products": [{p}, {p}], "total": 2}}"#),
            r#"[{"skus": null}]"#.to_string(),
            "[]".to_string(),
        ] {
            assert!(streams(&usual), "{usual}");
        }
        for unusual in [
            format!(r#"{{"items": [{p}]}}"#),
            format!(r#"{{"products": [], "products": [{p}]}}"#),
            r#"{"products": null}"#.to_string(),
            format!("[{p}, 3]"),
            r#"[{"skus": "none"}]"#.to_string(),
            r#"[{"skus": [1]}]"#.to_string(),
            format!("[{p}] x"),
            format!("[{p}"),
            "7".to_string(),
        ] {
            assert!(!streams(&unusual), "{unusual}");
        }
    }

    #[test]
    fn where_each_product_starts_is_noted_when_its_first_key_is_plain() {
        let text = "{\"products\": [\n  {\"id\": \"p0\"},\n  {  \n \"title\": \"t\"},\n  {\"\\u0069d\": \"p2\"},\n  {},\n  {\"id\": \"p4\", \"skus\": [{\"id\": \"s\"}]}\n]}";
        let s = products(text, 0, &[]).unwrap();
        let at = |needle: &str| text.find(needle).unwrap() as u32;
        assert_eq!(
            s.starts,
            vec![
                at("{\"id\": \"p0\""),
                at("{  \n"),
                // An escaped first key is copied by the parser, an empty
                // object has none: not known.
                u32::MAX,
                u32::MAX,
                at("{\"id\": \"p4\""),
            ]
        );
        assert_eq!(s.products.items.len(), 5);
    }

    #[test]
    fn the_document_holds_only_the_members_packs_read() {
        let s = products(
            r#"{"products": [{"id": "p1", "status": "on_sale", "title": "t", "brand": "b"}]}"#,
            3,
            &["brand".to_string(), "status".to_string()],
        )
        .unwrap();
        assert_eq!(s.members.count, 1);
        assert_eq!(s.members.get(0, "brand"), Some(&serde_json::json!("b")));
        assert_eq!(
            s.members.get(0, "status"),
            Some(&serde_json::json!("on_sale"))
        );
        assert_eq!(s.members.get(0, "id"), None);
        assert_eq!(s.prefix, "/products");
        let p = &s.products.items[0];
        assert_eq!(p.status.as_deref(), Some("on_sale"));
        assert_eq!(p.title.as_deref(), Some("t"));
        assert!(s.errors.is_empty());
    }
}
