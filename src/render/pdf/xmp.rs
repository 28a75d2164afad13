//! The memo's XMP metadata packet: what the document information says
//! (title, author, subject, keywords, program, date), the language, and
//! the PDF/UA identification (`pdfuaid:part` 1) that tells readers and
//! validators which standard the file claims.

use lopdf::{Dictionary, Object, Stream};
use quick_xml::escape::escape;

use crate::assemble::Memo;

/// The metadata stream (uncompressed, as readers of XMP expect) for `brief`,
/// whose text is in `language`.
pub fn metadata(brief: &Memo, language: &str) -> Stream {
    Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        packet(brief, language).into_bytes(),
    )
}

/// The fields of the document information that XMP repeats.
pub trait Described {
    /// The memo's title.
    fn title(&self) -> &str;
    /// Who wrote it.
    fn author(&self) -> &str;
    /// Its subject line.
    fn subject(&self) -> &str;
    /// Its keywords (the topics).
    fn keywords(&self) -> &[String];
    /// Its date, `YYYY-MM-DD`.
    fn date_iso(&self) -> &str;
}

impl Described for Memo {
    fn title(&self) -> &str {
        &self.title
    }
    fn author(&self) -> &str {
        &self.author
    }
    fn subject(&self) -> &str {
        &self.subject
    }
    fn keywords(&self) -> &[String] {
        &self.keywords
    }
    fn date_iso(&self) -> &str {
        &self.date_iso
    }
}

/// The XMP packet's text.
fn packet(brief: &impl Described, language: &str) -> String {
    let mut fields = String::new();
    let mut field = |xml: String| {
        fields.push_str("   ");
        fields.push_str(&xml);
        fields.push('\n');
    };
    field(format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        escape(brief.title())
    ));
    if !brief.author().trim().is_empty() {
        field(format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(brief.author())
        ));
    }
    if !brief.subject().trim().is_empty() {
        field(format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(brief.subject())
        ));
    }
    field(format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
        escape(language)
    ));
    field("<dc:format>application/pdf</dc:format>".into());
    if !brief.keywords().is_empty() {
        field(format!(
            "<pdf:Keywords>{}</pdf:Keywords>",
            escape(brief.keywords().join(", ").as_str())
        ));
    }
    field("<pdf:Producer>Dossier</pdf:Producer>".into());
    field("<xmp:CreatorTool>Dossier</xmp:CreatorTool>".into());
    if let Ok(day) = chrono::NaiveDate::parse_from_str(brief.date_iso(), "%Y-%m-%d") {
        let date = day.format("%Y-%m-%dT00:00:00Z");
        field(format!("<xmp:CreateDate>{date}</xmp:CreateDate>"));
        field(format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>"));
    }
    field("<pdfuaid:part>1</pdfuaid:part>".into());
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
  <rdf:Description rdf:about=\"\"
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"
    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">
{fields}  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"r\"?>"
    )
}

#[cfg(test)]
mod tests {
    use super::Described;

    struct Titled(String);

    impl Described for Titled {
        fn title(&self) -> &str {
            &self.0
        }
        fn author(&self) -> &str {
            "Desk <one>"
        }
        fn subject(&self) -> &str {
            ""
        }
        fn keywords(&self) -> &[String] {
            &[]
        }
        fn date_iso(&self) -> &str {
            "2026-12-01"
        }
    }

    #[test]
    fn data_strings_are_escaped_and_the_standard_is_named() {
        let xmp = super::packet(&Titled("Talks <&> \"next\"".into()), "en");
        assert!(
            xmp.contains(">Talks &lt;&amp;&gt; &quot;next&quot;</rdf:li>"),
            "{xmp}"
        );
        assert!(xmp.contains("<rdf:li>Desk &lt;one&gt;</rdf:li>"), "{xmp}");
        assert!(!xmp.contains("dc:description"), "no empty subject");
        assert!(xmp.contains("<xmp:CreateDate>2026-12-01T00:00:00Z</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<rdf:li>en</rdf:li>"));
    }
}
