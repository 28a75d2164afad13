//! The PDF file's bytes: lopdf's objects and the objects written here as
//! bytes already (the structure tree), in object number order, then the
//! cross-reference table and the trailer. Written by hand rather than with
//! lopdf's `save`, which spends about 2.5 µs on each object: a tagged memo
//! of 100 pages has some 15,000 objects, most of them structure elements
//! that are cheaper written straight as bytes than built as dictionaries.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Bytes of PDF objects being written.
#[derive(Default)]
pub struct Bytes {
    /// The bytes so far.
    pub out: Vec<u8>,
}

impl Bytes {
    /// Appends raw PDF syntax.
    pub fn raw(&mut self, s: &[u8]) -> &mut Self {
        self.out.extend_from_slice(s);
        self
    }

    /// Appends a name, `/S`, escaping what a name cannot hold.
    pub fn name(&mut self, name: &[u8]) -> &mut Self {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.out.push(b'/');
        // A name cannot hold a NUL byte, even escaped.
        for &b in name.iter().filter(|&&b| b != 0) {
            if b <= b' ' || b > b'~' || b"()<>[]{}/%#".contains(&b) {
                self.out.extend_from_slice(&[
                    b'#',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 15)],
                ]);
            } else {
                self.out.push(b);
            }
        }
        self
    }

    /// Appends an integer.
    pub fn int(&mut self, n: i64) -> &mut Self {
        if n < 0 {
            self.out.push(b'-');
        }
        self.digits(n.unsigned_abs(), 1);
        self
    }

    /// Appends `n` in decimal, with leading zeros to `width` digits.
    fn digits(&mut self, mut n: u64, width: usize) {
        let start = self.out.len();
        while n > 0 || self.out.len() - start < width {
            self.out.push(b'0' + (n % 10) as u8);
            n /= 10;
        }
        self.out[start..].reverse();
    }

    /// Appends a reference, `12 0 R`.
    pub fn reference(&mut self, (id, generation): ObjectId) -> &mut Self {
        self.digits(u64::from(id), 1);
        self.out.push(b' ');
        self.digits(u64::from(generation), 1);
        self.out.extend_from_slice(b" R");
        self
    }

    /// Appends a number to a thousandth (0 for what is not a number: PDF
    /// has no infinity).
    fn real(&mut self, v: f32) {
        let thousandths = if v.is_finite() {
            (f64::from(v) * 1000.0).round() as i64
        } else {
            0
        };
        if thousandths < 0 {
            self.out.push(b'-');
        }
        let n = thousandths.unsigned_abs();
        self.digits(n / 1000, 1);
        let mut fraction = n % 1000;
        if fraction != 0 {
            let mut width = 3;
            while fraction % 10 == 0 {
                fraction /= 10;
                width -= 1;
            }
            self.out.push(b'.');
            self.digits(fraction, width);
        }
    }

    /// Appends a string: literal, with `\`, `(` and `)` escaped, or hex.
    fn string(&mut self, bytes: &[u8], format: StringFormat) {
        match format {
            StringFormat::Literal => {
                self.out.push(b'(');
                for &b in bytes {
                    match b {
                        b'\\' | b'(' | b')' => self.out.extend_from_slice(&[b'\\', b]),
                        b'\r' => self.out.extend_from_slice(b"\\r"),
                        _ => self.out.push(b),
                    }
                }
                self.out.push(b')');
            }
            StringFormat::Hexadecimal => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push(b'<');
                for &b in bytes {
                    self.out
                        .extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
                }
                self.out.push(b'>');
            }
        }
    }

    /// Appends a dictionary.
    fn dictionary(&mut self, dict: &Dictionary) {
        self.out.extend_from_slice(b"<<");
        for (key, value) in dict.iter() {
            self.name(key);
            self.out.push(b' ');
            self.object(value);
        }
        self.out.extend_from_slice(b">>");
    }

    /// Appends any lopdf object (a stream with its length).
    pub fn object(&mut self, object: &Object) -> &mut Self {
        match object {
            Object::Null => self.out.extend_from_slice(b"null"),
            Object::Boolean(b) => self
                .out
                .extend_from_slice(if *b { b"true" } else { b"false" }),
            Object::Integer(n) => {
                self.int(*n);
            }
            Object::Real(v) => self.real(*v),
            Object::Name(name) => {
                self.name(name);
            }
            Object::String(bytes, format) => self.string(bytes, *format),
            Object::Array(items) => {
                self.out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b' ');
                    }
                    self.object(item);
                }
                self.out.push(b']');
            }
            Object::Dictionary(dict) => self.dictionary(dict),
            Object::Stream(stream) => {
                let mut dict = stream.dict.clone();
                dict.set("Length", Object::Integer(stream.content.len() as i64));
                self.dictionary(&dict);
                self.out.extend_from_slice(b"\nstream\n");
                self.out.extend_from_slice(&stream.content);
                self.out.extend_from_slice(b"\nendstream");
            }
            Object::Reference(id) => {
                self.reference(*id);
            }
        }
        self
    }
}

/// An object to write: its id, and lopdf's object or its bytes.
type Entry<'a> = (ObjectId, Option<&'a Object>, Option<&'a [u8]>);

/// The file: `lo`'s objects and `raw` (object ids and their bytes, made
/// with [`Bytes`]), in object number order, and `lo`'s trailer.
pub fn save(lo: &lopdf::Document, raw: Vec<(ObjectId, Vec<u8>)>) -> Vec<u8> {
    // Room for the streams and raw objects, and about as much again for
    // lopdf's other objects and the cross-reference table.
    let streams: usize = lo
        .objects
        .values()
        .map(|o| o.as_stream().map_or(0, |s| s.content.len()))
        .sum();
    let raw_size: usize = raw.iter().map(|(_, bytes)| bytes.len()).sum();
    let mut file = Bytes {
        out: Vec::with_capacity(streams + raw_size + 160 * lo.objects.len() + 20 * raw.len()),
    };
    let _ = writeln!(file.out, "%PDF-{}", lo.version);
    file.raw(b"%\xe2\xe3\xcf\xd3\n");
    // Each object is lopdf's or given as bytes; both lists are in id order
    // (lopdf's map, and the structure's ids as they were reserved), so a
    // stable sort only merges them.
    let mut objects: Vec<Entry> = lo
        .objects
        .iter()
        .map(|(id, o)| (*id, Some(o), None))
        .chain(
            raw.iter()
                .map(|(id, bytes)| (*id, None, Some(bytes.as_slice()))),
        )
        .collect();
    objects.sort_by_key(|(id, ..)| *id);
    let size = objects.last().map_or(1, |((id, _), ..)| id + 1);
    let mut offsets = vec![None; size as usize];
    for ((id, generation), object, bytes) in objects {
        offsets[id as usize] = Some((file.out.len(), generation));
        file.digits(u64::from(id), 1);
        file.raw(b" ");
        file.digits(u64::from(generation), 1);
        file.raw(b" obj\n");
        match (object, bytes) {
            (Some(object), _) => {
                file.object(object);
            }
            (None, Some(bytes)) => {
                file.raw(bytes);
            }
            (None, None) => {}
        }
        file.raw(b"\nendobj\n");
    }
    let xref = file.out.len();
    let _ = write!(file.out, "xref\n0 {size}\n");
    for (i, entry) in offsets.iter().enumerate() {
        match entry {
            Some((offset, generation)) => {
                file.digits(*offset as u64, 10);
                file.raw(b" ");
                file.digits(u64::from(*generation), 5);
                file.raw(b" n\r\n");
            }
            None if i == 0 => {
                file.raw(b"0000000000 65535 f\r\n");
            }
            None => {
                file.raw(b"0000000000 00001 f\r\n");
            }
        }
    }
    let mut trailer = lo.trailer.clone();
    trailer.set("Size", Object::Integer(i64::from(size)));
    file.raw(b"trailer\n");
    file.dictionary(&trailer);
    let _ = write!(file.out, "\nstartxref\n{xref}\n%%EOF\n");
    file.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_written_as_pdf_syntax() {
        let mut b = Bytes::default();
        b.object(&Object::Array(vec![
            Object::Name(b"A B#".to_vec()),
            Object::Real(595.276),
            Object::Real(72.0),
            Object::Real(-12.25),
            Object::Real(-0.0004),
            Object::Real(f32::NAN),
            Object::Integer(-7),
            Object::string_literal("a (b) \\"),
            Object::Reference((4, 0)),
            Object::Boolean(true),
        ]));
        assert_eq!(
            String::from_utf8(b.out).unwrap(),
            "[/A#20B#23 595.276 72 -12.25 0 0 -7 (a \\(b\\) \\\\) 4 0 R true]"
        );
    }

    #[test]
    fn a_saved_file_reads_back_with_every_object() {
        let mut lo = lopdf::Document::with_version("1.7");
        let raw_id = lo.new_object_id();
        let pages = lo.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(vec![])),
            ("Count", Object::Integer(0)),
        ]));
        let catalog = lo.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
            ("Extra", Object::Reference(raw_id)),
        ]));
        lo.trailer.set("Root", Object::Reference(catalog));
        let bytes = save(&lo, vec![(raw_id, b"<</Hello 42>>".to_vec())]);
        let back = lopdf::Document::load_mem(&bytes).unwrap();
        let extra = back.get_dictionary(raw_id).unwrap();
        assert_eq!(extra.get(b"Hello").unwrap().as_i64().unwrap(), 42);
        assert!(back.get_dictionary(catalog).is_ok());
    }
}
