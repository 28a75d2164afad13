//! The memo's sections as the page formats (PDF, Word) draw them: headings,
//! paragraphs, tables, quotations, list entries and endnotes, in words that
//! name no format. Each section says here what it shows; the PDF and Word
//! writers each draw these pieces one way, so a section is written once
//! for both. HTML has its own route, the section's template.

use super::drafted::Rich;
use super::{Endnote, Marker, SeeAlso};

/// One piece of a section, in reading order.
#[derive(Debug, Clone)]
pub enum Piece {
    /// A section's heading (`level` 0) or a heading within it (`level` 1: a
    /// topic, "Planned"), with the anchor that links and the outline use.
    Heading {
        /// The words.
        text: String,
        /// 0 for the section, 1 within it.
        level: u8,
        /// The anchor (`timeline`, `topic-torture`).
        anchor: String,
    },
    /// A small heading within a topic: a side, "Events", "Figures".
    Subheading(String),
    /// A paragraph of body text.
    Paragraph(Vec<Run>),
    /// What a section says when it has nothing to show.
    Nothing(String),
    /// A line that explains what follows.
    Note(String),
    /// Labelled lines, each label then its value (the TO / FROM block).
    Fields(Vec<(&'static str, String)>),
    /// A table with a heading row.
    Table {
        /// The columns, left to right.
        columns: Vec<Column>,
        /// The rows, each a cell per column, each cell its runs.
        rows: Vec<Vec<Vec<Run>>>,
    },
    /// A quoted passage under the line that says whose it is.
    Quotation {
        /// Who, when, what (the attribution line).
        lead: Vec<Run>,
        /// The verbatim passage, without quotation marks.
        quote: String,
        /// The passage's portion mark, when the memo has them.
        portion: Option<String>,
        /// Its sources.
        markers: Vec<Marker>,
    },
    /// An entry of a bulleted list.
    Entry(Vec<Run>),
    /// A numbered source.
    Endnote(Endnote),
    /// The drafter's comment heading a topic.
    Comment(Rich),
    /// Items of a topic shown under an earlier one, named once.
    SeeAlso(Vec<SeeAlso>),
    /// The end of a run of tables, which must not run into what follows
    /// (Word marks it with an empty line; the PDF spaces tables itself).
    Spacer,
}

/// A table column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its heading.
    pub heading: String,
    /// Its share of the text width, against the other columns' shares.
    pub share: u32,
    /// Whether its cells keep to one line where they can (dates, values).
    pub nowrap: bool,
}

/// A stretch of text and how it reads, or a mark set in the text.
#[derive(Debug, Clone)]
pub enum Run {
    /// Text.
    Text {
        /// The words.
        text: String,
        /// How they look.
        look: Look,
        /// Whether the text is the memo's own wording, whose spaces are
        /// kept as written (`" (United States, 2024) "`), rather than a
        /// value from the data, whose white space is tidied.
        wording: bool,
    },
    /// A portion mark before a passage (`(U)`).
    Portion(String),
    /// Citation markers, each a link to its endnote.
    Markers(Vec<Marker>),
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Body text.
    Plain,
    /// Bold: a name, a label, a value.
    Strong,
    /// Italic: a title referred to.
    Em,
    /// Set back: dates, places, roles around what stands out.
    Muted,
    /// A quotation, with its marks, as running text.
    Quoted,
    /// A date in a table, kept on one line except at its ` · `.
    Date,
}

impl Run {
    /// A value from the data (a name, a label): its white space tidied.
    pub fn data(look: Look, text: &str) -> Run {
        Run::Text {
            text: text.to_string(),
            look,
            wording: false,
        }
    }

    /// The memo's own wording around values, its spaces kept.
    pub fn wording(look: Look, text: String) -> Run {
        Run::Text {
            text,
            look,
            wording: true,
        }
    }

    /// The portion mark of a passage, if it has one (an empty list if not).
    pub fn portion(portion: &Option<String>) -> Option<Run> {
        portion.as_ref().map(|p| Run::Portion(p.clone()))
    }
}

impl Piece {
    /// A section's heading.
    pub fn heading(text: &str, anchor: &str) -> Piece {
        Piece::Heading {
            text: text.to_string(),
            level: 0,
            anchor: anchor.to_string(),
        }
    }

    /// A heading within a section.
    pub fn subsection(text: &str, anchor: String) -> Piece {
        Piece::Heading {
            text: text.to_string(),
            level: 1,
            anchor,
        }
    }
}
