//! The files an ingested document adds to a dataset: `sources/<id>.txt`
//! (the text) and `sources/<id>.toml` (the source record and its
//! suggestions, each marked `suggested = true`), plus any suggested people
//! appended to `people.toml`. Written through `toml_edit`, like every other
//! dataset write, so strings are escaped by the TOML library.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use super::suggest::{NewPerson, Suggested, Suggestion};
use crate::dataset::{EventStatus, SourceKind};
use crate::date::Date;

/// The source record of a new document.
#[derive(Debug, Clone)]
pub struct SourceRecord {
    /// Its id (the file name).
    pub id: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Address, if it has one.
    pub url: Option<String>,
    /// Publication date.
    pub date: Date,
    /// Kind.
    pub kind: SourceKind,
    /// Marking.
    pub classification: String,
    /// How it came in and what was dropped.
    pub notes: String,
}

/// A TOML basic string, escaped (for messages and tests that show one).
pub fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn strings(items: &[impl AsRef<str>]) -> Value {
    Value::Array(items.iter().map(|s| s.as_ref()).collect::<Array>())
}

/// The table of one suggestion, with its fields in the order a curator
/// reads them.
fn suggestion_table(s: &Suggestion) -> Table {
    let mut t = Table::new();
    t.insert("id", value(&s.id));
    t.insert("suggested", value(true));
    match &s.detail {
        Suggested::Statement {
            speaker,
            side,
            stance,
        } => {
            if let (Some(speaker), Some(side)) = (speaker, side) {
                t.insert("speaker", value(speaker));
                t.insert("side", value(side.id()));
            }
            if let Some(stance) = stance {
                t.insert("stance", value(stance.id()));
            }
        }
        Suggested::Figure {
            value: number,
            unit,
            qualifier,
            label,
        } => {
            let number = if let Some(whole) = crate::format::whole_number(*number) {
                Value::from(whole)
            } else {
                Value::from(*number)
            };
            t.insert("value", Item::Value(number));
            t.insert("unit", value(unit));
            t.insert("label", value(label));
            if let Some(q) = qualifier {
                t.insert("qualifier", value(q));
            }
        }
        Suggested::Event {
            label,
            place,
            status,
        } => {
            t.insert("label", value(label));
            if let Some(p) = place {
                t.insert("place", value(p));
            }
            if *status == EventStatus::Planned {
                t.insert("status", value("planned"));
            }
        }
        Suggested::Corroboration { item } => {
            t.insert("item", value(item));
        }
    }
    if !matches!(s.detail, Suggested::Corroboration { .. }) {
        match s.date {
            Some(d) => {
                t.insert("date", value(d.to_string()));
            }
            // A figure without a date is a past state (an event without one
            // is simply undated); an unclear date is neither.
            None if matches!(s.detail, Suggested::Figure { .. })
                && !s.unclear.contains(&"date") =>
            {
                t.insert("undated", value(true));
            }
            None => {}
        }
        t.insert("topics", Item::Value(strings(&s.topics)));
    }
    if !s.unclear.is_empty() {
        t.insert("unclear", Item::Value(strings(&s.unclear)));
    }
    if let Some(page) = s.page {
        t.insert("page", value(page as i64));
    }
    t.insert("quote", value(&s.quote));
    t
}

/// Adds `t` to the array of tables `key` of `doc`, making it if needed.
fn push_table(doc: &mut DocumentMut, key: &str, t: Table) {
    match doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
        Some(array) => array.push(t),
        None => {
            let mut array = ArrayOfTables::new();
            array.push(t);
            doc.insert(key, Item::ArrayOfTables(array));
        }
    }
}

/// `sources/<id>.toml` for a new document with its suggestions, in text
/// order (statements, figures and events interleaved as the text has them).
pub fn source_toml(source: &SourceRecord, suggestions: &[Suggestion]) -> String {
    let mut doc = DocumentMut::new();
    let mut head = Table::new();
    head.decor_mut().set_prefix(
        "# Ingested by `dossier ingest`. Its records start as suggestions (marked\n# `suggested`): review them with `dossier review`, then accept or reject.\n\n",
    );
    head.insert("title", value(&source.title));
    head.insert("publisher", value(&source.publisher));
    if let Some(url) = &source.url {
        head.insert("url", value(url));
    }
    head.insert("date", value(source.date.to_string()));
    head.insert("kind", value(source.kind.id()));
    head.insert("classification", value(&source.classification));
    head.insert("notes", value(&source.notes));
    head.set_position(0);
    doc.insert("source", Item::Table(head));
    for (n, s) in suggestions.iter().enumerate() {
        let key = match &s.detail {
            Suggested::Statement { .. } => "statement",
            Suggested::Figure { .. } => "figure",
            Suggested::Event { .. } => "event",
            Suggested::Corroboration { .. } => "also",
        };
        let mut t = suggestion_table(s);
        t.set_position(n as isize + 1);
        t.decor_mut().set_prefix("\n");
        push_table(&mut doc, key, t);
    }
    doc.to_string()
}

/// Suggested people, as `[[person]]` and `[[institution]]` tables to append
/// to `people.toml`.
pub fn people_toml(people: &[NewPerson], source: &str) -> String {
    let mut doc = DocumentMut::new();
    for (n, p) in people.iter().enumerate() {
        let key = if p.institution {
            "institution"
        } else {
            "person"
        };
        let mut t = Table::new();
        t.decor_mut().set_prefix(format!(
            "\n# Suggested by `dossier ingest` from {source}.\n"
        ));
        t.set_position(n as isize);
        t.insert("id", value(&p.id));
        t.insert("suggested", value(true));
        t.insert("name", value(&p.name));
        t.insert("side", value(p.side.id()));
        if let Some(role) = p.role.as_ref().filter(|_| !p.institution) {
            let mut r = Table::new();
            r.insert("title", value(role));
            let mut roles = ArrayOfTables::new();
            roles.push(r);
            t.insert("role", Item::ArrayOfTables(roles));
        }
        push_table(&mut doc, key, t);
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        let q = quoted("a \"b\" \\ c\nd \u{1}");
        let back: toml::Value = toml::from_str(&format!("x = {q}")).unwrap();
        assert_eq!(back["x"].as_str(), Some("a \"b\" \\ c\nd \u{1}"));
    }
}
