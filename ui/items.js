// The item browser: the items the brief's topics and period select, each
// with a box to leave it out of the memo, Cite and Pin. Rows are built once
// per item and kept while the item's row reads the same, and the list is
// built a page at a time as it is scrolled, so that a change costs the rows
// that changed and a dataset of 100,000 items opens as fast as one of 200.

import { $ } from "./dom.js";

/** Rows built at first, and added each time the end of the list comes into view. */
const PAGE = 60;

/** Built rows by item id: what the row shows, and the row. */
const built = new Map();
/** The list being shown: the matching items and how many rows are built. */
let shown = { items: null, filter: "", matches: [], rows: 0, pins: new Set(), actions: null };
let observer = null;

/** Shows `items` (the selection, excluded ones marked) filtered by the
 * filter field's words; `actions` holds `cite(id)` and `togglePin(id)`. */
export function showItems(items, pins, actions) {
  const words = $("item-filter").value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = words.length
    ? items.filter((i) => {
        const text = `${i.date} ${i.kind} ${i.who} ${i.quote} ${i.sources.join(" ")} ${i.id}`.toLowerCase();
        return words.every((w) => text.includes(w));
      })
    : items;
  const included = items.reduce((n, i) => n + (i.excluded ? 0 : 1), 0);
  $("items-count").textContent = `${included} of ${items.length} in the memo`;
  // The same list again (a pin, a row changed) keeps the rows built so far;
  // another selection or filter starts from one page.
  const filter = words.join(" ");
  const same = shown.items === items && shown.filter === filter;
  const rows = Math.min(matches.length, same ? Math.max(PAGE, shown.rows) : PAGE);
  shown = { items, filter, matches, rows, pins, actions };
  const seen = new Set();
  const list = matches.slice(0, rows).map((i) => {
    seen.add(i.id);
    return row(i);
  });
  for (const id of built.keys()) if (!seen.has(id)) built.delete(id);
  $("items").replaceChildren(...list, ...more());
}

/** Marks item `id` left out or back in, in place (its box keeps the focus). */
export function markExcluded(items, id, excluded) {
  const item = items.find((i) => i.id === id);
  if (!item) return;
  item.excluded = excluded;
  const kept = built.get(id);
  if (kept) {
    kept.li.classList.toggle("excluded", excluded);
    kept.key = rowKey(item, shown.pins.has(id));
  }
  const included = items.reduce((n, i) => n + (i.excluded ? 0 : 1), 0);
  $("items-count").textContent = `${included} of ${items.length} in the memo`;
}

/** The line after the built rows while some are not built yet; in view, it builds the next page. */
function more() {
  const left = shown.matches.length - shown.rows;
  if (left <= 0) return [];
  const line = document.createElement("li");
  line.className = "more";
  line.textContent = `${left} more below; scroll, or type in the filter to narrow the list.`;
  observer ??= new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting && e.target.isConnected)) nextPage();
  }, { root: $("items") });
  observer.disconnect();
  observer.observe(line);
  return [line];
}

function nextPage() {
  const from = shown.rows;
  shown.rows = Math.min(shown.matches.length, from + PAGE);
  const rows = shown.matches.slice(from, shown.rows).map(row);
  const list = $("items");
  list.querySelector("li.more")?.remove();
  list.append(...rows, ...more());
}

/** The row of item `i`, reused when it would read the same. */
function row(i) {
  const pinned = shown.pins.has(i.id);
  const key = rowKey(i, pinned);
  const kept = built.get(i.id);
  if (kept && kept.key === key) return kept.li;
  const li = buildRow(i, pinned);
  built.set(i.id, { key, li });
  return li;
}

/** What a row shows, as one string: a row is rebuilt when it changes. */
function rowKey(i, pinned) {
  return JSON.stringify([i.excluded, pinned, i.date, i.kind, i.who, i.quote, i.sources, i.marking]);
}

function buildRow(i, pinned) {
  const li = document.createElement("li");
  li.className = `${i.excluded ? "excluded" : ""} ${pinned ? "pinned" : ""}`;
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.checked = !i.excluded;
  box.value = i.id;
  box.dataset.testid = `item-${i.id}`;
  box.title = "Include in the memo";
  const body = document.createElement("span");
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = `${i.date} · ${i.kind} · ${i.who}`;
  if (i.marking) {
    const mark = document.createElement("strong");
    mark.className = "marking";
    mark.textContent = ` · ${i.marking}`;
    meta.append(mark);
  }
  const quote = document.createElement("span");
  quote.className = "quote";
  quote.textContent = `“${i.quote}”`;
  const source = document.createElement("span");
  source.className = "meta";
  source.textContent = i.sources.join("; ");
  body.append(meta, quote, source);
  const actions = document.createElement("span");
  actions.className = "item-actions";
  actions.append(
    button("Cite", `Insert [@${i.id}] into your text`, `cite-${i.id}`, () => shown.actions.cite(i.id)),
    button("Pin", "Always on the two-page memo's pages", `pin-${i.id}`, () => shown.actions.togglePin(i.id)),
  );
  actions.lastChild.setAttribute("aria-pressed", String(pinned));
  // The follow-up's two, on a line of their own under the item's text.
  const follow = document.createElement("span");
  follow.className = "follow-actions";
  follow.append(
    button("Track…", "Follow this ask, concern, commitment or planned event", `track-${i.id}`, () => shown.actions.track(i.id)),
    button("Add as evidence…", "Record what this item shows on a thread", `evidence-${i.id}`, () => shown.actions.evidence(i.id)),
  );
  body.append(follow);
  label.append(box, body);
  li.append(label, actions);
  return li;
}

function button(text, title, testid, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.title = title;
  b.dataset.testid = testid;
  b.addEventListener("click", (e) => {
    e.preventDefault();
    action();
  });
  return b;
}
