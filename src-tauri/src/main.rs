//! Dossier's desktop app: one window, the memo's settings on the left and its
//! live preview on the right. A thin adapter: every decision is the
//! `dossier` library's.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod settings;
mod startup;
mod state;

use commands::{dataset, documents, files, ledger, memo, review, sources, timing, typed};
use tauri::Manager;

fn main() {
    // A file-size limit makes a write fail with an error (cleaned up by the
    // atomic writer) instead of killing the app.
    #[cfg(unix)]
    // SAFETY: sets one signal's disposition to "ignore" at start, before
    // any other thread exists; no handler code runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // Started as its own document reader (see `dossier::ingest::isolate`).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() == 4 && args[1] == "read-document" {
        let format = args[2].to_string_lossy();
        std::process::exit(dossier::ingest::isolate::serve(
            &format,
            std::path::Path::new(&args[3]),
        ));
    }
    startup::render_without_compositing();
    let state = match state::AppState::new() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dossier-app: the built-in dataset does not load: {e}");
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            let config = app.path().app_config_dir()?;
            app.state::<state::AppState>()
                .start_with_settings(config.join("settings.json"));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            dataset::dataset_info,
            dataset::open_dataset,
            dataset::make_editable_copy,
            dataset::use_builtin_dataset,
            documents::inspect_document,
            documents::add_document,
            review::review,
            review::choices,
            review::decide,
            review::accept_all,
            review::update_record,
            review::add_item,
            review::undo,
            memo::preview,
            ledger::follow_up,
            ledger::trackable,
            ledger::open_thread,
            ledger::update_thread,
            ledger::remove_thread,
            files::choose_path,
            files::export,
            files::save_brief,
            files::open_brief,
            files::open_file,
            sources::sources,
            sources::source_text,
            timing::since_start,
            typed::check_dates,
            typed::check_url,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("dossier-app: the window could not be started: {e}");
            std::process::exit(1);
        });
}
