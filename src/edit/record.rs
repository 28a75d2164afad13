//! One record as a curator edits it: its fields read out of its TOML table
//! ([`Record`]), changed field by field ([`DatasetEdit::update`]), made
//! from a selected passage ([`DatasetEdit::add_item`]), and the people who
//! speak ([`DatasetEdit::add_speaker`]). The quote is never edited: a new
//! record's quote is a passage of its source, checked verbatim on save.

use serde::{Deserialize, Serialize};
use toml_edit::{Array, Item, Table, Value};

use super::{DatasetEdit, EditError, is_suggested};
use crate::date::Date;
use crate::text::slug;

/// A record's editable fields, as the app's editor shows them. Which apply
/// depends on the kind: a statement's speaker, side and stance; a figure's
/// value, unit, label, qualifier and `undated`; an event's label, place and
/// `planned`; every item's date and topics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fields {
    /// Person or institution id (statements).
    pub speaker: Option<String>,
    /// A party's id as the dataset declares it, `joint` or `other` (statements).
    pub side: Option<String>,
    /// `commends`, `concern`, `calls-for`, `commits` or `reports` (statements).
    pub stance: Option<String>,
    /// The date the text gives, `2025`, `2025-05` or `2025-05-20`; none: the
    /// source's (statement), as of the source (figure), undated (event).
    pub date: Option<String>,
    /// An event that is planned rather than done.
    pub planned: bool,
    /// A figure describing a past state the text does not date.
    pub undated: bool,
    /// Topic ids.
    pub topics: Vec<String>,
    /// What a figure counts or what an event was.
    pub label: Option<String>,
    /// A figure's number.
    pub value: Option<f64>,
    /// A figure's unit.
    pub unit: Option<String>,
    /// A figure's qualifier (`more than`).
    pub qualifier: Option<String>,
    /// An event's place id.
    pub place: Option<String>,
    /// What the text leaves open on a suggestion (`speaker`, `date`); a
    /// suggestion with any cannot be accepted. Setting the speaker clears
    /// `speaker`; a caller that settles the date (even to the source's)
    /// leaves `date` out.
    pub unclear: Vec<String>,
}

impl Fields {
    /// Marks `field` (`speaker`, `date`) as settled by the person editing.
    pub fn settle(&mut self, field: &str) {
        self.unclear.retain(|f| f != field);
    }
}

/// A record of a source file, for the review screen and the item editor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Its id.
    pub id: String,
    /// `statement`, `figure`, `event` or `corroboration`.
    pub kind: String,
    /// The source whose file holds it.
    pub source: String,
    /// Its passage of that source.
    pub quote: String,
    /// Still a suggestion (not data yet).
    pub suggested: bool,
    /// For a corroboration: the item it reports again.
    pub item: Option<String>,
    /// Its fields.
    pub fields: Fields,
}

/// A new person or institution, made by the curator for a speaker the
/// dataset does not know.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NewSpeaker {
    /// The name as the sources write it.
    pub name: String,
    /// A person's role (title), if known.
    pub role: Option<String>,
    /// A party's id as the dataset declares it, `joint` or `other`.
    pub side: String,
    /// An institution rather than a person.
    pub institution: bool,
}

/// A person or institution of `people.toml`, for choosing a speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Its side.
    pub side: String,
    /// A person's latest role, if given.
    pub role: Option<String>,
    /// An institution rather than a person.
    pub institution: bool,
    /// Still a suggestion.
    pub suggested: bool,
}

/// The item tables of a source file, and what each holds.
const ITEM_TABLES: [&str; 4] = ["statement", "figure", "event", "also"];

impl DatasetEdit {
    /// Every record of source `source`'s file (items and corroborations,
    /// suggested or not), in the order they stand.
    pub fn records(&self, source: &str) -> Vec<Record> {
        let rel = format!("sources/{source}.toml");
        let Some((_, doc)) = self.files.get(&rel) else {
            return Vec::new();
        };
        let mut out: Vec<(isize, Record)> = Vec::new();
        for table in ITEM_TABLES {
            let Some(array) = doc.get(table).and_then(Item::as_array_of_tables) else {
                continue;
            };
            for t in array.iter() {
                if let Some(r) = read_record(source, table, t) {
                    out.push((t.position().unwrap_or(isize::MAX), r));
                }
            }
        }
        out.sort_by_key(|(p, _)| *p);
        out.into_iter().map(|(_, r)| r).collect()
    }

    /// The record `id`, suggested or not, if a source file holds it.
    pub fn record(&self, id: &str) -> Option<Record> {
        let place = self.find(id, false)?;
        let source = place
            .file
            .strip_prefix("sources/")?
            .strip_suffix(".toml")?
            .to_string();
        let doc = &self.files.get(&place.file)?.1;
        let t = doc
            .get(&place.table)?
            .as_array_of_tables()?
            .get(place.index)?;
        read_record(&source, &place.table, t)
    }

    /// Sets the fields of record `id` that apply to its kind (a suggestion
    /// stays one; an item stays accepted). Keys are changed in place, so
    /// their comments and order are kept; a field emptied is removed.
    pub fn update(&mut self, id: &str, fields: &Fields) -> Result<(), EditError> {
        let place = self
            .find(id, false)
            .filter(|p| ITEM_TABLES.contains(&p.table.as_str()))
            .ok_or_else(|| EditError::NoRecord(id.to_string()))?;
        if place.table == "also" {
            return Err(EditError::Field(
                "a corroboration has no fields of its own to edit; accept or reject it".into(),
            ));
        }
        check(fields)?;
        let kind = place.table.clone();
        let mut fields = fields.clone();
        if fields.speaker.is_some() {
            fields.settle("speaker");
            // A speaker set without a side speaks for their own.
            if fields.side.is_none() {
                let speaker = fields.speaker.as_deref().unwrap_or_default();
                fields.side = self
                    .speakers()
                    .into_iter()
                    .find(|s| s.id == speaker)
                    .map(|s| s.side)
                    .filter(|s| !s.is_empty());
            }
        }
        if fields.date.is_some() {
            fields.settle("date");
        }
        write_fields(self.table_mut(&place), &kind, &fields);
        Ok(())
    }

    /// Adds a new item of `kind` (`statement`, `figure` or `event`) to
    /// source `source`, quoting `quote` (a passage of its text), accepted by
    /// `by` on `on`: the curator made it. Returns its id, made from the
    /// source and the label or quote, unique in the dataset.
    pub fn add_item(
        &mut self,
        source: &str,
        kind: &str,
        quote: &str,
        fields: &Fields,
        by: &str,
        on: Date,
    ) -> Result<String, EditError> {
        if !["statement", "figure", "event"].contains(&kind) {
            return Err(EditError::Field(format!(
                "'{kind}' is not a kind of item; use statement, figure or event"
            )));
        }
        let rel = format!("sources/{source}.toml");
        if !self.files.contains_key(&rel) {
            return Err(EditError::NoRecord(source.to_string()));
        }
        let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
        if quote.is_empty() {
            return Err(EditError::Field(
                "select the passage of the source the item quotes".into(),
            ));
        }
        check(fields)?;
        let words = fields.label.as_deref().unwrap_or(&quote);
        let base: String = slug(words).split('-').take(5).collect::<Vec<_>>().join("-");
        let id = self.unused_id(&format!("{source}-{base}"));
        let mut t = Table::new();
        t.insert("id", toml_edit::value(&id));
        write_fields(&mut t, kind, fields);
        t.insert("quote", toml_edit::value(&quote));
        t.insert("accepted", toml_edit::value(on.to_string()));
        t.insert("accepted_by", toml_edit::value(by));
        let doc = &mut self.files.get_mut(&rel).expect("checked above").1;
        let last = doc
            .iter()
            .filter_map(|(_, item)| match item {
                Item::Table(t) => t.position(),
                Item::ArrayOfTables(a) => a.iter().filter_map(Table::position).max(),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        t.set_position(last + 1);
        t.decor_mut().set_prefix("\n");
        match doc.get_mut(kind).and_then(Item::as_array_of_tables_mut) {
            Some(array) => array.push(t),
            None => {
                let mut array = toml_edit::ArrayOfTables::new();
                array.push(t);
                doc.insert(kind, Item::ArrayOfTables(array));
            }
        }
        Ok(id)
    }

    /// Adds a person or institution to `people.toml` (data, not a
    /// suggestion: the curator made it). Returns its id.
    pub fn add_speaker(&mut self, speaker: &NewSpeaker) -> Result<String, EditError> {
        let name = speaker.name.trim();
        if name.is_empty() {
            return Err(EditError::Field("give the new speaker's name".into()));
        }
        // Whether the dataset declares the party is checked when the
        // edit is saved, against its dataset.toml.
        if crate::dataset::Side::from_id(&speaker.side).is_none() {
            return Err(EditError::Field(format!(
                "'{}' is not a side; use a party's id as the dataset declares it, joint or other",
                speaker.side
            )));
        }
        let id = self.unused_id(&slug(name));
        let mut t = Table::new();
        t.insert("id", toml_edit::value(&id));
        t.insert("name", toml_edit::value(name));
        t.insert("side", toml_edit::value(&speaker.side));
        t.decor_mut().set_prefix("\n");
        let table = if speaker.institution {
            "institution"
        } else {
            "person"
        };
        let role = speaker
            .role
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if let (Some(role), false) = (role, speaker.institution) {
            let mut r = Table::new();
            r.insert("title", toml_edit::value(role));
            let mut roles = toml_edit::ArrayOfTables::new();
            roles.push(r);
            t.insert("role", Item::ArrayOfTables(roles));
        }
        let people = &mut self
            .files
            .get_mut("people.toml")
            .ok_or_else(|| EditError::NoRecord("people.toml".into()))?
            .1;
        match people.get_mut(table).and_then(Item::as_array_of_tables_mut) {
            Some(array) => array.push(t),
            None => {
                let mut array = toml_edit::ArrayOfTables::new();
                array.push(t);
                people.insert(table, Item::ArrayOfTables(array));
            }
        }
        Ok(id)
    }

    /// Every person and institution of `people.toml`, suggested or not, by name.
    pub fn speakers(&self) -> Vec<SpeakerRecord> {
        let Some((_, people)) = self.files.get("people.toml") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for table in ["person", "institution"] {
            let Some(array) = people.get(table).and_then(Item::as_array_of_tables) else {
                continue;
            };
            for t in array.iter() {
                let (Some(id), Some(name)) = (text(t, "id"), text(t, "name")) else {
                    continue;
                };
                let role = t
                    .get("role")
                    .and_then(Item::as_array_of_tables)
                    .and_then(|roles| roles.iter().last())
                    .and_then(|r| text(r, "title"));
                out.push(SpeakerRecord {
                    id,
                    name,
                    aliases: texts(t, "aliases"),
                    side: text(t, "side").unwrap_or_default(),
                    role,
                    institution: table == "institution",
                    suggested: is_suggested(t),
                });
            }
        }
        out.sort_by_key(|s| s.name.to_lowercase());
        out
    }

    /// `base`, or `base-2`, `base-3`… whichever no record has.
    fn unused_id(&self, base: &str) -> String {
        let taken = |id: &str| {
            self.files.values().any(|(_, doc)| {
                doc.iter().any(|(_, item)| {
                    item.as_array_of_tables().is_some_and(|a| {
                        a.iter()
                            .any(|t| t.get("id").and_then(Item::as_str) == Some(id))
                    })
                })
            })
        };
        let base = if base.is_empty() { "item" } else { base };
        (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| !taken(id))
            .expect("some number is free")
    }
}

/// Checks what the files cannot say for themselves (the rest is checked by
/// loading the edited dataset).
fn check(fields: &Fields) -> Result<(), EditError> {
    if let Some(d) = &fields.date {
        d.parse::<Date>().map_err(|e| {
            EditError::Field(format!(
                "the date '{d}' is not one: {e}; write 2025, 2025-05 or 2025-05-20"
            ))
        })?;
    }
    if fields.undated && fields.date.is_some() {
        return Err(EditError::Field(
            "a figure is either undated or has a date, not both".into(),
        ));
    }
    if fields.topics.is_empty() {
        return Err(EditError::Field("tick at least one topic".into()));
    }
    if fields.value.is_some_and(|v| !v.is_finite()) {
        return Err(EditError::Field("a figure's value must be a number".into()));
    }
    Ok(())
}

fn text(t: &Table, key: &str) -> Option<String> {
    t.get(key).and_then(Item::as_str).map(str::to_string)
}

/// A list of strings (`topics`, `aliases`); empty if absent.
pub(super) fn texts(t: &Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn read_record(source: &str, table: &str, t: &Table) -> Option<Record> {
    let id = text(t, "id")?;
    let value = t
        .get("value")
        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
    Some(Record {
        id,
        kind: if table == "also" {
            "corroboration"
        } else {
            table
        }
        .to_string(),
        source: source.to_string(),
        quote: text(t, "quote").unwrap_or_default(),
        suggested: is_suggested(t),
        item: text(t, "item"),
        fields: Fields {
            speaker: text(t, "speaker"),
            side: text(t, "side"),
            stance: text(t, "stance"),
            date: text(t, "date"),
            planned: text(t, "status").as_deref() == Some("planned"),
            undated: t.get("undated").and_then(Item::as_bool) == Some(true),
            topics: texts(t, "topics"),
            label: text(t, "label"),
            value,
            unit: text(t, "unit"),
            qualifier: text(t, "qualifier"),
            place: text(t, "place"),
            unclear: texts(t, "unclear"),
        },
    })
}

/// A field's new value: `None` removes the key.
fn set(t: &mut Table, key: &str, value: Option<Value>) {
    match value {
        None => {
            t.remove(key);
        }
        Some(mut new) => match t.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                let decor = old.decor().clone();
                *new.decor_mut() = decor;
                *old = new;
            }
            None => {
                // A new key goes before the quote, where a curator looks for it.
                t.insert(key, Item::Value(new));
                let keys: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
                let quote = keys.iter().position(|k| k == "quote");
                if let Some(pos) = quote.filter(|&p| p + 1 < keys.len()) {
                    for k in &keys[pos..keys.len() - 1] {
                        if let Some((k, v)) = t.remove_entry(k) {
                            t.insert_formatted(&k, v);
                        }
                    }
                }
            }
        },
    }
}

fn string(s: &Option<String>) -> Option<Value> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Value::from)
}

fn write_fields(t: &mut Table, kind: &str, f: &Fields) {
    match kind {
        "statement" => {
            set(t, "speaker", string(&f.speaker));
            set(t, "side", string(&f.side));
            set(t, "stance", string(&f.stance));
        }
        "figure" => {
            let value = f.value.map(|v| {
                if let Some(whole) = crate::format::whole_number(v) {
                    Value::from(whole)
                } else {
                    Value::from(v)
                }
            });
            set(t, "value", value);
            set(t, "unit", string(&f.unit));
            set(t, "label", string(&f.label));
            set(t, "qualifier", string(&f.qualifier));
            set(t, "undated", f.undated.then(|| Value::from(true)));
        }
        "event" => {
            set(t, "label", string(&f.label));
            set(t, "place", string(&f.place));
            set(t, "status", f.planned.then(|| Value::from("planned")));
        }
        _ => {}
    }
    set(t, "date", string(&f.date));
    let topics: Array = f.topics.iter().map(String::as_str).collect();
    set(t, "topics", Some(Value::Array(topics)));
    let unclear: Array = f.unclear.iter().map(String::as_str).collect();
    set(
        t,
        "unclear",
        (!unclear.is_empty()).then_some(Value::Array(unclear)),
    );
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::dataset::DatasetFiles;

    const NOTE: &str = r#"[source]
title = "Note"
publisher = "Desk"
date = "2025-01-02"
kind = "readout"

[[statement]]
id = "s-one"
suggested = true
speaker = "kz-mfa"   # the ministry
side = "kz"
date = "2025-01-02"
topics = ["dialogue"]
quote = "The ministry met the delegation."

[[figure]]
id = "f-one"
suggested = true
value = 46
unit = "crisis centres"
label = "Crisis centres"
topics = ["domestic-violence"]
quote = "There are 46 crisis centres."
"#;

    fn dataset() -> (tempfile::TempDir, std::path::PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        crate::init::init(&dir, &crate::init::Start::Copy).unwrap();
        std::fs::write(dir.join("sources/note.toml"), NOTE).unwrap();
        std::fs::write(
            dir.join("sources/note.txt"),
            "The ministry met the delegation.\nThere are 46 crisis centres. It was a useful day.\n",
        )
        .unwrap();
        (tmp, dir)
    }

    fn today() -> Date {
        "2026-11-30".parse().unwrap()
    }

    fn note(dir: &Path) -> String {
        std::fs::read_to_string(dir.join("sources/note.toml")).unwrap()
    }

    #[test]
    fn a_record_reads_back_with_its_fields() {
        let (_tmp, dir) = dataset();
        let edit = DatasetEdit::open(&dir).unwrap();
        let records = edit.records("note");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].fields.speaker.as_deref(), Some("kz-mfa"));
        assert_eq!(records[0].fields.date.as_deref(), Some("2025-01-02"));
        assert!(records[0].suggested);
        assert_eq!(records[1].fields.value, Some(46.0));
        assert_eq!(edit.record("f-one").unwrap().kind, "figure");
        assert!(edit.record("nope").is_none());
    }

    #[test]
    fn an_update_changes_only_its_fields_and_keeps_comments() {
        let (_tmp, dir) = dataset();
        let mut edit = DatasetEdit::open(&dir).unwrap();
        let mut fields = edit.record("s-one").unwrap().fields;
        fields.date = Some("2025-01".into());
        fields.stance = Some("reports".into());
        fields.topics = vec!["dialogue".into(), "civil-society".into()];
        edit.update("s-one", &fields).unwrap();
        edit.save().unwrap();
        let text = note(&dir);
        assert!(
            text.contains("speaker = \"kz-mfa\"   # the ministry\n"),
            "{text}"
        );
        assert!(text.contains("date = \"2025-01\"\n"), "{text}");
        assert!(
            text.contains("topics = [\"dialogue\", \"civil-society\"]\n"),
            "{text}"
        );
        assert!(
            text.contains("topics = [\"dialogue\", \"civil-society\"]\nstance = \"reports\"\nquote = \"The ministry met the delegation.\""),
            "a new key goes before the quote: {text}"
        );
        assert!(text.contains("suggested = true"), "still a suggestion");
        // Undated: the date key goes.
        let mut edit = DatasetEdit::open(&dir).unwrap();
        let mut fields = edit.record("f-one").unwrap().fields;
        fields.undated = true;
        edit.update("f-one", &fields).unwrap();
        edit.save().unwrap();
        assert!(
            note(&dir).contains("topics = [\"domestic-violence\"]\nundated = true\nquote"),
            "{}",
            note(&dir)
        );
    }

    #[test]
    fn a_bad_change_is_refused_and_nothing_is_written() {
        let (_tmp, dir) = dataset();
        let before = note(&dir);
        let mut edit = DatasetEdit::open(&dir).unwrap();
        let mut fields = edit.record("s-one").unwrap().fields;
        fields.date = Some("2025-13".into());
        assert!(matches!(
            edit.update("s-one", &fields),
            Err(EditError::Field(_))
        ));
        fields.date = None;
        fields.topics.clear();
        assert!(matches!(
            edit.update("s-one", &fields),
            Err(EditError::Field(_))
        ));
        // A speaker the dataset does not know: refused on save, with the line.
        fields.topics = vec!["dialogue".into()];
        fields.speaker = Some("nobody-known".into());
        edit.update("s-one", &fields).unwrap();
        let e = edit.save().unwrap_err().to_string();
        assert!(
            e.contains("nobody-known") && e.contains("note.toml:"),
            "{e}"
        );
        assert_eq!(note(&dir), before);
    }

    #[test]
    fn an_item_from_a_selection_is_data_and_must_be_verbatim() {
        let (_tmp, dir) = dataset();
        let mut edit = DatasetEdit::open(&dir).unwrap();
        let fields = Fields {
            label: Some("Useful day".into()),
            topics: vec!["dialogue".into()],
            date: Some("2025-01-02".into()),
            ..Fields::default()
        };
        let id = edit
            .add_item(
                "note",
                "event",
                "It was a\n useful day.",
                &fields,
                "ana",
                today(),
            )
            .unwrap();
        assert_eq!(id, "note-useful-day");
        edit.save().unwrap();
        let data = crate::Dataset::from_dir(&dir).unwrap();
        let item = data.items.iter().find(|i| i.id == id).expect("an item");
        assert_eq!(item.quote(), "It was a useful day.");
        assert!(note(&dir).ends_with(
            "\n[[event]]\nid = \"note-useful-day\"\nlabel = \"Useful day\"\ndate = \"2025-01-02\"\ntopics = [\"dialogue\"]\nquote = \"It was a useful day.\"\naccepted = \"2026-11-30\"\naccepted_by = \"ana\"\n"
        ), "{}", note(&dir));
        let mut edit = DatasetEdit::open(&dir).unwrap();
        edit.add_item(
            "note",
            "event",
            "It was not in the text.",
            &fields,
            "ana",
            today(),
        )
        .unwrap();
        let e = edit.save().unwrap_err().to_string();
        assert!(e.contains("not found verbatim"), "{e}");
    }

    #[test]
    fn a_new_speaker_can_be_named_at_once() {
        let (_tmp, dir) = dataset();
        let mut edit = DatasetEdit::open(&dir).unwrap();
        let id = edit
            .add_speaker(&NewSpeaker {
                name: "Aliya Desk".into(),
                role: Some("Spokesperson".into()),
                side: "kz".into(),
                institution: false,
            })
            .unwrap();
        let mut fields = edit.record("s-one").unwrap().fields;
        fields.speaker = Some(id.clone());
        edit.update("s-one", &fields).unwrap();
        edit.accept("s-one", "ana", today()).unwrap();
        edit.save().unwrap();
        let data = crate::Dataset::from_dir(&dir).unwrap();
        assert_eq!(data.speaker(&id).unwrap().name(), "Aliya Desk");
        let edit = DatasetEdit::open(&dir).unwrap();
        let listed = edit.speakers();
        let aliya = listed.iter().find(|s| s.id == id).unwrap();
        assert_eq!(aliya.role.as_deref(), Some("Spokesperson"));
        assert!(
            listed.len() > 10 && listed.iter().any(|s| s.institution),
            "{listed:?}"
        );
        assert!(data.items.iter().any(|i| i.id == "s-one"));
    }

    #[test]
    fn undo_puts_the_files_back_and_a_change_on_disk_is_never_overwritten() {
        let (_tmp, dir) = dataset();
        let before = note(&dir);
        let as_read = DatasetFiles::read_dir(&dir).unwrap();
        let mut edit = DatasetEdit::open_as_read(&dir, &as_read).unwrap();
        edit.reject("f-one").unwrap();
        let saved = edit.save().unwrap();
        assert!(!note(&dir).contains("f-one"));
        saved.undo().unwrap();
        assert_eq!(note(&dir), before);

        // Another editor changes the file: the app's next edit is refused.
        let theirs = before.replace("# the ministry", "# changed by someone else");
        std::fs::write(dir.join("sources/note.toml"), &theirs).unwrap();
        assert!(matches!(
            DatasetEdit::open_as_read(&dir, &as_read),
            Err(EditError::ChangedOnDisk(f)) if f == ["sources/note.toml"]
        ));
        // Even an edit opened before the change does not overwrite it.
        std::fs::write(dir.join("sources/note.toml"), &before).unwrap();
        let mut edit = DatasetEdit::open(&dir).unwrap();
        edit.accept("s-one", "ana", today()).unwrap();
        std::fs::write(dir.join("sources/note.toml"), &theirs).unwrap();
        assert!(matches!(edit.save(), Err(EditError::ChangedOnDisk(_))));
        assert_eq!(note(&dir), theirs);
    }
}
