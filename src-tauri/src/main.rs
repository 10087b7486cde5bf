// Cloudwright desktop app: opens the main window defined in ../tauri.conf.json.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        // The path is relative to src-tauri/Cargo.toml, like the one given to tauri-build.
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("failed to run the Cloudwright window");
}
