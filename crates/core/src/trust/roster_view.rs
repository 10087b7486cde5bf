//! The roster as a members screen shows it, and the member logged in on this device as the
//! app sees them: both made from the roster a device keeps ([`RosterState`]), the account it
//! is logged in as and this device's public key, at `now_ms`. No I/O: the caller reads those.

use serde::Serialize;
use ts_rs::TS;

use super::access::EditAccess;
use super::keys::PublicKey;
use super::roster::{Capability, Grant, Member, RegisteredKey, Roster};
use crate::sync::RosterState;

/// The roster kept here, as far as it can be trusted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum RosterStatus {
    /// None yet: the workspace has not synced since its server had rosters (or is not
    /// logged in to a team).
    None,
    /// Signed by the server key pinned at login.
    Verified {
        #[ts(type = "number")]
        version: u64,
        #[ts(type = "number")]
        issued_at_ms: i64,
    },
    /// Changed where it is kept: not trusted. The next sync replaces it.
    Tampered,
}

impl RosterStatus {
    pub fn of(state: &RosterState) -> RosterStatus {
        match state {
            RosterState::None => RosterStatus::None,
            RosterState::Verified(roster) => RosterStatus::Verified {
                version: roster.version,
                issued_at_ms: roster.issued_at_ms,
            },
            RosterState::Tampered => RosterStatus::Tampered,
        }
    }
}

/// A capability granted to a member, from a time until another (or still), with its limits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GrantView {
    pub capability: Capability,
    #[ts(type = "number")]
    pub from_ms: i64,
    #[ts(type = "number | null")]
    pub until_ms: Option<i64>,
    /// Held now.
    pub in_force: bool,
    /// For `approve_purchases`: the largest amount in won it approves (none: any).
    #[ts(type = "number | null")]
    pub max_amount_krw: Option<u64>,
    /// For `approve_purchases`: the categories it approves (empty: every one).
    pub categories: Vec<String>,
}

impl GrantView {
    fn of(grant: &Grant, now_ms: i64) -> GrantView {
        GrantView {
            capability: grant.capability,
            from_ms: grant.from_ms,
            until_ms: grant.until_ms,
            in_force: grant.covers(now_ms),
            max_amount_krw: grant.max_amount_krw,
            categories: grant.categories.clone(),
        }
    }
}

/// A device key registered to a member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyView {
    /// The key's id (what a revocation names).
    pub id: String,
    /// The device's name as it told it at login.
    pub device_name: String,
    #[ts(type = "number")]
    pub added_at_ms: i64,
    #[ts(type = "number | null")]
    pub revoked_at_ms: Option<i64>,
    /// This device's own key.
    pub this_device: bool,
}

impl KeyView {
    fn of(key: &RegisteredKey, this_device: Option<&PublicKey>) -> KeyView {
        KeyView {
            id: key.public.id().0,
            device_name: key.device_name.clone(),
            added_at_ms: key.added_at_ms,
            revoked_at_ms: key.revoked_at_ms,
            this_device: this_device == Some(&key.public),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MemberView {
    pub user_id: String,
    pub name: String,
    /// admin, editor, auditor or viewer (a newer server's role as it is).
    pub role: String,
    /// Every grant, held now or not, newest first.
    pub grants: Vec<GrantView>,
    /// Every key, revoked ones too, newest first.
    pub keys: Vec<KeyView>,
    /// The account logged in on this device.
    pub me: bool,
}

impl MemberView {
    fn of(member: &Member, me: &str, key: Option<&PublicKey>, now_ms: i64) -> MemberView {
        let mut grants: Vec<GrantView> = member
            .grants
            .iter()
            .map(|grant| GrantView::of(grant, now_ms))
            .collect();
        grants.sort_by_key(|grant| std::cmp::Reverse(grant.from_ms));
        let mut keys: Vec<KeyView> = member.keys.iter().map(|k| KeyView::of(k, key)).collect();
        keys.sort_by_key(|key| std::cmp::Reverse(key.added_at_ms));
        MemberView {
            user_id: member.user_id.clone(),
            name: member.name.clone(),
            role: member.role.clone(),
            grants,
            keys,
            me: !me.is_empty() && member.user_id == me,
        }
    }
}

/// The roster for the members screen: its status and, when it can be trusted, its members
/// (admins first, then editors, auditors and viewers, each by name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RosterView {
    pub status: RosterStatus,
    pub members: Vec<MemberView>,
}

/// Where a role sorts in the list: admins first.
fn role_rank(role: &str) -> usize {
    ["admin", "editor", "auditor", "viewer"]
        .iter()
        .position(|known| *known == role)
        .unwrap_or(4)
}

/// The roster kept here as the members screen lists it (a tampered roster lists nobody: it is
/// not to be trusted for anything).
pub fn roster_view(
    state: &RosterState,
    me: &str,
    this_device: Option<&PublicKey>,
    now_ms: i64,
) -> RosterView {
    let mut members: Vec<MemberView> = match state {
        RosterState::Verified(roster) => roster
            .members
            .iter()
            .map(|member| MemberView::of(member, me, this_device, now_ms))
            .collect(),
        RosterState::None | RosterState::Tampered => Vec::new(),
    };
    members.sort_by(|a, b| {
        (role_rank(&a.role), &a.name, &a.user_id).cmp(&(role_rank(&b.role), &b.name, &b.user_id))
    });
    RosterView {
        status: RosterStatus::of(state),
        members,
    }
}

/// This device's key as the roster knows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum DeviceKeyStatus {
    /// No trusted roster, or no login: nothing to say.
    Unknown,
    /// Not among the member's keys (log in again on this device to register it).
    NotRegistered {
        id: String,
    },
    Registered {
        id: String,
    },
    /// Revoked (a lost laptop): decisions it signed before stay valid, later ones are refused.
    Revoked {
        id: String,
        #[ts(type = "number")]
        revoked_at_ms: i64,
    },
}

/// The account a workspace is logged in as (from its sync binding).
#[derive(Clone, Copy, Debug)]
pub struct Account<'a> {
    pub server: &'a str,
    pub user_id: &'a str,
    /// How it is shown (the display name, else the login name).
    pub name: &'a str,
    /// A token is held: the server can be asked (bound but logged out: false).
    pub logged_in: bool,
}

/// Who I am in the open workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MembersMe {
    /// Bound to a team server (logged in now or before).
    pub bound: bool,
    /// A token is held: changes to the members can be asked of the server.
    pub logged_in: bool,
    #[ts(type = "string | null")]
    pub server: Option<String>,
    pub user_id: String,
    pub name: String,
    /// The role the trusted roster gives this account (none: no trusted roster, or not a
    /// member of it).
    #[ts(type = "string | null")]
    pub role: Option<String>,
    /// The capabilities held now, with their limits.
    pub capabilities: Vec<GrantView>,
    pub device_key: DeviceKeyStatus,
    pub roster: RosterStatus,
    /// What this account may change here (see [`EditAccess`]).
    pub access: EditAccess,
    /// May change the members: the admin role, or `administer_members` held now.
    pub administers: bool,
}

/// Who I am, from the roster kept here, the account the workspace is logged in as (none: not
/// bound to a team) and this device's key (none: not made yet).
pub fn members_me(
    state: &RosterState,
    account: Option<Account<'_>>,
    this_device: Option<&PublicKey>,
    now_ms: i64,
) -> MembersMe {
    let roster = match state {
        RosterState::Verified(roster) => Some(roster),
        RosterState::None | RosterState::Tampered => None,
    };
    let user_id = account.map(|a| a.user_id).unwrap_or_default();
    let member = roster.and_then(|r: &Roster| r.member(user_id).filter(|_| !user_id.is_empty()));
    let capabilities = member
        .map(|m| {
            m.grants
                .iter()
                .filter(|grant| grant.covers(now_ms))
                .map(|grant| GrantView::of(grant, now_ms))
                .collect()
        })
        .unwrap_or_default();
    let device_key = match (member, this_device) {
        (Some(member), Some(key)) => {
            let id = key.id();
            match member.key(&id) {
                None => DeviceKeyStatus::NotRegistered { id: id.0 },
                Some(RegisteredKey {
                    revoked_at_ms: Some(revoked_at_ms),
                    ..
                }) => DeviceKeyStatus::Revoked {
                    id: id.0,
                    revoked_at_ms: *revoked_at_ms,
                },
                Some(_) => DeviceKeyStatus::Registered { id: id.0 },
            }
        }
        _ => DeviceKeyStatus::Unknown,
    };
    let administers = member
        .is_some_and(|m| m.role == "admin" || m.entitled(Capability::AdministerMembers, now_ms));
    MembersMe {
        bound: account.is_some(),
        logged_in: account.is_some_and(|a| a.logged_in),
        server: account.map(|a| a.server.to_owned()),
        user_id: user_id.to_owned(),
        name: account.map(|a| a.name.to_owned()).unwrap_or_default(),
        role: member.map(|m| m.role.clone()),
        capabilities,
        device_key,
        roster: RosterStatus::of(state),
        access: EditAccess::of(roster, user_id),
        administers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::WorkspaceId;
    use crate::trust::DeviceKey;

    const DAY: i64 = 86_400_000;

    fn grant(capability: Capability, from: i64, until: Option<i64>) -> Grant {
        Grant {
            capability,
            from_ms: from * DAY,
            until_ms: until.map(|u| u * DAY),
            max_amount_krw: None,
            categories: Vec::new(),
        }
    }

    fn member(user_id: &str, name: &str, role: &str) -> Member {
        Member {
            user_id: user_id.into(),
            name: name.into(),
            role: role.into(),
            grants: Vec::new(),
            keys: Vec::new(),
            claimed_identities: Vec::new(),
        }
    }

    fn roster(members: Vec<Member>) -> Roster {
        Roster {
            workspace: WorkspaceId(ulid::Ulid(9)),
            version: 4,
            issued_at_ms: 10 * DAY,
            members,
        }
    }

    fn account(user_id: &str) -> Account<'_> {
        Account {
            server: "http://team:8080",
            user_id,
            name: "김민준",
            logged_in: true,
        }
    }

    #[test]
    fn i_am_my_roster_entry_now_with_my_capabilities_and_this_devices_key() {
        let laptop = DeviceKey::generate();
        let lost = DeviceKey::generate();
        let mut kim = member("u-kim", "김민준", "editor");
        kim.grants = vec![
            Grant {
                max_amount_krw: Some(5_000_000),
                categories: vec!["server".into()],
                ..grant(Capability::ApprovePurchases, 1, None)
            },
            grant(Capability::ApproveDisposals, 1, Some(5)),
            grant(Capability::AdministerMembers, 2, None),
        ];
        kim.keys = vec![
            RegisteredKey {
                public: laptop.public(),
                added_at_ms: DAY,
                revoked_at_ms: None,
                device_name: "kim-laptop".into(),
            },
            RegisteredKey {
                public: lost.public(),
                added_at_ms: 2 * DAY,
                revoked_at_ms: Some(3 * DAY),
                device_name: "kim-old".into(),
            },
        ];
        let state = RosterState::Verified(roster(vec![kim, member("u-lee", "이서연", "viewer")]));
        let now = 6 * DAY;

        let me = members_me(&state, Some(account("u-kim")), Some(&laptop.public()), now);
        assert_eq!(me.role.as_deref(), Some("editor"));
        assert_eq!(me.access, EditAccess::Everything);
        assert!(
            me.administers,
            "administer_members makes an editor a member admin"
        );
        let held: Vec<Capability> = me.capabilities.iter().map(|g| g.capability).collect();
        // The disposal approval ended on day 5: not held now.
        assert_eq!(
            held,
            [Capability::ApprovePurchases, Capability::AdministerMembers]
        );
        assert_eq!(me.capabilities[0].max_amount_krw, Some(5_000_000));
        assert_eq!(
            me.device_key,
            DeviceKeyStatus::Registered {
                id: laptop.public().id().0
            }
        );
        assert_eq!(
            me.roster,
            RosterStatus::Verified {
                version: 4,
                issued_at_ms: 10 * DAY
            }
        );

        let on_lost = members_me(&state, Some(account("u-kim")), Some(&lost.public()), now);
        assert_eq!(
            on_lost.device_key,
            DeviceKeyStatus::Revoked {
                id: lost.public().id().0,
                revoked_at_ms: 3 * DAY
            }
        );
        let elsewhere = DeviceKey::generate().public();
        assert!(matches!(
            members_me(&state, Some(account("u-kim")), Some(&elsewhere), now).device_key,
            DeviceKeyStatus::NotRegistered { .. }
        ));

        let viewer = members_me(&state, Some(account("u-lee")), None, now);
        assert_eq!(viewer.access, EditAccess::ReadOnly);
        assert!(!viewer.administers);
        assert_eq!(viewer.device_key, DeviceKeyStatus::Unknown);
    }

    #[test]
    fn without_a_team_or_a_trusted_roster_nothing_is_restricted_and_nobody_listed() {
        let me = members_me(&RosterState::None, None, None, 0);
        assert!(!me.bound && !me.logged_in);
        assert_eq!(me.access, EditAccess::Everything);
        assert_eq!(me.role, None);

        let tampered = members_me(&RosterState::Tampered, Some(account("u-kim")), None, 0);
        assert!(tampered.bound);
        assert_eq!(tampered.roster, RosterStatus::Tampered);
        assert_eq!(tampered.role, None);
        assert!(!tampered.administers);
        assert_eq!(tampered.access, EditAccess::Everything);
        assert!(roster_view(&RosterState::Tampered, "u-kim", None, 0)
            .members
            .is_empty());
    }

    #[test]
    fn the_list_puts_admins_first_and_marks_me_and_this_device() {
        let key = DeviceKey::generate();
        let mut kim = member("u-kim", "김민준", "editor");
        kim.keys = vec![RegisteredKey {
            public: key.public(),
            added_at_ms: DAY,
            revoked_at_ms: None,
            device_name: "kim-laptop".into(),
        }];
        kim.grants = vec![
            grant(Capability::VerifyWipes, 1, Some(2)),
            grant(Capability::ApproveDisposals, 3, None),
        ];
        let state = RosterState::Verified(roster(vec![
            member("u-choi", "최지우", "viewer"),
            kim,
            member("u-park", "박서준", "admin"),
            member("u-lee", "이서연", "auditor"),
        ]));
        let view = roster_view(&state, "u-kim", Some(&key.public()), 4 * DAY);
        let names: Vec<&str> = view.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["박서준", "김민준", "이서연", "최지우"]);
        let kim = &view.members[1];
        assert!(kim.me && kim.keys[0].this_device);
        assert_eq!(kim.keys[0].device_name, "kim-laptop");
        // Newest grant first; the ended one still listed, not in force.
        assert_eq!(kim.grants[0].capability, Capability::ApproveDisposals);
        assert!(kim.grants[0].in_force && !kim.grants[1].in_force);
        assert!(!view.members[0].me);
    }
}
