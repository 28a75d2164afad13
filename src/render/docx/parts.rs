//! The package's fixed parts: content types, relationships, the named
//! styles a desk's template can restyle, list numbering, the header and
//! footer with the marking and "Page N of M", and the document properties.

use super::xml::text;
use crate::assemble::Memo;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// `[Content_Types].xml`.
pub fn content_types() -> String {
    format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

/// `_rels/.rels`.
pub fn package_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

/// `word/_rels/document.xml.rels`.
pub fn document_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>"
    )
}

/// `docProps/core.xml`: title, subject, author, keywords, language and the
/// memo date as creation and modification date (so output is reproducible).
pub fn core(brief: &Memo) -> String {
    let when = format!("{}T00:00:00Z", brief.date_iso);
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords>\
<dc:language>en-US</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
</cp:coreProperties>",
        text(&brief.title),
        text(&brief.subject),
        text(&brief.author),
        text(&brief.keywords.join(", ")),
    )
}

/// `docProps/app.xml`.
pub fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Dossier</Application></Properties>"
    )
}

/// `word/settings.xml`: the document language, fields updated on opening
/// (page counts), and no autocorrection of the quoted text.
pub fn settings() -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W}\"><w:updateFields w:val=\"true\"/><w:defaultTabStop w:val=\"720\"/>\
<w:characterSpacingControl w:val=\"doNotCompress\"/><w:themeFontLang w:val=\"en-US\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

/// A paragraph style: id, display name, next style, paragraph and run properties.
fn para_style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )
}

const ACCENT: &str = "1F3A5F";
const MUTED: &str = "5B5B5B";
const SANS: &str = "<w:rFonts w:ascii=\"Noto Sans\" w:hAnsi=\"Noto Sans\" w:cs=\"Noto Sans\"/>";

/// `word/styles.xml`: Normal (serif body), Title, Heading 1–3, Quote and
/// Attribution, List Bullet and List Number, table styles, the marking, notes
/// and endnotes, and the superscript citation marker.
pub fn styles() -> String {
    let heading = |n: u8, size: u32, before: u32| {
        para_style(
            &format!("Heading{n}"),
            &format!("heading {n}"),
            &format!(
                "<w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"120\"/><w:outlineLvl w:val=\"{}\"/>",
                n - 1
            ),
            &format!("{SANS}<w:b/><w:color w:val=\"{ACCENT}\"/><w:sz w:val=\"{size}\"/>"),
        )
    };
    let mut s = format!(
        "{DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Noto Serif\" w:hAnsi=\"Noto Serif\" w:eastAsia=\"Noto Serif\" w:cs=\"Noto Serif\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
    );
    s.push_str(&para_style(
        "Title",
        "Title",
        "<w:keepNext/><w:spacing w:after=\"160\"/>",
        &format!("{SANS}<w:b/><w:color w:val=\"{ACCENT}\"/><w:sz w:val=\"34\"/>"),
    ));
    s.push_str(&heading(1, 26, 360));
    s.push_str(&heading(2, 22, 240));
    s.push_str(&heading(3, 17, 160));
    s.push_str(&para_style(
        "Quote",
        "Quote",
        &format!("<w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"8\" w:color=\"{ACCENT}\"/></w:pBdr><w:ind w:left=\"400\"/><w:jc w:val=\"both\"/>"),
        "",
    ));
    s.push_str(&para_style(
        "Attribution",
        "Attribution",
        "<w:keepNext/><w:spacing w:before=\"100\" w:after=\"20\"/><w:ind w:left=\"400\"/>",
        "<w:sz w:val=\"18\"/>",
    ));
    s.push_str(&para_style(
        "ListBullet",
        "List Bullet",
        "<w:numPr><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"60\"/>",
        "",
    ));
    s.push_str(&para_style(
        "ListNumber",
        "List Number",
        "<w:spacing w:after=\"80\"/>",
        "",
    ));
    s.push_str(&para_style(
        "HeaderBlock",
        "Memo Header",
        "<w:tabs><w:tab w:val=\"left\" w:pos=\"1300\"/></w:tabs><w:spacing w:after=\"20\"/>",
        "",
    ));
    s.push_str(&para_style(
        "TableHeading",
        "Table Heading",
        "<w:keepNext/><w:spacing w:before=\"40\" w:after=\"40\"/>",
        &format!("{SANS}<w:b/><w:sz w:val=\"15\"/>"),
    ));
    s.push_str(&para_style(
        "TableText",
        "Table Text",
        "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"252\" w:lineRule=\"auto\"/>",
        "<w:sz w:val=\"19\"/>",
    ));
    s.push_str(&para_style(
        "Marking",
        "Classification Marking",
        "<w:jc w:val=\"center\"/><w:spacing w:after=\"0\"/>",
        &format!("{SANS}<w:b/><w:caps/><w:spacing w:val=\"16\"/><w:sz w:val=\"18\"/>"),
    ));
    s.push_str(&para_style(
        "PageNumber",
        "Page Number Line",
        "<w:jc w:val=\"right\"/><w:spacing w:after=\"0\"/>",
        &format!("{SANS}<w:color w:val=\"{MUTED}\"/><w:sz w:val=\"16\"/>"),
    ));
    s.push_str(&para_style(
        "Note",
        "Note",
        "<w:spacing w:after=\"80\"/>",
        &format!("<w:i/><w:color w:val=\"{MUTED}\"/><w:sz w:val=\"19\"/>"),
    ));
    s.push_str(&para_style(
        "Clearance",
        "Clearance",
        "<w:spacing w:after=\"20\"/>",
        &format!("{SANS}<w:sz w:val=\"17\"/>"),
    ));
    s.push_str(&para_style(
        "Endnote",
        "Source Entry",
        "<w:ind w:left=\"400\" w:hanging=\"400\"/><w:spacing w:after=\"80\"/>",
        "<w:sz w:val=\"19\"/>",
    ));
    s.push_str(&format!(
        "<w:style w:type=\"character\" w:styleId=\"CitationMarker\"><w:name w:val=\"Citation Marker\"/><w:qFormat/><w:rPr><w:color w:val=\"{ACCENT}\"/><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"DossierTable\"><w:name w:val=\"Dossier Table\"/><w:basedOn w:val=\"TableNormal\"/><w:qFormat/><w:tblPr><w:tblBorders><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C8C8C8\"/></w:tblBorders></w:tblPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"HeaderTable\"><w:name w:val=\"Memo Header Table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr/></w:style>"
    ));
    s.push_str("</w:styles>");
    s
}

/// `word/numbering.xml`: bullets (instance 1) and one decimal instance per
/// numbered list (restarting at its own start).
pub fn numbering(numbered: &[(u32, u64)]) -> String {
    let mut s = format!(
        "{DECL}<w:numbering xmlns:w=\"{W}\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"240\"/></w:pPr></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"400\" w:hanging=\"320\"/></w:pPr></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    );
    for (id, start) in numbered {
        s.push_str(&format!(
            "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>"
        ));
    }
    s.push_str("</w:numbering>");
    s
}

/// `word/header1.xml`: the marking, centred.
pub fn header(marking: &str) -> String {
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Marking\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:hdr>",
        text(marking)
    )
}

/// `word/footer1.xml`: the marking, then "Page N of M" as PAGE and NUMPAGES fields.
pub fn footer(marking: &str) -> String {
    format!(
        "{DECL}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Marking\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>\
<w:p><w:pPr><w:pStyle w:val=\"PageNumber\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> of </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>",
        text(marking)
    )
}

/// `word/document.xml` around `body`, with the page size and margins.
pub fn document(body: &str, letter: bool) -> String {
    let (w, h) = if letter {
        (12240, 15840)
    } else {
        (11906, 16838)
    };
    format!(
        "{DECL}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"default\" r:id=\"rId5\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"500\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}
