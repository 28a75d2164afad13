// The Sources view: every source of the dataset with its counts and
// marking; opening one shows its text with the passages items quote
// highlighted and the sentences no item quotes marked, so a curator sees
// what is missing; clicking a highlight opens its item for editing (on the
// review screen). Everything from the data is set as text, never markup.

const $ = (id) => document.getElementById(id);

/** Shows the Sources view in place of the memo preview, or hides it. `app`
 * gives `invoke` and `edit(source, itemIds)`. */
export async function showSources(app, show) {
  const invoke = app.invoke;
  $("sources-view").hidden = !show;
  $("show-sources").setAttribute("aria-pressed", String(show));
  if (!show) return;
  const rows = await invoke("sources");
  $("source-list").replaceChildren(
    ...rows.map((s) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "source";
      button.dataset.testid = `source-${s.id}`;
      const title = document.createElement("span");
      title.className = "title";
      title.textContent = s.title;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = `${s.publisher} · ${s.date} · ${s.kind} · ${s.statements} statements, ${s.figures} figures, ${s.events} events`;
      button.append(title, meta);
      if (s.marking !== "UNCLASSIFIED") {
        const mark = document.createElement("strong");
        mark.className = "marking";
        mark.textContent = s.marking;
        button.append(mark);
      }
      button.addEventListener("click", () => openSource(app, s.id));
      li.append(button);
      return li;
    }),
  );
  const current = document.querySelector("#source-text")?.dataset.source;
  const again = rows.find((r) => r.id === current);
  if (rows.length) await openSource(app, (again || rows[0]).id);
}

/** Shows one source's text, its quoted passages and its unquoted sentences. */
async function openSource(app, id) {
  const source = await app.invoke("source_text", { id });
  for (const b of document.querySelectorAll("#source-list button")) {
    b.classList.toggle("current", b.dataset.testid === `source-${id}`);
  }
  const heading = document.createElement("h2");
  heading.textContent = source.title;
  const body = document.createElement("div");
  body.className = "source-body";
  let quoted = 0;
  let missing = 0;
  for (const p of source.passages) {
    let node;
    if (p.items.length) {
      node = document.createElement("mark");
      node.title = `Quoted by ${p.items.join(", ")}`;
      node.dataset.items = p.items.join(" ");
      node.title += " — click to edit";
      node.addEventListener("click", () => app.edit(id, p.items));
      node.tabIndex = 0;
      const current = () => pickItem(app, id, p.items[0]);
      node.addEventListener("mouseenter", current);
      node.addEventListener("focus", current);
      quoted += 1;
    } else if (p.unquoted) {
      node = document.createElement("span");
      node.className = "unquoted";
      node.title = "No item quotes this sentence";
      missing += 1;
    } else {
      node = document.createElement("span");
    }
    node.textContent = p.text;
    body.append(node);
  }
  const summary = document.createElement("p");
  summary.className = "meta";
  summary.dataset.testid = "source-summary";
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  summary.textContent = `${plural(quoted, "quoted passage", "quoted passages")} (highlighted) · ${plural(missing, "sentence", "sentences")} no item quotes (in red)`;
  const review = document.createElement("button");
  review.type = "button";
  review.dataset.testid = "review-source";
  review.textContent = "Review and edit…";
  review.addEventListener("click", () => app.edit(id, []));
  $("source-item-bar").hidden = true;
  $("source-text").dataset.source = id;
  $("source-text").replaceChildren(heading, summary, review, body);
}

/** Makes `item` (of source `source`) the one the bar above the text acts
 * on: Edit…, Track…, Add as evidence…. */
function pickItem(app, source, item) {
  $("source-item").textContent = `Item ${item}`;
  $("source-item-bar").hidden = false;
  $("source-item-edit").onclick = () => app.edit(source, [item]);
  $("source-item-track").onclick = () => app.track(item);
  $("source-item-evidence").onclick = () => app.evidence(item);
}
