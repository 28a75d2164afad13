//! The memo as a typeset PDF: the [`crate::assemble::Memo`] model turned
//! into blocks ([`memo`], with the sections' [`pieces`]), laid out on pages
//! ([`layout`]) and written ([`writer`]: printpdf makes the document from
//! each page's operations ([`content`]) and the fonts subset by
//! [`subset`]; a post-pass adds the structure tree ([`tags`]), links,
//! outline and XMP metadata ([`xmp`]), and [`file`] saves it) —
//! classification marking and "Page N of M" on every page, an outline,
//! links from citation markers to their endnotes, and the same bytes for
//! the same inputs, in one process too. The file is a tagged PDF/UA-1
//! document: a structure tree in reading order, page furniture as
//! artifacts, the language, and XMP metadata.

pub mod content;
pub mod drafter;
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

#[cfg(test)]
mod tests {
    use crate::brief_file::BriefFile;

    #[test]
    fn the_same_memo_written_twice_in_one_process_is_the_same_bytes() {
        let f = crate::ledger::Followed::embedded().unwrap();
        let (data, ledger) = (&f.data, &f.ledger);
        let mut brief = BriefFile::default();
        brief.selection.topics = Some(vec!["torture".into(), "trafficking".into()]);
        let memo =
            crate::render::memo_for(data, ledger, &brief, "2025-06-30".parse().unwrap()).unwrap();
        let first = super::render(&memo);
        // Another document in between, as an app exporting memos does.
        brief.selection.topics = Some(vec!["dialogue".into()]);
        let other =
            crate::render::memo_for(data, ledger, &brief, "2025-06-30".parse().unwrap()).unwrap();
        assert_ne!(super::render(&other), first);
        assert!(super::render(&memo) == first, "the second export differs");
    }
}
