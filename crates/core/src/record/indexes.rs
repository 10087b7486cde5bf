//! The in-memory indexes of an open workspace: one per area (the asset list, the places, the
//! cables, …), each behind its own lock, found by type. The store holds them without knowing
//! what they are; each area reaches its own through `Indexes::get`.

use std::any::{Any, TypeId};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::store::kv::Tree;
use crate::store::StoreError;

/// An area's in-memory index, loaded from its kinds' projections when a workspace opens and
/// kept in step by their `Kind::upsert`.
pub trait Index: Send + Sync + Sized + 'static {
    fn load(tree: &dyn Tree) -> Result<Self, StoreError>;

    /// Other kinds whose records this index shows (a cable list names its racks): when one
    /// of them is written or merged, [`Index::kinds_changed`] is called.
    const WATCHES: &'static [&'static str] = &[];

    /// Records of watched kinds were just written or merged: drop what was cached of them.
    fn kinds_changed(&mut self) {}

    /// These records of watched kinds (document ids) were just written or merged: for an
    /// index that caches per record, what to drop (called after [`Index::kinds_changed`]).
    fn records_changed(&mut self, _doc_ids: &[&str]) {}
}

/// Loads one index from a workspace's tree, behind its lock.
type LoadIndex = fn(&dyn Tree) -> Result<Box<dyn AnySlot>, StoreError>;

/// How to load one index, listed in the registry.
pub(crate) struct IndexDecl {
    type_id: TypeId,
    load: LoadIndex,
}

impl IndexDecl {
    pub(crate) fn of<T: Index>() -> IndexDecl {
        IndexDecl {
            type_id: TypeId::of::<T>(),
            load: |tree| Ok(Box::new(RwLock::new(T::load(tree)?))),
        }
    }
}

/// One index behind its lock, as the workspace holds it.
trait AnySlot: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn kinds_changed(&self, prefixes: &[&'static str], doc_ids: &[&str]);
}

impl<T: Index> AnySlot for RwLock<T> {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn kinds_changed(&self, prefixes: &[&'static str], doc_ids: &[&str]) {
        if prefixes.iter().any(|p| T::WATCHES.contains(p)) {
            let mut index = self
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            index.kinds_changed();
            let watched: Vec<&str> = doc_ids
                .iter()
                .copied()
                .filter(|doc_id| T::WATCHES.contains(&super::prefix_of(doc_id)))
                .collect();
            index.records_changed(&watched);
        }
    }
}

/// Every index of an open workspace.
pub struct Indexes {
    slots: Vec<(TypeId, Box<dyn AnySlot>)>,
}

impl Indexes {
    pub(crate) fn load(decls: &[IndexDecl], tree: &dyn Tree) -> Result<Indexes, StoreError> {
        let mut slots = Vec::with_capacity(decls.len());
        for decl in decls {
            slots.push((decl.type_id, (decl.load)(tree)?));
        }
        Ok(Indexes { slots })
    }

    /// The index of type `T`. Every index an area reads is listed in the registry (a test in
    /// `crate::kinds` checks each area's); asking for one that is not is a programming error.
    pub fn get<T: Index>(&self) -> &RwLock<T> {
        let wanted = TypeId::of::<T>();
        self.slots
            .iter()
            .find(|(id, _)| *id == wanted)
            .and_then(|(_, slot)| slot.as_any().downcast_ref::<RwLock<T>>())
            .unwrap_or_else(|| panic!("index {} is not registered", std::any::type_name::<T>()))
    }

    pub fn read<T: Index>(&self) -> RwLockReadGuard<'_, T> {
        self.get::<T>()
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn write<T: Index>(&self) -> RwLockWriteGuard<'_, T> {
        self.get::<T>()
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn kinds_changed(&self, prefixes: &[&'static str], doc_ids: &[&str]) {
        for (_, slot) in &self.slots {
            slot.kinds_changed(prefixes, doc_ids);
        }
    }
}
