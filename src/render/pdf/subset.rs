//! Each face cut down to the characters one document draws, before it is
//! embedded, with allsorts (a well-kept font library: it writes the cut
//! font; this module only chooses the glyphs and numbers them).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use allsorts::binary::read::ReadScope;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::OpenTypeFont;

use super::fonts::LoadedFace;
use super::layout::{Document, Draw, LineEnd};

/// How many faces there are ([`super::layout::Face`]).
const FACES: usize = 5;

/// A face as embedded in one document: the font program and, for each
/// character drawn, the two-byte code that selects its glyph.
pub struct Subset {
    /// The font file to embed.
    pub program: Vec<u8>,
    /// Each drawn character's code (the glyph's number in `program`), by
    /// code point below [`DENSE`]; 0 (the glyph drawn for a character the
    /// face lacks) where there is none.
    dense_codes: Vec<u16>,
    /// The same, for the characters above.
    codes: HashMap<char, u16>,
    /// Each code with its advance (font units) and the text it stands for,
    /// in code order: the font's widths and its `/ToUnicode` map.
    pub glyphs: BTreeMap<u16, (u16, char)>,
}

impl Subset {
    /// The code that draws `c`.
    pub fn code(&self, c: char) -> u16 {
        match self.dense_codes.get(c as usize) {
            Some(code) => *code,
            None => self.codes.get(&c).copied().unwrap_or(0),
        }
    }
}

/// Code points below this are kept in a table rather than a map: Latin,
/// Greek, Cyrillic, punctuation, arrows, mathematical operators, shapes.
const DENSE: usize = 0x2600;

/// The characters drawn in each face, in [`super::layout::Face`] order.
pub fn characters_by_face(doc: &Document) -> Vec<BTreeSet<char>> {
    let mut dense = vec![[false; FACES]; DENSE];
    let mut other = vec![BTreeSet::new(); FACES];
    for page in &doc.pages {
        for draw in &page.draws {
            if let Draw::Text(line) = draw {
                // A line's text ends with a space in the tagged content
                // (`content`), so that words either side of a break stay apart.
                if line.end == LineEnd::Space
                    && let Some(last) = line.runs.iter().rfind(|r| !r.text.is_empty())
                {
                    dense[usize::from(b' ')][last.style.face as usize] = true;
                }
                for run in line.runs.iter() {
                    let face = run.style.face as usize;
                    for c in run.text.chars() {
                        match dense.get_mut(c as usize) {
                            Some(seen) => seen[face] = true,
                            None => {
                                other[face].insert(c);
                            }
                        }
                    }
                }
            }
        }
    }
    for (code, seen) in dense.iter().enumerate() {
        for (face, set) in other.iter_mut().enumerate() {
            if seen[face]
                && let Some(c) = char::from_u32(code as u32)
            {
                set.insert(c);
            }
        }
    }
    other
}

/// `face` holding only the glyphs of `chars` (and those their outlines are
/// built from). Should the font refuse to be cut, the whole face is
/// embedded with its own glyph numbers: larger, but still correct.
pub fn subset(face: &LoadedFace, chars: &BTreeSet<char>) -> Subset {
    let drawn: Vec<(char, u16)> = chars
        .iter()
        .filter_map(|&c| face.glyph(c).map(|g| (c, g)))
        .collect();
    // .notdef first, then each glyph once: allsorts numbers the glyphs of
    // the cut font in this order.
    let order: Vec<u16> = std::iter::once(0)
        .chain(drawn.iter().map(|(_, g)| *g).collect::<BTreeSet<u16>>())
        .collect();
    let (program, number): (Vec<u8>, HashMap<u16, u16>) = match cut(face, &order) {
        Some(program) => (
            program,
            order.iter().zip(0..).map(|(g, n)| (*g, n)).collect(),
        ),
        None => (
            face.bytes.to_vec(),
            order.iter().map(|g| (*g, *g)).collect(),
        ),
    };
    let mut dense_codes = vec![0; DENSE];
    let mut codes = HashMap::new();
    let mut glyphs = BTreeMap::new();
    for (c, glyph) in drawn {
        let code = number[&glyph];
        match dense_codes.get_mut(c as usize) {
            Some(slot) => *slot = code,
            None => {
                codes.insert(c, code);
            }
        }
        glyphs.entry(code).or_insert((face.glyph_advance(glyph), c));
    }
    Subset {
        program,
        dense_codes,
        codes,
        glyphs,
    }
}

fn cut(face: &LoadedFace, glyphs: &[u16]) -> Option<Vec<u8>> {
    let data = ReadScope::new(&face.bytes)
        .read::<OpenTypeFont<'_>>()
        .ok()?;
    let provider = data.table_provider(0).ok()?;
    allsorts::subset::subset(&provider, glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::Fonts;
    use crate::render::pdf::layout::Face;
    use allsorts::tables::FontTableProvider;

    #[test]
    fn a_subset_keeps_exactly_the_drawn_characters_with_their_widths() {
        let face = Fonts::get().face(Face::Serif);
        let chars: BTreeSet<char> = "Astana — Қазақстан, 1–2 μ 中".chars().collect();
        let cut = subset(face, &chars);
        assert!(
            cut.program.len() < face.bytes.len() / 20,
            "{}",
            cut.program.len()
        );
        // One code per glyph, numbered from 1 (.notdef is 0).
        let drawn = chars.len() - 1;
        assert_eq!(cut.glyphs.len(), drawn);
        assert_eq!(
            cut.glyphs.keys().copied().collect::<Vec<_>>(),
            (1..=drawn as u16).collect::<Vec<_>>()
        );
        for c in chars.iter().filter(|c| **c != '中') {
            let (advance, text) = cut.glyphs[&cut.code(*c)];
            assert_eq!(text, *c);
            assert_eq!(advance, face.glyph_advance(face.glyph(*c).unwrap()));
        }
        assert_eq!(cut.code('中'), 0);
        // The cut font is a font allsorts reads back, with as many glyphs.
        let data = ReadScope::new(&cut.program)
            .read::<OpenTypeFont<'_>>()
            .unwrap();
        let provider = data.table_provider(0).unwrap();
        let maxp = provider.read_table_data(allsorts::tag::MAXP).unwrap();
        let maxp = ReadScope::new(&maxp)
            .read::<allsorts::tables::MaxpTable>()
            .unwrap();
        assert!(usize::from(maxp.num_glyphs) > drawn);
    }
}
