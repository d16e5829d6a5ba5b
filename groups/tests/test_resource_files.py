"""Files in the resource libraries: type decided by content, metadata stripped, size limited, served only through
the access-checked view."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from groups.files import check_and_clean
from groups.models import Resource

from .helpers import login, png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]

GPS = 0x8825


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # rotated: the stored image must be upright
    exif[GPS] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS)  # the fixture really carries a location
    return data


def pdf_with(author="Robin Realname", javascript=False, link_script=False) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": author, "/Title": "My private notes", "/Producer": "SecretOffice"})
    if javascript:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hi')")}
        )
    if link_script:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("evilScript()")}
        )
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([]),
                NameObject("/A"): action,
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refused(uploaded):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        check_and_clean(uploaded)
    return " ".join(caught.value.message_dict["file"])


# --- check_and_clean -------------------------------------------------------------------------------------------


def test_a_jpeg_loses_its_exif_and_gps_and_is_stored_upright():
    clean = check_and_clean(upload("holiday.jpg", jpeg_with_gps(), "image/jpeg"))
    image = Image.open(io.BytesIO(clean.content))
    assert (clean.mime, clean.extension) == ("image/jpeg", "jpg")
    assert dict(image.getexif()) == {} and "exif" not in image.info
    assert image.size == (20, 40)  # orientation applied before the EXIF was dropped
    assert b"PhoneMaker" not in clean.content


def test_a_png_loses_its_text_chunks_and_icc_profile():
    from PIL import ImageCms, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Robin Realname")
    out = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGBA", (5, 5), (1, 2, 3, 128)).save(out, "PNG", pnginfo=info, icc_profile=profile)
    clean = check_and_clean(upload("a.png", out.getvalue()))
    image = Image.open(io.BytesIO(clean.content))
    assert clean.mime == "image/png" and b"Robin" not in clean.content
    assert "icc_profile" not in image.info and image.mode == "RGBA"


def test_webp_and_gif_are_accepted_and_rebuilt():
    for fmt, mime in (("WEBP", "image/webp"), ("GIF", "image/gif")):
        out = io.BytesIO()
        Image.new("RGB", (6, 6), "green").save(out, fmt)
        assert check_and_clean(upload("x.bin", out.getvalue())).mime == mime


def test_a_pdf_loses_its_author_title_and_producer():
    clean = check_and_clean(upload("notes.pdf", pdf_with(), "application/pdf"))
    assert (clean.mime, clean.extension) == ("application/pdf", "pdf")
    for secret in (b"Robin Realname", b"My private notes", b"SecretOffice", b"/Producer"):
        assert secret not in clean.content
    reader = PdfReader(io.BytesIO(clean.content))
    assert len(reader.pages) == 1 and not reader.metadata and reader.xmp_metadata is None


def test_a_pdf_loses_its_scripts_opening_action_and_script_links():
    clean = check_and_clean(upload("a.pdf", pdf_with(javascript=True, link_script=True)))
    assert b"JavaScript" not in clean.content and b"evilScript" not in clean.content
    assert b"OpenAction" not in clean.content


def test_a_png_named_pdf_is_treated_as_the_png_it_is():
    clean = check_and_clean(upload("report.pdf", png_bytes(), "application/pdf"))
    assert (clean.mime, clean.extension) == ("image/png", "png")


def test_an_html_file_named_png_is_refused():
    message = refused(upload("cat.png", b"<html><script>alert(1)</script></html>", "image/png"))
    assert "Only PDF files and images" in message


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 executable", b"PK\x03\x04 a zip or docx", b"<svg onload=alert(1)>", b"%!PS-Adobe"]
)
def test_other_types_are_refused_whatever_their_name(content):
    assert "Only PDF files and images" in refused(upload("photo.jpg", content, "image/jpeg"))


def test_an_oversize_file_is_refused_before_it_is_read(settings):
    settings.RESOURCE_MAX_BYTES = 1000

    class Huge(io.BytesIO):
        size = 10**9

        def read(self, *args):
            raise AssertionError("a file over the limit must not be read")

    assert "too large" in refused(Huge())
    assert "too large" in refused(upload("big.png", png_bytes() + b"\0" * 2000))


def test_a_truncated_image_is_refused():
    data = jpeg_with_gps()
    assert "damaged" in refused(upload("cut.jpg", data[: len(data) // 2]))
    assert "damaged" in refused(upload("cut.png", png_bytes((64, 64))[:60]))


def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    assert "too large in pixels" in refused(upload("bomb.png", out.getvalue()))


def test_an_empty_or_broken_pdf_is_refused():
    assert "empty" in refused(upload("e.pdf", b""))
    assert "could not be read" in refused(upload("b.pdf", b"%PDF-1.7\nnot really a pdf"))


# --- Through the pages -----------------------------------------------------------------------------------------


def add_file(client, slug, name, content, title="Grounding worksheet"):
    return client.post(
        f"/groups/{slug}/resources/new/",
        {"kind": "file", "title": title, "file": upload(name, content)},
    )


def test_a_trusted_member_uploads_a_photo_stored_without_gps_under_a_random_name(client, library_world, trusting):
    login(client, library_world.member)
    response = add_file(client, "harbour", "IMG_0001 at home.jpg", jpeg_with_gps(), title="My calm corner!")
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.file_type == "image/jpeg" and resource.file_name == "my-calm-corner.jpg"
    stored = resource.file.name.rsplit("/", 1)[1]
    assert len(stored) == len("0" * 32 + ".jpg") and "IMG" not in resource.file.name
    with resource.file.open("rb") as handle:
        assert not Image.open(handle).getexif().get_ifd(GPS)


def test_a_new_member_cannot_upload_files_yet(client, library_world):
    login(client, library_world.member)
    response = add_file(client, "harbour", "a.png", png_bytes())
    assert response.status_code == 200 and "Thank you for waiting" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_refused_file_shows_a_clear_error(client, library_world, trusting):
    login(client, library_world.member)
    response = add_file(client, "harbour", "evil.png", b"<html>hi</html>")
    assert "Only PDF files and images (PNG, JPEG, WebP, GIF) can be added." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_pdf_downloads_as_an_attachment_private_and_never_sniffed(client, library_world, trusting):
    login(client, library_world.member)
    add_file(client, "harbour", "w.pdf", pdf_with(), title="Worksheet")
    resource = Resource.objects.get()
    response = client.get(f"/resources/{resource.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment") and "worksheet.pdf" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "private, no-store"
    assert b"Robin Realname" not in b"".join(response.streaming_content)


def test_an_image_is_shown_inline(client, library_world, trusting):
    login(client, library_world.member)
    add_file(client, "harbour", "a.png", png_bytes(), title="Picture")
    resource = Resource.objects.get()
    response = client.get(f"/resources/{resource.pk}/file/")
    assert response["Content-Type"] == "image/png" and response["Content-Disposition"].startswith("inline")
    assert f'src="/resources/{resource.pk}/file/"' in client.get(f"/resources/{resource.pk}/").content.decode()


def test_the_file_is_refused_to_those_who_may_not_read_the_library(client, library_world, trusting):
    login(client, library_world.member)
    add_file(client, "harbour", "a.png", png_bytes())
    resource = Resource.objects.get()
    for user in (library_world.other, library_world.outsider):
        assert login(client, user).get(f"/resources/{resource.pk}/file/").status_code == 404
    client.logout()
    assert client.get(f"/resources/{resource.pk}/file/").status_code == 302


def test_removing_a_resource_deletes_its_file(client, library_world, trusting, django_capture_on_commit_callbacks):
    login(client, library_world.member)
    add_file(client, "harbour", "a.png", png_bytes())
    resource = Resource.objects.get()
    storage, name = resource.file.storage, resource.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/resources/{resource.pk}/delete/")
    assert not storage.exists(name)


def test_a_pdf_page_action_and_file_attachment_are_dropped():
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x()")})
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(script)})
    attachment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Contents"): TextStringObject("hidden.exe"),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(attachment)])
    out = io.BytesIO()
    writer.write(out)
    clean = check_and_clean(upload("a.pdf", out.getvalue()))
    assert b"JavaScript" not in clean.content and b"hidden.exe" not in clean.content and b"/AA" not in clean.content
    assert len(PdfReader(io.BytesIO(clean.content)).pages) == 1
