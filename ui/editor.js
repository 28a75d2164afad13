// The item editor: a form for one record's fields — speaker (searched among
// the known people and institutions, or a new one), side, stance, date with
// its precision, topics, and a figure's or an event's own fields. The quote
// is shown, never edited: it is the source's. Each field is checked as it is
// typed; the library checks the whole dataset again on save.

import { checkDates, el } from "./dom.js";

const STANCES = [["", "—"], ["commends", "commends"], ["concern", "concern"], ["calls-for", "calls for"], ["commits", "commits"], ["reports", "reports"]];
/** The speaker search shows at most this many matches. */
const MAX_MATCHES = 8;

/** What an empty date means, by kind. */
const NO_DATE = {
  statement: "Empty: the source's date (said or published then).",
  figure: "Empty: as of the source's date. Tick “undated” for a past state the text does not date.",
  event: "Empty: undated (the text does not say when).",
};

function field(label, input, testid, help) {
  const error = el("span", { className: "error", "data-testid": `${testid}-error`, hidden: true });
  return { row: el("label", { className: "field" }, el("span", {}, label), el("span", { className: "control" }, input, help ? el("span", { className: "hint" }, help) : null, error)), error };
}

function select(options, value, testid) {
  return el("select", { "data-testid": testid }, ...options.map(([v, label]) => el("option", { value: v, selected: v === (value ?? "") }, label)));
}

/**
 * The editor for `record` (`{ id, kind, quote, fields }`; `id` null for a
 * new item). `context` gives `topics` ({ id, label }), `sides` ([id,
 * name], the dataset's, in the memo's order), `speakers` and `places`. `onSave(fields, newSpeaker)` returns a promise; its error is
 * shown in the form. Esc cancels, Ctrl+Enter saves.
 */
export function recordEditor(record, context, onSave, onCancel) {
  const kind = record.kind;
  const f = record.fields;
  const rows = [];
  const checks = [];
  const sides = context.sides;
  const sideName = (id) => sides.find(([s]) => s === id)?.[1] || id;
  const form = el("form", { className: "editor", "data-testid": "editor", noValidate: true });
  const unclear = f.unclear || [];
  if (unclear.length) {
    rows.push(el("p", { className: "unclear-note", "data-testid": "editor-unclear" },
      `The text does not settle the ${unclear.join(" or the ")}: set ${unclear.length === 1 ? "it" : "them"} before accepting.`));
  }
  let dateTouched = false;

  // Speaker: search, pick, or make a new one.
  let speakerId = f.speaker || "";
  let side;
  let newSpeaker = null;
  if (kind === "statement") {
    const known = new Map(context.speakers.map((s) => [s.id, s]));
    const search = el("input", { type: "search", "data-testid": "editor-speaker", placeholder: "Search people and institutions", autocomplete: "off" });
    search.value = known.get(speakerId)?.name || speakerId;
    const matches = el("ul", { className: "matches", "data-testid": "editor-speaker-matches", hidden: true });
    const newName = el("input", { "data-testid": "new-speaker-name" });
    const newRole = el("input", { "data-testid": "new-speaker-role", placeholder: "e.g. Spokesperson of the MFA" });
    const newSide = select(sides, "other", "new-speaker-side");
    const newInstitution = el("input", { type: "checkbox", "data-testid": "new-speaker-institution" });
    const newBox = el("fieldset", { className: "new-speaker", hidden: true }, el("legend", {}, "New person or institution"),
      el("label", {}, "Name ", newName), el("label", {}, "Role ", newRole), el("label", {}, "Side ", newSide),
      el("label", {}, newInstitution, " an institution"));
    const pick = (s) => {
      speakerId = s.id;
      search.value = s.name;
      side.value = s.side || side.value;
      matches.hidden = true;
      newBox.hidden = true;
      newSpeaker = null;
    };
    const showMatches = () => {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const found = context.speakers.filter((s) => {
        const text = `${s.name} ${s.aliases.join(" ")} ${s.role || ""} ${s.id}`.toLowerCase();
        return words.every((w) => text.includes(w));
      });
      matches.replaceChildren(
        ...found.slice(0, MAX_MATCHES).map((s) =>
          el("li", {}, el("button", { type: "button", className: "match", "data-testid": `speaker-${s.id}`, onclick: () => pick(s) },
            el("strong", {}, s.name), ` · ${s.institution ? "institution" : "person"} · ${sideName(s.side)}`, s.role ? ` · ${s.role}` : "", s.suggested ? " · suggested" : "")),
        ),
        el("li", {}, el("button", { type: "button", className: "match new", "data-testid": "speaker-new", onclick: () => {
          newBox.hidden = false;
          newName.value = search.value.trim();
          newSide.value = side.value || "other";
          matches.hidden = true;
          speakerId = "";
          newSpeaker = true;
          newName.focus();
        } }, `+ New person or institution${search.value.trim() ? ` “${search.value.trim()}”` : ""}…`)),
      );
      matches.hidden = false;
    };
    search.addEventListener("input", () => {
      speakerId = "";
      showMatches();
    });
    search.addEventListener("click", showMatches);
    const speaker = field("Speaker", el("span", { className: "stack" }, search, matches, newBox), "editor-speaker");
    rows.push(speaker.row);
    checks.push(() => {
      const ok = speakerId || (newSpeaker && newName.value.trim());
      speaker.error.hidden = Boolean(ok);
      speaker.error.textContent = newSpeaker ? "Give the new speaker's name." : "Choose a speaker from the list, or make a new one.";
      return Boolean(ok);
    });
    // No side yet (an unclear speaker): the speaker chosen brings theirs.
    side = select(f.side ? sides : [["", "— the speaker's —"], ...sides], f.side || "", "editor-side");
    rows.push(field("Side", side, "editor-side").row);
    const stance = select(STANCES, f.stance || "", "editor-stance");
    rows.push(field("Stance", stance, "editor-stance").row);
    form.collect = (out) => {
      out.side = side.value || null;
      out.stance = stance.value || null;
      out.speaker = speakerId || null;
      return newSpeaker
        ? { name: newName.value.trim(), role: newRole.value.trim() || null, side: newSide.value, institution: newInstitution.checked }
        : null;
    };
  }

  // A figure's number and what it counts; an event's label and place.
  const inputs = {};
  const text = (key, label, value, help, required) => {
    const input = el("input", { "data-testid": `editor-${key}`, value: value ?? "" });
    const r = field(label, input, `editor-${key}`, help);
    inputs[key] = input;
    rows.push(r.row);
    if (required) {
      checks.push(() => {
        const ok = input.value.trim() !== "";
        r.error.hidden = ok;
        r.error.textContent = `Give the ${label.toLowerCase()}.`;
        input.classList.toggle("invalid", !ok);
        return ok;
      });
    }
  };
  if (kind === "figure") {
    text("value", "Value", f.value ?? "", "A number as the text gives it: 46, 55.5", false);
    const valueRow = rows[rows.length - 1];
    checks.push(() => {
      const v = inputs.value.value.trim().replace(/[_,\s]/g, "");
      const ok = v !== "" && Number.isFinite(Number(v));
      const error = valueRow.querySelector(".error");
      error.hidden = ok;
      error.textContent = "Give the number, such as 46 or 55.5.";
      inputs.value.classList.toggle("invalid", !ok);
      return ok;
    });
    text("unit", "Unit", f.unit, "%, USD, crisis centres…", true);
    text("label", "Label", f.label, "What it counts", true);
    text("qualifier", "Qualifier", f.qualifier, "As the text qualifies it: more than, about", false);
  }
  let place;
  let planned;
  if (kind === "event") {
    text("label", "Label", f.label, "What happened, in a few words", true);
    place = select([["", "—"], ...context.places], f.place || "", "editor-place");
    rows.push(field("Place", place, "editor-place").row);
  }

  // The date, at the precision the text gives.
  const date = el("input", { "data-testid": "editor-date", value: f.date || "", placeholder: "2025, 2025-05 or 2025-05-20", autocomplete: "off" });
  const words = el("span", { className: "hint", "data-testid": "editor-date-words" });
  const dateRow = field("Date", el("span", { className: "stack" }, date, words), "editor-date", NO_DATE[kind]);
  rows.push(dateRow.row);
  let undated;
  if (kind === "figure") {
    undated = el("input", { type: "checkbox", "data-testid": "editor-undated", checked: Boolean(f.undated) });
    rows.push(el("label", { className: "check" }, undated, " Undated: a past state the text does not date"));
  }
  if (kind === "event") {
    planned = el("input", { type: "checkbox", "data-testid": "editor-planned", checked: Boolean(f.planned) });
    rows.push(el("label", { className: "check" }, planned, " Planned (the date is when it is planned for)"));
  }
  let dateChecks = 0;
  const checkDateField = async () => {
    const seq = ++dateChecks;
    const [d] = await checkDates(date.value);
    const clash = !d.error && d.value && undated?.checked;
    // A later check (the user typed on) shows its own answer.
    if (seq === dateChecks) {
      dateRow.error.hidden = !d.error && !clash;
      dateRow.error.textContent = d.error || (clash ? "An undated figure has no date: empty it or untick “undated”." : "");
      date.classList.toggle("invalid", Boolean(d.error || clash));
      words.textContent = d.words ? `= ${d.words}` : "";
    }
    return !d.error && !clash;
  };
  date.addEventListener("input", () => { dateTouched = true; checkDateField(); });
  undated?.addEventListener("change", checkDateField);
  checks.push(checkDateField);
  checkDateField();

  // Topics.
  const chosen = new Set(f.topics);
  const boxes = context.topics.map((t) =>
    el("label", { className: "check" }, el("input", { type: "checkbox", value: t.id, checked: chosen.has(t.id), "data-testid": `editor-topic-${t.id}` }), ` ${t.label}`),
  );
  const topicsError = el("span", { className: "error", hidden: true, "data-testid": "editor-topics-error" }, "Tick at least one topic.");
  rows.push(el("fieldset", { className: "topics" }, el("legend", {}, "Topics"), el("div", { className: "columns" }, ...boxes), topicsError));
  checks.push(() => {
    const ok = boxes.some((b) => b.querySelector("input").checked);
    topicsError.hidden = ok;
    return ok;
  });

  const problem = el("p", { className: "error", role: "alert", "data-testid": "editor-error", hidden: true });
  const save = el("button", { type: "submit", className: "primary", "data-testid": "editor-save" }, record.id ? "Save" : `Add ${kind}`);
  const cancel = el("button", { type: "button", "data-testid": "editor-cancel", onclick: () => onCancel() }, "Cancel");
  // A new item's quote is the selection; an existing one's is shown above.
  if (!record.id) form.append(el("blockquote", { className: "quote" }, `“${record.quote}”`));
  form.append(...rows, problem, el("div", { className: "buttons" }, cancel, save));

  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ok = (await Promise.all(checks.map((c) => c()))).every(Boolean);
    if (!ok) return;
    const [checkedDate] = await checkDates(date.value);
    const out = {
      topics: boxes.map((b) => b.querySelector("input")).filter((b) => b.checked).map((b) => b.value),
      date: checkedDate.value,
      planned: Boolean(planned?.checked),
      undated: Boolean(undated?.checked),
      // The library clears "speaker" when one is set; a date typed here settles the date.
      unclear: unclear.filter((x) => !(x === "date" && dateTouched && date.value.trim())),
    };
    for (const [key, input] of Object.entries(inputs)) {
      out[key] = key === "value" ? Number(input.value.trim().replace(/[_,\s]/g, "")) : input.value.trim() || null;
    }
    if (place) out.place = place.value || null;
    const speaker = form.collect ? form.collect(out) : null;
    save.disabled = true;
    problem.hidden = true;
    try {
      await onSave(out, speaker);
    } catch (err) {
      problem.textContent = String(err);
      problem.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
