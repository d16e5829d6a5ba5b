"""manage.py import_meetings PATH: import a meeting feed (file or http(s) URL) into a source, with a report."""

import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from directory.derived import canonical_zone
from directory.feeds import FeedError, bmlt, meeting_guide, oiaa, tsml_csv
from directory.feeds.detect import FORMATS, detect_format
from directory.importing import ImportReport, import_feed
from directory.models import Program, Source

DEFAULT_PROGRAM = {"meeting-guide": "aa", "tsml-csv": "aa", "oiaa": "aa", "bmlt": "na"}
FETCH_TIMEOUT = 30
MAX_WARNINGS_SHOWN = 20


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


def read_text(location: str) -> str:
    """The text of a local file or an http(s) URL; CommandError with the reason when it cannot be read."""
    if is_url(location):
        request = urllib.request.Request(location, headers={"User-Agent": "PeerHaven meeting importer"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
                body = response.read()
                charset = response.headers.get_content_charset() or "utf-8"
        except urllib.error.HTTPError as error:
            raise CommandError(f"could not fetch {location}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise CommandError(f"could not fetch {location}: {reason}") from None
        try:
            return body.decode(charset, errors="strict").lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            return body.decode("utf-8", errors="replace").lstrip("\ufeff")
    path = Path(location)
    if not path.is_file():
        raise CommandError(f"no such file: {location}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1")
    except OSError as error:
        raise CommandError(f"could not read {location}: {error.strerror}") from None


def sibling(location: str, kind: str) -> str | None:
    """For a local ".../x-meetings.json", an existing ".../x-{kind}.json" next to it."""
    if is_url(location):
        return None
    path = Path(location)
    if not path.name.endswith("-meetings.json"):
        return None
    candidate = path.with_name(path.name.removesuffix("-meetings.json") + f"-{kind}.json")
    return str(candidate) if candidate.is_file() else None


def default_slug(location: str) -> str:
    if is_url(location):
        parts = urlsplit(location)
        name = f"{parts.hostname or ''} {Path(parts.path).stem}"
    else:
        name = Path(location).stem
    return (slugify(name) or "feed")[:50]


class Command(BaseCommand):
    help = "Import meetings from a feed file or URL into a source; prints counts, every problem and warnings."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A feed file or an http(s) URL.")
        parser.add_argument("--format", default="auto", choices=["auto", *FORMATS])
        parser.add_argument("--source", help="The source's slug (default: from the file name); created if missing.")
        parser.add_argument("--name", help="The source's name when it is created (default: from the slug).")
        parser.add_argument("--program", help="Program slug (default: the source's, else aa; na for BMLT).")
        parser.add_argument("--timezone", default="", help="IANA zone for records with no zone and no exact place.")
        parser.add_argument("--formats", help="BMLT: a GetFormats JSON file or URL (world ids -> NA codes).")
        parser.add_argument("--service-bodies", help="BMLT: a GetServiceBodies JSON file or URL (-> regions).")
        parser.add_argument("--groups", help="OIAA: the groups JSON file or URL (groupID -> group name).")

    def handle(self, *args, **options):
        location = options["path"]
        content = read_text(location)
        feed_format = options["format"]
        try:
            if feed_format == "auto":
                feed_format = detect_format(location, content)
            records = list(self.parse(feed_format, location, content, options))
        except FeedError as error:
            raise CommandError(f"{location}: {error}") from None

        zone = ""
        if options["timezone"]:
            zone = canonical_zone(options["timezone"])
            if not zone:
                raise CommandError(f"--timezone {options['timezone']!r} is not an IANA time zone")

        slug = options["source"] or default_slug(location)
        if not re.fullmatch(r"[-a-zA-Z0-9_]+", slug):
            raise CommandError(f"--source {slug!r} is not a slug (letters, digits, - and _)")
        source = Source.objects.filter(slug=slug).first()
        program_slug = options["program"] or (
            source.program.slug if source and source.program else DEFAULT_PROGRAM[feed_format]
        )
        program = Program.objects.filter(slug=program_slug).first()
        if program is None:
            known = ", ".join(Program.objects.values_list("slug", flat=True))
            raise CommandError(f"no program {program_slug!r}; known programs: {known}")

        with transaction.atomic():
            if source is None:
                source = Source.objects.create(
                    slug=slug,
                    name=options["name"] or slug.replace("-", " ").replace("_", " ").title(),
                    format=feed_format,
                    url=location if is_url(location) else "",
                    program=program,
                    default_timezone=zone,
                )
            elif source.program is None:
                source.program = program
                source.save(update_fields=["program"])
            report = import_feed(
                source, records, program=program, default_timezone=zone, report=ImportReport(source=slug)
            )
        self.print_report(report, feed_format, program)
        return None

    def parse(self, feed_format: str, location: str, content: str, options: dict):
        if feed_format == "meeting-guide":
            return meeting_guide.parse(content)
        if feed_format == "tsml-csv":
            return tsml_csv.parse(content)
        if feed_format == "oiaa":
            groups_at = options["groups"] or sibling(location, "groups")
            groups = oiaa.load_groups(read_text(groups_at)) if groups_at else None
            return oiaa.parse(content, groups=groups)
        if feed_format == "bmlt":
            formats_at = options["formats"] or sibling(location, "formats")
            bodies_at = options["service_bodies"] or sibling(location, "service-bodies")
            formats = bmlt.load_formats(read_text(formats_at)) if formats_at else None
            bodies = bmlt.load_service_bodies(read_text(bodies_at)) if bodies_at else None
            return bmlt.parse(content, formats=formats, service_bodies=bodies)
        raise CommandError(f"unknown format {feed_format!r}")

    def print_report(self, report: ImportReport, feed_format: str, program: Program) -> None:
        out = self.stdout
        out.write(f"Imported {report.source} ({feed_format}, {program.short_name})")
        out.write(
            f"records: {report.records}, created: {report.created}, updated: {report.updated}, "
            f"unchanged: {report.unchanged}, deactivated: {report.deactivated}"
        )
        out.write(f"problems: {len(report.problems)}")
        for problem in report.problems:
            out.write(f"  {_where(problem)}: {problem['reason']}")
        out.write(f"warnings: {len(report.warnings)}")
        for warning in report.warnings[:MAX_WARNINGS_SHOWN]:
            out.write(f"  {_where(warning)}: {warning['message']}")
        if len(report.warnings) > MAX_WARNINGS_SHOWN:
            out.write(f"  … and {len(report.warnings) - MAX_WARNINGS_SHOWN} more")


def _where(entry: dict) -> str:
    return f"{entry['position']} ({entry['id']})" if entry.get("id") else str(entry["position"])
