// Building elements from data: every string is set as text, never parsed as
// markup, so a hostile document stays inert wherever it is shown.

/** `document.getElementById`. */
export const $ = (id) => document.getElementById(id);

/**
 * A new element: `attrs` sets properties (`className`, `type`, `hidden`…),
 * `data-*` and `aria-*` attributes, and `on*` listeners; children are
 * elements or strings (added as text).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key.startsWith("data-") || key.startsWith("aria-") || key === "for" || key === "role") node.setAttribute(key, String(value));
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** "1 suggestion", "3 suggestions". */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The answers of `check_dates`, by the text checked. */
const checkedDates = new Map();

/**
 * Dates as typed, checked by the library's own reading of dates (the
 * `check_dates` command), in order: each `{ value, words, error }`, where
 * `value` is null when nothing is typed or the text is no date, `words`
 * says the date with its precision ("May 2025 (a month)") and `error` why
 * the text is no date.
 */
export async function checkDates(...texts) {
  // Every preview asks for its three dates: answers are kept by text, so
  // only a text not seen before costs a call (the library's reading of a
  // text never changes while the window is open).
  const missing = [...new Set(texts.filter((t) => !checkedDates.has(t)))];
  if (missing.length) {
    const answers = await window.__TAURI__.core.invoke("check_dates", { texts: missing });
    if (checkedDates.size > 500) checkedDates.clear();
    missing.forEach((t, i) => checkedDates.set(t, answers[i]));
  }
  return texts.map((t) => checkedDates.get(t));
}

