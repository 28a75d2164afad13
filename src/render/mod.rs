//! Renderers: the assembled [`crate::assemble::Brief`] as a file.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::assemble::{AssembleError, Brief, assemble};
use crate::brief_file::BriefFile;
use crate::dataset::Dataset;
use crate::date::Date;

/// The memo a brief file asks for, as every output shows it: assembled from
/// `data`, with the memo form fitted to the typeset page (the PDF's
/// measure, which HTML and Word share so that all three keep the same
/// items); `today` is the memo date when the brief gives none.
pub fn memo_for(data: &Dataset, brief: &BriefFile, today: Date) -> Result<Brief, AssembleError> {
    assemble(data, brief, today, &pdf::front_pages)
}
