// The Follow-up view (every thread of the ledger with its status and
// timeline) and the ledger's dialog: Track… opens a thread from an item,
// Add as evidence… records what a later item shows on a thread. The rules
// are the library's; this screen only asks. Every string from the data is
// set as text.

import { $, el, plural } from "./dom.js";

/** What the view needs of the window: `invoke`, `status(text, kind)`,
 * `changed(result)` after a change, `ensureEditable()`. */
let app = null;
/** The open dialog's task: `{ mode: "open" | "evidence", item, accept }`. */
let task = null;

/** Wires the view and the dialog once. */
export function setUpFollowUp(window_) {
  app = window_;
  $("follow-up-close").addEventListener("click", () => showFollowUp(false));
  $("track-cancel").addEventListener("click", () => $("track-dialog").close());
  $("track-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
}

/** Shows the Follow-up view in place of the memo preview, or hides it. */
export async function showFollowUp(show) {
  $("follow-up-view").hidden = !show;
  $("show-follow-up").setAttribute("aria-pressed", String(show));
  if (!show) return;
  $("sources-view").hidden = true;
  $("show-sources").setAttribute("aria-pressed", "false");
  $("review-view").hidden = true;
  await renderFollowUp();
}

/** Draws the view again if it is open (after a change). */
export async function refreshFollowUp() {
  if (!$("follow-up-view").hidden) await renderFollowUp();
}

async function renderFollowUp() {
  const view = await app.invoke("follow_up");
  const open = view.threads.filter((t) => t.open).length;
  $("follow-up-counts").textContent = `${plural(view.threads.length, "thread")}, ${open} open`;
  $("follow-up-list").replaceChildren(
    ...(view.threads.length
      ? view.threads.map((t) => thread(t, view.editable))
      : [el("li", { className: "none" }, "No thread yet: use Track… on a call, a concern, a commitment or a planned event.")]),
  );
}

function thread(t, editable) {
  const steps = el("ol", { className: "timeline" },
    el("li", { title: t.opened_by.id }, `Asked or promised: ${t.opened}`),
    ...t.updates.map((u, n) => el("li", { "data-testid": `update-${t.id}-${n}` },
      el("time", {}, u.date), " — ", el("strong", {}, u.status_words), ": ",
      u.evidence.map((e) => e.name).join("; "),
      el("span", { className: "meta" }, ` (${u.according_to})`),
      u.note ? el("em", { className: "note" }, ` Drafter's note: ${u.note}`) : null)),
  );
  const li = el("li", { className: `thread status-${t.status}`, "data-testid": `thread-${t.id}`, "data-status": t.status },
    el("div", { className: "thread-head" },
      el("strong", {}, t.label),
      el("span", { className: `badge status-${t.status}`, "data-testid": `thread-status-${t.id}` }, t.status_words),
      el("span", { className: "meta" }, t.updates.length ? `as of ${t.as_of}` : `since ${t.as_of}`)),
    el("div", { className: "meta" }, `Owed by ${t.owed_by}`),
    steps);
  for (const p of t.proposed) {
    li.append(el("div", { className: "proposed", "data-testid": `proposed-${t.id}-${p.id}` },
      el("span", {}, `Proposed by ingest: ${p.name}`),
      el("button", { type: "button", onclick: () => addAsEvidence(p.id, { thread: t.id }) }, "Add as evidence…")));
  }
  if (editable) {
    li.append(el("div", { className: "buttons" },
      el("button", { type: "button", "data-testid": `remove-${t.id}`, onclick: () => remove(t) }, "Remove")));
  }
  return li;
}

async function remove(t) {
  try {
    const result = await app.invoke("remove_thread", { thread: t.id });
    await changed(result);
  } catch (e) {
    app.status(String(e), "error");
  }
}

/** Track…: opens the dialog to open a thread from item `item`. */
export async function track(item) {
  await openDialog("open", item);
}

/** Add as evidence…: opens the dialog to record what item `item` shows on
 * a thread (`thread` chosen first); `accept` accepts the item (a
 * suggestion) in the same change. */
export async function addAsEvidence(item, { thread = null, accept = false } = {}) {
  await openDialog("evidence", item, { thread, accept });
}

async function openDialog(mode, item, { thread = null, accept = false } = {}) {
  if (!(await app.ensureEditable())) return;
  let about;
  try {
    about = await app.invoke("trackable", { id: item });
  } catch (e) {
    // A suggestion is not an item yet: offer the threads it may answer.
    if (mode !== "evidence") return app.status(String(e), "error");
    about = { may_open: false, owed_by: null, label: null, threads: (await app.invoke("follow_up")).threads.map((t) => [t.id, t.label, t.status_words]) };
    accept = true;
  }
  task = { mode, item, accept };
  const view = await app.invoke("follow_up");
  $("track-h").textContent = mode === "open" ? "Track…" : "Add as evidence…";
  $("track-ok").textContent = mode === "open" ? "Track" : accept ? "Accept and record" : "Record";
  $("track-item").textContent = `Item ${item}`;
  $("track-open").hidden = mode !== "open";
  $("track-evidence").hidden = mode !== "evidence";
  const error = $("track-error");
  error.hidden = true;
  if (mode === "open") {
    $("track-label").value = about.label || "";
    $("track-owed-by").replaceChildren(...view.parties.map(([id, name]) => el("option", { value: id, selected: id === about.owed_by }, name)));
    $("track-owed-by").prepend(el("option", { value: "", disabled: true, selected: !about.owed_by }, "choose…"));
    $("track-owed-hint").textContent = about.owed_by ? "A commitment is owed by the party that made it." : "The item does not say whom it asks: choose.";
    if (!about.may_open) {
      error.textContent = "Only a call, a concern, a commitment or a planned event opens a thread. Set the item's stance first (Edit).";
      error.hidden = false;
    }
    $("track-ok").disabled = !about.may_open;
  } else {
    $("track-thread").replaceChildren(...about.threads.map(([id, label, status]) => el("option", { value: id, selected: id === thread }, `${label} (${status})`)));
    $("track-status").replaceChildren(...view.statuses.map(([id, words]) => el("option", { value: id }, words)));
    $("track-note").value = "";
    if (!about.threads.length) {
      error.textContent = "No thread was opened before this item: use Track… on the ask first.";
      error.hidden = false;
    }
    $("track-ok").disabled = !about.threads.length;
  }
  if (!$("track-dialog").open) $("track-dialog").showModal();
}

async function submit() {
  const error = $("track-error");
  try {
    let result;
    if (task.mode === "open") {
      result = await app.invoke("open_thread", { item: task.item, label: $("track-label").value, owedBy: $("track-owed-by").value });
    } else {
      result = await app.invoke("update_thread", {
        thread: $("track-thread").value,
        status: $("track-status").value,
        evidence: [task.item],
        note: $("track-note").value,
        accept: task.accept,
      });
    }
    $("track-dialog").close();
    await changed(result);
  } catch (e) {
    error.textContent = String(e);
    error.hidden = false;
  }
}

async function changed(result) {
  app.status(result.message, "note");
  await app.changed(result);
  await refreshFollowUp();
}
