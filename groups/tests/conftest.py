"""Worlds shared by the groups tests: a discussion group with a thread, Harbour's pages world, and the libraries'
and events' world. The helpers that build them are in helpers.py."""

from types import SimpleNamespace

import pytest

from conftest import make_member
from groups.models import Group, Guidelines

from .helpers import add_member, join, make_group, new_thread


@pytest.fixture
def group(member, sponsor):
    """Harbour, a peer-led group where `member` and `sponsor` are members."""
    group = make_group()
    join(member, group)
    join(sponsor, group)
    return group


@pytest.fixture
def thread(group, sponsor):
    """The sponsor's thread "Hard evening" in Harbour, with its first post."""
    return new_thread(sponsor, group)


@pytest.fixture
def world(member, outsider):
    """Harbour (open) with a facilitator, a moderator and `member`; Elsewhere with a member of another group."""
    harbour = Group.objects.create(
        slug="harbour", name="Harbour", kind="peer_led", visibility="open", description="A calm place to talk."
    )
    Guidelines.objects.create(group=harbour, version=1, text="Be kind. What is said here stays here.")
    elsewhere = Group.objects.create(slug="elsewhere", name="Elsewhere", kind="smart", visibility="open")
    gfac = make_member("gfac", display_name="Gale")
    gmod = make_member("gmod", display_name="Morgan")
    other = make_member("othermember", display_name="Otto")
    add_member(harbour, gfac, "facilitator")
    add_member(harbour, gmod, "moderator")
    add_member(harbour, member)
    add_member(elsewhere, other, "facilitator")
    return SimpleNamespace(
        harbour=harbour, elsewhere=elsewhere, gfac=gfac, gmod=gmod, member=member, other=other, outsider=outsider
    )


@pytest.fixture
def library_world(member, outsider):
    """Harbour (members only) with a group facilitator, `member` and a blocked-by-guidelines member; Open Book
    (discussion readable by every member of the site); Elsewhere with a member of another group. The world of the
    resource and event tests."""
    harbour = Group.objects.create(slug="harbour", name="Harbour", kind="peer_led", visibility="open")
    Guidelines.objects.create(group=harbour, version=1, text="Be kind.")
    open_book = Group.objects.create(
        slug="open-book", name="Open Book", kind="peer_led", visibility="open", readable_by_site_members=True
    )
    elsewhere = Group.objects.create(slug="elsewhere", name="Elsewhere", kind="smart", visibility="open")
    gfac = make_member("gfac", display_name="Gale")
    other = make_member("othermember", display_name="Otto")
    add_member(harbour, gfac, "facilitator")
    add_member(harbour, member)
    add_member(open_book, gfac, "facilitator")
    add_member(elsewhere, other)
    return SimpleNamespace(
        harbour=harbour,
        open_book=open_book,
        elsewhere=elsewhere,
        gfac=gfac,
        member=member,
        other=other,
        outsider=outsider,
    )


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def trusting(settings):
    """Links and files are open to everyone (trust comes after days and posts otherwise)."""
    settings.TRUST_MIN_DAYS = 0
    settings.TRUST_MIN_POSTS = 0
