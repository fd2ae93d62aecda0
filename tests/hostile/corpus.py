"""Generators for hostile inputs: each case builds its files at a chosen size.

`scale` 1.0 is the size at which the case was first reported; tests use a small scale so they
stay quick, `benchmarks/hostile_bench.py` runs the full sizes.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_WORDS = (
    "we collect use share retain personal data information about you when visit our services "
    "process lawful basis consent contract legitimate interests rights access correct delete "
    "transfer countries safeguards security measures retention period contact officer request"
).split()

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    """One hostile input: `build(folder, scale)` writes it and returns the CLI commands to run
    on it (with POLICY_AUDITOR_DATA set to `folder / "data"`)."""

    name: str
    build: Callable[[Path, float], list[list[str]]]
    # Table-2 row this case reproduces, for the benchmark's output.
    row: str


def sentence(rng: random.Random, words: int = 14) -> str:
    body = " ".join(rng.choice(_WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def write_docx(path: Path, body: str, doctype: str = "") -> None:
    """A minimal Word document whose body XML is `body`."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
           f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", xml)


def _rsid(rng: random.Random) -> str:
    return f"{rng.getrandbits(32):08X}"


def docx_empty_paragraphs(folder: Path, scale: float) -> list[list[str]]:
    """Tens of MB of empty paragraphs whose random attributes keep the zip ratio normal."""
    rng = random.Random(1)
    count = int(1_000_000 * scale)
    parts = [f'<w:p w:rsidR="{_rsid(rng)}" w:rsidRDefault="{_rsid(rng)}"/>' for _ in range(count)]
    parts.append(f"<w:p><w:r><w:t>{sentence(rng)}</w:t></w:r></w:p>")
    path = folder / "empty-paragraphs.docx"
    write_docx(path, "".join(parts))
    return [["lint", str(path)]]


def docx_many_runs(folder: Path, scale: float) -> list[list[str]]:
    """Paragraphs split into one run per word, each run with its own properties."""
    rng = random.Random(2)
    runs = int(600_000 * scale)
    parts = []
    for start in range(0, runs, 40):
        words = "".join(
            f'<w:r w:rsidRPr="{_rsid(rng)}"><w:rPr><w:b/></w:rPr>'
            f'<w:t xml:space="preserve">{rng.choice(_WORDS)} </w:t></w:r>'
            for _ in range(min(40, runs - start)))
        parts.append(f"<w:p>{words}<w:r><w:t>.</w:t></w:r></w:p>")
    path = folder / "many-runs.docx"
    write_docx(path, "".join(parts))
    return [["lint", str(path)]]


_RUN_PROPERTIES = (
    '<w:rFonts w:ascii="Calibri" w:eastAsia="Times New Roman" w:hAnsi="Calibri" w:cs="Calibri"/>'
    '<w:color w:val="1F3864"/><w:spacing w:val="2"/><w:kern w:val="0"/><w:sz w:val="22"/>'
    '<w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
)


def docx_text(megabytes: float) -> Callable[[Path, float], list[list[str]]]:
    def build(folder: Path, scale: float) -> list[list[str]]:
        rng = random.Random(3)
        target = int(megabytes * 1024 * 1024 * scale)
        parts, size, number = [], 0, 0
        while size < target:
            number += 1
            # Run properties as Word writes them: most of a real document's XML is markup.
            runs = "".join(
                f'<w:r w:rsidRPr="{_rsid(rng)}"><w:rPr>{_RUN_PROPERTIES}</w:rPr>'
                f'<w:t xml:space="preserve">{sentence(rng, 2)} </w:t></w:r>' for _ in range(3))
            part = f'<w:p w:rsidR="{_rsid(rng)}"><w:r><w:t>{number}. </w:t></w:r>{runs}</w:p>'
            parts.append(part)
            size += len(part)
        path = folder / f"text-{megabytes:g}mb.docx"
        write_docx(path, "".join(parts))
        return [["lint", str(path)]]
    return build


def docx_nested_tables(folder: Path, scale: float) -> list[list[str]]:
    """Tables nested 1,000 deep, one cell each, text in every cell before and after the table
    it holds, then a closing paragraph."""
    depth = max(int(1000 * scale), 20)
    opening = "".join(f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Level {level} text.</w:t></w:r></w:p>"
                      for level in range(depth))
    closing = "".join(f"<w:p><w:r><w:t>After level {level}.</w:t></w:r></w:p></w:tc></w:tr>"
                      "</w:tbl>" for level in reversed(range(depth)))
    path = folder / "nested-tables.docx"
    write_docx(path, f"{opening}{closing}<w:p><w:r><w:t>Closing paragraph after the tables."
                     "</w:t></w:r></w:p>")
    return [["text", str(path)]]


def html_li_megabyte(folder: Path, scale: float) -> list[list[str]]:
    """A megabyte of unordered list items (one short sentence each)."""
    rng = random.Random(4)
    count = int(1024 * 1024 * scale / 60)
    items = "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(count))
    path = folder / "li-1mb.html"
    path.write_text(f"<html><body><h1>Privacy Policy</h1><ul>{items}</ul></body></html>")
    return [["lint", str(path)]]


def html_ordered(items: int) -> Callable[[Path, float], list[list[str]]]:
    def build(folder: Path, scale: float) -> list[list[str]]:
        rng = random.Random(5)
        count = max(int(items * scale), 10)
        body = "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(count))
        path = folder / f"ol-{items}.html"
        path.write_text(f"<html><body><h1>Privacy Policy</h1><ol>{body}</ol></body></html>")
        return [["segment", str(path)]]
    return build


def html_nested(folder: Path, scale: float) -> list[list[str]]:
    """Divisions nested 1,000 deep, text at every level and after the innermost one."""
    depth = max(int(1000 * scale), 50)
    opening = "".join(f"<div>Level {level} text." for level in range(depth))
    path = folder / "nested.html"
    path.write_text(f"<html><body>{opening}Innermost words.{'</div>' * depth}"
                    "<p>Closing paragraph after the nesting.</p></body></html>")
    return [["text", str(path)]]


def html_bold_megabyte(folder: Path, scale: float) -> list[list[str]]:
    """A megabyte of unclosed <b> tags, which the parser nests one inside the other."""
    count = int(1024 * 1024 * scale / 8)
    path = folder / "bold.html"
    path.write_text(f"<html><body><p>Start. {'<b>word ' * count}</p>"
                    "<p>Closing paragraph after the bold run.</p></body></html>")
    return [["text", str(path)]]


def markdown_nested_list(folder: Path, scale: float) -> list[list[str]]:
    """A Markdown list nested ten levels, then more policy text."""
    lines = [f"{'  ' * level}- Item at level {level} of the list." for level in range(10)]
    lines += ["", "## Contact", "", "Write to our privacy officer at the address below."]
    path = folder / "nested-list.md"
    path.write_text("\n".join(lines) + "\n")
    return [["text", str(path)]]


def _text_case(name: str, line: Callable[[random.Random, int], str], characters: float = 2.9e6,
               command: str = "lint") -> Callable[[Path, float], list[list[str]]]:
    def build(folder: Path, scale: float) -> list[list[str]]:
        rng = random.Random(6)
        target = int(characters * scale)
        lines, size, number = ["Privacy Policy", ""], 0, 0
        while size < target:
            number += 1
            text = line(rng, number)
            lines.append(text)
            size += len(text) + 1
        path = folder / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [[command, str(path)]]
    return build


TEXT_CASES = {
    "text-bullets": lambda rng, n: "•",
    "text-parentheses": lambda rng, n: "(" * 40 + sentence(rng, 4) + ")" * 20,
    "text-punctuation": lambda rng, n: sentence(rng, 4) + "!?.,;:" * 20,
    "text-repeated-words": lambda rng, n: " ".join(["the"] * 60),
    "text-spaced-capitals": lambda rng, n: " ".join("PRIVACYPOLICYNOTICE" * 3),
}


def policy_at_limit(characters: int, command: str = "import"
                    ) -> Callable[[Path, float], list[list[str]]]:
    """Policy-like text (numbered sections of sentences) up to the character budget."""
    def build(folder: Path, scale: float) -> list[list[str]]:
        rng = random.Random(7)
        target = int(characters * scale)
        parts, size, section = ["Privacy Policy", ""], 0, 0
        while size < target:
            section += 1
            block = f"{section}. Section {section}\n" + " ".join(
                sentence(rng) for _ in range(6)) + "\n"
            parts.append(block)
            size += len(block)
        path = folder / "policy-at-limit.txt"
        path.write_text("\n".join(parts)[:target] + "\n")
        args = ["--checklist", "gdpr"] if command == "import" else []
        return [[command, str(path), *args]]
    return build


def bullets_at_limit(folder: Path, scale: float) -> list[list[str]]:
    """Just under the paragraph budget: 9,950 short bullet lines, imported."""
    rng = random.Random(8)
    count = int(9_950 * scale)
    path = folder / "bullets-at-limit.txt"
    path.write_text("Privacy Policy\n\n" + "\n".join(f"• {sentence(rng, 5)}" for _ in range(count))
                    + "\n")
    return [["import", str(path), "--checklist", "gdpr"]]


def spaces_line(folder: Path, scale: float) -> list[list[str]]:
    path = folder / "spaces.txt"
    path.write_text("Privacy Policy\n\nWe collect data." + " " * int(100_000 * scale)
                    + "x\n\nWe keep it safe.\n")
    return [["lint", str(path)]]


def defects_one_line(folder: Path, scale: float) -> list[list[str]]:
    """One line holding thousands of defects (placeholders), imported into the store."""
    count = max(int(3900 * scale), 20)
    path = folder / "defects-one-line.txt"
    path.write_text("Privacy Policy\n\nWe collect " + " ".join(["[COMPANY NAME]"] * count)
                    + " data.\n\nWe keep it safe.\n")
    return [["import", str(path), "--checklist", "gdpr"]]


def bullets_import(folder: Path, scale: float) -> list[list[str]]:
    """2.9 MB of bullet lines, imported: every defect would be stored in one database row."""
    [args] = _text_case("bullets-import", TEXT_CASES["text-bullets"])(folder, scale)
    return [["import", args[1], "--checklist", "gdpr"]]


def invalid_utf8(folder: Path, scale: float) -> list[list[str]]:
    path = folder / "one-bad-byte.txt"
    path.write_bytes("Privacy Policy\n\nWe collect your data – carefully.\n".encode()
                     + b"Caf\xe9 customers\n")
    return [["text", str(path)]]


def non_utf8_name(folder: Path, scale: float) -> list[list[str]]:
    raw = os.fsencode(folder) + b"/policy-\xff.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Privacy Policy\n\nWe collect your data.\n")
    return [["import", os.fsdecode(raw), "--checklist", "gdpr"]]


def _pdf(path: Path, content: bytes, pages: int) -> None:
    """A PDF whose `pages` pages all draw the one (compressed) content stream."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(f"{5 + i} 0 R".encode() for i in range(pages))
        + f"] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed
        + b"\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    path.write_bytes(out.getvalue())


def pdf_shared_stream(pages: int) -> Callable[[Path, float], list[list[str]]]:
    def build(folder: Path, scale: float) -> list[list[str]]:
        line = b"(We collect personal data about you.) Tj 0 -12 Td\n"
        content = (b"BT /F1 10 Tf 72 700 Td\n" + line * int(1024 * 1024 * scale / len(line))
                   + b"ET\n")
        path = folder / f"shared-stream-{pages}.pdf"
        _pdf(path, content, pages)
        return [["text", str(path)]]
    return build


def _checklist_item(number: int) -> str:
    return (f"  - {{id: bomb.item-{number}, title: T, citation: s, level: must, topic: notice, "
            "requirement: R, guidance: G, cues: [collect]}\n")


_CHECKLIST_HEAD = ("id: bomb\nname: Test\njurisdiction: Test\nlaw: Test law\nlaw_version: '1'\n"
                   "regulator: Test\nversion: '1'\nlast_reviewed: 2026-01-01\n")


def user_checklist(name: str, body: Callable[[float], str | None]) -> Callable[[Path, float], list[list[str]]]:
    """A file in the user checklists folder (under POLICY_AUDITOR_DATA), then `checklists`."""
    def build(folder: Path, scale: float) -> list[list[str]]:
        target = folder / "data" / "checklists"
        target.mkdir(parents=True, exist_ok=True)
        content = body(scale)
        path = target / f"{name}.yaml"
        if name == "fifo":
            os.mkfifo(path)
        elif name == "dev-zero":
            path.symlink_to("/dev/zero")
        else:
            path.write_text(content or "")
        return [["checklists"]]
    return build


def _alias_bomb(scale: float) -> str:
    """Nine levels of nine aliases each: under 1 KB of YAML naming 387 million strings."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n" + _CHECKLIST_HEAD + "items: *a9\n"


def _many_items(scale: float) -> str:
    count = max(int(40_000 * scale), 50)
    return _CHECKLIST_HEAD + "items:\n" + "".join(_checklist_item(n) for n in range(count))


CHECKLIST_CASES = {
    "bad-integer": lambda scale: _CHECKLIST_HEAD.replace("id: bomb\n", "id: badint\n")
    + "child_age:\n  summary: x\n  age: 0x_\nitems:\n" + _checklist_item(1).replace("bomb.", "badint."),
    "python-name": lambda scale: _CHECKLIST_HEAD + "items: !!python/name:os.system\n",
    "recursive-alias": lambda scale: _CHECKLIST_HEAD + "items: &loop\n  - *loop\n",
    "alias-bomb": _alias_bomb,
    "fifo": lambda scale: None,
    "dev-zero": lambda scale: None,
    "many-items": _many_items,
}


def report_name(kind: str) -> Callable[[Path, float], list[list[str]]]:
    """An audit whose policy name is very long or holds markup, then its PDF report."""
    def build(folder: Path, scale: float) -> list[list[str]]:
        path = folder / f"name-{kind}.txt"
        path.write_text("Privacy Policy\n\nWe collect your name and e-mail address to run the "
                        "service. You may ask us to delete your data.\n")
        if kind == "long":
            name = " ".join(["Extraordinarily-long-policy-name"] * max(int(2000 * scale), 200))
        else:
            name = 'Acme <b>bold</b> & <font size="80">big</font> <para> <br/> &amp; \x1b[31mred'
        return [["import", str(path), "--checklist", "gdpr", "--name", name],
                ["report", "1", "--out", str(folder / "report.pdf")]]
    return build


def cases() -> list[Case]:
    """Every case of the hostile-input table, at full size when scale is 1."""
    found = [
        Case("docx-empty-paragraphs", docx_empty_paragraphs, "DOCX of many empty paragraphs"),
        Case("docx-many-runs", docx_many_runs, "DOCX of very many runs"),
        Case("docx-text-2mb", docx_text(2), "DOCX text paragraphs, 2 MB XML"),
        Case("docx-text-4mb", docx_text(4), "DOCX text paragraphs, 4 MB XML"),
        Case("docx-text-8mb", docx_text(8), "DOCX text paragraphs, 8 MB XML"),
        Case("docx-nested-tables-1000", docx_nested_tables, "DOCX tables nested 1,000 deep"),
        Case("html-li-1mb", html_li_megabyte, "HTML with 1 MB of <li> items"),
        Case("html-ol-5000", html_ordered(5000), "HTML ordered list, 5,000 items"),
        Case("html-ol-10000", html_ordered(10000), "HTML ordered list, 10,000 items"),
        Case("html-ol-20000", html_ordered(20000), "HTML ordered list, 20,000 items"),
        Case("html-nested-1000", html_nested, "HTML nested 1,000 deep"),
        Case("html-bold-1mb", html_bold_megabyte, "HTML with 1 MB of <b>"),
        Case("md-nested-list", markdown_nested_list, "Markdown list nested 10 levels"),
        Case("utf8-one-bad-byte", invalid_utf8, "one invalid byte in a UTF-8 file"),
        Case("non-utf8-file-name", non_utf8_name, "a file name that is not UTF-8"),
        Case("spaces-100kb", spaces_line, "a line of 100 KB of spaces"),
        Case("defects-one-line", defects_one_line, "3,900 defects on one line (import)"),
        Case("bullets-import", bullets_import, "2.9 MB of bullet lines (import, stored defects)"),
        Case("pdf-shared-stream", pdf_shared_stream(4), "PDF pages sharing a 1 MB content stream"),
        Case("pdf-shared-stream-many", pdf_shared_stream(300),
             "PDF of 300 pages sharing a 1 MB content stream"),
        Case("limit-text-import", policy_at_limit(495_000),
             "at the budget: 495,000 characters of policy text, imported"),
        Case("limit-bullets-import", bullets_at_limit,
             "at the budget: 9,950 bullet lines, imported"),
        Case("report-long-name", report_name("long"), "report: long policy name"),
        Case("report-markup-name", report_name("markup"), "report: name with markup characters"),
    ]
    found += [Case(name, _text_case(name, line), f"lint: 2.9 MB {name[5:]}")
              for name, line in TEXT_CASES.items()]
    found += [Case(f"checklist-{name}", user_checklist(name, body), f"user checklist: {name}")
              for name, body in CHECKLIST_CASES.items()]
    return found
