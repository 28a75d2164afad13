//! WordprocessingML pieces: escaped text, runs, paragraphs, tables. Every
//! string from the memo goes through [`text`], so nothing in the data can
//! become markup, and characters XML 1.0 forbids are dropped.

use crate::assemble::Marker;

/// `s` escaped for XML text and attributes, without the control characters
/// XML 1.0 does not allow.
pub fn text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// A run of text and how it looks.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// A character style id.
    pub style: Option<&'static str>,
}

/// Plain text.
pub fn plain(t: &str) -> Run {
    Run {
        text: t.to_string(),
        ..Run::default()
    }
}

/// Bold text.
pub fn bold(t: &str) -> Run {
    Run {
        text: t.to_string(),
        bold: true,
        ..Run::default()
    }
}

/// Italic text.
pub fn italic(t: &str) -> Run {
    Run {
        text: t.to_string(),
        italic: true,
        ..Run::default()
    }
}

/// Text in a character style.
pub fn styled(t: &str, style: &'static str) -> Run {
    Run {
        text: t.to_string(),
        style: Some(style),
        ..Run::default()
    }
}

/// What a paragraph holds: runs, or citation markers linked to their endnotes.
#[derive(Debug, Clone)]
pub enum Inline {
    /// A run.
    Run(Run),
    /// Superscript markers, each a link to its endnote's bookmark.
    Markers(Vec<Marker>),
}

impl From<Run> for Inline {
    fn from(r: Run) -> Inline {
        Inline::Run(r)
    }
}

fn run_xml(out: &mut String, r: &Run) {
    if r.text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if r.bold || r.italic || r.style.is_some() {
        out.push_str("<w:rPr>");
        if let Some(s) = r.style {
            out.push_str(&format!("<w:rStyle w:val=\"{s}\"/>"));
        }
        if r.bold {
            out.push_str("<w:b/>");
        }
        if r.italic {
            out.push_str("<w:i/>");
        }
        out.push_str("</w:rPr>");
    }
    // A tab is an element of its own, between pieces of text.
    for (n, piece) in r.text.split('\t').enumerate() {
        if n > 0 {
            out.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            out.push_str(&format!(
                "<w:t xml:space=\"preserve\">{}</w:t>",
                text(piece)
            ));
        }
    }
    out.push_str("</w:r>");
}

impl Run {
    /// Whether `other` looks the same (bold, italic, character style), so
    /// that the two can be written as one run.
    fn looks_like(&self, other: &Run) -> bool {
        (self.bold, self.italic, self.style) == (other.bold, other.italic, other.style)
    }
}

/// The XML of `inlines`. Adjacent runs that look the same are written as
/// one run, so that how a paragraph was put together in pieces does not
/// show in the file.
pub fn inlines_xml(inlines: &[Inline]) -> String {
    let mut out = String::new();
    let mut pending: Option<Run> = None;
    for i in inlines {
        match i {
            Inline::Run(r) if r.text.is_empty() => {}
            Inline::Run(r) => match &mut pending {
                Some(p) if p.looks_like(r) => p.text.push_str(&r.text),
                _ => {
                    if let Some(p) = pending.replace(r.clone()) {
                        run_xml(&mut out, &p);
                    }
                }
            },
            Inline::Markers(markers) => {
                if let Some(p) = pending.take() {
                    run_xml(&mut out, &p);
                }
                markers_xml(&mut out, markers);
            }
        }
    }
    if let Some(p) = pending {
        run_xml(&mut out, &p);
    }
    out
}

/// Superscript markers, each a link to its endnote's bookmark.
fn markers_xml(out: &mut String, markers: &[Marker]) {
    for (n, m) in markers.iter().enumerate() {
        if n > 0 {
            run_xml(out, &styled(",", "CitationMarker"));
        }
        out.push_str(&format!(
            "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">",
            text(&m.anchor)
        ));
        run_xml(out, &styled(&m.number.to_string(), "CitationMarker"));
        out.push_str("</w:hyperlink>");
    }
}

/// How a paragraph is set, beyond its style.
#[derive(Debug, Clone, Default)]
pub struct ParaOptions {
    /// A bookmark around its text (an endnote's anchor).
    pub bookmark: Option<String>,
    /// A list: its numbering instance id.
    pub num: Option<u32>,
    /// Start on a new page.
    pub page_break_before: bool,
}

/// A document body being written, with the ids it hands out (counted per
/// document, so that two exports give the same bytes).
#[derive(Debug, Default)]
pub struct Body {
    /// The XML so far.
    pub xml: String,
    next_bookmark: u32,
    /// Numbered lists: each one's numbering instance restarts at its start.
    pub numbered: Vec<(u32, u64)>,
}

/// The numbering instance of bullet lists.
pub const BULLETS: u32 = 1;

impl Body {
    /// A paragraph in style `style`.
    pub fn para(&mut self, style: &str, inlines: &[Inline]) {
        self.para_with(style, inlines, ParaOptions::default());
    }

    /// A paragraph with options.
    pub fn para_with(&mut self, style: &str, inlines: &[Inline], o: ParaOptions) {
        self.xml.push_str("<w:p><w:pPr>");
        self.xml.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
        if o.page_break_before {
            self.xml.push_str("<w:pageBreakBefore/>");
        }
        if let Some(num) = o.num {
            self.xml.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr>"
            ));
        }
        self.xml.push_str("</w:pPr>");
        let id = o.bookmark.as_ref().map(|name| {
            self.next_bookmark += 1;
            let id = self.next_bookmark;
            self.xml.push_str(&format!(
                "<w:bookmarkStart w:id=\"{id}\" w:name=\"{}\"/>",
                text(name)
            ));
            id
        });
        self.xml.push_str(&inlines_xml(inlines));
        if let Some(id) = id {
            self.xml
                .push_str(&format!("<w:bookmarkEnd w:id=\"{id}\"/>"));
        }
        self.xml.push_str("</w:p>");
    }

    /// A new numbered list starting at `start`: its numbering instance.
    pub fn numbered_list(&mut self, start: u64) -> u32 {
        let id = BULLETS + 1 + self.numbered.len() as u32;
        self.numbered.push((id, start));
        id
    }

    /// A table: a header row repeated on every page, rows that do not
    /// split across pages, columns in twentieths of a point.
    pub fn table(&mut self, widths: &[u32], header: &[&str], rows: &[Vec<Vec<Inline>>]) {
        self.xml.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"DossierTable\"/><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        );
        for w in widths {
            self.xml.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.xml.push_str("</w:tblGrid>");
        let cell = |xml: &mut String, w: u32, style: &str, inlines: &[Inline], head: bool| {
            xml.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p></w:tc>",
                if head {
                    "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"1F3A5F\"/></w:tcBorders>"
                } else {
                    "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C8C8C8\"/></w:tcBorders>"
                },
                inlines_xml(inlines)
            ));
        };
        self.xml
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (h, w) in header.iter().zip(widths) {
            cell(
                &mut self.xml,
                *w,
                "TableHeading",
                &[plain(&h.to_uppercase()).into()],
                true,
            );
        }
        self.xml.push_str("</w:tr>");
        for row in rows {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (c, w) in row.iter().zip(widths) {
                cell(&mut self.xml, *w, "TableText", c, false);
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            text("<w:p> & \"x\" \u{1}\u{b}ok\tКазахстан"),
            "&lt;w:p&gt; &amp; &quot;x&quot; ok\tКазахстан"
        );
    }

    #[test]
    fn markers_are_links_to_bookmarks() {
        let xml = inlines_xml(&[
            plain("law").into(),
            Inline::Markers(vec![
                Marker {
                    number: 1,
                    anchor: "source-1".into(),
                },
                Marker {
                    number: 3,
                    anchor: "source-3".into(),
                },
            ]),
        ]);
        assert!(xml.contains("<w:hyperlink w:anchor=\"source-1\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"CitationMarker\"/></w:rPr><w:t xml:space=\"preserve\">1</w:t></w:r></w:hyperlink>"), "{xml}");
        assert!(xml.contains(">,</w:t>") && xml.contains("w:anchor=\"source-3\""));
    }

    #[test]
    fn runs_that_look_alike_are_written_as_one() {
        let xml = inlines_xml(&[
            plain("a, ").into(),
            plain("").into(),
            plain("b").into(),
            bold("c").into(),
            plain("d").into(),
            plain("\te").into(),
        ]);
        assert_eq!(xml.matches("<w:r>").count(), 3, "{xml}");
        let around = inlines_xml(&[
            plain("before").into(),
            Inline::Markers(vec![Marker {
                number: 2,
                anchor: "source-2".into(),
            }]),
            plain(" after").into(),
        ]);
        let (b, m, a) = (
            around.find(">before<").unwrap(),
            around.find("source-2").unwrap(),
            around.find("> after<").unwrap(),
        );
        assert!(b < m && m < a, "{around}");
        assert!(xml.contains(">a, b</w:t>"), "{xml}");
        assert!(
            xml.contains(">d</w:t><w:tab/><w:t xml:space=\"preserve\">e</w:t>"),
            "{xml}"
        );
    }
}
