"""DOCX text behind Word's wrappers: nested tables, content controls, tracked changes, fields."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from desktop_app.core import extract_docx
from desktop_app.core.ingest import extract_text, load_document
from desktop_app.errors import InputError
from tests.hostile.corpus import write_docx


def para(*runs: str, inside: str = "") -> str:
    """A paragraph of plain runs; `inside` is extra markup placed after them."""
    texts = "".join(f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs)
    return f"<w:p>{texts}{inside}</w:p>"


def table(*rows: list[str]) -> str:
    """A table whose cells hold the given markup."""
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    ) + "</w:tbl>"


def sdt(content: str) -> str:
    """A content control as Word writes it: properties, then the content."""
    return ('<w:sdt><w:sdtPr><w:alias w:val="Clause"/><w:id w:val="1"/></w:sdtPr>'
            f"<w:sdtContent>{content}</w:sdtContent></w:sdt>")


def lines(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "policy.docx"
    write_docx(path, body)
    return extract_text(path).text.splitlines()


def refusal(tmp_path: Path, body: str) -> str:
    path = tmp_path / "policy.docx"
    write_docx(path, body)
    with pytest.raises(InputError) as caught:
        extract_text(path)
    return caught.value.user_text()


def test_table_inside_a_cell_is_read_in_place(tmp_path: Path) -> None:
    inner = table([para("Marketing"), para("Consent")],
                  [para("Analytics"), para("Legitimate interests")])
    body = (para("Before the table.")
            + table([para("Purpose"), para("Our purposes:") + inner + para("Nothing else.")],
                    [para("Retention"), para("Two years.")])
            + para("After the table."))
    assert lines(tmp_path, body) == [
        "Before the table.",
        "Purpose | Our purposes: Marketing | Consent Analytics | Legitimate interests "
        "Nothing else.",
        "Retention | Two years.",
        "After the table.",
    ]


def test_tables_nested_sixty_deep_keep_every_level_in_order(tmp_path: Path) -> None:
    depth = 60
    body = "".join(f"<w:tbl><w:tr><w:tc>{para(f'Level {level}.')}" for level in range(depth))
    body += "".join(f"{para(f'After {level}.')}</w:tc></w:tr></w:tbl>"
                    for level in reversed(range(depth)))
    [line] = lines(tmp_path, body)
    assert line == " ".join([f"Level {level}." for level in range(depth)]
                            + [f"After {level}." for level in reversed(range(depth))])


def test_nesting_beyond_the_parser_limit_is_refused_naming_it(tmp_path: Path) -> None:
    body = "<w:tbl><w:tr><w:tc>" * 100 + para("Deep.") + "</w:tc></w:tr></w:tbl>" * 100
    message = refusal(tmp_path, body)
    assert "nests its content more than 256 levels deep" in message
    assert len(message.splitlines()) == 1


def test_vertically_merged_cell_keeps_its_own_text(tmp_path: Path) -> None:
    merged = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    body = table([f"{merged}{para('Contact data')}", para("Name")],
                 [f"<w:tcPr><w:vMerge/></w:tcPr>{para('and address')}", para("Street")])
    assert lines(tmp_path, body) == ["Contact data | Name", "Contact data and address | Street"]


def test_body_level_content_controls(tmp_path: Path) -> None:
    body = (para("Privacy Policy")
            + sdt(para("We collect your name.") + para("We keep it for a year."))
            + sdt(table([para("Data"), para("Purpose")]))
            + sdt(sdt(para("Nested control text.")))
            + para("Contact us."))
    assert lines(tmp_path, body) == ["Privacy Policy", "We collect your name.",
                                     "We keep it for a year.", "Data | Purpose",
                                     "Nested control text.", "Contact us."]


def test_inline_row_and_cell_content_controls(tmp_path: Path) -> None:
    inline = sdt('<w:r><w:t xml:space="preserve">Acme Ltd </w:t></w:r>')
    body = (para("We, ", inside=inline + '<w:r><w:t>, collect data.</w:t></w:r>')
            + "<w:tbl>" + sdt(f"<w:tr><w:tc>{para('Row in a control')}</w:tc>"
                              + sdt(f"<w:tc>{para('cell in a control')}</w:tc>") + "</w:tr>")
            + "</w:tbl>")
    assert lines(tmp_path, body) == ["We, Acme Ltd , collect data.",
                                     "Row in a control | cell in a control"]


def test_tracked_insertions_are_kept_and_deletions_dropped(tmp_path: Path) -> None:
    body = ("<w:p><w:r><w:t xml:space=\"preserve\">We keep data for </w:t></w:r>"
            '<w:del w:id="1" w:author="A"><w:r><w:delText>five</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="A"><w:r><w:t>two</w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve"> years</w:t></w:r>'
            '<w:moveFrom w:id="3" w:author="A"><w:r><w:t> moved away</w:t></w:r></w:moveFrom>'
            '<w:r><w:t>.</w:t></w:r></w:p>'
            '<w:p><w:moveTo w:id="4" w:author="A"><w:r><w:t>Moved here.</w:t></w:r></w:moveTo>'
            '</w:p>'
            '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr>'
            '<w:del w:id="6" w:author="A"><w:r><w:t>Whole paragraph deleted.</w:t></w:r></w:del>'
            "</w:p>"
            + table([para("Kept cell"),
                     '<w:p><w:del w:id="7" w:author="A"><w:r><w:delText>gone</w:delText>'
                     "</w:r></w:del></w:p>"]))
    assert lines(tmp_path, body) == ["We keep data for two years.", "Moved here.", "Kept cell"]


def test_hyperlinks_smart_tags_fields_and_wrappers_inside_each_other(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:t xml:space="preserve">Write to </w:t></w:r>'
            '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships"><w:r><w:t>privacy@example.com</w:t></w:r></w:hyperlink>'
            '<w:r><w:t xml:space="preserve"> or </w:t></w:r>'
            '<w:smartTag w:element="address"><w:smartTag w:element="City">'
            "<w:r><w:t>London</w:t></w:r></w:smartTag></w:smartTag>"
            '<w:r><w:t xml:space="preserve"> (see section </w:t></w:r>'
            '<w:fldSimple w:instr=" REF _Ref1 \\h "><w:r><w:t>4</w:t></w:r></w:fldSimple>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t xml:space="preserve">, page 2</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:ins w:id="1" w:author="A"><w:hyperlink w:anchor="s5"><w:r><w:t>, and 5</w:t>'
            "</w:r></w:hyperlink></w:ins>"
            '<w:customXml w:element="x"><w:r><w:t>)</w:t></w:r></w:customXml>'
            "<w:r><w:t>.</w:t></w:r></w:p>")
    assert lines(tmp_path, body) == [
        "Write to privacy@example.com or London (see section 4, page 2, and 5)."]


def test_tabs_and_every_kind_of_break_separate_words(tmp_path: Path) -> None:
    body = ("<w:p><w:r><w:t>Name</w:t><w:tab/><w:t>e-mail</w:t><w:br/><w:t>address</w:t>"
            '<w:br w:type="page"/><w:t>phone</w:t><w:br w:type="column"/><w:t>number</w:t>'
            "<w:cr/><w:t>end.</w:t></w:r></w:p>")
    assert lines(tmp_path, body) == ["Name e-mail address phone number end."]


def test_text_box_is_read_once_though_stored_twice(tmp_path: Path) -> None:
    box = para("Key point: we never sell your data.")
    drawing = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
               'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
               f"<wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp>"
               "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape "
               'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
               f"<w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict>"
               "</mc:Fallback></mc:AlternateContent>")
    body = para("Summary.", inside=f"<w:r>{drawing}</w:r>") + para("Details follow.")
    assert lines(tmp_path, body) == ["Key point: we never sell your data.", "Summary.",
                                     "Details follow."]


def test_runs_outside_a_paragraph_are_kept(tmp_path: Path) -> None:
    body = (para("First.") + '<w:ins w:id="1" w:author="A"><w:r><w:t>Loose run.</w:t></w:r>'
            "</w:ins>" + para("Last."))
    assert lines(tmp_path, body) == ["First.", "Loose run.", "Last."]


def test_content_kept_in_a_separate_file_is_refused(tmp_path: Path) -> None:
    body = para("Intro.") + '<w:altChunk r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/' \
        'officeDocument/2006/relationships"/>'
    message = refusal(tmp_path, body)
    assert "alternative-format chunk" in message and "save it again" in message


def test_text_held_in_a_cell_counts_against_the_character_budget(tmp_path: Path) -> None:
    inner = table([para("word " * 400)])
    path = tmp_path / "policy.docx"
    write_docx(path, table([para("Outer") + inner]))
    assert len(extract_docx.docx_to_text(path.read_bytes(), "policy.docx", 5_000)) > 2_000
    with pytest.raises(InputError, match="more than the 1,000 characters"):
        extract_docx.docx_to_text(path.read_bytes(), "policy.docx", 1_000)


def test_clauses_hold_text_from_content_controls(tmp_path: Path) -> None:
    body = (para("Privacy Policy") + para("1. Collection")
            + sdt(para("We collect your name when you register."))
            + sdt(para("2. Sharing") + para("We share your data with our processors."))
            + para("3. Rights")
            + para("You may ", inside=sdt("<w:r><w:t>ask us to delete</w:t></w:r>")
                   + '<w:r><w:t xml:space="preserve"> your data.</w:t></w:r>'))
    path = tmp_path / "policy.docx"
    write_docx(path, body)
    clauses = [(clause.heading, clause.text) for clause in load_document(path).clauses]
    assert clauses == [("Collection", "We collect your name when you register."),
                       ("Sharing", "We share your data with our processors."),
                       ("Rights", "You may ask us to delete your data.")]


_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def with_notes(path: Path, body: str, footnotes: str, endnotes: str = "") -> None:
    """A document whose footnotes and endnotes parts hold the given notes."""
    write_docx(path, body)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    separator = ('<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                 "</w:{kind}>")
    rels = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/endnotes" Target="endnotes.xml"/>'
            "</Relationships>")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/footnotes.xml", f'<w:footnotes xmlns:w="{w}">'
                         f'{separator.format(kind="footnote")}{footnotes}</w:footnotes>')
        archive.writestr("word/endnotes.xml", f'<w:endnotes xmlns:w="{w}">'
                         f'{separator.format(kind="endnote")}{endnotes}</w:endnotes>')


def note(kind: str, number: int, content: str) -> str:
    mark = f'<w:r><w:rPr><w:rStyle w:val="{kind.title()}Reference"/></w:rPr><w:{kind}Ref/></w:r>'
    return f'<w:{kind} w:id="{number}">{content.replace("<w:p>", "<w:p>" + mark, 1)}</w:{kind}>'


def test_footnotes_and_endnotes_follow_the_tables(tmp_path: Path) -> None:
    reference = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    body = (para("We rely on legitimate interests.", inside=reference)
            + table([para("Data"), para("Purpose")]))
    path = tmp_path / "notes.docx"
    with_notes(path, body,
               note("footnote", 1, para("Within the meaning of Article 6(1)(f) GDPR.")
                    + para("Balanced against your rights."))
               + note("footnote", 2, sdt(para("See our ") + table([para("assessment")]))),
               note("endnote", 1, '<w:p><w:del w:id="3" w:author="A"><w:r><w:delText>old'
                                  "</w:delText></w:r></w:del><w:r><w:t>Last updated 2026."
                                  "</w:t></w:r></w:p>"))
    assert extract_text(path).text.splitlines() == [
        "We rely on legitimate interests.", "Data | Purpose",
        "Within the meaning of Article 6(1)(f) GDPR.", "Balanced against your rights.",
        "See our", "assessment", "Last updated 2026."]


def test_notes_count_towards_the_document_xml_budget(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1)
    # Runs as Word writes them, each with its own revision id: mostly markup, little text.
    runs = "".join(f'<w:r w:rsidR="{rng.getrandbits(32):08X}"><w:rPr><w:b/><w:i/></w:rPr>'
                   "<w:t>note </w:t></w:r>" for _ in range(40_000))
    path = tmp_path / "notes.docx"
    with_notes(path, para("We collect your name."), note("footnote", 1, f"<w:p>{runs}</w:p>"))
    assert extract_text(path).text.endswith("note note note")
    monkeypatch.setattr(extract_docx, "MAX_DOCUMENT_XML", 1024 * 1024)
    with pytest.raises(InputError, match="holds 2 MB of document XML, more than the 1 MB"):
        extract_text(path)


def test_symbol_font_characters_are_kept(tmp_path: Path) -> None:
    def sym(font: str, char: str) -> str:
        return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'

    body = (table([para("Marketing"), f"<w:p>{sym('Wingdings', 'F0FC')}</w:p>"],
                  [para("Profiling"), f"<w:p>{sym('Wingdings', 'F0FB')}</w:p>"])
            + para("Acme ", inside=sym("Symbol", "F0D3") + sym("Wingdings", "F04A")
                   + sym("Symbol", "not hex") + "<w:r><w:t> 2026</w:t></w:r>"))
    assert lines(tmp_path, body) == ["Marketing | ✓", "Profiling | ✗", "Acme ©\uf04a 2026"]


def test_a_table_belongs_to_the_section_it_sits_in(tmp_path: Path) -> None:
    from desktop_app.core.ingest import load_document

    body = (para("Privacy Policy") + para("Your rights")
            + para("You may ask us for a copy of your data at any time.")
            + para("California residents")
            + table([para("Right"), para("How to use it")],
                    [para("Erasure"), para("Write to us")],
                    [para("Opt out of sale"), para("Use the link in the footer")])
            + para("Contact us") + para("Write to privacy@example.com with any question."))
    path = tmp_path / "policy.docx"
    write_docx(path, body)
    clauses = load_document(path).clauses
    rows = [c for c in clauses if " | " in c.text]
    # Short rows are table text under their section, never headings of their own.
    assert [c.text for c in rows] == ["Right | How to use it", "Erasure | Write to us",
                                      "Opt out of sale | Use the link in the footer"]
    assert {c.heading for c in rows} == {"California residents"}
    contact = next(c for c in clauses if "privacy@example.com" in c.text)
    assert contact.heading == "Contact us"


def test_text_formatted_as_hidden_is_left_out(tmp_path: Path) -> None:
    def run(text: str, properties: str = "") -> str:
        return f'<w:r>{properties}<w:t xml:space="preserve">{text}</w:t></w:r>'

    body = ("<w:p>" + run("We keep data for two years")
            + run(" [drafting note: check with legal]", "<w:rPr><w:vanish/></w:rPr>")
            + run(".") + "</w:p>"
            + "<w:p>" + run("Shown again.", '<w:rPr><w:b/><w:vanish w:val="false"/></w:rPr>')
            + "</w:p>"
            + "<w:p>" + run("A hidden paragraph.", "<w:rPr><w:vanish/></w:rPr>") + "</w:p>"
            + '<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>' + run("Only its mark is hidden.")
            + "</w:p>")
    assert lines(tmp_path, body) == ["We keep data for two years.", "Shown again.",
                                     "Only its mark is hidden."]
