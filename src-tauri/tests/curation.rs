//! End-to-end tests of curation in the real app (tauri-driver, as
//! `e2e.rs`): an editable copy of the built-in dataset, a document added
//! and reviewed, items edited and made from a selection, a change on disk
//! never overwritten, hostile and refused documents. The native file
//! dialogs cannot be driven, so the tests call what the window does after
//! them (`window.dossierApp`), in folders the app is allowed to use.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use fantoccini::Client;
use serde_json::{Value, json};

/// A short news article written for these tests: a dated meeting, a
/// figure, an attributed statement, a second report of an item of the
/// dataset and a plan.
const TALKS: &str = "Astana and Washington review rights agenda

ASTANA, 14 March 2026 — Officials of Kazakhstan and the United States met in Astana on 12 March 2026 to review progress on the human rights agenda agreed at the High-Level Dialogue.

Deputy Foreign Minister Roman Vassilenko said that Kazakhstan remains committed to strengthening the protection of journalists and civil society.

According to the Ministry of Internal Affairs, 52 crisis centres now assist survivors of domestic violence across the country.

At the May 2024 Dialogue, the U.S. side commended Kazakhstan for the April 2024 law recriminalizing domestic violence, a very important step in protecting survivors.

The delegations agreed to meet again in Washington later in 2026.
";

/// Runs `expr` (a JS expression, possibly a promise) and returns its value,
/// or `"error: …"` if it fails.
async fn call(c: &Client, expr: &str) -> Value {
    let script = format!(
        "const done = arguments[arguments.length - 1]; Promise.resolve().then(() => {expr}).then(v => done(v === undefined ? null : v), e => done('error: ' + e));"
    );
    c.execute_async(&script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
}

/// Every file of a dataset folder with its text, to compare before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// The records of a source file: id → table.
fn records(file: &Path) -> BTreeMap<String, toml::Table> {
    let doc: toml::Table = std::fs::read_to_string(file).unwrap().parse().unwrap();
    let mut out = BTreeMap::new();
    for kind in ["statement", "figure", "event", "also"] {
        for t in doc
            .get(kind)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            let t = t.as_table().unwrap().clone();
            let id = t["id"].as_str().unwrap().to_string();
            let mut t = t;
            t.insert("kind".into(), kind.into());
            out.insert(id, t);
        }
    }
    out
}

/// Starts the app and makes the editable copy as the first edit offers it:
/// returns the session and the copy's folder.
async fn with_editable_copy(dir: &Path) -> (Driver, Client, PathBuf) {
    let driver = Driver::start(dir);
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.firstPaint").await;
    assert!(
        text(&c, "dataset-name")
            .await
            .starts_with("Built-in dataset")
    );
    // The first edit ("Review and edit…" a source) offers the copy; the
    // folder dialog is what the test skips.
    click(&c, "show-sources").await;
    wait_for(&c, "document.querySelector('[data-testid=review-source]')").await;
    click(&c, "review-source").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=copy-dialog]').open",
    )
    .await;
    let parent = dir.join("desk");
    std::fs::create_dir_all(&parent).unwrap();
    call(
        &c,
        &format!("window.dossierApp.copyInto({:?})", parent.to_str().unwrap()),
    )
    .await;
    wait_for(
        &c,
        "!document.querySelector('[data-testid=copy-dialog]').open",
    )
    .await;
    // The edit goes on, in the copy.
    wait_for(
        &c,
        "!document.querySelector('[data-testid=review-view]').hidden && document.querySelectorAll('[data-testid=review-list] .record').length > 0",
    )
    .await;
    click(&c, "review-close").await;
    let copy = parent.join("Dossier dataset");
    assert!(
        copy.join("sources").is_dir(),
        "the copy is a dataset folder"
    );
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-name]').textContent.includes('Dossier dataset')",
    )
    .await;
    (driver, c, copy)
}

/// Names the step a long scenario is at: a failure's output ends with the
/// last one named, and the steps before it passed.
fn step(name: &str) {
    eprintln!("step: {name}");
}

/// Opens the Add document form for the file at `path`, as after the open
/// dialog, and waits for its fields.
async fn open_form(c: &Client, path: &Path) {
    call(
        c,
        &format!(
            "window.dossierApp.addDocumentAt({:?})",
            path.to_str().unwrap()
        ),
    )
    .await;
    wait_for(c, "!document.querySelector('#doc-fields').hidden").await;
}

/// Adds the document at `path` through the form: fills what the document
/// does not say, then waits for the review screen.
async fn add_document(c: &Client, path: &Path, publisher: &str, date: &str, kind: &str) {
    open_form(c, path).await;
    type_into(c, "doc-publisher", publisher).await;
    type_into(c, "doc-date", date).await;
    js(
        c,
        &format!("const k = document.querySelector('[data-testid=doc-kind]'); k.value = '{kind}'; k.dispatchEvent(new Event('change', {{bubbles: true}})); return null;"),
    )
    .await;
    let title = js(
        c,
        "return document.querySelector('[data-testid=doc-title]').value;",
    )
    .await;
    click(c, "doc-add").await;
    // The review screen may still show the source reviewed before: wait for this one's.
    wait_for(c, &format!("!document.querySelector('[data-testid=review-view]').hidden && document.querySelector('[data-testid=review-title]').textContent === {title} && document.querySelectorAll('[data-testid=review-list] .record').length > 0")).await;
}

/// The text of an HTML page, tags dropped and white space collapsed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn key(c: &Client, k: &str) {
    js(
        c,
        &format!("document.body.dispatchEvent(new KeyboardEvent('keydown', {{key: '{k}', bubbles: true}})); return null;"),
    )
    .await;
}

/// The records on the review screen: (id, kind, state).
async fn listed(c: &Client) -> Vec<(String, String, String)> {
    let v = js(c, "return [...document.querySelectorAll('[data-testid=review-list] .record:not(.new)')].map(li => [li.dataset.testid.slice(7), [...li.classList].find(k => k.startsWith('kind-')).slice(5), li.dataset.state]);").await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r = r.as_array().unwrap();
            (
                r[0].as_str().unwrap().to_string(),
                r[1].as_str().unwrap().to_string(),
                r[2].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn curation_add_review_edit_and_select_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (driver, c, copy) = with_editable_copy(dir.path()).await;
    let settings = dir.path().join(".config/org.dossier.desktop/settings.json");
    let remembered: Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).unwrap()).unwrap();
    assert_eq!(remembered["dataset"], json!(copy.to_str().unwrap()));

    step("The form: prefilled from the document, each field checked as typed");
    // The form: prefilled from the document, each field checked as typed.
    let doc = dir.path().join("talks.txt");
    std::fs::write(&doc, TALKS).unwrap();
    open_form(&c, &doc).await;
    assert_eq!(
        js(
            &c,
            "return document.querySelector('[data-testid=doc-title]').value;"
        )
        .await,
        json!("Astana and Washington review rights agenda")
    );
    type_into(&c, "doc-date", "2026-13").await;
    wait_for(&c, "!document.querySelector('#doc-date-error').hidden").await;
    assert!(text(&c, "doc-dialog").await.contains("has no such month"));
    click(&c, "doc-cancel").await;
    add_document(&c, &doc, "Astana Times", "2026-03-14", "news").await;
    let source = "astana-and-washington-review-rights-agenda-2026";
    let file = copy.join(format!("sources/{source}.toml"));
    assert!(file.exists());
    let rows = listed(&c).await;
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.iter().all(|(_, _, s)| s == "suggested"), "{rows:?}");
    let id_of = |kind: &str, nth: usize| {
        rows.iter()
            .filter(|(_, k, _)| k == kind)
            .nth(nth)
            .map(|(id, _, _)| id.clone())
            .unwrap_or_else(|| panic!("no {kind} {nth} in {rows:?}"))
    };
    let (event, statement, figure, also, plan) = (
        id_of("event", 0),
        id_of("statement", 0),
        id_of("figure", 0),
        id_of("corroboration", 0),
        id_of("statement", 1),
    );
    step("The corroboration shows the item it reports again beside its passage");
    // The corroboration shows the item it reports again beside its passage.
    let existing = text(&c, &format!("record-{also}")).await;
    assert!(
        existing.contains("us-2024-commends-domestic-violence-law")
            && existing.contains("commended the Republic of Kazakhstan for progress made"),
        "{existing}"
    );
    step("Each suggestion is highlighted in the text with its kind's colour");
    // Each suggestion is highlighted in the text with its kind's colour.
    for (id, kind) in [
        (&event, "event"),
        (&statement, "statement"),
        (&figure, "figure"),
    ] {
        let class = js(&c, &format!("const m = [...document.querySelectorAll('[data-testid=review-text] mark[data-records]')].find(m => m.dataset.records.split(' ').includes('{id}')); return m ? m.className : null;")).await;
        assert_eq!(class, json!(format!("hl hl-{kind}")), "{id}");
    }

    step("The event is dated by the text (12 March), not by the dispatch's dateline (14 March)");
    // The event is dated by the text (12 March), not by the dispatch's dateline (14 March).
    assert_eq!(text(&c, &format!("when-{event}")).await, "2026-03-12");
    let count = |topic: &'static str| {
        let c = &c;
        async move {
            js(c, &format!("return Number(document.querySelector('[data-testid=topic-{topic}]').closest('label').querySelector('.count').textContent);")).await.as_i64().unwrap()
        }
    };
    let (dialogue, violence) = (count("dialogue").await, count("domestic-violence").await);

    step("The event: its date to month precision, a better label; then accepted");
    // The event: its date to month precision, a better label; then accepted.
    click(&c, &format!("edit-{event}")).await;
    wait_for(&c, "document.querySelector('[data-testid=editor]')").await;
    type_into(&c, "editor-date", "2026-03").await;
    assert!(
        text(&c, "editor-date-words")
            .await
            .contains("March 2026 (a month)")
    );
    type_into(
        &c,
        "editor-label",
        "Officials met in Astana to review the rights agenda",
    )
    .await;
    click(&c, "editor-save").await;
    wait_for(&c, "!document.querySelector('[data-testid=editor]')").await;
    assert_eq!(text(&c, &format!("when-{event}")).await, "2026-03");
    click(&c, &format!("accept-{event}")).await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{event}]').dataset.state === 'accepted'"
        ),
    )
    .await;
    step("The figure by keyboard: move to it, a");
    // The figure by keyboard: move to it, a.
    js(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{figure}] .who').click(); return null;"
        ),
    )
    .await;
    key(&c, "a").await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{figure}]').dataset.state === 'accepted'"
        ),
    )
    .await;
    step("The plan, two rows down (past the corroboration): j, j, r");
    // The plan, two rows down (past the corroboration): j, j, r.
    key(&c, "j").await;
    key(&c, "j").await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{plan}]').classList.contains('current')"
        ),
    )
    .await;
    key(&c, "r").await;
    wait_for(
        &c,
        &format!("!document.querySelector('[data-testid=record-{plan}]')"),
    )
    .await;

    step("The memo shows the accepted items, the event at its month, and not the rejected one");
    // The memo shows the accepted items, the event at its month, and not the rejected one.
    wait_for(
        &c,
        &format!("{PREVIEW_HTML}.includes('Officials met in Astana to review the rights agenda')"),
    )
    .await;
    let html = preview(&c).await;
    let html = html.as_str();
    assert!(
        html.contains("52 crisis centres now assist survivors"),
        "the accepted figure"
    );
    assert!(html.contains("March 2026"), "the event at month precision");
    let words = plain(html);
    assert!(
        words.contains(" March 2026 — Officials met in Astana to review the rights agenda")
            && words.contains(
                " March 2026 Officials met in Astana to review the rights agenda, Astana"
            ),
        "the topic section and the timeline date the event to its month, no day"
    );
    assert!(
        !words.contains("12 March 2026 — Officials met"),
        "not the suggested day"
    );
    assert!(
        !html.contains("meet again in Washington"),
        "the rejected suggestion"
    );
    assert!(
        !html.contains("Roman Vassilenko said"),
        "a pending suggestion is not in the memo"
    );
    step(
        "The topic counts follow: one more event on the dialogue, one more figure on domestic violence",
    );
    // The topic counts follow: one more event on the dialogue, one more figure on domestic violence.
    assert_eq!(count("dialogue").await, dialogue + 1);
    assert_eq!(count("domestic-violence").await, violence + 1);

    step("On disk: exactly those records");
    // On disk: exactly those records.
    let on_disk = records(&file);
    assert_eq!(on_disk.len(), 4, "{on_disk:?}");
    assert_eq!(on_disk[&event]["date"].as_str(), Some("2026-03"));
    assert!(
        on_disk[&event].get("suggested").is_none() && on_disk[&event].get("accepted").is_some()
    );
    assert!(on_disk[&figure].get("suggested").is_none());
    assert_eq!(on_disk[&statement]["suggested"].as_bool(), Some(true));
    assert!(!on_disk.contains_key(&plan));

    step("A new statement from a selection of the text: its quote verbatim");
    // A new statement from a selection of the text: its quote verbatim.
    let selected = js(&c, "const body = document.querySelector('[data-testid=review-text-body]'); const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT); let n; while ((n = walker.nextNode())) { const i = n.data.indexOf('Kazakhstan remains committed'); if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 'Kazakhstan remains committed to strengthening the protection of journalists'.length); const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); body.dispatchEvent(new MouseEvent('mouseup', {bubbles: true})); return s.toString(); } } return null;").await;
    assert_eq!(
        selected,
        json!("Kazakhstan remains committed to strengthening the protection of journalists")
    );
    wait_for(
        &c,
        "!document.querySelector('[data-testid=selection-bar]').hidden",
    )
    .await;
    click(&c, "new-statement").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=record-new] [data-testid=editor]')",
    )
    .await;
    type_into(&c, "editor-speaker", "Vassilenko").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=speaker-roman-vassilenko]')",
    )
    .await;
    click(&c, "speaker-roman-vassilenko").await;
    click(&c, "editor-topic-expression-media").await;
    click(&c, "editor-save").await;
    wait_for(&c, "!document.querySelector('[data-testid=record-new]')").await;
    let on_disk = records(&file);
    let made: Vec<_> = on_disk
        .values()
        .filter(|t| t.get("accepted_by").is_some() && t["kind"].as_str() == Some("statement"))
        .collect();
    assert_eq!(made.len(), 1, "{on_disk:?}");
    assert_eq!(
        made[0]["quote"].as_str(),
        Some("Kazakhstan remains committed to strengthening the protection of journalists")
    );
    assert_eq!(made[0]["speaker"].as_str(), Some("roman-vassilenko"));

    step("Undo takes back the last change (the new statement), and only it");
    // Undo takes back the last change (the new statement), and only it.
    click(&c, "review-undo").await;
    wait_for(
        &c,
        "document.querySelectorAll('[data-testid=review-list] .record').length === 4",
    )
    .await;
    assert_eq!(records(&file).len(), 4);

    step("Another editor changes the file: the next edit is refused, their change kept");
    // Another editor changes the file: the next edit is refused, their change kept.
    let theirs = format!(
        "{}\n# Checked by the desk officer.\n",
        std::fs::read_to_string(&file).unwrap()
    );
    std::fs::write(&file, &theirs).unwrap();
    click(&c, &format!("accept-{statement}")).await;
    wait_for(&c, "document.querySelector('#status.error')").await;
    assert!(
        text(&c, "status").await.contains("changed on disk"),
        "{}",
        text(&c, "status").await
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        theirs,
        "their change is kept"
    );
    step("The app reloaded: the same click now works, and keeps their line");
    // The app reloaded: the same click now works, and keeps their line.
    click(&c, &format!("accept-{statement}")).await;
    wait_for(&c, &format!("document.querySelector('[data-testid=record-{statement}]').dataset.state === 'accepted'")).await;
    let now = std::fs::read_to_string(&file).unwrap();
    assert!(now.contains("# Checked by the desk officer."), "{now}");
    assert!(records(&file)[&statement].get("suggested").is_none());

    step("Undo after another change on disk: refused, theirs kept, the app goes on");
    // Undo after another change on disk: refused, theirs kept, the app goes on.
    let theirs = format!("{now}# Checked twice.\n");
    std::fs::write(&file, &theirs).unwrap();
    js(
        &c,
        "document.querySelector('#status').className = ''; return null;",
    )
    .await;
    click(&c, "review-undo").await;
    wait_for(&c, "document.querySelector('#status.error')").await;
    assert!(
        text(&c, "status").await.contains("changed on disk"),
        "{}",
        text(&c, "status").await
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    wait_for(
        &c,
        "document.querySelector('[data-testid=review-undo]').disabled",
    )
    .await;

    step("\"Accept all remaining\": the corroboration; the item now cites the new source too");
    // "Accept all remaining": the corroboration; the item now cites the new source too.
    click(&c, "review-accept-all").await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{also}]').dataset.state === 'accepted'"
        ),
    )
    .await;
    assert!(
        records(&file)
            .values()
            .all(|t| t.get("suggested").is_none())
    );
    // (The list builds its rows a page at a time: the filter brings the item up.)
    // The review screen covers the panel, so the filter is set as typing would.
    let filter = |words: &str| {
        format!(
            "const f = document.querySelector('[data-testid=item-filter]'); f.value = '{words}'; f.dispatchEvent(new Event('input')); return 0;"
        )
    };
    js(&c, &filter("us-2024-commends-domestic-violence-law")).await;
    wait_for(&c, "(document.querySelector('[data-testid=item-us-2024-commends-domestic-violence-law]')?.closest('li').textContent || '').includes('Astana Times')").await;
    js(&c, &filter("")).await;

    step("Clicking a highlight in the Sources view opens its item's editor");
    // Clicking a highlight in the Sources view opens its item's editor.
    click(&c, "review-close").await;
    click(&c, "show-sources").await;
    wait_for(
        &c,
        &format!("document.querySelector('[data-testid=source-{source}]')"),
    )
    .await;
    click(&c, &format!("source-{source}")).await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=source-text] mark[data-items~=\"{figure}\"]')"
        ),
    )
    .await;
    js(&c, &format!("document.querySelector('[data-testid=source-text] mark[data-items~=\"{figure}\"]').click(); return null;")).await;
    wait_for(
        &c,
        &format!("document.querySelector('[data-testid=record-{figure}] [data-testid=editor]')"),
    )
    .await;
    assert_eq!(
        js(
            &c,
            "return document.querySelector('[data-testid=editor-value]').value;"
        )
        .await,
        json!("52")
    );

    c.close().await.unwrap();
    drop(driver);

    step("The folder is reopened at the next start; \"Use built-in dataset\" forgets it");
    // The folder is reopened at the next start; "Use built-in dataset" forgets it.
    let driver = Driver::start(dir.path());
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.firstPaint").await;
    assert!(
        text(&c, "dataset-name").await.contains("Dossier dataset"),
        "{}",
        text(&c, "dataset-name").await
    );
    step(
        "The folder moves away while the app holds it: a plain message, nothing written, the app goes on",
    );
    // The folder moves away while the app holds it: a plain message, nothing written, the app goes on.
    let moved = dir.path().join("moved away");
    std::fs::rename(&copy, &moved).unwrap();
    let refused = call(&c, &format!("window.dossierApp.openReview({source:?})")).await;
    assert_eq!(refused, Value::Null, "{refused}");
    wait_for(&c, "document.querySelector('#status.error')").await;
    assert!(
        text(&c, "status")
            .await
            .contains("is gone (moved or deleted?). Nothing was written."),
        "{}",
        text(&c, "status").await
    );
    assert!(!copy.exists(), "nothing was written where the folder was");
    click(&c, "use-builtin").await;
    wait_for(&c, "document.querySelector('[data-testid=dataset-name]').textContent.startsWith('Built-in dataset')").await;
    let remembered: Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).unwrap()).unwrap();
    assert_eq!(remembered["dataset"], Value::Null);
    assert!(moved.join("sources").is_dir(), "the copy's files are kept");
    c.close().await.unwrap();
    drop(driver);
}

#[tokio::test(flavor = "multi_thread")]
async fn curation_hostile_and_refused_documents_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (driver, c, copy) = with_editable_copy(dir.path()).await;

    // A file that is not what it says: refused in the window, nothing written.
    let before = snapshot(&copy);
    let fake = dir.path().join("scan.pdf");
    std::fs::write(&fake, b"this is not a PDF at all").unwrap();
    call(
        &c,
        &format!(
            "window.dossierApp.addDocumentAt({:?})",
            fake.to_str().unwrap()
        ),
    )
    .await;
    wait_for(
        &c,
        "!document.querySelector('[data-testid=doc-error]').hidden",
    )
    .await;
    let why = text(&c, "doc-error").await;
    assert!(
        why.contains("scan.pdf") && why.contains("Nothing was added"),
        "{why}"
    );
    assert!(
        js(&c, "return document.querySelector('#doc-fields').hidden;").await == json!(true),
        "no form for a refused file"
    );
    click(&c, "doc-cancel").await;
    assert_eq!(snapshot(&copy), before, "the dataset is unchanged");

    // A real PDF goes through the app's own reader process: the memo the
    // app exports, read back with its pages and its title prefilled.
    let exported = dir.path().join("exported.pdf");
    let written = call(
        &c,
        &format!(
            "window.dossierApp.exportTo('pdf', {:?})",
            exported.to_str().unwrap()
        ),
    )
    .await;
    assert_eq!(written.as_str(), exported.to_str(), "{written}");
    open_form(&c, &exported).await;
    assert!(
        text(&c, "doc-file").await.contains("pages"),
        "{}",
        text(&c, "doc-file").await
    );
    assert_eq!(
        js(
            &c,
            "return document.querySelector('[data-testid=doc-title]').value;"
        )
        .await,
        json!("Briefing Memo"),
        "the PDF's own title"
    );
    click(&c, "doc-cancel").await;
    assert_eq!(snapshot(&copy), before, "cancelled: nothing written");

    // A hostile document: its markup is text in the review screen.
    let hostile = dir.path().join("hostile.txt");
    std::fs::write(
        &hostile,
        "Hostile note\n\nThe ministry said that <script>top.document.body.dataset.pwned = 1</script> was removed.\n\nOn 3 May 2026 officials met in Astana <img src=x onerror=\"top.document.body.dataset.pwned = 2\"> to talk.\n",
    )
    .unwrap();
    add_document(&c, &hostile, "<b>Desk</b>", "2026-05-04", "news").await;
    let review_text = text(&c, "review-text").await;
    assert!(
        review_text.contains("<script>top.document.body.dataset.pwned = 1</script>"),
        "{review_text}"
    );
    assert!(review_text.contains("<img src=x onerror="), "{review_text}");
    assert_eq!(
        js(&c, "return document.querySelector('[data-testid=review-view]').querySelectorAll('script, img').length;").await,
        json!(0)
    );
    // The publisher's markup is text in the bar.
    assert!(text(&c, "review-counts").await.contains("<b>Desk</b>"));
    assert_eq!(
        js(&c, "return document.querySelector('[data-testid=review-view]').querySelectorAll('b').length;").await,
        json!(0)
    );
    // Its suggestions (the quote with the script is one) show it as text.
    let rows = listed(&c).await;
    assert!(!rows.is_empty(), "the hostile note has suggestions");
    let list = text(&c, "review-list").await;
    assert!(list.contains("<script>") || list.contains("<img"), "{list}");
    // Accepted, it reaches the memo and the Sources view as text. "The
    // ministry said …": which ministry, the text does not say, so accepting
    // all leaves that statement pending, marked "speaker unclear", and its
    // Accept is disabled until a speaker is set.
    click(&c, "review-accept-all").await;
    wait_for(
        &c,
        "document.querySelectorAll('[data-testid=review-list] .record.pending').length === 1",
    )
    .await;
    let unclear = js(&c, "const r = document.querySelector('[data-testid=review-list] .record.pending.unclear'); return r ? r.dataset.testid.slice('record-'.length) : null;").await;
    let unclear = unclear
        .as_str()
        .expect("the record left pending is the unclear one")
        .to_string();
    assert!(
        text(&c, &format!("who-{unclear}"))
            .await
            .starts_with("speaker unclear"),
        "{}",
        text(&c, &format!("who-{unclear}")).await
    );
    assert_eq!(
        js(
            &c,
            &format!("return document.querySelector('[data-testid=accept-{unclear}]').disabled;")
        )
        .await,
        json!(true)
    );
    click(&c, &format!("edit-{unclear}")).await;
    wait_for(&c, "document.querySelector('[data-testid=editor-unclear]')").await;
    type_into(&c, "editor-speaker", "Ministry of Foreign Affairs").await;
    wait_for(&c, "document.querySelector('[data-testid=speaker-kz-mfa]')").await;
    click(&c, "speaker-kz-mfa").await;
    click(&c, "editor-save").await;
    wait_for(&c, "!document.querySelector('[data-testid=editor]')").await;
    wait_for(
        &c,
        &format!("!document.querySelector('[data-testid=accept-{unclear}]').disabled"),
    )
    .await;
    click(&c, &format!("accept-{unclear}")).await;
    wait_for(
        &c,
        "document.querySelectorAll('[data-testid=review-list] .record.pending').length === 0",
    )
    .await;
    wait_for(&c, &format!("{PREVIEW_HTML}.includes('&lt;img src')")).await;
    assert_eq!(
        js(&c, "const d = document.querySelector('[data-testid=preview]').contentDocument; return d ? d.querySelectorAll('script, img').length : -1;").await,
        json!(0)
    );
    click(&c, "review-close").await;
    click(&c, "show-sources").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=source-hostile-note-2026]')",
    )
    .await;
    click(&c, "source-hostile-note-2026").await;
    wait_for(&c, "document.querySelector('[data-testid=source-text]').textContent.includes('<script>top.document')").await;
    assert_eq!(
        js(
            &c,
            "return document.querySelectorAll('script:not([src]), img').length + document.querySelector('[data-testid=sources-view]').querySelectorAll('b').length;"
        )
        .await,
        json!(0)
    );
    assert_eq!(
        js(&c, "return document.body.dataset.pwned || null;").await,
        Value::Null
    );
    c.close().await.unwrap();
    drop(driver);
}

/// Screenshots of the review screen (a new document, one suggestion being
/// edited) at 1280×800 and 1024×640, into `DOSSIER_SCREENSHOTS` (a folder).
/// Run by hand: `DOSSIER_SCREENSHOTS=/tmp xvfb-run -a -s "-screen 0 1400x900x24"
/// cargo test -p dossier-app --test curation -- --ignored`
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn curation_screenshots() {
    let out = PathBuf::from(
        std::env::var("DOSSIER_SCREENSHOTS").expect("DOSSIER_SCREENSHOTS names a folder"),
    );
    let dir = tempfile::tempdir().unwrap();
    let (driver, c, _copy) = with_editable_copy(dir.path()).await;
    let doc = dir.path().join("talks.txt");
    std::fs::write(&doc, TALKS).unwrap();
    open_form(&c, &doc).await;
    type_into(&c, "doc-publisher", "Astana Times").await;
    c.set_window_rect(0, 0, 1280, 800).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    std::fs::write(
        out.join("add-document-1280x800.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    click(&c, "doc-cancel").await;
    add_document(&c, &doc, "Astana Times", "2026-03-14", "news").await;
    let rows = listed(&c).await;
    let of = |kind: &str| rows.iter().find(|(_, k, _)| k == kind).unwrap().0.clone();
    let figure = of("figure");
    click(&c, &format!("accept-{figure}")).await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{figure}]').dataset.state === 'accepted'"
        ),
    )
    .await;
    let statement = of("statement");
    click(&c, &format!("edit-{statement}")).await;
    wait_for(&c, "document.querySelector('[data-testid=editor]')").await;
    for (w, h) in [(1280u32, 800u32), (1024, 640)] {
        c.set_window_rect(0, 0, w, h).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        std::fs::write(
            out.join(format!("review-{w}x{h}.png")),
            c.screenshot().await.unwrap(),
        )
        .unwrap();
    }
    // A statement whose speaker the text does not settle, in the editor.
    click(&c, "editor-cancel").await;
    click(&c, "review-close").await;
    let note = dir.path().join("note.txt");
    std::fs::write(
        &note,
        "Rights groups meet officials\n\nOfficials noted that the reform of the law on peaceful assemblies had stalled.\n\nThe European Union called on the authorities to release detained journalists.\n",
    )
    .unwrap();
    add_document(&c, &note, "Steppe Herald", "2026-03-20", "news").await;
    let unclear = js(&c, "const r = document.querySelector('[data-testid=review-list] .record.pending.unclear'); return r ? r.dataset.testid.slice('record-'.length) : null;").await;
    let unclear = unclear.as_str().expect("an unclear statement").to_string();
    click(&c, &format!("edit-{unclear}")).await;
    wait_for(&c, "document.querySelector('[data-testid=editor-unclear]')").await;
    c.set_window_rect(0, 0, 1280, 800).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    std::fs::write(
        out.join("review-unclear-1280x800.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    click(&c, "review-close").await;
    click(&c, "show-follow-up").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=thread-thread-trafficking-laws]')",
    )
    .await;
    click(&c, "track-zeya-2022-amend-trafficking-laws").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=track-dialog]').open",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    std::fs::write(
        out.join("follow-up-track-1280x800.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    click(&c, "track-cancel").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    std::fs::write(
        out.join("follow-up-1280x800.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    c.close().await.unwrap();
    drop(driver);
}

/// Another relationship in the window: the U.S.–Uzbekistan fixture opened
/// shows its parties and its own topics, and its preview names its
/// parties; then the first copy, offered from the built-in dataset, makes
/// an empty dataset for parties the user names.
#[tokio::test(flavor = "multi_thread")]
async fn another_relationship_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let us_uz = dir.path().join("us-uz");
    copy_dir(&fixture("us-uz"), &us_uz);
    let driver = Driver::start(dir.path());
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.firstPaint").await;
    assert!(
        text(&c, "dataset-parties")
            .await
            .contains("United States (ours), Kazakhstan")
    );

    open_dataset(&c, &us_uz).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-name]').textContent.includes('us-uz')",
    )
    .await;
    assert_eq!(
        text(&c, "dataset-parties").await,
        "Parties: United States (ours), Uzbekistan."
    );
    let topics = text(&c, "topics").await;
    for own in [
        "Labor rights",
        "Energy and climate",
        "Strategic Partnership Dialogue",
    ] {
        assert!(topics.contains(own), "{own} in {topics}");
    }
    assert!(!topics.contains("Torture"), "a built-in topic in {topics}");
    after(&c, || click(&c, "topics-all")).await;
    wait_for(
        &c,
        "(() => { const d = document.querySelector('[data-testid=preview]').contentDocument; return d && d.body.textContent.includes('Kamilov'); })()",
    )
    .await;
    let shown = preview(&c).await;
    assert!(
        shown.contains(">Uzbekistan<"),
        "Uzbekistan's heading in the preview"
    );
    assert!(
        !shown.to_lowercase().contains("kazakh"),
        "Kazakhstan in the preview"
    );

    // From the built-in dataset, the first copy offers an empty dataset
    // for parties the user names.
    call(&c, "window.dossierApp.useBuiltIn()").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-name]').textContent.startsWith('Built-in dataset')",
    )
    .await;
    call(&c, "(window.dossierApp.ensureEditable(), null)").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=copy-dialog]').open",
    )
    .await;
    type_into(&c, "copy-party-id-1", "kg").await;
    type_into(&c, "copy-party-name-1", "Kyrgyz Republic").await;
    click(&c, "copy-add-party").await;
    type_into(&c, "copy-party-id-2", "eu").await;
    type_into(&c, "copy-party-name-2", "European Union").await;
    let parent = dir.path().join("desk");
    std::fs::create_dir_all(&parent).unwrap();
    call(
        &c,
        &format!("window.dossierApp.copyInto({:?})", parent.to_str().unwrap()),
    )
    .await;
    assert_eq!(text(&c, "copy-error").await, "", "the copy failed");
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-parties]').textContent.includes('Kyrgyz')",
    )
    .await;
    assert_eq!(
        text(&c, "dataset-parties").await,
        "Parties: United States (ours), Kyrgyz Republic, European Union."
    );
    let made = parent.join("Dossier dataset");
    let declared = std::fs::read_to_string(made.join("dataset.toml")).unwrap();
    assert!(
        declared.contains("id = \"kg\"\nname = \"Kyrgyz Republic\""),
        "{declared}"
    );
    assert!(
        !made.join("sources").read_dir().unwrap().any(|_| true),
        "an empty dataset"
    );
    c.close().await.unwrap();
    drop(driver);
}

/// The Follow-up view in the window: the curated threads with their status;
/// Track… on an item opens a thread, Add as evidence… records what a later
/// item shows, Remove takes it out; the memo preview follows each change and
/// the ledger on disk holds it.
#[tokio::test(flavor = "multi_thread")]
async fn follow_up_track_and_add_evidence_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../data"),
        &data,
    );
    std::fs::remove_file(data.join("README.md")).ok();
    let driver = Driver::start(dir.path());
    let c = connect(&driver).await;
    wait_for(&c, "document.body.dataset.firstPaint").await;
    open_dataset(&c, &data).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=dataset-name]').textContent.includes('data')",
    )
    .await;

    step("the view lists the curated threads");
    click(&c, "show-follow-up").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=thread-thread-trafficking-laws]')",
    )
    .await;
    assert_eq!(
        text(&c, "thread-status-thread-trafficking-laws").await,
        "under way"
    );
    assert!(text(&c, "follow-up-counts").await.ends_with("open"));
    assert!(
        preview(&c)
            .await
            .contains("Follow-up on asks and commitments")
    );

    step("Track… on an item opens a thread");
    let ask = "zeya-2022-amend-trafficking-laws";
    wait_for(
        &c,
        &format!("document.querySelector('[data-testid=track-{ask}]')"),
    )
    .await;
    click(&c, &format!("track-{ask}")).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=track-dialog]').open",
    )
    .await;
    assert_eq!(
        js(
            &c,
            "return document.querySelector('[data-testid=track-owed-by]').value;"
        )
        .await,
        json!(""),
        "a call does not say whom it asks: a person chooses"
    );
    js(
        &c,
        "document.querySelector('[data-testid=track-owed-by]').value = 'kz'; return null;",
    )
    .await;
    type_into(&c, "track-label", "Align the definition of trafficking").await;
    after(&c, || click(&c, "track-ok")).await;
    let id = "thread-align-the-definition-of-trafficking";
    wait_for(
        &c,
        &format!("document.querySelector('[data-testid=thread-{id}]')"),
    )
    .await;
    assert_eq!(
        text(&c, &format!("thread-status-{id}")).await,
        "no information"
    );
    assert!(
        preview(&c)
            .await
            .contains("Align the definition of trafficking")
    );

    step("Add as evidence… records what a later item shows");
    let law = "law-combating-human-trafficking-2024";
    // The list is built a page at a time: the filter brings the item up.
    type_into(&c, "item-filter", "Combating Human Trafficking").await;
    wait_for(
        &c,
        &format!("document.querySelector('[data-testid=evidence-{law}]')"),
    )
    .await;
    click(&c, &format!("evidence-{law}")).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=track-dialog]').open",
    )
    .await;
    js(&c, &format!("document.querySelector('[data-testid=track-thread]').value = '{id}'; document.querySelector('[data-testid=track-status]').value = 'under-way'; return null;")).await;
    type_into(
        &c,
        "track-note",
        "a new law; the definition is not reported",
    )
    .await;
    after(&c, || click(&c, "track-ok")).await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=thread-status-{id}]').textContent === 'under way'"
        ),
    )
    .await;
    assert!(
        text(&c, &format!("update-{id}-0"))
            .await
            .contains("New Law on Combating Human Trafficking adopted")
    );
    let shown = plain(&preview(&c).await);
    assert!(
        shown.contains("Align the definition of trafficking"),
        "{shown}"
    );
    assert!(
        shown.contains("Align the definition of trafficking — Uzra Zeya (United States), 11 April 2022; owed by Kazakhstan"),
        "{shown}"
    );
    assert!(
        shown.contains("Under way — 2024, according to Ministry of Foreign Affairs of the Republic of Kazakhstan, 2025"),
        "the preview shows the new status: {shown}"
    );
    assert!(
        shown.contains("drafter's note: a new law; the definition is not reported"),
        "{shown}"
    );
    let ledger = std::fs::read_to_string(data.join("ledger.toml")).unwrap();
    assert!(
        ledger.contains(&format!("id = \"{id}\"")) && ledger.contains("status = \"under-way\""),
        "{ledger}"
    );

    step("an update the evidence cannot carry is refused in the dialog");
    type_into(&c, "item-filter", "urges the government").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=evidence-drl-2010-urges-international-standards]')",
    )
    .await;
    click(&c, "evidence-drl-2010-urges-international-standards").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=track-dialog]').open",
    )
    .await;
    let offered = js(&c, "return [...document.querySelectorAll('[data-testid=track-thread] option')].map(o => o.value);").await;
    assert!(
        !offered.as_array().unwrap().contains(&json!(id)),
        "no thread opened after the item is offered: {offered}"
    );
    click(&c, "track-cancel").await;

    step("Remove takes the thread out of the view, the memo and the file");
    let remove = format!("remove-{id}");
    after(&c, || click(&c, &remove)).await;
    wait_for(
        &c,
        &format!("!document.querySelector('[data-testid=thread-{id}]')"),
    )
    .await;
    assert!(
        !preview(&c)
            .await
            .contains("Align the definition of trafficking")
    );
    let ledger = std::fs::read_to_string(data.join("ledger.toml")).unwrap();
    assert!(!ledger.contains(id));
    c.close().await.unwrap();
    drop(driver);
}

/// A document that answers an open ask: ingest proposes it as evidence, the
/// review screen shows the thread beside it, and accepting it records the
/// update with the status the person chose.
#[tokio::test(flavor = "multi_thread")]
async fn follow_up_proposed_evidence_is_accepted_and_recorded_on_review() {
    let dir = tempfile::tempdir().unwrap();
    let (driver, c, copy) = with_editable_copy(dir.path()).await;
    let doc = dir.path().join("amendments.txt");
    std::fs::write(
        &doc,
        "Trafficking amendments adopted\n\nASTANA, 3 March 2026 — The Government of Kazakhstan said it had approved amendments to the trafficking laws that align the definition of trafficking with international law.\n",
    )
    .unwrap();
    add_document(&c, &doc, "Test Wire", "2026-03-03", "news").await;
    step("the review screen shows the thread beside the proposed item");
    wait_for(
        &c,
        "document.querySelector('[data-testid^=proposed-][data-testid$=-thread-trafficking-laws]')",
    )
    .await;
    let item = js(&c, "const p = document.querySelector('[data-testid^=proposed-][data-testid$=-thread-trafficking-laws]'); return p.dataset.testid.slice('proposed-'.length, -'-thread-trafficking-laws'.length);").await;
    let item = item.as_str().unwrap().to_string();
    assert!(
        text(&c, &format!("proposed-{item}-thread-trafficking-laws"))
            .await
            .contains("Align the trafficking definition")
    );
    let unclear = js(
        &c,
        &format!("return document.querySelector('[data-testid=record-evidence-{item}]').disabled;"),
    )
    .await;
    if unclear == json!(true) {
        // The text does not settle who spoke: a person sets it first.
        let file = copy.join("sources").join(
            std::fs::read_dir(copy.join("sources"))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().into_string().unwrap())
                .find(|n| n.starts_with("trafficking-amendments") && n.ends_with(".toml"))
                .unwrap(),
        );
        panic!(
            "the speaker of {item} is unclear: {}",
            std::fs::read_to_string(file).unwrap()
        );
    }
    step("accepting it records the update");
    click(&c, &format!("record-evidence-{item}")).await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=track-dialog]').open",
    )
    .await;
    assert_eq!(
        js(
            &c,
            "return document.querySelector('[data-testid=track-thread]').value;"
        )
        .await,
        json!("thread-trafficking-laws")
    );
    js(
        &c,
        "document.querySelector('[data-testid=track-status]').value = 'partly-done'; return null;",
    )
    .await;
    click(&c, "track-ok").await;
    wait_for(
        &c,
        "!document.querySelector('[data-testid=track-dialog]').open",
    )
    .await;
    wait_for(
        &c,
        &format!(
            "document.querySelector('[data-testid=record-{item}]').dataset.state === 'accepted'"
        ),
    )
    .await;
    let ledger = std::fs::read_to_string(copy.join("ledger.toml")).unwrap();
    assert!(
        !ledger.contains("suggested = true"),
        "the proposal is replaced: {ledger}"
    );
    assert!(
        ledger.contains(&format!("evidence = [\"{item}\"]")),
        "{ledger}"
    );
    click(&c, "review-close").await;
    click(&c, "show-follow-up").await;
    wait_for(
        &c,
        "document.querySelector('[data-testid=update-thread-trafficking-laws-1]')",
    )
    .await;
    assert!(
        text(&c, "update-thread-trafficking-laws-1")
            .await
            .contains("partly done")
    );
    c.close().await.unwrap();
    drop(driver);
}

/// What's new since the last brief, in the window: a saved brief exported
/// with "Remember what this memo showed", then a document added and its
/// suggestions accepted: the count under the brief's name, the "new" marks
/// in the preview, and the New only filter.
#[tokio::test(flavor = "multi_thread")]
async fn new_since_the_last_export_is_counted_marked_and_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let (driver, c, _copy) = with_editable_copy(dir.path()).await;
    step("a saved brief, exported with its record");
    let brief = dir.path().join("next.brief.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/next-dialogue.brief.toml"),
        &brief,
    )
    .unwrap();
    let opened = call(
        &c,
        &format!(
            "window.dossierApp.openBriefAt({:?})",
            brief.to_str().unwrap()
        ),
    )
    .await;
    assert_eq!(opened, Value::Null, "{opened}");
    wait_for(
        &c,
        "document.querySelector('[data-testid=brief-file]').textContent === 'Brief: next.brief.toml'",
    )
    .await;
    assert_eq!(
        js(&c, "return document.querySelector('[data-testid=remember]').checked && !document.querySelector('[data-testid=remember]').disabled;").await,
        json!(true),
        "remembering is on by default for a brief file"
    );
    let memo = dir.path().join("memo.html");
    after(&c, || async {
        call(
            &c,
            &format!(
                "window.dossierApp.exportTo('html', {:?})",
                memo.to_str().unwrap()
            ),
        )
        .await;
    })
    .await;
    assert!(
        dir.path().join("next.shown.toml").exists(),
        "the record beside the brief"
    );
    wait_for(
        &c,
        "document.querySelector('[data-testid=brief-new]').textContent.includes('0 new since this brief was last exported')",
    )
    .await;
    step("Save rebuilds the brief and keeps its record");
    let record = std::fs::read_to_string(dir.path().join("next.shown.toml")).unwrap();
    let saved = call(
        &c,
        &format!(
            "window.dossierApp.saveBriefAt({:?})",
            brief.to_str().unwrap()
        ),
    )
    .await;
    assert_eq!(saved, Value::Null, "{saved}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("next.shown.toml")).unwrap(),
        record
    );
    assert!(
        text(&c, "brief-new")
            .await
            .contains("0 new since this brief was last exported")
    );
    step("a document added and accepted: counted, marked, filtered");
    let doc = dir.path().join("talks.txt");
    std::fs::write(&doc, TALKS).unwrap();
    add_document(&c, &doc, "Astana Times", "2026-03-14", "news").await;
    let before = listed(&c)
        .await
        .iter()
        .filter(|r| r.2 == "accepted")
        .count();
    click(&c, "review-accept-all").await;
    // Only suggestions a person must complete first are left.
    wait_for(
        &c,
        "![...document.querySelectorAll('[data-testid^=accept-]')].some(b => !b.disabled)",
    )
    .await;
    let accepted = listed(&c)
        .await
        .iter()
        .filter(|r| r.2 == "accepted" && r.1 != "corroboration")
        .count()
        - before;
    click(&c, "review-close").await;
    wait_for(
        &c,
        &format!("document.querySelector('[data-testid=brief-new]').textContent.includes('{accepted} new since this brief was last exported')"),
    )
    .await;
    assert!(accepted > 0);
    let shown = preview(&c).await;
    assert!(
        shown.contains("<strong class=\"new\">new</strong>"),
        "the marks"
    );
    assert!(shown.contains("id=\"new\""), "the New since section");
    click(&c, "new-only").await;
    wait_for(
        &c,
        &format!("document.querySelectorAll('[data-testid=items] input[type=checkbox]').length === {accepted}"),
    )
    .await;
    c.close().await.unwrap();
    drop(driver);
}
