//! By topic: one part per topic, its statements by side, then its events
//! and figures, each item quoted once.

use std::collections::HashMap;

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::build::Ctx;
use crate::assemble::citations::Citations;
use crate::assemble::drafted::Rich;
use crate::assemble::print::{Look, Piece, Run};
use crate::assemble::wording::stance_words;
use crate::assemble::{AssembleError, EventEntry, FigureRow, Listing, Marker, SeeAlso};
use crate::dataset::{Detail, Item, Kind, Parties, Speaker, Topic};

/// The topics' entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "topics",
    title: "By topic",
    about: "per topic: statements by side, then events and figures",
    key: "topics",
    template: "topics.hbs",
    place: Place::Body,
    last: false,
    needs_record: false,
    build,
};

/// One topic's section.
#[derive(Debug, Clone, Serialize)]
pub struct TopicSection {
    /// The topic id (used as the section's anchor).
    pub id: String,
    /// The topic's label.
    pub label: String,
    /// What the topic covers.
    pub description: String,
    /// Statements by side: ours, the other parties as declared, joint,
    /// others.
    pub sides: Vec<SideGroup>,
    /// The topic's events, oldest first.
    pub events: Vec<EventEntry>,
    /// The topic's figures with the passages they come from, oldest first.
    pub figures: Vec<FigureRow>,
    /// Whether the topic has no item in the selection.
    pub empty: bool,
    /// The drafter's comment heading the section.
    pub comment: Option<Rich>,
    /// Items of the topic shown under an earlier topic, named once here.
    pub see_also: Vec<SeeAlso>,
}

/// The statements of one side under a topic.
#[derive(Debug, Clone, Serialize)]
pub struct SideGroup {
    /// The side's name (`United States`).
    pub side: String,
    /// Its statements, oldest first.
    pub statements: Vec<StatementEntry>,
}

/// A statement as the memo shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementEntry {
    /// The item id.
    pub id: String,
    /// Who said it.
    pub speaker: String,
    /// Their role at the time, where the sources give one.
    pub role: Option<String>,
    /// When, as read.
    pub date: String,
    /// What the statement does (`calls for`), where one fits.
    pub stance: Option<String>,
    /// The verbatim passage.
    pub quote: String,
    /// Whether the memo last recorded from the brief did not show it.
    #[serde(skip_serializing_if = "crate::assemble::model::is_false")]
    pub new: bool,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
}

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    let mut sections = Vec::new();
    for t in b.topics {
        // The drafter comments on topics in the full memo, not in the
        // `memo` form's annex.
        let comment = if b.memo_form {
            None
        } else {
            b.drafter.rich(
                &format!("comments.{}", t.id),
                b.brief.comments.get(&t.id).map(String::as_str),
            )?
        };
        sections.push(topic_section(
            b.ctx,
            t,
            b.items,
            b.drafter.cites,
            &mut b.shown,
            comment,
        ));
    }
    Ok(Box::new(sections.into_iter().collect::<Listing<_>>()))
}

fn topic_section<'i>(
    ctx: &Ctx<'_>,
    topic: &'i Topic,
    items: &[&'i Item],
    cites: &mut Citations,
    shown: &mut HashMap<&'i str, &'i str>,
    comment: Option<Rich>,
) -> TopicSection {
    // Each item once: under the first topic it carries, named in a
    // "see also" line under the others.
    let mut see_also = Vec::new();
    let mut in_topic: Vec<&&Item> = Vec::new();
    for i in items.iter().filter(|i| i.topics.contains(&topic.id)) {
        match shown.get(i.id.as_str()) {
            Some(first) => see_also.push(SeeAlso {
                id: i.id.clone(),
                text: ctx.short_name(i),
                topic: first.to_string(),
            }),
            None => {
                shown.insert(i.id.as_str(), topic.label.as_str());
                in_topic.push(i);
            }
        }
    }
    let sides = ctx
        .data
        .parties
        .sides_in_order()
        .into_iter()
        .filter_map(|side| {
            let statements: Vec<StatementEntry> = in_topic
                .iter()
                .filter(|i| matches!(&i.detail, Detail::Statement { side: s, .. } if *s == side))
                .map(|i| statement(ctx, i, cites))
                .collect();
            (!statements.is_empty()).then(|| SideGroup {
                side: ctx.data.parties.side_name(&side).to_string(),
                statements,
            })
        })
        .collect();
    let events: Vec<EventEntry> = in_topic
        .iter()
        .filter(|i| i.kind() == Kind::Event)
        .map(|i| ctx.event(i, cites))
        .collect();
    let figures: Vec<FigureRow> = in_topic
        .iter()
        .filter(|i| i.kind() == Kind::Figure)
        .map(|i| ctx.figure_row(i, cites))
        .collect();
    TopicSection {
        id: topic.id.clone(),
        label: topic.label.clone(),
        description: topic.description.clone(),
        empty: in_topic.is_empty() && see_also.is_empty(),
        sides,
        events,
        figures,
        comment,
        see_also,
    }
}

fn statement(ctx: &Ctx<'_>, item: &Item, cites: &mut Citations) -> StatementEntry {
    let Detail::Statement {
        speaker, stance, ..
    } = &item.detail
    else {
        unreachable!("only statements are passed here")
    };
    let role = match ctx.data.speaker(speaker) {
        Some(Speaker::Person(p)) => p.role_on(&item.when()).map(|r| r.title.clone()),
        _ => None,
    };
    StatementEntry {
        id: item.id.clone(),
        speaker: ctx.speaker_name(speaker),
        role,
        date: item.date_words(),
        stance: stance.map(|s| stance_words(s).to_string()),
        quote: item.quote().to_string(),
        new: ctx.is_new(item),
        portion: ctx.portion(item),
        markers: cites.mark(item),
    }
}

impl Content for Listing<TopicSection> {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(SECTION.title, SECTION.id)];
        for t in &self.items {
            out.push(Piece::subsection(&t.label, format!("topic-{}", t.id)));
            if let Some(c) = &t.comment {
                out.push(Piece::Comment(c.clone()));
            }
            if t.empty {
                out.push(Piece::Nothing(
                    "Nothing on this topic in this selection.".into(),
                ));
            }
            for group in &t.sides {
                out.push(Piece::Subheading(group.side.clone()));
                out.extend(group.statements.iter().map(statement_piece));
            }
            if !t.events.is_empty() {
                out.push(Piece::Subheading("Events".into()));
                for e in &t.events {
                    let mut lead = vec![
                        Run::wording(Look::Muted, format!("{} — ", e.date)),
                        Run::data(Look::Strong, &e.label),
                    ];
                    if let Some(place) = &e.place {
                        lead.push(Run::wording(Look::Muted, format!(", {place}")));
                    }
                    if e.new {
                        lead.push(new_mark());
                    }
                    out.push(quotation(lead, &e.quote, &e.portion, &e.markers));
                }
            }
            if !t.figures.is_empty() {
                out.push(Piece::Subheading("Figures".into()));
                for f in &t.figures {
                    let mut lead = vec![
                        Run::wording(Look::Muted, format!("{} — ", f.as_of)),
                        Run::data(Look::Strong, &f.value),
                        Run::wording(Look::Muted, format!(": {}", f.label)),
                    ];
                    if f.new {
                        lead.push(new_mark());
                    }
                    out.push(quotation(lead, &f.quote, &f.portion, &f.markers));
                }
            }
            if !t.see_also.is_empty() {
                out.push(Piece::SeeAlso(t.see_also.clone()));
            }
        }
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A statement under the line that names its speaker, role, date and stance.
fn statement_piece(s: &StatementEntry) -> Piece {
    let mut lead = vec![Run::data(Look::Strong, &s.speaker)];
    if let Some(role) = &s.role {
        lead.push(Run::wording(Look::Muted, ", ".into()));
        lead.push(Run::data(Look::Muted, role));
    }
    let mut meta = format!(" · {}", s.date);
    if let Some(stance) = &s.stance {
        meta.push_str(&format!(" · {stance}"));
    }
    lead.push(Run::wording(Look::Muted, meta));
    if s.new {
        lead.push(new_mark());
    }
    quotation(lead, &s.quote, &s.portion, &s.markers)
}

/// The small mark after an item the memo last recorded from the brief did
/// not show.
pub(in crate::assemble) fn new_mark() -> Run {
    Run::wording(Look::Strong, " · new".into())
}

fn quotation(lead: Vec<Run>, quote: &str, portion: &Option<String>, markers: &[Marker]) -> Piece {
    Piece::Quotation {
        lead,
        quote: quote.to_string(),
        portion: portion.clone(),
        markers: markers.to_vec(),
    }
}
