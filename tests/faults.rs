//! Faults while writing: a file-size limit (`ulimit -f`) hit during an
//! export makes `dossier` fail with a plain message, the existing file
//! intact and no temporary file left behind; exports racing to one file
//! leave it whole.

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
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["memo.pdf"], "a temporary file was left behind");
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
        let left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["memo.pdf"], "a temporary file was left behind");
    }
}
