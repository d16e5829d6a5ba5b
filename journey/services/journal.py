"""Every write to a member's journal goes through one of these functions, for the pages and the API alike.

Title, text and tags are encrypted at rest, so search filters the member's own entries by date in SQL and then
matches words and tags in Python after decrypting. Errors are `ValidationError`s keyed by field name; `today` is
the member's date (`today_for`), a parameter so that tests never patch the clock.
"""

import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import JournalEntry
from ..prompts import PROMPTS

MAX_BODY = 20_000
MAX_TITLE = 200
MAX_TAGS = 10
MAX_TAG = 30
ENTRY_FIELDS = ("date", "title", "body", "tags", "mood", "prompt")


def fold(text: str) -> str:
    """Text for matching: case-folded, accents removed ("Café" and "cafe" match)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clean_tags(tags) -> list[str]:
    """Tags trimmed, lower-cased, without a leading "#", empty ones dropped and duplicates removed (order kept).

    A string is split on commas, as the page's tag field sends it.
    """
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.split(",")
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split()).lstrip("#").strip().lower()
        if tag and tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def _check(values: dict, *, today: date) -> None:
    errors: dict[str, str] = {}
    if not values["body"]:
        errors["body"] = _("Write something in the entry, even a line.")
    elif len(values["body"]) > MAX_BODY:
        errors["body"] = _("Keep an entry to %(count)s characters; you can start another one.") % {
            "count": f"{MAX_BODY:,}"
        }
    if len(values["title"]) > MAX_TITLE:
        errors["title"] = _("Keep the title to %(count)d characters.") % {"count": MAX_TITLE}
    tags = values["tags"]
    if len(tags) > MAX_TAGS:
        errors["tags"] = _("Use up to %(count)d tags.") % {"count": MAX_TAGS}
    elif any(len(tag) > MAX_TAG for tag in tags):
        errors["tags"] = _("Keep each tag to %(count)d characters.") % {"count": MAX_TAG}
    mood = values["mood"]
    if mood is not None and (isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5):
        errors["mood"] = _("Choose a mood from 1 to 5, or leave it empty.")
    if values["date"] > today:
        errors["date"] = _("The date can't be in the future.")
    if values["prompt"] and values["prompt"] not in PROMPTS:
        errors["prompt"] = _("Choose a prompt from the list.")
    if errors:
        raise ValidationError(errors)


def _clean(values: dict) -> dict:
    values["title"] = (values.get("title") or "").strip()
    values["body"] = (values.get("body") or "").strip()
    values["tags"] = clean_tags(values.get("tags"))
    values["prompt"] = (values.get("prompt") or "").strip()
    return values


def create_entry(
    user,
    *,
    today: date,
    body: str,
    date: date | None = None,
    title: str = "",
    tags=None,
    mood: int | None = None,
    prompt: str = "",
) -> JournalEntry:
    """A new entry dated `date` (default today, never in the future). One query."""
    values = _clean({"date": date or today, "title": title, "body": body, "tags": tags, "mood": mood, "prompt": prompt})
    _check(values, today=today)
    return JournalEntry.objects.create(user=user, **values)


def update_entry(entry: JournalEntry, *, today: date, **changes) -> JournalEntry:
    """Change some of an entry's fields (any of `ENTRY_FIELDS`); the same rules as a new entry. One query."""
    unknown = set(changes) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"not journal entry fields: {sorted(unknown)}")
    values = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    values.update(changes)
    values = _clean(values)
    _check(values, today=today)
    fields = [name for name in ENTRY_FIELDS if name in changes]
    for name in fields:
        setattr(entry, name, values[name])
    entry.updated_at = timezone.now()
    entry.save(update_fields=[*fields, "updated_at"])
    return entry


def delete_entry(entry: JournalEntry) -> None:
    """Delete the entry; anything shared of it is withdrawn with it."""
    entry.delete()


def _matches(entry: JournalEntry, words: list[str], tag: str) -> bool:
    entry_tags = [fold(t) for t in entry.tags or []]
    if tag and tag not in entry_tags:
        return False
    text = " ".join([fold(entry.title), fold(entry.body), *entry_tags])
    return all(word in text for word in words)


def search_entries(
    user, *, q: str = "", tag: str = "", date_from: date | None = None, date_to: date | None = None
) -> list[JournalEntry]:
    """The member's own entries, newest first, between the dates (inclusive) and matching every word of `q`
    (in the title, text or tags) and the tag exactly, ignoring case and accents.

    One query, then every entry in the date range is decrypted in Python: the cost grows with the journal.
    """
    entries = JournalEntry.objects.owned_by(user)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    words = fold(q).split()
    tag = fold(tag.strip().lstrip("#"))
    if not words and not tag:
        return list(entries)
    return [entry for entry in entries if _matches(entry, words, tag)]


def all_tags(user) -> list[str]:
    """Every tag the member has used, sorted. Decrypts the tags of all their entries (one query)."""
    tags: set[str] = set()
    for entry_tags in JournalEntry.objects.owned_by(user).values_list("tags", flat=True):
        tags.update(entry_tags or [])
    return sorted(tags, key=fold)
