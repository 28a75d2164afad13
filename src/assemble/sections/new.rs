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
    /// On the two pages, how many more new items the annex marks.
    pub more: Option<String>,
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
    let by_id: std::collections::HashMap<&str, &crate::dataset::Item> =
        b.items.iter().map(|i| (i.id.as_str(), *i)).collect();
    // On the two pages, a few lines; the annex marks every new item.
    let room = if b.memo_form {
        MAX_ON_PAGES
    } else {
        usize::MAX
    };
    for id in since.new.iter().take(room) {
        let Some(item) = by_id.get(id.as_str()).copied() else {
            continue;
        };
        let why = since.why_new(item);
        // Where the full assembly quotes it (the two pages alone do not).
        let shown_under = b
            .topics
            .iter()
            .find(|t| item.topics.contains(&t.id))
            .filter(|_| b.full())
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
    let more = since.new.len().saturating_sub(room);
    let more = (more > 0).then(|| {
        format!(
            "and {more} more new item{}: {} marks each “new”.",
            if more == 1 { "" } else { "s" },
            if b.brief.memo.annex {
                "the Background"
            } else {
                "the full memo (form = \"full\")"
            }
        )
    });
    let gone = match since.gone.len() {
        0 => None,
        1 => Some("1 item the last brief showed is not in this one: removed from the dataset, or now outside its selection.".into()),
        n => Some(format!("{n} items the last brief showed are not in this one: removed from the dataset, or now outside its selection.")),
    };
    Ok(Box::new(NewSince {
        title: format!("New since {}", on.human()),
        items,
        threads,
        more,
        gone,
    }))
}

/// On the two-page memo's front, at most this many new items are named.
const MAX_ON_PAGES: usize = 5;

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
        if let Some(m) = &self.more {
            out.push(Piece::Note(m.clone()));
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
