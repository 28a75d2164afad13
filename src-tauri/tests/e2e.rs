//! End-to-end tests of the real app: tauri-driver starts the debug binary
//! under WebKitWebDriver, and the tests click and type as a user does.
//! Run under a display (`xvfb-run -a cargo test -p dossier-app`); needs
//! `tauri-driver` (cargo install tauri-driver --version ^2 --locked) and
//! `WebKitWebDriver` (Debian's webkit2gtk-driver). `scripts/test` does both.
//!
//! The run also measures, and prints (never asserts): the time from a click
//! to the preview showing the change, cold start to first preview, and the
//! memory (PSS) of the app and its WebKit processes.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use fantoccini::Client;
use serde_json::{Value, json};

/// Proportional set size of a process, in kB.
fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The app's process (or the bare window's) and its WebKit helpers among
/// `pids`: (name, pid).
fn app_processes(pids: &[u32]) -> Vec<(String, u32)> {
    pids.iter()
        .filter_map(|&pid| {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
            let comm = comm.trim();
            [
                "dossier-app",
                "bare_window",
                "WebKitWebProces",
                "WebKitNetworkPr",
            ]
            .iter()
            .any(|name| comm.starts_with(name))
            .then(|| (comm.to_string(), pid))
        })
        .collect()
}

/// The PSS of the app and its WebKit processes among `pids`, in words: the
/// sum, then each.
fn app_pss(pids: &[u32]) -> String {
    let processes = app_processes(pids);
    let mb = |kb: u64| kb as f64 / 1024.0;
    let each: Vec<String> = processes
        .iter()
        .map(|(name, pid)| format!("{name} {:.0}", mb(pss_kb(*pid))))
        .collect();
    let sum: u64 = processes.iter().map(|(_, pid)| pss_kb(*pid)).sum();
    format!("{:.0} MB ({} MB)", mb(sum), each.join(", "))
}

/// A bare Tauri window (the `bare_window` example: the same Tauri, WebKit
/// and settings, a one-paragraph page) measured as the app is: its process
/// start to its first painted page, and its PSS once painted.
fn bare_window() -> String {
    let binary = std::env::var("DOSSIER_BARE_BINARY").unwrap_or_else(|_| {
        format!(
            "{}/../target/debug/examples/bare_window",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let Ok(mut child) = std::process::Command::new(&binary)
        .env("DOSSIER_BARE_SECONDS", "3")
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        return format!("not measured ({binary} does not start)");
    };
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).ok();
        tx.send(line).ok();
    });
    let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) else {
        let _ = child.kill();
        let _ = child.wait();
        return "not measured (no first paint within 30 s)".into();
    };
    std::thread::sleep(Duration::from_millis(1500));
    let mut pids = descendants(child.id());
    pids.push(child.id());
    let pss = app_pss(&pids);
    let _ = child.wait();
    format!("{}; PSS {pss}", line.trim())
}

/// Median, 95th percentile and worst of the changes' times to the painted
/// preview, then the median of each part per kind of change, in words.
fn spread(timings: &[Value]) -> String {
    let field = |t: &Value, name: &str| t[name].as_f64().unwrap_or(f64::NAN);
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let kinds = KINDS
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            let of_kind: Vec<&Value> = timings.iter().skip(k).step_by(KINDS.len()).collect();
            let part = |name: &str| median(of_kind.iter().map(|t| field(t, name)).collect());
            format!(
                "{kind} {:.0} (answer {:.0} of which Rust {:.0}, list {:.0}, patch {:.0})",
                part("shown"),
                part("answered"),
                part("rendered"),
                part("listed"),
                part("patched")
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut times: Vec<f64> = timings.iter().map(|t| field(t, "shown")).collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((q * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
    format!(
        "median {:.1} ms, p95 {:.1} ms, worst {:.1} ms over {} changes; medians by kind, ms: {kinds}",
        at(0.5),
        at(0.95),
        at(1.0),
        times.len()
    )
}

/// The four kinds of change `measure_changes` makes.
const KINDS: [&str; 4] = ["topic", "section", "preset", "exclusion"];

/// Makes `n` changes in turn — a topic, a section, a date preset, an item
/// excluded — each undone by the next of its kind, and returns the window's
/// timings of each (`dossierApp.timings()`: `shown` is from the event
/// handler to the frame after the preview is painted; `answered`, the Rust
/// side's answer; `patched`, the frame's document patched).
async fn measure_changes(c: &Client, n: usize) -> Vec<Value> {
    const CHANGES: [&str; 4] = [
        "document.querySelector('[data-testid=topic-dialogue]').click();",
        "document.querySelector('[data-testid=section-key-figures]').click();",
        "const p = document.querySelector('[data-testid=preset]');
         p.value = p.value === 'dialogue' ? 'all' : 'dialogue';
         p.dispatchEvent(new Event('change', { bubbles: true }));",
        "document.querySelector('#items li:nth-child(3) input[type=checkbox]').click();",
    ];
    let mut times = Vec::new();
    for i in 0..n {
        let ms = c
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     const frame = document.querySelector('[data-testid=preview]');
                     const before = Number(frame.dataset.renders);
                     {}
                     const until = performance.now() + 10000;
                     (function poll() {{
                       if (Number(frame.dataset.loaded) > before && frame.dataset.loaded === frame.dataset.renders) done(window.dossierApp.timings());
                       else if (performance.now() > until) done(null);
                       else setTimeout(poll, 5);
                     }})();",
                    CHANGES[i % CHANGES.len()]
                ),
                vec![],
            )
            .await
            .unwrap();
        assert!(!ms.is_null(), "the preview follows within 10 s");
        times.push(ms);
        // (After the timing: the patched preview is what a whole load shows.)
        assert_eq!(
            js(c, "return window.dossierApp.previewIsExact();").await,
            json!(true),
            "change {i} ({}) patched in place",
            KINDS[i % KINDS.len()]
        );
    }
    times
}

/// One app at a time: the scenarios' waits, and the figures one of them
/// prints, assume the machine's cores are theirs. (tokio's lock is not
/// poisoned: a failed scenario does not hold the others up.)
static ONE_APP: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn one_app_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    ONE_APP.lock().await
}

/// The app started on the built-in dataset with its first preview painted;
/// it may read and write in `dir`.
async fn start_app(dir: &Path) -> (Driver, Client) {
    let driver = Driver::start(dir);
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.coldStart").await;
    (driver, c)
}

/// Narrows the memo to domestic violence and torture in 2024–2025.
async fn narrow_to_two_topics(c: &Client) {
    after(c, || click(c, "topics-none")).await;
    after(c, || click(c, "topic-domestic-violence")).await;
    after(c, || click(c, "topic-torture")).await;
    after(c, || type_into(c, "from", "2024")).await;
    after(c, || type_into(c, "to", "2025")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_preview_keeps_up_with_changes() {
    // The bare window first, alone: the figures beside which the app's are read.
    let bare = bare_window();
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(dir.path());
    let cold = Instant::now();
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.coldStart").await;
    let cold_start = cold.elapsed();
    let in_app = js(&c, "return Number(document.body.dataset.coldStart);").await;
    let page_start = js(&c, "return Number(document.body.dataset.pageStart);").await;
    let pss_first = app_pss(&driver.processes());

    // The built-in dataset is there, every topic ticked, the full memo previewed.
    let name = js(
        &c,
        "return document.querySelector('[data-testid=dataset-name]').textContent;",
    )
    .await;
    assert!(
        name.as_str()
            .unwrap()
            .starts_with("Built-in dataset — 193 items"),
        "{name}"
    );
    assert!(preview(&c).await.contains("This memo covers all topics"));

    // Measurements (printed, not asserted): 50 changes of four kinds, from
    // the event handler to the frame after the changed preview is painted,
    // in the full form and then in the memo form.
    let full = measure_changes(&c, 50).await;
    let pss_50 = app_pss(&driver.processes());
    let breakdown = js(&c, "return window.dossierApp.timings();").await;
    after(&c, || click(&c, "form-memo")).await;
    let memo = measure_changes(&c, 50).await;
    after(&c, || click(&c, "form-full")).await;
    let pss_after = app_pss(&driver.processes());

    // The item browser builds its rows a page at a time: 60 of the 193, and
    // the next 60 once the end of the list is scrolled into view.
    let rows = "document.querySelectorAll('#items li:not(.more)').length";
    assert_eq!(js(&c, &format!("return {rows};")).await, json!(60));
    assert!(
        text(&c, "items").await.contains("133 more below"),
        "{}",
        text(&c, "items").await
    );
    js(
        &c,
        "const l = document.querySelector('#items'); l.scrollTop = l.scrollHeight; return 0;",
    )
    .await;
    wait_for(&c, &format!("{rows} === 120")).await;

    // A change patches the preview in place: the parts that did not change
    // are the same nodes, and the reading position stays.
    let frame = "document.querySelector('[data-testid=preview]')";
    js(&c, &format!("const f = {frame}; f.contentDocument.querySelector('h1').kept = true; f.contentWindow.scrollTo(0, 2500); return 0;")).await;
    after(&c, || click(&c, "section-key-figures")).await;
    assert!(!preview(&c).await.contains("id=\"key-figures\""));
    assert_eq!(
        js(&c, &format!("const f = {frame}; return [f.contentDocument.querySelector('h1').kept === true, f.contentWindow.scrollY];")).await,
        json!([true, 2500])
    );
    after(&c, || click(&c, "section-key-figures")).await;
    assert_eq!(
        js(&c, "return window.dossierApp.previewIsExact();").await,
        json!(true)
    );
    tokio::time::sleep(Duration::from_secs(5)).await;
    let pss_idle = app_pss(&driver.processes());
    eprintln!(
        "measured: change to painted preview, full form (193 items): {}; memo form: {}; last full-form change: {breakdown}; cold start to first painted preview {:.0} ms from the app's process start, {:.0} ms of it before the page began to load ({:.0} ms from asking WebDriver for a session); PSS after the first preview {pss_first}; after 50 changes {pss_50}; after 100 {pss_after}; 5 s later {pss_idle}; a bare Tauri window: {bare}",
        spread(&full),
        spread(&memo),
        in_app.as_f64().unwrap(),
        page_start.as_f64().unwrap(),
        cold_start.as_secs_f64() * 1000.0,
    );

    c.close().await.unwrap();
    drop(driver);
}

/// The same measurements on a desk's decade: `dossier synth`'s 100,000
/// items (39 MB of files), opened as the remembered dataset folder. Run by
/// hand against the release build (README, "Performance"): the debug
/// build's figures at this size say nothing of a user's.
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn the_preview_keeps_up_at_100000_items() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("synthetic");
    for (rel, text) in dossier::synthetic::generate(100_000, 16, 2).files {
        let path = data.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let settings = dir.path().join(".config/org.dossier.desktop/settings.json");
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    std::fs::write(&settings, json!({ "dataset": data }).to_string()).unwrap();

    // Twice: the first start reads every file, the second takes them from
    // the dataset cache the first wrote.
    let mut starts = Vec::new();
    for _ in 0..2 {
        let driver = Driver::start(dir.path());
        let c = connect(&driver).await;
        wait_for(&c, "document.body.dataset.coldStart").await;
        let in_app = js(&c, "return Number(document.body.dataset.coldStart);").await;
        starts.push(in_app.as_f64().unwrap());
        let name = js(
            &c,
            "return document.querySelector('[data-testid=dataset-name]').textContent;",
        )
        .await;
        assert!(name.as_str().unwrap().contains("100000 items"), "{name}");
        c.close().await.unwrap();
        drop(driver);
    }

    let driver = Driver::start(dir.path());
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.coldStart").await;
    narrow_to_two_topics(&c).await;
    let full = measure_changes(&c, 20).await;
    after(&c, || click(&c, "form-memo")).await;
    let memo = measure_changes(&c, 20).await;
    let pss = app_pss(&driver.processes());
    eprintln!(
        "measured at 100,000 items (two topics, 2024–2025): change to painted preview, full form: {}; memo form: {}; cold start to first painted preview {:.0} ms reading every file, {:.0} ms from the dataset cache; PSS {pss}",
        spread(&full),
        spread(&memo),
        starts[0],
        starts[1],
    );
    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn topics_a_period_sections_and_exclusions_shape_the_memo() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let (driver, c) = start_app(dir.path()).await;
    // Tick two topics and set a period: an item in it shows, one before it does not.
    after(&c, || click(&c, "topics-none")).await;
    assert!(
        preview(&c)
            .await
            .contains("Nothing in the dataset matches this selection.")
    );
    after(&c, || click(&c, "topic-domestic-violence")).await;
    after(&c, || click(&c, "topic-torture")).await;
    after(&c, || type_into(&c, "from", "2024")).await;
    after(&c, || type_into(&c, "to", "2025")).await;
    let html = preview(&c).await;
    assert!(
        html.contains("Across the country, 46 crisis centres provide"),
        "an item of 2025 on domestic violence"
    );
    assert!(html.contains("Complaints related to torture decreased by 30% in 2024"));
    assert!(
        !html.contains("torture of detainees in custody"),
        "Zeya's call of April 2022 is out of the period"
    );
    assert!(
        !html.contains("e-Otinish"),
        "digital governance is not ticked"
    );

    // Untick a section: it disappears.
    assert!(html.contains("id=\"timeline\""));
    after(&c, || click(&c, "section-timeline")).await;
    assert!(!preview(&c).await.contains("id=\"timeline\""));

    // Exclude an item in the browser: it disappears.
    after(&c, || click(&c, "item-mfa-2025-crisis-centres")).await;
    let html = preview(&c).await;
    assert!(!html.contains("Across the country, 46 crisis centres provide"));
    assert!(
        html.contains("Complaints related to torture decreased by 30% in 2024"),
        "the rest stays"
    );

    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn exports_in_three_formats_and_refuses_an_unchosen_path() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let (driver, c) = start_app(dir.path()).await;
    narrow_to_two_topics(&c).await;
    after(&c, || click(&c, "item-mfa-2025-crisis-centres")).await;

    // Export through the export command, as after the save dialog.
    for (format, file, magic) in [
        ("pdf", "memo.pdf", &b"%PDF-"[..]),
        ("html", "memo.html", &b"<!DOCTYPE html>"[..]),
        ("docx", "memo.docx", &b"PK\x03\x04"[..]),
    ] {
        let path = dir.path().join(file);
        let script = format!(
            "const done = arguments[arguments.length - 1]; window.dossierApp.exportTo('{format}', {path:?}).then(done, e => done('error: ' + e));"
        );
        let written = c.execute_async(&script, vec![]).await.unwrap();
        assert_eq!(written.as_str(), Some(path.to_str().unwrap()), "{written}");
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{file}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            format != "html"
                || (text.contains("Complaints related to torture")
                    && !text.contains("Across the country, 46 crisis centres"))
        );
    }
    // The app's PDF is the accessible one too: the same checks as the
    // CLI's (PDF/UA-1 validator, structure tree, reading order).
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pdf_ua.py");
    let checked = std::process::Command::new("python3")
        .arg(&checker)
        .arg(dir.path().join("memo.pdf"))
        .output()
        .expect("python3 runs");
    assert!(
        checked.status.success(),
        "the app's PDF is not a conforming tagged PDF:\n{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    wait_for(&c, "!document.querySelector('[data-testid=toast]').hidden").await;
    // A path nobody chose is refused.
    let refused = c
        .execute_async("const done = arguments[arguments.length - 1]; window.dossierApp.exportTo('html', '/tmp/not-chosen.html').then(done, e => done(String(e)));", vec![])
        .await
        .unwrap();
    assert!(
        refused
            .as_str()
            .unwrap()
            .contains("was not chosen in a file dialog"),
        "{refused}"
    );
    assert!(!Path::new("/tmp/not-chosen.html").exists());

    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_dataset_is_refused_and_the_window_keeps_working() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let (driver, c) = start_app(dir.path()).await;
    // A broken dataset: its problems are listed, the app keeps working on the one it had.
    let broken = dir.path().join("broken");
    copy_dir(&minimal_fixture(), &broken);
    std::fs::write(
        broken.join("sources/beta.txt"),
        "Not the text the items quote.\n",
    )
    .unwrap();
    std::fs::write(
        broken.join("topics.toml"),
        "[[topic]]\nid = \"dialogue\"\nlabel = \"Dialogue\"\ndescripton = \"typo\"\n",
    )
    .unwrap();
    open_dataset(&c, &broken).await;
    wait_for(
        &c,
        "!document.querySelector('[data-testid=problems]').hidden",
    )
    .await;
    let problems = js(&c, "return [...document.querySelectorAll('[data-testid=problems] li')].map(li => li.textContent);").await;
    let problems: Vec<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("topics.toml:4: unknown field `descripton`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("not found verbatim in source 'beta'")),
        "{problems:?}"
    );
    assert!(
        js(
            &c,
            "return document.querySelector('[data-testid=dataset-name]').textContent;"
        )
        .await
        .as_str()
        .unwrap()
        .starts_with("Built-in dataset")
    );
    // The app still responds: the preview follows a change (the refresh the
    // refused folder asked for may paint first).
    click(&c, "section-timeline").await;
    wait_for(&c, &format!("!{PREVIEW_HTML}.includes('id=\"timeline\"')")).await;

    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sources_view_marks_what_items_quote() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let (driver, c) = start_app(dir.path()).await;
    // The Sources view: every source with its counts; a source's text with
    // the passages items quote and the sentences none quotes.
    click(&c, "show-sources").await;
    wait_for(
        &c,
        "document.querySelectorAll('[data-testid=source-list] button').length === 5",
    )
    .await;
    click(&c, "source-mfa-kz-factsheet-2025").await;
    wait_for(
        &c,
        "(document.querySelector('[data-testid=source-text] h2') || {}).textContent === 'Factsheet on Human Rights Reforms and Developments in Kazakhstan'",
    )
    .await;
    let marks = js(
        &c,
        "return document.querySelectorAll('[data-testid=source-text] mark').length;",
    )
    .await;
    assert!(marks.as_i64().unwrap() > 50, "quoted passages: {marks}");
    let missing = js(&c, "return [...document.querySelectorAll('[data-testid=source-text] .unquoted')].map(e => e.textContent).join(' | ');").await;
    assert!(
        missing
            .as_str()
            .unwrap()
            .contains("This factsheet provides an overview"),
        "{missing}"
    );
    click(&c, "show-memo").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=sources-view]').hidden",
    )
    .await;

    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_confidential_source_sets_the_memo_s_marking() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let (driver, c) = start_app(dir.path()).await;
    // A dataset with a CONFIDENTIAL source: the memo takes its marking, a
    // lower one is refused beside the field and export is disabled.
    let marked = dir.path().join("confidential");
    copy_dir(&fixture("confidential"), &marked);
    open_dataset(&c, &marked).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-name]').textContent.includes('confidential')",
    )
    .await;
    after(&c, || click(&c, "topics-all")).await;
    wait_for(&c, &format!("{PREVIEW_HTML}.includes('>CONFIDENTIAL</p>')")).await;
    assert!(
        js(
            &c,
            "return document.querySelector('[data-testid=items]').textContent;"
        )
        .await
        .as_str()
        .unwrap()
        .contains("CONFIDENTIAL"),
        "the item browser shows the cable's marking"
    );
    type_into(&c, "classification", "UNCLASSIFIED").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=marking-error]').textContent.includes('UNCLASSIFIED') && document.querySelector('[data-testid=export]').disabled",
    )
    .await;
    let refusal = js(
        &c,
        "return document.querySelector('[data-testid=marking-error]').textContent;",
    )
    .await;
    assert!(
        refusal.as_str().unwrap().contains("source 'cable'"),
        "{refusal}"
    );
    after(&c, || async {
        type_into(&c, "classification", "SECRET").await;
    })
    .await;
    assert!(preview(&c).await.contains(">SECRET</p>"));
    assert!(
        js(&c, "return document.querySelector('[data-testid=marking-error]').hidden && !document.querySelector('[data-testid=export]').disabled;").await == json!(true)
    );
    after(&c, || async {
        js(&c, "const f = document.querySelector('[data-testid=classification]'); f.value = ''; f.dispatchEvent(new Event('input', {bubbles: true}));").await;
    })
    .await;
    assert!(preview(&c).await.contains(">CONFIDENTIAL</p>"));
    after(&c, || click(&c, "portion-marks")).await;
    assert!(
        preview(&c)
            .await
            .contains(r#"<span class="portion">(C)</span> “Post is concerned"#),
        "portion marks in the preview"
    );
    after(&c, || click(&c, "portion-marks")).await;

    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_dataset_shows_as_text_and_runs_nothing() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let (driver, c) = start_app(dir.path()).await;
    // A hostile dataset: its text shows as text, and nothing in it runs.
    let hostile = dir.path().join("hostile");
    copy_dir(&minimal_fixture(), &hostile);
    // No single quote in it: the test writes it into TOML literal strings.
    let payload = r#"<script>top.document.body.dataset.pwned = 1</script><img src=x onerror="top.document.body.dataset.pwned = 2">"#;
    let text = std::fs::read_to_string(hostile.join("sources/alpha.txt")).unwrap();
    std::fs::write(
        hostile.join("sources/alpha.txt"),
        format!("{text}{payload}\n"),
    )
    .unwrap();
    let toml = std::fs::read_to_string(hostile.join("sources/alpha.toml")).unwrap();
    std::fs::write(
        hostile.join("sources/alpha.toml"),
        toml.replace(
            "label = \"Dialogue meeting held\"",
            &format!("label = '{payload}'"),
        )
        .replace(
            "quote = \"The dialogue met in Astana on May 20.\"",
            &format!("quote = '{payload}'"),
        ),
    )
    .unwrap();
    std::fs::write(
        hostile.join("sources/alpha.txt"),
        format!("{text}{payload}\n"),
    )
    .unwrap();
    open_dataset(&c, &hostile).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-name]').textContent.includes('hostile')",
    )
    .await;
    after(&c, || click(&c, "topics-all")).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        preview(&c)
            .await
            .contains("&lt;script&gt;top.document.body.dataset.pwned"),
        "the payload is shown as text"
    );
    assert_eq!(
        js(&c, "return document.body.dataset.pwned || null;").await,
        Value::Null,
        "a script from the data ran"
    );
    let in_frame = js(&c, "const d = document.querySelector('[data-testid=preview]').contentDocument; return d ? d.querySelectorAll('script, img').length : -1;").await;
    assert_eq!(
        in_frame,
        json!(0),
        "the preview holds no script or image elements"
    );
    // The source's text is shown as text in the Sources view too.
    click(&c, "show-sources").await;
    wait_for(&c, "document.querySelector('[data-testid=source-alpha]')").await;
    click(&c, "source-alpha").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=source-text]').textContent.includes('top.document.body.dataset.pwned')",
    )
    .await;
    assert_eq!(
        js(&c, "return document.querySelector('[data-testid=source-text]').querySelectorAll('script, img').length;").await,
        json!(0),
        "the Sources view holds no script or image elements"
    );
    assert_eq!(
        js(&c, "return document.body.dataset.pwned || null;").await,
        Value::Null
    );
    click(&c, "show-memo").await;
    let items = js(
        &c,
        "return document.querySelector('[data-testid=items]').innerHTML;",
    )
    .await;
    assert!(
        !items.as_str().unwrap().contains("<script"),
        "the item browser shows the payload as text"
    );

    c.close().await.unwrap();
    drop(driver);
}

/// Screenshots of the window with the full memo previewed, at 1280×800 and
/// 1024×640, into `DOSSIER_SCREENSHOTS` (a folder). Run by hand:
/// `DOSSIER_SCREENSHOTS=/tmp xvfb-run -a -s "-screen 0 1400x900x24" cargo test -p dossier-app --test e2e -- --ignored`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn screenshots() {
    let _one = one_app_at_a_time().await;
    let out = PathBuf::from(
        std::env::var("DOSSIER_SCREENSHOTS").expect("DOSSIER_SCREENSHOTS names a folder"),
    );
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(dir.path());
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.firstPaint").await;
    for (w, h) in [(1280u32, 800u32), (1024, 640)] {
        c.set_window_rect(0, 0, w, h).await.unwrap();
        tokio::time::sleep(Duration::from_millis(800)).await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(out.join(format!("window-{w}x{h}.png")), png).unwrap();
    }
    // The drafter's fields, with the two-page memo previewed.
    c.set_window_rect(0, 0, 1280, 800).await.unwrap();
    after(&c, || click(&c, "form-memo")).await;
    type_into(&c, "item-filter", "46 crisis centres").await;
    after(&c, || {
        type_into(&c, "talking-points", "Ask how the centres are funded")
    })
    .await;
    after(&c, || click(&c, "cite-mfa-2025-crisis-centres")).await;
    js(
        &c,
        "document.querySelector('#drafter-h').scrollIntoView(); return null;",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let png = c.screenshot().await.unwrap();
    std::fs::write(out.join("drafter-1280x800.png"), png).unwrap();
    c.close().await.unwrap();
}

/// The drafter's memo in the window: a talking point typed with a citation
/// inserted by "Cite" shows its marker in the preview; a citation that
/// cannot be resolved is said beside the fields while the preview stays;
/// a pinned item is on the two-page memo's pages.
#[tokio::test(flavor = "multi_thread")]
async fn drafter_text_cites_items_in_the_preview() {
    let _one = one_app_at_a_time().await;
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(dir.path());
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.firstPaint").await;
    after(&c, || click(&c, "form-memo")).await;
    assert!(
        preview(&c).await.contains("id=\"background\""),
        "the annex follows the memo's pages"
    );

    // A talking point, and "Cite" on an item puts its citation at the cursor.
    type_into(&c, "item-filter", "46 crisis centres").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=cite-mfa-2025-crisis-centres]')",
    )
    .await;
    after(&c, || {
        type_into(&c, "talking-points", "Ask how the centres are funded")
    })
    .await;
    after(&c, || click(&c, "cite-mfa-2025-crisis-centres")).await;
    assert_eq!(
        js(
            &c,
            "return document.querySelector('[data-testid=talking-points]').value;"
        )
        .await,
        json!("Ask how the centres are funded [@mfa-2025-crisis-centres]")
    );
    let html = preview(&c).await;
    let points = &html[html
        .find("id=\"talking-points\"")
        .expect("the talking points")..];
    let points = &points[..points.find("</section>").unwrap()];
    assert!(
        points.contains(
            "Ask how the centres are funded<sup class=\"cite\"><a href=\"#source-1\">1</a></sup>"
        ),
        "{points}"
    );

    // An id that is not an item: said beside the fields, the preview stays.
    let renders = js(&c, &format!("return {RENDERS};")).await;
    type_into(&c, "bottom-line", "See [@no-such-item]").await;
    wait_for(
        &c,
        "!document.querySelector('[data-testid=drafter-error]').hidden",
    )
    .await;
    assert!(
        js(
            &c,
            "return document.querySelector('[data-testid=drafter-error]').textContent;"
        )
        .await
        .as_str()
        .unwrap()
        .contains("[@no-such-item]")
    );
    assert_eq!(
        js(&c, &format!("return {RENDERS};")).await,
        renders,
        "the last good preview stays"
    );
    assert!(preview(&c).await.contains("Ask how the centres are funded"));
    after(&c, || {
        type_into(&c, "bottom-line", "Acknowledge the reforms.")
    })
    .await;
    assert!(
        js(
            &c,
            "return document.querySelector('[data-testid=drafter-error]').hidden;"
        )
        .await
            == json!(true)
    );

    // Pin an item: it is on the memo's pages, before the annex.
    type_into(&c, "item-filter", "Abai").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=pin-zeya-2022-abai-mirror]')",
    )
    .await;
    after(&c, || click(&c, "pin-zeya-2022-abai-mirror")).await;
    let html = preview(&c).await;
    let front = &html[..html.find("id=\"background\"").unwrap()];
    assert!(
        front.contains("data-item=\"zeya-2022-abai-mirror\""),
        "the pinned item is on the memo's pages"
    );
    c.close().await.unwrap();
    drop(driver);
}
