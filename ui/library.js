// The dataset as a library the user curates: the editable copy the first
// edit offers (the built-in dataset is read-only), going back to the
// built-in dataset, and "Add document…" — the native open dialog, then a
// form prefilled from what the document says of itself, each field checked
// as it is typed, then the review screen of the new source.

import { $, checkDates, el } from "./dom.js";

/** What the window tells this module: `invoke`, `info()`, `datasetChanged(info)`, `status()`, `openReview(id)`. */
let app;
/** The document being added: its facts, as read. */
let reading = null;
/** The promise `ensureEditable` waits on while the copy dialog is open. */
let copying = null;

/** Resolves true once the dataset in use can be edited, offering the copy first. */
export function ensureEditable() {
  if (app.info().editable) return Promise.resolve(true);
  $("copy-error").hidden = true;
  if (!$("copy-parties").tBodies[0].rows.length) {
    addPartyRow("us", "United States");
    addPartyRow("", "");
  }
  $("copy-dialog").showModal();
  return new Promise((resolve) => {
    copying = resolve;
  });
}

function endCopy(done) {
  if ($("copy-dialog").open) $("copy-dialog").close();
  const resolve = copying;
  copying = null;
  if (resolve) resolve(done);
}

/** A row of the copy dialog's parties: id, name, and a button that removes it. */
function addPartyRow(id, name) {
  const body = $("copy-parties").tBodies[0];
  const n = body.rows.length;
  const idField = el("input", { value: id, size: 6, "aria-label": `Party ${n + 1} id`, "data-testid": `copy-party-id-${n}`, autocomplete: "off" });
  const nameField = el("input", { value: name, "aria-label": `Party ${n + 1} name`, "data-testid": `copy-party-name-${n}`, autocomplete: "off" });
  const remove = el("button", { type: "button", className: "link", "aria-label": `Remove party ${n + 1}` }, "remove");
  const row = el("tr", {}, el("td", {}, idField), el("td", {}, nameField), el("td", {}, remove));
  remove.addEventListener("click", () => row.remove());
  for (const f of [idField, nameField]) f.addEventListener("input", () => { $("copy-start").querySelector("[value=empty]").checked = true; });
  body.append(row);
}

/** The parties the copy dialog names, or null for a copy of the built-in dataset. */
function chosenParties() {
  if (!$("copy-start").querySelector("[value=empty]").checked) return null;
  return [...$("copy-parties").tBodies[0].rows]
    .map((r) => r.querySelectorAll("input"))
    .map(([id, name]) => ({ id: id.value.trim(), name: name.value.trim() }))
    .filter((p) => p.id || p.name);
}

/** Makes the new dataset in `parent` (chosen in a dialog) and goes on there. */
export async function copyInto(parent) {
  try {
    const parties = chosenParties();
    const info = await app.invoke("make_editable_copy", { parent, parties });
    await app.datasetChanged(info);
    const what = parties ? `an empty dataset for ${parties.map((p) => p.name).join(", ")}` : "an editable copy of the built-in dataset";
    app.status(`Made ${what} in ${info.name}. Dossier will reopen it next time.`, "note");
    endCopy(true);
  } catch (e) {
    $("copy-error").textContent = String(e);
    $("copy-error").hidden = false;
  }
}

async function chooseCopyFolder() {
  try {
    const parent = await app.invoke("choose_path", { purpose: "copy-dataset" });
    if (parent) await copyInto(parent);
  } catch (e) {
    $("copy-error").textContent = String(e);
    $("copy-error").hidden = false;
  }
}

/** Goes back to the built-in dataset and forgets the folder. */
export async function useBuiltIn() {
  try {
    const info = await app.invoke("use_builtin_dataset");
    await app.datasetChanged(info);
    app.status("Using the built-in dataset; the folder is forgotten (its files are kept).", "note");
  } catch (e) {
    app.status(String(e), "error");
  }
}

// ---------------------------------------------------------------- add document

/** "Add document…": the editable copy if needed, the open dialog, the form. */
export async function addDocument() {
  try {
    if (!(await ensureEditable())) return;
    const path = await app.invoke("choose_path", { purpose: "add-document" });
    if (path) await addDocumentAt(path);
  } catch (e) {
    app.status(String(e), "error");
  }
}

const FIELDS = ["title", "publisher", "author", "url", "date", "kind", "marking"];

function showFormError(text) {
  $("doc-error").textContent = text || "";
  $("doc-error").hidden = !text;
}

/** Reads the document at `path` (as chosen in the open dialog) and shows the form. */
export async function addDocumentAt(path) {
  reading = null;
  const dialog = $("doc-dialog");
  $("doc-file").textContent = path;
  $("doc-fields").hidden = true;
  $("doc-add").disabled = true;
  showFormError("");
  for (const f of FIELDS) $(`doc-${f}-error`).hidden = true;
  if (!dialog.open) dialog.showModal();
  // A progress line only if reading takes more than a moment.
  const progress = setTimeout(() => {
    $("doc-progress").hidden = false;
  }, 300);
  let facts;
  try {
    facts = await app.invoke("inspect_document", { path });
  } catch (e) {
    showFormError(String(e));
    return;
  } finally {
    clearTimeout(progress);
    $("doc-progress").hidden = true;
  }
  reading = facts;
  const choices = await app.invoke("choices");
  $("doc-file").textContent = `${facts.file_name} · ${facts.characters.toLocaleString("en")} characters${facts.pages > 1 ? ` · ${facts.pages} pages` : ""}`;
  $("doc-title").value = facts.title || "";
  $("doc-publisher").value = facts.publisher || "";
  $("doc-url").value = facts.url || "";
  $("doc-date").value = facts.date || "";
  $("doc-kind").replaceChildren(el("option", { value: "" }, "Choose…"), ...facts.kinds.map(([id, label]) => el("option", { value: id }, label)));
  $("doc-marking").replaceChildren(...app.info().markings.map((m) => el("option", { value: m }, m)));
  $("doc-author").replaceChildren(
    el("option", { value: "" }, facts.author_name ? `From the document: ${facts.author_name} (or the publisher)` : "From the document or its publisher"),
    ...choices.speakers.filter((s) => !s.suggested).map((s) => el("option", { value: s.id, selected: s.id === facts.author }, `${s.name}${s.role ? ` — ${s.role}` : ""}`)),
  );
  $("doc-fields").hidden = false;
  $("doc-add").disabled = false;
  checkForm(false);
  $("doc-title").focus();
}

/** Checks every field (the date and the address by the library's rules);
 * `show` marks the empty required ones too. */
let formChecks = 0;

async function checkForm(show) {
  const seq = ++formChecks;
  const value = (f) => $(`doc-${f}`).value.trim();
  const [[d], urlProblem] = await Promise.all([
    checkDates(value("date")),
    window.__TAURI__.core.invoke("check_url", { text: value("url") }),
  ]);
  // A later check (the user typed on) shows its own answer.
  const latest = seq === formChecks;
  const problems = {
    title: value("title") ? "" : "Give the document's title.",
    publisher: value("publisher") ? "" : "Give its publisher (the newspaper, ministry or site).",
    url: urlProblem || "",
    date: value("date") ? d.error || "" : "Give its publication date: 2025, 2025-05 or 2025-05-20.",
    kind: value("kind") ? "" : "Choose what kind of document it is.",
  };
  if (latest) $("doc-date-words").textContent = d.words ? `= ${d.words}` : "";
  let ok = true;
  for (const [f, problem] of Object.entries(problems)) {
    if (problem) ok = false;
    if (!latest) continue;
    const typed = value(f) !== "";
    const shown = problem && (show || typed);
    $(`doc-${f}-error`).textContent = problem;
    $(`doc-${f}-error`).hidden = !shown;
    $(`doc-${f}`).classList.toggle("invalid", Boolean(shown));
  }
  return ok;
}

async function submitDocument(e) {
  e.preventDefault();
  if (!reading || !(await checkForm(true))) return;
  const form = {
    title: $("doc-title").value,
    publisher: $("doc-publisher").value,
    author: $("doc-author").value || null,
    url: $("doc-url").value,
    date: $("doc-date").value,
    kind: $("doc-kind").value,
    classification: $("doc-marking").value,
  };
  $("doc-add").disabled = true;
  const progress = setTimeout(() => {
    $("doc-progress").textContent = "Finding statements, figures and events…";
    $("doc-progress").hidden = false;
  }, 300);
  try {
    const added = await app.invoke("add_document", { path: reading.path, form });
    $("doc-dialog").close();
    reading = null;
    await app.datasetChanged(await app.invoke("dataset_info"));
    app.status(`Added ${added.id} with ${added.suggestions} suggestion${added.suggestions === 1 ? "" : "s"} to review.`, "note");
    await app.openReview(added.id);
  } catch (err) {
    showFormError(String(err));
  } finally {
    clearTimeout(progress);
    $("doc-progress").hidden = true;
    $("doc-progress").textContent = "Reading the document…";
    $("doc-add").disabled = false;
  }
}

/** Wires the dialogs once; `window` gives the module what it needs. */
export function setUpLibrary(window) {
  app = window;
  $("copy-choose").addEventListener("click", chooseCopyFolder);
  $("copy-add-party").addEventListener("click", () => addPartyRow("", ""));
  $("copy-cancel").addEventListener("click", () => endCopy(false));
  $("copy-dialog").addEventListener("cancel", () => endCopy(false));
  $("doc-form").addEventListener("submit", submitDocument);
  $("doc-form").addEventListener("input", () => checkForm(false));
  $("doc-form").addEventListener("change", () => checkForm(false));
  $("doc-cancel").addEventListener("click", () => {
    reading = null;
    $("doc-dialog").close();
  });
}
