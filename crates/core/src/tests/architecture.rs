//! The architecture invariants of ARCHITECTURE.md, checked on the source tree (in the manner
//! of rust-analyzer's `tidy`): the record machinery, the store and sync know no area; areas
//! import each other only through an area's root module, and never both ways.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The areas: the folders under `src/` that hold a part of the product.
const AREAS: [&str; 8] = [
    "assets",
    "racks",
    "cables",
    "lifecycle",
    "audits",
    "reports",
    "purchasing",
    "designdocs",
];

/// Modules above the areas (they compose them): no area may import them.
const COMPOSERS: [&str; 6] = ["kinds", "findings", "demo", "sample", "testkit", "undo"];

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
pub(super) fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(next) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source file reads");
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

/// The code of a file without its comments (doc comments name other modules freely).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.split("//").next().unwrap_or_default()))
}

/// Every `crate::{module}` a file's code names, with the line.
fn crate_paths(text: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for (line_no, line) in code_lines(text) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let module: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let tail = &after[module.len()..];
            let next: String = tail
                .strip_prefix("::")
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            found.push((line_no, module, next));
            rest = tail;
        }
    }
    found
}

fn relative(path: &Path) -> String {
    path.strip_prefix(source_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Architecture Invariant: `record`, `store`, `sync`, `alerts` and `search` know nothing of
/// any area.
/// They work from the registry a store is opened with; the tests that need records live in
/// `tests/`.
#[test]
fn the_record_machinery_the_store_and_sync_know_no_area() {
    let mut offences = Vec::new();
    let mut files: Vec<(PathBuf, String)> = ["record", "store", "sync"]
        .iter()
        .flat_map(|layer| sources(&source_root().join(layer)))
        .collect();
    for file in ["alerts.rs", "search.rs"] {
        let path = source_root().join(file);
        let text = std::fs::read_to_string(&path).expect(file);
        files.push((path, text));
    }
    {
        for (path, text) in files {
            for (line, module, _) in crate_paths(&text) {
                if AREAS.contains(&module.as_str()) || COMPOSERS.contains(&module.as_str()) {
                    offences.push(format!("{}:{line}: crate::{module}", relative(&path)));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "these name an area:\n{}",
        offences.join("\n")
    );
}

/// Architecture Invariant: an area imports another area only through that area's root
/// module (`crate::racks::Rack`, never `crate::racks::model::Rack`), no area imports the
/// modules that compose the areas, and no two areas import each other (the areas form
/// layers: assets; racks; cables, audits; lifecycle; reports).
#[test]
fn areas_import_each_other_through_their_root_one_way() {
    let submodules: BTreeMap<&str, BTreeSet<String>> = AREAS
        .iter()
        .map(|area| {
            let dir = source_root().join(area);
            let names = std::fs::read_dir(&dir)
                .expect("area folder")
                .flatten()
                .map(|e| {
                    e.path()
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned()
                })
                .filter(|name| name != "mod")
                .collect();
            (*area, names)
        })
        .collect();
    let mut offences = Vec::new();
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for area in AREAS {
        for (path, text) in sources(&source_root().join(area)) {
            // Tests may take the composers' view (the findings inbox, the demo, the test kit).
            let is_test = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("tests.rs"))
                || path.components().any(|c| c.as_os_str() == "tests");
            for (line, module, next) in crate_paths(&text) {
                let at = format!("{}:{line}", relative(&path));
                if COMPOSERS.contains(&module.as_str()) && !is_test {
                    offences.push(format!("{at}: an area imports crate::{module}"));
                }
                if module == area || !AREAS.contains(&module.as_str()) {
                    continue;
                }
                edges.insert((area.to_owned(), module.clone()));
                if submodules[module.as_str()].contains(&next) {
                    offences.push(format!(
                        "{at}: crate::{module}::{next} reaches inside {module} (use its root)"
                    ));
                }
            }
        }
    }
    for (from, to) in &edges {
        if from < to && edges.contains(&(to.clone(), from.clone())) {
            offences.push(format!("{from} and {to} import each other"));
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}
