"""Writes the fuzz targets' seed corpora under fuzz/corpus/ from the real
data: the default dataset and the test fixtures, the example brief files,
the source documents, and memos Dossier itself writes (PDF and Word).
Run from the repository root after `cargo build --release`:
    python3 fuzz/make-seeds.py
"""
import os
import random
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
CLI = ROOT / "target" / "release" / "dossier"


def put(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def folder_as_text(*folders):
    files = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and path.suffix in (".toml", ".txt") and path.name != "expected.txt":
                files[path.relative_to(folder).as_posix()] = path.read_text()
    return "".join(f"=== {rel}\n{text}" for rel, text in sorted(files.items()))


put("dataset", "embedded", folder_as_text(ROOT / "data"))
for name in ("minimal", "hostile", "confidential", "us-uz"):
    put("dataset", name, folder_as_text(ROOT / "tests/fixtures" / name))
for bad in sorted((ROOT / "tests/fixtures/bad").iterdir()):
    put("dataset", "bad-" + bad.name, folder_as_text(ROOT / "tests/fixtures/minimal", bad))

for brief in sorted((ROOT / "examples").glob("*.brief.toml")):
    put("brief", brief.name, brief.read_text())
put("brief", "empty", "")
put("brief", "drafted", '[memo]\ntitle = "T"\nform = "memo"\nbottom_line = "**Bold** and *it* [@x]"\n'
    'talking_points = ["- a\\n- b", "`code` <b>raw</b>"]\n[selection]\ntopics = ["assembly"]\nfrom = "2020"\n'
    '[comments]\nelections = "A [link](http://x) ![img](y)"\n')

for i, text in enumerate([
    "**Bottom** line with *emphasis* and a citation [@no-such-item].\0- one\n- two\0"
    "1. first\n2. second\0Comment with `code`, <script>x</script> and [a](b).",
    "# Heading\n\n> quote\n\n---\n\0\0\0",
    "[@" + "a" * 40 + "]\0*" * 5,
]):
    put("markdown", f"seed-{i}", text)

for i, text in enumerate([
    "2024\n2024-05", "2024-05-20\n2023", "2024-02-30\n", "0000-01-01\n9999-12-31",
    "On 20 May 2024 the minister said", "In March 2023, and again in mid-2024",
    "ASTANA, May 20 (Reuters) - Officials met", "The next meeting will be held in 2026 in Washington.",
    "2025-03-12T08:00:00Z", "D:20240520120000+05'00'", "Friday, 3 October 2025",
]):
    put("date", f"seed-{i}", text)

rng = random.Random(20261201)
for i in range(8):
    put("layout", f"random-{i}", bytes(rng.randrange(256) for _ in range(64 + 64 * i)))
words = b"Dialogue on human rights and democratic reforms in Astana "
put("layout", "words", bytes([200, 40, 200, 60, 20, 0, 20, 0, 20, 0, 20, 0, 3, 3, 1, 30, 30, 0, 0, len(words)]) + words * 2)

put("html", "hostile", "<script>alert(1)</script>\0To &amp; <b>\0From \"x\" 'y'\0Subject <img src=x onerror=alert(1)>")
put("html", "plain", "Next dialogue\0Embassy Astana\0Political Section\0Human rights")

for seed in sorted((ROOT.parent / "shared/seeds").glob("*.txt")):
    put("read-text", seed.name, seed.read_bytes())
put("read-text", "latin1", "Caf\xe9 au lait, 20 mai 2024.".encode("latin-1"))
put("read-text", "utf16", "\ufeffUTF-16 text, 20 May 2024.".encode("utf-16-le"))

ingest = (ROOT / "tests/ingest.rs").read_text()
news = re.search(r'const NEWS_PAGE: &str = r#"(.*?)"#;', ingest, re.S).group(1)
put("read-html", "news", news)
put("read-html", "scripts", "<html><body><script>alert(1)</script><style>p{}</style></body></html>")
put("read-html", "charset", b'<html><head><meta charset="windows-1251"></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2 2024</p></body></html>')

with tempfile.TemporaryDirectory() as tmp:
    for form, ext in (("memo", "pdf"), ("memo", "docx")):
        out = Path(tmp) / f"memo.{ext}"
        subprocess.run([str(CLI), "brief", "--topic", "assembly", "--from", "2024", "--form", form,
                        "--no-annex", "--date", "2024-06-01", "--out", str(out)], check=True)
        put(f"read-{ext}", f"one-topic-memo.{ext}", out.read_bytes())
put("read-pdf", "minimal", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R"
    b"/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n"
    b"4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 20 100 Td (20 May 2024) Tj ET\nendstream endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n")
