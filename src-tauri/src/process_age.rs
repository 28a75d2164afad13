//! The age of this process: from its start, as the kernel recorded it (to
//! the 10 ms of its clock ticks), to now. Shared by the app and the bare
//! window it is measured beside (`examples/bare_window.rs`).

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
