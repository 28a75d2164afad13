//! The memo as a typeset PDF: the [`crate::assemble::Memo`] model turned
//! into blocks ([`memo`]), laid out on pages ([`layout`]) and written
//! ([`writer`]: page content by [`content`], fonts subset by [`subset`] and
//! embedded by [`embed`], the file by lopdf) — classification marking
//! and "Page N of M" on every page, an outline, links from citation markers
//! to their endnotes, and the same bytes for the same inputs. The file is a
//! tagged PDF/UA-1 document: a structure tree in reading order ([`tags`]),
//! page furniture as artifacts, the language, and XMP metadata ([`xmp`]).

pub mod content;
pub mod drafter;
pub mod embed;
pub mod file;
pub mod fonts;
pub mod layout;
pub mod memo;
pub mod pieces;
pub mod subset;
pub mod tags;
pub mod writer;
mod xmp;

use crate::assemble::Memo;

/// How many pages the memo's front (the `memo` form's pages, before the
/// annex) fills when typeset: `1.6` is one page and most of a second. This
/// is the measure that decides what the `memo` form keeps.
pub fn front_pages(brief: &Memo) -> f32 {
    let spec = memo::page_spec(brief.page);
    layout::paginate(fonts::Fonts::get(), &spec, &memo::front(brief)).pages_filled()
}

/// The memo as PDF bytes; `date` (the memo date, `YYYY-MM-DD`) stands in
/// for the document's creation date, so that output is reproducible.
pub fn render(brief: &Memo) -> Vec<u8> {
    let fonts = fonts::Fonts::get();
    let (spec, blocks) = memo::blocks(brief);
    let doc = layout::paginate(fonts, &spec, &blocks);
    writer::write(brief, &spec, (doc, &blocks), fonts)
}
