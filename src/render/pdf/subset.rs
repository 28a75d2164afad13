//! Each face cut down to the characters one document draws, before it is
//! embedded. Hand-written over allsorts (the font library printpdf itself
//! uses) because printpdf subsets only with its `text_layout` feature, which
//! brings a whole layout engine and CSS parser the memo does not use: about
//! a megabyte of both programs.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

use super::fonts::LoadedFace;
use super::layout::{Document, Draw};

/// How many faces there are ([`super::layout::Face`]).
const FACES: usize = 5;

/// The characters drawn in each face, in [`Face`] order.
pub fn characters_by_face(doc: &Document) -> Vec<BTreeSet<char>> {
    let mut used = vec![BTreeSet::new(); FACES];
    for page in &doc.pages {
        for draw in &page.draws {
            if let Draw::Text(line) = draw {
                for run in &line.runs {
                    used[run.style.face as usize].extend(run.text.chars());
                }
            }
        }
    }
    used
}

/// `face` holding only `chars` (and the glyphs their outlines are built
/// from), with a Unicode cmap so that text is encoded as before. When the
/// font cannot be subset the whole face is embedded, which is larger but
/// still correct.
pub fn subset(face: &LoadedFace, chars: &BTreeSet<char>) -> ParsedFont {
    cut(face, chars).unwrap_or_else(|| face.font.clone())
}

fn cut(face: &LoadedFace, chars: &BTreeSet<char>) -> Option<ParsedFont> {
    let font = &face.font;
    // Glyph 0 (.notdef) first, then each used glyph once, as allsorts requires.
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| font.lookup_glyph_index(*c as u32))
        .filter(|g| *g != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let data = ReadScope::new(&font.original_bytes)
        .read::<FontData<'_>>()
        .ok()?;
    let provider = data.table_provider(font.font_index as usize).ok()?;
    let bytes =
        allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()?;
    let mut cut = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
    // Every drawn character must still reach its glyph, or the text would
    // come out as empty boxes: else embed the whole face.
    let complete = chars.iter().all(|c| {
        font.lookup_glyph_index(*c as u32)
            .is_none_or(|g| g == 0 || cut.lookup_glyph_index(*c as u32).is_some_and(|n| n != 0))
    });
    cut.font_name = font.font_name.clone();
    complete.then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::Fonts;
    use crate::render::pdf::layout::Face;

    #[test]
    fn a_subset_keeps_exactly_the_drawn_characters_and_their_widths() {
        let face = Fonts::get().face(Face::Serif);
        let chars: BTreeSet<char> = "Astana — Қазақстан, 1–2 μ".chars().collect();
        let cut = subset(face, &chars);
        assert!(cut.original_bytes.len() < face.font.original_bytes.len() / 20);
        for c in &chars {
            let before = face.font.lookup_glyph_index(*c as u32).unwrap();
            let after = cut.lookup_glyph_index(*c as u32).unwrap();
            assert_ne!(after, 0, "{c:?} lost its glyph");
            assert_eq!(
                cut.get_glyph_width(after),
                face.font.get_glyph_width(before),
                "{c:?} changed width"
            );
        }
        assert_eq!(cut.lookup_glyph_index('Z' as u32), None);
    }
}
