//! A subset face embedded as a PDF composite font (PDF 32000-1 §9.7): a
//! Type0 font with `Identity-H` two-byte codes over a `CIDFontType2` whose
//! glyph numbers are those codes, its widths, a descriptor with the font
//! program, and a `/ToUnicode` map so that text can be copied and read
//! aloud.

use std::fmt::Write;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::fonts::LoadedFace;
use super::subset::Subset;

/// Adds the font to `lo` under the PostScript name `name` (`TAG+Family`)
/// and returns the Type0 font's object.
pub fn embed(lo: &mut lopdf::Document, face: &LoadedFace, subset: &Subset, name: &str) -> ObjectId {
    let m = &face.metrics;
    let scale = |v: i16| (f32::from(v) * 1000.0 / f32::from(m.units_per_em)).round() as i64;
    let program = Stream::new(
        Dictionary::from_iter(vec![(
            "Length1",
            Object::Integer(subset.program.len() as i64),
        )]),
        subset.program.clone(),
    );
    let program = lo.add_object(program);
    let flags = 32 | if m.italic_angle != 0.0 { 64 } else { 0 };
    // No font table gives the stem width; producers estimate it from the weight.
    let stem_v = if m.weight == 0 {
        80
    } else {
        50 + (f32::from(m.weight) / 65.0).powi(2).round() as i64
    };
    let descriptor = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name_object("FontDescriptor")),
        ("FontName", name_object(name)),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(m.bbox.iter().map(|v| Object::Integer(scale(*v))).collect()),
        ),
        ("ItalicAngle", Object::Real(m.italic_angle.round())),
        ("Ascent", Object::Integer(scale(m.ascent))),
        ("Descent", Object::Integer(scale(m.descent))),
        ("CapHeight", Object::Integer(scale(m.cap_height))),
        ("StemV", Object::Integer(stem_v)),
        ("FontFile2", Object::Reference(program)),
    ]));
    let notdef = face.glyph_advance(0);
    let widths = std::iter::once((0u16, notdef))
        .chain(
            subset
                .glyphs
                .iter()
                .map(|(code, (advance, _))| (*code, *advance)),
        )
        .map(|(code, advance)| {
            let width = f32::from(advance) * 1000.0 / f32::from(m.units_per_em);
            (code, width.round() as i64)
        });
    let descendant = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name_object("Font")),
        ("Subtype", name_object("CIDFontType2")),
        ("BaseFont", name_object(name)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", literal("Adobe")),
                ("Ordering", literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("W", Object::Array(width_runs(widths))),
        ("CIDToGIDMap", name_object("Identity")),
    ]));
    let to_unicode = lo.add_object(Stream::new(
        Dictionary::new(),
        to_unicode(subset).into_bytes(),
    ));
    lo.add_object(Dictionary::from_iter(vec![
        ("Type", name_object("Font")),
        ("Subtype", name_object("Type0")),
        ("BaseFont", name_object(name)),
        ("Encoding", name_object("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(descendant)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

fn name_object(name: &str) -> Object {
    Object::Name(name.as_bytes().to_vec())
}

fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// The `/W` array: each run of consecutive codes as `first [w1 w2 …]`.
fn width_runs(widths: impl Iterator<Item = (u16, i64)>) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut next = None;
    for (code, width) in widths {
        if next != Some(code) {
            if !run.is_empty() {
                out.push(Object::Array(std::mem::take(&mut run)));
            }
            out.push(Object::Integer(i64::from(code)));
        }
        run.push(Object::Integer(width));
        next = code.checked_add(1);
    }
    if !run.is_empty() {
        out.push(Object::Array(run));
    }
    out
}

/// The `/ToUnicode` CMap: each code to the character it draws.
fn to_unicode(subset: &Subset) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &(u16, char))> = subset.glyphs.iter().collect();
    // At most 100 entries to a block (PDF 32000-1 §9.10.3).
    for block in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (code, (_, c)) in block {
            let _ = write!(out, "<{code:04X}> <");
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_grouped_in_runs_of_consecutive_codes() {
        let runs = width_runs([(0, 600), (1, 250), (2, 500), (5, 700)].into_iter());
        assert_eq!(
            runs,
            vec![
                Object::Integer(0),
                Object::Array(vec![600.into(), 250.into(), 500.into()]),
                Object::Integer(5),
                Object::Array(vec![700.into()]),
            ]
        );
    }
}
