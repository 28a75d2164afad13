// The review screen of a source: its text on the left with every record in
// place (a colour per kind, suggestions bright and dashed for
// corroborations, accepted items pale), the records listed on the right in
// text order. Accept, reject or edit each (j/k move, a accept, r reject,
// e edit, Ctrl+Z undo); "Accept all remaining"; a passage selected in the
// text becomes a new statement, figure or event, its quote verbatim by
// construction. Every string from the data is set as text.

import { $, el, plural } from "./dom.js";
import { recordEditor } from "./editor.js";
import { addAsEvidence, track } from "./followup.js";

const KIND_WORDS = { statement: "Statement", figure: "Figure", event: "Event", corroboration: "Corroboration" };

/** The screen's state: the source shown, its review, the current row. */
const view = { source: null, review: null, current: 0, editing: null, choices: null, app: null, busy: false, focusEditor: false, seq: 0 };

/**
 * Opens the review screen of `source`, with record `focus` current (and its
 * editor open when `edit`). `app` gives `invoke`, `topics()` (the dataset's
 * topics), `changed(result)` (after each change) and `status(text, kind)`.
 */
export async function openReview(app, source, focus = null, edit = false) {
  view.app = app;
  view.source = source;
  view.editing = null;
  $("review-view").hidden = false;
  $("sources-view").hidden = true;
  await load(focus);
  // An item recorded in another source's file (it cites this one too) is
  // edited on its own source's screen.
  const home = focus && !view.review.records.some((r) => r.id === focus) && view.review.cited_by.find(([id]) => id === focus);
  if (home && home[1]) {
    view.source = home[1];
    await load(focus);
  }
  if (edit && focus) startEditing(focus);
}

/** Loads the review screen again if it is open (after a change made from
 * it in another module: Accept and record…). */
export async function refreshReview() {
  if (!$("review-view").hidden && view.source) await load();
}

/** Closes the review screen. */
export function closeReview() {
  $("review-view").hidden = true;
  view.editing = null;
  hideSelectionBar();
}

async function load(focus = null) {
  // Only the latest load is shown: an earlier one (of another source)
  // answering late must not replace it.
  const seq = ++view.seq;
  const [review, choices] = await Promise.all([
    view.app.invoke("review", { id: view.source }),
    view.app.invoke("choices"),
  ]);
  if (seq !== view.seq) return;
  view.review = review;
  view.choices = choices;
  const index = focus ? review.records.findIndex((r) => r.id === focus) : -1;
  if (index >= 0) view.current = index;
  else view.current = Math.min(view.current, Math.max(review.records.length - 1, 0));
  render();
}

function pending() {
  return view.review.records.filter((r) => r.suggested);
}

function render() {
  const r = view.review;
  $("review-title").textContent = r.title;
  const open = pending().length;
  const items = r.records.filter((x) => !x.suggested && x.kind !== "corroboration").length + r.cited_by.length;
  $("review-counts").textContent = `${r.publisher} · ${r.date} · ${plural(open, "suggestion")} to review · ${plural(items, "item")}`;
  $("review-accept-all").disabled = open === 0;
  $("review-undo").disabled = !r.undo;
  $("review-undo").title = r.undo ? `Undo ${r.undo} (Ctrl+Z)` : "Nothing to undo";
  renderText();
  renderList();
}

/** The class of a passage: the first pending record's kind, else an item's. */
function passageClass(ids) {
  const records = ids.map((id) => view.review.records.find((x) => x.id === id)).filter(Boolean);
  const open = records.find((x) => x.suggested);
  if (open) return `hl hl-${open.kind}`;
  return "hl hl-item";
}

function renderText() {
  const body = el("div", { className: "source-body", "data-testid": "review-text-body" });
  for (const p of view.review.passages) {
    if (p.items.length) {
      body.append(
        el("mark", {
          className: passageClass(p.items),
          title: p.items.join(", "),
          "data-records": p.items.join(" "),
          onclick: () => {
            if (!window.getSelection().isCollapsed) return;
            const index = view.review.records.findIndex((x) => p.items.includes(x.id));
            if (index >= 0) select(index, true);
            else run(() => openReview(view.app, view.source, p.items[0], true));
          },
        }, p.text),
      );
    } else {
      body.append(el("span", { className: p.unquoted ? "unquoted" : "", title: p.unquoted ? "No record quotes this sentence" : undefined }, p.text));
    }
  }
  const legend = el("p", { className: "legend" },
    el("mark", { className: "hl hl-statement" }, "statement"), " ",
    el("mark", { className: "hl hl-figure" }, "figure"), " ",
    el("mark", { className: "hl hl-event" }, "event"), " ",
    el("mark", { className: "hl hl-corroboration" }, "corroboration"), " suggested · ",
    el("mark", { className: "hl hl-item" }, "accepted"), " · ",
    el("span", { className: "unquoted" }, "quoted by nothing"),
    " — select a passage to make a new item of it.");
  $("review-text").replaceChildren(legend, body);
}

function who(record) {
  const f = record.fields;
  if (record.kind === "statement" && (f.unclear || []).includes("speaker")) {
    return ["speaker unclear", f.stance].filter(Boolean).join(" · ");
  }
  if (record.kind === "statement") {
    const s = view.choices.speakers.find((x) => x.id === f.speaker);
    const side = view.app.sides().find(([id]) => id === f.side);
    return [s ? s.name : f.speaker, side ? side[1] : f.side, f.stance].filter(Boolean).join(" · ");
  }
  if (record.kind === "figure") return [f.qualifier, f.value, f.unit].filter((x) => x !== null && x !== undefined && x !== "").join(" ") + (f.label ? ` — ${f.label}` : "");
  if (record.kind === "event") {
    const place = view.choices.places.find(([id]) => id === f.place);
    return [f.label, place ? place[1] : f.place, f.planned ? "planned" : null].filter(Boolean).join(" · ");
  }
  return "";
}

function when(record) {
  const f = record.fields;
  if ((f.unclear || []).includes("date")) return "date unclear";
  if (f.date) return `${f.planned ? "planned for " : ""}${f.date}`;
  if (record.kind === "statement") return "source's date";
  if (record.kind === "figure") return f.undated ? "undated" : "as of the source";
  if (record.kind === "event") return "undated";
  return "";
}

function renderList() {
  const rows = view.review.records.map((r, index) => {
    const li = el("li", {
      className: `record kind-${r.kind} ${r.suggested ? "pending" : "accepted"} ${index === view.current ? "current" : ""}`,
      "data-testid": `record-${r.id}`,
      "data-state": r.suggested ? "suggested" : "accepted",
      onclick: (e) => {
        if (!e.target.closest("button, input, select, form")) select(index, false);
      },
    });
    const head = el("div", { className: "record-head" },
      el("span", { className: `badge kind-${r.kind}` }, KIND_WORDS[r.kind] || r.kind),
      el("span", { className: "state" }, r.suggested ? "suggestion" : "accepted"),
      r.kind !== "corroboration" ? el("span", { className: "when", "data-testid": `when-${r.id}` }, when(r)) : null);
    li.append(head);
    const unclear = r.fields?.unclear || [];
    if (r.kind !== "corroboration") {
      li.append(el("div", { className: `who${unclear.includes("speaker") ? " unclear" : ""}`, "data-testid": `who-${r.id}` }, who(r)));
    }
    if (unclear.length) li.classList.add("unclear");
    li.append(el("blockquote", { className: "quote" }, `“${r.quote}”`));
    if (r.existing) {
      li.append(el("div", { className: "existing" },
        el("span", { className: "meta" }, `Reports again the ${r.existing.kind} ${r.existing.id} (${r.existing.source}; ${r.existing.date}):`),
        el("blockquote", { className: "quote" }, `“${r.existing.quote}”`)));
    }
    const buttons = el("div", { className: "buttons" });
    if (r.suggested) {
      buttons.append(
        el("button", {
          type: "button", className: "primary", "data-testid": `accept-${r.id}`,
          disabled: unclear.length > 0,
          title: unclear.length ? `Set the ${unclear.join(" and ")} first (e: edit)` : "Accept (a)",
          onclick: () => decide([r.id], true),
        }, "Accept"),
        el("button", { type: "button", "data-testid": `reject-${r.id}`, title: "Reject (r)", onclick: () => decide([r.id], false) }, "Reject"),
      );
    }
    if (r.kind !== "corroboration") {
      buttons.append(el("button", { type: "button", "data-testid": `edit-${r.id}`, title: "Edit (e)", onclick: () => startEditing(r.id) }, "Edit"));
    }
    if (r.kind !== "corroboration" && !r.suggested) {
      buttons.append(
        el("button", { type: "button", "data-testid": `track-${r.id}`, title: "Follow this ask, concern, commitment or planned event", onclick: () => track(r.id) }, "Track…"),
        el("button", { type: "button", "data-testid": `evidence-${r.id}`, title: "Record what this item shows on a thread", onclick: () => addAsEvidence(r.id) }, "Add as evidence…"),
      );
    }
    for (const [thread, label, status] of r.proposed_for || []) {
      li.append(el("div", { className: "proposed", "data-testid": `proposed-${r.id}-${thread}` },
        el("span", {}, "Proposed as evidence for the thread "),
        el("strong", {}, label),
        el("span", { className: "meta" }, ` (now: ${status})`),
        el("button", {
          type: "button", "data-testid": `record-evidence-${r.id}`,
          title: unclear.length ? `Set the ${unclear.join(" and ")} first (e: edit)` : "Accept it and record what it shows on the thread",
          disabled: unclear.length > 0,
          onclick: () => addAsEvidence(r.id, { thread, accept: true }),
        }, "Accept and record…")));
    }
    if ((r.threads || []).length) {
      li.append(el("div", { className: "meta threads" }, `Follow-up: ${r.threads.map(([, label]) => label).join("; ")}`));
    }
    li.append(buttons);
    if (view.editing === r.id) li.append(editorFor(r));
    return li;
  });
  const list = $("review-list");
  const top = [];
  if (view.editing && view.editing.startsWith("new:")) {
    const [, kind, quote] = view.editing.match(/^new:(\w+):([\s\S]*)$/);
    top.push(el("li", { className: `record new kind-${kind} current`, "data-testid": "record-new" },
      el("div", { className: "record-head" }, el("span", { className: `badge kind-${kind}` }, `New ${kind}`), el("span", { className: "state" }, "from your selection")),
      editorFor({ id: null, kind, quote, fields: newFields(kind) })));
  }
  if (!rows.length && !top.length) {
    top.push(el("li", { className: "empty" }, view.review.cited_by.length
      ? "The records quoting this source are kept in other sources' files. Select a passage to make a new item."
      : "No record quotes this source yet. Select a passage of the text to make one."));
  }
  list.replaceChildren(...top, ...rows);
  const current = list.querySelector(".record.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

/** A new item's starting fields: the source's author as speaker, if known. */
function newFields(kind) {
  const author = view.review.records.find((r) => r.kind === "statement")?.fields;
  return {
    speaker: kind === "statement" ? author?.speaker || null : null,
    side: kind === "statement" ? author?.side || "other" : null,
    stance: null, date: null, planned: false, undated: false, topics: [],
    label: null, value: null, unit: null, qualifier: null, place: null,
  };
}

function editorFor(record) {
  const context = { topics: view.app.topics(), sides: view.app.sides(), speakers: view.choices.speakers, places: view.choices.places };
  const form = recordEditor(record, context, async (fields, speaker) => {
    let result;
    try {
      result = record.id
        ? await view.app.invoke("update_record", { id: record.id, fields, speaker })
        : await view.app.invoke("add_item", { source: view.source, kind: record.kind, quote: record.quote, fields, speaker });
    } catch (e) {
      // A file changed on disk: the dataset was reloaded; show it as it is.
      if (/changed on disk/.test(String(e))) await reloadAll();
      throw e;
    }
    view.editing = null;
    await afterChange(result, result.id);
  }, () => {
    view.editing = null;
    render();
  });
  if (view.focusEditor) {
    view.focusEditor = false;
    setTimeout(() => form.querySelector("input, select")?.focus(), 0);
  }
  return form;
}

function select(index, scroll) {
  view.current = index;
  for (const [i, li] of [...$("review-list").querySelectorAll(".record:not(.new)")].entries()) {
    li.classList.toggle("current", i === index);
    if (i === index && scroll) li.scrollIntoView({ block: "nearest" });
  }
  const id = view.review.records[index]?.id;
  for (const m of $("review-text").querySelectorAll("mark[data-records]")) {
    m.classList.toggle("current", Boolean(id) && m.dataset.records.split(" ").includes(id));
  }
  $("review-text").querySelector("mark.current")?.scrollIntoView({ block: "nearest" });
}

function startEditing(id) {
  view.editing = id;
  view.focusEditor = true;
  const index = view.review.records.findIndex((r) => r.id === id);
  if (index >= 0) view.current = index;
  render();
}

async function afterChange(result, focus = null) {
  view.app.status(result.message, "note");
  await view.app.changed(result);
  await load(focus);
}

/** The dataset as it now is (after a change on disk): the review, the memo, the counts. */
async function reloadAll() {
  await load().catch(() => {});
  await view.app.changed({ info: await view.app.invoke("dataset_info") }).catch(() => {});
}

/** Runs one change at a time (a quick double press sends one). */
async function run(action) {
  if (view.busy) return;
  view.busy = true;
  try {
    await action();
  } catch (e) {
    // Show the dataset as it now is first: refreshing the memo clears the status line.
    await reloadAll();
    view.app.status(String(e), "error");
  } finally {
    view.busy = false;
  }
}

function decide(ids, accept) {
  return run(async () => afterChange(await view.app.invoke("decide", { ids, accept })));
}

function acceptAll() {
  return run(async () => afterChange(await view.app.invoke("accept_all", { source: view.source })));
}

function undo() {
  return run(async () => afterChange(await view.app.invoke("undo")));
}

// ---------------------------------------------------------------- selection

function hideSelectionBar() {
  $("selection-bar").hidden = true;
}

/** The selected text, if the selection lies in the source's text. */
function selectedQuote() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const body = $("review-text").querySelector(".source-body");
  const range = sel.getRangeAt(0);
  if (!body || !body.contains(range.commonAncestorContainer)) return null;
  const text = sel.toString().replace(/\s+/g, " ").trim();
  return text.length >= 3 ? text : null;
}

function onSelection() {
  const quote = selectedQuote();
  const bar = $("selection-bar");
  if (!quote) {
    bar.hidden = true;
    return;
  }
  bar.dataset.quote = quote;
  $("selection-text").textContent = quote.length > 80 ? `“${quote.slice(0, 77)}…”` : `“${quote}”`;
  bar.hidden = false;
}

function newFromSelection(kind) {
  const quote = $("selection-bar").dataset.quote;
  if (!quote) return;
  hideSelectionBar();
  window.getSelection().removeAllRanges();
  view.editing = `new:${kind}:${quote}`;
  view.focusEditor = true;
  render();
  $("review-list").scrollTop = 0;
}

// ---------------------------------------------------------------- keys

function onKey(e) {
  if ($("review-view").hidden) return;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !e.target.closest("input, textarea, select, form")) {
    e.preventDefault();
    undo();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, textarea, select, form")) return;
  const records = view.review?.records || [];
  const r = records[view.current];
  const keys = {
    j: () => records.length && select(Math.min(view.current + 1, records.length - 1), true),
    k: () => records.length && select(Math.max(view.current - 1, 0), true),
    a: () => r?.suggested && decide([r.id], true),
    r: () => r?.suggested && decide([r.id], false),
    e: () => r && r.kind !== "corroboration" && startEditing(r.id),
    Escape: () => closeReview(),
  };
  const action = keys[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
}

/** Wires the screen's buttons, keys and selection once. */
export function setUpReview() {
  $("review-accept-all").addEventListener("click", () => acceptAll());
  $("review-undo").addEventListener("click", () => undo());
  $("review-close").addEventListener("click", () => closeReview());
  for (const b of $("selection-bar").querySelectorAll("button[data-kind]")) {
    b.addEventListener("click", () => newFromSelection(b.dataset.kind));
  }
  $("review-text").addEventListener("mouseup", () => setTimeout(onSelection, 0));
  $("review-text").addEventListener("keyup", () => setTimeout(onSelection, 0));
  window.addEventListener("keydown", onKey);
}
