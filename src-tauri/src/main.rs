//! Dossier's desktop app: one window, the memo's settings on the left and its
//! live preview on the right. A thin adapter: every decision is the
//! `dossier` library's.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod state;

use commands::{dataset, files, memo, sources};

fn main() {
    let state = match state::AppState::new() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dossier-app: the built-in dataset does not load: {e}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            dataset::dataset_info,
            dataset::open_dataset,
            memo::preview,
            memo::items,
            files::choose_path,
            files::export,
            files::save_brief,
            files::open_brief,
            files::open_file,
            sources::sources,
            sources::source_text,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("dossier-app: the window could not be started: {e}");
            std::process::exit(1);
        });
}
