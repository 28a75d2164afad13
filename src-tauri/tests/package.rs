//! The desktop app's Debian package, made by Tauri's own bundler from the
//! debug binary that `cargo test` has just built (`tauri bundle --debug`:
//! seconds, not the many minutes of a release build). A bundle setting that
//! Tauri refuses (an unknown category, a missing icon) fails here, and the
//! package's control fields, desktop entry (checked by `desktop-file-validate`)
//! and icons are read back with `dpkg-deb`.
//!
//! Needs the prebuilt Tauri CLI (`npm ci` at the repository root, which
//! `scripts/test` runs) and `desktop-file-validate` (desktop-file-utils).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs a command and returns its standard output, failing the test with
/// its standard error when it fails.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not start: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits (at most 30 s) until no process runs the debug binary: the
/// bundler rewrites it, which fails with "Text file busy" while an app
/// started by the end-to-end tests is still closing.
fn wait_for_the_app_to_close() {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_dossier-app"));
    let binary = binary.canonicalize().unwrap_or(binary);
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(30) {
        let running = std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|exe| exe == binary));
        if !running {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// Bundles the debug binary and returns the `.deb`.
fn bundle() -> PathBuf {
    wait_for_the_app_to_close();
    let tauri = root().join("node_modules/.bin/tauri");
    assert!(
        tauri.exists(),
        "the Tauri CLI is missing: run `npm ci` at the repository root (scripts/test does)"
    );
    // The binary this test binary's package builds, which `tauri bundle` packs.
    let binary = Path::new(env!("CARGO_BIN_EXE_dossier-app"));
    assert!(binary.exists());
    let out_dir = binary.parent().unwrap().join("bundle/deb");
    let _ = std::fs::remove_dir_all(&out_dir);
    run(Command::new(&tauri)
        .args(["bundle", "--debug", "--bundles", "deb", "--ci"])
        .current_dir(root()));
    let debs: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one package in {}", out_dir.display());
    debs[0].clone()
}

#[test]
fn tauri_bundles_a_valid_debian_package() {
    let deb = bundle();
    let field = |name: &str| {
        run(Command::new("dpkg-deb").arg("-f").arg(&deb).arg(name))
            .trim()
            .to_string()
    };
    assert_eq!(field("Package"), "dossier");
    assert_eq!(field("Architecture"), "amd64");
    let depends = field("Depends");
    // glibc 2.36: the program's relocations are packed (DT_RELR).
    for lib in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libc6 (>= 2.36)"] {
        assert_eq!(depends.matches(lib).count(), 1, "Depends: {depends}");
    }
    assert!(field("Description").starts_with("Briefing memos from a sourced dataset"));

    let listing = run(Command::new("dpkg-deb").arg("-c").arg(&deb));
    let files: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|p| p.trim_start_matches("./"))
        .collect();
    for path in [
        "usr/bin/dossier-app",
        "usr/share/applications/Dossier.desktop",
        "usr/share/icons/hicolor/32x32/apps/dossier-app.png",
        "usr/share/icons/hicolor/128x128/apps/dossier-app.png",
        "usr/share/icons/hicolor/256x256@2/apps/dossier-app.png",
        "usr/share/icons/hicolor/512x512/apps/dossier-app.png",
    ] {
        assert!(
            files.contains(&path),
            "{path} is not in the package:\n{listing}"
        );
    }

    let unpacked = tempfile::tempdir().unwrap();
    run(Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(unpacked.path()));
    let desktop_file = unpacked
        .path()
        .join("usr/share/applications/Dossier.desktop");
    run(Command::new("desktop-file-validate").arg(&desktop_file));
    let desktop = std::fs::read_to_string(&desktop_file).unwrap();
    for line in [
        "Name=Dossier",
        "Exec=dossier-app",
        "Icon=dossier-app",
        "Comment=Briefing memos from a sourced dataset",
        "Categories=Office;",
    ] {
        assert!(
            desktop.lines().any(|l| l == line),
            "the desktop entry lacks {line}:\n{desktop}"
        );
    }
}
