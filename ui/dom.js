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

/** A date as typed, checked: null when empty, else the text or an error. */
export function checkDate(text) {
  const s = text.trim();
  if (s === "") return { value: null };
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return { error: `“${s}” is not a date: write 2025, 2024-05 or 2024-05-20.` };
  const [, y, mo, d] = m;
  if (mo && (+mo < 1 || +mo > 12)) return { error: `“${s}” has no such month.` };
  if (d) {
    const day = new Date(Date.UTC(+y, +mo - 1, +d));
    if (day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d) return { error: `“${s}” is not a day of the calendar.` };
  }
  return { value: s };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A checked date in words, with its precision: "May 2025 (a month)". */
export function dateWords(s) {
  const [y, m, d] = s.split("-");
  if (d) return `${+d} ${MONTHS[+m - 1]} ${y} (a day)`;
  if (m) return `${MONTHS[+m - 1]} ${y} (a month)`;
  return `${y} (a year)`;
}
