//! Sources: the numbered endnotes of the sources the memo cites.

use super::{Build, Content, Place, SectionDef};
use crate::assemble::print::Piece;
use crate::assemble::{AssembleError, Endnote, Listing};

/// The sources' entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "sources",
    title: "Sources",
    about: "numbered endnotes of the sources cited",
    key: "sources",
    template: "sources.hbs",
    place: Place::End,
    last: false,
    needs_record: false,
    build,
};

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    // Sources not yet cited (when the sections citing them are left out)
    // still get their endnote, numbered after the cited ones.
    if b.full() {
        for i in b.items {
            b.drafter.cites.mark(i);
        }
    }
    let notes: Listing<Endnote> = b.drafter.cites.endnotes(b.data).into_iter().collect();
    Ok(Box::new(notes))
}

impl Content for Listing<Endnote> {
    fn pieces(&self) -> Vec<Piece> {
        let mut out = vec![Piece::heading(SECTION.title, SECTION.id)];
        if self.items.is_empty() {
            out.push(Piece::Nothing("No sources are cited.".into()));
        }
        out.extend(self.items.iter().cloned().map(Piece::Endnote));
        out
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
