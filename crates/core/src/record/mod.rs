//! One record machinery for every kind of record.
//!
//! A kind (an asset, a rack, a cable, an audit, …) is declared once, by implementing [`Kind`]
//! in its area, and listed once in the registry (`crate::kinds`). Everything that treats
//! records alike works from that list and knows no area: the store's projections and their
//! rebuild, the in-memory indexes a workspace keeps, sync's merge (what to list, which files
//! a document names, which fields can hold concurrent values), conflicts and their findings.
//!
//! - [`Kind`]: the declaration (document id prefix, schema, list row, files, editable roots,
//!   projection, index upkeep, title);
//! - [`Registry`]: the list of kinds and indexes a store is opened with;
//! - [`Indexes`]: the in-memory indexes of an open workspace, one per area, by type;
//! - [`aggregate`]: the standard document layout (`schema`, `kind`, the value under its kind)
//!   and projection (`p/{kind}/{id}`) most kinds use;
//! - [`write`]: the one durable write path for changes of any kind;
//! - [`conflicts`]: concurrent values of one field in any kind's document;
//! - [`reconcile`]: writing a whole value without settling conflicts it leaves alone.

pub mod aggregate;
pub mod conflicts;
mod indexes;
pub mod reconcile;
mod registry;
pub mod write;

pub use indexes::{Index, Indexes};
pub use registry::{Fit, Loaded, Registry, RegistryBuilder, Upkeep};

use automerge::AutoCommit;

use crate::store::kv::{Batch, Tree};
use crate::store::StoreError;

/// A decision a record holds: what was decided, its signature (none if unsigned) and the
/// SHA-256 of the content it should be on now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldDecision {
    pub action: &'static str,
    pub signed: Option<crate::trust::SignedDecision>,
    pub content_now: [u8; 32],
}

/// A kind of record: one Automerge document per record, `{PREFIX}/{id}`.
///
/// Implement it in the record's area (usually on a marker type or the aggregate itself) and
/// add one line to `crate::kinds`; nothing in `store`, `sync` or another area changes.
pub trait Kind: Send + Sync + 'static {
    /// The document id prefix, before the first `/`.
    const PREFIX: &'static str;
    /// The version of the document's schema this build writes.
    const SCHEMA: u64;
    /// Root keys of the document that hold fields people edit. Concurrent values of a field
    /// under them are reported as conflicts (`&[]`: the kind has no editable fields).
    const EDITABLE: &'static [&'static str];
    /// Whether an auditor may write records of this kind: an auditor's pushes are taken for
    /// audit records only (editors and admins write every kind, viewers none).
    const AUDIT_RECORD: bool = false;
    /// What a workspace keeps of one record: its list row, or the aggregate itself.
    type Row: Send + Sync + 'static;

    /// The decisions the document records that others rely on (approvals, verifications),
    /// signed or not: a team server takes a push adding one only when it is signed by a
    /// member entitled to it over the content it is on (`&[]`: the kind records none).
    fn decisions(_doc: &AutoCommit, _doc_id: &str) -> Vec<HeldDecision> {
        Vec::new()
    }

    /// Reads the row out of a stored, written or merged document.
    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<Self::Row, StoreError>;

    /// Every file (lower-case hex SHA-256) the document names, so that sync fetches it.
    fn files(_doc: &AutoCommit, _row: &Self::Row) -> Vec<String> {
        Vec::new()
    }

    /// The row and the files the document names, as [`Kind::read`] and [`Kind::files`] give
    /// them; a kind that reads both in one walk over the document overrides this.
    fn read_with_files(
        doc: &mut AutoCommit,
        doc_id: &str,
    ) -> Result<(Self::Row, Vec<String>), StoreError> {
        let row = Self::read(doc, doc_id)?;
        let files = Self::files(doc, &row);
        Ok((row, files))
    }

    /// Adds the rows' projections to `batch` (all rows of one write or merge at once).
    fn put_projections(
        tree: &dyn Tree,
        batch: &mut Batch,
        rows: &[&Self::Row],
    ) -> Result<(), StoreError>;

    /// Adds the deletion of every projection of this kind to `batch` (before a rebuild):
    /// everything under `p/{PREFIX}/`.
    fn clear_projections(tree: &dyn Tree, batch: &mut Batch) -> Result<(), StoreError> {
        aggregate::clear_projections(tree, batch, Self::PREFIX)
    }

    /// Puts written or merged rows into the workspace's in-memory indexes.
    fn upsert(indexes: &Indexes, rows: Vec<Self::Row>);

    /// Whether the workspace holds this record (its index knows it): a record it does not is
    /// written as a new document, encoded from the value.
    fn indexed(indexes: &Indexes, doc_id: &str) -> bool;

    /// How a person recognises the record (an asset tag, a rack's name, a cable's label),
    /// read from the indexes; empty when it is not known.
    fn title(indexes: &Indexes, doc_id: &str) -> String;
}

/// The kind prefix of a document id (`rack/01H…` → `rack`).
pub fn prefix_of(doc_id: &str) -> &str {
    doc_id.split('/').next().unwrap_or_default()
}
