//! The memo as assembled: every part a renderer prints, each string ready
//! to print and each citation numbered.

use serde::Serialize;

use crate::brief_file::PageSize;

use super::drafted::Rich;
use super::memo_form;
use super::sections::Sections;

/// The assembled memo.
#[derive(Debug, Serialize)]
pub struct Memo {
    /// The document language (`en`).
    pub lang: &'static str,
    /// The paper size.
    pub page: PageSize,
    /// The classification marking for the top and bottom of every page.
    pub classification: String,
    /// The title (also the document's title in HTML and PDF metadata).
    pub title: String,
    /// The subject (PDF metadata, and the SUBJECT line).
    pub subject: String,
    /// The author (PDF metadata): the FROM line, or "Dossier".
    pub author: String,
    /// Topic labels (PDF keywords).
    pub keywords: Vec<String>,
    /// The memo's date as `YYYY-MM-DD` (also the PDF's creation date).
    pub date_iso: String,
    /// Whether the selection matched no item at all.
    pub nothing_matched: bool,
    /// The sections the brief asks for, in memo order: each one's
    /// values under its key (`key_figures`) for the templates, null where
    /// the memo leaves it out.
    #[serde(flatten)]
    pub sections: Sections,
    /// `full` or `memo`.
    pub form: &'static str,
    /// The drafter's own text: bottom line, talking points, next steps,
    /// and who drafted and cleared the memo.
    pub drafted: Drafted,
    /// The `memo` form's pages: a few dated facts per topic.
    pub memo_part: Option<memo_form::MemoPart>,
    /// Whether the full assembly follows the memo form's pages as the
    /// annex, "Background", on a new page.
    pub annex: bool,
    /// Things the user should know that are not errors (an excluded id
    /// that is not in the dataset), for the CLI or app to show.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The items it draws on (every item it selects, on the pages or not):
    /// what its record keeps.
    #[serde(skip)]
    pub shown_items: Vec<String>,
    /// The follow-up threads of its topics open in its period, with their
    /// statuses.
    #[serde(skip)]
    pub shown_threads: Vec<(String, crate::ledger::Status)>,
}

/// The entries of a section that is a list. A section left out is not in
/// the memo (null in the templates' data); one included but empty is a
/// `Listing` with no items (templates tell the two apart: an object is
/// true even when its list is empty).
#[derive(Debug, Clone, Serialize)]
pub struct Listing<T> {
    /// The entries, in memo order.
    pub items: Vec<T>,
}

impl<T> FromIterator<T> for Listing<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Listing {
            items: iter.into_iter().collect(),
        }
    }
}

/// The drafter's own text, set apart from quoted material.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Drafted {
    /// The bottom line, first after the header.
    pub bottom_line: Option<Rich>,
    /// The points to make.
    pub talking_points: Vec<Rich>,
    /// Next steps, after the body.
    pub next_steps: Option<Rich>,
    /// The drafting officer, at the foot.
    pub drafted_by: Option<String>,
    /// The clearing offices, at the foot.
    pub cleared: Option<String>,
    /// Whether there is a foot (drafted or cleared) to print.
    pub foot: bool,
}

/// An item shown under an earlier topic, named where its quotation would
/// have repeated.
#[derive(Debug, Clone, Serialize)]
pub struct SeeAlso {
    /// The item id (its anchor is `item-<id>`).
    pub id: String,
    /// A few words naming it: a statement's speaker and date, an event's or
    /// a figure's label.
    pub text: String,
    /// The label of the topic it is shown under.
    pub topic: String,
}

/// A citation marker: the endnote number of one source.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Marker {
    /// The endnote number.
    pub number: usize,
    /// The endnote's anchor (`source-1`).
    pub anchor: String,
}

/// One row of the key figures table.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    /// The item id.
    pub id: String,
    /// What the number counts.
    pub label: String,
    /// The number as read (`more than USD 4 billion`).
    pub value: String,
    /// The date it refers to, as read (`2025`, `date not given · reported 2025`).
    pub as_of: String,
    /// Whether the text gives no date for it.
    pub undated: bool,
    /// The passage it is taken from.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
    /// Whether the memo last recorded from the brief did not show it
    /// (left out of the memo's data when not, so that a memo without a
    /// record has the data it had before).
    #[serde(skip_serializing_if = "is_false")]
    pub new: bool,
}

/// An event as the memo shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EventEntry {
    /// The item id.
    pub id: String,
    /// When, as read, never sharper than the text (`20 May 2024`, `planned
    /// for 2025`, `date not given · reported 2025`).
    pub date: String,
    /// The date for the timeline's column, whose heading says what it is:
    /// the date it happened or is planned for (`not given` when a plan has
    /// none), or for an undated event where and when it was reported
    /// (`factsheet, 2025`).
    pub column_date: String,
    /// Whether it is planned rather than done.
    pub planned: bool,
    /// Whether the text gives no date for it.
    pub undated: bool,
    /// What happened.
    pub label: String,
    /// Where, by the name in use at the time (`Nur-Sultan (now Astana)`).
    pub place: Option<String>,
    /// The verbatim passage.
    pub quote: String,
    /// The passage's portion mark (`(U)`), when the memo asks for them.
    pub portion: Option<String>,
    /// Its sources.
    pub markers: Vec<Marker>,
    /// Whether the memo last recorded from the brief did not show it
    /// (left out of the memo's data when not, so that a memo without a
    /// record has the data it had before).
    #[serde(skip_serializing_if = "is_false")]
    pub new: bool,
}

/// A numbered endnote.
#[derive(Debug, Clone, Serialize)]
pub struct Endnote {
    /// The number the markers use.
    pub number: usize,
    /// The anchor the markers link to.
    pub anchor: String,
    /// The source id.
    pub id: String,
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// When, as read.
    pub date: String,
    /// Where, if it has an address.
    pub url: Option<String>,
    /// What kind of document (`speech`, `press release`).
    pub kind: String,
}

/// For `skip_serializing_if`: a `false` flag is left out.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
