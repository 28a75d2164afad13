//! A bare Tauri window, the yardstick for Dossier's own start and memory:
//! the same Tauri, WebKit and WebKit settings (compositing off), a page of
//! one paragraph and no IPC. It prints the time from its process start to
//! its first painted page, stays open `DOSSIER_BARE_SECONDS` (default 2) so
//! that its memory can be read, and exits. The end-to-end run starts it
//! before the app and prints both.

#[path = "../src/startup.rs"]
mod startup;

use std::time::Duration;

use tauri::{WebviewUrl, WebviewWindowBuilder};

/// The page: one paragraph; after its first frame is painted it asks to
/// open a URL that the window refuses and takes as the signal.
const PAGE: &str = "data:text/html,<!DOCTYPE html><title>Bare</title><p>A bare window.</p>\
<script>requestAnimationFrame(()=>{const c=new MessageChannel();\
c.port1.onmessage=()=>{location.href='https://painted.invalid/'};c.port2.postMessage(0)})</script>";

fn main() {
    startup::render_without_compositing();
    let seconds: u64 = std::env::var("DOSSIER_BARE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    // The page's one inline script must run (the app's policy forbids it).
    context.config_mut().app.security.csp = None;
    tauri::Builder::default()
        .setup(move |app| {
            let url = PAGE.parse().expect("the page is a valid data: URL");
            WebviewWindowBuilder::new(app, "bare", WebviewUrl::External(url))
                .inner_size(1280.0, 800.0)
                .on_navigation(move |url| {
                    if url.host_str() != Some("painted.invalid") {
                        return true;
                    }
                    let age = startup::process_age_ms().unwrap_or(f64::NAN);
                    println!("bare window: first paint {age:.0} ms after process start");
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_secs(seconds));
                        std::process::exit(0);
                    });
                    false
                })
                .build()?;
            Ok(())
        })
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("bare_window: {e}");
            std::process::exit(1);
        });
}
