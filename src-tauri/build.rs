//! Generates the app's context and the permissions of its commands, so that
//! the capability file can allow each command by name.

const COMMANDS: &[&str] = &[
    "dataset_info",
    "open_dataset",
    "preview",
    "items",
    "choose_path",
    "export",
    "save_brief",
    "open_brief",
    "open_file",
    "sources",
    "source_text",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step runs");
}
