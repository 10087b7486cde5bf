// tauri.conf.json lives at the repository root (next to ui/ and icons/), so point tauri-build at
// it; paths inside it (frontendDist, icons) resolve relative to the root. Capabilities are read
// from src-tauri/capabilities/.
fn main() {
    let attributes = tauri_build::Attributes::new().config_path("../tauri.conf.json");
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
