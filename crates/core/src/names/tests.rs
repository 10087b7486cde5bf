#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use unicode_normalization::is_nfc;

use super::*;

/// "평택 1센터" typed decomposed (Hangul jamo), as macOS and some input methods give it.
const PYEONGTAEK_NFD: &str =
    "\u{1111}\u{1167}\u{11bc}\u{1110}\u{1162}\u{11a8} 1\u{1109}\u{1166}\u{11ab}\u{1110}\u{1165}";
const PYEONGTAEK: &str = "평택 1센터";

fn refused(raw: &str, kind: NameKind) -> NameProblem {
    check_name(raw, kind).unwrap_err()
}

#[test]
fn a_name_typed_decomposed_is_kept_composed() {
    assert_ne!(PYEONGTAEK_NFD, PYEONGTAEK);
    for kind in [NameKind::Workspace, NameKind::User, NameKind::Display] {
        assert_eq!(check_name(PYEONGTAEK_NFD, kind).unwrap(), PYEONGTAEK);
        assert_eq!(check_name(PYEONGTAEK, kind).unwrap(), PYEONGTAEK);
    }
    assert!(same_name(PYEONGTAEK_NFD, PYEONGTAEK));
    assert!(!same_name("평택 1센터", "평택 2센터"));
    // The limit counts the kept (composed) characters: 80 syllables typed as 160 jamo fit.
    let long_nfd = "\u{1100}\u{1161}".repeat(80);
    assert_eq!(
        check_name(&long_nfd, NameKind::Workspace).unwrap(),
        "가".repeat(80)
    );
    let too_long = refused(&"가".repeat(81), NameKind::Workspace);
    assert_eq!(too_long.code, NameCode::NameTooLong);
    assert_eq!(
        too_long.to_string(),
        "a workspace name must be at most 80 characters (this one has 81)"
    );
}

#[test]
fn control_characters_are_refused_with_the_character_and_where_it_is() {
    let cases = [
        ("평택\n1센터", "U+000A", 3),
        ("평택 1센터\n", "U+000A", 7),
        ("\u{1b}[31m평택", "U+001B", 1),
        ("a\u{7f}", "U+007F", 2),
        ("a\u{85}b", "U+0085", 2),
        ("a\u{9b}31m", "U+009B", 2),
        ("a\u{2028}b", "U+2028", 2),
        ("a\tb", "U+0009", 2),
        ("a\0", "U+0000", 2),
    ];
    for (raw, code_point, position) in cases {
        for kind in [NameKind::Workspace, NameKind::User, NameKind::Display] {
            let problem = refused(raw, kind);
            assert_eq!(problem.code, NameCode::NameControlCharacter, "{raw:?}");
            assert_eq!(
                problem.character.map(|(c, at)| (code_point_of(c), at)),
                Some((code_point.to_owned(), position)),
                "{raw:?}"
            );
            assert!(
                problem.to_string().contains(&format!(
                    "holds a control character ({code_point}) at character {position}"
                )),
                "{problem}"
            );
        }
    }
    assert_eq!(
        refused("평택\n1센터", NameKind::Workspace).to_string(),
        "the workspace name holds a control character (U+000A) at character 3: a name is one \
         line of visible text"
    );
}

fn code_point_of(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[test]
fn bidirectional_controls_and_marks_are_refused() {
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
    ] {
        let raw = format!("kim{c}txt.exe");
        let problem = refused(&raw, NameKind::User);
        assert_eq!(problem.code, NameCode::NameBidiControl, "{c:?}");
        assert_eq!(problem.character, Some((c, 4)));
    }
    assert_eq!(
        refused("평택\u{202e}1센터", NameKind::Workspace).to_string(),
        "the workspace name holds a bidirectional control (U+202E) at character 3, which \
         changes the order its text is shown in: type the name without it"
    );
}

#[test]
fn invisible_characters_are_refused() {
    for c in [
        '\u{200B}',  // zero width space
        '\u{200C}',  // zero width non-joiner
        '\u{200D}',  // zero width joiner
        '\u{2060}',  // word joiner
        '\u{FEFF}',  // byte order mark
        '\u{00AD}',  // soft hyphen
        '\u{3164}',  // Hangul filler
        '\u{FFA0}',  // halfwidth Hangul filler
        '\u{115F}',  // Hangul choseong filler
        '\u{1160}',  // Hangul jungseong filler
        '\u{034F}',  // combining grapheme joiner
        '\u{FE0F}',  // variation selector 16
        '\u{E0041}', // tag latin capital letter A
    ] {
        let raw = format!("평택{c}1센터");
        let problem = refused(&raw, NameKind::Display);
        assert_eq!(problem.code, NameCode::NameInvisibleCharacter, "{c:?}");
        assert_eq!(problem.character, Some((c, 3)));
    }
    // Visible spaces other than U+0020 are names' own business.
    assert_eq!(
        check_name("평택\u{3000}1센터", NameKind::Workspace).unwrap(),
        "평택\u{3000}1센터"
    );
}

#[test]
fn a_name_that_reads_as_an_id_is_refused_for_workspaces_and_users() {
    let id = "01JABCDEFGHJKMNPQRSTVWXYZ0";
    assert!(looks_like_id(id));
    assert!(looks_like_id(&id.to_lowercase()));
    for kind in [NameKind::Workspace, NameKind::User] {
        assert_eq!(refused(id, kind).code, NameCode::NameLooksLikeId);
        assert_eq!(
            refused(&id.to_lowercase(), kind).code,
            NameCode::NameLooksLikeId
        );
    }
    assert_eq!(
        refused(id, NameKind::Workspace).to_string(),
        format!(
            "a workspace name cannot look like an id: '{id}' reads as one (26 letters and \
             digits); choose a name that does not"
        )
    );
    // A display name is shown, never looked up.
    assert_eq!(check_name(id, NameKind::Display).unwrap(), id);
    // One character short, or one Crockford leaves out, is a name.
    assert!(check_name(&id[1..], NameKind::Workspace).is_ok());
    assert!(check_name("01JABCDEFGHJKMNPQRSTVWXYZU", NameKind::Workspace).is_ok());
}

#[test]
fn the_other_rules_stay() {
    assert_eq!(
        check_name("  평택 1센터 ", NameKind::Workspace).unwrap(),
        PYEONGTAEK
    );
    assert_eq!(
        refused(" kim", NameKind::User).code,
        NameCode::NameSpacesAtEnds
    );
    assert_eq!(check_name(" 김민준 ", NameKind::Display).unwrap(), "김민준");
    for kind in [NameKind::Workspace, NameKind::User, NameKind::Display] {
        assert_eq!(refused("", kind).code, NameCode::NameRequired);
        assert_eq!(refused("   ", kind).code, NameCode::NameRequired);
    }
    assert_eq!(
        refused("a/b", NameKind::Workspace).code,
        NameCode::NameHasSlash
    );
    assert_eq!(refused("a/b", NameKind::User).code, NameCode::NameHasSlash);
    assert_eq!(check_name("a/b", NameKind::Display).unwrap(), "a/b");
    assert_eq!(
        refused(&"k".repeat(65), NameKind::User).code,
        NameCode::NameTooLong
    );
}

#[test]
fn a_refusal_is_a_problem_with_its_facts() {
    let problem = refused("평택\u{202e}1센터", NameKind::Workspace).problem("name");
    assert_eq!(problem.field, "name");
    assert_eq!(problem.code, "name_bidi_control");
    assert_eq!(problem.detail["character"], "U+202E");
    assert_eq!(problem.detail["position"], "3");
    assert!(problem.message.contains("(U+202E) at character 3"));
    let problem = refused(&"가".repeat(81), NameKind::Workspace).problem("name");
    assert_eq!(problem.detail["max"], "80");
    assert_eq!(problem.detail["found"], "81");
}

#[test]
fn shown_writes_refused_characters_as_escapes() {
    assert_eq!(
        shown("평택\u{1b}[31m\u{202e}x"),
        "평택\\u{1b}[31m\\u{202e}x"
    );
    assert_eq!(shown(PYEONGTAEK), PYEONGTAEK);
}

#[derive(Debug, PartialEq)]
struct Item {
    id: ulid::Ulid,
    name: String,
}

fn item(id: u128, name: &str) -> Item {
    Item {
        id: ulid::Ulid(id),
        name: name.to_owned(),
    }
}

fn find<'a>(wanted: &str, items: &'a [Item]) -> Found<'a, Item> {
    find_by_name_or_id(wanted, items, |i| Some(i.id), |i| i.name.as_str())
}

#[test]
fn a_name_is_found_by_either_form_and_an_exact_one_wins() {
    let items = [item(1, PYEONGTAEK_NFD), item(2, "가산 IDC")];
    assert_eq!(find(PYEONGTAEK, &items), Found::One(&items[0]));
    assert_eq!(find(PYEONGTAEK_NFD, &items), Found::One(&items[0]));
    assert_eq!(find(" 가산 IDC ", &items), Found::One(&items[1]));
    assert_eq!(find("부산", &items), Found::None);
    // Two kept before names were normalised: the one typed byte for byte, else neither.
    let both = [item(1, PYEONGTAEK_NFD), item(2, PYEONGTAEK)];
    assert_eq!(find(PYEONGTAEK, &both), Found::One(&both[1]));
    assert_eq!(find(PYEONGTAEK_NFD, &both), Found::One(&both[0]));
    let half = "\u{1111}\u{1167}\u{11bc}택 1센터";
    assert_eq!(find(half, &both), Found::Several(vec![&both[0], &both[1]]));
}

#[test]
fn a_value_that_reads_as_an_id_is_that_id_before_any_name() {
    let a = ulid::Ulid(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    let b = ulid::Ulid(0x0fed_cba9_8765_4321_0fed_cba9_8765_4321);
    let items = [
        Item {
            id: a,
            name: "A".into(),
        },
        // Named, before names could not be, like A's id.
        Item {
            id: b,
            name: a.to_string(),
        },
    ];
    assert_eq!(find(&a.to_string(), &items), Found::One(&items[0]));
    assert_eq!(
        find(&a.to_string().to_lowercase(), &items),
        Found::One(&items[0])
    );
    assert_eq!(find(&b.to_string(), &items), Found::One(&items[1]));
    // An id no item has is looked for as a name.
    let legacy = [Item {
        id: b,
        name: a.to_string(),
    }];
    assert_eq!(find(&a.to_string(), &legacy), Found::One(&legacy[0]));
}

proptest! {
    #[test]
    fn a_kept_name_is_nfc_holds_nothing_refused_and_is_kept_again_unchanged(
        raw in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{1100}-\u{11ff}])*"
    ) {
        for kind in [NameKind::Workspace, NameKind::User, NameKind::Display] {
            if let Ok(name) = check_name(&raw, kind) {
                prop_assert!(is_nfc(&name));
                prop_assert!(name.chars().all(|c| refused_character(c).is_none()));
                prop_assert!(same_name(&name, &raw));
                prop_assert_eq!(check_name(&name, kind), Ok(name.clone()));
            }
        }
    }
}
