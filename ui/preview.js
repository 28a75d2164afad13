// The memo preview: the first render loads the memo's HTML into the frame;
// every later one patches the frame's document in place, replacing only the
// parts whose content changed. A change of one checkbox then costs the
// browser the style and layout of a few sections, not a new document (its
// stylesheet, fonts and all 20-odd pages), and the reader's scroll position
// stays where it was (sections keep their real heights: nothing is laid
// out lazily, which would move the text under the reader).
//
// The HTML is the Rust side's, the same the export writes; it is parsed by
// DOMParser (an inert document: nothing in it runs or loads) and its nodes
// are adopted into the frame, which is sandboxed without scripts.

/** Elements whose children are compared one by one rather than replaced whole. */
const CONTAINERS = new Set(["BODY", "MAIN", "SECTION", "HEADER", "DIV", "OL", "UL", "DL", "TABLE", "TBODY", "THEAD"]);

/** Same tag and same attributes: the children alone may differ. */
function sameShell(a, b) {
  if (a.nodeName !== b.nodeName || a.attributes.length !== b.attributes.length) return false;
  for (const attr of a.attributes) {
    if (b.getAttribute(attr.name) !== attr.value) return false;
  }
  return true;
}

/** Makes `current`'s children equal to `next`'s, keeping the nodes that are
 * already equal. Children with an `id` are matched by it (a topic section
 * added or removed does not disturb the others); the rest by position. */
function syncChildren(doc, current, next) {
  const byId = new Map();
  for (const child of current.children) {
    if (child.id && !byId.has(child.id)) byId.set(child.id, child);
  }
  const wantedIds = new Set([...next.children].map((child) => child.id).filter(Boolean));
  const used = new Set();
  let cursor = current.firstChild;
  for (const wanted of [...next.childNodes]) {
    // An element whose id is no longer wanted goes now, so that it does not
    // stand between the nodes that follow and their matches by position.
    while (cursor && cursor.nodeType === Node.ELEMENT_NODE && cursor.id && !wantedIds.has(cursor.id)) {
      const gone = cursor;
      cursor = cursor.nextSibling;
      gone.remove();
    }
    let match = null;
    if (wanted.nodeType === Node.ELEMENT_NODE && wanted.id && byId.has(wanted.id) && !used.has(byId.get(wanted.id))) {
      match = byId.get(wanted.id);
      if (match !== cursor) current.insertBefore(match, cursor);
    } else if (cursor && !(cursor.nodeType === Node.ELEMENT_NODE && cursor.id) && cursor.nodeName === wanted.nodeName) {
      match = cursor;
    }
    if (!match) {
      current.insertBefore(doc.importNode(wanted, true), cursor);
      continue;
    }
    used.add(match);
    cursor = match.nextSibling;
    if (match.isEqualNode(wanted)) continue;
    if (CONTAINERS.has(match.nodeName) && sameShell(match, wanted)) {
      syncChildren(doc, match, wanted);
    } else {
      match.replaceWith(doc.importNode(wanted, true));
    }
  }
  while (cursor) {
    const after = cursor.nextSibling;
    cursor.remove();
    cursor = after;
  }
}

/** Calls `then` once the browser has painted the frame after this change:
 * after the next animation frame's rendering, not merely before it. */
function afterNextPaint(then) {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then();
    channel.port2.postMessage(null);
  });
}

/** Shows `html` in `frame`, patching the document already there when there
 * is one; `shown` is called once the change is painted. */
export function showPreview(frame, html, shown) {
  const doc = frame.dataset.ready ? frame.contentDocument : null;
  if (!doc || !doc.body) {
    loadWhole(frame, html, shown);
    return;
  }
  const next = new DOMParser().parseFromString(html, "text/html");
  if (!doc.head.isEqualNode(next.head)) {
    // The page size, the marking or the title changed: the stylesheet and
    // metadata are taken whole.
    syncChildren(doc, doc.head, next.head);
  }
  if (doc.documentElement.lang !== next.documentElement.lang) doc.documentElement.lang = next.documentElement.lang;
  syncChildren(doc, doc.body, next.body);
  afterNextPaint(shown);
}

/** The first render (or after the frame lost its document): a whole load. */
function loadWhole(frame, html, shown) {
  // Until this load ends, a later render loads whole too (it replaces this one).
  delete frame.dataset.ready;
  frame.onload = () => {
    frame.onload = null;
    frame.dataset.ready = "1";
    afterNextPaint(shown);
  };
  frame.srcdoc = html;
}

/** Whether the frame shows exactly what a whole load of `html` would: the
 * check that patching in place leaves nothing stale (the end-to-end tests
 * ask it after a hundred changes). */
export function showsExactly(frame, html) {
  const doc = frame.contentDocument;
  const whole = new DOMParser().parseFromString(html, "text/html");
  return Boolean(doc) && doc.documentElement.isEqualNode(whole.documentElement);
}
