//! Key figures: the table of the selection's figures.

use super::{Build, Content, Place, SectionDef};
use crate::assemble::print::{Column, Look, Piece, Run};
use crate::assemble::{AssembleError, FigureRow, Listing};
use crate::dataset::Kind;

/// The key figures' entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "key-figures",
    title: "Key figures",
    about: "the table of figures",
    key: "key_figures",
    template: "key-figures.hbs",
    place: Place::Body,
    last: false,
    needs_record: false,
    build,
};

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    let rows: Listing<FigureRow> = b
        .items
        .iter()
        .filter(|i| i.kind() == Kind::Figure)
        .map(|i| b.ctx.figure_row(i, b.drafter.cites))
        .collect();
    Ok(Box::new(rows))
}

impl Content for Listing<FigureRow> {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(SECTION.title, SECTION.id)];
        if self.items.is_empty() {
            out.push(Piece::Nothing("No figures in this selection.".into()));
            return out;
        }
        let column = |heading: &str, share, nowrap| Column {
            heading: heading.to_string(),
            share,
            nowrap,
        };
        let rows = self
            .items
            .iter()
            .map(|f| {
                vec![
                    Run::portion(&f.portion)
                        .into_iter()
                        .chain([Run::data(Look::Plain, &f.label)])
                        .chain(f.new.then(super::topics::new_mark))
                        .collect(),
                    vec![Run::data(Look::Plain, &f.value)],
                    vec![Run::data(Look::Date, &f.as_of)],
                    vec![Run::Markers(f.markers.clone())],
                ]
            })
            .collect();
        out.push(Piece::Table {
            columns: vec![
                column("Figure", 44, false),
                column("Value", 24, true),
                column("As of", 20, true),
                column("Source", 12, true),
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
