//! The roster's records: device keys, claims, grants over time, and the version that grows
//! with every change of them.

use rand::SeedableRng;

use cloudwright_core::trust::{Capability, DeviceKey};

use super::*;

struct Team {
    _dir: tempfile::TempDir,
    store: Store,
    auth: Auth,
    rng: rand::rngs::StdRng,
    alpha: WorkspaceId,
    beta: WorkspaceId,
}

fn team() -> anyhow::Result<Team> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    let auth = Auth::open(&store)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let alpha = store.create_workspace("Alpha", 0)?.id;
    let beta = store.create_workspace("Beta", 0)?.id;
    auth.add_member(
        "kim",
        "password-1",
        None,
        &alpha,
        Role::Editor,
        1_000,
        &mut rng,
    )?;
    auth.add_member(
        "kim",
        "password-1",
        None,
        &beta,
        Role::Viewer,
        1_000,
        &mut rng,
    )?;
    auth.add_member(
        "lee",
        "password-2",
        None,
        &alpha,
        Role::Admin,
        1_000,
        &mut rng,
    )?;
    Ok(Team {
        _dir: dir,
        store,
        auth,
        rng,
        alpha,
        beta,
    })
}

fn user(team: &Team, name: &str) -> UserRecord {
    team.auth.user(name).ok().flatten().expect("a user")
}

fn login<'a>(key: &DeviceKey, local: Option<&'a str>) -> DeviceLogin<'a> {
    DeviceLogin {
        public: key.public(),
        device_name: "kim-laptop\u{7}",
        local_identity: local,
    }
}

#[test]
fn a_login_registers_its_key_once_and_a_revoked_key_stays_revoked() -> anyhow::Result<()> {
    let t = team()?;
    let kim = user(&t, "kim");
    let laptop = DeviceKey::generate();
    let before = t.auth.roster_version(&t.alpha)?;
    let registered = t.auth.register_device(&kim, &login(&laptop, None), 5_000)?;
    assert_eq!(registered, (KeyState::Added, ClaimOutcome::None));
    let after = t.auth.roster_version(&t.alpha)?;
    assert!(after > before, "{before} -> {after}");
    assert!(
        t.auth.roster_version(&t.beta)? > 0,
        "every workspace of kim's"
    );
    // Again: known, nothing changes.
    let again = t.auth.register_device(&kim, &login(&laptop, None), 6_000)?;
    assert_eq!(again.0, KeyState::Known);
    assert_eq!(t.auth.roster_version(&t.alpha)?, after);
    let keys = t.auth.keys("kim")?;
    assert_eq!(keys.len(), 1);
    assert_eq!(
        keys[0].device_name, "kim-laptop",
        "control characters dropped"
    );
    assert_eq!(keys[0].added_at_ms, 5_000);

    // A lost laptop: revoked at a time; the roster says when; the key cannot log in again.
    let revoked = t.auth.revoke_key(None, &laptop.public().id(), 7_000)?;
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].0, "kim");
    let roster = t.auth.roster(&t.alpha, 8_000)?;
    let member = roster.member(&kim.id).expect("kim in the roster");
    assert_eq!(member.keys[0].revoked_at_ms, Some(7_000));
    assert!(roster.version > after);
    assert_eq!(
        t.auth
            .register_device(&kim, &login(&laptop, None), 9_000)?
            .0,
        KeyState::Revoked {
            revoked_at_ms: 7_000
        }
    );
    // Revoking again keeps the first time.
    t.auth
        .revoke_key(Some("kim"), &laptop.public().id(), 9_500)?;
    assert_eq!(t.auth.keys("kim")?[0].revoked_at_ms, Some(7_000));
    assert!(matches!(
        t.auth
            .revoke_key(None, &DeviceKey::generate().public().id(), 9_000),
        Err(AuthError::UnknownKey(_))
    ));
    Ok(())
}

#[test]
fn the_first_account_to_claim_a_local_identity_keeps_it() -> anyhow::Result<()> {
    let t = team()?;
    let (kim, lee) = (user(&t, "kim"), user(&t, "lee"));
    let local = ulid::Ulid::from_parts(1, 2).to_string();
    let key = DeviceKey::generate();
    let (_, claim) = t
        .auth
        .register_device(&kim, &login(&key, Some(&local)), 5_000)?;
    assert_eq!(claim, ClaimOutcome::Claimed);
    let version = t.auth.roster_version(&t.alpha)?;
    let (_, claim) = t
        .auth
        .register_device(&lee, &login(&key, Some(&local)), 6_000)?;
    assert_eq!(claim, ClaimOutcome::ClaimedByAnother { user: "kim".into() });
    let (_, claim) = t
        .auth
        .register_device(&kim, &login(&key, Some(&local)), 7_000)?;
    assert_eq!(claim, ClaimOutcome::AlreadyTheirs);
    assert_eq!(t.auth.claimed_by(&local)?, Some(kim.id.clone()));
    assert_eq!(t.auth.claim(&local)?.map(|c| c.claimed_at_ms), Some(5_000));
    // lee's login registered the key to lee (a new key for lee), not the claim.
    let roster = t.auth.roster(&t.alpha, 8_000)?;
    assert_eq!(
        roster.member(&kim.id).map(|m| m.claimed_identities.clone()),
        Some(vec![local.clone()])
    );
    assert!(roster
        .member(&lee.id)
        .is_some_and(|m| m.claimed_identities.is_empty() && m.keys.len() == 1));
    assert!(roster.version > version);
    Ok(())
}

#[test]
fn grants_hold_over_time_with_their_limits_and_each_change_grows_the_version() -> anyhow::Result<()>
{
    let mut t = team()?;
    let kim = user(&t, "kim");
    let purchases = Capability::ApprovePurchases;
    let limits = Limits {
        max_amount_krw: Some(5_000_000),
        categories: vec![" server ".into(), "network".into()],
    };
    let v0 = t.auth.roster_version(&t.alpha)?;
    t.auth.grant(
        "kim", &t.alpha, purchases, &limits, "lee", 10_000, &mut t.rng,
    )?;
    let v1 = t.auth.roster_version(&t.alpha)?;
    assert!(v1 > v0);
    assert!(t.auth.holds("kim", &t.alpha, purchases, 10_000)?);
    assert!(!t.auth.holds("kim", &t.alpha, purchases, 9_999)?);
    assert!(
        !t.auth.holds("kim", &t.beta, purchases, 10_000)?,
        "per workspace"
    );

    // Granted again with another limit: the first ends, the second holds.
    let wider = Limits {
        max_amount_krw: Some(20_000_000),
        categories: Vec::new(),
    };
    t.auth.grant(
        "kim", &t.alpha, purchases, &wider, "lee", 20_000, &mut t.rng,
    )?;
    t.auth.ungrant("kim", &t.alpha, purchases, 30_000)?;
    let v3 = t.auth.roster_version(&t.alpha)?;
    assert!(v3 > v1);
    let member = t.auth.roster(&t.alpha, 40_000)?;
    let member = member.member(&kim.id).expect("kim");
    let grants: Vec<_> = member
        .grants
        .iter()
        .map(|g| {
            (
                g.from_ms,
                g.until_ms,
                g.max_amount_krw,
                g.categories.clone(),
            )
        })
        .collect();
    assert_eq!(
        grants,
        vec![
            (
                10_000,
                Some(20_000),
                Some(5_000_000),
                vec!["server".to_owned(), "network".to_owned()]
            ),
            (20_000, Some(30_000), Some(20_000_000), Vec::new()),
        ]
    );
    assert!(member.entitled(purchases, 15_000));
    assert!(member
        .grant_at(purchases, 25_000)
        .is_some_and(|g| g.allows_purchase(20_000_000, "x")));
    assert!(!member.entitled(purchases, 30_000));
    assert!(matches!(
        t.auth.ungrant("kim", &t.alpha, purchases, 31_000),
        Err(AuthError::NotGranted { .. })
    ));
    assert!(matches!(
        t.auth.grant(
            "kim",
            &t.alpha,
            Capability::VerifyWipes,
            &limits,
            "lee",
            1,
            &mut t.rng
        ),
        Err(AuthError::LimitsOnlyForPurchases(_))
    ));
    let outsider = t.store.create_workspace("Gamma", 0)?.id;
    assert!(matches!(
        t.auth.grant(
            "kim",
            &outsider,
            Capability::VerifyWipes,
            &Limits::default(),
            "lee",
            1,
            &mut t.rng
        ),
        Err(AuthError::NotAMember { .. })
    ));

    // Roles and memberships grow the version too; it never goes back, whatever the clock.
    t.auth.set_role("kim", &t.alpha, Role::Auditor, 1)?;
    let v4 = t.auth.roster_version(&t.alpha)?;
    assert_eq!(v4, v3 + 1, "a clock behind the last version still grows it");
    t.auth.remove_member("kim", &t.alpha, 50_000)?;
    assert_eq!(t.auth.roster_version(&t.alpha)?, 50_000);
    // A former member who held a capability stays in the roster, as `former`, with every
    // grant ended: what kim decided while entitled still checks on every device.
    let roster = t.auth.roster(&t.alpha, 50_000)?;
    let former = roster.member(&kim.id).expect("kim, former");
    assert_eq!(former.role, "former");
    assert!(former.grants.iter().all(|g| g.until_ms.is_some()));
    assert!(former.entitled(purchases, 25_000));
    assert!(!former.entitled(purchases, 50_000));
    Ok(())
}

#[test]
fn a_removed_member_keeps_their_grants_ended_at_the_removal() -> anyhow::Result<()> {
    let mut t = team()?;
    let kim = user(&t, "kim");
    t.auth.grant(
        "kim",
        &t.alpha,
        Capability::ApproveDisposals,
        &Limits::default(),
        "lee",
        10_000,
        &mut t.rng,
    )?;
    t.auth.remove_member("kim", &t.alpha, 20_000)?;
    let roster = t.auth.roster(&t.alpha, 30_000)?;
    let former = roster.member(&kim.id).expect("kim stays, as former");
    assert_eq!(former.role, "former");
    assert!(former.entitled(Capability::ApproveDisposals, 15_000));
    assert!(!former.entitled(Capability::ApproveDisposals, 20_000));
    // A member never granted anything leaves no trace in the roster.
    let lee = user(&t, "lee");
    t.auth.remove_member("lee", &t.alpha, 40_000)?;
    assert!(t.auth.roster(&t.alpha, 40_000)?.member(&lee.id).is_none());
    // Added back, kim is a member again, with the old grants ended.
    t.auth.add_member(
        "kim",
        "password-1",
        None,
        &t.alpha,
        Role::Editor,
        50_000,
        &mut t.rng,
    )?;
    let back = t.auth.roster(&t.alpha, 50_000)?;
    let kim_again = back.member(&kim.id).expect("kim");
    assert_eq!(kim_again.role, "editor");
    assert!(!kim_again.entitled(Capability::ApproveDisposals, 50_000));
    Ok(())
}

#[test]
fn keys_grants_claims_and_versions_survive_export_and_import() -> anyhow::Result<()> {
    let mut t = team()?;
    let kim = user(&t, "kim");
    let key = DeviceKey::generate();
    let local = ulid::Ulid::from_parts(1, 9).to_string();
    t.auth
        .register_device(&kim, &login(&key, Some(&local)), 5_000)?;
    t.auth.grant(
        "kim",
        &t.alpha,
        Capability::VerifyWipes,
        &Limits::default(),
        "lee",
        6_000,
        &mut t.rng,
    )?;
    let exported = t.auth.export_accounts(7_000)?;
    let roster_before = t.auth.roster(&t.alpha, 7_000)?;

    let other = tempfile::tempdir()?;
    let store = Store::open(other.path())?;
    for meta in t.store.workspaces()? {
        store.adopt_workspace(&meta)?;
    }
    let restored = Auth::open(&store)?;
    let json = serde_json::to_string(&exported)?;
    let imported = restored.import_accounts(&serde_json::from_str(&json)?, &|_| true, 100_000)?;
    assert_eq!((imported.keys, imported.grants), (1, 1));
    let roster_after = restored.roster(&t.alpha, 7_000)?;
    assert_eq!(roster_after.members, roster_before.members);
    assert!(
        roster_after.version >= 100_000,
        "above every version signed before the restore: {}",
        roster_after.version
    );
    assert_eq!(restored.claimed_by(&local)?, Some(kim.id));
    Ok(())
}
