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
    f.auth.add_member(
        "kim",
        "password-1",
        None,
        &a,
        Role::Editor,
        1_000,
        &mut f.rng,
    )?;
    f.auth.add_member(
        "kim",
        "password-1",
        None,
        &b,
        Role::Viewer,
        2_000,
        &mut f.rng,
    )?;
    let refused = f.auth.add_member(
        "kim",
        "password-2",
        None,
        &b,
        Role::Admin,
        3_000,
        &mut f.rng,
    );
    assert!(matches!(refused, Err(AuthError::PasswordMismatch(_))));

    let mut memberships = f.auth.memberships("kim")?;
    memberships.sort_by_key(|(workspace, _)| *workspace);
    let mut expected = vec![(a, Role::Editor), (b, Role::Viewer)];
    expected.sort_by_key(|(workspace, _)| *workspace);
    assert_eq!(memberships, expected);
    assert_eq!(f.auth.users()?.len(), 1);
    assert_eq!(f.auth.users()?[0].created_at_ms, 1_000);

    f.auth.set_role("kim", &b, Role::Auditor, 4_000)?;
    assert_eq!(f.auth.role("kim", &b)?, Some(Role::Auditor));
    f.auth.remove_member("kim", &a, 4_000)?;
    assert_eq!(f.auth.role("kim", &a)?, None);
    assert!(matches!(
        f.auth.set_role("kim", &a, Role::Admin, 4_000),
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
            .add_member(bad, "password-1", None, &a, Role::Editor, 1, &mut f.rng);
        assert!(matches!(result, Err(AuthError::InvalidName(_))), "{bad:?}");
    }
    let short = f
        .auth
        .add_member("kim", "short", None, &a, Role::Editor, 1, &mut f.rng);
    assert!(matches!(short, Err(AuthError::PasswordTooShort)));
    assert!(f.auth.users()?.is_empty());
    Ok(())
}

#[test]
fn logins_check_the_password_and_tokens_expire_and_revoke() -> anyhow::Result<()> {
    let mut f = fixture()?;
    let a = f.store.create_workspace("A", 1_000)?.id;
    f.auth.add_member(
        "kim",
        "password-1",
        None,
        &a,
        Role::Editor,
        1_000,
        &mut f.rng,
    )?;
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
        auth.add_member("kim", "password-1", None, &a, Role::Viewer, 1_000, &mut rng)?;
        auth.issue_token("kim", TokenKind::Api, None, 1_000, None, &mut rng)?
            .secret
    };
    let store = Store::open(dir.path())?;
    let auth = Auth::open(&store)?;
    assert_eq!(auth.authenticate(&secret, 5_000)?.user, "kim");
    assert_eq!(auth.memberships("kim")?[0].1, Role::Viewer);
    Ok(())
}

#[test]
fn accounts_have_stable_ids_and_display_names() -> anyhow::Result<()> {
    let mut f = fixture()?;
    let a = f.store.create_workspace("A", 1_000)?.id;
    f.auth.add_member(
        "kim",
        "password-1",
        Some("김민준"),
        &a,
        Role::Editor,
        1_000,
        &mut f.rng,
    )?;
    f.auth.add_member(
        "lee",
        "password-2",
        None,
        &a,
        Role::Viewer,
        1_000,
        &mut f.rng,
    )?;
    let kim = f.auth.user("kim")?.expect("kim");
    let lee = f.auth.user("lee")?.expect("lee");
    assert_eq!(kim.id.len(), 26, "a ULID: {}", kim.id);
    assert_ne!(kim.id, lee.id);
    assert_eq!(kim.shown_name(), "김민준");
    assert_eq!(lee.shown_name(), "lee");

    // Adding an existing user to a workspace again keeps its id; a display name given
    // replaces the one it had.
    let b = f.store.create_workspace("B", 1_000)?.id;
    f.auth.add_member(
        "kim",
        "password-1",
        Some("김민준 책임"),
        &b,
        Role::Admin,
        2_000,
        &mut f.rng,
    )?;
    let again = f.auth.user("kim")?.expect("kim");
    assert_eq!(again.id, kim.id);
    assert_eq!(again.shown_name(), "김민준 책임");
    let refused = f.auth.add_member(
        "park",
        "password-3",
        Some("박\u{202e}"),
        &a,
        Role::Editor,
        1,
        &mut f.rng,
    );
    assert!(matches!(refused, Err(AuthError::InvalidName(_))));

    // A token carries the account's id.
    let token = f
        .auth
        .issue_token("kim", TokenKind::Api, None, 1_000, None, &mut f.rng)?;
    assert_eq!(f.auth.authenticate(&token.secret, 1_000)?.user_id, kim.id);
    Ok(())
}

#[test]
fn accounts_and_tokens_from_before_ids_get_their_id_once_and_for_good() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let secret = "cw_".to_owned() + &"ab".repeat(32);
    {
        // Records as the version before account ids wrote them.
        let store = Store::open(dir.path())?;
        let tree = store.aux_tree("auth")?;
        let mut batch = Batch::default();
        batch.put(
            "u/kim",
            br#"{"name":"kim","password_hash":"x","created_at_ms":1700000000000}"#.to_vec(),
        );
        batch.put(
            token_key(&secret),
            br#"{"id":"01T","user":"kim","kind":"api","created_at_ms":1}"#.to_vec(),
        );
        tree.apply(batch)?;
        tree.flush()?;
    }
    let id = {
        let store = Store::open(dir.path())?;
        let auth = Auth::open(&store)?;
        let kim = auth.user("kim")?.expect("kim");
        assert_eq!(kim.id, derived_user_id("kim", 1_700_000_000_000));
        assert_eq!(
            kim.id.parse::<ulid::Ulid>()?.timestamp_ms(),
            1_700_000_000_000
        );
        assert_eq!(auth.authenticate(&secret, 5)?.user_id, kim.id);
        kim.id
    };
    // Written, not derived on each read: the record on disk holds it.
    let store = Store::open(dir.path())?;
    let tree = store.aux_tree("auth")?;
    let on_disk: UserRecord = serde_json::from_slice(&tree.get(b"u/kim")?.expect("kim"))?;
    assert_eq!(on_disk.id, id);
    assert_eq!(Auth::open(&store)?.user("kim")?.expect("kim").id, id);
    Ok(())
}
