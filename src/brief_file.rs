//! Brief files (`*.brief.toml`): what a memo covers (topics, period, items
//! left out) and how it is headed and laid out, saved so that it can be run
//! again later, on a newer dataset too.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::dataset::reader::{At, suggestion};
use crate::dataset::reader::{Record, TomlFile};
use crate::dataset::{Dataset, Origin, Problems};
use crate::date::{Date, Precision};

/// The sections of a memo, as the assembly's registry lists them.
pub use crate::assemble::sections::Section;

/// The paper a memo is laid out for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Every page size with its id.
    pub const ALL: [(&'static str, PageSize); 2] =
        [("a4", PageSize::A4), ("letter", PageSize::Letter)];

    /// The id used in brief files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            PageSize::A4 => "a4",
            PageSize::Letter => "letter",
        }
    }
}

impl fmt::Display for PageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Which memo to make of a brief.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Everything selected, each item once (the research compendium).
    #[default]
    Full,
    /// At most two pages led by the drafter's text, with the full assembly
    /// behind it as an annex.
    Memo,
}

impl Form {
    /// Every form with its id.
    pub const ALL: [(&'static str, Form); 2] = [("full", Form::Full), ("memo", Form::Memo)];

    /// The id used in brief files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Form::Full => "full",
            Form::Memo => "memo",
        }
    }

    fn is_full(&self) -> bool {
        *self == Form::Full
    }
}

/// What a brief selects from the dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BriefSelection {
    /// Topic ids: `None` (no `topics` key) means every topic; an empty
    /// list means none, so nothing matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<String>>,
    /// The start of the period, if bounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// The end of the period, if bounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// Ids of items to leave out of the memo.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Ids of items the `memo` form must show (before any it ranks).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pin: Vec<String>,
}

/// How the memo is headed and laid out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoSettings {
    /// The memo's title.
    pub title: String,
    /// TO: who the memo is for (left out of a saved brief when empty, which
    /// a brief file may not say).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub to: String,
    /// FROM: who wrote it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// The memo's date (a day); `None` means the day it is produced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// SUBJECT; `None` means the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The classification marking at the top and bottom of every page;
    /// `None` (or empty) means the highest marking among the sources the
    /// memo cites. A marking below that is refused when the memo is made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// Whether each quoted passage carries its source's portion mark, `(U)`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub portion_marks: bool,
    /// The paper size.
    pub page: PageSize,
    /// The sections to include.
    pub sections: Vec<Section>,
    /// `full` (everything, each item once) or `memo` (two pages and an annex).
    #[serde(skip_serializing_if = "Form::is_full")]
    pub form: Form,
    /// The `memo` form's annex of everything selected; `false` leaves it out.
    #[serde(skip_serializing_if = "is_true")]
    pub annex: bool,
    /// The drafter's bottom line (light Markdown, `[@item-id]` citations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottom_line: Option<String>,
    /// The drafter's talking points, each light Markdown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub talking_points: Vec<String>,
    /// The drafter's next steps (light Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<String>,
    /// The drafting officer, printed at the foot of the memo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafted_by: Option<String>,
    /// The clearing offices, printed at the foot of the memo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cleared: Option<String>,
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Default for MemoSettings {
    fn default() -> MemoSettings {
        MemoSettings {
            title: "Briefing Memo".to_string(),
            to: String::new(),
            from: String::new(),
            date: None,
            subject: None,
            classification: None,
            portion_marks: false,
            page: PageSize::A4,
            sections: Section::all().collect(),
            form: Form::Full,
            annex: true,
            bottom_line: None,
            talking_points: Vec::new(),
            next_steps: None,
            drafted_by: None,
            cleared: None,
        }
    }
}

/// A brief: a selection plus memo settings, as saved in a `*.brief.toml`
/// (and as the desktop app sends it, in JSON of the same shape).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BriefFile {
    /// How the memo is headed and laid out (`[memo]`).
    pub memo: MemoSettings,
    /// What it covers (`[selection]`).
    pub selection: BriefSelection,
    /// The drafter's comment heading each topic's section, by topic id
    /// (`[comments]`; light Markdown, `[@item-id]` citations).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub comments: BTreeMap<String, String>,
    /// What the memo last made from this brief showed (its record beside
    /// the brief file, `crate::shown`), when it has one: the memo then
    /// says what is new since. Not part of the brief's text.
    #[serde(skip)]
    pub shown: Option<crate::shown::Shown>,
}

const TOP_KEYS: &[&str] = &["memo", "selection", "comments"];
const MEMO_KEYS: &[&str] = &[
    "title",
    "to",
    "from",
    "date",
    "subject",
    "classification",
    "portion_marks",
    "page",
    "sections",
    "form",
    "annex",
    "bottom_line",
    "talking_points",
    "next_steps",
    "drafted_by",
    "cleared",
];
const SELECTION_KEYS: &[&str] = &["topics", "from", "to", "exclude", "pin"];

impl BriefFile {
    /// Reads a brief file's text for the dataset it will run on; `path`
    /// names it in problems. Every problem is reported, each with its line;
    /// the topics `data` does not have, in one message.
    pub fn parse(path: &str, text: &str, data: &Dataset) -> Result<BriefFile, Problems> {
        let file = TomlFile::new(path, text);
        let mut brief = BriefFile::default();
        let mut unknown = Vec::new();
        if let Some(table) = file.parse(text) {
            let root = file.root(&table);
            if root.has("memo")
                && let Some(memo) = root.table("memo", "the [memo] table")
            {
                read_memo(&memo, &mut brief.memo);
            }
            if root.has("selection")
                && let Some(sel) = root.table("selection", "the [selection] table")
            {
                read_selection(&sel, &mut brief.selection, data, &mut unknown);
            }
            if root.has("comments")
                && let Some(c) = root.table("comments", "the [comments] table")
            {
                read_comments(&c, &mut brief.comments, data, &mut unknown);
            }
            root.finish(TOP_KEYS);
            report_unknown_topics(&file, &unknown, data);
        }
        let list = file.into_problems();
        if list.is_empty() {
            Ok(brief)
        } else {
            let mut list = list;
            list.sort_by_key(|p| p.line);
            Err(Problems {
                origin: Origin::BriefFile(path.to_string()),
                list,
            })
        }
    }

    /// The brief as TOML, in the form [`BriefFile::parse`] reads.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# A Dossier brief: run it with `dossier brief THIS-FILE --out memo.html`.\n\n",
        );
        out.push_str(&toml::to_string(self).expect("a brief always serialises"));
        out
    }
}

/// One message for every topic the brief names that the dataset does not
/// have (a brief made for another dataset names several), at the first.
fn report_unknown_topics(file: &TomlFile, unknown: &[At<String>], data: &Dataset) {
    let Some(first) = unknown.first() else {
        return;
    };
    let ids: Vec<&str> = data.topics.iter().map(|t| t.id.as_str()).collect();
    // Each topic once, with every line that names it, first named first.
    let mut topics: Vec<(&str, Vec<usize>)> = Vec::new();
    for t in unknown {
        match topics.iter_mut().find(|(id, _)| *id == t.value) {
            Some((_, lines)) if !lines.contains(&t.line) => lines.push(t.line),
            Some(_) => {}
            None => topics.push((&t.value, vec![t.line])),
        }
    }
    let named: Vec<String> = topics
        .iter()
        .map(|(id, lines)| {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let at = format!(
                "{} {}",
                if lines.len() == 1 { "line" } else { "lines" },
                lines.join(", ")
            );
            match suggestion(id, &ids) {
                Some(s) => format!("'{id}' ({at}; did you mean '{s}'?)"),
                None => format!("'{id}' ({at})"),
            }
        })
        .collect();
    file.report(
        Some(first.line),
        format!(
            "{} not in this dataset: {}. Was the brief made for another dataset? Open that dataset, or use its topics: {}",
            if topics.len() == 1 {
                "this topic is"
            } else {
                "these topics are"
            },
            named.join(", "),
            listed(&ids)
        ),
    );
}

/// The first topic ids, and how many more there are (a synthetic dataset
/// may have hundreds).
fn listed(ids: &[&str]) -> String {
    const SHOWN: usize = 24;
    if ids.len() <= SHOWN {
        return ids.join(", ");
    }
    format!(
        "{} and {} more (`dossier topics` lists them)",
        ids[..SHOWN].join(", "),
        ids.len() - SHOWN
    )
}

fn read_memo(r: &Record, memo: &mut MemoSettings) {
    if let Some(v) = r.opt_string("title") {
        memo.title = v.value;
    }
    if let Some(v) = r.opt_string("to") {
        memo.to = v.value;
    }
    if let Some(v) = r.opt_string("from") {
        memo.from = v.value;
    }
    if let Some(d) = r.opt_date("date") {
        if d.value.precision() == Precision::Day {
            memo.date = Some(d.value);
        } else {
            r.report(
                d.line,
                format!(
                    "`date` is the memo's date and must be a day, such as \"{}-01\"; '{}' is not",
                    d.value, d.value
                ),
            );
        }
    }
    if let Some(v) = r.opt_string("subject") {
        memo.subject = Some(v.value);
    }
    if let Some(v) = r.opt_string("classification") {
        memo.classification = Some(v.value);
    }
    if let Some(v) = r.opt_bool("portion_marks") {
        memo.portion_marks = v.value;
    }
    if let Some(p) = r.opt_choice("page", &PageSize::ALL) {
        memo.page = p.value;
    }
    if r.has("sections") {
        let mut sections = Vec::new();
        for s in r.opt_string_list("sections") {
            match s.value.parse::<Section>() {
                Ok(sec) if !sections.contains(&sec) => sections.push(sec),
                Ok(_) => {}
                Err(e) => r.report(s.line, format!("`sections`: {e}")),
            }
        }
        sections.sort();
        memo.sections = sections;
    }
    if let Some(f) = r.opt_choice("form", &Form::ALL) {
        memo.form = f.value;
    }
    if let Some(v) = r.opt_bool("annex") {
        memo.annex = v.value;
    }
    memo.bottom_line = r.opt_string("bottom_line").map(|v| v.value);
    memo.talking_points = r
        .opt_string_list("talking_points")
        .into_iter()
        .map(|v| v.value)
        .filter(|v| !v.trim().is_empty())
        .collect();
    memo.next_steps = r.opt_string("next_steps").map(|v| v.value);
    memo.drafted_by = r.opt_string("drafted_by").map(|v| v.value);
    memo.cleared = r.opt_string("cleared").map(|v| v.value);
    r.finish(MEMO_KEYS);
}

fn read_comments(
    r: &Record,
    comments: &mut BTreeMap<String, String>,
    data: &Dataset,
    unknown: &mut Vec<At<String>>,
) {
    for (key, value) in r.string_entries(|k| data.topic(k).is_some()) {
        if data.topic(&key.value).is_none() {
            unknown.push(key);
        } else if let Some(v) = value {
            comments.insert(key.value, v.value);
        }
    }
}

fn read_selection(
    r: &Record,
    sel: &mut BriefSelection,
    data: &Dataset,
    unknown: &mut Vec<At<String>>,
) {
    if r.has("topics") {
        sel.topics = Some(Vec::new());
    }
    for t in r.opt_string_list("topics") {
        if data.topic(&t.value).is_some() {
            sel.topics.get_or_insert_with(Vec::new).push(t.value);
        } else {
            unknown.push(t);
        }
    }
    let from = r.opt_date("from");
    let to = r.opt_date("to");
    if let (Some(f), Some(t)) = (&from, &to)
        && f.value.first_day() > t.value.last_day()
    {
        r.report(
            f.line,
            format!(
                "the period is empty: `from` ({}) is after `to` ({})",
                f.value, t.value
            ),
        );
    }
    sel.from = from.map(|d| d.value);
    sel.to = to.map(|d| d.value);
    sel.exclude = r
        .opt_string_list("exclude")
        .into_iter()
        .map(|e| e.value)
        .collect();
    sel.pin = r
        .opt_string_list("pin")
        .into_iter()
        .map(|e| e.value)
        .collect();
    r.finish(SELECTION_KEYS);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> &'static Dataset {
        static DATA: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
        DATA.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
    }

    #[test]
    fn reads_a_full_brief() {
        let text = r#"
[memo]
title = "Fourth High-Level Dialogue"
to = "The Under Secretary"
from = "Central Asia desk"
date = "2025-06-02"
classification = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
portion_marks = true
page = "letter"
sections = ["timeline", "header", "summary"]

[selection]
topics = ["dialogue", "torture"]
from = "2022"
to = "2025-05"
exclude = ["zeya-2022-abai-mirror"]
"#;
        let b = BriefFile::parse("x.brief.toml", text, data()).unwrap();
        assert_eq!(b.memo.title, "Fourth High-Level Dialogue");
        assert_eq!(b.memo.page, PageSize::Letter);
        assert!(b.memo.portion_marks);
        assert_eq!(
            b.memo.sections,
            ["header", "summary", "timeline"].map(|s| s.parse::<Section>().unwrap())
        );
        assert_eq!(b.memo.date.unwrap().to_string(), "2025-06-02");
        assert_eq!(
            b.selection.topics.as_deref(),
            Some(&["dialogue".to_string(), "torture".to_string()][..])
        );
        assert_eq!(b.selection.to.unwrap().to_string(), "2025-05");
        assert_eq!(b.selection.exclude, ["zeya-2022-abai-mirror"]);
        // It saves and reads back the same.
        assert_eq!(BriefFile::parse("y", &b.to_toml(), data()).unwrap(), b);
    }

    #[test]
    fn the_drafter_s_text_reads_and_saves_back() {
        let text = r#"
[memo]
form = "memo"
annex = false
bottom_line = "Welcome the law [@x]."
talking_points = ["One.", "Two *points*."]
next_steps = "Follow up."
drafted_by = "Desk officer"
cleared = "DRL"

[selection]
pin = ["a", "b"]

[comments]
torture = "Still open."
dialogue = "Next round in Washington."
"#;
        let b = BriefFile::parse("d.brief.toml", text, data()).unwrap();
        assert_eq!(b.memo.form, Form::Memo);
        assert!(!b.memo.annex);
        assert_eq!(b.memo.talking_points.len(), 2);
        assert_eq!(b.selection.pin, ["a", "b"]);
        assert_eq!(b.comments["torture"], "Still open.");
        assert_eq!(BriefFile::parse("e", &b.to_toml(), data()).unwrap(), b);
        let bad = BriefFile::parse(
            "d.brief.toml",
            "[memo]\nform = \"short\"\n\n[comments]\ntorure = \"x\"\n",
            data(),
        )
        .unwrap_err();
        let lines: Vec<String> = bad.list.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines[0],
            "d.brief.toml:2: `form` is 'short', which is not one of: full, memo"
        );
        assert!(lines[1].starts_with("d.brief.toml:5: this topic is not in this dataset: 'torure' (line 5; did you mean 'torture'?). Was the brief made for another dataset?"), "{lines:?}");
    }

    #[test]
    fn a_brief_for_another_dataset_names_its_topics_in_one_message() {
        let text = "[selection]\ntopics = [\"energy\", \"torture\", \"labor-rights\"]\n\n[comments]\ncritical-minerals = \"Watch.\"\ntorture = \"Open.\"\n";
        let err = BriefFile::parse("uz.brief.toml", text, data()).unwrap_err();
        let lines: Vec<String> = err.list.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("uz.brief.toml:2: these topics are not in this dataset: 'energy' (line 2), 'labor-rights' (line 2), 'critical-minerals' (line 5). Was the brief made for another dataset?"),
            "{lines:?}"
        );
    }

    #[test]
    fn an_unknown_topic_is_one_problem_whatever_its_value() {
        let text = "[comments]\nnope = 3\ntorture = 4\n";
        let err = BriefFile::parse("c.brief.toml", text, data()).unwrap_err();
        let lines: Vec<String> = err.list.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0]
                .starts_with("c.brief.toml:2: this topic is not in this dataset: 'nope' (line 2)"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("c.brief.toml:3: `torture` must be a string"),
            "{lines:?}"
        );
        let twice = "[selection]\ntopics = [\"nope\", \"nope\"]\n";
        let err = BriefFile::parse("d.brief.toml", twice, data()).unwrap_err();
        assert!(
            err.list[0].to_string().contains("'nope' (line 2)."),
            "{err}"
        );
    }

    #[test]
    fn an_empty_file_is_the_default_brief() {
        let b = BriefFile::parse("x", "", data()).unwrap();
        assert_eq!(b, BriefFile::default());
        assert_eq!(b.memo.sections.len(), 9);
        assert_eq!(b.memo.classification, None, "the sources decide");
        assert!(!b.memo.portion_marks);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = "[memo]\ntitel = \"x\"\npage = \"a3\"\ndate = \"2025-06\"\nsections = [\"summary\", \"appendix\"]\n\n[selection]\ntopics = [\"torture\", \"human-rights\"]\nfrom = \"2026\"\nto = \"2025\"\n\n[extra]\n";
        let err = BriefFile::parse("b.brief.toml", text, data()).unwrap_err();
        let lines: Vec<String> = err.list.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            [
                "b.brief.toml:2: unknown field `titel` in the [memo] table; did you mean `title`?",
                "b.brief.toml:3: `page` is 'a3', which is not one of: a4, letter",
                "b.brief.toml:4: `date` is the memo's date and must be a day, such as \"2025-06-01\"; '2025-06' is not",
                "b.brief.toml:5: `sections`: 'appendix' is not a section; the sections are: header, summary, new, key-figures, topics, points, follow-up, timeline, sources",
                "b.brief.toml:8: this topic is not in this dataset: 'human-rights' (line 8). Was the brief made for another dataset? Open that dataset, or use its topics: political-reform, rule-of-law, expression-media, assembly, civil-society, religion, gender-equality, domestic-violence, children, disability, torture, trafficking, anti-corruption, digital-governance, multilateral, dialogue",
                "b.brief.toml:9: the period is empty: `from` (2026) is after `to` (2025)",
                "b.brief.toml:12: unknown field `extra` in the file; the fields are: memo, selection, comments",
            ]
        );
        assert!(
            err.to_string()
                .ends_with("The brief file b.brief.toml has 7 problems; fix them and try again.")
        );
    }
}
