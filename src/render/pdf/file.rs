//! The PDF file's bytes: lopdf's objects and the objects written here as
//! bytes already (the structure tree); the small ones packed into
//! compressed object streams, with a cross-reference stream. Written by
//! hand rather than with lopdf's `save`, which spends about 2.5 µs on each
//! object: a tagged memo of 100 pages has some 15,000 objects, most of them
//! structure elements that are cheaper written straight as bytes than
//! built as dictionaries.

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

/// How many objects an object stream holds.
const PER_OBJECT_STREAM: usize = 128;

/// Where an object is found: in the file at an offset, or in an object
/// stream at an index.
#[derive(Clone, Copy)]
enum Place {
    Free,
    At(usize),
    Packed { stream: u32, index: u16 },
}

/// The file: `lo`'s objects and `raw` (object ids and their bytes, made
/// with [`Bytes`]), and `lo`'s trailer. Streams are written as they are;
/// every other object goes, compressed, into an object stream, and the
/// cross-reference table is a compressed stream too (PDF 1.5): the
/// structure tree's thousands of small dictionaries would otherwise double
/// the file.
pub fn save(lo: &lopdf::Document, raw: Vec<(ObjectId, Vec<u8>)>) -> Vec<u8> {
    let streams: usize = lo
        .objects
        .values()
        .map(|o| o.as_stream().map_or(0, |s| s.content.len()))
        .sum();
    let mut file = Bytes {
        out: Vec::with_capacity(streams + streams / 4 + 4096),
    };
    let _ = writeln!(file.out, "%PDF-{}", lo.version);
    file.raw(b"%\xe2\xe3\xcf\xd3\n");

    let mut small: Vec<(u32, Vec<u8>)> = Vec::with_capacity(lo.objects.len() + raw.len());
    let mut size = raw.iter().map(|((id, _), _)| id + 1).max().unwrap_or(1);
    for (&(id, _), object) in &lo.objects {
        size = size.max(id + 1);
        if matches!(object, Object::Stream(_)) {
            continue;
        }
        let mut bytes = Bytes::default();
        bytes.object(object);
        small.push((id, bytes.out));
    }
    small.extend(raw.into_iter().map(|((id, _), bytes)| (id, bytes)));
    small.sort_by_key(|(id, _)| *id);

    let packs = small.len().div_ceil(PER_OBJECT_STREAM) as u32;
    let xref_id = size + packs;
    let mut places = vec![Place::Free; xref_id as usize + 1];
    for (&(id, _), object) in &lo.objects {
        if matches!(object, Object::Stream(_)) {
            places[id as usize] = Place::At(file.out.len());
            file.indirect(id, object);
        }
    }
    let mut packs = Vec::with_capacity(small.len().div_ceil(PER_OBJECT_STREAM));
    for (n, pack) in small.chunks(PER_OBJECT_STREAM).enumerate() {
        let stream = size + n as u32;
        let mut header = Bytes::default();
        let mut body = Bytes::default();
        for (index, (id, bytes)) in pack.iter().enumerate() {
            places[*id as usize] = Place::Packed {
                stream,
                index: index as u16,
            };
            header.digits(u64::from(*id), 1);
            header.raw(b" ");
            header.digits(body.out.len() as u64, 1);
            header.raw(b" ");
            body.raw(bytes).raw(b"\n");
        }
        let first = header.out.len();
        header.out.extend_from_slice(&body.out);
        packs.push((stream, pack.len(), first, header.out));
    }
    let contents: Vec<&[u8]> = packs.iter().map(|p| p.3.as_slice()).collect();
    for ((stream, count, first, _), compressed) in packs.iter().zip(deflate_each(&contents)) {
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(*count as i64)),
            ("First", Object::Integer(*first as i64)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]);
        places[*stream as usize] = Place::At(file.out.len());
        file.indirect(
            *stream,
            &Object::Stream(lopdf::Stream::new(dict, compressed)),
        );
    }

    // The cross-reference stream: type, offset or object stream, and
    // generation or index, in 1, 4 and 2 bytes.
    let xref = file.out.len();
    places[xref_id as usize] = Place::At(xref);
    let mut table = Vec::with_capacity(places.len() * 7);
    for (id, place) in places.iter().enumerate() {
        let (kind, field, extra): (u8, u32, u16) = match *place {
            Place::Free if id == 0 => (0, 0, 0xffff),
            Place::Free => (0, 0, 1),
            Place::At(offset) => (1, offset as u32, 0),
            Place::Packed { stream, index } => (2, stream, index),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes());
        table.extend_from_slice(&extra.to_be_bytes());
    }
    let mut dict = lo.trailer.clone();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(i64::from(xref_id) + 1));
    dict.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let compressed = deflate_each(&[&table]).pop().unwrap_or_default();
    file.indirect(
        xref_id,
        &Object::Stream(lopdf::Stream::new(dict, compressed)),
    );
    let _ = write!(file.out, "startxref\n{xref}\n%%EOF\n");
    file.out
}

/// Each of `contents` deflated (zlib, fast level). With more than 64 KB in
/// all, the work is shared between two threads, split where half the bytes
/// are done: deflating is most of the time spent writing a memo's file.
pub fn deflate_each(contents: &[&[u8]]) -> Vec<Vec<u8>> {
    fn deflate(content: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(content.len() / 3 + 16),
            flate2::Compression::fast(),
        );
        encoder
            .write_all(content)
            .and_then(|()| encoder.finish())
            .expect("deflating into memory cannot fail")
    }
    let total: usize = contents.iter().map(|c| c.len()).sum();
    let two = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    if total < 64 * 1024 || contents.len() < 2 || !two {
        return contents.iter().map(|c| deflate(c)).collect();
    }
    let mut half = 0;
    let split = contents
        .iter()
        .position(|c| {
            half += c.len();
            half >= total / 2
        })
        .map_or(contents.len(), |i| (i + 1).min(contents.len() - 1));
    let (first, second) = contents.split_at(split);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().map(|c| deflate(c)).collect::<Vec<_>>());
        let mut out: Vec<Vec<u8>> = first.iter().map(|c| deflate(c)).collect();
        out.extend(
            other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        );
        out
    })
}

impl Bytes {
    /// Appends `id 0 obj … endobj`.
    fn indirect(&mut self, id: u32, object: &Object) {
        self.digits(u64::from(id), 1);
        self.raw(b" 0 obj\n");
        self.object(object);
        self.raw(b"\nendobj\n");
    }
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

    #[test]
    fn contents_deflated_on_two_threads_come_back_in_order() {
        use std::io::Read;
        let contents: Vec<Vec<u8>> = (0..7u8)
            .map(|n| vec![b'a' + n; 30_000 * usize::from(n + 1)])
            .collect();
        let refs: Vec<&[u8]> = contents.iter().map(Vec::as_slice).collect();
        let deflated = deflate_each(&refs);
        assert_eq!(deflated.len(), contents.len());
        for (original, compressed) in contents.iter().zip(&deflated) {
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(compressed.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(&back, original);
        }
    }
}
