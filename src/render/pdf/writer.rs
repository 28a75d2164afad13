//! Writes laid-out pages as a tagged PDF 1.7 file (PDF/UA-1).
//!
//! printpdf makes the document: the pages and their content operations
//! ([`super::content`]: text, rules, and the marked-content sequences the
//! structure tree refers to), the embedded fonts (handed the subset font
//! programs [`super::subset`] cuts, so files stay small), the page tree and
//! the document information. It gives the document as lopdf objects, and a
//! post-pass adds what printpdf does not do: the structure tree and its
//! parent tree ([`super::tags`]), `/StructParents` on pages, link
//! annotations as objects with `/StructParent`, `/Contents` and their OBJR
//! entries, the nested outline (printpdf's is flat), the catalog's
//! `/Lang`, `/MarkInfo` and `/ViewerPreferences`, the XMP metadata that
//! claims PDF/UA-1 ([`super::xmp`]), exact page boxes, the subset fonts'
//! `TAG+Name` names, and a document ID derived from the content, so that
//! the same inputs give the same bytes.
//!
//! The structure tree of a long memo has thousands of elements; built as
//! lopdf dictionaries and saved by lopdf they cost 6.3 ms of the full
//! default PDF and 58 ms of a 141-page one. So `tags` writes them as bytes,
//! and [`super::file`] saves the document with them, packing the small
//! objects into compressed object streams.

use std::rc::Rc;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{FontId, Mm, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};

use super::fonts::Fonts;
use super::layout::{self, Block, Draw, Face, PageSpec, PlacedLine, Pt, Run, Style};
use super::tags::Structure;
use super::{content, file, subset, xmp};
use crate::assemble::Memo;

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
    FontId(FONT_NAMES[face as usize].1.to_string())
}

/// The whole PDF of `doc`, laid out from `blocks`.
pub fn write(
    brief: &Memo,
    spec: &PageSpec,
    (mut doc, blocks): (layout::Document, &[Block]),
    fonts: &Fonts,
) -> Vec<u8> {
    add_furniture(brief, spec, &mut doc, fonts);
    let mut tags = Structure::new(blocks);
    let mut pdf = PdfDocument::new(&brief.title);
    let drawn = subset::characters_by_face(&doc);
    let mut warnings = Vec::new();
    for ((face, tag, _), chars) in FONT_NAMES.iter().zip(&drawn) {
        if chars.is_empty() {
            continue;
        }
        let cut = subset::subset(fonts.face(*face), chars);
        if let Some(font) = ParsedFont::from_bytes(&cut.program, 0, &mut Vec::new()) {
            pdf.resources
                .fonts
                .map
                .insert(FontId(tag.to_string()), PdfFont::new(font));
        }
    }
    let (width, height) = (Mm(spec.width * 25.4 / 72.0), Mm(spec.height * 25.4 / 72.0));
    let pages: Vec<PdfPage> = doc
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            PdfPage::new(
                width,
                height,
                content::page(spec, (page, i), font_id, &mut tags),
            )
        })
        .collect();
    pdf.with_pages(pages);
    let options = PdfSaveOptions {
        optimize: false,
        // Done already, by `subset`.
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    lo.version = "1.7".to_string();
    name_subsets(&mut lo);
    let page_ids: Vec<ObjectId> = lo.page_iter().collect();
    let media_box = Object::Array(vec![
        0.into(),
        0.into(),
        Object::Real(spec.width),
        Object::Real(spec.height),
    ]);
    for (i, id) in page_ids.iter().enumerate() {
        if let Ok(page) = lo.get_dictionary_mut(*id) {
            page.set("MediaBox", media_box.clone());
            page.remove(b"TrimBox");
            page.remove(b"CropBox");
            // printpdf gives every page an empty list; pages with links get theirs.
            page.remove(b"Annots");
            page.set("StructParents", Object::Integer(i as i64));
        }
    }
    let annots = add_links(&mut lo, spec, &doc, &page_ids);
    let (structure, tree) = tags.write(&mut lo, &page_ids, &annots);
    let metadata = lo.add_object(xmp::metadata(brief, brief.lang));
    let catalog = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("printpdf writes a catalog");
    if let Ok(catalog) = lo.get_dictionary_mut(catalog) {
        for (key, value) in [
            ("PageLayout", Object::Name(b"OneColumn".to_vec())),
            ("Lang", Object::string_literal(brief.lang)),
            (
                "MarkInfo",
                Object::Dictionary(Dictionary::from_iter(vec![("Marked", true.into())])),
            ),
            ("StructTreeRoot", Object::Reference(structure)),
            (
                "ViewerPreferences",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "DisplayDocTitle",
                    true.into(),
                )])),
            ),
            ("Metadata", Object::Reference(metadata)),
        ] {
            catalog.set(key, value);
        }
        catalog.remove(b"PageMode");
        catalog.remove(b"Outlines");
    }
    set_info(&mut lo, brief);
    add_outline(&mut lo, spec, &doc, &page_ids);
    let id = document_id(brief);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    lo.prune_objects();
    compress_streams(&mut lo);
    file::save(&lo, tree)
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

/// The document information printpdf wrote, made the memo's: title,
/// author, subject, keywords, the program, and the memo date (midnight
/// UTC) as the creation date, so that the same inputs give the same bytes;
/// nothing else (printpdf's own entries claim PDF/X, which the memo does
/// not).
fn set_info(lo: &mut lopdf::Document, brief: &Memo) {
    let mut info = Dictionary::from_iter(vec![
        ("Title", text_string(&brief.title)),
        ("Author", text_string(&brief.author)),
        ("Subject", text_string(&brief.subject)),
        ("Keywords", text_string(&brief.keywords.join(", "))),
        ("Creator", text_string("Dossier")),
        ("Producer", text_string("Dossier (printpdf)")),
        ("Trapped", Object::Name(b"False".to_vec())),
    ]);
    if let Ok(day) = chrono::NaiveDate::parse_from_str(&brief.date_iso, "%Y-%m-%d") {
        let date = format!("D:{}000000Z", day.format("%Y%m%d"));
        info.set("CreationDate", Object::string_literal(date.clone()));
        info.set("ModDate", Object::string_literal(date));
    }
    match lo.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            lo.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = lo.add_object(info);
            lo.trailer.set("Info", Object::Reference(id));
        }
    }
}

/// Deflates every stream that is not yet compressed (fast, on both cores:
/// see [`file::deflate_each`]), keeping the deflated bytes where they are
/// smaller.
fn compress_streams(lo: &mut lopdf::Document) {
    let mut streams: Vec<&mut Stream> = lo
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) => Some(stream),
            _ => None,
        })
        // The XMP metadata stays plain text, for tools that read it raw.
        .filter(|stream| {
            stream.dict.get(b"Filter").is_err()
                && stream.content.len() >= 64
                && !stream
                    .dict
                    .get(b"Type")
                    .and_then(Object::as_name)
                    .is_ok_and(|t| t == b"Metadata")
        })
        .collect();
    let contents: Vec<&[u8]> = streams.iter().map(|s| s.content.as_slice()).collect();
    let deflated = file::deflate_each(&contents);
    for (stream, compressed) in streams.iter_mut().zip(deflated) {
        if compressed.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// A 16-byte id from the memo's content (FNV-1a, twice, with two seeds).
fn document_id(brief: &Memo) -> Vec<u8> {
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
fn add_furniture(brief: &Memo, spec: &PageSpec, doc: &mut layout::Document, fonts: &Fonts) {
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
            runs: Rc::new([Run {
                text: text.to_string(),
                style,
                link: None,
                quote: false,
                x: 0.0,
                width: 0.0,
                gaps_before: 0,
            }]),
            stretch: 0.0,
            origin: layout::Origin::Furniture,
            end: layout::LineEnd::Plain,
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

fn page_ref(page_ids: &[ObjectId], page: usize) -> Object {
    Object::Reference(page_ids[page.min(page_ids.len() - 1)])
}

/// Link annotations from citation markers to their endnotes, each with a
/// description and its place in the structure (the parent tree's keys
/// follow the pages'). Returns, for each, its page, its index among the
/// page's link areas, its object and its parent-tree key.
fn add_links(
    lo: &mut lopdf::Document,
    spec: &PageSpec,
    doc: &layout::Document,
    page_ids: &[ObjectId],
) -> Vec<(usize, usize, ObjectId, i64)> {
    let mut all = Vec::new();
    for (i, page) in doc.pages.iter().enumerate() {
        let mut annots = Vec::new();
        for (index, link) in page.links.iter().enumerate() {
            let Some(&(target, y)) = doc.anchors.get(&link.anchor) else {
                continue;
            };
            let [l, t, r, b] = link.rect;
            let key = (doc.pages.len() + all.len()) as i64;
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
                    "Contents",
                    text_string(&format!("Source {}, in the list of sources", link.text)),
                ),
                ("StructParent", Object::Integer(key)),
                ("P", Object::Reference(page_ids[i])),
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
            let id = lo.add_object(annot);
            annots.push(Object::Reference(id));
            all.push((i, index, id, key));
        }
        if annots.is_empty() {
            continue;
        }
        if let Ok(page) = lo.get_dictionary_mut(page_ids[i]) {
            page.set("Annots", Object::Array(annots));
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    all
}

/// `s` as a PDF text string: UTF-16BE with a byte-order mark, or a
/// literal string when it is printable ASCII.
pub(super) fn text_string(s: &str) -> Object {
    // Printable ASCII reads the same in PDFDocEncoding, at a quarter of
    // the size.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
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
