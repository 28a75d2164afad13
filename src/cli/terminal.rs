//! What Dossier prints for people: control characters that come from data
//! (an id, a label or a quote holding escape sequences) are shown escaped,
//! never sent to the terminal, where they could clear the screen, retitle
//! the window or hide text. The escape is JSON's own (`\u001b`), so that
//! JSON output, which passes through here too, stays valid and means the
//! same. The memo's own bytes (`--out -`) do not pass through here.

use std::borrow::Cow;
use std::io::{self, Write};

/// `text` with every control character except new line and tab, and every
/// bidirectional override, written as `\u001b`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hazard(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A writer that passes what is written through [`printable`].
pub struct Printable<W: Write>(pub W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(printable(text).as_bytes())?,
            // Not text (a piece cut inside a character): only the one-byte
            // controls can be told apart.
            Err(_) => {
                let safe: Vec<u8> = buf
                    .iter()
                    .flat_map(|&b| {
                        if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
                            format!("\\u{b:04x}").into_bytes()
                        } else {
                            vec![b]
                        }
                    })
                    .collect();
                self.0.write_all(&safe)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_data_are_shown_not_obeyed() {
        assert_eq!(printable("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            printable("id\u{1b}]0;owned\u{7}\u{1b}[2J"),
            "id\\u001b]0;owned\\u0007\\u001b[2J"
        );
        assert_eq!(printable("a\u{9b}b\u{202e}c"), "a\\u009bb\\u202ec");
        // Inside a JSON string the escape is JSON's, meaning the same.
        let json = serde_json::to_string("x\u{202e}y\u{7f}").unwrap();
        let shown = printable(&json);
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, "x\u{202e}y\u{7f}");
        let mut out = Printable(Vec::new());
        write!(out, "label: x\u{1b}[31m").unwrap();
        assert_eq!(String::from_utf8(out.0).unwrap(), "label: x\\u001b[31m");
    }
}
