//! Text matching where white space may differ: a quote is verbatim when it
//! appears in its source once every run of white space is taken as one space.

/// A text with every run of white space collapsed to one space and the ends trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized(String);

impl Normalized {
    /// Collapses the white space of `text`.
    pub fn new(text: &str) -> Normalized {
        Normalized(collapse_whitespace(text))
    }

    /// The collapsed text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `passage` appears in this text, white space aside.
    pub fn contains(&self, passage: &str) -> bool {
        let passage = collapse_whitespace(passage);
        !passage.is_empty() && memchr::memmem::find(self.0.as_bytes(), passage.as_bytes()).is_some()
    }

    /// For each of `passages`, whether it appears in this text, white space
    /// aside: one pass over the text for all of them (an Aho-Corasick
    /// automaton), where asking [`Self::contains`] of each would read the
    /// text once per passage.
    pub fn contains_each(&self, passages: &[&str]) -> Vec<bool> {
        if passages.len() <= 8 {
            return passages.iter().map(|p| self.contains(p)).collect();
        }
        let collapsed: Vec<String> = passages.iter().map(|p| collapse_whitespace(p)).collect();
        let mut found: Vec<bool> = vec![false; passages.len()];
        let patterns: Vec<(usize, &str)> = collapsed
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(i, p)| (i, p.as_str()))
            .collect();
        let Ok(automaton) = aho_corasick::AhoCorasick::new(patterns.iter().map(|(_, p)| p)) else {
            return passages.iter().map(|p| self.contains(p)).collect();
        };
        let mut left = patterns.len();
        for m in automaton.find_overlapping_iter(self.0.as_str()) {
            let slot = &mut found[patterns[m.pattern().as_usize()].0];
            if !*slot {
                *slot = true;
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
        found
    }

    /// The longest start of `passage` (white space collapsed) that appears in
    /// this text, to show a curator where a quote stops matching.
    pub fn longest_prefix_found(&self, passage: &str) -> Option<String> {
        let passage = collapse_whitespace(passage);
        let ends: Vec<usize> = passage
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .collect();
        // Containment is monotone in prefix length, so search for the boundary.
        let found = ends.partition_point(|&end| self.0.contains(&passage[..end]));
        (found > 0).then(|| passage[..ends[found - 1]].to_string())
    }
}

/// `text` with each run of white space replaced by one space, ends trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod contains_each_tests {
    use super::Normalized;

    #[test]
    fn finds_each_passage_as_contains_does() {
        let text =
            Normalized::new("The  minister said\nthat the law passed. It did not pass twice.");
        let passages: Vec<String> = (0..20)
            .map(|i| match i % 4 {
                0 => "minister said that".to_string(),
                1 => "law passed. It".to_string(),
                2 => format!("not there {i}"),
                _ => "   ".to_string(),
            })
            .collect();
        let refs: Vec<&str> = passages.iter().map(String::as_str).collect();
        let expected: Vec<bool> = refs.iter().map(|p| text.contains(p)).collect();
        assert_eq!(text.contains_each(&refs), expected);
        assert_eq!(expected.iter().filter(|f| **f).count(), 10);
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list<S: AsRef<str>>(words: &[S]) -> String {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_may_differ() {
        let text = Normalized::new("It is an honor  to be in\nNur-Sultan to launch\tthis.");
        assert!(text.contains("an honor to be in Nur-Sultan"));
        assert!(text.contains("  honor to\n\nbe "));
        assert!(!text.contains("an honour to be"));
        assert!(!text.contains("   "));
        assert!(!text.contains(""));
    }

    #[test]
    fn punctuation_and_case_must_match() {
        let text = Normalized::new("President Tokayev’s reform agenda");
        assert!(!text.contains("President Tokayev's reform agenda"));
        assert!(!text.contains("president Tokayev’s"));
    }

    #[test]
    fn longest_prefix() {
        let text = Normalized::new("the passage of the April 2024 law");
        assert_eq!(
            text.longest_prefix_found("the passage of the May 2024 law")
                .as_deref(),
            Some("the passage of the ")
        );
        assert_eq!(text.longest_prefix_found("xyz"), None);
        assert_eq!(
            Normalized::new("Астана и Алматы")
                .longest_prefix_found("Астана и Бишкек")
                .as_deref(),
            Some("Астана и ")
        );
    }
}

/// Whether `text` is a web address as a source's `url` must be: it starts
/// with `https://` or `http://`.
pub fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// Ids are lower-case ASCII letters, digits and hyphens, so that they are
/// safe in file names, URLs and HTML anchors.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Lower-case ASCII letters, digits and single hyphens: an id.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in deunicode_lite(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars()
        .take(crate::limits::MAX_ID_CHARS)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// Cyrillic and common accented letters spelled in ASCII, for ids.
fn deunicode_lite(text: &str) -> String {
    const CYRILLIC: [(&str, &str); 33] = [
        ("а", "a"),
        ("б", "b"),
        ("в", "v"),
        ("г", "g"),
        ("д", "d"),
        ("е", "e"),
        ("ё", "e"),
        ("ж", "zh"),
        ("з", "z"),
        ("и", "i"),
        ("й", "y"),
        ("к", "k"),
        ("л", "l"),
        ("м", "m"),
        ("н", "n"),
        ("о", "o"),
        ("п", "p"),
        ("р", "r"),
        ("с", "s"),
        ("т", "t"),
        ("у", "u"),
        ("ф", "f"),
        ("х", "kh"),
        ("ц", "ts"),
        ("ч", "ch"),
        ("ш", "sh"),
        ("щ", "shch"),
        ("ъ", ""),
        ("ы", "y"),
        ("ь", ""),
        ("э", "e"),
        ("ю", "yu"),
        ("я", "ya"),
    ];
    let mut out = String::new();
    for c in text.chars() {
        let lower = c.to_lowercase().to_string();
        match CYRILLIC.iter().find(|(k, _)| *k == lower) {
            Some((_, v)) => out.push_str(v),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod slug_tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(
            slug("Kazakh MFA — 2025: Defamation!"),
            "kazakh-mfa-2025-defamation"
        );
        assert_eq!(slug("Министр"), "ministr");
    }
}
