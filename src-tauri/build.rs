//! Generates the app's context and the permissions of its commands, so that
//! the capability file can allow each command by name.

const COMMANDS: &[&str] = &[
    "dataset_info",
    "open_dataset",
    "preview",
    "choose_path",
    "export",
    "save_brief",
    "open_brief",
    "open_file",
    "sources",
    "source_text",
    "make_editable_copy",
    "use_builtin_dataset",
    "inspect_document",
    "add_document",
    "review",
    "choices",
    "decide",
    "accept_all",
    "update_record",
    "add_item",
    "undo",
    "since_start",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step runs");
}
