//! Follow-up on asks and commitments: the threads of the memo's topics
//! that were open during its period, each with who asked or promised what
//! and when, where it stands by the period's end and who reports that, and
//! the items that show it. Items are cited by their markers and short
//! names, never quoted again, so each is still quoted once in the memo.

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::print::{Column, Look, Piece, Run};
use crate::assemble::{AssembleError, Marker};
use crate::brief_file::BriefFile;
use crate::dataset::{Dataset, Item, Parties, Topic};
use crate::date::DateRange;
use crate::ledger::{Filter, Ledger, Status, Thread, Update, according_to, keeping, opened_words};

/// The section's entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "follow-up",
    title: "Follow-up on asks and commitments",
    about: "what was asked and promised, and what followed",
    key: "follow_up",
    template: "follow-up.hbs",
    place: Place::Body,
    last: false,
    needs_record: false,
    build,
};

/// The threads a memo follows, each with the updates it shows.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// One row a thread, in ledger order.
    pub rows: Vec<FollowUpRow>,
}

/// One thread as the memo shows it.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpRow {
    /// Thread id (the row's anchor: `thread-…`).
    pub id: String,
    /// Its label.
    pub label: String,
    /// Who asked or promised, and when: "Uzra Zeya (United States), 11
    /// April 2022" ("planned for 2025, reported May 2024").
    pub opened: String,
    /// The party that owes action, by name.
    pub owed_by: String,
    /// The opening item's sources.
    pub markers: Vec<Marker>,
    /// Where it stands by the period's end: "Partly done".
    pub status: String,
    /// Whether that status closes it (done, declined, reversed).
    pub closed: bool,
    /// The status's date and who reports it: "2024, according to …";
    /// "since 11 April 2022" when nothing is reported.
    pub status_note: String,
    /// The updates, oldest first.
    pub updates: Vec<UpdateLine>,
}

/// One update, as a line of the "What followed" column.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateLine {
    /// Its date, as read (`2024`, `reported 2025`).
    pub date: String,
    /// What it shows.
    pub status: String,
    /// Its evidence, each by a few words (a label and date, or a speaker
    /// and date), joined.
    pub evidence: String,
    /// The evidence's sources.
    pub markers: Vec<Marker>,
    /// The drafter's note on it, if any.
    pub note: Option<String>,
}

/// A thread the memo follows, with the updates it shows: those known by
/// the period's end whose evidence the brief does not exclude.
pub(in crate::assemble) struct FollowedThread<'d> {
    pub thread: &'d Thread,
    pub opening: &'d Item,
    /// The updates known by the period's end, each with only the evidence
    /// the brief does not exclude (its date and sources taken from that).
    pub updates: Vec<Update>,
    /// How many updates the brief's exclusions leave out whole.
    pub left_out: usize,
    pub pinned: bool,
}

impl FollowedThread<'_> {
    /// Its status and the update that gives it, if any.
    pub fn status(&self) -> (Status, Option<&Update>) {
        match self.updates.last() {
            Some(u) => (u.status, Some(u)),
            None => (Status::NoInformation, None),
        }
    }
}

/// The threads of `topics` open during the brief's period, in ledger order,
/// leaving out any whose opening item the brief excludes.
pub(in crate::assemble) fn followed<'d>(
    data: &'d Dataset,
    ledger: &'d Ledger,
    brief: &BriefFile,
    topics: &[&Topic],
) -> Vec<FollowedThread<'d>> {
    let sel = &brief.selection;
    let Ok(range) = DateRange::new(sel.from, sel.to) else {
        return Vec::new();
    };
    let filter = Filter {
        topics: Some(topics.iter().map(|t| t.id.clone()).collect()),
        range,
        status: None,
    };
    let excluded = |id: &str| sel.exclude.iter().any(|e| e == id);
    let item = |id: &str| data.items.iter().find(|i| i.id == id);
    ledger
        .threads
        .iter()
        .filter(|t| !excluded(&t.opened_by))
        .filter_map(|t| {
            let known = t.updates_by(filter.as_known_by());
            let updates: Vec<Update> = known
                .iter()
                .filter_map(|u| keeping(data, u, |e| !excluded(e)))
                .collect();
            // Judged on the updates the memo shows: an excluded one does
            // not close a thread.
            let shown = Thread {
                updates: updates.clone(),
                ..t.clone()
            };
            filter.admits(&shown).then_some(())?;
            Some(FollowedThread {
                thread: t,
                opening: item(&t.opened_by)?,
                left_out: known.len() - updates.len(),
                updates,
                pinned: sel.pin.iter().any(|p| *p == t.id || *p == t.opened_by),
            })
        })
        .collect()
}

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    let mut rows = Vec::new();
    for f in followed(b.data, b.ledger, b.brief, b.topics) {
        let (status, last) = f.status();
        let markers = b.drafter.cite(f.opening);
        let mut updates = Vec::new();
        for u in &f.updates {
            let items: Vec<&Item> = u
                .evidence
                .iter()
                .filter_map(|e| b.data.items.iter().find(|i| i.id == *e))
                .collect();
            let mut markers: Vec<Marker> = items.iter().flat_map(|i| b.drafter.cite(i)).collect();
            markers.sort_by_key(|m| m.number);
            markers.dedup_by_key(|m| m.number);
            updates.push(UpdateLine {
                date: u.date_words(),
                status: u.status.words().to_string(),
                evidence: named(&items, |i| b.ctx.short_name(i), &b.shown),
                markers,
                note: u.note.clone(),
            });
        }
        rows.push(FollowUpRow {
            id: f.thread.id.clone(),
            label: f.thread.label.clone(),
            opened: opened_words(b.data, f.opening),
            owed_by: b.data.parties.side_name(&f.thread.owed_by).to_string(),
            markers,
            status: capitalised(status.words()),
            closed: status.is_final(),
            status_note: match last {
                Some(u) => format!(
                    "{}, {}",
                    u.date_words(),
                    according_to(b.data, &u.reported_by)
                ),
                None if f.left_out > 0 => format!(
                    "this memo leaves out the evidence of {} since {}",
                    if f.left_out == 1 {
                        "the update".to_string()
                    } else {
                        format!("{} updates", f.left_out)
                    },
                    f.thread.opened.human()
                ),
                None => format!("since {}", f.thread.opened.human()),
            },
            updates,
        });
    }
    Ok(Box::new(FollowUp { rows }))
}

impl Content for FollowUp {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(SECTION.title, SECTION.id)];
        if self.rows.is_empty() {
            out.push(Piece::Nothing(
                "No ask or commitment on these topics is followed in this period.".into(),
            ));
            return out;
        }
        let column = |heading: &str, share| Column {
            heading: heading.to_string(),
            share,
            nowrap: false,
        };
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let ask = vec![
                    Run::data(Look::Strong, &r.label),
                    Run::wording(
                        Look::Muted,
                        format!(" — {}; owed by {} ", r.opened, r.owed_by),
                    ),
                    Run::Markers(r.markers.clone()),
                ];
                let status = vec![
                    Run::wording(Look::Strong, r.status.clone()),
                    Run::wording(Look::Muted, format!(" — {}", r.status_note)),
                ];
                let mut followed = Vec::new();
                if r.updates.is_empty() {
                    followed.push(Run::wording(Look::Muted, "Nothing reported.".into()));
                }
                for (n, u) in r.updates.iter().enumerate() {
                    if n > 0 {
                        followed.push(Run::wording(Look::Plain, " · ".into()));
                    }
                    followed.push(Run::wording(
                        Look::Date,
                        format!("{}, {}:", u.date, u.status),
                    ));
                    followed.push(Run::wording(Look::Plain, " ".into()));
                    followed.push(Run::data(Look::Plain, &u.evidence));
                    followed.push(Run::wording(Look::Plain, " ".into()));
                    followed.push(Run::Markers(u.markers.clone()));
                    if let Some(note) = &u.note {
                        followed.push(Run::wording(Look::Em, format!(" (drafter's note: {note})")));
                    }
                }
                vec![ask, status, followed]
            })
            .collect();
        out.push(Piece::Table {
            columns: vec![
                column("Ask or commitment", 36),
                column("Status", 24),
                column("What followed", 40),
            ],
            rows,
        });
        out.push(Piece::Spacer);
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Evidence items by a few words each, those of one name together ("Ministry
/// of Foreign Affairs, 2025: 3 statements, quoted under Torture"), so that a
/// reader can find each where the memo quotes it.
fn named(
    items: &[&Item],
    name: impl Fn(&Item) -> String,
    shown: &std::collections::HashMap<&str, &str>,
) -> String {
    let mut groups: Vec<(String, Vec<&Item>)> = Vec::new();
    for i in items {
        let n = name(i);
        match groups.iter_mut().find(|(g, _)| *g == n) {
            Some((_, list)) => list.push(i),
            None => groups.push((n, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(n, list)| {
            let mut wheres: Vec<&str> = list
                .iter()
                .filter_map(|i| shown.get(i.id.as_str()).copied())
                .collect();
            wheres.dedup();
            let count = match list.len() {
                1 => String::new(),
                k => format!(": {k} {}s", list[0].kind()),
            };
            let place = if wheres.is_empty() {
                String::new()
            } else {
                format!(", quoted under {}", crate::text::and_list(&wheres))
            };
            format!("{n}{count}{place}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "partly done" → "Partly done".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
