//! The timeline: every selected event, those that happened oldest first,
//! then the planned and the undated ones apart.

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::print::{Column, Look, Piece, Run};
use crate::assemble::{AssembleError, EventEntry};
use crate::dataset::Kind;

/// The timeline's entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "timeline",
    title: "Timeline",
    about: "all events, oldest first",
    key: "timeline",
    template: "timeline.hbs",
    place: Place::Body,
    last: false,
    needs_record: false,
    build,
};

/// The timeline: what happened, on the dates the texts give, kept apart
/// from what is only planned and from what the texts do not date, so that
/// nothing is shown under a year its source does not give.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Dated events that took place, oldest first.
    pub happened: Vec<EventEntry>,
    /// Planned events, by the date they are planned for.
    pub planned: Vec<EventEntry>,
    /// Events whose date the text does not give, by the date they were reported.
    pub undated: Vec<EventEntry>,
    /// Whether there is no event at all.
    pub empty: bool,
}

/// The timeline's three parts, each in the dataset's order (by date).
fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    let mut timeline = Timeline {
        happened: Vec::new(),
        planned: Vec::new(),
        undated: Vec::new(),
        empty: true,
    };
    for item in b.items.iter().filter(|i| i.kind() == Kind::Event) {
        let entry = b.ctx.event(item, b.drafter.cites);
        timeline.empty = false;
        if entry.planned {
            timeline.planned.push(entry);
        } else if entry.undated {
            timeline.undated.push(entry);
        } else {
            timeline.happened.push(entry);
        }
    }
    Ok(Box::new(timeline))
}

impl Content for Timeline {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(SECTION.title, SECTION.id)];
        if self.empty {
            out.push(Piece::Nothing("No events in this selection.".into()));
        }
        if !self.happened.is_empty() {
            out.push(event_table("Date", &self.happened));
        }
        if !self.planned.is_empty() {
            out.push(Piece::subsection("Planned", "timeline-planned".into()));
            out.push(event_table("Planned for", &self.planned));
        }
        if !self.undated.is_empty() {
            out.push(Piece::subsection(
                "Date not given",
                "timeline-undated".into(),
            ));
            out.push(Piece::Note(
                "The sources report these without saying when they happened; each is listed with the document and date that report it.".into(),
            ));
            out.push(event_table("Reported in", &self.undated));
        }
        out.push(Piece::Spacer);
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A table of events: the date column (headed `date_heading`), the event
/// with its place, the sources.
fn event_table(date_heading: &str, events: &[EventEntry]) -> Piece {
    let rows = events
        .iter()
        .map(|e| {
            let what = match &e.place {
                Some(p) => format!("{}, {p}", e.label),
                None => e.label.clone(),
            };
            vec![
                vec![Run::data(Look::Plain, &e.column_date)],
                Run::portion(&e.portion)
                    .into_iter()
                    .chain([Run::data(Look::Plain, &what)])
                    .chain(e.new.then(super::topics::new_mark))
                    .collect(),
                vec![Run::Markers(e.markers.clone())],
            ]
        })
        .collect();
    let column = |heading: &str, share, nowrap| Column {
        heading: heading.to_string(),
        share,
        nowrap,
    };
    Piece::Table {
        columns: vec![
            column(date_heading, 24, true),
            column("Event", 64, false),
            column("Source", 12, true),
        ],
        rows,
    }
}
