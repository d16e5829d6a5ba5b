"""The resource libraries: adding, finding, "this helped me" and deleting. Pages and the API call these.

Who may add: to a group's library, its members who may post there (`access.can_post`); to the site's library,
site staff (facilitator, moderator and administrator roles). Links need http(s) and a trusted author
(`groups.trust.may_post_links`); files go through `groups.files.check_and_clean` and need a trusted author too
(images: `may_post_images`; PDFs carry links: `may_post_links`). Who may delete: the author, the group's staff,
and for the site's library the site staff.
"""

from urllib.parse import urlsplit
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from accounts.models import Role
from lib.vocabularies import Domain

from ..access import can_post, is_group_staff
from ..files import check_and_clean, download_name
from ..markdown import render
from ..models import Resource, ResourceHelped, ResourceKind
from ..models.resources import Need
from ..trust import may_post_images, may_post_links

SITE_LIBRARY_ROLES = (Role.FACILITATOR, Role.MODERATOR, Role.ADMIN)
MAX_DESCRIPTION = 10_000
MAX_WORDS = 8


def render_description(text: str, author) -> str:
    """Sanitised HTML of a description (groups' Markdown: links only from trusted authors, no images, no
    mentions)."""
    if not text:
        return ""
    return render(text, allow_links=may_post_links(author), allow_images=False, mentions=set())


def is_site_library_staff(user) -> bool:
    return bool(user and user.is_authenticated and any(user.has_role(role) for role in SITE_LIBRARY_ROLES))


def can_add(user, group=None):
    """Whether `user` may add to `group`'s library (None: the site's), as a Permission-like truthy value."""
    if group is None:
        return is_site_library_staff(user)
    return can_post(user, group)


def can_delete(user, resource: Resource) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if resource.author_id == user.pk:
        return True
    if resource.group_id is None:
        return is_site_library_staff(user)
    return is_group_staff(user, resource.group)


def _clean_choices(values, choices, field: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [value for value in values if value not in choices]
    if unknown:
        raise ValidationError({field: _("Unknown choice: %(values)s.") % {"values": ", ".join(map(str, unknown))}})
    return values


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in url):
        raise ValidationError({"url": _("Enter a full web address starting with https:// or http://.")})
    return url


def add_resource(
    author,
    *,
    group=None,
    kind: str,
    title: str,
    description: str = "",
    url: str = "",
    file=None,
    domains=(),
    needs=(),
) -> Resource:
    """Add a resource to a group's library (or the site's when `group` is None). Raises PermissionDenied when the
    author may not add there, ValidationError keyed by field otherwise. Files are checked and stripped here."""
    permission = can_add(author, group)
    if not permission:
        raise PermissionDenied(getattr(permission, "reason", "") or _("Only site staff add to the site's library."))
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    description = (description or "").strip()
    if kind not in ResourceKind.values:
        errors["kind"] = [_("Choose a kind of resource.")]
    if not title:
        errors["title"] = [_("Give it a title.")]
    elif len(title) > 150:
        errors["title"] = [_("Keep the title under 150 characters.")]
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = [_("Keep the description under %(n)s characters.") % {"n": MAX_DESCRIPTION}]
    try:
        domains = _clean_choices(domains, Domain.values, "domains")
        needs = _clean_choices(needs, Need.values, "needs")
    except ValidationError as error:
        errors.update(error.message_dict)
    if url or kind == ResourceKind.LINK:
        if not url and kind == ResourceKind.LINK:
            errors["url"] = [_("A link needs its web address.")]
        else:
            try:
                url = _clean_url(url)
            except ValidationError as error:
                errors.update(error.message_dict)
            else:
                if not may_post_links(author):
                    errors["url"] = [_("Links open up after a few days and a few posts here. Thank you for waiting.")]
    cleaned = None
    if kind == ResourceKind.FILE and file is None:
        errors["file"] = [_("Choose a file to add.")]
    if file is not None:
        if kind != ResourceKind.FILE:
            errors["file"] = [_("Choose the kind “File” to add a file.")]
        else:
            try:
                cleaned = check_and_clean(file)
            except ValidationError as error:
                errors.update(error.message_dict)
            else:
                trusted = may_post_images(author) if cleaned.is_image else may_post_links(author)
                if not trusted:
                    errors["file"] = [_("Files open up after a few days and a few posts here. Thank you for waiting.")]
    if not description and kind in (ResourceKind.COPING, ResourceKind.TOOL, ResourceKind.READING) and not url:
        errors["description"] = [_("Say a few words about it.")]
    if errors:
        raise ValidationError(errors)

    resource = Resource(
        group=group,
        author=author,
        kind=kind,
        title=title,
        description=description,
        html=render_description(description, author),
        url=url,
        domains=domains,
        needs=needs,
    )
    if cleaned is not None:
        resource.file_type = cleaned.mime
        resource.file_size = len(cleaned.content)
        resource.file_name = download_name(title, cleaned.extension)
        # A random name: the stored path says nothing of the member or the title.
        resource.file.save(f"{uuid4().hex}.{cleaned.extension}", ContentFile(cleaned.content), save=False)
    try:
        resource.save()
    except Exception:
        if resource.file:
            resource.file.delete(save=False)
        raise
    return resource


def find_resources(user, *, group=None, site_only: bool = False, domain="", need="", kind="", q=""):
    """The resources `user` may see, narrowed by the filters, sorted by "this helped me" then newest.

    `group`: only that group's library; `site_only`: only the site's. Domains and needs are JSON lists; they are
    matched on their JSON text with the quoted value (`"health"`), which is exact for choice values and works the
    same on SQLite and PostgreSQL. One query when evaluated.
    """
    queryset = Resource.objects.visible_to(user).select_related("group", "author")
    if group is not None:
        queryset = queryset.filter(group=group)
    elif site_only:
        queryset = queryset.filter(group__isnull=True)
    if domain:
        queryset = queryset.filter(domains__icontains=f'"{domain}"')
    if need:
        queryset = queryset.filter(needs__icontains=f'"{need}"')
    if kind:
        queryset = queryset.filter(kind=kind)
    for word in (q or "").split()[:MAX_WORDS]:
        queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return queryset.order_by("-helped_count", "-created_at", "-pk")


def tags_of(resource: Resource) -> list[tuple[str, str, str]]:
    """(filter name, value, label) of each domain and need of a resource, for chips that filter the library."""
    domains = dict(Domain.choices)
    needs = dict(Need.choices)
    return [("domain", value, str(domains[value])) for value in resource.domains if value in domains] + [
        ("need", value, str(needs[value])) for value in resource.needs if value in needs
    ]


def set_helped(user, resource: Resource, helped: bool) -> Resource:
    """Say "this helped me" (or take it back); one per member, `helped_count` kept in the same transaction."""
    with transaction.atomic():
        if helped:
            try:
                with transaction.atomic():
                    _, created = ResourceHelped.objects.get_or_create(resource=resource, user=user)
            except IntegrityError:  # a double click racing itself
                created = False
            if created:
                Resource.objects.filter(pk=resource.pk).update(helped_count=F("helped_count") + 1)
        else:
            deleted, _ = ResourceHelped.objects.filter(resource=resource, user=user).delete()
            if deleted:
                Resource.objects.filter(pk=resource.pk, helped_count__gt=0).update(helped_count=F("helped_count") - 1)
    resource.refresh_from_db(fields=["helped_count"])
    return resource


def has_helped(user, resource: Resource) -> bool:
    return ResourceHelped.objects.filter(resource=resource, user=user).exists()


def delete_resource(user, resource: Resource) -> None:
    """Delete a resource and its file (the author, the group's staff, or site staff for the site's library)."""
    if not can_delete(user, resource):
        raise PermissionDenied(_("Only the person who added it or the group's facilitators can remove it."))
    _delete_with_file(resource)


def erase_resources_of(author) -> None:
    """Delete every resource `author` added, with its file (their account is being deleted)."""
    for resource in Resource.objects.filter(author=author):
        _delete_with_file(resource)


def _delete_with_file(resource: Resource) -> None:
    """Delete the row now and its file from storage once the deletion commits."""
    stored = resource.file.name if resource.file else ""
    storage = resource.file.storage if resource.file else None
    resource.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))
