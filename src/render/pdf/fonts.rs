//! The fonts shipped in `fonts/` (Noto Serif and Noto Sans, SIL Open Font
//! License), compiled into the program, parsed once, and measured. They hold
//! Latin, Greek and Cyrillic without TrueType hinting or OpenType layout
//! tables (`scripts/subset-fonts` makes them from the full faces: 1.0 MB
//! instead of 2.9 MB), compiled in deflated (0.52 MB in each program) and
//! inflated on first use, the five faces at once on their own threads. The
//! tables are read with allsorts.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;
use std::thread;

use allsorts::binary::read::ReadScope;
use allsorts::tables::OpenTypeFont;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::os2::Os2;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;
use flate2::read::ZlibDecoder;

use super::layout::{Face, Metrics};

/// A font of `fonts/` as `build.rs` deflated it.
macro_rules! font_file {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/fonts/", $name, ".z"))
    };
}

/// Every face with its file, compiled in deflated (`build.rs`).
const FILES: [(Face, &[u8]); 5] = [
    (Face::Serif, font_file!("NotoSerif-Regular.ttf")),
    (Face::SerifItalic, font_file!("NotoSerif-Italic.ttf")),
    (Face::SerifBold, font_file!("NotoSerif-Bold.ttf")),
    (Face::Sans, font_file!("NotoSans-Regular.ttf")),
    (Face::SansBold, font_file!("NotoSans-Bold.ttf")),
];

/// Advances are tabulated for the first code points (Latin, Greek and
/// Cyrillic); others are looked up in the font.
const TABULATED: usize = 0x530;

/// What a PDF font descriptor says about a face, in font units.
#[derive(Debug, Clone, Copy)]
pub struct FaceMetrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Typographic ascender and descender (hhea).
    pub ascent: i16,
    /// Below the baseline: negative.
    pub descent: i16,
    /// Height of capital letters (OS/2), or the ascender when not given.
    pub cap_height: i16,
    /// The bounding box of all glyphs: x min, y min, x max, y max.
    pub bbox: [i16; 4],
    /// The slant, in degrees counter-clockwise from vertical (italics are
    /// negative).
    pub italic_angle: f32,
    /// OS/2 weight class (400 regular, 700 bold), 0 when absent.
    pub weight: u16,
}

/// A parsed face: its bytes, character map, advances and metrics.
pub struct LoadedFace {
    /// The face.
    pub face: Face,
    /// The font file, for embedding.
    pub bytes: Vec<u8>,
    /// Descriptor metrics.
    pub metrics: FaceMetrics,
    glyphs: HashMap<char, u16>,
    glyph_advances: Vec<u16>,
    advances: Vec<f32>,
}

impl LoadedFace {
    fn inflate_and_parse(face: Face, deflated: &[u8]) -> Option<LoadedFace> {
        let mut bytes = Vec::with_capacity(deflated.len() * 2);
        ZlibDecoder::new(deflated).read_to_end(&mut bytes).ok()?;
        let (metrics, glyphs, glyph_advances) = read_tables(&bytes)?;
        let mut loaded = LoadedFace {
            face,
            bytes,
            metrics,
            glyphs,
            glyph_advances,
            advances: Vec::new(),
        };
        loaded.advances = (0..TABULATED as u32)
            .map(|u| char::from_u32(u).map_or(0.0, |c| loaded.lookup(c)))
            .collect();
        Some(loaded)
    }

    /// The glyph that draws `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.glyphs.get(&c).copied().filter(|g| *g != 0)
    }

    /// A glyph's advance in font units.
    pub fn glyph_advance(&self, glyph: u16) -> u16 {
        self.glyph_advances
            .get(usize::from(glyph))
            .copied()
            .unwrap_or(0)
    }

    fn advance(&self, c: char) -> f32 {
        match self.advances.get(c as usize) {
            Some(&a) => a,
            None => self.lookup(c),
        }
    }

    fn lookup(&self, c: char) -> f32 {
        let glyph = self.glyph(c).unwrap_or(0);
        f32::from(self.glyph_advance(glyph)) / f32::from(self.metrics.units_per_em)
    }
}

/// A face's descriptor metrics, character map and glyph advances.
fn read_tables(bytes: &[u8]) -> Option<(FaceMetrics, HashMap<char, u16>, Vec<u16>)> {
    let data = ReadScope::new(bytes).read::<OpenTypeFont<'_>>().ok()?;

    let provider = data.table_provider(0).ok()?;
    let table = |t| provider.read_table_data(t).ok();
    let head_data = table(tag::HEAD)?;
    let head = ReadScope::new(&head_data).read::<HeadTable>().ok()?;
    let maxp_data = table(tag::MAXP)?;
    let maxp = ReadScope::new(&maxp_data).read::<MaxpTable>().ok()?;
    let hhea_data = table(tag::HHEA)?;
    let hhea = ReadScope::new(&hhea_data).read::<HheaTable>().ok()?;
    let hmtx_data = table(tag::HMTX)?;
    let hmtx = ReadScope::new(&hmtx_data)
        .read_dep::<HmtxTable<'_>>((
            usize::from(maxp.num_glyphs),
            usize::from(hhea.num_h_metrics),
        ))
        .ok()?;
    let glyph_advances = (0..maxp.num_glyphs)
        .map(|g| hmtx.horizontal_advance(g).unwrap_or(0))
        .collect();
    let cmap_data = table(tag::CMAP)?;
    let cmap = ReadScope::new(&cmap_data).read::<Cmap<'_>>().ok()?;
    let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap).ok()??;
    let mut glyphs = HashMap::new();
    subtable
        .mappings_fn(|code, glyph| {
            if let Some(c) = char::from_u32(code) {
                glyphs.insert(c, glyph);
            }
        })
        .ok()?;
    let os2_data = table(tag::OS_2);
    let os2 = os2_data
        .as_deref()
        .and_then(|d| ReadScope::new(d).read_dep::<Os2>(d.len()).ok());
    let cap_height = os2
        .as_ref()
        .and_then(|o| o.version2to4.as_ref())
        .map_or(hhea.ascender, |v| v.s_cap_height);
    let italic_angle = if hhea.caret_slope_rise == 0 {
        0.0
    } else {
        -f32::from(hhea.caret_slope_run)
            .atan2(f32::from(hhea.caret_slope_rise))
            .to_degrees()
    };
    let metrics = FaceMetrics {
        units_per_em: head.units_per_em.max(1),
        ascent: hhea.ascender,
        descent: hhea.descender,
        cap_height,
        bbox: [head.x_min, head.y_min, head.x_max, head.y_max],
        italic_angle,
        weight: os2.map_or(0, |o| o.us_weight_class),
    };
    Some((metrics, glyphs, glyph_advances))
}

static FONTS: OnceLock<Fonts> = OnceLock::new();

/// The five faces, parsed on first use.
pub struct Fonts {
    /// The faces in [`Face`] order.
    pub faces: Vec<LoadedFace>,
}

impl Fonts {
    /// The fonts, inflated and parsed once per process: each face on its
    /// own thread, the first on the calling one.
    pub fn get() -> &'static Fonts {
        FONTS.get_or_init(|| {
            let load = |(face, deflated): &(Face, &[u8])| {
                LoadedFace::inflate_and_parse(*face, deflated).expect("the shipped fonts parse")
            };
            thread::scope(|scope| {
                let others: Vec<_> = FILES[1..]
                    .iter()
                    .map(|file| scope.spawn(move || load(file)))
                    .collect();
                let mut faces = vec![load(&FILES[0])];
                for other in others {
                    faces.push(
                        other
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    );
                }
                Fonts { faces }
            })
        })
    }

    /// Starts [`Fonts::get`] on a thread of its own, so that a program about
    /// to write a PDF has its fonts ready by the time the memo is laid out.
    pub fn prepare() {
        if FONTS.get().is_none() {
            thread::spawn(Fonts::get);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faces_have_their_metrics_and_glyphs() {
        let fonts = Fonts::get();
        let serif = fonts.face(Face::Serif);
        assert_eq!(serif.metrics.units_per_em, 1000);
        assert!(serif.metrics.ascent > 0 && serif.metrics.descent < 0);
        assert_eq!(serif.metrics.italic_angle, 0.0);
        assert!(fonts.face(Face::SerifItalic).metrics.italic_angle < -5.0);
        assert!(fonts.face(Face::SerifBold).metrics.weight > serif.metrics.weight);
        for c in ['A', 'é', 'Қ', 'ω', '—', '€'] {
            assert!(serif.glyph(c).is_some(), "{c}");
            assert!(fonts.advance(Face::Serif, c) > 0.1, "{c}");
        }
        assert_eq!(serif.glyph('中'), None);
    }
}
