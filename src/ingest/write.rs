//! The files an ingested document adds to a dataset: `sources/<id>.txt`
//! (the text) and `sources/<id>.toml` (the source record and its
//! suggestions, each marked `suggested = true`), plus any suggested people
//! appended to `people.toml`.

use std::fmt::Write as _;

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

/// A TOML basic string, escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// `sources/<id>.toml` for a new document with its suggestions.
pub fn source_toml(source: &SourceRecord, suggestions: &[Suggestion]) -> String {
    let mut out = format!(
        "# Ingested by `dossier ingest`. Its records start as suggestions (marked\n# `suggested`): review them with `dossier review`, then accept or reject.\n\n[source]\ntitle = {}\npublisher = {}\n",
        quoted(&source.title),
        quoted(&source.publisher)
    );
    if let Some(url) = &source.url {
        let _ = writeln!(out, "url = {}", quoted(url));
    }
    let kind = source.kind.id();
    let _ = write!(
        out,
        "date = {}\nkind = {}\nclassification = {}\nnotes = {}\n",
        quoted(&source.date.to_string()),
        quoted(kind),
        quoted(&source.classification),
        quoted(&source.notes)
    );
    for s in suggestions {
        out.push('\n');
        let table = match &s.detail {
            Suggested::Statement { .. } => "statement",
            Suggested::Figure { .. } => "figure",
            Suggested::Event { .. } => "event",
            Suggested::Corroboration { .. } => "also",
        };
        let _ = write!(
            out,
            "[[{table}]]\nid = {}\nsuggested = true\n",
            quoted(&s.id)
        );
        match &s.detail {
            Suggested::Statement {
                speaker,
                side,
                stance,
            } => {
                if let (Some(speaker), Some(side)) = (speaker, side) {
                    let _ = write!(
                        out,
                        "speaker = {}\nside = {}\n",
                        quoted(speaker),
                        quoted(side.id())
                    );
                }
                if let Some(stance) = stance {
                    let _ = writeln!(out, "stance = {}", quoted(stance.id()));
                }
            }
            Suggested::Figure {
                value,
                unit,
                qualifier,
                label,
            } => {
                let value = if value.fract() == 0.0 && value.abs() < 1e15 {
                    format!("{}", *value as i64)
                } else {
                    format!("{value}")
                };
                let _ = write!(
                    out,
                    "value = {value}\nunit = {}\nlabel = {}\n",
                    quoted(unit),
                    quoted(label)
                );
                if let Some(q) = qualifier {
                    let _ = writeln!(out, "qualifier = {}", quoted(q));
                }
            }
            Suggested::Event {
                label,
                place,
                status,
            } => {
                let _ = writeln!(out, "label = {}", quoted(label));
                if let Some(p) = place {
                    let _ = writeln!(out, "place = {}", quoted(p));
                }
                if *status == EventStatus::Planned {
                    out.push_str("status = \"planned\"\n");
                }
            }
            Suggested::Corroboration { item } => {
                let _ = writeln!(out, "item = {}", quoted(item));
            }
        }
        if !matches!(s.detail, Suggested::Corroboration { .. }) {
            match s.date {
                Some(d) => {
                    let _ = writeln!(out, "date = {}", quoted(&d.to_string()));
                }
                // A figure without a date is a past state (an event without
                // one is simply undated).
                None if matches!(s.detail, Suggested::Figure { .. }) => {
                    out.push_str("undated = true\n");
                }
                None => {}
            }
            let _ = writeln!(out, "topics = {}", list(&s.topics));
        }
        if !s.unclear.is_empty() {
            let fields: Vec<String> = s.unclear.iter().map(|f| f.to_string()).collect();
            let _ = writeln!(out, "unclear = {}", list(&fields));
        }
        if let Some(page) = s.page {
            let _ = writeln!(out, "page = {page}");
        }
        let _ = writeln!(out, "quote = {}", quoted(&s.quote));
    }
    out
}

/// Suggested people, as `[[person]]` tables to append to `people.toml`.
pub fn people_toml(people: &[NewPerson], source: &str) -> String {
    let mut out = String::new();
    for p in people {
        let table = if p.institution {
            "institution"
        } else {
            "person"
        };
        let _ = write!(
            out,
            "\n# Suggested by `dossier ingest` from {source}.\n[[{table}]]\nid = {}\nsuggested = true\nname = {}\nside = {}\n",
            quoted(&p.id),
            quoted(&p.name),
            quoted(p.side.id())
        );
        if let Some(role) = p.role.as_ref().filter(|_| !p.institution) {
            let _ = write!(out, "\n[[person.role]]\ntitle = {}\n", quoted(role));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quoted("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
        assert_eq!(quoted("\u{1}"), "\"\\u0001\"");
    }
}
