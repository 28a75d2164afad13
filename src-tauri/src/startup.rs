//! What the app and the bare window it is measured beside
//! (`examples/bare_window.rs`) share at start: WebKit's settings, and the
//! age of the process, from its start as the kernel recorded it (to the
//! 10 ms of its clock ticks) to now.

/// Milliseconds since this process started, where the platform tells.
#[cfg(target_os = "linux")]
pub fn process_age_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may hold spaces) in brackets.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = after_name.split(' ').nth(19)?.parse().ok()?;
    // SAFETY: sysconf reads a constant; clock_gettime writes the timespec we own.
    let (ticks_per_s, now) = unsafe {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        if libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut now) != 0 {
            return None;
        }
        (libc::sysconf(libc::_SC_CLK_TCK) as f64, now)
    };
    let now_ms = now.tv_sec as f64 * 1000.0 + now.tv_nsec as f64 / 1e6;
    Some(now_ms - start_ticks / ticks_per_s * 1000.0)
}

/// Milliseconds since this process started, where the platform tells.
#[cfg(not(target_os = "linux"))]
pub fn process_age_ms() -> Option<f64> {
    None
}

/// WebKitGTK's compositing mode draws the page through OpenGL, which on a
/// machine without a GPU (or in a VM) is Mesa's software rasteriser: for
/// Dossier's window, a document and a form, it costs more than it gives.
/// Measured in the end-to-end run on a 2-core machine without GPU: a change
/// to the painted preview, median 40 → 27 ms and p95 67 → 54 ms; PSS after
/// the first preview 346 → 237 MB; cold start 580 → 459 ms. A user who sets
/// `WEBKIT_DISABLE_COMPOSITING_MODE` (to `0` to keep compositing) decides.
pub fn render_without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        // SAFETY: called at the start of `main`, before any other thread
        // exists, so nothing reads the environment meanwhile.
        unsafe { std::env::set_var(VAR, "1") };
    }
}
