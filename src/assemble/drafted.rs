//! The drafter's own text — bottom line, talking points, comments, next
//! steps — read as light Markdown by pulldown-cmark into a small model both
//! renderers set as text: paragraphs, bullet and numbered lists, emphasis,
//! and `[@item-id]` citations resolved to the item's markers. Raw HTML,
//! links and images are kept as the text the drafter typed, so nothing in
//! it can become markup.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::Marker;

/// A piece of the drafter's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rich {
    /// Its paragraphs and lists, in order.
    pub blocks: Vec<RichBlock>,
}

/// A paragraph or a list of the drafter's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RichBlock {
    /// A paragraph.
    Paragraph {
        /// Its text.
        spans: Vec<RichSpan>,
    },
    /// A bullet list (nested lists are flattened into it).
    Bullets {
        /// Each item's text.
        items: Vec<Vec<RichSpan>>,
    },
    /// A numbered list.
    Numbered {
        /// The first number.
        start: u64,
        /// Each item's text.
        items: Vec<Vec<RichSpan>>,
    },
}

/// A run of the drafter's text in one style, or a citation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RichSpan {
    /// The text (empty for a citation).
    pub text: String,
    /// In italics.
    pub em: bool,
    /// In bold.
    pub strong: bool,
    /// A citation: the cited item's id.
    pub cite: Option<String>,
    /// A citation's markers, numbered as every other.
    pub markers: Vec<Marker>,
}

/// An id cited with `[@id]` that cannot be cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCitation {
    /// The id as written.
    pub id: String,
    /// Why (`is not in the dataset`).
    pub why: String,
}

/// Builds the model while the parser's events come in.
struct Builder<'r> {
    blocks: Vec<RichBlock>,
    current: Vec<RichSpan>,
    pending: String,
    em: usize,
    strong: usize,
    /// Open lists: the outermost collects items; a list inside an item
    /// continues that item's text (`first — a; b`).
    lists: Vec<(Option<u64>, Vec<Vec<RichSpan>>)>,
    /// Items begun in the innermost nested list.
    inner_items: Vec<usize>,
    resolve: &'r mut dyn FnMut(&str) -> Result<Vec<Marker>, String>,
    error: Option<BadCitation>,
}

impl Builder<'_> {
    fn text(&mut self, t: &str) {
        self.pending.push_str(t);
    }

    /// Ends the run of text in the current style, cutting out citations.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.pending);
        let (em, strong) = (self.em > 0, self.strong > 0);
        let mut rest = text.as_str();
        while let Some((before, id, after)) = next_citation(rest) {
            // The marker hangs on the word before it: "law¹", not "law ¹".
            let before = before.trim_end();
            if !before.is_empty() {
                self.current.push(RichSpan {
                    text: before.to_string(),
                    em,
                    strong,
                    ..RichSpan::default()
                });
            }
            match (self.resolve)(id) {
                Ok(markers) => self.current.push(RichSpan {
                    cite: Some(id.to_string()),
                    markers,
                    ..RichSpan::default()
                }),
                Err(why) => {
                    self.error.get_or_insert(BadCitation {
                        id: id.to_string(),
                        why,
                    });
                }
            }
            rest = after;
        }
        if !rest.is_empty() {
            self.current.push(RichSpan {
                text: rest.to_string(),
                em,
                strong,
                ..RichSpan::default()
            });
        }
    }

    /// Text that is never a citation (a code span).
    fn literal(&mut self, t: &str) {
        self.flush();
        self.current.push(RichSpan {
            text: t.to_string(),
            em: self.em > 0,
            strong: self.strong > 0,
            ..RichSpan::default()
        });
    }

    fn take_spans(&mut self) -> Vec<RichSpan> {
        self.flush();
        let mut spans = std::mem::take(&mut self.current);
        // White space at the ends of a paragraph or item is not text.
        if let Some(first) = spans.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = spans.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        spans.retain(|s| !s.text.is_empty() || s.cite.is_some());
        spans
    }

    fn end_block(&mut self) {
        if self.lists.is_empty() {
            let spans = self.take_spans();
            if !spans.is_empty() {
                self.blocks.push(RichBlock::Paragraph { spans });
            }
        } else {
            self.text(" ");
        }
    }

    fn end_item(&mut self) {
        let spans = self.take_spans();
        if let (false, Some((_, items))) = (spans.is_empty(), self.lists.last_mut()) {
            items.push(spans);
        }
    }
}

/// The first `[@id]` in `text`: what comes before, the id, what comes after.
fn next_citation(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(at) = text[from..].find("[@") {
        let start = from + at;
        let body = &text[start + 2..];
        // Anything up to the bracket, without white space, is meant as an
        // id: one that is not an item's is an error, never silent text.
        let len = body
            .find(|c: char| c == ']' || c == '[' || c.is_whitespace())
            .unwrap_or(body.len());
        if len > 0 && body[len..].starts_with(']') {
            return Some((&text[..start], &body[..len], &body[len + 1..]));
        }
        from = start + 2;
    }
    None
}

/// Reads `text` as light Markdown; each `[@id]` is resolved by `resolve`
/// to its markers, or refused with the reason. Returns the first refusal.
pub fn parse(
    text: &str,
    resolve: &mut dyn FnMut(&str) -> Result<Vec<Marker>, String>,
) -> Result<Rich, BadCitation> {
    let mut b = Builder {
        blocks: Vec::new(),
        current: Vec::new(),
        pending: String::new(),
        em: 0,
        strong: 0,
        lists: Vec::new(),
        inner_items: Vec::new(),
        resolve,
        error: None,
    };
    // A link or an image is kept as typed: its events are skipped to its end.
    let mut skip_to: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        if let Some(end) = skip_to {
            if range.end <= end
                && !matches!(event, Event::End(TagEnd::Link | TagEnd::Image) if range.end == end)
            {
                continue;
            }
            skip_to = None;
            if matches!(event, Event::End(TagEnd::Link | TagEnd::Image)) {
                continue;
            }
        }
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                b.text(&text[range.clone()]);
                skip_to = Some(range.end);
            }
            Event::Start(Tag::Emphasis) => {
                b.flush();
                b.em += 1;
            }
            Event::End(TagEnd::Emphasis) => {
                b.flush();
                b.em = b.em.saturating_sub(1);
            }
            Event::Start(Tag::Strong) => {
                b.flush();
                b.strong += 1;
            }
            Event::End(TagEnd::Strong) => {
                b.flush();
                b.strong = b.strong.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                if b.lists.is_empty() {
                    b.end_block();
                    b.lists.push((start, Vec::new()));
                } else {
                    b.inner_items.push(0);
                }
            }
            Event::End(TagEnd::List(_)) if b.inner_items.pop().is_none() => {
                b.end_item();
                if let Some((start, items)) = b.lists.pop()
                    && !items.is_empty()
                {
                    b.blocks.push(match start {
                        Some(n) => RichBlock::Numbered { start: n, items },
                        None => RichBlock::Bullets { items },
                    });
                }
            }
            Event::Start(Tag::Item) => match b.inner_items.last().copied() {
                Some(n) => {
                    b.text(if n == 0 { " — " } else { "; " });
                    if let Some(last) = b.inner_items.last_mut() {
                        *last += 1;
                    }
                }
                None => b.end_item(),
            },
            Event::End(TagEnd::Item) if b.inner_items.is_empty() => b.end_item(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::HtmlBlock,
            ) => b.end_block(),
            Event::Code(t) => b.literal(&t),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => b.text(&t),
            Event::SoftBreak | Event::HardBreak => b.text(" "),
            _ => {}
        }
    }
    b.end_block();
    match b.error {
        Some(e) => Err(e),
        None => Ok(Rich { blocks: b.blocks }),
    }
}

impl Rich {
    /// Whether it holds no text.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The ids it cites, in order.
    pub fn cited(&self) -> Vec<&str> {
        let spans = self.blocks.iter().flat_map(|b| match b {
            RichBlock::Paragraph { spans } => vec![spans],
            RichBlock::Bullets { items } | RichBlock::Numbered { items, .. } => {
                items.iter().collect()
            }
        });
        spans.flatten().filter_map(|s| s.cite.as_deref()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(id: &str) -> Result<Vec<Marker>, String> {
        match id {
            "known" => Ok(vec![Marker {
                number: 1,
                anchor: "source-1".into(),
            }]),
            _ => Err("is not in the dataset".into()),
        }
    }

    fn read(text: &str) -> Result<Rich, BadCitation> {
        parse(text, &mut markers)
    }

    fn plain(spans: &[RichSpan]) -> String {
        spans
            .iter()
            .map(|s| match &s.cite {
                Some(id) => format!("<{id}>"),
                None if s.em => format!("_{}_", s.text),
                None if s.strong => format!("*{}*", s.text),
                None => s.text.clone(),
            })
            .collect()
    }

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let r = read("The law *passed* in **April**.\n\n- one [@known]\n- two\n  - nested\n\n3. three\n4. four").unwrap();
        assert_eq!(r.blocks.len(), 3, "{r:?}");
        let RichBlock::Paragraph { spans } = &r.blocks[0] else {
            panic!()
        };
        assert_eq!(plain(spans), "The law _passed_ in *April*.");
        let RichBlock::Bullets { items } = &r.blocks[1] else {
            panic!()
        };
        let items: Vec<String> = items.iter().map(|i| plain(i)).collect();
        assert_eq!(
            items,
            ["one<known>", "two — nested"],
            "the marker hangs on its word; a nested list continues its item"
        );
        let RichBlock::Numbered { start, items } = &r.blocks[2] else {
            panic!()
        };
        assert_eq!((*start, items.len()), (3, 2));
        assert_eq!(r.cited(), ["known"]);
    }

    #[test]
    fn html_links_and_images_stay_text() {
        let r = read("Look <script>alert(1)</script> at [this](javascript:alert(2)) and ![x](y.png) <img src=x onerror=alert(3)>").unwrap();
        let RichBlock::Paragraph { spans } = &r.blocks[0] else {
            panic!()
        };
        assert_eq!(
            plain(spans),
            "Look <script>alert(1)</script> at [this](javascript:alert(2)) and ![x](y.png) <img src=x onerror=alert(3)>"
        );
        let block = read("<div onclick=\"x()\">raw block</div>").unwrap();
        let RichBlock::Paragraph { spans } = &block.blocks[0] else {
            panic!()
        };
        assert_eq!(plain(spans), "<div onclick=\"x()\">raw block</div>");
    }

    #[test]
    fn a_citation_that_cannot_be_resolved_is_refused() {
        let e = read("As reported [@nope].").unwrap_err();
        assert_eq!(e.id, "nope");
        assert_eq!(
            read("An id with a dot [@foo.bar].").unwrap_err().id,
            "foo.bar"
        );
        assert!(read("Not a citation: [@ spaced] or [@].").is_ok());
    }

    #[test]
    fn spaces_around_citations_and_styles_are_kept() {
        let r = read("We **welcome** the law [@known] *and* more; *a* [@known] *b*.").unwrap();
        let RichBlock::Paragraph { spans } = &r.blocks[0] else {
            panic!()
        };
        assert_eq!(
            plain(spans),
            "We *welcome* the law<known> _and_ more; _a_<known> _b_."
        );
    }

    #[test]
    fn code_is_literal_and_nested_lists_continue_their_item() {
        let r = read("Type `[@nope]` to cite.\n\n1. First\n   - a\n   - b\n2. Second").unwrap();
        let RichBlock::Paragraph { spans } = &r.blocks[0] else {
            panic!()
        };
        assert_eq!(plain(spans), "Type [@nope] to cite.");
        let RichBlock::Numbered { start, items } = &r.blocks[1] else {
            panic!("{r:?}")
        };
        let items: Vec<String> = items.iter().map(|i| plain(i)).collect();
        assert_eq!(
            (*start, items),
            (1, vec!["First — a; b".to_string(), "Second".to_string()])
        );
    }
}
