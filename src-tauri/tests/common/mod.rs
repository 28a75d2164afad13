//! What the end-to-end tests share: tauri-driver started and stopped
//! safely, a WebDriver session with the app, and waits that always end.
#![allow(dead_code)] // each test binary uses its own part

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// Every wait in these tests ends by this.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// tauri-driver, stopped with SIGTERM (SIGKILL would orphan
/// WebKitWebDriver, which keeps its port and hangs the next run).
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts tauri-driver; the app may read and write in `allow_dir`.
    pub fn start(allow_dir: &Path) -> Driver {
        let free_port = || {
            TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let (port, native) = (free_port(), free_port());
        let child = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DOSSIER_ALLOW_DIR", allow_dir)
            // The app's settings file goes here, not into the user's,
            // and so does its dataset cache.
            .env("XDG_CONFIG_HOME", allow_dir.join(".config"))
            .env("XDG_CACHE_HOME", allow_dir.join(".cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts; install it with `cargo install tauri-driver --version ^2 --locked`");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < TIMEOUT,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }

    /// The processes this driver started, and theirs (the app and its WebKit processes).
    pub fn processes(&self) -> Vec<u32> {
        descendants(self.child.id())
    }
}

/// The processes descended from `pid` (WebKitWebDriver, the app).
pub fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let child: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // The parent is the second field after the command's closing parenthesis.
            let ppid = stat
                .rsplit(')')
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((child, ppid))
        })
        .collect();
    let mut out = Vec::new();
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        for (child, _) in parents.iter().filter(|(_, parent)| *parent == p) {
            out.push(*child);
            queue.push(*child);
        }
    }
    out
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Whatever the driver started (WebKitWebDriver, the app) must end
        // with it: an app left running holds its binary busy for the next
        // test (the package test rewrites it).
        let started_by_it = descendants(self.child.id());
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let started = Instant::now();
        let mut stopped = false;
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                stopped = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if !stopped {
            let _ = self.child.kill();
        }
        for (signal, wait) in [("-TERM", 5), ("-KILL", 2)] {
            let left: Vec<u32> = started_by_it
                .iter()
                .copied()
                .filter(|p| alive(*p))
                .collect();
            if left.is_empty() {
                return;
            }
            for pid in &left {
                let _ = Command::new("kill")
                    .args([signal, &pid.to_string()])
                    .status();
            }
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(wait) && left.iter().any(|p| alive(*p)) {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

pub fn tauri_driver() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|c| c.join("bin/tauri-driver"));
    match cargo_bin {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// The app under test: the debug build, or `DOSSIER_APP_BINARY` (to measure
/// a release build).
pub fn app_binary() -> String {
    std::env::var("DOSSIER_APP_BINARY")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_dossier-app").to_string())
}

pub async fn connect(driver: &Driver) -> Client {
    let caps = json!({
        "browserName": "wry",
        "tauri:options": { "application": app_binary() },
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    // tauri-driver may listen a moment before WebKitWebDriver answers: a
    // reset first session request is tried again, a bounded number of times.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(client) => return client,
            Err(e) if attempt < 4 => {
                eprintln!("a WebDriver session was refused ({e}); trying again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("a WebDriver session with the app: {e}"),
        }
    }
}

pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until `condition` (a JS expression) is true.
pub async fn wait_for(c: &Client, condition: &str) {
    let started = Instant::now();
    loop {
        if js(c, &format!("return Boolean({condition});")).await == json!(true) {
            return;
        }
        assert!(
            started.elapsed() < TIMEOUT,
            "timed out waiting for {condition}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub const LOADED: &str =
    "Number(document.querySelector('[data-testid=preview]').dataset.loaded || -1)";
pub const RENDERS: &str =
    "Number(document.querySelector('[data-testid=preview]').dataset.renders || 0)";

/// Runs `action` and waits for the preview to show what follows from it.
pub async fn after<F, Fut>(c: &Client, action: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let before = js(c, &format!("return {RENDERS};")).await.as_i64().unwrap();
    action().await;
    wait_for(c, &format!("{RENDERS} > {before} && {LOADED} === {RENDERS} && !document.querySelector('#status.error')")).await;
}

/// The text of the element with `data-testid` `testid` ('' if there is none).
pub async fn text(c: &Client, testid: &str) -> String {
    js(
        c,
        &format!("const e = document.querySelector('[data-testid=\"{testid}\"]'); return e ? e.textContent : '';"),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// The preview as the window shows it: the frame's live document, serialised
/// (it is patched in place from the second render on, so `srcdoc` holds
/// only the first).
pub const PREVIEW_HTML: &str =
    "document.querySelector('[data-testid=preview]').contentDocument.documentElement.outerHTML";

/// The preview's document, serialised.
pub async fn preview(c: &Client) -> String {
    js(c, &format!("return {PREVIEW_HTML};"))
        .await
        .as_str()
        .unwrap()
        .to_string()
}

/// Clicks the element, centred first: scrolled only just into view, it
/// could sit under the panel's sticky toolbar.
pub async fn click(c: &Client, testid: &str) {
    let el = c
        .find(Locator::Css(&format!("[data-testid='{testid}']")))
        .await
        .unwrap_or_else(|e| panic!("{testid}: {e}"));
    c.execute(
        "arguments[0].scrollIntoView({block: 'center'});",
        vec![serde_json::to_value(&el).unwrap()],
    )
    .await
    .unwrap();
    el.click()
        .await
        .unwrap_or_else(|e| panic!("clicking {testid}: {e}"));
}

/// Opens the dataset folder at `path` as "Open dataset folder…" would
/// (the folder dialog itself cannot be driven), and waits for the answer.
pub async fn open_dataset(c: &Client, path: &Path) {
    let open = format!(
        "const done = arguments[arguments.length - 1]; window.dossierApp.openDatasetAt({:?}).then(done, done);",
        path.to_str().unwrap()
    );
    c.execute_async(&open, vec![]).await.unwrap();
}

pub async fn type_into(c: &Client, testid: &str, text: &str) {
    let field = c
        .find(Locator::Css(&format!("[data-testid='{testid}']")))
        .await
        .unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

pub fn minimal_fixture() -> PathBuf {
    fixture("minimal")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}
