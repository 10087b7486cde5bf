//! Trust: who may decide what, and decisions anyone can check offline (issue 16).
//!
//! A decision that someone else relies on (a disposal approved, a wipe verified, a purchase
//! approved) is signed on the deciding device with the member's own key ([`keys::DeviceKey`],
//! ed25519; made on the device, never synced). What is signed is a [`Decision`]: the record,
//! the action, the SHA-256 of the exact content decided on, the time, the member and the key.
//! Every device checks every decision against the workspace's [`Roster`] (its members, their
//! capabilities over time and their keys, signed by the team server), without a network, and
//! gets a [`Verdict`]: valid, or exactly what is wrong.
//!
//! A decision is made through a [`Signer`], which signs only what the roster lets the member
//! decide, so a refusal comes at once on the deciding device, with its reason.

pub mod access;
pub mod decision;
pub mod keys;
pub mod roster;
pub mod roster_text;
pub mod roster_view;
pub mod signer;

pub use access::{AccessCode, EditAccess, Role, WriteScope};
pub use decision::{verify_all, Decision, SignedDecision, Verdict};
pub use keys::{DeviceKey, KeyId, PublicKey};
pub use roster::{Capability, Grant, Member, RegisteredKey, Roster, SignedRoster};
pub use roster_text::roster_text;
pub use roster_view::{
    members_me, roster_view, Account, DeviceKeyStatus, GrantView, KeyView, MemberView, MembersMe,
    RosterStatus, RosterView,
};
pub use signer::{content_hash, SignRefusal, Signer};
