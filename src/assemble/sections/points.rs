//! Points to raise: the calls and concerns of the selection.

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::build::Ctx;
use crate::assemble::citations::Citations;
use crate::assemble::print::{Look, Piece, Run};
use crate::assemble::{AssembleError, Listing, Marker};
use crate::dataset::{Detail, Item, Parties, Stance};

/// The points' entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "points",
    title: "Points to raise",
    about: "calls and concerns raised in the period",
    key: "points",
    template: "points.hbs",
    place: Place::Body,
    last: false,
    needs_record: false,
    build,
};

/// A call or concern to raise.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The item id.
    pub id: String,
    /// Who raised it.
    pub speaker: String,
    /// For which side (`United States`).
    pub side: String,
    /// When, as read.
    pub date: String,
    /// `called for` or `raised concern`.
    pub stance: String,
    /// The verbatim passage.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
    /// The topic under which its quotation is printed, if it is (the point
    /// then refers to it instead of quoting it again).
    pub shown_under: Option<String>,
}

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    // A call or concern quoted in a topic section is pointed to there, not
    // quoted twice.
    let points: Listing<Point> = b
        .items
        .iter()
        .filter_map(|i| {
            let mut p = point(b.ctx, i, b.drafter.cites)?;
            p.shown_under = b.shown.get(i.id.as_str()).map(|t| t.to_string());
            Some(p)
        })
        .collect();
    Ok(Box::new(points))
}

/// A call or concern to raise, if the item is one.
fn point(ctx: &Ctx<'_>, i: &Item, cites: &mut Citations) -> Option<Point> {
    match &i.detail {
        Detail::Statement {
            speaker,
            side,
            stance: Some(stance @ (Stance::CallsFor | Stance::Concern)),
        } => Some(Point {
            id: i.id.clone(),
            speaker: ctx.speaker_name(speaker),
            side: ctx.data.parties.side_name(side).to_string(),
            date: i.date_words(),
            stance: if *stance == Stance::CallsFor {
                "called for"
            } else {
                "raised concern"
            }
            .to_string(),
            quote: i.quote().to_string(),
            portion: ctx.portion(i),
            markers: cites.mark(i),
            shown_under: None,
        }),
        _ => None,
    }
}

impl Content for Listing<Point> {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(SECTION.title, SECTION.id)];
        if self.items.is_empty() {
            out.push(Piece::Nothing(
                "No calls or concerns were raised in this selection.".into(),
            ));
        }
        for p in &self.items {
            let mut runs = vec![
                Run::data(Look::Strong, &p.speaker),
                Run::wording(Look::Muted, format!(" ({}, {}) ", p.side, p.date)),
            ];
            match &p.shown_under {
                Some(topic) => {
                    runs.push(Run::wording(
                        Look::Plain,
                        format!("{} — quoted under ", p.stance),
                    ));
                    runs.push(Run::data(Look::Em, topic));
                }
                None => {
                    runs.push(Run::wording(Look::Plain, format!("{}: ", p.stance)));
                    runs.extend(Run::portion(&p.portion));
                    runs.push(Run::data(Look::Quoted, &p.quote));
                }
            }
            runs.push(Run::Markers(p.markers.clone()));
            out.push(Piece::Entry(runs));
        }
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
