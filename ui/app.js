// Dossier's window: the memo's settings on the left, its live preview on the
// right. All decisions are the Rust side's; this file only gathers the
// settings into a brief, asks for the preview, and shows what comes back.

import { $, checkDates } from "./dom.js";
import { addDocument, addDocumentAt, copyInto, ensureEditable, setUpLibrary, useBuiltIn } from "./library.js";
import { closeReview, openReview, refreshReview, setUpReview } from "./review.js";
import { markExcluded, showItems } from "./items.js";
import { showPreview, showsExactly } from "./preview.js";
import { showSources } from "./sources.js";
import { addAsEvidence, refreshFollowUp, setUpFollowUp, showFollowUp, track } from "./followup.js";
import { applyPreset, exportMemo, exportTo, openBrief, openBriefAt, saveBrief, saveBriefAt, setUpFiles } from "./files.js";

const { invoke } = window.__TAURI__.core;

const state = {
  topics: [],
  excluded: new Set(),
  pins: new Set(),
  /** The drafter's comment on each topic, by topic id. */
  comments: {},
  /** The drafter's field that "Cite" inserts into: the last one focused. */
  citeInto: "bottom-line",
  items: [],
  seq: 0,
  renders: 0,
  info: null,
};

/** The drafter's fields whose text goes into the brief as light Markdown. */
const DRAFTER_FIELDS = ["bottom-line", "talking-points", "comment", "next-steps"];

// ---------------------------------------------------------------- the brief

function checkedTopics() {
  return [...document.querySelectorAll("#topics input:checked")].map((c) => c.value);
}

/** The brief the form describes, or null (with the problem shown) if a date is wrong. */
async function brief() {
  const [from, to, memoDate] = await checkDates($("from").value, $("to").value, $("memo-date").value);
  const problems = [];
  if (from.error) problems.push(`From: ${from.error}`);
  if (to.error) problems.push(`To: ${to.error}`);
  if (memoDate.error) problems.push(`Memo date: ${memoDate.error}`);
  else if (memoDate.value && memoDate.value.length !== 10) problems.push("Memo date: give a day, such as 2025-06-02.");
  $("from").classList.toggle("invalid", Boolean(from.error));
  $("to").classList.toggle("invalid", Boolean(to.error));
  $("memo-date").classList.toggle("invalid", problems.some((p) => p.startsWith("Memo date")));
  $("period-error").hidden = problems.length === 0;
  $("period-error").textContent = problems.join(" ");
  if (problems.length) return null;
  const topics = checkedTopics();
  const text = (id) => $(id).value.trim() || null;
  // Comments on topics the dataset in use does not have (kept from another
  // dataset) are not part of this brief.
  const comments = Object.fromEntries(
    Object.entries(state.comments).filter(([topic, t]) => state.topics.some((x) => x.id === topic) && t.trim() !== ""),
  );
  return {
    comments,
    memo: {
      form: document.querySelector('input[name="form"]:checked').value,
      annex: $("annex").checked,
      bottom_line: text("bottom-line"),
      // Points are separated by a blank line; a point may run over lines.
      talking_points: $("talking-points").value.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      next_steps: text("next-steps"),
      drafted_by: text("drafted-by"),
      cleared: text("cleared"),
      title: $("title").value || "Briefing Memo",
      to: $("memo-to").value.trim(),
      from: $("memo-from").value.trim(),
      date: memoDate.value,
      // Empty: the highest marking of the sources the memo cites.
      classification: $("classification").value.trim() || null,
      portion_marks: $("portion-marks").checked,
      page: $("page").value,
      sections: [...document.querySelectorAll("#sections input:checked")].map((c) => c.value),
    },
    selection: {
      // Every topic ticked is the same as naming none: the brief stays valid
      // on a newer dataset with more topics.
      topics: topics.length === state.topics.length ? null : topics,
      from: from.value,
      to: to.value,
      exclude: [...state.excluded],
      pin: [...state.pins],
    },
  };
}

function format() {
  return document.querySelector('input[name="format"]:checked').value;
}

// ---------------------------------------------------------------- preview

/** Renders the preview and, when the selection may have changed, the item
 * list; only the latest request wins. */
async function refresh(selectionChanged = true) {
  const seq = ++state.seq;
  // The list is asked for until an answer that brings it is shown: a
  // later change of the memo alone must not drop it.
  state.listWanted ||= selectionChanged;
  const b = await brief();
  // A later change has asked for its own preview meanwhile.
  if (!b || seq !== state.seq) return;
  try {
    const t0 = performance.now();
    const preview = await invoke("preview", { brief: b, list: state.listWanted });
    const items = preview.items;
    if (seq !== state.seq) return;
    const t1 = performance.now();
    state.timings = { started: t0, answered: t1 - t0, rendered: preview.rendered_in };
    showMarkingRefusal(preview.marking_refused);
    showCitationRefusal(preview.citation_refused);
    showBriefFile(preview.brief_file, preview.since);
    if (items) {
      state.listWanted = false;
      state.items = items;
      renderItems();
    }
    const t2 = performance.now();
    state.timings.listed = t2 - t1;
    if (preview.html !== null) showMemo(preview.html);
    state.timings.patched = performance.now() - t2;
    status(preview.warnings.join(" "), "note");
  } catch (e) {
    if (seq === state.seq) status(String(e), "error");
  }
}

/** The brief file in use under the buttons, with how many items are new
 * since the memo last exported from it; the New only filter and "Remember
 * what this memo showed" are offered only for a brief file. */
function showBriefFile(name, since) {
  $("brief-name").hidden = !name;
  $("brief-file").textContent = name ? `Brief: ${name}` : "";
  $("brief-new").textContent = since ? ` — ${since.new} new since this brief was last exported (${since.date})` : "";
  $("remember").disabled = !name;
  $("new-only-label").hidden = !since;
  if (!since && $("new-only").checked) {
    $("new-only").checked = false;
    renderItems();
  }
}

/** A marking the memo may not carry: said beside the field, export disabled
 * until it is mended. */
function showMarkingRefusal(message) {
  const refused = Boolean(message);
  $("classification").classList.toggle("invalid", refused);
  $("marking-error").hidden = !refused;
  $("marking-error").textContent = message || "";
  $("export").disabled = refused;
}

/** A citation of the drafter's text that cannot be resolved (being typed):
 * said under the drafter's fields while the last good preview stays. */
function showCitationRefusal(message) {
  $("drafter-error").hidden = !message;
  $("drafter-error").textContent = message || "";
  for (const id of DRAFTER_FIELDS) $(id).classList.toggle("invalid", Boolean(message) && /\[@/.test($(id).value) && message.includes("cites"));
}

/** Inserts `[@id]` at the cursor of the drafter's field last used. */
function cite(id) {
  const field = $(state.citeInto);
  const at = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? at;
  const before = field.value.slice(0, at);
  const gap = before && !/\s$/.test(before) ? " " : "";
  const inserted = `${gap}[@${id}]`;
  field.value = before + inserted + field.value.slice(end);
  field.focus();
  field.selectionStart = field.selectionEnd = at + inserted.length;
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

function togglePin(id) {
  if (state.pins.has(id)) state.pins.delete(id);
  else state.pins.add(id);
  renderItems();
  refresh(false);
}

/** Shows the memo's HTML; `frame.dataset.loaded` follows once it is painted. */
function showMemo(html) {
  const frame = $("preview");
  state.renders += 1;
  const render = state.renders;
  frame.dataset.renders = String(render);
  const timings = state.timings;
  state.html = html;
  showPreview(frame, html, () => {
    frame.dataset.loaded = String(render);
    if (timings) timings.shown = performance.now() - timings.started;
    if (!document.body.dataset.firstPaint) {
      document.body.dataset.firstPaint = String(performance.now());
      const painted = performance.now();
      invoke("since_start").then((ms) => {
        // From the process's start to the first painted preview, and the
        // part of it before this page began to load.
        const asked = performance.now();
        document.body.dataset.coldStart = String(ms - (asked - painted));
        document.body.dataset.pageStart = String(ms - asked);
      }, () => {});
    }
  });
}

function status(text, kind) {
  const el = $("status");
  el.textContent = text || "";
  el.className = `status ${kind || ""}`;
  el.hidden = !text;
}

// ---------------------------------------------------------------- lists

function renderTopics(info) {
  const previous = new Set(checkedTopics());
  const known = new Set(state.topics.map((t) => t.id));
  const first = state.topics.length === 0;
  state.topics = info.topics;
  state.info = info;
  if (!$("sections").children.length) renderSections(info.sections);
  // "Since the first meeting": where the dataset's dialogue topic starts.
  const since = document.querySelector('#preset option[value="dialogue"]');
  since.hidden = since.disabled = !info.first_meeting;
  since.textContent = info.first_meeting ? `Since the first meeting (${info.first_meeting[1]})` : "Since the first meeting";
  if (!info.first_meeting && $("preset").value === "dialogue") $("preset").value = "";
  const pending = info.pending ? `, ${info.pending} suggestions to review` : "";
  $("dataset-name").textContent = `${info.name} — ${info.items} items from ${info.sources} sources${pending}`;
  $("dataset-parties").textContent = `Parties: ${info.sides.filter((s) => s.party).map((s) => s.ours ? `${s.name} (ours)` : s.name).join(", ")}.`;
  const commentTopic = $("comment-topic").value;
  $("comment-topic").replaceChildren(
    ...info.topics.map((t) => {
      const o = document.createElement("option");
      o.value = t.id;
      o.textContent = t.label;
      return o;
    }),
  );
  if (commentTopic) $("comment-topic").value = commentTopic;
  $("comment").value = state.comments[$("comment-topic").value] || "";
  $("make-copy").hidden = info.editable;
  $("use-builtin").hidden = !info.editable;
  if (info.note) status(info.note, "error");
  const list = $("topics");
  list.replaceChildren(
    ...info.topics.map((t) => {
      const li = document.createElement("li");
      const label = document.createElement("label");
      label.title = t.description;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = t.id;
      box.checked = first || previous.has(t.id) || !known.has(t.id);
      box.dataset.testid = `topic-${t.id}`;
      const name = document.createElement("span");
      name.textContent = t.label;
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = String(t.count);
      label.append(box, name, count);
      li.append(label);
      return li;
    }),
  );
}

/** The memo's sections as the library lists them: [id, title] in memo order. */
function renderSections(sections) {
  $("sections").replaceChildren(
    ...sections.map(([id, label]) => {
      const li = document.createElement("li");
      const l = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = id;
      box.checked = true;
      box.dataset.testid = `section-${id}`;
      l.append(box, document.createTextNode(` ${label}`));
      li.append(l);
      return li;
    }),
  );
}

function renderItems() {
  if (!state.items) return;
  const items = $("new-only").checked ? state.items.filter((i) => i.new) : state.items;
  showItems(items, state.pins, { cite, togglePin, track, evidence: addAsEvidence });
}

// ---------------------------------------------------------------- the form from a brief

function fill(b) {
  const topics = b.selection.topics;
  for (const box of document.querySelectorAll("#topics input")) box.checked = topics == null || topics.includes(box.value);
  $("from").value = b.selection.from || "";
  $("to").value = b.selection.to || "";
  state.excluded = new Set(b.selection.exclude || []);
  $("title").value = b.memo.title || "";
  $("memo-to").value = b.memo.to || "";
  $("memo-from").value = b.memo.from || "";
  $("memo-date").value = b.memo.date || "";
  $("classification").value = b.memo.classification || "";
  $("portion-marks").checked = Boolean(b.memo.portion_marks);
  $("page").value = b.memo.page || "a4";
  for (const box of document.querySelectorAll("#sections input")) box.checked = b.memo.sections.includes(box.value);
  for (const r of document.querySelectorAll('input[name="form"]')) r.checked = r.value === (b.memo.form || "full");
  $("annex").checked = b.memo.annex !== false;
  $("bottom-line").value = b.memo.bottom_line || "";
  $("talking-points").value = (b.memo.talking_points || []).join("\n\n");
  $("next-steps").value = b.memo.next_steps || "";
  $("drafted-by").value = b.memo.drafted_by || "";
  $("cleared").value = b.memo.cleared || "";
  state.pins = new Set(b.selection.pin || []);
  state.comments = { ...(b.comments || {}) };
  $("comment").value = state.comments[$("comment-topic").value] || "";
}

/** After the dataset changed (an edit, a copy, a folder opened): its topics
 * and counts, the memo preview, and the Sources view if it is open. */
async function datasetChanged(info) {
  renderTopics(info);
  await refresh();
  if (!$("sources-view").hidden) await showSources(sourcesApp, true);
  await refreshFollowUp();
}

/** The Sources view's link to curation: a highlight opens its item's editor. */
const sourcesApp = {
  invoke: (...args) => invoke(...args),
  track,
  evidence: addAsEvidence,
  async edit(source, ids) {
    if (!(await ensureEditable())) return;
    await openReviewOf(source, ids[0] || null, Boolean(ids.length));
  },
};

/** Opens the review screen of `source`, record `focus` current (its editor open when `edit`). */
async function openReviewOf(source, focus = null, edit = false) {
  try {
    await openReview(reviewApp, source, focus, edit);
  } catch (e) {
    status(String(e), "error");
  }
}

const reviewApp = {
  invoke: (...args) => invoke(...args),
  topics: () => state.topics,
  sides: () => state.info.sides.map((s) => [s.id, s.name]),
  status,
  changed: (result) => datasetChanged(result.info),
};

/** Loads the dataset folder at `path`; its problems are listed and the dataset in use stays. */
async function openDatasetAt(path) {
  const list = $("problems");
  try {
    renderTopics(await invoke("open_dataset", { path }));
    list.hidden = true;
    list.replaceChildren();
    state.excluded.clear();
    status(`Opened the dataset in ${path}.`, "note");
  } catch (e) {
    const lines = String(e).split("\n").filter(Boolean);
    const summary = lines.pop();
    list.replaceChildren(
      ...lines.map((line) => {
        const li = document.createElement("li");
        li.textContent = line;
        return li;
      }),
    );
    list.hidden = false;
    status(`${summary} The dataset in use is unchanged.`, "error");
  }
  refresh();
}

async function openDataset() {
  try {
    const path = await invoke("choose_path", { purpose: "open-dataset" });
    if (path) await openDatasetAt(path);
  } catch (e) {
    status(String(e), "error");
  }
}

// ---------------------------------------------------------------- start

async function start() {
  setUpFiles({ brief, fill, format, status, refresh, info: () => state.info });
  $("classification").value = "";
  $("title").value = "Briefing Memo";
  try {
    renderTopics(await invoke("dataset_info"));
  } catch (e) {
    status(String(e), "error");
  }

  const panel = document.querySelector(".panel");
  panel.addEventListener("change", (e) => {
    if (e.target.id === "preset") {
      applyPreset(e.target.value);
    } else if (e.target.closest("#items")) {
      // Leaving an item out changes the memo, not the selection: the list
      // is marked here rather than asked for again.
      if (e.target.checked) state.excluded.delete(e.target.value);
      else state.excluded.add(e.target.value);
      markExcluded(state.items, e.target.value, !e.target.checked);
    } else if (e.target.id === "from" || e.target.id === "to") {
      $("preset").value = "";
    }
    const memoOnly =
      e.target.closest("#sections") ||
      e.target.closest("#items") ||
      e.target.name === "form" ||
      ["title", "memo-to", "memo-from", "memo-date", "classification", "portion-marks", "page", "annex"].includes(e.target.id);
    const typedElsewhere = e.target.id === "item-filter" || e.target.name === "format" || e.target.id === "comment-topic" || e.target.tagName === "TEXTAREA" || ["drafted-by", "cleared"].includes(e.target.id);
    if (!typedElsewhere) refresh(!memoOnly);
  });
  for (const id of ["title", "memo-to", "memo-from", "memo-date", "classification"]) {
    $(id).addEventListener("input", () => refresh(false));
  }
  for (const id of ["from", "to"]) {
    $(id).addEventListener("input", () => refresh(true));
  }
  // The drafter's text: the preview follows as it is typed (a short pause
  // first, so that a fast typist is not slowed).
  let typing = null;
  const typed = () => {
    clearTimeout(typing);
    typing = setTimeout(() => refresh(false), 120);
  };
  for (const id of [...DRAFTER_FIELDS, "drafted-by", "cleared"]) {
    $(id).addEventListener("input", typed);
  }
  for (const id of DRAFTER_FIELDS) {
    $(id).addEventListener("focus", () => {
      state.citeInto = id;
    });
  }
  $("comment").addEventListener("input", () => {
    state.comments[$("comment-topic").value] = $("comment").value;
  });
  $("comment-topic").addEventListener("change", () => {
    $("comment").value = state.comments[$("comment-topic").value] || "";
  });
  $("item-filter").addEventListener("input", renderItems);
  $("new-only").addEventListener("change", renderItems);
  $("topics-all").addEventListener("click", () => {
    for (const b of document.querySelectorAll("#topics input")) b.checked = true;
    refresh();
  });
  $("topics-none").addEventListener("click", () => {
    for (const b of document.querySelectorAll("#topics input")) b.checked = false;
    refresh();
  });
  $("export").addEventListener("click", exportMemo);
  $("save-brief").addEventListener("click", saveBrief);
  $("open-brief").addEventListener("click", openBrief);
  $("open-dataset").addEventListener("click", openDataset);
  $("show-sources").addEventListener("click", () => {
    closeReview();
    showFollowUp(false);
    showSources(sourcesApp, $("sources-view").hidden).catch((e) => status(String(e), "error"));
  });
  $("show-follow-up").addEventListener("click", () => {
    closeReview();
    showFollowUp($("follow-up-view").hidden).catch((e) => status(String(e), "error"));
  });
  setUpFollowUp({
    invoke: (...args) => invoke(...args),
    status,
    changed: async (result) => {
      await datasetChanged(result.info);
      await refreshReview();
    },
    ensureEditable,
  });
  $("show-memo").addEventListener("click", () => showSources(sourcesApp, false));
  $("add-document").addEventListener("click", addDocument);
  $("make-copy").addEventListener("click", () => ensureEditable());
  $("use-builtin").addEventListener("click", () => {
    closeReview();
    showSources(sourcesApp, false);
    showFollowUp(false);
    useBuiltIn();
  });
  setUpLibrary({
    invoke: (...args) => invoke(...args),
    info: () => state.info,
    datasetChanged,
    status,
    openReview: (id) => openReviewOf(id),
  });
  setUpReview();
  $("toast-close").addEventListener("click", () => {
    $("toast").hidden = true;
  });
  window.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const action = { e: exportMemo, s: saveBrief, o: openBrief, d: addDocument }[e.key.toLowerCase()];
    if (action) {
      e.preventDefault();
      action();
    }
  });
  // What the buttons do after their dialog, for scripted use (the end-to-end tests).
  window.dossierApp = {
    openDatasetAt,
    exportTo,
    brief,
    timings: () => state.timings,
    previewIsExact: () => showsExactly($("preview"), state.html),
    ensureEditable,
    copyInto,
    addDocumentAt,
    useBuiltIn,
    openReview: openReviewOf,
    openBriefAt,
    saveBriefAt,
    track,
    addAsEvidence,
  };
  await refresh();
}

start();
