"""Checking and cleaning a file added to a resource library.

The type is decided by the content (magic bytes, then the file opened by Pillow or pypdf), never by the name or
the browser's claim. Only PDF files and PNG, JPEG, WebP and GIF images are accepted, at most
`settings.RESOURCE_MAX_BYTES` (refused before the whole file is read).

Metadata is stripped so that a member never shares more than they meant to (a phone photo carries GPS):
- images are rebuilt from their pixels alone (the EXIF orientation applied first), so EXIF, GPS, ICC, XMP and
  comments are gone; an animated GIF keeps its first frame only;
- PDFs are rewritten page by page with pypdf: the document information (/Author, /Producer, /Title...), XMP
  streams, document-level actions (/OpenAction, /Names with JavaScript or embedded files) and page actions are
  dropped; a link (or any other action) survives only if it goes to a place in the document (/GoTo) or to an
  http, https or mailto address (/URI): a `javascript:`, `file:` or `data:` address, /Launch, /SubmitForm,
  /ImportData, /GoToR and the rest are removed, as is a chain (/Next) holding one. If anything active is still
  found afterwards (/JS, /JavaScript, /Launch, embedded files...), the file is refused rather than half-cleaned.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pixels an image may have once decoded (a small PNG can expand to gigabytes: a "decompression bomb").
MAX_PIXELS = 40_000_000

ONLY_THESE = "Only PDF files and images (PNG, JPEG, WebP, GIF) can be added."

IMAGE_FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
PDF = ("application/pdf", "pdf")

# Dictionary keys that make a PDF do something on its own; dropped where found, refused if they survive.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
DROPPED_KEYS = {"/AA", "/OpenAction", "/Metadata", "/PieceInfo", "/Names", "/AcroForm", "/StructTreeRoot"}
SAFE_URI_SCHEMES = {"http", "https", "mailto"}
# Actions that run, open, send or fetch something: never kept, and the file is refused if one survives cleaning.
REFUSED_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/RichMediaExecute",
}
# Keys whose value is an action (or a chain of them); removed when the action is not a safe one.
ACTION_KEYS = {"/A", "/Next"}
SAFE_ANNOTATIONS = {"/Link", "/Text", "/Highlight", "/Underline", "/StrikeOut", "/Squiggly", "/Popup"}


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    mime: str
    extension: str

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


def _refuse(message: str | None = None):
    return ValidationError({"file": [message or _(ONLY_THESE)]})


def read_limited(uploaded_file, limit: int) -> bytes:
    """The file's bytes, refusing (before reading it all) one larger than `limit`."""
    size = getattr(uploaded_file, "size", None)
    too_big = _("The file is too large: the limit is %(mb)s MB.") % {"mb": round(limit / (1024 * 1024), 1)}
    if size is not None and size > limit:
        raise _refuse(too_big)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise _refuse(too_big)
    if not content:
        raise _refuse(_("The file is empty."))
    return content


def sniff(content: bytes) -> str | None:
    """ "pdf", an image format name, or None, from the first bytes."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if content.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "WEBP"
    return None


def check_and_clean(uploaded_file) -> CleanFile:
    """Check an uploaded file and return its cleaned content, MIME type and extension.

    Raises ValidationError keyed "file" (too large, empty, not an accepted type, damaged, unsafe).
    """
    content = read_limited(uploaded_file, settings.RESOURCE_MAX_BYTES)
    kind = sniff(content)
    if kind is None:
        raise _refuse()
    if kind == "pdf":
        return CleanFile(clean_pdf(content), *PDF)
    return clean_image(content, kind)


def clean_image(content: bytes, expected: str) -> CleanFile:
    damaged = _("This image seems damaged or incomplete; try saving it again.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                if probe.format != expected:
                    raise _refuse()
                if probe.width * probe.height > MAX_PIXELS:
                    raise _refuse(_("This image is too large in pixels; please make it smaller."))
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.seek(0)
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                pixels = _pixels_only(upright, expected)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("This image is too large in pixels; please make it smaller.")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise _refuse(damaged) from None
    out = io.BytesIO()
    if expected == "JPEG":
        pixels.save(out, "JPEG", quality=90, optimize=True)
    else:
        pixels.save(out, expected)
    mime, extension = IMAGE_FORMATS[expected]
    return CleanFile(out.getvalue(), mime, extension)


def _pixels_only(image: Image.Image, image_format: str) -> Image.Image:
    """A new image holding the pixels only: no info dictionary, so no EXIF, ICC profile, XMP or comment."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        mode = "L" if image.mode in ("L", "1") else "RGB"
    else:
        mode = "RGBA" if has_alpha else ("L" if image.mode in ("L", "1") else "RGB")
    source = image.convert(mode)
    return Image.frombytes(mode, source.size, source.tobytes())


def clean_pdf(content: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    damaged = _("This PDF could not be read; try saving or exporting it again.")
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise _refuse(_("This PDF is protected by a password; please add it without the password."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None
        for page in writer.pages:
            _clean_page(page)
        _strip(writer)
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise _refuse(damaged) from None
    return out.getvalue()


def _clean_page(page) -> None:
    from pypdf.generic import ArrayObject, NameObject

    for key in ("/AA", "/Metadata", "/PieceInfo"):
        page.pop(NameObject(key), None)
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if annotation.get("/Subtype") not in SAFE_ANNOTATIONS or "/AA" in annotation:
            continue
        action = annotation.get("/A")
        if action is not None and not safe_action(action):
            continue
        kept.append(reference)
    page[NameObject("/Annots")] = kept


def safe_action(action, depth: int = 0) -> bool:
    """Whether a PDF action (with its /Next chain) only moves within the document or opens a web or mail address."""
    from pypdf.generic import ArrayObject, DictionaryObject

    action = action.get_object()
    if depth > 20:
        return False
    if isinstance(action, ArrayObject):
        return all(safe_action(item, depth + 1) for item in action)
    if not isinstance(action, DictionaryObject):
        return False
    kind = action.get("/S")
    if kind == "/URI":
        if not safe_uri(action.get("/URI")):
            return False
    elif kind != "/GoTo":
        return False
    chained = action.get("/Next")
    return chained is None or safe_action(chained, depth + 1)


def safe_uri(value) -> bool:
    """An absolute http, https or mailto address. Readers, like browsers, ignore whitespace and control characters
    inside the scheme (`java\tscript:`), so those are removed before the scheme is read."""
    if value is None:
        return False
    value = value.get_object()
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    text = "".join(ch for ch in text if ord(ch) > 0x20 and ord(ch) != 0x7F)
    scheme, colon, _rest = text.partition(":")
    return bool(colon) and scheme.isascii() and scheme.lower() in SAFE_URI_SCHEMES


def _strip(writer) -> None:
    """Drop what must not travel from every object the writer will write, forget the objects nothing refers to any
    more (a removed link's script), then refuse the file if something active remains anywhere."""
    for check in (False, True):
        for obj in list(writer._objects):
            if obj is not None:
                _walk(obj, depth=0, check=check)
        if not check:
            writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)


def _walk(obj, depth: int, check: bool) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if depth > 50 or isinstance(obj, IndirectObject):
        return  # indirect objects are visited on their own from writer._objects
    if isinstance(obj, DictionaryObject):
        if check and obj.get("/S") in REFUSED_ACTIONS:
            raise _refuse(_("This PDF contains scripts or attachments, which can't be shared here."))
        if obj.get("/Type") in ("/Metadata", "/EmbeddedFile") and isinstance(obj, StreamObject):
            obj.set_data(b"")
        for key in list(obj.keys()):
            if check and key in ACTIVE_KEYS:
                raise _refuse(_("This PDF contains scripts or attachments, which can't be shared here."))
            if key in DROPPED_KEYS or (key in ACTION_KEYS and _is_action(obj[key]) and not safe_action(obj[key])):
                del obj[key]
                continue
            _walk(obj[key], depth + 1, check)
    elif isinstance(obj, ArrayObject):
        for item in obj:
            _walk(item, depth + 1, check)


def _is_action(value) -> bool:
    """A dictionary with an action type (/S), or a list of them: other dictionaries reuse the names /A and /Next."""
    from pypdf.generic import ArrayObject, DictionaryObject

    value = value.get_object()
    if isinstance(value, ArrayObject):
        return any(_is_action(item) for item in value)
    return isinstance(value, DictionaryObject) and "/S" in value


def download_name(title: str, extension: str) -> str:
    """A safe file name to download the resource as, derived from its title."""
    stem = slugify(title)[:80].strip("-") or "resource"
    return f"{stem}.{extension}"
