//! The committed damaged stores (`tests/fixtures/damaged`, written by
//! `examples/write_damaged_fixtures.rs`: one flipped byte, scattered damage, a truncated
//! log, a zeroed tail, and a log zeroed at a message boundary after the last open, which
//! only `store/acked` shows) must each be refused as damaged, three times over, with every file
//! left byte for byte as it was. Each is copied to a temporary folder first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cloudwright_core::store::{Store, StoreError};

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                found.insert(path.strip_prefix(dir).expect("inside").to_owned(), bytes);
            }
        }
    }
    found
}

#[test]
fn every_damaged_store_fixture_is_refused_unchanged() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/damaged");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&fixtures).expect("fixtures/damaged") {
        let fixture = entry.expect("entry").path();
        let committed = files(&fixture);
        let copy = tempfile::tempdir().expect("tempdir");
        for (path, bytes) in &committed {
            let target = copy.path().join(path);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::write(target, bytes).expect("copy");
        }
        for attempt in 1..=3 {
            match Store::open(copy.path()) {
                Err(StoreError::Damaged { reason, .. }) => {
                    assert!(
                        reason.contains("store/db"),
                        "{}: {reason}",
                        fixture.display()
                    )
                }
                Err(other) => panic!("{} refused, but not as damaged: {other}", fixture.display()),
                Ok(_) => panic!("{} opened on attempt {attempt}", fixture.display()),
            }
        }
        assert!(
            files(copy.path()) == committed,
            "{}: a refused open changed its files",
            fixture.display()
        );
        names.push(
            fixture
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    assert_eq!(
        names,
        [
            "one-flipped-byte",
            "scattered-damage",
            "truncated-log",
            "zeroed-after-the-last-open",
            "zeroed-tail",
        ]
    );
}
