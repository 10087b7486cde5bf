//! Roles that mean what they say in the app: before a `write` or `upload` command runs, the
//! dispatcher (`ipc.rs`) asks [`may_write`], which refuses it when the role the trusted roster
//! gives the logged-in account does not let it change what the command changes: a viewer
//! nothing (`read_only`), an auditor anything but audits (`not_entitled`). Nothing is written
//! then, so a screen that still shows an edit button (a roster that arrived since) cannot
//! edit either. The team server would refuse the push anyway (see `core::trust::access`).
//!
//! What a command changes is said here by name, with a safe default: a write not listed
//! changes the workspace's records, which only editors and admins may. The lists are checked
//! against the declared commands (`tests::every_listed_command_is_a_declared_write`).

use cloudwright_core::trust::{AccessCode, WriteScope};

use crate::commands::Ctx;
use crate::error::CommandError;
use crate::ipc::Reply;

/// Writes that change nothing that syncs: this device's settings, which workspace is open,
/// the login, backups and workspaces made from them, printing, and the roster on the server
/// (which decides itself who may change it). Anyone may run them.
const THIS_DEVICE_WRITES: &[&str] = &[
    "set_language",
    "set_profile",
    "workspace_create",
    "workspace_open",
    "sync_login",
    "sync_logout",
    "store_recover",
    "backup_now",
    "backup_restore",
    "workspace_import",
    "asset_tags_print",
    "members_grant",
    "members_ungrant",
    "members_set_role",
    "members_revoke_key",
];

/// Writes that change audit records only (the `audit` kind): an auditor may run them. Not
/// registering an asset on the spot, applying corrections to the records or scheduling
/// audits: those change assets and plans.
const AUDIT_WRITES: &[&str] = &[
    "audit_start",
    "audit_scan",
    "audit_mark",
    "audit_photo",
    "audit_close",
];

/// What the write command `command` changes.
pub fn write_scope(command: &str) -> WriteScope {
    if THIS_DEVICE_WRITES.contains(&command) {
        WriteScope::ThisDevice
    } else if AUDIT_WRITES.contains(&command) {
        WriteScope::AuditRecords
    } else {
        WriteScope::Records
    }
}

/// Refuses the write command `command` when the open workspace's roster does not let the
/// account logged in here make it (no workspace open: nothing to refuse).
pub fn may_write(cx: &Ctx, command: &str) -> Reply<()> {
    let scope = write_scope(command);
    if scope == WriteScope::ThisDevice {
        return Ok(());
    }
    let Some(workspace) = cx.current() else {
        return Ok(());
    };
    Ok(workspace.edit_access()?.allows(scope)?)
}

impl From<AccessCode> for CommandError {
    fn from(code: AccessCode) -> Self {
        let kind = match code {
            AccessCode::ReadOnly => "read_only",
            AccessCode::AuditsOnly | AccessCode::NotAMember | AccessCode::NeedsMemberAdmin => {
                "not_entitled"
            }
        };
        let problem = code.problem();
        CommandError::refused(kind, problem.message.clone(), vec![problem])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::Access;

    /// A name in the lists that is not a declared write (renamed, removed, or a read) would
    /// silently fall back to the default; every listed name must be one.
    #[test]
    fn every_listed_command_is_a_declared_write() {
        let signatures = crate::commands::signatures();
        for name in THIS_DEVICE_WRITES.iter().chain(AUDIT_WRITES) {
            let declared = signatures.iter().find(|s| s.name == *name);
            assert!(
                declared.is_some_and(|s| s.access == Access::Write),
                "{name} is listed in access.rs but is not a declared write command"
            );
        }
    }

    #[test]
    fn writes_are_records_unless_listed() {
        assert_eq!(write_scope("asset_edit"), WriteScope::Records);
        assert_eq!(write_scope("audit_apply"), WriteScope::Records);
        assert_eq!(write_scope("audit_register"), WriteScope::Records);
        assert_eq!(write_scope("audit_scan"), WriteScope::AuditRecords);
        assert_eq!(write_scope("set_language"), WriteScope::ThisDevice);
        assert_eq!(write_scope("a_command_added_later"), WriteScope::Records);
        let refusal = CommandError::from(AccessCode::ReadOnly);
        assert_eq!(refusal.kind, "read_only");
        assert_eq!(refusal.problems[0].code, "read_only");
        assert_eq!(
            CommandError::from(AccessCode::AuditsOnly).kind,
            "not_entitled"
        );
    }
}
