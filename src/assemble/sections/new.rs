//! New since the last brief: what the memo shows that the memo last
//! recorded from its brief did not (`crate::shown`), oldest first, each
//! item named with its source and said to be new because it was added to
//! the dataset since or because it is dated since; the follow-up threads
//! whose status changed; and, in one line, how many items left. Only a
//! brief with a record has it. Items are named, not quoted: each is quoted
//! where its topic shows it.

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::print::{Look, Piece, Run};
use crate::assemble::{AssembleError, Marker};

/// The section's entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "new",
    title: "New since the last brief",
    about: "what is new since the brief was last recorded (with a record only)",
    key: "new",
    template: "new.hbs",
    place: Place::Front,
    last: false,
    needs_record: true,
    build,
};

/// What is new since the last brief.
#[derive(Debug, Clone, Serialize)]
pub struct NewSince {
    /// Its heading: "New since 2 June 2025".
    pub title: String,
    /// The items the last memo did not show, oldest first.
    pub items: Vec<NewItem>,
    /// The threads whose status changed: "label: under way → partly done".
    pub threads: Vec<String>,
    /// One line on the items that left, if any.
    pub gone: Option<String>,
}

/// An item new since the last brief.
#[derive(Debug, Clone, Serialize)]
pub struct NewItem {
    /// The item id.
    pub id: String,
    /// A few words naming it (a label and date, a speaker and date).
    pub name: String,
    /// Why it is new: "added to the dataset on 3 March 2026" or "dated
    /// 3 March 2026".
    pub why: String,
    /// Where the memo quotes it, if it does ("Human trafficking").
    pub shown_under: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
}

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    let since = b.since.expect("drawn only with a record");
    let on = since.since;
    let mut items = Vec::new();
    for id in &since.new {
        let Some(item) = b.data.items.iter().find(|i| i.id == *id) else {
            continue;
        };
        // Added since the record, or already there but not shown: the
        // dataset says which when it notes the day an item was accepted.
        let why = match item.accepted {
            Some(day) if day.first_day() > on.last_day() => {
                format!("added to the dataset on {}", day.human())
            }
            _ => format!("dated {}", item.date_words()),
        };
        let shown_under = b
            .topics
            .iter()
            .find(|t| item.topics.contains(&t.id))
            .map(|t| t.label.clone());
        items.push(NewItem {
            id: item.id.clone(),
            name: b.data.item_name(item),
            why,
            shown_under,
            markers: b.drafter.cite(item),
        });
    }
    let threads = since
        .threads
        .iter()
        .filter_map(|c| {
            let t = b.ledger.thread(&c.id)?;
            Some(match c.then {
                Some(then) => format!("{}: {} → {}", t.label, then.words(), c.now.words()),
                None => format!(
                    "{}: {} (not followed in the last brief)",
                    t.label,
                    c.now.words()
                ),
            })
        })
        .collect();
    let gone = match since.gone.len() {
        0 => None,
        1 => Some("1 item the last brief showed is not in this one: removed from the dataset, or now outside its selection.".into()),
        n => Some(format!("{n} items the last brief showed are not in this one: removed from the dataset, or now outside its selection.")),
    };
    Ok(Box::new(NewSince {
        title: format!("New since {}", on.human()),
        items,
        threads,
        gone,
    }))
}

impl Content for NewSince {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(&self.title, SECTION.id)];
        if self.items.is_empty() && self.threads.is_empty() {
            out.push(Piece::Nothing(
                "Nothing new in this selection since the last brief.".into(),
            ));
        }
        for i in &self.items {
            let mut runs = vec![
                Run::data(Look::Strong, &i.name),
                Run::wording(Look::Plain, " ".into()),
                Run::Markers(i.markers.clone()),
                Run::wording(Look::Muted, format!(" — {}", i.why)),
            ];
            if let Some(t) = &i.shown_under {
                runs.push(Run::wording(Look::Muted, format!("; under {t}")));
            }
            out.push(Piece::Entry(runs));
        }
        for t in &self.threads {
            out.push(Piece::Entry(vec![Run::data(Look::Plain, t)]));
        }
        if let Some(g) = &self.gone {
            out.push(Piece::Note(g.clone()));
        }
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
