//! Readers, one per document format: each turns a file's bytes into a
//! [`Document`] — the plain text that becomes the source's text, and what
//! the file says about itself (title, publisher, date, author), which only
//! prefills the source record.
//!
//! Each reader leans on a well-kept crate: `scraper` (html5ever) for web
//! pages, `zip` and `quick-xml` for Word files, `pdf-extract` for PDFs. The
//! PDF and Word readers parse untrusted binary formats, so callers run them
//! in a child process with limits ([`super::isolate`]).

use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The largest document Dossier reads, of any format: 20 MiB of file, and
/// as much text once extracted.
pub const MAX_BYTES: usize = crate::limits::MAX_DOCUMENT as usize;

/// A document's text and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The text, paragraphs separated by blank lines; it becomes the
    /// source's `.txt`, so every quote is a passage of it.
    pub text: String,
    /// The title the document gives itself.
    pub title: Option<String>,
    /// The publisher or site name it gives.
    pub publisher: Option<String>,
    /// Its publication date, at the precision it gives.
    pub date: Option<Date>,
    /// The author it names.
    pub author: Option<String>,
    /// Its canonical address.
    pub url: Option<String>,
    /// What the reader left out (navigation, scripts…), for the source's notes.
    pub dropped: Vec<String>,
    /// For a PDF, the byte offset in `text` where each page starts (page 1 first).
    pub pages: Vec<usize>,
}

/// The formats Dossier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`).
    Text,
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// A PDF with a text layer (`.pdf`).
    Pdf,
    /// A Word document (`.docx`).
    Docx,
}

impl Format {
    /// The format a file name's extension says, if Dossier reads it.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Why a document could not be read; each says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ReadError {
    /// Larger than [`MAX_BYTES`].
    #[error(
        "is larger than Dossier reads ({size} bytes; the limit is 20 MiB); split it or keep the part that matters"
    )]
    TooLarge {
        /// Its size in bytes.
        size: usize,
    },
    /// Nothing to read.
    #[error("holds no text")]
    Empty,
    /// Not the format its name says.
    #[error("is not a {0} document: {1}")]
    NotThatFormat(String, String),
    /// A PDF with no text layer (a scan).
    #[error(
        "is a PDF without a text layer (a scan or images); run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and ingest the result"
    )]
    NoTextLayer,
    /// The reader took too long or too much memory, or crashed.
    #[error(
        "could not be read within Dossier's limits ({0}); the file may be damaged — save it again from its program, or as text"
    )]
    Runaway(String),
}

/// Reads a document's bytes as `format`.
pub fn read(bytes: &[u8], format: Format) -> Result<Document, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge { size: bytes.len() });
    }
    let mut doc = match format {
        Format::Text => text(bytes)?,
        Format::Html => html(bytes)?,
        Format::Pdf => pdf(bytes)?,
        Format::Docx => docx(bytes)?,
    };
    doc.text = tidy(&doc.text);
    if doc.text.len() > MAX_BYTES {
        return Err(ReadError::TooLarge {
            size: doc.text.len(),
        });
    }
    if doc.text.trim().is_empty() {
        return Err(match format {
            Format::Pdf => ReadError::NoTextLayer,
            _ => ReadError::Empty,
        });
    }
    Ok(doc)
}

/// Line ends made `\n`, trailing spaces dropped, at most one blank line in a
/// row, no control characters but tab and line feed.
fn tidy(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line: String = line
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

fn text(bytes: &[u8]) -> Result<Document, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(ReadError::NotThatFormat(
            "text".into(),
            "it holds binary data".into(),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ReadError::NotThatFormat(
            "text".into(),
            format!(
                "it is not UTF-8 (byte {}); save it as UTF-8 text",
                e.valid_up_to()
            ),
        )
    })?;
    Ok(Document {
        title: text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| l.chars().take(200).collect()),
        text: text.to_string(),
        ..Document::default()
    })
}

/// Elements whose text is not the document's: what the reader drops, and
/// how the notes name it.
const DROPPED: [(&str, &str); 9] = [
    ("script", "scripts"),
    ("style", "styles"),
    ("noscript", "noscript blocks"),
    ("nav", "navigation"),
    ("header", "page header"),
    ("footer", "page footer"),
    ("aside", "side panels"),
    ("form", "forms"),
    ("template", "templates"),
];

/// Elements that start a paragraph of their own.
const BLOCKS: [&str; 16] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "tr",
    "div",
];

fn html(bytes: &[u8]) -> Result<Document, ReadError> {
    use scraper::{Html, Selector};
    let source = decode_html(bytes);
    let page = Html::parse_document(&source);
    let sel = |s: &str| Selector::parse(s).expect("a valid selector");
    let meta = |s: &str| {
        page.select(&sel(s))
            .find_map(|m| m.value().attr("content"))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    let title = meta(r#"meta[property="og:title"]"#).or_else(|| {
        page.select(&sel("title"))
            .next()
            .map(|t| t.text().collect::<String>().trim().to_string())
            .filter(|t| !t.is_empty())
    });
    let json_ld: Vec<serde_json::Value> = page
        .select(&sel(r#"script[type="application/ld+json"]"#))
        .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
        .collect();
    let from_ld = |key: &str| {
        json_ld.iter().find_map(|v| {
            let v = if v.is_array() { v.get(0)? } else { v };
            match v.get(key)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Object(o) => o.get("name")?.as_str().map(str::to_string),
                serde_json::Value::Array(a) => a.first()?.get("name")?.as_str().map(str::to_string),
                _ => None,
            }
        })
    };
    let date_text = meta(r#"meta[property="article:published_time"]"#)
        .or_else(|| from_ld("datePublished"))
        .or_else(|| meta(r#"meta[name="date"]"#))
        .or_else(|| {
            page.select(&sel("time[datetime]"))
                .find_map(|t| t.value().attr("datetime").map(str::to_string))
        });
    let date = date_text.as_deref().and_then(date_from_metadata);
    let publisher = meta(r#"meta[property="og:site_name"]"#).or_else(|| from_ld("publisher"));
    let author = meta(r#"meta[name="author"]"#).or_else(|| from_ld("author"));
    let url = meta(r#"meta[property="og:url"]"#).or_else(|| {
        page.select(&sel(r#"link[rel="canonical"]"#))
            .find_map(|l| l.value().attr("href").map(str::to_string))
    });

    let root = page
        .select(&sel("article"))
        .next()
        .or_else(|| page.select(&sel("main")).next())
        .or_else(|| page.select(&sel("body")).next());
    let mut dropped = Vec::new();
    let mut text = String::new();
    if let Some(root) = root {
        let mut seen_dropped = std::collections::BTreeSet::new();
        collect_text(root, &mut text, &mut seen_dropped);
        for (tag, words) in DROPPED {
            if seen_dropped.contains(tag) {
                dropped.push(words.to_string());
            }
        }
        if root.value().name() != "body" {
            dropped.push(format!(
                "everything outside the page's <{}>",
                root.value().name()
            ));
        }
    }
    Ok(Document {
        text,
        title,
        publisher,
        date,
        author,
        url,
        dropped,
        pages: Vec::new(),
    })
}

/// A web page's bytes as text, in the encoding it declares (a byte-order
/// mark, `<meta charset>` or `http-equiv` content type in its first 2 KiB),
/// else UTF-8.
fn decode_html(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let label = head.find("charset=").map(|at| {
        head[at + "charset=".len()..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
    });
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

/// Appends the text under `node`, a blank line between blocks, skipping
/// the elements of [`DROPPED`] (noting which were there).
fn collect_text(
    node: scraper::ElementRef,
    out: &mut String,
    dropped: &mut std::collections::BTreeSet<&'static str>,
) {
    use scraper::Node;
    for child in node.children() {
        match child.value() {
            Node::Text(t) => {
                let piece = t.text.split_whitespace().collect::<Vec<_>>().join(" ");
                if piece.is_empty() {
                    if t.text.chars().any(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                        out.push(' ');
                    }
                    continue;
                }
                if t.text.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
                out.push_str(&piece);
                if t.text.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if let Some((tag, _)) = DROPPED.iter().find(|(t, _)| *t == name) {
                    dropped.insert(tag);
                    continue;
                }
                let Some(el) = scraper::ElementRef::wrap(child) else {
                    continue;
                };
                if name == "br" {
                    out.push('\n');
                } else if BLOCKS.contains(&name) {
                    end_paragraph(out);
                    collect_text(el, out, dropped);
                    end_paragraph(out);
                } else {
                    collect_text(el, out, dropped);
                }
            }
            _ => {}
        }
    }
}

fn end_paragraph(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

/// A date from document metadata (`2024-05-20T10:00:00Z`, `2024-05-20`,
/// `2024-05`, `2024`), at the precision it gives.
pub fn date_from_metadata(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = s.get(..10).filter(|d| d.len() == 10);
    for candidate in [day, s.get(..7), s.get(..4)].into_iter().flatten() {
        if let Ok(d) = candidate.parse::<Date>()
            && (candidate.len() == s.len() || candidate.len() == 10)
        {
            return Some(d);
        }
    }
    None
}

/// The largest total the parts of a Word file may unpack to: a ZIP bomb
/// stops here.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

fn docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let not_docx = |why: String| ReadError::NotThatFormat("Word (.docx)".into(), why);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| not_docx(format!("it is not a ZIP package ({e})")))?;
    let mut part = |name: &str| -> Result<Option<String>, ReadError> {
        let file = match archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(not_docx(format!("its part {name} cannot be read ({e})"))),
        };
        if file.size() > MAX_UNPACKED {
            return Err(ReadError::TooLarge {
                size: file.size() as usize,
            });
        }
        let mut out = String::new();
        file.take(MAX_UNPACKED + 1)
            .read_to_string(&mut out)
            .map_err(|e| not_docx(format!("its part {name} is damaged ({e})")))?;
        if out.len() as u64 > MAX_UNPACKED {
            return Err(ReadError::TooLarge { size: out.len() });
        }
        Ok(Some(out))
    };
    let body =
        part("word/document.xml")?.ok_or_else(|| not_docx("it has no word/document.xml".into()))?;
    let core = part("docProps/core.xml")?;
    let text = docx_paragraphs(&body).map_err(not_docx)?;
    let mut doc = Document {
        text,
        ..Document::default()
    };
    if let Some(core) = core {
        doc.title = xml_element_text(&core, b"title");
        doc.author = xml_element_text(&core, b"creator");
        doc.date = xml_element_text(&core, b"created")
            .as_deref()
            .and_then(date_from_metadata);
    }
    Ok(doc)
}

/// The text of each `w:p` paragraph of a Word body, a blank line between.
fn docx_paragraphs(xml: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"t" => in_text = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let p = paragraph.trim();
                    if !p.is_empty() {
                        out.push_str(p);
                        out.push_str("\n\n");
                    }
                    paragraph.clear();
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"tab" => paragraph.push('\t'),
                b"br" | b"cr" => paragraph.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t
                    .decode()
                    .map_err(|e| format!("its text cannot be decoded ({e})"))?;
                let s = quick_xml::escape::unescape(&s)
                    .map_err(|e| format!("its text cannot be decoded ({e})"))?;
                paragraph.push_str(&s);
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let name = r.decode().unwrap_or_default();
                let entity = format!("&{name};");
                if let Ok(s) = quick_xml::escape::unescape(&entity) {
                    paragraph.push_str(&s);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("its XML is damaged ({e})")),
            _ => {}
        }
    }
    Ok(out)
}

/// The text of the first element with this local name.
fn xml_element_text(xml: &str, local: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == local => inside = true,
            Event::End(e) if e.local_name().as_ref() == local => {
                let t = out.trim().to_string();
                return (!t.is_empty()).then_some(t);
            }
            Event::Text(t) if inside => {
                out.push_str(&t.decode().ok()?);
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn pdf(bytes: &[u8]) -> Result<Document, ReadError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(ReadError::NotThatFormat(
            "PDF".into(),
            "it does not start with %PDF".into(),
        ));
    }
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes)
        .map_err(|e| ReadError::NotThatFormat("PDF".into(), format!("it cannot be read ({e})")))?;
    if pages.is_empty() {
        return Err(ReadError::NotThatFormat(
            "PDF".into(),
            "its page tree leads to no page (it is damaged, or its pages refer back to themselves); open it in a PDF viewer, print or save it as a new PDF, and bring that in".into(),
        ));
    }
    let mut text = String::new();
    let mut starts = Vec::new();
    for page in pages {
        starts.push(text.len());
        let page = tidy(&page);
        if !page.trim().is_empty() {
            text.push_str(&page);
            text.push('\n');
        }
    }
    let (title, author, date) = pdf_info(bytes);
    Ok(Document {
        text,
        pages: starts,
        title,
        author,
        date,
        ..Document::default()
    })
}

/// A PDF's own title, author and creation date, from its document
/// information dictionary, where it has them.
fn pdf_info(bytes: &[u8]) -> (Option<String>, Option<String>, Option<Date>) {
    let Ok(doc) = lopdf::Document::load_mem(bytes) else {
        return (None, None, None);
    };
    let info = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let Some(info) = info else {
        return (None, None, None);
    };
    let text = |key: &[u8]| {
        let bytes = info.get(key).ok()?.as_str().ok()?;
        let s = match bytes.strip_prefix(&[0xFE, 0xFF]) {
            Some(utf16) => {
                let units: Vec<u16> = utf16
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            // PDFDocEncoding agrees with Latin-1 on the printable range.
            None => bytes.iter().map(|&b| b as char).collect(),
        };
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    // D:YYYYMMDD…, at the precision it gives.
    let date = text(b"CreationDate").and_then(|d| {
        let digits: String = d
            .trim_start_matches("D:")
            .chars()
            .take_while(char::is_ascii_digit)
            .take(8)
            .collect();
        let iso = match digits.len() {
            8 => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]),
            6 => format!("{}-{}", &digits[..4], &digits[4..]),
            4 => digits,
            _ => return None,
        };
        iso.parse().ok()
    });
    (text(b"Title"), text(b"Author"), date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_the_article_and_drops_the_rest() {
        let page = r#"<!doctype html><html><head><title>Site | Talks held</title>
<meta property="og:site_name" content="The Wire">
<meta property="article:published_time" content="2024-05-21T09:00:00Z">
<script>var x = "not text";</script><style>p{}</style></head>
<body><nav><a href="/">Home</a></nav><article><h1>Talks held</h1>
<p>The two sides <b>met</b> in Astana on May 20.</p><p>They agreed to meet again.</p></article>
<footer>© The Wire</footer></body></html>"#;
        let doc = read(page.as_bytes(), Format::Html).unwrap();
        assert_eq!(
            doc.text,
            "Talks held\n\nThe two sides met in Astana on May 20.\n\nThey agreed to meet again.\n"
        );
        assert_eq!(doc.title.as_deref(), Some("Site | Talks held"));
        assert_eq!(doc.publisher.as_deref(), Some("The Wire"));
        assert_eq!(doc.date.unwrap().to_string(), "2024-05-21");
        assert!(doc.dropped.iter().any(|d| d.contains("<article>")));
    }

    #[test]
    fn html_in_the_encoding_it_declares() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "<html><head><meta charset=\"windows-1251\"></head><body><p>Диалог в Астане.</p></body></html>",
        );
        let doc = read(&bytes, Format::Html).unwrap();
        assert_eq!(doc.text, "Диалог в Астане.\n");
    }

    #[test]
    fn html_that_is_only_scripts_holds_no_text() {
        let page = "<html><body><script>alert(1)</script></body></html>";
        assert_eq!(read(page.as_bytes(), Format::Html), Err(ReadError::Empty));
    }

    #[test]
    fn text_refuses_binary_and_reads_utf8() {
        assert!(matches!(
            read(b"\x00\x01\x02binary", Format::Text),
            Err(ReadError::NotThatFormat(..))
        ));
        assert!(matches!(
            read(b"\xff\xfe\xfd", Format::Text),
            Err(ReadError::NotThatFormat(..))
        ));
        assert_eq!(read(b"  \n\n ", Format::Text), Err(ReadError::Empty));
        let doc = read("Заголовок\r\n\r\n\r\nТекст.  \r\n".as_bytes(), Format::Text).unwrap();
        assert_eq!(doc.text, "Заголовок\n\nТекст.\n");
    }

    #[test]
    fn a_docx_that_is_not_a_zip_is_refused() {
        assert!(matches!(
            read(b"PK not really", Format::Docx),
            Err(ReadError::NotThatFormat(..))
        ));
    }

    #[test]
    fn metadata_dates_keep_their_precision() {
        assert_eq!(
            date_from_metadata("2024-05-20T10:00:00+05:00")
                .unwrap()
                .to_string(),
            "2024-05-20"
        );
        assert_eq!(
            date_from_metadata("2024-05").unwrap().to_string(),
            "2024-05"
        );
        assert_eq!(date_from_metadata("2024").unwrap().to_string(), "2024");
        assert_eq!(date_from_metadata("May 2024"), None);
    }
}
