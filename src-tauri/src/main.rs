//! Dossier's desktop app: one window, the memo's settings on the left and its
//! live preview on the right. A thin adapter: every decision is the
//! `dossier` library's.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod process_age;
mod settings;
mod state;

use commands::{dataset, documents, files, memo, review, sources, timing};
use tauri::Manager;

/// WebKitGTK's compositing mode draws the page through OpenGL, which on a
/// machine without a GPU (or in a VM) is Mesa's software rasteriser: for
/// Dossier's window, a document and a form, it costs more than it gives.
/// Measured in the end-to-end run on a 2-core machine without GPU: a change
/// to the painted preview, median 40 → 27 ms and p95 67 → 54 ms; PSS after
/// the first preview 346 → 237 MB; cold start 580 → 459 ms. A user who sets
/// `WEBKIT_DISABLE_COMPOSITING_MODE` (to `0` to keep compositing) decides.
fn render_without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        // SAFETY: called at the start of `main`, before any other thread
        // exists, so nothing reads the environment meanwhile.
        unsafe { std::env::set_var(VAR, "1") };
    }
}

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
    render_without_compositing();
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
            files::choose_path,
            files::export,
            files::save_brief,
            files::open_brief,
            files::open_file,
            sources::sources,
            sources::source_text,
            timing::since_start,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("dossier-app: the window could not be started: {e}");
            std::process::exit(1);
        });
}
