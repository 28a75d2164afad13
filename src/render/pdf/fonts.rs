//! The fonts shipped in `fonts/` (Noto Serif and Noto Sans, SIL Open Font
//! License), compiled into the program, parsed once, and measured. They hold
//! Latin, Greek and Cyrillic without TrueType hinting (`scripts/subset-fonts`
//! makes them from the full faces: 1.4 MB instead of 2.9 MB in each program).

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::layout::{Face, Metrics};

/// Every face with its file, compiled in.
const FILES: [(Face, &[u8]); 5] = [
    (
        Face::Serif,
        include_bytes!("../../../fonts/NotoSerif-Regular.ttf"),
    ),
    (
        Face::SerifItalic,
        include_bytes!("../../../fonts/NotoSerif-Italic.ttf"),
    ),
    (
        Face::SerifBold,
        include_bytes!("../../../fonts/NotoSerif-Bold.ttf"),
    ),
    (
        Face::Sans,
        include_bytes!("../../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        Face::SansBold,
        include_bytes!("../../../fonts/NotoSans-Bold.ttf"),
    ),
];

/// Advances are tabulated for the first code points (Latin, Greek and
/// Cyrillic); others are looked up in the font.
const TABULATED: usize = 0x530;

/// A parsed face and its advance table.
pub struct LoadedFace {
    /// The face.
    pub face: Face,
    /// The parsed font, for embedding.
    pub font: ParsedFont,
    units_per_em: f32,
    advances: Vec<f32>,
}

impl LoadedFace {
    fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(&a) => a,
            None => self.lookup(c),
        }
    }

    fn lookup(&self, c: char) -> f32 {
        let glyph = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(self.font.get_glyph_width(glyph).unwrap_or(0)) / self.units_per_em
    }
}

/// The five faces, parsed on first use.
pub struct Fonts {
    /// The faces in [`Face`] order.
    pub faces: Vec<LoadedFace>,
}

impl Fonts {
    /// The fonts, parsed once per process.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            faces: FILES
                .iter()
                .map(|(face, bytes)| {
                    let mut warnings = Vec::new();
                    let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
                        .expect("the shipped fonts parse");
                    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
                    let mut loaded = LoadedFace {
                        face: *face,
                        font,
                        units_per_em,
                        advances: Vec::new(),
                    };
                    loaded.advances = (0..TABULATED as u32)
                        .map(|u| char::from_u32(u).map_or(0.0, |c| loaded.lookup(c)))
                        .collect();
                    loaded
                })
                .collect(),
        })
    }

    /// The loaded face for `face`.
    pub fn face(&self, face: Face) -> &LoadedFace {
        &self.faces[face as usize]
    }
}

impl Metrics for Fonts {
    fn advance(&self, face: Face, c: char) -> f32 {
        self.face(face).advance(c)
    }
}
