// The window's files: exporting the memo, saving and opening brief files,
// and the period presets. The brief itself is the form's (app.js): these ask
// it for the brief and give it back the one opened.

import { $ } from "./dom.js";

const { invoke } = window.__TAURI__.core;

/** What the files need of the form: `brief()`, `fill(b)`, `format()`,
 * `status(text, kind)`, `refresh()` and `info()` (the dataset's). */
let app;

/** Gives the files their form. */
export function setUpFiles(form) {
  app = form;
}

/** The memo's title as a file name. */
function slug() {
  return ($("title").value || "memo").trim().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "memo";
}

/** Writes the memo in `fmt` to `path` (chosen in a dialog); the path written, or null. */
export async function exportTo(fmt, path) {
  const b = await app.brief();
  if (!b) return null;
  const remember = $("remember").checked && !$("remember").disabled;
  const written = await invoke("export", { brief: b, format: fmt, path, remember });
  toast(`Saved ${written}`, written);
  // A record written: what is new is counted from this memo now.
  if (remember) app.refresh();
  return written;
}

/** "Export…": asks where, then writes the memo in the format chosen. */
export async function exportMemo() {
  try {
    const fmt = app.format();
    const path = await invoke("choose_path", { purpose: `export-${fmt}`, suggested: slug() });
    if (path) await exportTo(fmt, path);
  } catch (e) {
    app.status(String(e), "error");
  }
}

/** "Save…": the form as a brief file. */
export async function saveBrief() {
  const b = await app.brief();
  if (!b) return;
  try {
    const path = await invoke("choose_path", { purpose: "save-brief", suggested: slug() });
    if (path) await saveBriefAt(path, b);
  } catch (e) {
    app.status(String(e), "error");
  }
}

/** Saves the form's brief (`b`, or the form's now) to `path` (as chosen in
 * the save dialog); a record beside it is kept. */
export async function saveBriefAt(path, b = null) {
  b ??= await app.brief();
  if (!b) return;
  await invoke("save_brief", { brief: b, path });
  app.status(`Brief saved to ${path}.`, "note");
  await app.refresh();
}

/** "Open…": a brief file into the form. */
export async function openBrief() {
  try {
    const path = await invoke("choose_path", { purpose: "open-brief" });
    if (path) await openBriefAt(path);
  } catch (e) {
    app.status(String(e), "error");
  }
}

/** Opens the brief file at `path` (as chosen in the open dialog). */
export async function openBriefAt(path) {
  app.fill(await invoke("open_brief", { path }));
  app.status(`Opened ${path}.`, "note");
  await app.refresh();
}

/** Says a file was written, with a button that opens it. */
function toast(text, path) {
  $("toast-text").textContent = text;
  $("toast").hidden = false;
  $("toast-open").onclick = () => invoke("open_file", { path }).catch((e) => app.status(String(e), "error"));
}

// ---------------------------------------------------------------- presets

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** Sets the period to the preset `name` ("all", "last12", "dialogue": since
 * the dataset's first meeting, "year"). */
export function applyPreset(name) {
  const today = new Date();
  const presets = {
    all: ["", ""],
    last12: [isoDay(new Date(Date.UTC(today.getFullYear() - 1, today.getMonth(), today.getDate()))), ""],
    dialogue: [app.info()?.first_meeting?.[0] ?? "", ""],
    year: [String(today.getFullYear()), String(today.getFullYear())],
  };
  const [from, to] = presets[name] || [$("from").value, $("to").value];
  $("from").value = from;
  $("to").value = to;
}
