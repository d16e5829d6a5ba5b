"""The moderation queues are linked for the people who work them, and for nobody else."""

import pytest

from conftest import client_for

pytestmark = pytest.mark.django_db

SITE_QUEUE = 'href="/moderation/"'
GROUP_QUEUE = 'href="/groups/harbour/moderation/"'


def test_site_moderators_find_the_site_queue_in_the_header_on_every_page(group_world):
    moderator = client_for(group_world.moderator)
    for url in ("/", "/groups/", "/me/"):
        assert SITE_QUEUE in moderator.get(url).content.decode()
    assert moderator.get("/moderation/").status_code == 200


def test_group_staff_find_their_groups_queue_on_the_group_page(group_world):
    host = client_for(group_world.host)
    page = host.get("/groups/harbour/").content.decode()
    assert GROUP_QUEUE in page
    assert SITE_QUEUE not in page
    assert host.get("/groups/harbour/moderation/").status_code == 200
    # A moderator of another group sees no queue link here, and none in the header.
    other = client_for(group_world.other_host)
    assert 'href="/groups/other/moderation/"' in other.get("/groups/other/").content.decode()
    assert SITE_QUEUE not in other.get("/").content.decode()


def test_members_outsiders_and_visitors_never_see_a_queue_link(client, group_world, outsider):
    viewers = [client_for(group_world.writer), client_for(group_world.reader), client_for(outsider), client]
    for viewer in viewers:
        for url in ("/", "/groups/", "/groups/harbour/"):
            page = viewer.get(url).content.decode()
            assert SITE_QUEUE not in page and GROUP_QUEUE not in page, url
