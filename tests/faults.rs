//! Faults while writing: a file-size limit (`ulimit -f`), a full disk (a
//! small tmpfs) or a read-only folder (a read-only bind mount: as root,
//! `chmod` would not stop a write) during an export makes `dossier` fail
//! with a plain message, the existing file intact and no temporary file left
//! behind; exports racing to one file leave it whole. The mounts need root,
//! which CI is (and `.ci/run` requires them); elsewhere, or where root may
//! not mount (a container), those two tests say they were skipped.

mod common;

use std::process::Command;

#[test]
fn a_file_size_limit_fails_the_export_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("memo.pdf");
    std::fs::write(&out, "the memo of last week").unwrap();
    // 20 blocks of 512 bytes: far less than the full memo.
    let run = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 20; exec '{}' brief --out '{}'",
            env!("CARGO_BIN_EXE_dossier"),
            out.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(1),
        "not killed by SIGXFSZ: {stderr}"
    );
    assert!(
        stderr.contains("File too large") && stderr.contains("Nothing was written"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(".dossier-"),
        "the message names no temporary file: {stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the memo of last week"
    );
    only_the_memo_is_in(tmp.path());
}

#[test]
fn exports_racing_to_one_file_leave_it_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("memo.pdf");
    // Two processes write the same file at once, a few times over.
    for _ in 0..3 {
        let children: Vec<_> = (0..2)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_dossier"))
                    .args(["brief", "--date", "2026-11-30", "--out"])
                    .arg(&out)
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        // Whole: one writer's PDF, which qpdf reads without error.
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        only_the_memo_is_in(tmp.path());
    }
}

/// A file system mounted for one test, unmounted when it ends.
struct Mounted(std::path::PathBuf);

impl Mounted {
    /// `mount ARGS… DIR`, or `None` (with a note) when this machine does
    /// not let the tests mount: not root, or a container without the right
    /// to mount. CI's run sets `DOSSIER_REQUIRE_MOUNTS=1`, so that there a
    /// failed mount fails the test instead of skipping it.
    fn new(dir: &std::path::Path, args: &[&str]) -> Option<Mounted> {
        let required = std::env::var_os("DOSSIER_REQUIRE_MOUNTS").is_some_and(|v| v == "1");
        if unsafe { libc::geteuid() } != 0 {
            assert!(
                !required,
                "DOSSIER_REQUIRE_MOUNTS=1, but the tests do not run as root"
            );
            eprintln!("skipped: mounting a file system needs root");
            return None;
        }
        let out = Command::new("mount").args(args).arg(dir).output().unwrap();
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr);
            assert!(!required, "mount {args:?} failed: {why}");
            eprintln!("skipped: this machine does not let root mount here: {why}");
            return None;
        }
        Some(Mounted(dir.to_path_buf()))
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Exports the full memo to `out` (where an old memo is) and checks that
/// it fails with a message holding `reason`, the old memo untouched and
/// nothing else in the folder.
fn export_fails_and_leaves_the_old_memo(out: &std::path::Path, reason: &str) {
    let run = common::dossier(&[
        "brief",
        "--form",
        "full",
        "--date",
        "2026-11-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(reason) && run.stderr.contains("Nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(".dossier-"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        "the memo of last week"
    );
    only_the_memo_is_in(out.parent().unwrap());
}

#[test]
fn a_full_disk_fails_the_export_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("small-disk");
    std::fs::create_dir(&disk).unwrap();
    // 64 KiB: the old memo fits, the full memo (about 200 KB) does not.
    let Some(_mounted) = Mounted::new(&disk, &["-t", "tmpfs", "-o", "size=64k", "tmpfs"]) else {
        return;
    };
    let out = disk.join("memo.pdf");
    std::fs::write(&out, "the memo of last week").unwrap();
    export_fails_and_leaves_the_old_memo(&out, "No space left on device");
}

#[test]
fn a_read_only_folder_fails_the_export_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("folder");
    let view = tmp.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    std::fs::create_dir(&view).unwrap();
    std::fs::write(folder.join("memo.pdf"), "the memo of last week").unwrap();
    let Some(_bound) = Mounted::new(&view, &["--bind", folder.to_str().unwrap()]) else {
        return;
    };
    let status = Command::new("mount")
        .args(["-o", "remount,bind,ro"])
        .arg(&view)
        .status()
        .unwrap();
    assert!(status.success());
    export_fails_and_leaves_the_old_memo(&view.join("memo.pdf"), "Read-only file system");
}

/// The folder holds `memo.pdf` and nothing else: no temporary file left.
fn only_the_memo_is_in(dir: &std::path::Path) {
    let left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["memo.pdf"], "a temporary file was left behind");
}
