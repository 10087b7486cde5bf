//! A new document written as its one first change, encoded straight from the value.
//!
//! Building a document op by op costs Automerge 0.12 about 10 µs per op (every op is spliced
//! into the op set's columns, and autosurgeon reads before it writes), so a new cable of ~30
//! ops cost ~250 µs before a byte was saved. A new document has nothing to merge with, so its
//! first change can be encoded from the value alone: autosurgeon turns the value into the tree
//! it would write into an empty document (`reconcile` on an empty document does exactly that,
//! then hands the tree to `init_root_from_hydrate`, which [`CaptureRoot`] answers), and the
//! tree becomes the ops of one change, numbered depth first as a transaction numbers puts.
//! Loading those bytes gives the document the slow path would have built: the tests compare
//! both, field by field, and an edit after it.

use std::ops::RangeBounds;

use automerge as am;
use automerge::legacy;
use autosurgeon::Reconcile;

/// An autosurgeon document that is empty and stays so: it turns the tree `reconcile` would
/// initialise it with into the ops of a first change. Reads see an empty document; writes
/// are refused (an empty document is only ever initialised from the tree).
struct CaptureRoot<'a> {
    empty: &'a am::Automerge,
    ops: Ops<'a>,
    /// The tree was written into `ops` in full (it held nothing only the op-by-op path writes).
    encoded: Option<bool>,
}

impl autosurgeon::ReadDoc for CaptureRoot<'_> {
    type Parents<'a>
        = <am::Automerge as autosurgeon::ReadDoc>::Parents<'a>
    where
        Self: 'a;

    fn get_heads(&self) -> Vec<am::ChangeHash> {
        Vec::new()
    }

    fn get<P: Into<am::Prop>>(
        &self,
        obj: &am::ObjId,
        prop: P,
    ) -> Result<Option<(am::Value<'_>, am::ObjId)>, am::AutomergeError> {
        autosurgeon::ReadDoc::get(self.empty, obj, prop)
    }

    fn object_type<O: AsRef<am::ObjId>>(&self, obj: O) -> Option<am::ObjType> {
        autosurgeon::ReadDoc::object_type(self.empty, obj)
    }

    fn map_range<'a, O, R>(&'a self, obj: O, range: R) -> am::iter::MapRange<'a>
    where
        R: RangeBounds<String> + 'a,
        O: AsRef<am::ObjId>,
        R: RangeBounds<String>,
    {
        autosurgeon::ReadDoc::map_range(self.empty, obj, range)
    }

    fn list_range<O: AsRef<am::ObjId>, R: RangeBounds<usize>>(
        &self,
        obj: O,
        range: R,
    ) -> am::iter::ListRange<'_> {
        autosurgeon::ReadDoc::list_range(self.empty, obj, range)
    }

    fn length<O: AsRef<am::ObjId>>(&self, obj: O) -> usize {
        autosurgeon::ReadDoc::length(self.empty, obj)
    }

    fn text<O: AsRef<am::ObjId>>(&self, obj: O) -> Result<String, am::AutomergeError> {
        autosurgeon::ReadDoc::text(self.empty, obj)
    }

    fn parents<O: AsRef<am::ObjId>>(
        &self,
        obj: O,
    ) -> Result<Self::Parents<'_>, am::AutomergeError> {
        autosurgeon::ReadDoc::parents(self.empty, obj)
    }

    fn is_empty(&self) -> bool {
        self.encoded.is_none()
    }
}

impl autosurgeon::Doc for CaptureRoot<'_> {
    fn put<O: AsRef<am::ObjId>, P: Into<am::Prop>, V: Into<am::ScalarValue>>(
        &mut self,
        _: O,
        _: P,
        _: V,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn put_object<O: AsRef<am::ObjId>, P: Into<am::Prop>>(
        &mut self,
        _: O,
        _: P,
        _: am::ObjType,
    ) -> Result<am::ObjId, am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn insert<O: AsRef<am::ObjId>, V: Into<am::ScalarValue>>(
        &mut self,
        _: O,
        _: usize,
        _: V,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn insert_object<O: AsRef<am::ObjId>>(
        &mut self,
        _: O,
        _: usize,
        _: am::ObjType,
    ) -> Result<am::ObjId, am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn increment<O: AsRef<am::ObjId>, P: Into<am::Prop>>(
        &mut self,
        _: O,
        _: P,
        _: i64,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn delete<O: AsRef<am::ObjId>, P: Into<am::Prop>>(
        &mut self,
        _: O,
        _: P,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn splice_text<O: AsRef<am::ObjId>>(
        &mut self,
        _: O,
        _: usize,
        _: isize,
        _: &str,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn update_text<O: AsRef<am::ObjId>>(
        &mut self,
        _: O,
        _: &str,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn batch_create<O: AsRef<am::ObjId>, P: Into<am::Prop>>(
        &mut self,
        _: O,
        _: P,
        _: am::hydrate::Value,
        _: bool,
    ) -> Result<(), am::AutomergeError> {
        Err(am::AutomergeError::Fail)
    }

    fn init_root_from_hydrate(
        &mut self,
        value: &am::hydrate::Map,
    ) -> Result<(), am::AutomergeError> {
        self.encoded = Some(self.ops.map(&legacy::ObjectId::Root, value).is_some());
        Ok(())
    }
}

/// The ops of one change, numbered from 1 by one actor, as a transaction numbers them.
struct Ops<'a> {
    actor: &'a am::ActorId,
    ops: Vec<legacy::Op>,
}

impl Ops<'_> {
    /// Adds an op; returns its id (which names the object it makes, if any).
    fn push(
        &mut self,
        obj: &legacy::ObjectId,
        key: legacy::Key,
        value: &am::hydrate::Value,
    ) -> Option<legacy::OpId> {
        let action = match value {
            am::hydrate::Value::Scalar(scalar) => legacy::OpType::Put(scalar.clone()),
            am::hydrate::Value::Map(_) => legacy::OpType::Make(am::ObjType::Map),
            am::hydrate::Value::List(_) => legacy::OpType::Make(am::ObjType::List),
            // Text is a sequence of characters with marks: left to the op-by-op path.
            am::hydrate::Value::Text(_) => return None,
        };
        let insert = matches!(key, legacy::Key::Seq(_));
        self.ops.push(legacy::Op {
            action,
            obj: obj.clone(),
            key,
            pred: legacy::SortedVec::new(),
            insert,
        });
        let id = legacy::OpId(self.ops.len() as u64, self.actor.clone());
        self.fill(&id, value)?;
        Some(id)
    }

    /// The contents of an object just made (map keys in order, list items head first).
    fn fill(&mut self, id: &legacy::OpId, value: &am::hydrate::Value) -> Option<()> {
        let obj = legacy::ObjectId::Id(id.clone());
        match value {
            am::hydrate::Value::Map(map) => self.map(&obj, map),
            am::hydrate::Value::List(list) => {
                let mut previous = legacy::ElementId::Head;
                for item in list.iter() {
                    let id = self.push(&obj, legacy::Key::Seq(previous), &item.value)?;
                    previous = legacy::ElementId::Id(id);
                }
                Some(())
            }
            _ => Some(()),
        }
    }

    fn map(&mut self, obj: &legacy::ObjectId, map: &am::hydrate::Map) -> Option<()> {
        let mut keys: Vec<(&String, &am::hydrate::MapValue)> = map.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        for (key, entry) in keys {
            self.push(obj, legacy::Key::Map(key.as_str().into()), &entry.value)?;
        }
        Some(())
    }
}

/// The bytes of a new document holding `root` (a value that reconciles as a map), as one change
/// by `actor` at `time` with `message`: what `save_after(&[])` of an empty document after
/// `reconcile` and a commit would give, without building the document. `None` when the value
/// holds something only the op-by-op path writes (text).
pub(crate) fn first_change<R: Reconcile>(
    root: R,
    actor: &am::ActorId,
    time: i64,
    message: String,
) -> Result<Option<Vec<u8>>, autosurgeon::ReconcileError> {
    thread_local! {
        // What every capture reads: an empty document, made once (it draws a random actor).
        static EMPTY: am::Automerge = am::Automerge::new();
    }
    let ops = EMPTY.with(|empty| {
        let mut capture = CaptureRoot {
            empty,
            ops: Ops {
                actor,
                ops: Vec::new(),
            },
            encoded: None,
        };
        autosurgeon::reconcile(&mut capture, root)?;
        Ok::<_, autosurgeon::ReconcileError>(match capture.encoded {
            Some(true) if !capture.ops.ops.is_empty() => Some(capture.ops.ops),
            _ => None,
        })
    })?;
    let Some(operations) = ops else {
        return Ok(None);
    };
    let change = am::ExpandedChange {
        operations,
        actor_id: actor.clone(),
        hash: None,
        seq: 1,
        start_op: std::num::NonZeroU64::MIN,
        time,
        message: Some(message),
        deps: Vec::new(),
        extra_bytes: Vec::new(),
        author: None,
    };
    Ok(Some(am::Change::from(change).raw_bytes().to_vec()))
}
