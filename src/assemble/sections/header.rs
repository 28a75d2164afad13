//! The header: the TO / FROM / DATE / SUBJECT block under the title.

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::AssembleError;
use crate::assemble::print::Piece;

/// The header's entry in the registry.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "header",
    title: "Header",
    about: "the TO / FROM / DATE / SUBJECT block under the title",
    key: "header",
    template: "header.hbs",
    place: Place::Masthead,
    last: false,
    needs_record: false,
    build,
};

/// The memo's heading block.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// TO.
    pub to: String,
    /// FROM.
    pub from: String,
    /// DATE, as a reader expects it (`25 November 2026`).
    pub date: String,
    /// The date as `YYYY-MM-DD`.
    pub date_iso: String,
    /// SUBJECT.
    pub subject: String,
}

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    let memo = &b.brief.memo;
    let date = memo.date.unwrap_or(b.today);
    Ok(Box::new(Header {
        to: memo.to.clone(),
        from: memo.from.clone(),
        date: date.human(),
        date_iso: date.to_string(),
        subject: b.subject.to_string(),
    }))
}

impl Content for Header {
    fn pieces(&self) -> Vec<Piece> {
        vec![Piece::Fields(vec![
            ("TO", self.to.clone()),
            ("FROM", self.from.clone()),
            ("DATE", self.date.clone()),
            ("SUBJECT", self.subject.clone()),
        ])]
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
