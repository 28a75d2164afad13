//! The memo as a Word document (`.docx`): the [`crate::assemble::Memo`]
//! model written as WordprocessingML ([`memo`], out of the pieces in
//! [`xml`]) with the package's fixed parts ([`parts`]) — named styles a
//! desk's template can restyle, the marking in the header and footer of
//! every page, "Page N of M" fields, table header rows that repeat, citation
//! markers linked to bookmarked endnotes, and the document properties.
//!
//! Written directly with `zip` and `quick-xml`'s escaping rather than with
//! docx-rs: as of 0.4 docx-rs cannot mark a table's header row to repeat,
//! set the core properties' title, subject and keywords, or the document
//! language, and it numbers drawing and bookmark ids from process-wide
//! counters, so that two exports in one process differ. A post-pass over
//! its package would have to parse and rewrite most of the XML it wrote;
//! the few parts a memo needs are short enough to write plainly, with every
//! string escaped in one place ([`xml::text`]). Each zip entry gets a fixed
//! timestamp and permissions, so the same memo gives the same bytes.

pub mod memo;
pub mod parts;
pub mod pieces;
pub mod xml;

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::assemble::Memo;
use crate::brief_file::PageSize;

/// The memo as `.docx` bytes.
pub fn render(brief: &Memo) -> Vec<u8> {
    let body = memo::body(brief);
    let files: [(&str, String); 11] = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        ("docProps/core.xml", parts::core(brief)),
        ("docProps/app.xml", parts::app()),
        (
            "word/document.xml",
            parts::document(&body.xml, brief.page == PageSize::Letter),
        ),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/numbering.xml", parts::numbering(&body.numbered)),
        ("word/header1.xml", parts::header(&brief.classification)),
        ("word/footer1.xml", parts::footer(&brief.classification)),
    ];
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        // Writing to memory cannot fail.
        zip.start_file(name, options)
            .expect("a zip entry starts in memory");
        zip.write_all(text.as_bytes())
            .expect("a zip entry is written in memory");
    }
    zip.finish()
        .expect("a zip in memory is finished")
        .into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief_file::BriefFile;
    use crate::render::memo_for as assemble;

    fn memo() -> Memo {
        let f = crate::ledger::Followed::embedded().unwrap();
        assemble(
            &f.data,
            &f.ledger,
            &BriefFile::default(),
            "2026-11-30".parse().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn the_same_memo_gives_the_same_bytes_twice_in_one_process() {
        let m = memo();
        let (a, b) = (render(&m), render(&m));
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
    }

    #[test]
    fn every_part_is_well_formed_xml() {
        let bytes = render(&memo());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 11);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).unwrap();
            let mut reader = quick_xml::Reader::from_str(&text);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{}: {e}", f.name()),
                }
            }
        }
    }
}
