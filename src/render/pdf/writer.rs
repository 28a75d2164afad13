//! Writes laid-out pages as a PDF with printpdf's low-level API, then
//! finishes the file with lopdf: a nested outline in reading order, links
//! from citation markers to their endnotes, and a document ID derived from
//! the content so that the same inputs give the same bytes.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt as PdfPt, Rgb, TextItem, TextMatrix,
};

use super::fonts::Fonts;
use super::layout::{self, Draw, Face, PageSpec, PlacedLine, Pt, Run, Style};
use super::subset;
use crate::assemble::Brief;

/// Fixed font resource ids, which are also the subset tags (six capitals,
/// as PDF wants), and the faces' PostScript names; fixed, so that output is
/// reproducible.
const FONT_NAMES: [(Face, &str, &str); 5] = [
    (Face::Serif, "DSSERF", "NotoSerif-Regular"),
    (Face::SerifItalic, "DSSERI", "NotoSerif-Italic"),
    (Face::SerifBold, "DSSERB", "NotoSerif-Bold"),
    (Face::Sans, "DSSANS", "NotoSans-Regular"),
    (Face::SansBold, "DSSANB", "NotoSans-Bold"),
];

fn font_id(face: Face) -> FontId {
    let (_, tag, _) = FONT_NAMES[face as usize];
    FontId(tag.to_string())
}

/// printpdf names a font it was handed whole by its id alone; the faces
/// are subset (by [`subset`]), so their names take the `TAG+Name` form
/// that tells readers so, on the font, its descendant and its descriptor.
fn name_subsets(lo: &mut lopdf::Document) {
    for object in lo.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        for key in [&b"BaseFont"[..], b"FontName"] {
            let Ok(Object::Name(name)) = dict.get(key) else {
                continue;
            };
            if let Some((_, tag, ps)) = FONT_NAMES.iter().find(|(_, t, _)| t.as_bytes() == name) {
                dict.set(key, Object::Name(format!("{tag}+{ps}").into_bytes()));
            }
        }
    }
}

fn rgb(c: [f32; 3]) -> Color {
    Color::Rgb(Rgb {
        r: c[0],
        g: c[1],
        b: c[2],
        icc_profile: None,
    })
}

/// The whole PDF.
pub fn write(brief: &Brief, spec: &PageSpec, mut doc: layout::Document, fonts: &Fonts) -> Vec<u8> {
    add_furniture(brief, spec, &mut doc, fonts);

    let mut pdf = PdfDocument::new(&brief.title);
    let info = &mut pdf.metadata.info;
    info.author = brief.author.clone();
    info.subject = brief.subject.clone();
    info.keywords = brief.keywords.clone();
    info.creator = "Dossier".to_string();
    info.producer = "Dossier (printpdf)".to_string();
    if let Some(ts) = memo_timestamp(brief) {
        info.creation_date = ts;
        info.modification_date = ts;
        info.metadata_date = ts;
    }
    let drawn = subset::characters_by_face(&doc);
    for face in &fonts.faces {
        let font = subset::subset(face, &drawn[face.face as usize]);
        pdf.resources
            .fonts
            .map
            .insert(font_id(face.face), PdfFont::new(font));
    }
    let (w_mm, h_mm) = (
        printpdf::Mm(spec.width * 25.4 / 72.0),
        printpdf::Mm(spec.height * 25.4 / 72.0),
    );
    let pages: Vec<PdfPage> = doc
        .pages
        .iter()
        .map(|page| PdfPage::new(w_mm, h_mm, page_ops(spec, page)))
        .collect();
    pdf.with_pages(pages);

    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: false,
        // Done already, by `subset`.
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    drop_pdfx_claim(&mut lo);
    name_subsets(&mut lo);
    let page_ids: Vec<ObjectId> = lo.page_iter().collect();
    add_links(&mut lo, spec, &doc, &page_ids);
    add_outline(&mut lo, spec, &doc, &page_ids);
    let id = document_id(brief);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    bytes
}

/// printpdf writes an empty `/GTS_PDFXVersion` into the document
/// information, which readers take as a claim of PDF/X conformance; the
/// memo makes no such claim.
fn drop_pdfx_claim(lo: &mut lopdf::Document) {
    let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(dict) = lo.get_dictionary_mut(info) {
        dict.remove(b"GTS_PDFXVersion");
        dict.remove(b"GTS_PDFXConformance");
    }
}

/// Deflates every stream that is not yet compressed. lopdf's own
/// `compress` uses the slowest level; a fast level costs a few per cent of
/// size and saves most of the time.
fn compress_streams(lo: &mut lopdf::Document) {
    use std::io::Write;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() || stream.content.len() < 64 {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 3),
            flate2::Compression::fast(),
        );
        if encoder.write_all(&stream.content).is_err() {
            continue;
        }
        if let Ok(compressed) = encoder.finish()
            && compressed.len() < stream.content.len()
        {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// The memo date at midnight UTC, as printpdf's timestamp.
fn memo_timestamp(brief: &Brief) -> Option<printpdf::OffsetDateTime> {
    let day = chrono::NaiveDate::parse_from_str(&brief.date_iso, "%Y-%m-%d").ok()?;
    let ts = day.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(ts).ok()
}

/// A 16-byte id from the memo's content (FNV-1a, twice, with two seeds).
fn document_id(brief: &Brief) -> Vec<u8> {
    let content = serde_json::to_vec(brief).unwrap_or_default();
    let mut out = Vec::with_capacity(16);
    for seed in [0xcbf2_9ce4_8422_2325u64, 0x6c62_272e_07bb_0142] {
        let mut h = seed;
        for b in &content {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.extend_from_slice(&h.to_be_bytes());
    }
    out
}

/// The classification marking top and bottom centre, and "Page N of M".
fn add_furniture(brief: &Brief, spec: &PageSpec, doc: &mut layout::Document, fonts: &Fonts) {
    let marking = Style {
        face: Face::SansBold,
        size: 9.0,
        color: [0.1, 0.1, 0.1],
        rise: 0.0,
    };
    let folio = Style {
        face: Face::Sans,
        size: 8.0,
        color: [0.36, 0.36, 0.36],
        rise: 0.0,
    };
    let total = doc.pages.len();
    let width_of = |text: &str, style: &Style| {
        text.chars()
            .map(|c| layout::Metrics::advance(fonts, style.face, c))
            .sum::<f32>()
            * style.size
    };
    let line = |text: &str, style: Style, x: Pt, baseline: Pt| {
        Draw::Text(PlacedLine {
            x,
            baseline,
            runs: vec![Run {
                text: text.to_string(),
                style,
                link: None,
                x: 0.0,
                width: 0.0,
                gaps_before: 0,
            }],
            stretch: 0.0,
        })
    };
    let mark = brief.classification.trim();
    let mark_w = width_of(mark, &marking);
    for (i, page) in doc.pages.iter_mut().enumerate() {
        let centre = (spec.width - mark_w) / 2.0;
        page.draws
            .push(line(mark, marking, centre, spec.top / 2.0 + 3.0));
        page.draws.push(line(
            mark,
            marking,
            centre,
            spec.height - spec.bottom / 2.0 + 3.0,
        ));
        let text = format!("Page {} of {}", i + 1, total);
        let x = spec.width - spec.right - width_of(&text, &folio);
        page.draws
            .push(line(&text, folio, x, spec.height - spec.bottom / 2.0 + 3.0));
    }
}

/// A page's drawing operations: its rules, then all its text in a single
/// text object, setting the font and colour only when they change.
fn page_ops(spec: &PageSpec, page: &layout::Page) -> Vec<Op> {
    let mut ops = Vec::new();
    for draw in &page.draws {
        if let Draw::Rule {
            from,
            to,
            width,
            color,
        } = draw
        {
            ops.push(Op::SetOutlineColor { col: rgb(*color) });
            ops.push(Op::SetOutlineThickness { pt: PdfPt(*width) });
            let point = |(x, y): (Pt, Pt)| LinePoint {
                p: Point {
                    x: PdfPt(x),
                    y: PdfPt(spec.height - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*from), point(*to)],
                    is_closed: false,
                },
            });
        }
    }
    ops.push(Op::StartTextSection);
    let mut state = TextState::default();
    for draw in &page.draws {
        if let Draw::Text(line) = draw {
            text_ops(spec, line, &mut state, &mut ops);
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The font and colour last set in a text object.
#[derive(Default)]
struct TextState {
    font: Option<(Face, u32)>,
    color: Option<[u32; 3]>,
}

/// One line of text: one `Tm` and `TJ` per run; justification widens the
/// spaces with `TJ` offsets (word spacing does not apply to the two-byte
/// codes of embedded fonts).
fn text_ops(spec: &PageSpec, line: &PlacedLine, state: &mut TextState, ops: &mut Vec<Op>) {
    for run in &line.runs {
        if run.text.is_empty() {
            continue;
        }
        let font = (run.style.face, run.style.size.to_bits());
        if state.font != Some(font) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.style.face)),
                size: PdfPt(run.style.size),
            });
            state.font = Some(font);
        }
        let color = run.style.color.map(f32::to_bits);
        if state.color != Some(color) {
            ops.push(Op::SetFillColor {
                col: rgb(run.style.color),
            });
            state.color = Some(color);
        }
        let x = line.x + run.x + line.stretch * run.gaps_before as f32;
        let y = spec.height - line.baseline + run.style.rise;
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(PdfPt(x), PdfPt(y)),
        });
        let mut items = Vec::new();
        if line.stretch > 0.0 && run.text.contains(' ') {
            let offset = -line.stretch / run.style.size * 1000.0;
            let mut parts = run.text.split(' ').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_some() {
                    items.push(TextItem::Text(format!("{part} ")));
                    items.push(TextItem::Offset(offset));
                } else if !part.is_empty() {
                    items.push(TextItem::Text(part.to_string()));
                }
            }
        } else {
            items.push(TextItem::Text(run.text.clone()));
        }
        ops.push(Op::ShowText { items });
    }
}

fn page_ref(page_ids: &[ObjectId], page: usize) -> Object {
    Object::Reference(page_ids[page.min(page_ids.len() - 1)])
}

/// Link annotations from citation markers to their endnotes.
fn add_links(
    lo: &mut lopdf::Document,
    spec: &PageSpec,
    doc: &layout::Document,
    page_ids: &[ObjectId],
) {
    for (i, page) in doc.pages.iter().enumerate() {
        let mut annots = Vec::new();
        for link in &page.links {
            let Some(&(target, y)) = doc.anchors.get(&link.anchor) else {
                continue;
            };
            let [l, t, r, b] = link.rect;
            let annot = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                (
                    "Rect",
                    Object::Array(vec![
                        l.into(),
                        (spec.height - b).into(),
                        r.into(),
                        (spec.height - t).into(),
                    ]),
                ),
                ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
                (
                    "Dest",
                    Object::Array(vec![
                        page_ref(page_ids, target),
                        Object::Name(b"XYZ".to_vec()),
                        spec.left.into(),
                        (spec.height - y + 4.0).into(),
                        Object::Null,
                    ]),
                ),
            ]);
            annots.push(Object::Reference(lo.add_object(annot)));
        }
        if annots.is_empty() {
            continue;
        }
        if let Ok(page) = lo.get_dictionary_mut(page_ids[i]) {
            page.set("Annots", Object::Array(annots));
        }
    }
}

/// `s` as a PDF text string: UTF-16BE with a byte-order mark.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The outline: sections at the top level, topics under "By topic".
fn add_outline(
    lo: &mut lopdf::Document,
    spec: &PageSpec,
    doc: &layout::Document,
    page_ids: &[ObjectId],
) {
    if doc.bookmarks.is_empty() {
        return;
    }
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = doc.bookmarks.iter().map(|_| lo.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry of a lower level.
    let parents: Vec<Option<usize>> = (0..doc.bookmarks.len())
        .map(|i| {
            (0..i)
                .rev()
                .find(|&j| doc.bookmarks[j].level < doc.bookmarks[i].level)
        })
        .collect();
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..doc.bookmarks.len())
            .filter(|&i| parents[i] == p)
            .collect()
    };
    for (i, b) in doc.bookmarks.iter().enumerate() {
        let siblings = children(parents[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut dict = Dictionary::from_iter(vec![
            ("Title", text_string(&b.title)),
            (
                "Parent",
                Object::Reference(parents[i].map_or(root, |p| ids[p])),
            ),
            (
                "Dest",
                Object::Array(vec![
                    page_ref(page_ids, b.page),
                    Object::Name(b"XYZ".to_vec()),
                    spec.left.into(),
                    (spec.height - b.y + 6.0).into(),
                    Object::Null,
                ]),
            ),
        ]);
        if pos > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&next) = siblings.get(pos + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
        let mine = children(Some(i));
        if let (Some(&first), Some(&last)) = (mine.first(), mine.last()) {
            dict.set("First", Object::Reference(ids[first]));
            dict.set("Last", Object::Reference(ids[last]));
            dict.set("Count", Object::Integer(mine.len() as i64));
        }
        lo.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = children(None);
    let outlines = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("First", Object::Reference(ids[top[0]])),
        ("Last", Object::Reference(ids[*top.last().unwrap()])),
        ("Count", Object::Integer(doc.bookmarks.len() as i64)),
    ]);
    lo.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}
