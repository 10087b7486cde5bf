//! What the member logged in on this device may change, by their role in the roster kept
//! here: a viewer nothing, an auditor audits only, an editor or an admin everything.
//!
//! The team server refuses a viewer's pushes (`read_only`) and an auditor's pushes of
//! anything but audit records (`not_entitled`), so an edit the role does not allow could
//! never reach anyone: the device holds it back forever. The app therefore refuses such a
//! write before anything is written ([`EditAccess::allows`]), whatever its screens show. This
//! is a convenience for the member, not a guard: a device's roster is its own to change, and
//! the server's check is the one that holds.
//!
//! ```
//! use cloudwright_core::trust::{EditAccess, WriteScope};
//!
//! assert!(EditAccess::AuditsOnly.allows(WriteScope::AuditRecords).is_ok());
//! assert!(EditAccess::AuditsOnly.allows(WriteScope::Records).is_err());
//! assert!(EditAccess::ReadOnly.allows(WriteScope::ThisDevice).is_ok());
//! ```

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::roster::Roster;
use crate::problem::{Problem, ProblemCode};

/// A member's role in a workspace, as the roster names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Admin,
    Editor,
    Auditor,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Auditor, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Auditor => "auditor",
            Role::Viewer => "viewer",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|role| role.code() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a role (admin, editor, auditor, viewer)"))
    }
}

/// What a write changes, which decides who may make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteScope {
    /// The workspace's records (anything that syncs but audits).
    Records,
    /// Audit records: what an auditor may change.
    AuditRecords,
    /// Nothing that syncs: this device's settings, another workspace, the login, a backup,
    /// or the roster on the server (which decides itself who may change it).
    ThisDevice,
}

/// What the member logged in here may change in the open workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EditAccess {
    /// Everything: an editor or an admin, or a workspace with no roster to say otherwise
    /// (not logged in, or not synced since its server had rosters).
    Everything,
    /// Audit records only: an auditor.
    AuditsOnly,
    /// Nothing: a viewer.
    ReadOnly,
    /// Nothing: the account logged in here is not a member of the workspace's roster.
    NotAMember,
}

/// Why a write was refused, as a code the UI words (`problem.{code}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AccessCode {
    /// A viewer's account: it may read the workspace, not change it.
    ReadOnly,
    /// An auditor's account: it may record audits, not change other records.
    AuditsOnly,
    /// The account is not a member of the workspace's roster.
    NotAMember,
    /// Changing the members needs the admin role or the `administer_members` capability.
    NeedsMemberAdmin,
}

impl ProblemCode for AccessCode {
    fn code(self) -> &'static str {
        match self {
            AccessCode::ReadOnly => "read_only",
            AccessCode::AuditsOnly => "audits_only",
            AccessCode::NotAMember => "not_a_member",
            AccessCode::NeedsMemberAdmin => "needs_member_admin",
        }
    }

    fn english(self, _value: &str) -> String {
        match self {
            AccessCode::ReadOnly => {
                "this account is a viewer here: it may read the workspace but not change it".into()
            }
            AccessCode::AuditsOnly => {
                "this account is an auditor here: it may record audits but not change other records"
                    .into()
            }
            AccessCode::NotAMember => {
                "this account is not a member of the workspace's roster: it cannot change anything"
                    .into()
            }
            AccessCode::NeedsMemberAdmin => {
                "changing the members needs the admin role or the administer_members capability"
                    .into()
            }
        }
    }
}

impl EditAccess {
    /// The access of `user_id` by `roster`: none, or an account with no id (a login from
    /// before accounts had ids), restricts nothing. A role this version does not know
    /// restricts nothing here either; the server still decides what it takes.
    pub fn of(roster: Option<&Roster>, user_id: &str) -> EditAccess {
        let Some(roster) = roster else {
            return EditAccess::Everything;
        };
        if user_id.is_empty() {
            return EditAccess::Everything;
        }
        let Some(member) = roster.member(user_id) else {
            return EditAccess::NotAMember;
        };
        match member.role.parse::<Role>() {
            Ok(Role::Viewer) => EditAccess::ReadOnly,
            Ok(Role::Auditor) => EditAccess::AuditsOnly,
            Ok(Role::Admin | Role::Editor) | Err(_) => EditAccess::Everything,
        }
    }

    /// Whether a write of `scope` may run, or the problem that refuses it.
    pub fn allows(self, scope: WriteScope) -> Result<(), AccessCode> {
        match (self, scope) {
            (_, WriteScope::ThisDevice) | (EditAccess::Everything, _) => Ok(()),
            (EditAccess::AuditsOnly, WriteScope::AuditRecords) => Ok(()),
            (EditAccess::AuditsOnly, WriteScope::Records) => Err(AccessCode::AuditsOnly),
            (EditAccess::ReadOnly, _) => Err(AccessCode::ReadOnly),
            (EditAccess::NotAMember, _) => Err(AccessCode::NotAMember),
        }
    }
}

impl AccessCode {
    /// The refusal as the one problem it is (about the account, not a field).
    pub fn problem(self) -> Problem {
        Problem::state(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::WorkspaceId;
    use crate::trust::Member;

    fn roster(roles: &[(&str, &str)]) -> Roster {
        Roster {
            workspace: WorkspaceId(ulid::Ulid(5)),
            version: 1,
            issued_at_ms: 0,
            members: roles
                .iter()
                .map(|(user_id, role)| Member {
                    user_id: (*user_id).into(),
                    name: (*user_id).into(),
                    role: (*role).into(),
                    grants: Vec::new(),
                    keys: Vec::new(),
                    claimed_identities: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn each_role_may_write_what_the_server_takes_from_it() {
        let roster = roster(&[
            ("u-admin", "admin"),
            ("u-editor", "editor"),
            ("u-auditor", "auditor"),
            ("u-viewer", "viewer"),
            ("u-newer", "purchaser"),
        ]);
        let access = |user: &str| EditAccess::of(Some(&roster), user);
        assert_eq!(access("u-admin"), EditAccess::Everything);
        assert_eq!(access("u-editor"), EditAccess::Everything);
        assert_eq!(access("u-auditor"), EditAccess::AuditsOnly);
        assert_eq!(access("u-viewer"), EditAccess::ReadOnly);
        assert_eq!(access("u-stranger"), EditAccess::NotAMember);
        // A role from a newer server, no roster, or a login without an account id: no
        // restriction here (the server still refuses what it refuses).
        assert_eq!(access("u-newer"), EditAccess::Everything);
        assert_eq!(EditAccess::of(None, "u-viewer"), EditAccess::Everything);
        assert_eq!(EditAccess::of(Some(&roster), ""), EditAccess::Everything);

        use WriteScope::*;
        for scope in [Records, AuditRecords, ThisDevice] {
            assert_eq!(EditAccess::Everything.allows(scope), Ok(()));
        }
        assert_eq!(EditAccess::AuditsOnly.allows(AuditRecords), Ok(()));
        assert_eq!(
            EditAccess::AuditsOnly.allows(Records),
            Err(AccessCode::AuditsOnly)
        );
        assert_eq!(
            EditAccess::ReadOnly.allows(Records),
            Err(AccessCode::ReadOnly)
        );
        assert_eq!(
            EditAccess::ReadOnly.allows(AuditRecords),
            Err(AccessCode::ReadOnly)
        );
        assert_eq!(
            EditAccess::NotAMember.allows(Records),
            Err(AccessCode::NotAMember)
        );
        // This device's own settings, a login or a backup are anyone's.
        for access in [EditAccess::ReadOnly, EditAccess::NotAMember] {
            assert_eq!(access.allows(ThisDevice), Ok(()));
        }
        assert_eq!(AccessCode::ReadOnly.problem().code, "read_only");
    }

    #[test]
    fn roles_round_trip_through_their_codes() {
        for role in Role::ALL {
            assert_eq!(role.code().parse(), Ok(role));
        }
        assert!("owner".parse::<Role>().is_err());
    }
}
