//! Login names and display names by the rules of `cloudwright_core::names`: kept in NFC,
//! refused with the reason, and an account made before names were normalised found however
//! its name is typed.

use rand::SeedableRng;

use super::accounts::{Membership, ACCOUNTS_FORMAT, ACCOUNTS_VERSION};
use super::*;
use cloudwright_core::names::NameCode;

/// "김민준" as composed syllables and as jamo.
const KIM: &str = "김민준";
const KIM_NFD: &str = "\u{1100}\u{1175}\u{11b7}\u{1106}\u{1175}\u{11ab}\u{110c}\u{116e}\u{11ab}";

fn open() -> anyhow::Result<(tempfile::TempDir, Store, Auth)> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    let auth = Auth::open(&store)?;
    Ok((dir, store, auth))
}

fn refusal(result: Result<(), AuthError>) -> Option<NameCode> {
    match result {
        Err(AuthError::InvalidName(problem)) => Some(problem.code),
        _ => None,
    }
}

#[test]
fn a_name_typed_decomposed_is_kept_composed_and_is_the_same_account() -> anyhow::Result<()> {
    let (_dir, store, auth) = open()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let a = store.create_workspace("A", 1)?.id;
    let b = store.create_workspace("B", 1)?.id;
    auth.add_member(KIM_NFD, "password-1", None, &a, Role::Editor, 1, &mut rng)?;
    auth.add_member(KIM, "password-1", None, &b, Role::Viewer, 2, &mut rng)?;
    let users = auth.users()?;
    assert_eq!(users.len(), 1, "one account, not two look-alikes");
    assert_eq!(users[0].name, KIM);
    assert_eq!(auth.role(KIM, &b)?, Some(Role::Viewer));
    for typed in [KIM, KIM_NFD] {
        assert!(
            auth.check_login(typed, "password-1")?.is_some(),
            "{typed:?}"
        );
    }
    // A display name too.
    auth.add_member(
        KIM,
        "password-1",
        Some(&format!("{KIM_NFD} 책임")),
        &a,
        Role::Editor,
        3,
        &mut rng,
    )?;
    assert_eq!(
        auth.user(KIM)?.map(|user| user.shown_name().to_owned()),
        Some(format!("{KIM} 책임"))
    );
    Ok(())
}

#[test]
fn names_with_control_bidi_or_invisible_characters_or_like_an_id_are_refused() -> anyhow::Result<()>
{
    let (_dir, store, auth) = open()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let a = store.create_workspace("A", 1)?.id;
    let mut add = |name: &str, shown: Option<&str>| {
        auth.add_member(name, "password-1", shown, &a, Role::Editor, 1, &mut rng)
    };
    assert_eq!(
        refusal(add("kim\n", None)),
        Some(NameCode::NameControlCharacter)
    );
    assert_eq!(
        refusal(add("kim\u{1b}[2J", None)),
        Some(NameCode::NameControlCharacter)
    );
    assert_eq!(
        refusal(add("kim\u{202e}gpj", None)),
        Some(NameCode::NameBidiControl)
    );
    assert_eq!(
        refusal(add("kim\u{200b}", None)),
        Some(NameCode::NameInvisibleCharacter)
    );
    assert_eq!(
        refusal(add("01JABCDEFGHJKMNPQRSTVWXYZ0", None)),
        Some(NameCode::NameLooksLikeId)
    );
    assert_eq!(
        refusal(add("kim", Some("김\u{2067}민준"))),
        Some(NameCode::NameBidiControl)
    );
    assert!(auth.users()?.is_empty(), "nothing was written");
    Ok(())
}

#[test]
fn an_account_named_before_names_were_normalised_is_found_however_it_is_typed() -> anyhow::Result<()>
{
    let (_dir, store, auth) = open()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let a = store.create_workspace("A", 1)?.id;
    // What a restore of a backup taken before brings back: a decomposed name, and one that
    // reads as an id.
    let id_like = "01JABCDEFGHJKMNPQRSTVWXYZ0";
    let legacy = |name: &str| UserRecord {
        id: derived_user_id(name, 1),
        name: name.to_owned(),
        display_name: None,
        password_hash: secrets::hash_password("password-1", &mut rand::rngs::OsRng).expect("hash"),
        created_at_ms: 1,
    };
    let accounts = Accounts {
        format: ACCOUNTS_FORMAT.into(),
        version: ACCOUNTS_VERSION,
        users: vec![legacy(KIM_NFD), legacy(id_like)],
        memberships: [KIM_NFD, id_like]
            .into_iter()
            .map(|user| Membership {
                user: user.into(),
                workspace: a,
                role: Role::Editor,
            })
            .collect(),
        tokens: Vec::new(),
        keys: Vec::new(),
        grants: Vec::new(),
        claims: Vec::new(),
        roster_versions: Vec::new(),
    };
    auth.import_accounts(&accounts, &|_| true, 10)?;

    for typed in [KIM, KIM_NFD] {
        let found = auth.check_login(typed, "password-1")?;
        assert_eq!(found.map(|user| user.name), Some(KIM_NFD.to_owned()));
        assert_eq!(auth.login_name(typed)?, KIM_NFD);
    }
    assert!(auth.check_login(id_like, "password-1")?.is_some());
    // Added again by the composed name: the same account, not a second one.
    let b = store.create_workspace("B", 1)?.id;
    auth.add_member(KIM, "password-1", None, &b, Role::Viewer, 20, &mut rng)?;
    assert_eq!(auth.users()?.len(), 2);
    assert_eq!(auth.role(KIM_NFD, &b)?, Some(Role::Viewer));
    // An unknown name is the typed one in NFC.
    assert_eq!(auth.login_name("\u{1109}\u{1165}")?, "서");
    Ok(())
}
