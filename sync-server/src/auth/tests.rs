use rand::SeedableRng;

use super::*;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    auth: Auth,
    rng: rand::rngs::StdRng,
}

fn fixture() -> anyhow::Result<Fixture> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    let auth = Auth::open(&store)?;
    Ok(Fixture {
        _dir: dir,
        store,
        auth,
        rng: rand::rngs::StdRng::seed_from_u64(1),
    })
}

#[test]
fn members_are_added_once_and_keep_their_password() -> anyhow::Result<()> {
    let mut f = fixture()?;
    let a = f.store.create_workspace("A", 1_000)?.id;
    let b = f.store.create_workspace("B", 1_000)?.id;
    f.auth
        .add_member("kim", "password-1", &a, Role::Editor, 1_000, &mut f.rng)?;
    f.auth
        .add_member("kim", "password-1", &b, Role::Viewer, 2_000, &mut f.rng)?;
    let refused = f
        .auth
        .add_member("kim", "password-2", &b, Role::Admin, 3_000, &mut f.rng);
    assert!(matches!(refused, Err(AuthError::PasswordMismatch(_))));

    let mut memberships = f.auth.memberships("kim")?;
    memberships.sort_by_key(|(workspace, _)| *workspace);
    let mut expected = vec![(a, Role::Editor), (b, Role::Viewer)];
    expected.sort_by_key(|(workspace, _)| *workspace);
    assert_eq!(memberships, expected);
    assert_eq!(f.auth.users()?.len(), 1);
    assert_eq!(f.auth.users()?[0].created_at_ms, 1_000);

    f.auth.set_role("kim", &b, Role::Auditor)?;
    assert_eq!(f.auth.role("kim", &b)?, Some(Role::Auditor));
    f.auth.remove_member("kim", &a)?;
    assert_eq!(f.auth.role("kim", &a)?, None);
    assert!(matches!(
        f.auth.set_role("kim", &a, Role::Admin),
        Err(AuthError::NotAMember { .. })
    ));
    Ok(())
}

#[test]
fn names_and_passwords_are_checked() -> anyhow::Result<()> {
    let mut f = fixture()?;
    let a = f.store.create_workspace("A", 1_000)?.id;
    for bad in ["", " kim", "a/b", "tab\there"] {
        let result = f
            .auth
            .add_member(bad, "password-1", &a, Role::Editor, 1, &mut f.rng);
        assert!(matches!(result, Err(AuthError::InvalidUserName)), "{bad:?}");
    }
    let short = f
        .auth
        .add_member("kim", "short", &a, Role::Editor, 1, &mut f.rng);
    assert!(matches!(short, Err(AuthError::PasswordTooShort)));
    assert!(f.auth.users()?.is_empty());
    Ok(())
}

#[test]
fn logins_check_the_password_and_tokens_expire_and_revoke() -> anyhow::Result<()> {
    let mut f = fixture()?;
    let a = f.store.create_workspace("A", 1_000)?.id;
    f.auth
        .add_member("kim", "password-1", &a, Role::Editor, 1_000, &mut f.rng)?;
    assert!(f.auth.check_login("kim", "password-1")?.is_some());
    assert!(f.auth.check_login("kim", "password-2")?.is_none());
    assert!(f.auth.check_login("lee", "password-1")?.is_none());

    let session = f.auth.issue_token(
        "kim",
        TokenKind::Session,
        None,
        1_000,
        Some(2_000),
        &mut f.rng,
    )?;
    let api = f.auth.issue_token(
        "kim",
        TokenKind::Api,
        Some("ci".into()),
        1_000,
        None,
        &mut f.rng,
    )?;
    assert_eq!(f.auth.authenticate(&session.secret, 1_999)?.user, "kim");
    assert_eq!(
        f.auth.authenticate(&session.secret, 2_000),
        Err(Rejection::Expired)
    );
    assert_eq!(
        f.auth.authenticate("cw_garbage", 1_000),
        Err(Rejection::Unauthenticated)
    );
    assert_eq!(f.auth.tokens("kim")?.len(), 2);

    // A password reset ends sessions but keeps API tokens.
    assert_eq!(f.auth.set_password("kim", "password-3", &mut f.rng)?, 1);
    assert_eq!(
        f.auth.authenticate(&session.secret, 1_500),
        Err(Rejection::Unauthenticated)
    );
    assert_eq!(f.auth.authenticate(&api.secret, 1_500)?.id, api.record.id);
    assert!(f.auth.check_login("kim", "password-3")?.is_some());

    // A new token clears the user's expired ones.
    f.auth.issue_token(
        "kim",
        TokenKind::Session,
        None,
        1_000,
        Some(1_500),
        &mut f.rng,
    )?;
    assert_eq!(f.auth.tokens("kim")?.len(), 2);
    f.auth.issue_token(
        "kim",
        TokenKind::Session,
        None,
        1_600,
        Some(9_000),
        &mut f.rng,
    )?;
    assert_eq!(f.auth.tokens("kim")?.len(), 2);

    f.auth.revoke_token_id(&api.record.id)?;
    assert_eq!(
        f.auth.authenticate(&api.secret, 1_500),
        Err(Rejection::Unauthenticated)
    );
    assert_eq!(f.auth.tokens("kim")?.len(), 1);
    Ok(())
}

#[test]
fn records_survive_a_reopen() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    let secret = {
        let store = Store::open(dir.path())?;
        let a = store.create_workspace("A", 1_000)?.id;
        let auth = Auth::open(&store)?;
        auth.add_member("kim", "password-1", &a, Role::Viewer, 1_000, &mut rng)?;
        auth.issue_token("kim", TokenKind::Api, None, 1_000, None, &mut rng)?
            .secret
    };
    let store = Store::open(dir.path())?;
    let auth = Auth::open(&store)?;
    assert_eq!(auth.authenticate(&secret, 5_000)?.user, "kim");
    assert_eq!(auth.memberships("kim")?[0].1, Role::Viewer);
    Ok(())
}
