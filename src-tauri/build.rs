//! Generates the app's context and the permissions of its commands, so that
//! the capability file can allow each command by name; packs the app's
//! relative relocations as the library's `build.rs` does for the CLI
//! (DT_RELR: GNU ld 2.38 and glibc 2.36 or later; 0.8 MB less).

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
    "check_dates",
    "check_url",
    "follow_up",
    "trackable",
    "open_thread",
    "update_thread",
    "remove_thread",
];

fn main() {
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg=-Wl,-z,pack-relative-relocs");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step runs");
}
