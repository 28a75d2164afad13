//! Renderers: the assembled [`crate::assemble::Memo`] as a file.

pub mod docx;
pub mod html;
pub mod pdf;

use std::path::Path;

use serde::Deserialize;

use crate::assemble::{AssembleError, Memo, assemble};
use crate::brief_file::BriefFile;
use crate::dataset::Dataset;
use crate::date::Date;

/// The memo a brief file asks for, as every output shows it: assembled from
/// `data`, with the memo form fitted to the typeset page (the PDF's
/// measure, which HTML and Word share so that all three keep the same
/// items); `today` is the memo date when the brief gives none.
pub fn memo_for(
    data: &Dataset,
    ledger: &crate::ledger::Ledger,
    brief: &BriefFile,
    today: Date,
) -> Result<Memo, AssembleError> {
    assemble(data, ledger, brief, today, &pdf::front_pages)
}

/// The file formats a memo is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Self-contained HTML.
    Html,
    /// Typeset, tagged PDF.
    Pdf,
    /// A Word document, for clearance and editing.
    Docx,
}

impl Format {
    /// Every format with its name (as `--format` and the app give it).
    pub const ALL: [(&'static str, Format); 3] = [
        ("html", Format::Html),
        ("pdf", Format::Pdf),
        ("docx", Format::Docx),
    ];

    /// The format a file name's extension says (`.pdf`, `.docx`, any case);
    /// HTML for any other.
    pub fn of_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pdf") => Format::Pdf,
            Some("docx") => Format::Docx,
            _ => Format::Html,
        }
    }
}

/// The memo as the bytes of a file in `format`. HTML is made by `html`
/// (the caller's templates, asked for only then); PDF and Word need none.
pub fn render<E: From<html::HtmlError>>(
    memo: &Memo,
    format: Format,
    html: impl FnOnce(&Memo) -> Result<String, E>,
) -> Result<Vec<u8>, E> {
    Ok(match format {
        Format::Html => html(memo)?.into_bytes(),
        Format::Pdf => pdf::render(memo),
        Format::Docx => docx::render(memo),
    })
}
