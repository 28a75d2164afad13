//! What a careful attacker tried, through the real CLI: outputs that would
//! replace a device, a pipe or an input; files that ignore the umask; a
//! dataset folder that reaches outside itself or holds a pipe; templates
//! that include each other; numbers and dates no source can give; and
//! control characters in data. SECURITY.md lists each guarantee beside its
//! test here.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{dossier, example_brief, minimal_copy};

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Runs `dossier` with `args`, killing it (and failing) if it has not
/// finished within a minute: a read that blocks on a pipe would hang.
fn dossier_bounded(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("dossier {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn out_never_replaces_a_fifo_or_a_device() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("memo.pdf");
    mkfifo(&fifo);
    let (code, err) = dossier_bounded(&["brief", "--out", fifo.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("a named pipe (FIFO), not a regular file"),
        "{err}"
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // A device node of our own (mknod needs root, as CI is).
    let device = tmp.path().join("null");
    let made = Command::new("mknod")
        .args([device.to_str().unwrap(), "c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let (code, err) = dossier_bounded(&["brief", "--out", device.to_str().unwrap()]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("a device, not a regular file"), "{err}");
        assert!(
            fs::symlink_metadata(&device)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    } else {
        eprintln!("skipped the device node: mknod needs root");
    }
    let (code, err) = dossier_bounded(&["brief", "--out", tmp.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a folder"), "{err}");
}

#[test]
fn out_never_replaces_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let brief = tmp.path().join("mine.brief.toml");
    fs::copy(example_brief(), &brief).unwrap();
    let before = fs::read(&brief).unwrap();
    let b = brief.to_str().unwrap();
    let run = dossier(&["brief", b, "--out", b]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is the brief file itself"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&brief).unwrap(), before);

    let (_keep, data) = minimal_copy();
    let topics = data.join("topics.toml");
    let before = fs::read(&topics).unwrap();
    let run = dossier(&[
        "brief",
        "--data",
        data.to_str().unwrap(),
        "--out",
        topics.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is a file of the dataset"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&topics).unwrap(), before);
}

#[test]
fn out_to_a_closed_standard_output_fails() {
    let run = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "exec '{}' brief --format html --out - >&-",
            env!("CARGO_BIN_EXE_dossier")
        ))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("standard output is closed"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_files_honour_the_umask_and_a_replaced_file_keeps_its_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_dossier");
    let secret = tmp.path().join("secret.html");
    let docx = tmp.path().join("secret.docx");
    let data = tmp.path().join("data");
    let script = format!(
        "umask 077 && '{exe}' brief --classification SECRET --out '{}' && '{exe}' brief --out '{}' && '{exe}' init '{}'",
        secret.display(),
        docx.display(),
        data.display()
    );
    let run = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(mode(&secret), 0o600);
    assert_eq!(mode(&docx), 0o600);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("topics.toml")), 0o600);
    assert_eq!(mode(&data.join("sources")), 0o700);

    // Under the usual umask, a new file is 0644; a replaced one keeps 0640.
    let shared = tmp.path().join("shared.html");
    let script = format!("umask 022 && '{exe}' brief --out '{}'", shared.display());
    assert!(
        Command::new("bash")
            .arg("-c")
            .arg(&script)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(mode(&shared), 0o644);
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
    assert!(
        Command::new("bash")
            .arg("-c")
            .arg(&script)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(mode(&shared), 0o640);
}

#[test]
fn a_link_out_of_the_dataset_is_refused_and_not_read() {
    let (tmp, data) = minimal_copy();
    let outside = tmp.path().join("private.txt");
    fs::copy(data.join("sources/alpha.txt"), &outside).unwrap();
    fs::remove_file(data.join("sources/alpha.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, data.join("sources/alpha.txt")).unwrap();
    let run = dossier(&["check", "--coverage", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("alpha.txt") && run.stderr.contains("outside the dataset folder"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("crisis centres"),
        "its text is not shown"
    );
    // Nor is a linked record file listed for review.
    let people = tmp.path().join("people.toml");
    fs::rename(data.join("people.toml"), &people).unwrap();
    std::os::unix::fs::symlink(&people, data.join("people.toml")).unwrap();
    let run = dossier(&["review", "--data", data.to_str().unwrap()]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("outside the dataset folder"),
        "{}",
        run.stderr
    );
    fs::remove_file(data.join("people.toml")).unwrap();
    fs::rename(&people, data.join("people.toml")).unwrap();
    // A link that stays inside the folder is fine.
    fs::remove_file(data.join("sources/alpha.txt")).unwrap();
    fs::copy(&outside, data.join("alpha-text.txt.keep")).unwrap();
    std::os::unix::fs::symlink("../alpha-text.txt.keep", data.join("sources/alpha.txt")).unwrap();
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_fifo_or_a_folder_in_the_dataset_is_refused_without_waiting() {
    let (_tmp, data) = minimal_copy();
    fs::remove_file(data.join("topics.toml")).unwrap();
    mkfifo(&data.join("topics.toml"));
    fs::create_dir(data.join("markings.toml")).unwrap();
    fs::remove_file(data.join("sources/beta.txt")).unwrap();
    mkfifo(&data.join("sources/beta.txt"));
    let (code, err) = dossier_bounded(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("topics.toml: is not read: it is a named pipe (FIFO)"),
        "{err}"
    );
    assert!(
        err.contains("markings.toml: is not read: it is a folder"),
        "{err}"
    );
    assert!(
        err.contains("beta.txt: is not read: it is a named pipe (FIFO)"),
        "{err}"
    );
    assert!(!err.contains("missing"), "{err}");
}

#[test]
fn templates_that_include_each_other_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("summary.hbs"), "{{> timeline}}").unwrap();
    fs::write(tmp.path().join("timeline.hbs"), "<p>{{> sources}}</p>").unwrap();
    fs::write(tmp.path().join("sources.hbs"), "{{include \"summary\"}}").unwrap();
    let out = tmp.path().join("memo.html");
    let (code, err) = dossier_bounded(&[
        "brief",
        "--templates",
        tmp.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("summary brings itself in (summary → timeline → sources → summary)"),
        "{err}"
    );
    assert!(!out.exists());
}

fn with_figure_value(value: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, data) = minimal_copy();
    let path = data.join("sources/alpha.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("value = 46", &format!("value = {value}"));
    fs::write(&path, text).unwrap();
    (tmp, data)
}

#[test]
fn a_figure_too_large_to_print_exactly_is_refused() {
    for value in ["1.9e28", "9223372036854775808"] {
        let (_tmp, data) = with_figure_value(value);
        let run = dossier(&["check", "--data", data.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{value}: {}", run.stdout);
        assert!(
            run.stderr.contains("alpha.toml:")
                && run
                    .stderr
                    .contains("larger than Dossier prints exactly (at most 9,000,000,000,000,000"),
            "{value}: {}",
            run.stderr
        );
    }
    let (_tmp, data) = with_figure_value("8_999_999_999_999_999");
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_event_after_every_source_reporting_it_is_refused() {
    let (_tmp, data) = minimal_copy();
    let path = data.join("sources/alpha.toml");
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find("id = \"dialogue-meeting\"").unwrap();
    let changed = format!(
        "{}{}",
        &text[..at],
        text[at..].replacen("date = \"2024-05-20\"", "date = \"9999-12-31\"", 1)
    );
    fs::write(&path, &changed).unwrap();
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "event 'dialogue-meeting' is dated 9999-12-31, after every source that reports it"
        ),
        "{}",
        run.stderr
    );
    // The same event as a plan is fine.
    let planned = changed.replacen(
        "date = \"9999-12-31\"",
        "date = \"9999-12-31\"\nstatus = \"planned\"",
        1,
    );
    fs::write(&path, planned).unwrap();
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn control_characters_from_data_are_escaped_on_the_terminal() {
    let (_tmp, data) = minimal_copy();
    let path = data.join("sources/alpha.toml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "label = \"Crisis centres for survivors\"",
        "label = \"Crisis \\u001b]0;owned\\u0007\\u001b[2Jcentres\"",
    );
    fs::write(&path, text).unwrap();
    let d = data.to_str().unwrap();
    let run = dossier(&["items", "--data", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'));
    assert!(
        run.stdout
            .contains("Crisis \\u001b]0;owned\\u0007\\u001b[2Jcentres"),
        "{}",
        run.stdout
    );
    // JSON keeps the value, escaped its own way.
    let json = dossier(&["items", "--data", d, "--json"]);
    assert!(json.stdout.contains("\\u001b[2Jcentres"), "{}", json.stdout);
    // An id in an error message.
    let run = dossier(&["accept", "--data", d, "x\u{1b}[2J"]);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
}

#[test]
fn review_of_an_unknown_source_says_so() {
    let (_tmp, data) = minimal_copy();
    let run = dossier(&["review", "--data", data.to_str().unwrap(), "nosuch"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("the dataset has no source 'nosuch'"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_ingest_id_too_long_is_refused_for_its_length() {
    let (tmp, data) = minimal_copy();
    let doc = tmp.path().join("doc.txt");
    fs::write(&doc, "The envoy said the dialogue would continue.\n").unwrap();
    let id = "a".repeat(63);
    let run = dossier(&[
        "ingest",
        doc.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--id",
        &id,
        "--kind",
        "news",
        "--publisher",
        "Herald",
        "--date",
        "2024-05-22",
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("is 63 characters long; a source id is at most 60"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_device_given_to_ingest_is_named_for_what_it_is() {
    let (tmp, data) = minimal_copy();
    let noise = tmp.path().join("noise.txt");
    std::os::unix::fs::symlink("/dev/urandom", &noise).unwrap();
    let run = dossier(&[
        "ingest",
        noise.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--kind",
        "news",
        "--publisher",
        "Herald",
        "--date",
        "2024-05-22",
        "--title",
        "Noise",
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("a device, not a regular file"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("0 bytes"), "{}", run.stderr);
}
