//! [`TypeMap`]: the model's types by key, looked up through a hash index
//! and iterated in key order.
//!
//! The model's passes look a type up by key many times for each property
//! and example member (its base chain, its properties, whether a member is
//! documented), and the plan and printers do again. In a `BTreeMap` of
//! about 5,000 keys, most starting `microsoft.graph.`, each lookup compares
//! a dozen long keys: a tenth of the model's merge in a profile. Lookups
//! here hash the key once; everything that iterates still sees the types in
//! key order, as output must be deterministic.

use super::TypeDef;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Borrow;
use std::collections::{btree_map, BTreeMap, HashMap};
use std::hash::Hash;

/// Types by key. Types are only added or replaced, never removed, so a
/// type's slot never moves.
#[derive(Debug, Clone, Default)]
pub struct TypeMap {
    items: Vec<TypeDef>,
    /// Key to slot, for lookups. foldhash rather than the standard
    /// library's SipHash: lookups are counted in hundreds of thousands per
    /// run, and no key comes from an adversary (the docs are the user's).
    index: HashMap<String, usize, foldhash::fast::FixedState>,
    /// Key to slot, in key order, for iteration.
    order: BTreeMap<String, usize>,
}

impl TypeMap {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&TypeDef>
    where
        String: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(key).map(|&i| &self.items[i])
    }

    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut TypeDef>
    where
        String: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(key).map(|&i| &mut self.items[i])
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        String: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.contains_key(key)
    }

    /// Adds a type, or replaces the one with this key and returns it.
    pub fn insert(&mut self, key: String, ty: TypeDef) -> Option<TypeDef> {
        match self.index.get(&key) {
            Some(&i) => Some(std::mem::replace(&mut self.items[i], ty)),
            None => {
                self.push(key, ty);
                None
            }
        }
    }

    /// The type with this key, added with `make` if there is none (the key
    /// is copied only then).
    pub fn get_or_insert_with(
        &mut self,
        key: &str,
        make: impl FnOnce() -> TypeDef,
    ) -> &mut TypeDef {
        let i = match self.index.get(key) {
            Some(&i) => i,
            None => self.push(key.to_string(), make()),
        };
        &mut self.items[i]
    }

    /// Adds a type whose key is new; returns its slot.
    fn push(&mut self, key: String, ty: TypeDef) -> usize {
        let i = self.items.len();
        self.items.push(ty);
        self.index.insert(key.clone(), i);
        self.order.insert(key, i);
        i
    }

    /// Keys and types in key order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            order: self.order.iter(),
            items: &self.items,
        }
    }

    /// Keys and types in key order, the types mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut {
            order: self.order.iter(),
            slots: self.items.iter_mut().map(Some).collect(),
        }
    }

    pub fn keys(&self) -> btree_map::Keys<'_, String, usize> {
        self.order.keys()
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &TypeDef> + ExactSizeIterator {
        self.iter().map(|(_, t)| t)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut TypeDef> {
        self.iter_mut().map(|(_, t)| t)
    }
}

/// See [`TypeMap::iter`].
pub struct Iter<'a> {
    order: btree_map::Iter<'a, String, usize>,
    items: &'a [TypeDef],
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a TypeDef);

    fn next(&mut self) -> Option<Self::Item> {
        self.order.next().map(|(k, &i)| (k, &self.items[i]))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.order.next_back().map(|(k, &i)| (k, &self.items[i]))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// See [`TypeMap::iter_mut`]. Each slot is handed out once: the order
/// names every slot exactly once.
pub struct IterMut<'a> {
    order: btree_map::Iter<'a, String, usize>,
    slots: Vec<Option<&'a mut TypeDef>>,
}

impl<'a> Iterator for IterMut<'a> {
    type Item = (&'a String, &'a mut TypeDef);

    fn next(&mut self) -> Option<Self::Item> {
        let (k, &i) = self.order.next()?;
        let ty = self.slots.get_mut(i)?.take()?;
        Some((k, ty))
    }
}

impl<'a> IntoIterator for &'a TypeMap {
    type Item = (&'a String, &'a TypeDef);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut TypeMap {
    type Item = (&'a String, &'a mut TypeDef);
    type IntoIter = IterMut<'a>;

    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

impl<Q> std::ops::Index<&Q> for TypeMap
where
    String: Borrow<Q>,
    Q: Hash + Eq + ?Sized,
{
    type Output = TypeDef;

    /// As a map's index: a missing key is a bug of the caller, which
    /// checked for it first.
    fn index(&self, key: &Q) -> &TypeDef {
        match self.get(key) {
            Some(t) => t,
            None => panic!("no type with this key in the model"),
        }
    }
}

/// As a map in key order, as a `BTreeMap` of the same types serializes.
impl Serialize for TypeMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, t) in self {
            map.serialize_entry(k, t)?;
        }
        map.end()
    }
}

impl FromIterator<(String, TypeDef)> for TypeMap {
    fn from_iter<I: IntoIterator<Item = (String, TypeDef)>>(iter: I) -> Self {
        let mut map = TypeMap::default();
        for (k, t) in iter {
            map.insert(k, t);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, QualifiedName, TypeKind};

    fn ty(name: &str) -> TypeDef {
        TypeDef::new(
            QualifiedName::new("ns", name),
            TypeKind::Complex,
            Evidence::Mention,
        )
    }

    #[test]
    fn looks_up_by_key_and_iterates_in_key_order() {
        let mut map = TypeMap::default();
        for name in ["b", "c", "a"] {
            assert!(map.insert(format!("ns.{name}"), ty(name)).is_none());
        }
        // Replacing keeps one entry and hands back the old type.
        let old = map.insert("ns.c".into(), ty("C"));
        assert_eq!(old.map(|t| t.name.name), Some("c".to_string()));
        assert_eq!(map.len(), 3);
        assert_eq!(map["ns.c"].name.name, "C");
        assert!(map.get("ns.d").is_none());
        let keys: Vec<&String> = map.keys().collect();
        assert_eq!(keys, ["ns.a", "ns.b", "ns.c"]);
        for (k, t) in &mut map {
            t.name.name = format!("{k}!");
        }
        let names: Vec<String> = map.values().rev().map(|t| t.name.name.clone()).collect();
        assert_eq!(names, ["ns.c!", "ns.b!", "ns.a!"]);
        // Serialized as the `BTreeMap` it replaces would be.
        let as_btree: BTreeMap<String, TypeDef> =
            map.iter().map(|(k, t)| (k.clone(), t.clone())).collect();
        assert_eq!(
            serde_json::to_string(&map).ok(),
            serde_json::to_string(&as_btree).ok()
        );
    }
}
