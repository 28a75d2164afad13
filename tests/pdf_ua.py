"""PDF/UA-1 checks of a tagged PDF written by Dossier, each made by a reader
that is not Dossier's: page-validation (its `ua1` profile), pikepdf (the
structure tree, the parent tree, marked content, link annotations, the
outline) and poppler (`pdfinfo -struct-text`, `pdftotext`).

    python3 tests/pdf_ua.py FILE.pdf [QUOTES.json]

QUOTES.json, if given, is a list of passages that must each stand, whole,
under one quotation element (`BlockQuote` or `Quote`). Prints what it found
and exits 0 when every check passes; otherwise prints each failure and exits 1.
"""

import json
import re
import subprocess
import sys

import page
import pikepdf

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")
QUOTATIONS = ("BlockQuote", "Quote")
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}

failures = []


def fail(message):
    failures.append(message)


def squash(text):
    return " ".join(text.split())


def validate(path):
    """page-validation's ua1 profile: compliant, no failed rule or check."""
    report = page.validate_pdf(path, profile="ua1")
    print(
        f"page-validation ua1: {'Conformant' if report.is_compliant else 'Non-conformant'}, "
        f"{report.rules.failed} of {report.rules.total} rules failed, "
        f"{report.checks.failed} failed checks"
    )
    if not report.is_compliant or report.rules.failed or report.checks.failed:
        for f in report.failures:
            fail(f"page-validation: [{f.rule_id}] {f.message}")


def poppler(path):
    """pdfinfo's Tagged and version lines."""
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    if not re.search(r"^Tagged:\s+yes$", info, re.M):
        fail("pdfinfo does not say Tagged: yes")
    if not re.search(r"^PDF version:\s+1\.7$", info, re.M):
        fail("pdfinfo does not say PDF version: 1.7")


def struct_text(path):
    """The structure tree as poppler reads it: (role, text, ancestors) for
    each piece of text, in order; and every element as (role, its text)."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", path], capture_output=True, text=True, check=True
    ).stdout
    pieces = []  # (text, whether it starts a new block-level element's text)
    elements = []  # [role, [texts], block-level]
    stack = []  # (indent, index into elements)
    last_block = None
    for line in out.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if stripped.startswith('"') and stripped.endswith('"') and len(stripped) >= 2:
            text = stripped[1:-1]
            while stack and stack[-1][0] >= indent:
                stack.pop()
            for _, e in stack:
                elements[e][1].append(text)
            block = next((e for _, e in reversed(stack) if elements[e][2]), None)
            pieces.append((text, block != last_block))
            last_block = block
            continue
        m = re.match(r"^([A-Za-z][A-Za-z0-9]*)(?: \((block|inline)\))?:?$", stripped)
        if not m:
            continue  # attributes (/Scope …) and object references
        while stack and stack[-1][0] >= indent:
            stack.pop()
        elements.append([m.group(1), [], m.group(2) != "inline"])
        stack.append((indent, len(elements) - 1))
    return pieces, [(role, "".join(texts)) for role, texts, _ in elements]


def outline_titles(pdf):
    titles = []

    def walk(items):
        for item in items:
            titles.append(item.title)
            walk(item.children)

    with pdf.open_outline() as outline:
        walk(outline.root)
    return titles


def check_catalog(pdf):
    root = pdf.Root
    if str(root.get("/Lang", "")) == "":
        fail("the catalog has no /Lang")
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        fail("the catalog's /MarkInfo is not /Marked true")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        fail("the catalog does not ask for /DisplayDocTitle")
    if "/Metadata" not in root or "/StructTreeRoot" not in root:
        fail("the catalog has no /Metadata or no /StructTreeRoot")
        return False
    xmp = bytes(root.Metadata.read_bytes()).decode("utf-8")
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        fail("the XMP metadata does not claim PDF/UA-1")
    title = str(pdf.docinfo.get("/Title", ""))
    with pdf.open_metadata() as meta:
        if meta.get("dc:title") != title:
            fail(f"the XMP title {meta.get('dc:title')!r} is not the Info title {title!r}")
    return True


def check_tree(pdf):
    """Every marked-content id on every page is claimed by exactly one
    element, with the role its BDC names, and the parent tree says the
    same; every link annotation is described and claimed by a Link."""
    page_of = {p.objgen: i for i, p in enumerate(pdf.pages)}
    claimed = {}  # (page index, mcid) -> element objgen
    roles = {}  # element objgen -> role
    links = {}  # annotation objgen -> Link element objgen
    root = pdf.Root.StructTreeRoot

    def walk(elem, parent, page):
        role = str(elem.S)[1:]
        roles[elem.objgen] = role
        if parent is not None and elem.P.objgen != parent.objgen:
            fail(f"a {role} element's /P is not its parent")
        if "/Pg" in elem:
            page = page_of[elem.Pg.objgen]
        kids = elem.get("/K", pikepdf.Array())
        if not isinstance(kids, pikepdf.Array):
            kids = pikepdf.Array([kids])
        for kid in kids:
            if isinstance(kid, int):
                key = (page, int(kid))
            elif kid.get("/Type") == "/MCR":
                key = (page_of[kid.Pg.objgen], int(kid.MCID))
            elif kid.get("/Type") == "/OBJR":
                links[kid.Obj.objgen] = elem.objgen
                if role != "Link":
                    fail(f"an annotation is claimed by a {role}, not a Link")
                continue
            else:
                walk(kid, elem, page)
                continue
            if key in claimed:
                fail(f"marked content {key} is claimed twice")
            claimed[key] = elem.objgen

    for kid in root.K:
        walk(kid, None, None)
    check_roles(root)
    nums = root.ParentTree.Nums
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    seen = set()
    for i, pg in enumerate(pdf.pages):
        parents = parent_tree.get(int(pg.obj.StructParents))
        for operands, op in pikepdf.parse_content_stream(pg):
            if str(op) != "BDC" or not isinstance(operands[1], pikepdf.Dictionary):
                continue
            if "/MCID" not in operands[1]:
                continue
            mcid = int(operands[1].MCID)
            seen.add((i, mcid))
            owner = claimed.get((i, mcid))
            if owner is None:
                fail(f"page {i + 1}: marked content {mcid} belongs to no element")
                continue
            if roles[owner] != str(operands[0])[1:]:
                fail(f"page {i + 1}: marked content {mcid} is {operands[0]} in the page, {roles[owner]} in the tree")
            if parents is None or mcid >= len(parents) or parents[mcid].objgen != owner:
                fail(f"page {i + 1}: the parent tree does not name the element of marked content {mcid}")
        for annot in pg.obj.get("/Annots", []):
            if str(annot.get("/Contents", "")).strip() == "":
                fail(f"page {i + 1}: a link annotation has no /Contents")
            if annot.objgen not in links:
                fail(f"page {i + 1}: a link annotation belongs to no Link element")
            elif parent_tree.get(int(annot.StructParent)).objgen != links[annot.objgen]:
                fail(f"page {i + 1}: the parent tree does not name the Link of an annotation")
        if "/Annots" in pg.obj and pg.obj.get("/Tabs") != "/S":
            fail(f"page {i + 1} has links but no /Tabs /S")
    for key in set(claimed) - seen:
        fail(f"the tree claims marked content {key}, which the page does not have")
    print(f"structure: {len(roles)} elements, {len(claimed)} marked-content sequences, {len(links)} links")


ALLOWED_PARENTS = {
    "L": ("Document", "LBody"),
    "LI": ("L",),
    "Lbl": ("LI",),
    "LBody": ("LI",),
    "TR": ("Table",),
    "TH": ("TR",),
    "TD": ("TR",),
    "Link": ("Reference",),
    "Reference": ("P", "LBody", "BlockQuote", "TD", "TH", "H1", "H2", "H3", "H4", "H5", "H6"),
}


def check_roles(root):
    """Lists, tables and links are built as PDF/UA reads them; prints how
    many elements of each role the tree has (`roles: …`)."""
    counts = {}

    def walk(elem, parent_role):
        role = str(elem.S)[1:]
        counts[role] = counts.get(role, 0) + 1
        if role in ALLOWED_PARENTS and parent_role not in ALLOWED_PARENTS[role]:
            fail(f"a {role} element is inside a {parent_role}")
        if role == "TH":
            scope = elem.get("/A", {}).get("/Scope")
            counts[f"TH{scope}"] = counts.get(f"TH{scope}", 0) + 1
            if scope not in ("/Column", "/Row"):
                fail("a TH element has no /Scope")
        if role == "LI" and not any(
            isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/LBody" for k in elem.K
        ):
            fail("a list item has no LBody")
        kids = elem.get("/K", pikepdf.Array())
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                walk(kid, role)

    for kid in root.K:
        walk(kid, "StructTreeRoot")
    print("roles: " + ", ".join(f"{role} {n}" for role, n in sorted(counts.items())))


def without_artifacts(pdf, out_path):
    """A copy of the PDF whose artifacts paint nothing (their text and
    paths are dropped; the text state they set stays). Returns how many
    artifacts are a hyphen added at a line break: one glyph shown where the
    line ends, with no move of its own."""
    hyphens = 0
    for i, pg in enumerate(pdf.pages):
        kept = []
        depth = 0  # inside an artifact: how many marked sequences deep
        artifact = []  # the operators of the artifact being read
        places = set()
        for operands, op in pikepdf.parse_content_stream(pg):
            name = str(op)
            if name in ("BDC", "BMC") and not depth and str(operands[0]) == "/Artifact":
                depth = 1
                artifact = []
                if name == "BDC" and operands[1].get("/Type") == "/Pagination":
                    places.add(str(operands[1].get("/Subtype")))
                continue
            if depth:
                if name in ("BDC", "BMC"):
                    depth += 1
                elif name == "EMC":
                    depth -= 1
                    if depth == 0:
                        shown = [o for o, n in artifact if n in TEXT_SHOWING]
                        if len(artifact) == 1 and len(shown) == 1 and len(bytes(shown[0][0])) == 2:
                            hyphens += 1
                        continue
                artifact.append((operands, name))
                if name in TEXT_SHOWING or name in PAINTING or name in ("BDC", "BMC", "EMC"):
                    continue
            kept.append((operands, op))
        if places != {"/Header", "/Footer"}:
            fail(f"page {i + 1}: its header and footer are not pagination artifacts ({sorted(places)})")
        pg.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    pdf.save(out_path)
    return hyphens


def words_match(tree_words, page_lines):
    """Walks the structure's words against the page's: equal, or a word of
    the structure made of words that end and start page lines. Returns the
    joins between two letters or digits (a word broken where no hyphen or
    dash shows), or fails."""
    page = []  # (word, whether it ends its line)
    for line in page_lines:
        words = line.split()
        page.extend((w, k == len(words) - 1) for k, w in enumerate(words))
    i = j = joins = 0
    while i < len(page) and j < len(tree_words):
        if page[i][0] == tree_words[j]:
            i, j = i + 1, j + 1
            continue
        acc, k, letters = page[i][0], i, 0
        while (
            page[k][1]
            and k + 1 < len(page)
            and tree_words[j].startswith(acc)
            and len(acc) < len(tree_words[j])
        ):
            letters += acc[-1].isalnum() and page[k + 1][0][:1].isalnum()
            k += 1
            acc += page[k][0]
        if acc != tree_words[j]:
            fail(
                f"the structure reads {' '.join(tree_words[max(0, j - 6):j + 3])!r} where the page "
                f"reads {' '.join(w for w, _ in page[max(0, i - 6):i + 3])!r}"
            )
            return joins
        joins += letters
        i, j = k + 1, j + 1
    if i < len(page) or j < len(tree_words):
        fail(f"the structure and the page end differently: {tree_words[j:j + 5]} against {page[i:i + 5]}")
    return joins


def check_reading_order(path, pdf, pieces):
    """The structure's text, in order, is the page text that is not an
    artifact: the same words in the same order, once white space is
    normalised, where a word broken over two lines is whole in the
    structure; where no hyphen or dash shows at such a break, a hyphen
    that is an artifact was there. Page furniture is never in the
    structure."""
    stripped = path + ".text-only.pdf"
    hyphens = without_artifacts(pdf, stripped)
    page_text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", stripped, "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    # Block-level elements (paragraphs, cells) are apart; inline ones
    # (links, quotations) run on in their paragraph.
    flat = squash("".join((" " if new_block else "") + text for text, new_block in pieces))
    joins = words_match(flat.split(), page_text.splitlines())
    if joins != hyphens:
        fail(f"{joins} words are broken over lines with no hyphen or dash showing, and {hyphens} hyphens are artifacts")
    if re.search(r"Page \d+ of \d+", flat):
        fail("a page number is in the structure's text")
    print(
        f"reading order: {len(flat.split())} words of tagged text, as pdftotext reads the page; "
        f"{hyphens} words broken with a hyphen that is an artifact read whole"
    )


def check_headings(pdf, elements):
    """Headings do not skip a level, and the outline is the H1–H3 headings."""
    headings = [(role, squash(text)) for role, text in elements if role in HEADINGS]
    level = 0
    for role, text in headings:
        if int(role[1]) > level + 1:
            fail(f"heading {text!r} is {role} after H{level}")
        level = int(role[1])
    titles = [squash(t) for t in outline_titles(pdf)]
    top = [text for role, text in headings if role in ("H1", "H2", "H3")]
    if titles != top:
        fail(f"the outline {titles[:8]}… is not the headings {top[:8]}…")
    print(f"headings: {len(headings)} in order, the outline's {len(titles)} among them")


def check_quotes(elements, quotes_path):
    def plain(text):
        return squash(text.replace("“", "").replace("”", ""))

    quotations = [plain(text) for role, text in elements if role in QUOTATIONS]
    with open(quotes_path, encoding="utf-8") as f:
        quotes = json.load(f)
    missing = [q for q in quotes if not any(plain(q) in text for text in quotations)]
    for q in missing[:5]:
        fail(f"the quote {q!r} is under no quotation element")
    print(f"quotes: {len(quotes) - len(missing)} of {len(quotes)} under a quotation element")


def main():
    path = sys.argv[1]
    validate(path)
    poppler(path)
    pieces, elements = struct_text(path)
    with pikepdf.open(path) as pdf:
        tagged = check_catalog(pdf)
        if tagged:
            check_tree(pdf)
            check_headings(pdf, elements)
    if tagged:
        with pikepdf.open(path) as pdf:
            check_reading_order(path, pdf, pieces)
    if tagged and len(sys.argv) > 2:
        check_quotes(elements, sys.argv[2])
    for f in failures:
        print("FAILED:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
