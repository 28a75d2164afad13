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
