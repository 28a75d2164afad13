//! The tagged PDF's logical structure (PDF/UA-1): a structure tree built
//! from the memo's blocks in reading order — `Document`; `H1`…`H4`; `P`;
//! `L`, `LI`, `Lbl`, `LBody`; `Table`, `TR`, `TH`, `TD`; `BlockQuote` and
//! `Quote`; `Reference` and `Link` for citation markers — and each page's
//! marked content filed under its element as the page is written
//! ([`super::content`]). Written here, as bytes ([`super::file`]), because
//! no crate tags a layout of our own: printpdf 0.12 has the marked-content
//! operators but no structure tree, parent tree or object references.

use std::collections::HashMap;

use lopdf::ObjectId;

use super::file::Bytes;
use super::layout::{Block, Origin, Para, Pt, Role, Run, Table};

/// The root element's index.
const DOCUMENT: usize = 0;

/// The structure tree of one document, filled as its pages are written.
pub struct Structure {
    elems: Vec<Elem>,
    /// Each block's text element (its leaf), by block index.
    text_of: Vec<Option<usize>>,
    /// Each list item's label element, by block index.
    marker_of: Vec<Option<usize>>,
    /// Each table's cell elements, by block index, then row and column.
    cells: HashMap<usize, Vec<Vec<usize>>>,
    /// Orders content and elements within an element: content is filed
    /// with the block it comes from and a count that only grows.
    sequence: u64,
    /// Per page: the element of each marked-content id, in id order.
    pages: Vec<Vec<usize>>,
    /// Per page: the `Link` element of each link area, in order.
    links: Vec<Vec<usize>>,
}

/// One structure element.
struct Elem {
    role: &'static str,
    parent: usize,
    /// Its kids, each with the place it sorts at: (block, sequence).
    kids: Vec<((usize, u64), Kid)>,
    /// A header cell's scope.
    scope: Option<&'static str>,
    /// The quotation last filed directly under this element, while no
    /// other content has followed it (a quotation runs on across lines).
    open_quote: Option<usize>,
}

/// A kid of a structure element.
#[derive(Clone, Copy)]
enum Kid {
    Elem(usize),
    /// Marked content: the page and its marked-content id there.
    Content {
        page: usize,
        mcid: usize,
    },
    /// The link annotation of link area `index` of `page`.
    Link {
        page: usize,
        index: usize,
    },
}

/// What a run of text is within its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    /// Its text.
    Text,
    /// A quotation within it.
    Quote,
    /// A link (a citation marker).
    Link,
}

impl Inline {
    /// What `run` is.
    pub fn of(run: &Run) -> Inline {
        if run.link.is_some() {
            Inline::Link
        } else if run.quote {
            Inline::Quote
        } else {
            Inline::Text
        }
    }
}

/// How content is marked in a page's content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Tagged content: the element's role and the marked-content id.
    Tagged(&'static str, usize),
    /// Page furniture: header or footer (`/Pagination`).
    Pagination(&'static str),
    /// Other content that is not text: rules, repeated table headers.
    Artifact,
}

/// One list being filled: its indent, its `L` element, and the `LBody` of
/// its last item.
struct OpenList {
    left: Pt,
    elem: usize,
    body: Option<usize>,
}

impl Structure {
    /// The tree for `blocks`, with no content yet.
    pub fn new(blocks: &[Block]) -> Structure {
        let mut s = Structure {
            elems: vec![Elem::new("Document", usize::MAX, None)],
            text_of: vec![None; blocks.len()],
            marker_of: vec![None; blocks.len()],
            cells: HashMap::new(),
            sequence: 0,
            pages: Vec::new(),
            links: Vec::new(),
        };
        let mut lists: Vec<OpenList> = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Para(p) if p.role == Role::ListItem => s.list_item(&mut lists, p, i),
                Block::Para(p) => {
                    lists.clear();
                    s.text_of[i] = Some(s.add(DOCUMENT, (i, 0), role_name(p.role), None));
                }
                Block::Table(t) => {
                    lists.clear();
                    s.table(t, i);
                }
                Block::PageBreak | Block::Rule { .. } => {}
            }
        }
        s
    }

    /// A new element under `parent`, sorted there at `place`: (block, 0)
    /// for the elements built from the blocks, before their content.
    fn add(
        &mut self,
        parent: usize,
        place: (usize, u64),
        role: &'static str,
        scope: Option<&'static str>,
    ) -> usize {
        let id = self.elems.len();
        self.elems.push(Elem::new(role, parent, scope));
        self.elems[parent].kids.push((place, Kid::Elem(id)));
        id
    }

    /// A list item: in the list at its indent, in a new list inside the
    /// item before when indented further, or (with no marker) going on
    /// with the item before.
    fn list_item(&mut self, lists: &mut Vec<OpenList>, p: &Para, i: usize) {
        while lists.last().is_some_and(|l| l.left > p.left + 0.01) {
            lists.pop();
        }
        let same_indent = lists.last().filter(|l| (l.left - p.left).abs() <= 0.01);
        if p.marker.is_empty()
            && let Some(body) = same_indent.and_then(|l| l.body)
        {
            self.text_of[i] = Some(self.add(body, (i, 0), "P", None));
            return;
        }
        let list = match same_indent {
            Some(l) => l.elem,
            None => {
                let parent = lists.last().and_then(|l| l.body).unwrap_or(DOCUMENT);
                let elem = self.add(parent, (i, 0), "L", None);
                lists.push(OpenList {
                    left: p.left,
                    elem,
                    body: None,
                });
                elem
            }
        };
        let item = self.add(list, (i, 0), "LI", None);
        if !p.marker.is_empty() {
            self.marker_of[i] = Some(self.add(item, (i, 0), "Lbl", None));
        }
        let body = self.add(item, (i, 0), "LBody", None);
        self.text_of[i] = Some(body);
        if let Some(open) = lists.last_mut() {
            open.body = Some(body);
        }
    }

    /// A table: its header row of column headers, then its rows, whose
    /// first cells head their rows when the table says so.
    fn table(&mut self, t: &Table, i: usize) {
        let table = self.add(DOCUMENT, (i, 0), "Table", None);
        let columns = t
            .header
            .len()
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        let header = (!t.header.is_empty()).then_some(&t.header);
        let mut rows = Vec::new();
        for (r, _) in header.into_iter().chain(t.rows.iter()).enumerate() {
            let row = self.add(table, (i, 0), "TR", None);
            let is_header = r == 0 && header.is_some();
            let cells = (0..columns)
                .map(|c| match (is_header, c == 0 && t.row_headers) {
                    (true, _) => self.add(row, (i, 0), "TH", Some("Column")),
                    (false, true) => self.add(row, (i, 0), "TH", Some("Row")),
                    (false, false) => self.add(row, (i, 0), "TD", None),
                })
                .collect();
            rows.push(cells);
        }
        self.cells.insert(i, rows);
    }

    /// Starts page `page`'s content (pages are written in order).
    pub fn begin_page(&mut self, page: usize) {
        debug_assert_eq!(page, self.pages.len());
        self.pages.push(Vec::new());
        self.links.push(Vec::new());
    }

    /// How to mark a run of a line from `origin` on the current page:
    /// what is not the document's text is an artifact; text gets a new marked-content id, filed
    /// under its element (a new `Reference` and `Link` for a link, the
    /// open `Quote` or a new one for a quotation), unless it goes on in
    /// the element of `current` (the mark already open).
    pub fn mark(&mut self, origin: Origin, inline: Inline, current: Option<Mark>) -> Mark {
        let (leaf, block) = match origin {
            Origin::Furniture | Origin::Repeat => return Mark::Artifact,
            Origin::Text { block } => (self.text_of.get(block).copied().flatten(), block),
            Origin::Marker { block } => (self.marker_of.get(block).copied().flatten(), block),
            Origin::Cell { block, row, column } => (
                self.cells
                    .get(&block)
                    .and_then(|rows| rows.get(row))
                    .and_then(|cells| cells.get(column))
                    .copied(),
                block,
            ),
        };
        let Some(leaf) = leaf else {
            return Mark::Artifact;
        };
        let elem = if inline == Inline::Link {
            let place = self.next_place(block);
            let reference = self.add(leaf, place, "Reference", None);
            let link = self.add(reference, (block, 0), "Link", None);
            let page = self.pages.len() - 1;
            let index = self.links[page].len();
            self.links[page].push(link);
            self.elems[link]
                .kids
                .push(((block, u64::MAX), Kid::Link { page, index }));
            self.elems[leaf].open_quote = None;
            link
        } else if inline == Inline::Quote {
            match self.elems[leaf].open_quote {
                Some(quote) => quote,
                None => {
                    let place = self.next_place(block);
                    let quote = self.add(leaf, place, "Quote", None);
                    self.elems[leaf].open_quote = Some(quote);
                    quote
                }
            }
        } else {
            self.elems[leaf].open_quote = None;
            leaf
        };
        if let Some(Mark::Tagged(_, mcid)) = current {
            let page = self.pages.len() - 1;
            if self.pages[page][mcid] == elem {
                return Mark::Tagged(self.elems[elem].role, mcid);
            }
        }
        self.content(elem, block)
    }

    /// The next place in reading order among the content of block
    /// `block`: for content, and for inline elements among it.
    fn next_place(&mut self, block: usize) -> (usize, u64) {
        self.sequence += 1;
        (block, self.sequence)
    }

    /// A new marked-content id on the current page, filed under `elem`.
    fn content(&mut self, elem: usize, block: usize) -> Mark {
        let place = self.next_place(block);
        let page = self.pages.len() - 1;
        let mcid = self.pages[page].len();
        self.pages[page].push(elem);
        self.elems[elem]
            .kids
            .push((place, Kid::Content { page, mcid }));
        Mark::Tagged(self.elems[elem].role, mcid)
    }

    /// The `Link` element of link area `index` on `page`, if its text was
    /// tagged.
    pub fn link(&self, page: usize, index: usize) -> Option<usize> {
        self.links.get(page)?.get(index).copied()
    }

    /// The tree as PDF objects, written as bytes (see [`super::file`]):
    /// the elements, and the structure tree root (whose id, reserved in
    /// `lo`, is returned) with the parent tree — pages' keys are their
    /// indices; the link annotations follow, as `annots` gives them: page,
    /// link area index, object and parent-tree key.
    pub fn write(
        mut self,
        lo: &mut lopdf::Document,
        page_ids: &[ObjectId],
        annots: &[(usize, usize, ObjectId, i64)],
    ) -> (ObjectId, Vec<(ObjectId, Vec<u8>)>) {
        let kept = self.prune();
        let ids: Vec<Option<ObjectId>> = kept
            .iter()
            .map(|&keep| keep.then(|| lo.new_object_id()))
            .collect();
        let annot_of: HashMap<(usize, usize), ObjectId> = annots
            .iter()
            .map(|&(page, index, id, _)| ((page, index), id))
            .collect();
        let root = lo.new_object_id();
        let mut objects = Vec::with_capacity(ids.len() + 1);
        for (e, elem) in self.elems.iter_mut().enumerate() {
            let Some(id) = ids[e] else { continue };
            elem.kids.sort_by_key(|(place, _)| *place);
            let parent = if elem.parent == usize::MAX {
                root
            } else {
                ids[elem.parent].expect("a kept element's parent is kept")
            };
            objects.push((id, elem.object(parent, &ids, page_ids, &annot_of)));
        }
        let mut b = Bytes::default();
        b.raw(b"<</Type/StructTreeRoot/K[");
        if let Some(document) = ids[DOCUMENT] {
            b.reference(document);
        }
        b.raw(b"]/ParentTree<</Nums[");
        for (page, elems) in self.pages.iter().enumerate() {
            b.int(page as i64).raw(b"[");
            for &e in elems {
                match ids[e] {
                    Some(id) => b.reference(id).raw(b" "),
                    None => b.raw(b"null "),
                };
            }
            b.raw(b"]");
        }
        for &(page, index, _, key) in annots {
            b.raw(b" ").int(key).raw(b" ");
            match self.link(page, index).and_then(|e| ids[e]) {
                Some(id) => b.reference(id),
                None => b.raw(b"null"),
            };
        }
        let next_key = self.pages.len() + annots.len();
        b.raw(b"]>>/ParentTreeNextKey ")
            .int(next_key as i64)
            .raw(b">>");
        objects.push((root, b.out));
        (root, objects)
    }

    /// Which elements to write: those with content below them, and every
    /// cell of a table that is kept (a table keeps its shape).
    fn prune(&self) -> Vec<bool> {
        let mut has_content = vec![false; self.elems.len()];
        // Kids are always added after their parents: walk back up.
        for e in (0..self.elems.len()).rev() {
            let elem = &self.elems[e];
            let own = elem
                .kids
                .iter()
                .any(|(_, kid)| !matches!(kid, Kid::Elem(_)));
            if own || has_content[e] {
                has_content[e] = true;
                if elem.parent != usize::MAX {
                    has_content[elem.parent] = true;
                }
            }
        }
        (0..self.elems.len())
            .map(|e| {
                has_content[e] || {
                    // A cell or row of a table that has content.
                    let mut up = e;
                    while up != usize::MAX && matches!(self.elems[up].role, "TH" | "TD" | "TR") {
                        up = self.elems[up].parent;
                    }
                    up != e && up != usize::MAX && has_content[up]
                }
            })
            .collect()
    }
}

impl Elem {
    /// The element as a PDF dictionary: `parent` its parent's id, `ids`
    /// the ids of the elements kept, `annots` the link annotations' ids.
    fn object(
        &self,
        parent: ObjectId,
        ids: &[Option<ObjectId>],
        page_ids: &[ObjectId],
        annots: &HashMap<(usize, usize), ObjectId>,
    ) -> Vec<u8> {
        let first_page = self.kids.iter().find_map(|(_, kid)| match kid {
            Kid::Content { page, .. } | Kid::Link { page, .. } => Some(*page),
            Kid::Elem(_) => None,
        });
        let mut b = Bytes::default();
        b.raw(b"<</Type/StructElem/S").name(self.role.as_bytes());
        b.raw(b"/P ").reference(parent);
        if let Some(page) = first_page {
            b.raw(b"/Pg ").reference(page_ids[page]);
        }
        if let Some(scope) = self.scope {
            b.raw(b"/A<</O/Table/Scope")
                .name(scope.as_bytes())
                .raw(b">>");
        }
        b.raw(b"/K[");
        for (_, kid) in &self.kids {
            match *kid {
                Kid::Elem(k) => {
                    if let Some(id) = ids[k] {
                        b.reference(id).raw(b" ");
                    }
                }
                Kid::Content { page, mcid } if Some(page) == first_page => {
                    b.int(mcid as i64).raw(b" ");
                }
                Kid::Content { page, mcid } => {
                    b.raw(b"<</Type/MCR/Pg ").reference(page_ids[page]);
                    b.raw(b"/MCID ").int(mcid as i64).raw(b">> ");
                }
                Kid::Link { page, index } => {
                    if let Some(annot) = annots.get(&(page, index)) {
                        b.raw(b"<</Type/OBJR/Pg ").reference(page_ids[page]);
                        b.raw(b"/Obj ").reference(*annot).raw(b">> ");
                    }
                }
            }
        }
        b.raw(b"]>>");
        b.out
    }

    fn new(role: &'static str, parent: usize, scope: Option<&'static str>) -> Elem {
        Elem {
            role,
            parent,
            kids: Vec::new(),
            scope,
            open_quote: None,
        }
    }
}

/// The standard structure type of a paragraph's role (lists are built by
/// [`Structure::list_item`]).
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Text | Role::ListItem => "P",
        Role::Heading(1) => "H1",
        Role::Heading(2) => "H2",
        Role::Heading(3) => "H3",
        Role::Heading(4) => "H4",
        Role::Heading(5) => "H5",
        Role::Heading(_) => "H6",
        Role::Quote => "BlockQuote",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::layout::{Cell, Face, Span, Style};

    fn para(role: Role, left: Pt, marker: bool) -> Block {
        let style = Style {
            face: Face::Serif,
            size: 10.0,
            color: [0.0; 3],
            rise: 0.0,
        };
        let span = Span {
            text: "text".into(),
            style,
            link: None,
            quote: false,
        };
        Block::Para(Para {
            role,
            spans: vec![span.clone()],
            left,
            marker: if marker { vec![span] } else { Vec::new() },
            ..Para::default()
        })
    }

    /// The tree's shape, content left out: `Role(kids…)`.
    fn shape(s: &Structure, e: usize) -> String {
        let kids: Vec<String> = s.elems[e]
            .kids
            .iter()
            .filter_map(|(_, k)| match k {
                Kid::Elem(k) => Some(shape(s, *k)),
                _ => None,
            })
            .collect();
        if kids.is_empty() {
            s.elems[e].role.to_string()
        } else {
            format!("{}({})", s.elems[e].role, kids.join(" "))
        }
    }

    #[test]
    fn lists_nest_by_indent_and_an_item_without_marker_goes_on() {
        let blocks = [
            para(Role::Heading(1), 0.0, false),
            para(Role::ListItem, 18.0, true),
            para(Role::ListItem, 18.0, false),
            para(Role::ListItem, 32.0, true),
            para(Role::ListItem, 32.0, true),
            para(Role::ListItem, 18.0, true),
            para(Role::Text, 0.0, false),
            para(Role::ListItem, 12.0, true),
        ];
        let s = Structure::new(&blocks);
        assert_eq!(
            shape(&s, DOCUMENT),
            "Document(H1 L(LI(Lbl LBody(P L(LI(Lbl LBody) LI(Lbl LBody)))) LI(Lbl LBody)) P L(LI(Lbl LBody)))"
        );
    }

    #[test]
    fn a_table_has_a_header_row_and_row_headers_when_asked() {
        let cell = Cell::default();
        let table = Table {
            header: vec![cell.clone(), cell.clone()],
            rows: vec![vec![cell.clone(), cell]],
            row_headers: true,
            ..Table::default()
        };
        let s = Structure::new(&[Block::Table(table)]);
        assert_eq!(shape(&s, DOCUMENT), "Document(Table(TR(TH TH) TR(TH TD)))");
        let scopes: Vec<_> = s.elems.iter().filter_map(|e| e.scope).collect();
        assert_eq!(scopes, ["Column", "Column", "Row"]);
    }

    #[test]
    fn a_quotation_runs_on_across_lines_and_each_link_is_its_own() {
        let mut s = Structure::new(&[para(Role::Text, 0.0, false)]);
        s.begin_page(0);
        let text = Origin::Text { block: 0 };
        let a = s.mark(text, Inline::Text, None);
        assert_eq!(a, Mark::Tagged("P", 0));
        let q = s.mark(text, Inline::Quote, Some(a));
        assert_eq!(q, Mark::Tagged("Quote", 1));
        // A new line of the same quotation: the same element, a new id.
        assert_eq!(s.mark(text, Inline::Quote, None), Mark::Tagged("Quote", 2));
        assert_eq!(
            s.mark(text, Inline::Quote, Some(Mark::Tagged("Quote", 2))),
            Mark::Tagged("Quote", 2)
        );
        let l1 = s.mark(text, Inline::Link, Some(q));
        let l2 = s.mark(text, Inline::Link, Some(l1));
        assert_eq!((l1, l2), (Mark::Tagged("Link", 3), Mark::Tagged("Link", 4)));
        assert_eq!(s.mark(Origin::Repeat, Inline::Text, None), Mark::Artifact);
        assert_eq!(
            shape(&s, DOCUMENT),
            "Document(P(Quote Reference(Link) Reference(Link)))"
        );
        assert_eq!(s.pages[0].len(), 5);
        for i in 0..2 {
            assert_eq!(s.link(0, i).map(|e| s.elems[e].role), Some("Link"));
        }
    }
}
